/**
 * `node --import tsx bench/slice-trace.ts [words]`: the pieces of work a language-server check
 * of a large draft runs between two yields to the event loop, timed one by one (issue #12).
 * A request waits for at most one such piece, so the longest piece bounds the latency
 * `lsp-latency.ts` measures over stdio — but, unlike a round trip on a busy machine, a piece's
 * CPU time hardly depends on what else the machine runs. The check goes through the engine
 * service with the server's slice length and then through the server's publishing conversion
 * (`toDiagnostic` and the JSON the connection writes), on the draft `lsp-latency.ts` opens.
 */
import {fileURLToPath} from 'node:url'
import {join} from 'node:path'
import {DEFAULT_CONFIG} from '../server/src/engine/config'
import {loadCorpus} from '../server/src/engine/corpus/load'
import {createEngine} from '../server/src/engine/service'
import {MemoryStore} from '../server/src/engine/store/memory'
import {toDiagnostic} from '../server/src/protocol/convert'
import {tally} from '../server/src/features/code-lens'
import {CHECK_SLICE_MS} from '../server/src/workspace/scheduler'
import {bigDraft} from './lsp-latency'
import {round} from './lib/measure'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

interface Piece {
  phase: string
  wallMs: number
  cpuMs: number
}

/**
 * The phase a piece belonged to, from the stack below `yieldNow` and the phases seen before:
 * the read and the finishing both pause through `runInSlices` straight from the service, the
 * finishing after the sentences.
 */
function phaseOf(stack: string, seen: Set<string>): string {
  if (/\bcheckDraftInSlices\b/.test(stack)) return /\brunInSlices\b/.test(stack) ? 'analyse' : 'sentences'
  if (!/\brunInSlices\b/.test(stack)) return 'start'
  return seen.has('sentences') ? 'finish' : 'read'
}

/** Names of the functions on the stack, without formatting it (source-mapped stacks cost milliseconds). */
function callers(): string {
  const prepare = Error.prepareStackTrace
  Error.prepareStackTrace = (_, calls) => calls.map((c) => c.getFunctionName() ?? '').join(' ')
  try {
    return String(new Error().stack)
  } finally {
    Error.prepareStackTrace = prepare
  }
}

export async function traceSlices(words = 20_000): Promise<{pieces: number; longest: Piece[]; byPhase: Record<string, {count: number; maxCpuMs: number; maxWallMs: number}>}> {
  const corpus = await loadCorpus(['briefs'], {baseDir: join(ROOT, 'examples')})
  const engine = createEngine({store: new MemoryStore(corpus), config: DEFAULT_CONFIG})
  // The small draft lsp-latency.ts opens first: code the server has already run once is warm.
  await engine.check('file:///trace/small.md', 1, 'The reservoir holds 2.1 billion cubic metres of water.\n')
  const text = `See [@\n\n${bigDraft(words)}`
  const pieces: Piece[] = []
  let wall = performance.now()
  let cpu = process.cpuUsage()
  const close = (phase: string) => {
    const used = process.cpuUsage(cpu)
    pieces.push({phase, wallMs: performance.now() - wall, cpuMs: (used.user + used.system) / 1000})
  }
  const open = () => {
    wall = performance.now()
    cpu = process.cpuUsage()
  }
  const yieldNow = () => {
    close(phaseOf(callers(), new Set(pieces.map((p) => p.phase))))
    return new Promise<void>((resolve) => setImmediate(() => (open(), resolve())))
  }
  open()
  const result = await engine.check('file:///trace/big.md', 1, text, {sliceMs: CHECK_SLICE_MS, yieldNow})
  close('resolve')
  open()
  const payload = JSON.stringify({uri: 'file:///trace/big.md', version: 1, diagnostics: result.messages.map((m) => toDiagnostic(m, 'file:///trace/big.md'))})
  JSON.stringify(tally(result))
  close(`publish (${result.messages.length} diagnostics, ${round(payload.length / 1e6, 1)} MB)`)
  const byPhase: Record<string, {count: number; maxCpuMs: number; maxWallMs: number}> = {}
  for (const p of pieces) {
    const b = (byPhase[p.phase] ??= {count: 0, maxCpuMs: 0, maxWallMs: 0})
    b.count++
    b.maxCpuMs = round(Math.max(b.maxCpuMs, p.cpuMs), 1)
    b.maxWallMs = round(Math.max(b.maxWallMs, p.wallMs), 1)
  }
  const longest = [...pieces].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 5).map((p) => ({...p, wallMs: round(p.wallMs, 1), cpuMs: round(p.cpuMs, 1)}))
  if (process.env.TRACE_ALL) console.error(pieces.map((p) => `${p.phase} ${round(p.cpuMs, 1)}/${round(p.wallMs, 1)}`).join('\n'))
  return {pieces: pieces.length, longest, byPhase}
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  traceSlices(Number(process.argv[2] ?? 20_000)).then((r) => console.log(JSON.stringify(r, null, 2)))
}
