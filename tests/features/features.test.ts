import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {MarkupContent} from 'vscode-languageserver'
import {TextDocument} from 'vscode-languageserver-textdocument'
import {DiskCorpusCache, cacheFolder, CACHE_FORMAT_VERSION, CACHE_FILE} from '../../server/src/workspace/corpus-cache'
import {decodeCacheFile} from '../../server/src/workspace/cache-file'
import {citeAtEdits, definitionEdit, nextFootnoteLabel} from '../../server/src/features/citations'
import {getCodeActions, disableFileEdit} from '../../server/src/features/code-actions'
import {getCodeLenses} from '../../server/src/features/code-lens'
import {completionInputOf, getCompletions} from '../../server/src/features/completion'
import {getDocumentSymbols} from '../../server/src/features/document-symbols'
import {getHover} from '../../server/src/features/hover'
import {escapeMarkdown} from '../../server/src/features/markdown'
import {listSources, matchingSources} from '../../server/src/features/sources'
import {mergeSettings, validateSettings} from '../../server/src/workspace/settings'
import {toDiagnostic} from '../../server/src/protocol/convert'
import {loadCorpus} from '../../server/src/engine/corpus/load'
import {AUTHORITY, GAZETTE, atCursor, corpus, stateFor} from './helpers'

const CLAIM = 'The Harrow Dam stands 150 metres tall above the riverbed.'

describe('escapeMarkdown', () => {
  it.each([
    ['[x](command:evil)', '\\[x\\]\\(command:evil\\)'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert\\(1\\)&gt;'],
    ['*bold* _it_ `code`', '\\*bold\\* \\_it\\_ \\`code\\`'],
    ['# not a heading', '\\# not a heading'],
    ['- not a list', '\\- not a list'],
    ['1. not a list', '1\\. not a list'],
    ['a | b', 'a \\| b'],
    ['AT&T', 'AT&amp;T'],
    ['two\nlines', 'two lines'],
    ['plain text, 120 m.', 'plain text, 120 m.'],
  ])('%s', (input, want) => {
    expect(escapeMarkdown(input)).toBe(want)
  })
})

describe('hover', () => {
  it('shows both sources, their figures in bold and that they disagree', () => {
    const {doc, pos} = atCursor(`The Harrow Dam stands 15|0 metres tall above the riverbed.\n`)
    const hover = getHover(stateFor(doc), doc, pos)!
    const text = (hover.contents as MarkupContent).value
    expect((hover.contents as MarkupContent).kind).toBe('markdown')
    expect(text).toContain('✗ disagrees **Annual Report of the Harrow River Authority** — Mira Castell, Mar 4, 2021')
    expect(text).toContain('> The Harrow Dam stands **120 metres** tall above the riverbed.')
    expect(text).toContain('**135 metres**')
    expect(text).toContain('disagree with each other')
    expect(text).toContain('(file:///corpus/river-authority.md#L8)')
    expect(text).not.toContain('command:')
  })

  it('lists the best matching passages on a claim with no finding, escaped', () => {
    const {doc, pos} = atCursor('A plaque at the cr|est honours the builders of the dam in 2002.\n')
    const text = (getHover(stateFor(doc), doc, pos)!.contents as MarkupContent).value
    expect(text).toContain('Matching source passages')
    expect(text).toContain('**Harrow Dam Marks Twenty Years** — Tomas Reyes, Jun 10, 2022')
    expect(text).toContain('\\[x\\]\\(command:evil\\)')
    expect(text).not.toMatch(/<img|\[x\]\(/)
  })

  it('shows nothing off claims', () => {
    const {doc, pos} = atCursor('We recom|mend more study.\n')
    expect(getHover(stateFor(doc), doc, pos)).toBeUndefined()
  })
})

describe('footnote numbering and citation edits', () => {
  it.each([
    ['No notes.', '1'],
    ['One.[^1] Two.[^2]\n\n[^1]: a\n[^2]: b\n', '3'],
    ['Named.[^note] Ten.[^10]\n', '11'],
  ])('%s → [^%s]', (text, label) => {
    expect(nextFootnoteLabel(text)).toBe(label)
  })

  it('adds a blank line before the first definition but not between definitions', () => {
    const plain = TextDocument.create('file:///d.md', 'markdown', 1, 'Text.')
    expect(definitionEdit(plain, '1', 'Ref').newText).toBe('\n\n[^1]: Ref\n')
    const notes = TextDocument.create('file:///d.md', 'markdown', 1, 'Text.[^1]\n\n[^1]: A.\n')
    expect(definitionEdit(notes, '2', 'Ref').newText).toBe('[^2]: Ref\n')
  })

  it('inserts a pandoc key at the cursor with a space after a word', () => {
    const {doc, pos} = atCursor('Dams are tall|.')
    const edits = citeAtEdits(doc, pos, corpus.sources[0], 'pandoc')
    expect(TextDocument.applyEdits(doc, edits)).toBe('Dams are tall [@rva2021].')
  })
})

describe('code actions', () => {
  const actionsFor = (text: string, code: string, config = {}) => {
    const doc = TextDocument.create('file:///ws/draft.md', 'markdown', 1, text)
    const state = stateFor(doc, config, {acceptedFile: {path: '/ws/.briefcheck/accepted.json', text: undefined}, canCreateFiles: true})
    const diagnostic = state.result.messages.map((m) => toDiagnostic(m)).find((d) => d.code === code)!
    return {doc, actions: getCodeActions(state, doc, {textDocument: {uri: doc.uri}, range: diagnostic.range, context: {diagnostics: [diagnostic]}})}
  }

  it('offers cite, accept and disable actions for an uncited claim', () => {
    const {actions} = actionsFor(`${CLAIM}\n`, 'uncited-claim')
    expect(actions.map((a) => a.title)).toEqual([
      'Cite Annual Report of the Harrow River Authority (Castell, 2021)',
      'Cite Harrow Dam Marks Twenty Years (Reyes, 2022)',
      'Accept this claim as uncited (common knowledge)',
      'Disable uncited-claim for this line',
      'Disable uncited-claim for this file',
    ])
  })

  it('writes the accepted claim with its workspace-relative file into .briefcheck/accepted.json', () => {
    const {actions} = actionsFor(`${CLAIM}\n`, 'uncited-claim')
    const accept = actions.find((a) => a.title.startsWith('Accept'))!
    const [create, edit] = accept.edit!.documentChanges! as [{kind: string; uri: string}, {edits: Array<{newText: string}>}]
    expect(create).toMatchObject({kind: 'create', uri: 'file:///ws/.briefcheck/accepted.json', options: {ignoreIfExists: true}})
    expect(JSON.parse(edit.edits[0].newText)).toEqual({version: 1, accepted: [{text: CLAIM, rule: 'uncited-claim', file: 'draft.md'}]})
  })

  it('puts the disable-file comment after the front matter', () => {
    const doc = TextDocument.create('file:///d.md', 'markdown', 1, '---\ntitle: x\n---\n# Brief\n')
    expect(TextDocument.applyEdits(doc, [disableFileEdit(doc, 'uncited-claim')])).toBe('---\ntitle: x\n---\n<!-- briefcheck-disable-file uncited-claim -->\n# Brief\n')
  })

  it('offers the replacement figures of a conflict', () => {
    const {doc, actions} = actionsFor(`${CLAIM}\n`, 'figure-conflict')
    const replace = actions.filter((a) => a.title.startsWith('Replace'))
    expect(replace.map((a) => a.title)).toEqual(['Replace 150 metres with 120 m (per rva2021)', 'Replace 150 metres with 135 m (per reyes2022harrow)'])
    expect(TextDocument.applyEdits(doc, replace[0].edit!.changes![doc.uri])).toBe('The Harrow Dam stands 120 m tall above the riverbed.\n')
  })
})

describe('completion', () => {
  it('lists footnote labels with their text after [^', () => {
    const {doc, pos} = atCursor('Dams.[^|\n\n[^src]: The authority report.\n')
    const list = getCompletions(completionInputOf(stateFor(doc)), doc, pos)
    expect(list.items.map((i) => [i.label, i.detail])).toEqual([['src', 'The authority report.']])
  })

  it('completes a quotation from the corpus with a footnote citation', () => {
    const {doc, pos} = atCursor('He said "the Harrow Dam stands|\n')
    const list = getCompletions(completionInputOf(stateFor(doc)), doc, pos)
    expect(list.items.length).toBeGreaterThan(0)
    const first = list.items[0]
    const edited = TextDocument.applyEdits(doc, [first.textEdit as never, ...(first.additionalTextEdits ?? [])])
    expect(edited).toMatch(/^He said "The Harrow Dam stands (120|135) metres tall above the riverbed(, engineers said)?"\[\^1\]\n\n\[\^1\]: .+\n$/)
  })

  it('waits for two typed words after the quotation mark', () => {
    const {doc, pos} = atCursor('He said "Harrow|\n')
    expect(getCompletions(completionInputOf(stateFor(doc)), doc, pos).items).toEqual([])
  })

  it('uses [@key] in pandoc style', () => {
    const {doc, pos} = atCursor('He said "the Harrow Dam stands|\n')
    const item = getCompletions(completionInputOf(stateFor(doc, {citationStyle: 'pandoc'})), doc, pos).items[0]
    expect((item.textEdit as {newText: string}).newText).toMatch(/" \[@(rva2021|reyes2022harrow)\]$/)
    expect(item.additionalTextEdits).toEqual([])
  })
})

describe('document symbols and code lens', () => {
  it('nests headings by depth', () => {
    const {doc} = atCursor('# Brief\n\nIntro.\n\n## Dams\n\nText.\n\n### Height\n\n## Rivers\n')
    const symbols = getDocumentSymbols(stateFor(doc).result.analysis.draft, doc)
    expect(symbols.map((s) => [s.name, s.children!.map((c) => [c.name, c.children!.map((g) => g.name)])])).toEqual([
      ['Brief', [['Dams', ['Height']], ['Rivers', []]]],
    ])
  })

  it('counts claims, cited claims and conflicts', () => {
    const {doc} = atCursor(`${CLAIM}\n\nThe reservoir holds 2.1 billion cubic metres of water [@rva2021].\n`)
    expect(getCodeLenses(stateFor(doc))[0].command!.title).toBe('2 claims, 1 cited, 1 conflict')
  })
})

describe('custom requests', () => {
  it('lists sources and the evidence at a finding', () => {
    expect(listSources(corpus).map((s) => s.key)).toEqual(['rva2021', 'reyes2022harrow'])
    const {doc, pos} = atCursor(`The Harrow Dam stands 15|0 metres tall above the riverbed.\n`)
    expect(matchingSources(stateFor(doc), doc, pos).map((m) => m.path)).toEqual(['/corpus/river-authority.md', '/corpus/valley-gazette.md'])
  })
})

describe('settings', () => {
  it('lets a changed setting override briefcheck.json and keeps the file otherwise', () => {
    const file = {config: {corpus: ['briefs'], citationStyle: 'pandoc' as const, citationScope: 'sentence' as const, rules: {'uncited-claim': 'hint' as const}}, baseDir: '/ws/docs', path: '/ws/docs/briefcheck.json', problems: []}
    const untouched = mergeSettings(file, validateSettings({corpus: [], citationStyle: 'footnote'}).settings, '/ws')
    expect(untouched).toMatchObject({corpus: ['briefs'], baseDir: '/ws/docs', config: {citationStyle: 'pandoc', rules: {'uncited-claim': 'hint'}}})
    const changed = mergeSettings(file, validateSettings({corpus: ['other'], rules: {'uncited-claim': 'off'}, maxFileSizeMB: 1}).settings, '/ws')
    expect(changed).toMatchObject({corpus: ['other'], baseDir: '/ws', maxFileBytes: 1048576, config: {rules: {'uncited-claim': 'off'}}})
  })

  it('does not let rule settings at their defaults (VS Code sends them all) override briefcheck.json', () => {
    const file = {config: {corpus: [], citationStyle: 'footnote' as const, citationScope: 'sentence' as const, rules: {'uncited-claim': 'error' as const, 'figure-conflict': 'hint' as const}}, baseDir: '/ws', problems: []}
    const sent = validateSettings({rules: {'uncited-claim': 'warning', 'figure-conflict': 'error', 'quote-not-found': 'information'}}).settings
    expect(mergeSettings(file, sent, '/ws').config.rules).toEqual({'uncited-claim': 'error', 'figure-conflict': 'error'})
  })

  it('reports bad values and keeps the defaults', () => {
    const {settings, problems} = validateSettings({enable: 'yes', citationStyle: 'apa', rules: {nope: 'off'}})
    expect(settings).toMatchObject({enable: true, citationStyle: 'footnote', rules: {}})
    expect(problems).toHaveLength(3)
  })
})

describe('disk corpus cache', () => {
  const files = () => {
    const dir = mkdtempSync(join(tmpdir(), 'bc-src-'))
    writeFileSync(join(dir, 'a.md'), AUTHORITY)
    writeFileSync(join(dir, 'b.md'), GAZETTE)
    return dir
  }

  it('serves an unchanged corpus from disk and ignores a corrupt or older index', async () => {
    const dir = files()
    const cacheDir = mkdtempSync(join(tmpdir(), 'bc-cache-'))
    const logs: string[] = []
    const first = new DiskCorpusCache(cacheDir, (m) => logs.push(m))
    first.beginLoad()
    const built = await loadCorpus(['.'], {baseDir: dir, cache: first})
    await first.flush()
    expect(first.stats).toEqual({sourceHits: 0, sourceMisses: 2, indexHit: false})

    const second = new DiskCorpusCache(cacheDir, (m) => logs.push(m))
    second.beginLoad()
    const loaded = await loadCorpus(['.'], {baseDir: dir, cache: second})
    expect(second.stats).toEqual({sourceHits: 2, sourceMisses: 0, indexHit: true})
    expect(loaded.retrieve('dam height metres', 3)).toEqual(built.retrieve('dam height metres', 3))

    writeFileSync(join(cacheDir, CACHE_FILE), '{not json')
    const third = new DiskCorpusCache(cacheDir, (m) => logs.push(m))
    third.beginLoad()
    await loadCorpus(['.'], {baseDir: dir, cache: third})
    await third.flush()
    expect(third.stats.indexHit).toBe(false)
    expect(logs.some((l) => l.includes('corrupt'))).toBe(true)

    const older = readFileSync(join(cacheDir, CACHE_FILE))
    older.writeUInt32LE(CACHE_FORMAT_VERSION + 1, 4)
    writeFileSync(join(cacheDir, CACHE_FILE), older)
    const fourth = new DiskCorpusCache(cacheDir, (m) => logs.push(m))
    fourth.beginLoad()
    await loadCorpus(['.'], {baseDir: dir, cache: fourth})
    expect(fourth.stats.indexHit).toBe(false)
    expect(logs.some((l) => l.includes(`expected ${CACHE_FORMAT_VERSION}`))).toBe(true)
  })

  it('rebuilds the index from the cached term counts when a source changes, and from the stored text when they are damaged', async () => {
    const dir = files()
    const cacheDir = mkdtempSync(join(tmpdir(), 'bc-cache-'))
    const logs: string[] = []
    const load = async () => {
      const cache = new DiskCorpusCache(cacheDir, (m) => logs.push(m))
      cache.beginLoad()
      const loaded = await loadCorpus(['.'], {baseDir: dir, cache})
      await cache.flush()
      return {loaded, stats: cache.stats}
    }
    const fresh = () => loadCorpus(['.'], {baseDir: dir})
    const answers = (c: Awaited<ReturnType<typeof fresh>>) =>
      ['dam height metres', 'reservoir water', 'plaque crest builders'].map((q) => c.retrieve(q, 5).map((h) => ({...h, text: c.sentences[h.sentence].text})))
    await load()

    // One source changes: the other's term counts come from the cache file's term section.
    writeFileSync(join(dir, 'b.md'), GAZETTE + '\nThe spillway was widened to 40 metres in 2019, the authority said.\n')
    const changed = await load()
    expect(changed.stats).toEqual({sourceHits: 1, sourceMisses: 1, indexHit: false})
    expect(answers(changed.loaded)).toEqual(answers(await fresh()))
    expect(answers(changed.loaded)[0].some((h) => h.text.includes('spillway'))).toBe(true)

    // The term section damaged in place (size unchanged): the counts are taken again from the stored texts.
    const file = readFileSync(join(cacheDir, CACHE_FILE))
    const {header} = decodeCacheFile(file, CACHE_FORMAT_VERSION)
    file.fill(0xff, file.length - header.terms)
    writeFileSync(join(cacheDir, CACHE_FILE), file)
    writeFileSync(join(dir, 'a.md'), AUTHORITY.replace('120 metres', '125 metres'))
    const damaged = await load()
    expect(damaged.stats).toEqual({sourceHits: 1, sourceMisses: 1, indexHit: false})
    expect(answers(damaged.loaded)).toEqual(answers(await fresh()))
    // And the file rewritten from those counts serves the next start whole.
    const again = await load()
    expect(again.stats).toEqual({sourceHits: 2, sourceMisses: 0, indexHit: true})
    expect(answers(again.loaded)).toEqual(answers(await fresh()))
  })

  it('never puts the cache inside the workspace', () => {
    const env = {XDG_CACHE_HOME: '/xdg'}
    expect(cacheFolder('/ws', undefined, env).dir).toMatch(/^\/xdg\/briefcheck\/[0-9a-f]{40}$/)
    expect(cacheFolder('/ws', '/ws/.cache', env)).toMatchObject({dir: expect.stringMatching(/^\/xdg\//), problem: expect.any(String)})
    expect(cacheFolder('/ws', '/tmp/c', env).dir).toBe('/tmp/c')
  })
})
