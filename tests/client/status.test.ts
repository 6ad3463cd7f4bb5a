import {describe, expect, it} from 'vitest'
import {COMMANDS, StatusView, TOOLTIP_PROBLEMS, parseStatus, statusCommand, statusText, statusTooltip, type BriefcheckStatus} from '../../client/src/status'

const ready = (over: Partial<BriefcheckStatus> = {}): BriefcheckStatus => ({state: 'ready', sources: 14, sentences: 1203, problems: [], ...over})
const problems = (n: number) => Array.from({length: n}, (_, i) => ({path: `briefs/b${i}.md`, reason: 'not UTF-8'}))

describe('statusText', () => {
  it.each([
    [ready(), '$(book) Briefcheck: 14 sources'],
    [ready({sources: 1}), '$(book) Briefcheck: 1 source'],
    [ready({problems: problems(2)}), '$(warning) Briefcheck: 2 corpus problems'],
    [ready({problems: problems(1)}), '$(warning) Briefcheck: 1 corpus problem'],
    [{state: 'indexing', sources: 0, sentences: 0, problems: [], progress: 40}, '$(sync~spin) Briefcheck: indexing 40%'],
    [{state: 'indexing', sources: 0, sentences: 0, problems: []}, '$(sync~spin) Briefcheck: indexing…'],
    [{state: 'no-corpus', sources: 0, sentences: 0, problems: []}, '$(book) Briefcheck: no corpus'],
    [{state: 'error', sources: 0, sentences: 0, problems: [], message: 'EACCES'}, '$(error) Briefcheck: corpus error'],
  ] satisfies Array<[BriefcheckStatus, string]>)('%j shows %s', (status, text) => {
    expect(statusText(status)).toBe(text)
  })
})

describe('statusTooltip', () => {
  it('counts sources and sentences when ready', () => {
    expect(statusTooltip(ready())).toBe('14 sources, 1203 sentences indexed.\nClick to show the corpus sources.')
  })

  it('lists the problems as the output channel logs them', () => {
    const tooltip = statusTooltip(ready({problems: [{path: 'briefs/a.pdf', reason: 'unsupported format'}]}))
    expect(tooltip).toContain('1 corpus problem:\ncorpus: briefs/a.pdf: unsupported format')
    expect(tooltip).toContain('Click to open the Briefcheck output.')
  })

  it('caps a long list and says how many more', () => {
    const tooltip = statusTooltip(ready({problems: problems(TOOLTIP_PROBLEMS + 3)}))
    expect(tooltip.split('\n').filter((line) => line.startsWith('corpus: '))).toHaveLength(TOOLTIP_PROBLEMS)
    expect(tooltip).toContain('… and 3 more')
  })

  it('gives the error message', () => {
    expect(statusTooltip({state: 'error', sources: 0, sentences: 0, problems: [], message: 'EACCES: /srv/briefs'})).toContain('EACCES: /srv/briefs')
  })
})

describe('statusCommand', () => {
  it('lists the sources when the corpus is fine', () => {
    expect(statusCommand(ready())).toBe(COMMANDS.showSources)
  })

  it('opens the output when there are problems or an error', () => {
    expect(statusCommand(ready({problems: problems(1)}))).toBe(COMMANDS.showOutput)
    expect(statusCommand({state: 'error', sources: 0, sentences: 0, problems: []})).toBe(COMMANDS.showOutput)
  })

  it('offers to pick a folder when there is no corpus', () => {
    expect(statusCommand({state: 'no-corpus', sources: 0, sentences: 0, problems: []})).toBe(COMMANDS.pickCorpusFolder)
  })
})

describe('parseStatus', () => {
  it('accepts the contract’s shape', () => {
    expect(parseStatus({state: 'indexing', sources: 3, sentences: 80, problems: [{path: 'a.md', reason: 'empty'}], progress: 40.4})).toEqual({
      state: 'indexing',
      sources: 3,
      sentences: 80,
      problems: [{path: 'a.md', reason: 'empty'}],
      progress: 40,
    })
  })

  it('rejects an unknown state or a non-object', () => {
    expect(parseStatus({state: 'sleeping', sources: 1})).toBeUndefined()
    expect(parseStatus(null)).toBeUndefined()
    expect(parseStatus('ready')).toBeUndefined()
  })

  it('drops malformed problems and clamps numbers instead of throwing', () => {
    expect(parseStatus({state: 'ready', sources: -2, sentences: 'many', problems: [{path: 'a.md'}, 'b', {path: 'c.md', reason: 'bad'}], progress: 180})).toEqual({
      state: 'ready',
      sources: 0,
      sentences: 0,
      problems: [{path: 'c.md', reason: 'bad'}],
      progress: 100,
    })
  })
})

describe('StatusView', () => {
  const setup = () => {
    const item = {text: '', tooltip: undefined as unknown, command: undefined as unknown, shown: 0, show() {
      this.shown++
    }}
    const lines: string[] = []
    return {item, lines, view: new StatusView(item, {appendLine: (line) => lines.push(line)})}
  }

  it('logs each corpus problem once, however often the server resends it', () => {
    const {lines, view} = setup()
    view.update(ready({problems: [{path: 'a.md', reason: 'empty'}]}))
    view.update({state: 'indexing', sources: 0, sentences: 0, problems: [{path: 'a.md', reason: 'empty'}], progress: 10})
    view.update(ready({problems: [{path: 'a.md', reason: 'empty'}, {path: 'b.bib', reason: 'parse error at line 3'}]}))
    expect(lines).toEqual(['corpus: a.md: empty', 'corpus: b.bib: parse error at line 3'])
  })

  it('sets text, tooltip and command on the item and shows it', () => {
    const {item, view} = setup()
    view.update(ready())
    expect(item).toMatchObject({text: '$(book) Briefcheck: 14 sources', command: COMMANDS.showSources, shown: 1})
    expect(item.tooltip).toContain('14 sources')
  })

  it('logs an error message once while it persists', () => {
    const {lines, view} = setup()
    const error: BriefcheckStatus = {state: 'error', sources: 0, sentences: 0, problems: [], message: 'EACCES'}
    view.update(error)
    view.update(error)
    expect(lines).toEqual(['corpus: error: EACCES'])
  })

  it('says when the server failed to start', () => {
    const {item, lines, view} = setup()
    view.failed('Cannot find module dist/server.js')
    expect(item.text).toBe('$(error) Briefcheck: not running')
    expect(lines).toEqual(['server: failed to start: Cannot find module dist/server.js'])
  })
})
