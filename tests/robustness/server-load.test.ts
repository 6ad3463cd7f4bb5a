// Issue #7: the stdio server under load: CommonMark examples opened, edited and closed; rapid
// edits to a 20,000-word draft; many open drafts; a corpus change mid-check; memory after close;
// and it never writes a draft or corpus file.
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'
import commonmark from 'commonmark-spec'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {CodeAction, Diagnostic, Hover} from 'vscode-languageserver-protocol'
import {LspClient, workspace, writeFile} from '../lsp/harness'
import {CLAIM, GFM_CASES} from './invariants'

const AUTHORITY = `---\nid: rva2021\ntitle: Annual Report of the Harrow River Authority\nauthor: Mira Castell\ndate: 2021-03-04\n---\nThe Harrow Dam stands 120 metres tall above the riverbed.\n\nThe reservoir holds 2.1 billion cubic metres of water.\n`
const GAZETTE = (h: number) => `---\ntitle: Harrow Dam Marks Twenty Years\nauthor: Tomas Reyes\ndate: 2022-06-10\n---\nThe Harrow Dam stands ${h} metres tall above the riverbed, engineers said.\n`

/** A 20,000-word draft: claims, figures, quotes and citations in paragraphs, lists and quotes. */
function bigDraft(): string {
  const parts: string[] = ['# A long brief\n']
  let words = 0
  for (let i = 0; words < 20_000; i++) {
    const p =
      i % 5 === 0
        ? `${CLAIM} In ${1990 + (i % 30)} the council said it spent $${i} million on "new bridges over the river" [^${i % 7}].`
        : i % 5 === 1
          ? `- The reservoir holds ${i % 9}.1 billion cubic metres of water, engineers said in 2019.\n- We recommend a review.`
          : i % 5 === 2
            ? `> About ${i % 100}% of the ${i} residents of the valley moved away after the flood of ${1950 + (i % 70)}.`
            : `Officials in district ${i} reported ${i * 3} new homes and 😀 ${i % 40} schools (Castell 2021).`
    parts.push(p)
    words += p.split(/\s+/).length
  }
  return `${parts.join('\n\n')}\n`
}

/** Every file under `dir` with its contents and mtime (the no-data-loss snapshot). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (d: string) => {
    for (const entry of readdirSync(d, {withFileTypes: true})) {
      const path = join(d, entry.name)
      if (entry.isDirectory()) walk(path)
      else out[relative(dir, path)] = `${statSync(path).mtimeMs} ${readFileSync(path, 'base64')}`
    }
  }
  walk(dir)
  return out
}

const rss = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024

describe('the stdio server under load', () => {
  let root: string
  let lsp: LspClient
  let before: Record<string, string>

  beforeAll(async () => {
    root = workspace({
      'briefcheck.json': JSON.stringify({corpus: ['briefs']}),
      'briefs/river-authority.md': AUTHORITY,
      'briefs/valley-gazette.md': GAZETTE(135),
      'drafts/on-disk.md': `${CLAIM}\n`,
    })
    before = snapshot(root)
    lsp = await LspClient.start({root})
    await lsp.next('status', (s) => s.state === 'ready')
  })
  afterAll(async () => {
    await lsp?.stop()
  })

  const hover = (uri: string, line = 0, character = 25) => lsp.request<Hover | null>('textDocument/hover', {textDocument: {uri}, position: {line, character}})

  it('opens, edits and closes a sample of CommonMark examples and GFM cases and keeps answering', async () => {
    const examples: Array<{markdown: string}> = commonmark.tests.filter((_: unknown, i: number) => i % 24 === 0)
    const texts = [...examples.map((e) => e.markdown.replace(/→/g, '\t')), ...Object.values(GFM_CASES)]
    for (const [i, text] of texts.entries()) {
      const uri = lsp.open(`spec/example-${i}.md`, text)
      const version = lsp.edit(uri, [{range: {start: {line: 0, character: 0}, end: {line: 0, character: 0}}, newText: `${CLAIM}\n\n`}])
      const published = await lsp.diagnostics(uri, (p) => p.version === version)
      for (const d of published.diagnostics) expect(d.range.start.line).toBeLessThanOrEqual(d.range.end.line)
      await hover(uri)
      await lsp.conn.sendNotification('textDocument/didClose', {textDocument: {uri}})
    }
    // Still alive and answering after all of them.
    const uri = lsp.open('spec/after.md', `${CLAIM}\n`)
    expect(await lsp.diagnostics(uri)).toBeTruthy()
    expect(await hover(uri)).not.toBeNull()
  })

  it('answers hovers during rapid edits to a 20,000-word draft and never publishes an older version over a newer one', async () => {
    const text = bigDraft()
    expect(text.split(/\s+/).length).toBeGreaterThanOrEqual(20_000)
    const from = lsp.events.length
    const uri = lsp.open('drafts/big.md', text)
    await lsp.diagnostics(uri, () => true, from)
    let version = 1
    const hovers: Array<Promise<Hover | null>> = []
    for (let i = 0; i < 40; i++) {
      const line = (i * 7) % 50
      version = lsp.edit(uri, [{range: {start: {line, character: 0}, end: {line, character: 0}}, newText: i % 2 ? 'The dam stands 99 metres tall. ' : '😀 '}])
      if (i % 10 === 0) hovers.push(hover(uri, 2, 30))
    }
    // Requests made while checks of the big draft run are answered (not dropped, not hung).
    expect((await Promise.all(hovers)).length).toBe(4)
    const last = await lsp.diagnostics(uri, (p) => p.version === version, from)
    expect(last.diagnostics.length).toBeGreaterThan(100)
    const versions = lsp.events.slice(from).flatMap((e) => (e.kind === 'diagnostics' && e.params.uri === uri ? [e.params.version ?? -1] : []))
    expect(versions.every((v) => v >= 1)).toBe(true)
    for (let i = 1; i < versions.length; i++) expect(versions[i]).toBeGreaterThanOrEqual(versions[i - 1])
    await lsp.conn.sendNotification('textDocument/didClose', {textDocument: {uri}})
  })

  it('checks many open drafts, survives a corpus change mid-check, and publishes for the newest corpus', async () => {
    const uris = Array.from({length: 60}, (_, i) => lsp.open(`drafts/many-${i}.md`, `${CLAIM}\n\n${bigDraft().slice(0, 4000)}`))
    // Change the corpus while those checks are queued: the gazette now agrees on 150 metres.
    const from = lsp.events.length
    writeFile(join(root, 'briefs/valley-gazette.md'), GAZETTE(150))
    before['briefs/valley-gazette.md'] = snapshot(root)['briefs/valley-gazette.md']
    await lsp.conn.sendNotification('workspace/didChangeWatchedFiles', {changes: [{uri: lsp.uri('briefs/valley-gazette.md'), type: 2}]})
    expect(await hover(uris[0])).toBeDefined()
    await lsp.next('status', (s) => s.state === 'ready', from)
    // Every draft ends up with diagnostics computed against the new corpus: the 150 m claim is agreed with.
    for (const uri of uris) {
      const published = await lsp.diagnostics(uri, (p) => p.diagnostics.some((d: Diagnostic) => d.code === 'sources-disagree' && d.range.start.line === 0), from)
      expect(published.diagnostics.some((d) => d.code === 'figure-conflict' && d.range.start.line === 0)).toBe(false)
    }
    for (const uri of uris) await lsp.conn.sendNotification('textDocument/didClose', {textDocument: {uri}})
    await lsp.diagnostics(uris[uris.length - 1], (p) => p.diagnostics.length === 0 && p.version === undefined, from)
  })

  it('returns to near its baseline memory once drafts close (no growth across rounds)', async () => {
    const pid = lsp.child.pid!
    const text = bigDraft()
    const round = async (n: number) => {
      const from = lsp.events.length
      const uris = Array.from({length: 4}, (_, i) => lsp.open(`drafts/mem-${n}-${i}.md`, text))
      for (const uri of uris) await lsp.diagnostics(uri, () => true, from)
      for (const uri of uris) await lsp.conn.sendNotification('textDocument/didClose', {textDocument: {uri}})
      for (const uri of uris) await lsp.diagnostics(uri, (p) => p.diagnostics.length === 0, from)
      return rss(pid)
    }
    const first = await round(0)
    await round(1)
    const last = await round(2)
    // Generous: results of closed drafts are dropped, so repeated rounds must not keep adding up
    // (each round holds four 20,000-word drafts, well over 100 MB if they were all retained).
    expect(last - first).toBeLessThan(150 * 1024 * 1024)
    // Twelve checks of a 20,000-word draft: a busy machine (the whole suite in parallel) needs more than the default minute.
  }, 300_000)

  it('never writes to drafts or corpus files: edits, code actions and a corpus change leave the workspace byte-identical', async () => {
    const uri = lsp.uri('drafts/on-disk.md')
    await lsp.conn.sendNotification('textDocument/didOpen', {textDocument: {uri, languageId: 'markdown', version: 1, text: `${CLAIM}\n`}})
    const published = await lsp.diagnostics(uri)
    const actions = await lsp.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: {uri},
      range: published.diagnostics[0].range,
      context: {diagnostics: published.diagnostics},
    })
    expect(actions.length).toBeGreaterThan(0)
    await lsp.conn.sendNotification('textDocument/didChange', {textDocument: {uri, version: 2}, contentChanges: [{text: `${CLAIM} More.\n`}]})
    await lsp.diagnostics(uri, (p) => p.version === 2)
    await lsp.request('workspace/executeCommand', {command: 'briefcheck.reindex', arguments: []})
    await lsp.conn.sendNotification('textDocument/didSave', {textDocument: {uri}})
    await lsp.conn.sendNotification('textDocument/didClose', {textDocument: {uri}})
    await lsp.stop()
    expect(snapshot(root)).toEqual(before)
  })
})
