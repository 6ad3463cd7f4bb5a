import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {CodeAction, Diagnostic} from 'vscode-languageserver-protocol'
import {buildTestLibrary, type TestLibrary} from '../helpers/zotero-library'
import {applyWorkspaceEdit, LspClient, workspace} from '../lsp/harness'

// Footnotes the quick fix inserts are compared with what citeproc-js itself prints for the same
// item (the CSL record written out here from the test library's data, not taken from the product)
// in the same style, with the same locator: issue #16's "match citeproc's output".

const CSL = join(__dirname, '..', '..', 'dist', 'csl')
// eslint-disable-next-line @typescript-eslint/no-require-imports
const citeproc = require('citeproc') as {Engine: new (sys: object, style: unknown, lang?: string, force?: boolean) => {setOutputFormat(f: string): void; updateItems(ids: string[]): void; makeCitationCluster(c: object[]): string}}

/** citeproc's own note for an item (HTML output; emphasis in Markdown), with a page locator. */
function citeprocNote(style: string, item: object & {id: string}, page?: string): string {
  const sys = {retrieveItem: () => item, retrieveLocale: (lang: string) => JSON.parse(readFileSync(join(CSL, `locale-${lang}.json`), 'utf8'))}
  const engine = new citeproc.Engine(sys, JSON.parse(readFileSync(join(CSL, `style-${style}.json`), 'utf8')), 'en-US', true)
  engine.setOutputFormat('html')
  engine.updateItems([item.id])
  const html = engine.makeCitationCluster([{id: item.id, ...(page ? {locator: page, label: 'page'} : {})}])
  return html
    .replace(/<i>(.*?)<\/i>/g, '*$1*')
    .replace(/<b>(.*?)<\/b>/g, '**$1**')
    .replace(/<[^>]+>/g, '')
    .replace(/&#38;/g, '&')
    .replace(/&amp;/g, '&')
    .trim()
}

let lib: TestLibrary

beforeAll(async () => {
  lib = await buildTestLibrary()
})

async function insertedNote(settings: Record<string, unknown>): Promise<string> {
  const root = workspace({'briefcheck.json': JSON.stringify({corpus: [`zotero:${lib.dataDir}#Water`]})})
  const lsp = await LspClient.start({root, settings})
  try {
    await lsp.next('status', (s) => s.state === 'ready')
    const uri = lsp.open('draft.md', '# Brief\n\nThe Harrow Dam stands 120 metres tall above the riverbed.\n')
    const {diagnostics} = await lsp.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'uncited-claim'))
    const uncited = diagnostics.find((d) => d.code === 'uncited-claim') as Diagnostic
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {textDocument: {uri}, range: uncited.range, context: {diagnostics: [uncited]}})
    const cite = actions.find((a) => a.title.startsWith('Cite Annual Report'))!
    expect(cite.title).toMatch(/, p\. 2$/)
    const fixed = applyWorkspaceEdit(lsp.text(uri), uri, cite.edit!)
    return /\n\[\^1\]: (.*)\n$/.exec(fixed)![1]
  } finally {
    await lsp.stop()
  }
}

describe('CSL-styled footnotes', () => {
  const item = () => ({
    id: 'castell2021annual',
    type: 'report',
    title: lib.pdf.title,
    author: [{family: 'Castell', given: 'Mira'}],
    issued: {'date-parts': [[2021, 3, 4]]},
    publisher: 'Harrow River Authority',
    URL: 'https://harrow.example/annual-report',
    DOI: '10.5555/harrow.2021.1',
  })

  it('inserts the Chicago notes-bibliography note citeproc makes, the PDF page as locator', async () => {
    const note = await insertedNote({})
    expect(note).toBe(citeprocNote('chicago-fullnote-bibliography', item(), '2'))
    expect(note).toContain('Mira Castell')
  })

  it('inserts APA when the setting names it', async () => {
    const note = await insertedNote({cslStyle: 'apa'})
    expect(note).toBe(citeprocNote('apa', item(), '2'))
    expect(note).toContain('2021')
  })
})
