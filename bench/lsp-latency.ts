/**
 * `node --import tsx bench/lsp-latency.ts`: how long the stdio server takes to answer a hover
 * (on a small draft) and a `[@` key completion (in the big draft itself) while a 20,000-word
 * draft is being checked (issue #12: target under 50 ms). Requests are sent every 20 ms from
 * the moment the big draft is opened until its diagnostics arrive; medians and maxima printed
 * and returned. Run by `npm run bench` too.
 */
import {spawn} from 'node:child_process'
import {cpSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {createProtocolConnection, StreamMessageReader, StreamMessageWriter} from 'vscode-languageserver-protocol/node'
import {URI} from 'vscode-uri'
import {median, round} from './lib/measure'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

export interface LatencyResult {
  draftWords: number
  checkMs: number
  hover: {count: number; medianMs: number; maxMs: number}
  completion: {count: number; medianMs: number; maxMs: number}
}

/** The 20,000-word draft of figures the latency benchmarks check (also bench/slice-trace.ts). */
export function bigDraft(words: number): string {
  const parts: string[] = []
  let n = 0
  for (let i = 0; n < words; i++) {
    const p = `In ${1990 + (i % 30)} the reservoir held ${i % 9}.${i % 7} billion cubic metres of water, and the dam stood ${100 + (i % 60)} metres tall, officials in district ${i} said.`
    parts.push(p)
    n += p.split(/\s+/).length
  }
  return parts.join('\n\n') + '\n'
}

export async function measureLatency(words = 20_000): Promise<LatencyResult> {
  const root = mkdtempSync(join(tmpdir(), 'briefcheck-latency-'))
  mkdirSync(join(root, '.git'))
  cpSync(join(ROOT, 'examples/briefs'), join(root, 'briefs'), {recursive: true})
  writeFileSync(join(root, 'briefcheck.json'), JSON.stringify({corpus: ['briefs']}))
  const child = spawn(process.execPath, [join(ROOT, 'server/bin/briefcheck-language-server.js'), '--stdio'], {stdio: ['pipe', 'pipe', 'ignore']})
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!))
  let ready!: () => void
  const indexed = new Promise<void>((resolve) => (ready = resolve))
  const published = new Map<string, () => void>()
  conn.onNotification('briefcheck/status', (p: {state: string}) => {
    if (p.state !== 'indexing') ready()
  })
  conn.onNotification('textDocument/publishDiagnostics', (p: {uri: string}) => published.get(p.uri)?.())
  conn.onRequest('workspace/configuration', (p: {items: unknown[]}) => p.items.map(() => ({})))
  conn.onRequest('client/registerCapability', () => null)
  conn.listen()
  const uri = (name: string) => URI.file(join(root, name)).toString()
  const diagnosticsOf = (u: string) => new Promise<void>((resolve) => published.set(u, resolve))
  const open = (name: string, text: string) =>
    conn.sendNotification('textDocument/didOpen', {textDocument: {uri: uri(name), languageId: 'markdown', version: 1, text}})
  try {
    await conn.sendRequest('initialize', {processId: process.pid, rootUri: uri(''), workspaceFolders: [{uri: uri(''), name: 'bench'}], capabilities: {workspace: {configuration: true}}, initializationOptions: {cacheDir: mkdtempSync(join(tmpdir(), 'briefcheck-latency-cache-'))}})
    await conn.sendNotification('initialized', {})
    await indexed
    const smallDone = diagnosticsOf(uri('small.md'))
    await open('small.md', 'The reservoir holds 2.1 billion cubic metres of water.\n')
    await smallDone
    const text = `See [@\n\n${bigDraft(words)}`
    const bigDone = diagnosticsOf(uri('big.md'))
    let checking = true
    const started = performance.now()
    void bigDone.then(() => (checking = false))
    await open('big.md', text)
    const hover: number[] = []
    const completion: number[] = []
    const timed = async (out: number[], run: () => Promise<unknown>) => {
      const t = performance.now()
      await run()
      out.push(performance.now() - t)
    }
    while (checking) {
      await Promise.all([
        timed(hover, () => conn.sendRequest('textDocument/hover', {textDocument: {uri: uri('small.md')}, position: {line: 0, character: 22}})),
        timed(completion, () => conn.sendRequest('textDocument/completion', {textDocument: {uri: uri('big.md')}, position: {line: 0, character: 6}})),
      ])
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    if (process.env.LATENCY_SAMPLES) console.error(JSON.stringify({hover: hover.map((x) => round(x, 0)), completion: completion.map((x) => round(x, 0))}))
    const checkMs = performance.now() - started
    const stats = (xs: number[]) => ({count: xs.length, medianMs: round(median(xs), 1), maxMs: round(Math.max(...xs), 1)})
    return {draftWords: text.split(/\s+/).length, checkMs: round(checkMs, 0), hover: stats(hover), completion: stats(completion)}
  } finally {
    conn.dispose()
    child.kill()
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  measureLatency().then((r) => console.log(JSON.stringify(r, null, 2)))
}
