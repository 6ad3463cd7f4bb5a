import {fork, type ChildProcess} from 'node:child_process'
import {join} from 'node:path'
import type {WritersJob} from '../pg-writers'

/** What each writer process reports when it stops: edit latencies, and in replay each statement's. */
interface WritersReport {
  latencies: number[]
  statements?: number[]
}

/** The background writers of the PostgreSQL benchmarks, running in child processes. */
export interface WriterPool {
  /** Resolves with every background edit's latency (ms) once the processes have stopped. */
  finished: Promise<number[]>
  /** Resolves with every statement's latency (ms), from send to its last row read (replaying writers only; real ones report none). */
  statements: Promise<number[]>
  /** The writer processes' ids (their CPU time is read from /proc). */
  pids: number[]
  /** Asks every process to stop after its current edit. */
  stop(): void
  /** Kills the processes at once (a run that failed or ran out of time). */
  kill(): void
}

/** How the background writers run (bench/pg-writers.ts says what one does). */
export interface WriterPoolOptions {
  url: string
  writers: number
  processes: number
  editEveryMs: number
  draftWords: number
  maxSeconds: number
  /**
   * Replay instead of real writers: the file of statements recorded from real writers
   * (bench/lib/pg-replay.ts); each background writer then sends one recorded edit's
   * statements at its pace and does nothing else.
   */
  replay?: string
}

/**
 * Starts `writers` background writers spread over `processes` child processes; resolves when
 * every one has connected and warmed its store. Shared by bench/pg-load.ts and
 * bench/pg-recheck.ts so both load the server the same way.
 */
export async function startWriterPool(options: WriterPoolOptions): Promise<WriterPool> {
  const children: ChildProcess[] = []
  const finished: Array<Promise<WritersReport>> = []
  const ready: Array<Promise<void>> = []
  const processes = options.writers > 0 ? Math.max(1, Math.min(options.processes, options.writers)) : 0
  const kill = () => {
    for (const child of children) child.kill()
  }
  for (let p = 0, first = 0; p < processes; p++) {
    const count = Math.floor(options.writers / processes) + (p < options.writers % processes ? 1 : 0)
    const job: WritersJob = {url: options.url, first, count, editEveryMs: options.editEveryMs, draftWords: options.draftWords, maxSeconds: options.maxSeconds, ...(options.replay ? {replay: options.replay} : {})}
    first += count
    const script = options.replay ? 'pg-replay-writers.ts' : 'pg-writers.ts'
    const child = fork(join(__dirname, '..', script), [], {execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc']})
    children.push(child)
    ready.push(
      new Promise((resolve, reject) => {
        child.once('message', (m: {ready?: boolean; error?: string}) => (m.ready ? resolve() : reject(new Error(m.error))))
        child.once('exit', (code) => reject(new Error(`writer process exited (${code}) before it was ready`)))
      }),
    )
    finished.push(
      new Promise((resolve, reject) => {
        child.on('message', (m: {latencies?: number[]; statements?: number[]; error?: string}) => {
          if (m.error) reject(new Error(m.error))
          if (m.latencies) resolve({latencies: m.latencies, statements: m.statements})
        })
        child.on('exit', (code) => (code === 0 ? resolve({latencies: []}) : reject(new Error(`writer process exited with ${code}`))))
      }),
    )
    child.send(job)
  }
  try {
    await Promise.all(ready)
  } catch (error) {
    kill()
    throw error
  }
  const reports = Promise.all(finished)
  return {
    finished: reports.then((lists) => lists.flatMap((r) => r.latencies)),
    statements: reports.then((lists) => lists.flatMap((r) => r.statements ?? [])),
    pids: children.map((child) => child.pid!),
    stop: () => {
      for (const child of children) child.send('stop')
    },
    kill,
  }
}
