import {mkdtempSync, readdirSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {CodeAction, CompletionList, Diagnostic, Hover, MarkupContent} from 'vscode-languageserver-protocol'
import {URI} from 'vscode-uri'
import {applyWorkspaceEdit, LspClient, workspace, writeFile} from './harness'
import {decodeCacheFile} from '../../server/src/workspace/cache-file'
import {CACHE_FILE, CACHE_FORMAT_VERSION, MANIFEST_FILE} from '../../server/src/workspace/corpus-cache'

const AUTHORITY = `---
id: rva2021
title: Annual Report of the Harrow River Authority
author: Mira Castell
date: 2021-03-04
publisher: Harrow River Authority
---
# Dam

The Harrow Dam stands 120 metres tall above the riverbed.

The reservoir holds 2.1 billion cubic metres of water.
`

const GAZETTE = (height: number) => `---
title: Harrow Dam Marks Twenty Years
author: Tomas Reyes
date: 2022-06-10
publisher: Valley Gazette
---
The Harrow Dam stands ${height} metres tall above the riverbed, engineers said.

A plaque at the crest reads \\[x\\](command:evil) \\<img src=x onerror=alert(1)> and honours the builders of the dam in 2002.
`

const CLAIM = 'The Harrow Dam stands 150 metres tall above the riverbed.'

const codes = (d: {diagnostics: Diagnostic[]}) => d.diagnostics.map((x) => x.code)
const hoverText = (h: Hover | null) => (h?.contents as MarkupContent | undefined)?.value ?? ''

describe('language server over stdio', () => {
  let root: string
  let cacheDir: string
  let lsp: LspClient

  beforeAll(async () => {
    root = workspace({
      'briefcheck.json': JSON.stringify({corpus: ['briefs']}),
      'briefs/river-authority.md': AUTHORITY,
      'briefs/valley-gazette.md': GAZETTE(135),
    })
    cacheDir = mkdtempSync(join(tmpdir(), 'briefcheck-cache-'))
    lsp = await LspClient.start({root, cacheDir, workDoneProgress: true})
  })
  afterAll(async () => {
    await lsp?.stop()
  })

  it('reports indexing progress and a ready status', async () => {
    const ready = await lsp.next('status', (s) => s.state === 'ready')
    expect(ready).toMatchObject({sources: 2, problems: []})
    expect(ready.sentences).toBeGreaterThan(2)
    expect(await lsp.next('progress', (p) => p.kind === 'begin')).toMatchObject({title: expect.stringContaining('indexing')})
    await lsp.next('progress', (p) => p.kind === 'end')
  })

  it('flags an uncited conflicting figure with codeDescription and related source locations', async () => {
    const uri = lsp.open('draft.md', `# Brief\n\n${CLAIM}\n`)
    const sent = await lsp.diagnostics(uri, (d) => codes(d).includes('figure-conflict'))
    expect(codes(sent)).toContain('uncited-claim')
    const conflict = sent.diagnostics.find((d) => d.code === 'figure-conflict')!
    expect(conflict.codeDescription?.href).toMatch(/#figure-conflict$/)
    expect(conflict.range.start.line).toBe(2)
    const related = conflict.relatedInformation!.map((r) => r.location.uri)
    expect(related).toContain(URI.file(join(root, 'briefs/river-authority.md')).toString())
    expect(related).toContain(URI.file(join(root, 'briefs/valley-gazette.md')).toString())
  })

  it('points each place of an inconsistent figure at the other (related information in the draft)', async () => {
    const uri = lsp.open('consistency.md', '# Works\n\nThe council set aside £35 million for the new quay.\n\nThe £28 million the council set aside for the new quay covers one berth.\n')
    const sent = await lsp.diagnostics(uri, (d) => codes(d).filter((c) => c === 'inconsistent-figure').length === 2)
    const found = sent.diagnostics.filter((d) => d.code === 'inconsistent-figure')
    expect(found.map((d) => d.range.start.line)).toEqual([2, 4])
    expect(found.map((d) => d.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]))).toEqual([[[uri, 4]], [[uri, 2]]])
  })

  it('hovers a conflicting figure with both sources and their values', async () => {
    const uri = lsp.uri('draft.md')
    const hover = await lsp.request<Hover | null>('textDocument/hover', {textDocument: {uri}, position: {line: 2, character: 24}})
    const text = hoverText(hover)
    expect(text).toContain('Annual Report of the Harrow River Authority')
    expect(text).toContain('Harrow Dam Marks Twenty Years')
    expect(text).toContain('**120 metres**')
    expect(text).toContain('**135 metres**')
    expect(text).toContain('disagree with each other')
    expect(text).toMatch(/\(file:\/\/\/.*river-authority\.md#L10\)/)
  })

  it('cites the best source in a footnote with the first quick fix', async () => {
    const uri = lsp.uri('draft.md')
    const {diagnostics} = await lsp.diagnostics(uri, (d) => codes(d).includes('uncited-claim'))
    const uncited = diagnostics.find((d) => d.code === 'uncited-claim')!
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {textDocument: {uri}, range: uncited.range, context: {diagnostics: [uncited]}})
    const cite = actions.find((a) => a.title.startsWith('Cite '))!
    expect(cite.title).toMatch(/^Cite .+ \((Castell, 2021|Reyes, 2022)\)$/)
    const sources = await lsp.request<Array<{key: string; title: string; reference: string}>>('briefcheck/sources', {})
    const cited = sources.find((s) => cite.title.includes(s.title))!
    const fixed = applyWorkspaceEdit(lsp.text(uri), uri, cite.edit!)
    expect(fixed).toBe(`# Brief\n\n${CLAIM}[^1]\n\n[^1]: ${cited.reference}\n`)
    expect(actions.map((a) => a.title)).toContain('Accept this claim as uncited (common knowledge)')
  })

  it('numbers a new footnote after the existing ones', async () => {
    const text = `Dams store water.[^1] Rivers flow.[^2]\n\n${CLAIM}\n\n[^1]: A note.\n[^2]: Another note.\n`
    const uri = lsp.open('notes.md', text)
    const {diagnostics} = await lsp.diagnostics(uri, (d) => codes(d).includes('uncited-claim'))
    const uncited = diagnostics.find((d) => d.code === 'uncited-claim')!
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {textDocument: {uri}, range: uncited.range, context: {diagnostics: [uncited]}})
    const fixed = applyWorkspaceEdit(text, uri, actions.find((a) => a.title.startsWith('Cite '))!.edit!)
    expect(fixed).toContain(`${CLAIM}[^3]`)
    expect(fixed).toMatch(/\[\^2\]: Another note\.\n\[\^3\]: .+\n$/)
  })

  it('offers a replacement for the conflicting figure', async () => {
    const uri = lsp.uri('draft.md')
    const {diagnostics} = await lsp.diagnostics(uri, (d) => codes(d).includes('figure-conflict'))
    const conflict = diagnostics.find((d) => d.code === 'figure-conflict')!
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {textDocument: {uri}, range: conflict.range, context: {diagnostics: [conflict]}})
    const replace = actions.find((a) => a.title.startsWith('Replace 150'))!
    expect(replace.title).toMatch(/^Replace 150 metres with (120|135) m \(per (rva2021|reyes2022harrow)\)$/)
    expect(applyWorkspaceEdit(lsp.text(uri), uri, replace.edit!)).toMatch(/stands (120|135) m tall/)
  })

  it('completes source keys after [@', async () => {
    const uri = lsp.open('keys.md', 'See [@\n')
    const list = await lsp.request<CompletionList>('textDocument/completion', {textDocument: {uri}, position: {line: 0, character: 6}})
    expect(list.items.map((i) => i.label).sort()).toEqual(['reyes2022harrow', 'rva2021'])
  })

  it('escapes corpus text in hovers', async () => {
    const uri = lsp.open('plaque.md', 'A plaque at the crest honours the builders of the dam in 2002.\n')
    await lsp.diagnostics(uri)
    const text = hoverText(await lsp.request<Hover | null>('textDocument/hover', {textDocument: {uri}, position: {line: 0, character: 5}}))
    expect(text).toContain('\\[x\\]\\(command:evil\\)')
    expect(text).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;')
    expect(text).not.toContain('[x](command:evil)')
    expect(text).not.toContain('<img')
  })

  it('drops a diagnostic after the disable-line action is applied', async () => {
    const uri = lsp.uri('draft.md')
    const {diagnostics} = await lsp.diagnostics(uri, (d) => codes(d).includes('figure-conflict'))
    const conflict = diagnostics.find((d) => d.code === 'figure-conflict')!
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {textDocument: {uri}, range: conflict.range, context: {diagnostics: [conflict]}})
    const disable = actions.find((a) => a.title === 'Disable figure-conflict for this line')!
    const version = lsp.edit(uri, disable.edit!.changes![uri])
    expect(lsp.text(uri)).toContain(`${CLAIM} <!-- briefcheck-disable-line figure-conflict -->`)
    const after = await lsp.diagnostics(uri, (d) => d.version === version)
    expect(codes(after)).not.toContain('figure-conflict')
    expect(codes(after)).toContain('uncited-claim')
  })

  it('re-checks open drafts when a corpus file changes', async () => {
    const uri = lsp.open('change.md', `${CLAIM}\n`)
    await lsp.diagnostics(uri, (d) => codes(d).includes('figure-conflict'))
    const from = lsp.events.length
    const path = join(root, 'briefs/valley-gazette.md')
    writeFile(path, GAZETTE(150))
    await lsp.conn.sendNotification('workspace/didChangeWatchedFiles', {changes: [{uri: URI.file(path).toString(), type: 2}]})
    const after = await lsp.diagnostics(uri, () => true, from)
    expect(codes(after)).not.toContain('figure-conflict')
    expect(codes(after)).toContain('sources-disagree')
  })

  it('writes the cache outside the workspace and a restart loads from it', async () => {
    expect(readdirSync(cacheDir).sort()).toEqual([CACHE_FILE, MANIFEST_FILE].sort())
    expect(decodeCacheFile(readFileSync(join(cacheDir, CACHE_FILE)), CACHE_FORMAT_VERSION).sources.size).toBe(2)
    const second = await LspClient.start({root, cacheDir})
    try {
      expect(await second.next('status', (s) => s.state === 'ready')).toMatchObject({sources: 2, cached: true})
      await second.next('log', (l) => l.message.includes('from the cache'))
    } finally {
      await second.stop()
    }
  })
})

describe('citation style pandoc', () => {
  it('cites with [@key] before the final punctuation', async () => {
    const root = workspace({
      'briefcheck.json': JSON.stringify({corpus: ['briefs'], citationStyle: 'pandoc'}),
      'briefs/river-authority.md': AUTHORITY,
    })
    const lsp = await LspClient.start({root})
    try {
      const uri = lsp.open('draft.md', `${CLAIM}\n`)
      const {diagnostics} = await lsp.diagnostics(uri, (d) => codes(d).includes('uncited-claim'))
      const uncited = diagnostics.find((d) => d.code === 'uncited-claim')!
      const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {textDocument: {uri}, range: uncited.range, context: {diagnostics: [uncited]}})
      const cite = actions.find((a) => a.title.startsWith('Cite '))!
      expect(applyWorkspaceEdit(lsp.text(uri), uri, cite.edit!)).toBe('The Harrow Dam stands 150 metres tall above the riverbed [@rva2021].\n')
    } finally {
      await lsp.stop()
    }
  })
})

describe('without a corpus', () => {
  it('says so once and still runs the citation checks', async () => {
    const root = workspace({})
    const lsp = await LspClient.start({root})
    try {
      expect(await lsp.next('status', (s) => s.state !== 'indexing')).toMatchObject({state: 'no-corpus', sources: 0})
      expect((await lsp.next('showMessage')).message).toMatch(/no corpus/i)
      const uri = lsp.open('draft.md', `${CLAIM}\n\nThe reservoir was filled in 2004 [@nosuchkey].\n`)
      const sent = await lsp.diagnostics(uri)
      expect(codes(sent)).toEqual(expect.arrayContaining(['uncited-claim', 'unknown-citation']))
    } finally {
      await lsp.stop()
    }
  })
})

describe('accepting and editing', () => {
  let root: string
  let lsp: LspClient
  beforeAll(async () => {
    root = workspace({'briefcheck.json': JSON.stringify({corpus: ['briefs']}), 'briefs/river-authority.md': AUTHORITY})
    lsp = await LspClient.start({root})
  })
  afterAll(async () => {
    await lsp?.stop()
  })

  it('accepts a claim into .briefcheck/accepted.json and stops flagging it once the file changes', async () => {
    const uri = lsp.open('docs/draft.md', `${CLAIM}\n`)
    const {diagnostics} = await lsp.diagnostics(uri, (d) => codes(d).includes('uncited-claim'))
    const uncited = diagnostics.find((d) => d.code === 'uncited-claim')!
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {textDocument: {uri}, range: uncited.range, context: {diagnostics: [uncited]}})
    const accept = actions.find((a) => a.title === 'Accept this claim as uncited (common knowledge)')!
    const acceptedUri = URI.file(join(root, '.briefcheck/accepted.json')).toString()
    const [create] = accept.edit!.documentChanges!
    expect(create).toMatchObject({kind: 'create', uri: acceptedUri})
    const content = applyWorkspaceEdit('', acceptedUri, accept.edit!)
    expect(JSON.parse(content)).toEqual({version: 1, accepted: [{text: CLAIM, rule: 'uncited-claim', file: 'docs/draft.md'}]})
    const from = lsp.events.length
    writeFile(join(root, '.briefcheck/accepted.json'), content)
    await lsp.conn.sendNotification('workspace/didChangeWatchedFiles', {changes: [{uri: acceptedUri, type: 1}]})
    const after = await lsp.diagnostics(uri, () => true, from)
    expect(codes(after)).not.toContain('uncited-claim')
  })

  it('publishes diagnostics for the newest version only, never older over newer', async () => {
    const uri = lsp.open('rapid.md', 'Draft.\n')
    await lsp.diagnostics(uri)
    let version = 1
    for (const text of ['The dam', 'The Harrow Dam stands', `${CLAIM} It opened in 2002.`]) {
      version = lsp.edit(uri, [{range: {start: {line: 0, character: 0}, end: {line: 1, character: 0}}, newText: `${text}\n`}])
    }
    const last = await lsp.diagnostics(uri, (d) => d.version === version)
    expect(codes(last)).toContain('figure-conflict')
    const versions = lsp.events.flatMap((e) => (e.kind === 'diagnostics' && e.params.uri === uri ? [e.params.version ?? 0] : []))
    expect(versions).toEqual([...versions].sort((a, b) => a - b))
  })

  it('clears diagnostics when a draft is closed', async () => {
    const uri = lsp.open('closing.md', `${CLAIM}\n`)
    await lsp.diagnostics(uri, (d) => d.diagnostics.length > 0)
    const from = lsp.events.length
    await lsp.conn.sendNotification('textDocument/didClose', {textDocument: {uri}})
    expect((await lsp.diagnostics(uri, () => true, from)).diagnostics).toEqual([])
  })

  it('answers document symbols, the code lens and briefcheck/citationEdit', async () => {
    const uri = lsp.open('outline.md', `# Brief\n\n## Dams\n\n${CLAIM}\n`)
    await lsp.diagnostics(uri)
    const symbols = await lsp.request<Array<{name: string; children: Array<{name: string}>}>>('textDocument/documentSymbol', {textDocument: {uri}})
    expect(symbols.map((s) => [s.name, s.children.map((c) => c.name)])).toEqual([['Brief', ['Dams']]])
    const lenses = await lsp.request<Array<{command: {title: string}}>>('textDocument/codeLens', {textDocument: {uri}})
    expect(lenses.map((l) => l.command.title)).toEqual(['1 claim, 0 cited, 1 conflict'])
    const edits = await lsp.request<Array<{newText: string}>>('briefcheck/citationEdit', {textDocument: {uri}, position: {line: 4, character: 57}, key: 'rva2021'})
    expect(edits.map((e) => e.newText)).toEqual(['[^1]', expect.stringMatching(/^\n\[\^1\]: Mira Castell, "Annual Report/)])
  })
})

describe('settings from the client', () => {
  it('switches to pandoc citations when the citationStyle setting changes', async () => {
    const root = workspace({'briefcheck.json': JSON.stringify({corpus: ['briefs']}), 'briefs/river-authority.md': AUTHORITY})
    const lsp = await LspClient.start({root})
    try {
      const uri = lsp.open('draft.md', `${CLAIM}\n`)
      await lsp.diagnostics(uri, (d) => codes(d).includes('uncited-claim'))
      const from = lsp.events.length
      lsp.settings = {citationStyle: 'pandoc'}
      await lsp.conn.sendNotification('workspace/didChangeConfiguration', {settings: null})
      const {diagnostics} = await lsp.diagnostics(uri, () => true, from)
      const uncited = diagnostics.find((d) => d.code === 'uncited-claim')!
      const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {textDocument: {uri}, range: uncited.range, context: {diagnostics: [uncited]}})
      expect(applyWorkspaceEdit(lsp.text(uri), uri, actions[0].edit!)).toBe('The Harrow Dam stands 150 metres tall above the riverbed [@rva2021].\n')
    } finally {
      await lsp.stop()
    }
  })
})

describe('untrusted workspace', () => {
  it('does not read corpus files outside the workspace folders', async () => {
    const outside = workspace({'briefs/river-authority.md': AUTHORITY})
    const root = workspace({'briefcheck.json': JSON.stringify({corpus: [join(outside, 'briefs')]})})
    const lsp = await LspClient.start({root, trusted: false})
    try {
      const status = await lsp.next('status', (s) => s.state !== 'indexing')
      expect(status).toMatchObject({state: 'error', sources: 0})
      expect(status.problems[0].reason).toMatch(/outside the workspace/)
      await lsp.next('log', (l) => l.message.startsWith('corpus: ') && l.message.includes('outside the workspace'))
    } finally {
      await lsp.stop()
    }
  })
})
