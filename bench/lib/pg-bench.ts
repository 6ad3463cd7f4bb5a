/** What the PostgreSQL benchmarks (pg-load.ts, pg-recheck.ts) share besides their writers. */
import type {PostgresStore} from '../../server/src/store/postgres/store'

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
