import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {CodeAction, CompletionList, Diagnostic} from 'vscode-languageserver-protocol'
import {URI} from 'vscode-uri'
import {appendEntry} from '../../server/src/engine/citations/bib-entry'
import {bibtexToCsl, parseBibliographyText} from '../../server/src/engine/citations/draft-bibliography'
import {runCli} from '../helpers/cli'
import {applyWorkspaceEdit, LspClient, workspace} from '../lsp/harness'

const AUTHORITY = `---
title: Annual Report of the Harrow River Authority
author: Mira Castell
date: 2021-03-04
publisher: Harrow River Authority
---
The Harrow Dam stands 120 metres tall above the riverbed.

Maintenance expenditure reached 4.2 million euros in 2020.
`

const REFS = `@book{nobody2019outside,
  title = {A Book Outside the Corpus},
  author = {Nobody, Anne},
  year = {2019},
  publisher = {Small Press}
}

@report{harrowreport,
  title = {Annual Report of the {Harrow} River Authority},
  author = {Castell, Mira},
  year = {2021}
}
`

// A Quarto draft: front matter with a bibliography, an R chunk with options, a callout, a
// cross-reference and inline R code.
const DRAFT = `---
title: "The Harrow after twenty years"
format: html
bibliography: refs.bib
---

\`\`\`{r}
#| label: fig-levels
#| echo: false
plot(levels, main = "Reservoir fell 45 percent in 2019")
\`\`\`

::: {.callout-note}
## Note
The Harrow Dam stands 150 metres tall above the riverbed [@harrowreport].
:::

As @fig-levels shows, the reservoir level is tracked by \`r nrow(gauges)\` gauges [@nobody2019outside].

Maintenance expenditure reached 4.2 million euros in 2020 [@nosuch2020].

Maintenance expenditure reached 4.2 million euros in 2020.
`

describe('a Quarto draft with a pandoc bibliography', () => {
  let lsp: LspClient
  let root: string
  beforeAll(async () => {
    root = workspace({'briefcheck.json': JSON.stringify({corpus: ['briefs']}), 'briefs/authority.md': AUTHORITY, 'refs.bib': REFS})
    lsp = await LspClient.start({root})
    await lsp.next('status', (s) => s.state === 'ready')
  })
  afterAll(async () => {
    await lsp?.stop()
  })

  it('knows the keys of refs.bib, reports the one defined nowhere, reads the callout and skips the chunk', async () => {
    const uri = lsp.open('draft.qmd', DRAFT, 'quarto')
    const {diagnostics} = await lsp.diagnostics(uri, (p) => p.diagnostics.length > 0)
    const unknown = diagnostics.filter((d) => d.code === 'unknown-citation')
    expect(unknown.map((d) => d.message)).toEqual(['Unknown citation key @nosuch2020: no corpus source or bibliography entry has this key'])
    // The callout's sentence is checked, and its refs.bib key resolves to the corpus source (same title).
    const conflict = diagnostics.find((d) => d.code === 'figure-conflict')!
    expect(conflict.range.start.line).toBe(14)
    expect(diagnostics.map((d) => d.message).join('\n')).not.toMatch(/45 percent|fig-levels/)
  })

  it('cites a corpus source by key and appends its entry to refs.bib in the same edit', async () => {
    const uri = lsp.uri('draft.qmd')
    const {diagnostics} = await lsp.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'uncited-claim'))
    const uncited = diagnostics.find((d) => d.code === 'uncited-claim') as Diagnostic
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {textDocument: {uri}, range: uncited.range, context: {diagnostics: [uncited]}})
    const cite = actions.find((a) => a.title.startsWith('Cite Annual Report'))!
    const bibUri = URI.file(join(root, 'refs.bib')).toString()
    expect(Object.keys(cite.edit!.changes!).sort()).toEqual([bibUri, uri].sort())
    const draft = applyWorkspaceEdit(lsp.text(uri), uri, cite.edit!)
    expect(draft).toContain('Maintenance expenditure reached 4.2 million euros in 2020 [@castell2021annual].\n')
    const bib = applyWorkspaceEdit(REFS, bibUri, cite.edit!)
    expect(bib.startsWith(REFS)).toBe(true)
    const entries = parseBibliographyText(bib, 'bibtex')
    expect(entries.map((e) => e.key)).toEqual(['nobody2019outside', 'harrowreport', 'castell2021annual'])
    const added = bibtexToCsl(bib).find((i) => i.id === 'castell2021annual')!
    expect(added).toMatchObject({title: 'Annual Report of the Harrow River Authority', author: [{family: 'Castell', given: 'Mira'}]})
    // Once the file holds the key, the quick fix cites without appending again.
    writeFileSync(join(root, 'refs.bib'), bib)
    const again = await lsp.request<CodeAction[]>('textDocument/codeAction', {textDocument: {uri}, range: uncited.range, context: {diagnostics: [uncited]}})
    expect(Object.keys(again.find((a) => a.title.startsWith('Cite Annual Report'))!.edit!.changes!)).toEqual([uri])
  })

  it('completes the bibliography keys and finds sources by words of their title or passages', async () => {
    const uri = lsp.open('complete.qmd', '---\nbibliography: refs.bib\n---\n\nSee [@nob\n\nSee [@harrow dam\n', 'quarto')
    await lsp.diagnostics(uri)
    const keys = await lsp.request<CompletionList>('textDocument/completion', {textDocument: {uri}, position: {line: 4, character: 9}})
    expect(keys.items.map((i) => i.label)).toContain('nobody2019outside')
    const search = await lsp.request<CompletionList>('textDocument/completion', {textDocument: {uri}, position: {line: 6, character: 16}})
    expect(search.items[0]).toMatchObject({label: 'castell2021annual', filterText: 'harrow dam'})
    expect(search.items[0].textEdit).toMatchObject({newText: 'castell2021annual]'})
  })

  it('answers the Insert citation picker library search by author and year, or by words of a passage', async () => {
    const byAuthor = await lsp.request<Array<{key: string}>>('briefcheck/searchSources', {query: 'castell 2021'})
    expect(byAuthor.map((s) => s.key)).toEqual(['castell2021annual'])
    const byPassage = await lsp.request<Array<{key: string}>>('briefcheck/searchSources', {query: 'maintenance expenditure euros'})
    expect(byPassage.map((s) => s.key)).toEqual(['castell2021annual'])
    expect(await lsp.request('briefcheck/searchSources', {query: 'zz'})).toEqual([])
  })

  it('gives the same findings from the command line', async () => {
    writeFileSync(join(root, 'cli.qmd'), DRAFT)
    const result = await runCli(['check', '--format', 'json', 'cli.qmd'], root)
    const codes = (JSON.parse(result.stdout) as {files: Array<{diagnostics: Array<{code: string; actual?: string}>}>}).files[0].diagnostics
    expect(codes.filter((d) => d.code === 'unknown-citation').map((d) => d.actual)).toEqual(['nosuch2020'])
  })
})

describe('appending to a bibliography file in its own format', () => {
  const item = {id: 'castell2021annual', type: 'report', title: 'Annual Report', author: [{family: 'Castell', given: 'Mira'}], issued: {'date-parts': [[2021]]}}

  it('adds a CSL-JSON object inside the array', () => {
    const text = '[\n  {"id": "a", "type": "book", "title": "A"}\n]\n'
    const {at, text: inserted} = appendEntry(text, 'csl-json', item)
    const out = text.slice(0, at) + inserted + text.slice(at)
    expect((JSON.parse(out) as Array<{id: string}>).map((i) => i.id)).toEqual(['a', 'castell2021annual'])
    const empty = appendEntry('[]', 'csl-json', item)
    expect(JSON.parse('[]'.slice(0, empty.at) + empty.text + '[]'.slice(empty.at))).toHaveLength(1)
  })

  it('adds a CSL YAML list item indented like the file', () => {
    const text = 'references:\n  - id: a\n    type: book\n    title: A\n'
    const {at, text: inserted} = appendEntry(text, 'csl-yaml', item)
    const out = text.slice(0, at) + inserted
    expect(parseBibliographyText(out, 'csl-yaml').map((e) => e.key)).toEqual(['a', 'castell2021annual'])
  })

  it('reads the key of each BibTeX entry', () => {
    expect(parseBibliographyText(REFS, 'bibtex').map((e) => e.key)).toEqual(['nobody2019outside', 'harrowreport'])
  })
})
