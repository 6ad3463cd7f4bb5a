// When drafts are checked and what is published (issues #12 and #13), asserted as the order of
// messages over stdio, never as durations: requests on one document are not held up by the
// check of another, `[@` completion and the outline never wait for a check (they need the
// corpus, the front matter or the parse only), diagnostics always follow the
// version the editor holds (even when its number goes backwards), a burst of watcher events
// costs one re-index, and the code lens is refreshed after a quick fix.
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {CodeAction, CodeLens, CompletionList, DocumentSymbol, Hover} from 'vscode-languageserver-protocol'
import {applyWorkspaceEdit, LspClient, workspace, writeFile} from './harness'

const AUTHORITY = `---\nid: rva2021\ntitle: Annual Report of the Harrow River Authority\nauthor: Mira Castell\ndate: 2021-03-04\n---\nThe Harrow Dam stands 120 metres tall above the riverbed.\n\nThe reservoir holds 2.1 billion cubic metres of water.\n`
const GAZETTE = (h: number) => `---\nid: gazette2022\ntitle: Harrow Dam Marks Twenty Years\nauthor: Tomas Reyes\ndate: 2022-06-10\n---\nThe Harrow Dam stands ${h} metres tall above the riverbed, engineers said.\n`
const CLAIM = 'The Harrow Dam stands 150 metres tall above the riverbed.'

/** About 20,000 words of claims with figures, so that its check takes many slices. */
function bigDraft(): string {
  const parts: string[] = []
  let words = 0
  for (let i = 0; words < 20_000; i++) {
    const p = `In ${1990 + (i % 30)} the reservoir held ${i % 9}.${i % 7} billion cubic metres of water, and the dam stood ${100 + (i % 60)} metres tall, officials in district ${i} said.`
    parts.push(p)
    words += p.split(/\s+/).length
  }
  return `${parts.join('\n\n')}\n`
}

describe('scheduling over stdio', () => {
  let root: string
  let lsp: LspClient

  beforeAll(async () => {
    root = workspace({'briefcheck.json': JSON.stringify({corpus: ['briefs']}), 'briefs/authority.md': AUTHORITY, 'briefs/gazette.md': GAZETTE(135)})
    lsp = await LspClient.start({root, codeLensRefresh: true})
    await lsp.next('status', (s) => s.state === 'ready')
  })
  afterAll(async () => {
    await lsp?.stop()
  })

  it('answers a hover on one draft and [@ completion in a 20,000-word draft before that draft is checked', async () => {
    const small = lsp.open('small.md', `${CLAIM}\n`)
    await lsp.diagnostics(small)
    const text = bigDraft()
    expect(text.split(/\s+/).length).toBeGreaterThanOrEqual(20_000)
    const order: string[] = []
    const from = lsp.events.length
    const big = lsp.open('big.md', `See [@\n\n${text}`)
    const checked = lsp.diagnostics(big, () => true, from).then(() => order.push('big checked'))
    const hover = lsp.request<Hover | null>('textDocument/hover', {textDocument: {uri: small}, position: {line: 0, character: 23}}).then((h) => {
      order.push('hover')
      return h
    })
    const completion = lsp.request<CompletionList>('textDocument/completion', {textDocument: {uri: big}, position: {line: 0, character: 6}}).then((c) => {
      order.push('completion')
      return c
    })
    const [h, c] = await Promise.all([hover, completion, checked])
    expect(JSON.stringify(h?.contents)).toContain('Harrow')
    expect(c.items.map((i) => i.label).sort()).toEqual(['gazette2022', 'rva2021'])
    expect(order.indexOf('big checked')).toBe(2)
    await lsp.conn.sendNotification('textDocument/didClose', {textDocument: {uri: big}})
  })

  it("answers the outline and [@ keys of the draft's own bibliography in a 20,000-word draft before its check", async () => {
    const head = '---\nreferences:\n- id: castell2020\n  title: Field notes on the Harrow\n---\n\nSee [@cast\n\n# Water\n\n'
    const order: string[] = []
    const from = lsp.events.length
    const big = lsp.open('outline.md', `${head}${bigDraft()}\n## Sources\n`)
    const checked = lsp.diagnostics(big, () => true, from).then(() => order.push('checked'))
    const symbols = lsp.request<DocumentSymbol[]>('textDocument/documentSymbol', {textDocument: {uri: big}}).then((s) => {
      order.push('symbols')
      return s
    })
    // No corpus key starts with "cast": the key comes from the front matter, read without a check.
    const completion = lsp.request<CompletionList>('textDocument/completion', {textDocument: {uri: big}, position: {line: 6, character: 10}}).then((c) => {
      order.push('completion')
      return c
    })
    const [s, c] = await Promise.all([symbols, completion, checked])
    expect(s.map((x) => [x.name, x.children?.map((y) => y.name)])).toEqual([['Water', ['Sources']]])
    expect(c.items.map((i) => i.label)).toContain('castell2020')
    expect(order.indexOf('checked')).toBe(2)
    await lsp.conn.sendNotification('textDocument/didClose', {textDocument: {uri: big}})
  })

  it('publishes diagnostics for a version whose number went backwards', async () => {
    const uri = lsp.open('backwards.md', `${CLAIM}\n`)
    await lsp.diagnostics(uri)
    const from = lsp.events.length
    lsp.edit(uri, [{range: {start: {line: 0, character: 0}, end: {line: 1, character: 0}}, newText: 'The reservoir holds 9.1 billion cubic metres of water.\n'}], 9)
    await lsp.diagnostics(uri, (p) => p.version === 9, from)
    const back = lsp.events.length
    lsp.edit(uri, [{range: {start: {line: 0, character: 0}, end: {line: 1, character: 0}}, newText: `${CLAIM}\n`}], 4)
    const published = await lsp.diagnostics(uri, (p) => p.version === 4, back)
    // The findings are those of the text of version 4: the dam's height, not the reservoir.
    expect(published.diagnostics.some((d) => d.code === 'figure-conflict' && String(d.message).includes('150'))).toBe(true)
  })

  it('refreshes the code lens after a quick fix cites the claim', async () => {
    const uri = lsp.open('lens.md', 'The reservoir holds 2.1 billion cubic metres of water.\n')
    const first = await lsp.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'uncited-claim'))
    const lens = async () => (await lsp.request<CodeLens[]>('textDocument/codeLens', {textDocument: {uri}}))[0].command!.title
    expect(await lens()).toBe('1 claim, 0 cited, 0 conflicts')
    const uncited = first.diagnostics.find((d) => d.code === 'uncited-claim')!
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {textDocument: {uri}, range: uncited.range, context: {diagnostics: [uncited]}})
    const cite = actions.find((a) => a.title.startsWith('Cite '))!
    const from = lsp.events.length
    const version = lsp.edit(uri, [{range: {start: {line: 0, character: 0}, end: {line: 2, character: 0}}, newText: applyWorkspaceEdit(lsp.text(uri), uri, cite.edit!)}])
    await lsp.diagnostics(uri, (p) => p.version === version, from)
    await lsp.next('lensRefresh', () => true, from)
    expect(await lens()).toBe('1 claim, 1 cited, 0 conflicts')
  })

  it('coalesces 300 watcher events into a few re-indexes and keeps answering', async () => {
    const uri = lsp.open('burst.md', `${CLAIM}\n`)
    await lsp.diagnostics(uri)
    const from = lsp.events.length
    writeFile(join(root, 'briefs/gazette.md'), GAZETTE(150))
    // One write: the 300 events reach the server together, as a watcher's burst does. Sent one
    // by one they would leave at this process's pace, one per re-index on a busy machine.
    lsp.burst(
      'workspace/didChangeWatchedFiles',
      Array.from({length: 300}, (_, i) => ({changes: [{uri: lsp.uri(i % 2 ? 'briefs/gazette.md' : `briefs/new-${i}.md`), type: i % 2 ? 2 : 3}]})),
    )
    const hover = await lsp.request<Hover | null>('textDocument/hover', {textDocument: {uri}, position: {line: 0, character: 23}})
    expect(hover).not.toBeNull()
    // A re-index asked for now runs after those the burst caused: count the runs up to its end.
    await lsp.request('workspace/executeCommand', {command: 'briefcheck.reindex', arguments: []})
    const runs = lsp.events.slice(from).filter((e) => e.kind === 'status' && e.params.state === 'ready').length
    // One for the command and at least one for the burst. Each run takes every event read before
    // it started; the server reads the burst at once and dispatches one message per event-loop
    // turn, and a re-index spans many turns, so the burst costs a few runs however busy the
    // machine is (a slower machine only gives each run more turns). The bound says "coalesced",
    // far from one run per event.
    expect(runs).toBeGreaterThanOrEqual(2)
    expect(runs).toBeLessThanOrEqual(10)
    // And the draft was checked against the changed corpus: the gazette now agrees on 150 metres.
    await lsp.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'sources-disagree'), from)
  })
})
