import {availableParallelism} from 'node:os'
import {createRequire} from 'node:module'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {dirname, join} from 'node:path'
import {Worker} from 'node:worker_threads'
import type {HashedJob, HashedOutcome, ParseJob, ParseOutcome} from './parse-job'

/**
 * Heap limit of one parse worker. A brief or report parses in a few MB; 512 MB leaves room for a
 * large legitimate PDF while a decompression bomb (a 1.36 MB .docx inflating to 400 MB, issue
 * #13) ends in that worker's out-of-memory error instead of the process's.
 */
export const WORKER_HEAP_MB = 512

/**
 * Time one file may take: 30 s plus 3 s per MB. The slowest legitimate files measured (a 20 MB
 * PDF) parse in well under that; the pathological inputs of issue #13 (20,000 page-tree kids,
 * 150,000 tiny text lines) ran for minutes.
 */
export function deadlineMs(bytes: number): number {
  return 30_000 + 3_000 * Math.ceil(bytes / 1_048_576)
}

/** How long idle workers are kept for the next load before they are ended. */
const IDLE_MS = 5_000

/** How many parse workers to run: every core, or one less when an editor shares the machine. */
export function defaultWorkerCount(shareWithEditor: boolean): number {
  const cores = availableParallelism()
  return Math.max(1, shareWithEditor ? cores - 1 : cores)
}

/** Limits of each job: the defaults are `WORKER_HEAP_MB` and `deadlineMs`. */
export interface PoolLimits {
  heapMb?: number
  deadlineMs?: (bytes: number) => number
}

/**
 * Jobs sent to one worker ahead of its answer: the one it parses and the next, so it starts that
 * one as soon as it posts a result instead of waiting for the main thread to be scheduled and
 * send it (measured on the busy 2-core machine: each worker idle 12% of a cold index with one
 * job at a time; the worker runs them one after another, parse-worker.ts).
 */
const JOBS_PER_WORKER = 2

/**
 * More jobs go ahead while those waiting are small files of known size: a brief parses in under
 * a millisecond, so two jobs ahead left a worker idle whenever the main thread spent a few ms
 * elsewhere (building an ingestion batch's rows takes about 100; `perf record -a` of an ingestion
 * of 10,000 briefs: one worker on 18 % of the samples, the other on 11 %, a quarter of both
 * cores idle; docs/scaling.md, "Seventh round"). A file of unknown size never
 * goes beyond `JOBS_PER_WORKER` ahead, so one worker never holds a long queue the other lacks.
 */
const MAX_JOBS_AHEAD = 64
const MAX_BYTES_AHEAD = 1_048_576

type AnyOutcome = ParseOutcome | HashedOutcome

interface SentJob {
  id: number
  job: ParseJob
  done: (outcome: AnyOutcome) => void
}

interface Slot {
  worker: Worker
  online?: boolean
  /** Jobs sent, in the order the worker runs them; the first is the one it is on. */
  jobs: SentJob[]
  /** Known sizes of the jobs sent, summed. */
  bytes: number
  /** Deadline of the first job, started when it became first. */
  timer?: NodeJS.Timeout
}

/**
 * A pool of `worker_threads` that read and parse corpus files (parse-worker.ts), so a cold
 * index uses every core and the thread that answers the editor stays free (issue #15), and so a
 * file that exhausts a worker's memory or deadline is reported and skipped (issue #13): the
 * worker is ended and replaced, the rest of the corpus is read.
 *
 * Workers start on first use and are kept for the next load; idle ones do not keep the process
 * alive.
 */
export class ParsePool {
  private readonly slots: Slot[] = []
  private readonly queue: Array<{job: ParseJob; done: (outcome: AnyOutcome) => void}> = []
  private nextId = 0
  private idle: NodeJS.Timeout | undefined

  constructor(
    readonly size: number,
    readonly limits: PoolLimits = {},
  ) {}

  /** Parses one file in a worker; always resolves (a failure is a problem outcome). */
  parse(job: ParseJob): Promise<ParseOutcome> {
    return this.run(job) as Promise<ParseOutcome>
  }

  /** Reads and hashes one file in a worker, and parses it unless its hash is known (parse-job.ts `HashedJob`). */
  parseHashed(job: HashedJob): Promise<HashedOutcome> {
    return this.run(job) as Promise<HashedOutcome>
  }

  private run(job: ParseJob): Promise<AnyOutcome> {
    return new Promise((done) => {
      this.queue.push({job, done})
      this.pump()
    })
  }

  /** Starts every worker now and resolves once they all run (a benchmark times parsing, not start-up). */
  async start(): Promise<void> {
    while (this.slots.length < this.size) this.spawn()
    await Promise.all(
      this.slots.map(
        (slot) =>
          new Promise<void>((done) => {
            if (slot.online) return done()
            slot.worker.ref()
            slot.worker.once('online', () => {
              if (slot.jobs.length === 0) slot.worker.unref()
              done()
            })
          }),
      ),
    )
  }

  /** Ends every worker (tests, and a process about to exit). */
  async close(): Promise<void> {
    const slots = this.slots.splice(0)
    await Promise.all(slots.map((slot) => slot.worker.terminate()))
  }

  private pump(): void {
    clearTimeout(this.idle)
    while (this.queue.length > 0) {
      // An idle worker first, then a new one, then a busy one with room for a next job.
      let slot = this.slots.find((s) => s.jobs.length === 0)
      if (!slot && this.slots.length < this.size) slot = this.spawn()
      slot ??= this.roomiest(this.queue[0].job)
      if (!slot) return
      const next = this.queue.shift()!
      const sent: SentJob = {id: this.nextId++, job: next.job, done: next.done}
      slot.jobs.push(sent)
      slot.bytes += next.job.size ?? 0
      if (slot.jobs.length === 1) this.startDeadline(slot)
      slot.worker.ref()
      slot.worker.postMessage({...next.job, id: sent.id})
    }
  }

  /** The busy worker with room for `job` ahead (see `MAX_JOBS_AHEAD`) and the fewest bytes waiting, if any. */
  private roomiest(job: ParseJob): Slot | undefined {
    let best: Slot | undefined
    for (const slot of this.slots) {
      const room =
        slot.jobs.length < JOBS_PER_WORKER ||
        (job.size !== undefined && slot.jobs.length < MAX_JOBS_AHEAD && slot.bytes + job.size <= MAX_BYTES_AHEAD && slot.jobs.every((j) => j.job.size !== undefined))
      if (room && (!best || slot.bytes < best.bytes)) best = slot
    }
    return best
  }

  /** The first job's deadline: a job that takes too long fails its worker (and only that job). */
  private startDeadline(slot: Slot): void {
    const job = slot.jobs[0].job
    const deadline = (this.limits.deadlineMs ?? deadlineMs)(job.size ?? job.maxBytes)
    slot.timer = setTimeout(() => this.fail(slot, `took longer than ${Math.round(deadline / 1000)} s to read: skipped`), deadline)
  }

  private spawn(): Slot {
    const worker = startWorker(this.limits.heapMb ?? WORKER_HEAP_MB)
    const slot: Slot = {worker, jobs: [], bytes: 0}
    worker.once('online', () => (slot.online = true))
    worker.on('message', (message: {id: number; outcome: AnyOutcome}) => {
      if (slot.jobs[0]?.id !== message.id) return
      this.finish(slot, message.outcome)
    })
    worker.on('error', (error: Error & {code?: string}) => {
      const reason = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `needed more than ${this.limits.heapMb ?? WORKER_HEAP_MB} MB to read: skipped` : `could not be read as a source: ${error.message.split('\n')[0]}`
      this.fail(slot, reason)
    })
    worker.on('exit', () => this.fail(slot, 'the parser stopped while reading it: skipped'))
    worker.unref()
    this.slots.push(slot)
    return slot
  }

  private finish(slot: Slot, outcome: AnyOutcome): void {
    clearTimeout(slot.timer)
    const job = slot.jobs.shift()!
    slot.bytes -= job.job.size ?? 0
    if (slot.jobs.length > 0) this.startDeadline(slot)
    else slot.worker.unref()
    job.done(outcome)
    this.pump()
    // Idle workers are ended after a while: each holds its own heap, which a language server
    // that indexed once should give back (issue #15: memory of the server process).
    if (this.queue.length === 0 && this.slots.every((s) => s.jobs.length === 0)) {
      this.idle = setTimeout(() => void this.close(), IDLE_MS)
      this.idle.unref()
    }
  }

  /**
   * The worker's first job failed (deadline, memory, crash): report it, replace the worker. Its
   * other jobs had not started: they go back to the front of the queue.
   */
  private fail(slot: Slot, reason: string): void {
    const index = this.slots.indexOf(slot)
    if (index < 0) return
    this.slots.splice(index, 1)
    void slot.worker.terminate()
    clearTimeout(slot.timer)
    const [failed, ...waiting] = slot.jobs.splice(0)
    this.queue.unshift(...waiting.map(({job, done}) => ({job, done})))
    failed?.done({problem: {path: failed.job.path, reason}})
    this.pump()
  }
}

/**
 * Starts a parse worker. From the bundle (dist/), the worker is the bundled dist/parse-worker.js
 * beside it. From the TypeScript sources (tests, the benchmark), parse-worker.ts is bundled with
 * esbuild in memory on first use and run as the worker's code (`eval`): tsx cannot load a
 * TypeScript worker that imports its format readers lazily (on Node 20 its ESM hooks fail to
 * register inside a worker with ERR_MODULE_NOT_FOUND; its CJS hooks alone leave
 * `import('./pdf')` unresolved). Nothing is written to disk: a bundle file per process was
 * left behind whenever a process ended without running its exit handlers.
 */
function startWorker(heapMb: number): Worker {
  const here = import.meta.url
  const resourceLimits = {maxOldGenerationSizeMb: heapMb}
  if (!here.endsWith('.ts')) return new Worker(new URL('./parse-worker.js', here), {resourceLimits})
  return new Worker(devWorkerSource(fileURLToPath(here)), {eval: true, resourceLimits})
}

let devSource: string | undefined

function devWorkerSource(pool: string): string {
  if (devSource) return devSource
  const require = createRequire(pool)
  const esbuild = require('esbuild') as typeof import('esbuild')
  const root = pool.slice(0, pool.lastIndexOf('/server/src/'))
  const worker = join(dirname(pool), 'parse-worker.ts')
  const built = esbuild.buildSync({
    entryPoints: [worker],
    write: false,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'error',
    define: {'import.meta.url': JSON.stringify(pathToFileURL(worker).href)},
    // Evaluated code resolves packages from the working directory; the project's own come first.
    banner: {js: `module.paths.unshift(${JSON.stringify(join(root, 'node_modules'))});`},
  })
  return (devSource = built.outputFiles[0].text)
}

let shared: ParsePool | undefined

/** The process's pool of `size` workers (made, or remade at another size or limits, on first use). */
export function parsePool(size: number, limits: PoolLimits = {}): ParsePool {
  if (!shared || shared.size !== size || shared.limits.heapMb !== limits.heapMb || shared.limits.deadlineMs !== limits.deadlineMs) {
    void shared?.close()
    shared = new ParsePool(size, limits)
  }
  return shared
}
