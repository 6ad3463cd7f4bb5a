/** What the PostgreSQL benchmarks (pg-load.ts, pg-recheck.ts) share besides their writers. */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Pool} from 'pg'
import type {PostgresStore} from '../../server/src/store/postgres/store'
import {pidCpu, serverCpu} from './cpu'
import {round} from './measure'

/**
 * Wraps `store.prefetch` so the time a check spends waiting for the store (round trips and the
 * reader's scoring) adds up in `ms`, apart from the checks' own work; set `ms = 0` before a check.
 */
export function timeStoreWaits(store: PostgresStore): {ms: number} {
  const waits = {ms: 0}
  const prefetch = store.prefetch.bind(store)
  store.prefetch = async (queries, options) => {
    const t = performance.now()
    await prefetch(queries, options)
    waits.ms += performance.now() - t
  }
  return waits
}

/**
 * Runs a benchmark's `main` bounded: past `maxMinutes` the process stops whatever it is doing
 * (exit code 3), and on a timeout or an error `onStop` runs first (the writer processes are
 * killed rather than left loading the server with nobody measuring).
 */
export function runBounded(name: string, maxMinutes: number, main: () => Promise<void>, onStop: () => void): void {
  const watchdog = setTimeout(() => {
    process.stderr.write(`${name}: stopped after --max-minutes ${maxMinutes}\n`)
    onStop()
    process.exit(3)
  }, maxMinutes * 60_000)
  watchdog.unref()
  main()
    .catch((error) => {
      process.stderr.write(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
      process.exitCode = 1
      onStop()
    })
    .finally(() => clearTimeout(watchdog))
}

/** The server's postmaster process id (the parent of every backend), read from its data directory. */
export async function postmasterPid(pool: Pool): Promise<number> {
  const dataDir = (await pool.query<{data_directory: string}>('SHOW data_directory')).rows[0].data_directory
  return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
}

/** CPU seconds so far of a PostgreSQL server and of each of its client backends, with the application that opened it. */
export interface ServerCpuSnapshot {
  server: number
  backends: Map<number, {application: string; seconds: number}>
}

/** Reads the server's CPU seconds (/proc, as bench/lib/cpu.ts does) and its client backends' (pg_stat_activity names them). */
export async function serverCpuSnapshot(monitor: Pool, postmaster: number): Promise<ServerCpuSnapshot> {
  const rows = (await monitor.query<{pid: number; application_name: string}>("SELECT pid, application_name FROM pg_stat_activity WHERE backend_type = 'client backend'")).rows
  const backends = new Map<number, {application: string; seconds: number}>()
  for (const row of rows) {
    const seconds = pidCpu(row.pid)
    if (!Number.isNaN(seconds)) backends.set(row.pid, {application: row.application_name || '(none)', seconds})
  }
  return {server: serverCpu(postmaster), backends}
}

/**
 * CPU seconds between two snapshots: the whole server (backends, WAL writer, checkpointer…)
 * and the client backends summed by application name (a backend opened in between counts from 0;
 * one closed in between is missed, so take `to` while the writers are still connected).
 */
export function serverCpuBetween(from: ServerCpuSnapshot, to: ServerCpuSnapshot): {server: number; backendsByApplication: Record<string, number>} {
  const byApplication: Record<string, number> = {}
  for (const [pid, now] of to.backends) {
    const before = from.backends.get(pid)?.seconds ?? 0
    byApplication[now.application] = round((byApplication[now.application] ?? 0) + now.seconds - before, 2)
  }
  return {server: round(to.server - from.server, 2), backendsByApplication: byApplication}
}
