import {rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {CompletionList, Diagnostic, Hover, MarkupContent, PublishDiagnosticsParams} from 'vscode-languageserver-protocol'
import {URI} from 'vscode-uri'
import {runCli} from '../helpers/cli'
import {LspClient, workspace} from '../lsp/harness'
import {freshDatabase} from './db'

const BUREAU = `---
id: wsb2023
title: Water Supply Bulletin
author: Ines Varga
date: 2023-05-02
publisher: Lowland Water Board
---
# Pumping

The Kestrel pumping station lifts 340 litres of water per second.

Its two reserve pumps were installed in 2019.
`

const HERALD = (rate: number) => `---
title: Kestrel Station Upgrade Finished
author: Owen Blake
date: 2024-01-15
publisher: Lowland Herald
---
The Kestrel pumping station lifts ${rate} litres of water per second, the board said.
`

const CLAIM = 'The Kestrel pumping station lifts 410 litres of water per second.'
const DRAFT = `# Supply\n\n${CLAIM}\n\nIts reserve pumps were installed in 2019 [@wsb2023].\n`

/** Diagnostics without the draft's URI, for comparing two servers' answers. */
const shape = (p: PublishDiagnosticsParams) =>
  p.diagnostics.map((d: Diagnostic) => ({...d, relatedInformation: d.relatedInformation?.map((r) => ({...r, location: {...r.location, uri: r.location.uri.replace(/^.*\/briefs\//, '')}}))}))
const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => d.code)
const hoverText = (h: Hover | null) => (h?.contents as MarkupContent | undefined)?.value ?? ''

describe('the language server reads a PostgreSQL store (issue #18)', () => {
  let url: string
  let shared: string
  let embedded: string
  let lsp: LspClient
  let reference: LspClient

  beforeAll(async () => {
    url = await freshDatabase()
    const files = {'briefs/water-bulletin.md': BUREAU, 'briefs/kestrel-herald.md': HERALD(380)}
    // One workspace reads the store (its briefs are only what `index` wrote), the other indexes the same files itself.
    shared = workspace({...files, 'briefcheck.json': JSON.stringify({store: {postgres: url}})})
    embedded = workspace({...files, 'briefcheck.json': JSON.stringify({corpus: ['briefs']})})
    const indexed = await runCli(['index', '--quiet', '--store', url, join(shared, 'briefs')])
    expect(indexed.code, indexed.stderr).toBe(0)
    lsp = await LspClient.start({root: shared})
    reference = await LspClient.start({root: embedded})
  })
  afterAll(async () => {
    await lsp?.stop()
    await reference?.stop()
    for (const dir of [shared, embedded]) if (dir) rmSync(dir, {recursive: true, force: true})
  })

  it('reports the shared corpus ready, with its sources', async () => {
    const ready = await lsp.next('status', (s) => s.state === 'ready')
    expect(ready).toMatchObject({sources: 2, problems: []})
  })

  it('publishes the diagnostics the embedded index gives, related locations included', async () => {
    const uri = lsp.open('draft.md', DRAFT)
    const fromStore = await lsp.diagnostics(uri, (d) => codes(d).includes('figure-conflict'))
    const expected = await reference.diagnostics(reference.open('draft.md', DRAFT), (d) => codes(d).includes('figure-conflict'))
    expect(shape(fromStore)).toEqual(shape(expected))
    const conflict = fromStore.diagnostics.find((d) => d.code === 'figure-conflict')!
    expect(conflict.range.start.line).toBe(2)
    const related = conflict.relatedInformation!.map((r) => [r.location.uri, r.location.range.start.line])
    expect(related).toContainEqual([URI.file(join(shared, 'briefs/water-bulletin.md')).toString(), 9])
  })

  it('hovers the conflicting figure with both sources and their values', async () => {
    const hover = await lsp.request<Hover | null>('textDocument/hover', {textDocument: {uri: lsp.uri('draft.md')}, position: {line: 2, character: 36}})
    const text = hoverText(hover)
    expect(text).toContain('Water Supply Bulletin')
    expect(text).toContain('Kestrel Station Upgrade Finished')
    expect(text).toContain('**340 litres')
    expect(text).toContain('**380 litres')
  })

  it('completes citation keys from the store', async () => {
    const uri = lsp.open('keys.md', 'Pumps were added [@')
    const list = await lsp.request<CompletionList>('textDocument/completion', {textDocument: {uri}, position: {line: 0, character: 19}})
    expect(list.items.map((i) => i.label)).toContain('wsb2023')
  })

  it('checks again when `briefcheck index` publishes a new corpus', async () => {
    const uri = lsp.uri('draft.md')
    const from = lsp.events.length
    // The second source now agrees with the claim: after publication only the bulletin disagrees.
    writeFileSync(join(shared, 'briefs/kestrel-herald.md'), HERALD(410))
    expect((await runCli(['index', '--quiet', '--store', url, join(shared, 'briefs')])).code).toBe(0)
    const before = JSON.stringify(shape(await lsp.diagnostics(uri)))
    await lsp.next('status', (s) => s.state === 'ready', from)
    await lsp.diagnostics(uri, (d) => JSON.stringify(shape(d)) !== before, from)
    const hover = hoverText(await lsp.request<Hover | null>('textDocument/hover', {textDocument: {uri}, position: {line: 2, character: 36}}))
    expect(hover).toContain('Water Supply Bulletin')
    expect(hover).not.toContain('380 litres')
  })
})
