/**
 * The language server as an editor meets it: the built server spawned over stdio (the tests'
 * LSP client, tests/lsp/harness.ts), a workspace whose briefcheck.json names the corpus, a
 * 5,000-word draft opened right after `initialize`. Measures the time from spawning to the
 * first diagnostics published once the corpus is ready, and the server process's own memory
 * (VmRSS and its peak VmHWM from /proc) with the corpus indexed and the draft checked.
 */
import {readFileSync} from 'node:fs'
import {LspClient, workspace} from '../../tests/lsp/harness'

export interface ServerRun {
  /** Spawn to `briefcheck/status` ready. */
  readyMs: number
  /** Spawn to the first diagnostics of the draft published after the corpus was ready. */
  firstDiagnosticsMs: number
  diagnostics: number
  /** Resident memory of the server process after the check, and its peak over the run. */
  rssMb: number
  peakRssMb: number
  cached: boolean
}

/** One start of the server on `corpusDir` with `cacheDir` (empty: a cold index; filled: warm). */
export async function measureServer(corpusDir: string, draft: string, cacheDir: string): Promise<ServerRun> {
  const root = workspace({'briefcheck.json': JSON.stringify({corpus: [corpusDir]})})
  const started = performance.now()
  const lsp = await LspClient.start({root, cacheDir})
  try {
    const uri = lsp.open('draft.md', draft)
    const ready = await lsp.next('status', (s) => s.state === 'ready' || s.state === 'error')
    const readyMs = performance.now() - started
    const from = lsp.events.findIndex((e) => e.kind === 'status' && e.params === ready)
    const published = await lsp.diagnostics(uri, () => true, from)
    const firstDiagnosticsMs = performance.now() - started
    const memory = processMemory(lsp.child.pid!)
    return {readyMs: round(readyMs), firstDiagnosticsMs: round(firstDiagnosticsMs), diagnostics: published.diagnostics.length, ...memory, cached: ready.cached === true}
  } finally {
    await lsp.stop()
  }
}

/** VmRSS and VmHWM of a process, in MB (Linux /proc). */
function processMemory(pid: number): {rssMb: number; peakRssMb: number} {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN)
  return {rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024)}
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10
}
