import {mkdtempSync, readdirSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {LspClient, workspace} from '../lsp/harness'
import {AUTHORITY, PDF_LAYOUT, toMarkdown, GAZETTE} from '../formats/briefs'
import {makePdf} from '../formats/make-fixtures'

describe('the language server\'s "add source" command (issue #9)', () => {
  let root: string
  let lsp: LspClient
  let pdf: string

  beforeAll(async () => {
    root = workspace({'briefcheck.json': JSON.stringify({corpus: ['briefs']}), 'briefs/gazette.md': toMarkdown(GAZETTE)})
    pdf = join(mkdtempSync(join(tmpdir(), 'briefcheck-download-')), 'annual report.pdf')
    writeFileSync(pdf, (await makePdf(AUTHORITY, {...PDF_LAYOUT.AUTHORITY, perPage: [2, 6], twoColumn: [2]})).bytes)
    lsp = await LspClient.start({root, cacheDir: mkdtempSync(join(tmpdir(), 'briefcheck-cache-'))})
    await lsp.next('status', (s) => s.state === 'ready')
  })
  afterAll(async () => {
    await lsp?.stop()
  })

  it('captures a PDF into the corpus folder and indexes it before answering', async () => {
    const answer = await lsp.request<{path: string; title: string; authors: string[]; date: string}>('workspace/executeCommand', {command: 'briefcheck.captureSource', arguments: [{input: pdf}]})
    expect(answer).toMatchObject({title: AUTHORITY.title, authors: ['Mira Castell'], date: '2021-03-04', path: join(root, 'briefs', 'castell-2021-annual-report-harrow-river-authority.md')})
    expect(readdirSync(join(root, 'briefs')).sort()).toEqual(['castell-2021-annual-report-harrow-river-authority.md', 'castell-2021-annual-report-harrow-river-authority.pdf', 'gazette.md'])
    const sources = await lsp.request<Array<{key: string}>>('briefcheck/sources', {})
    expect(sources.map((s) => s.key).sort()).toEqual(['castell2021annual', 'reyes2022harrow'])
    const uri = lsp.open('draft.md', 'The Harrow Dam stands 150 metres tall above the riverbed.\n')
    const sent = await lsp.diagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'figure-conflict'))
    const conflict = sent.diagnostics.find((d) => d.code === 'figure-conflict')!
    expect(conflict.relatedInformation![0].message).toMatch(/120 metres \(p\. 2\)$/)
  })

  it('answers with an error naming the reason when the input cannot be captured', async () => {
    await expect(lsp.request('workspace/executeCommand', {command: 'briefcheck.captureSource', arguments: [{input: join(root, 'nothing.pdf')}]})).rejects.toThrow(/nothing\.pdf: no such file/)
  })
})
