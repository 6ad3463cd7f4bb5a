import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {checkDraft} from '../../server/src/engine/check'
import {DEFAULT_CONFIG} from '../../server/src/engine/config'
import {buildReport, REPORT_VERSION} from '../../server/src/engine/report/model'
import {renderHtml} from '../../server/src/report/html'
import {runCli, workspace} from '../helpers/cli'
import {corpusOf} from '../helpers/engine'

/** An invented dam project: two sources that disagree on the height; one holds hostile markup. */
const corpus = corpusOf({
  'authority.md': '---\nid: basin2021dam\ntitle: "The Orrin Dam: Costs and Schedule"\nauthor: Mara Quint\ndate: 2021-03-04\n---\n\n## Costs\n\nThe Orrin Dam will stand 120 metres tall. The authority put the total cost at $2.4 billion. The minister said the dam would "end the cycle of floods and droughts in the valley."\n',
  'monitor.md': '---\ntitle: "Orrin Dam Review <script>alert(1)</script>"\nauthor: Tom Ekwe\ndate: 2022-08-15\n---\n\nEngineers now expect the Orrin Dam to stand 135 metres tall <img src=x onerror=alert(2)>.\n',
})

const DRAFT = `# The Orrin Dam

## Costs

The authority put the total cost at $2.4 billion [@basin2021dam]. The dam will cost $3.1 billion to build [@basin2021dam].

## Height

The Orrin Dam will stand 120 metres tall. The minister said the dam would "end the cycle of floods in the valley" [@basin2021dam].

The valley has about 2,000 residents.[^1] Our view is that the dam should be finished.

[^1]: Valley census office, 2020.
`

const report = (accepted: Array<{text: string}> = []) => buildReport(checkDraft(DRAFT, {corpus, config: DEFAULT_CONFIG, accepted}), accepted)

describe('the report model', () => {
  it('lists every claim in document order with its status, and counts them by status and section', () => {
    const r = report()
    expect(r.version).toBe(REPORT_VERSION)
    expect(r.claims.map((c) => [c.id, c.status, c.section, c.text.slice(0, 20)])).toEqual([
      ['c1', 'supported', 'Costs', 'The authority put th'],
      ['c2', 'conflicting', 'Costs', 'The dam will cost $3'],
      ['c3', 'sources-disagree', 'Height', 'The Orrin Dam will s'],
      ['c4', 'quote-differs', 'Height', 'The minister said th'],
      ['c5', 'cited-unsupported', 'Height', 'The valley has about'],
    ])
    expect(r.claims[0].passage).toMatchObject({key: 'basin2021dam', title: 'The Orrin Dam: Costs and Schedule', author: 'Mara Quint', date: '2021-03-04', section: 'Costs'})
    expect(r.claims[2].findings.map((f) => f.ruleId)).toContain('uncited-claim')
    expect(r.summary.total).toBe(5)
    expect(r.summary.byStatus).toMatchObject({supported: 1, conflicting: 1, 'sources-disagree': 1, 'quote-differs': 1, 'cited-unsupported': 1, uncited: 0, accepted: 0})
    expect(r.summary.sections.map((s) => [s.section, s.total])).toEqual([['Costs', 2], ['Height', 3]])
  })

  it('marks a claim accepted as common knowledge', () => {
    const text = 'The Orrin flows into the sea at Port Vell.\n'
    const accepted = [{text: 'The Orrin flows into the sea at Port Vell.'}]
    expect(buildReport(checkDraft(text, {corpus, config: DEFAULT_CONFIG}), []).claims.map((c) => c.status)).toEqual(['uncited'])
    expect(buildReport(checkDraft(text, {corpus, config: DEFAULT_CONFIG, accepted}), accepted).claims.map((c) => c.status)).toEqual(['accepted'])
  })
})

describe('the HTML page', () => {
  const html = renderHtml([{path: 'draft.md', report: report()}])

  it('escapes corpus text: no markup from a source reaches the page', () => {
    expect(html).not.toContain('<script>alert')
    expect(html).not.toContain('<img')
    expect(html).toContain('Orrin Dam Review &#60;script&#62;alert(1)&#60;/script&#62;')
    expect(html.match(/<script\b/g)).toHaveLength(1)
  })

  it('loads nothing: a strict policy allowing only its own inline style and script by hash', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1].replace(/&#39;/g, "'")
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]
    const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`
    expect(csp).toBe(`default-src 'none'; style-src ${sha(style)}; script-src ${sha(script)}; img-src data:; base-uri 'none'; form-action 'none'`)
    expect(html).not.toMatch(/\b(?:src|href)="(?!#)/)
  })

  it('offers a filter per status and one article per claim', () => {
    expect(html.match(/<button type="button" data-status="/g)).toHaveLength(7)
    expect(html.match(/<article class="claim /g)).toHaveLength(5)
    expect(html).toContain('<button type="button" data-status="conflicting" aria-pressed="true">Conflicting (1)</button>')
  })
})

describe('briefcheck report (CLI)', () => {
  const dir = workspace({'briefs/authority.md': readFileSync(join(__dirname, '..', '..', 'examples', 'briefs', 'borshchevskaya-2019-us-russia-meeting-jerusalem.md'), 'utf8'), 'draft.md': DRAFT})

  it('writes the HTML page with -o and exits 0', async () => {
    const {code, stderr} = await runCli(['report', '--corpus', 'briefs', 'draft.md', '-o', 'review.html'], dir)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const page = readFileSync(join(dir, 'review.html'), 'utf8')
    expect(page).toMatch(/^<!doctype html>/)
    expect(page).toContain('<title>Fact-check review: draft.md</title>')
  })

  it('prints the same data as versioned JSON', async () => {
    const {code, stdout} = await runCli(['report', '--corpus', 'briefs', 'draft.md', '--format', 'json'], dir)
    expect(code).toBe(0)
    const json = JSON.parse(stdout)
    expect(json.version).toBe(1)
    expect(json.drafts[0].path).toBe('draft.md')
    expect(json.drafts[0].claims.length).toBe(json.drafts[0].summary.total)
    expect(Object.keys(json.drafts[0].claims[0])).toEqual(expect.arrayContaining(['id', 'text', 'range', 'section', 'status', 'statusNote', 'citations', 'findings', 'passage']))
  })

  it('exits 2 with a one-line error for a missing draft', async () => {
    const {code, stderr} = await runCli(['report', '--corpus', 'briefs', 'missing.md'], dir)
    expect(code).toBe(2)
    expect(stderr).toBe('briefcheck: cannot read missing.md: no such file\n')
  })
})
