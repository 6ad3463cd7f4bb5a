import type {ClientBase, Pool} from 'pg'

/** Options for a connection pool to a Briefcheck store. */
export interface PoolOptions {
  /** Most connections the pool opens (readers: a few; the load test: one per writer). */
  max?: number
  /** Shown in `pg_stat_activity`, so a DBA can tell ingestion from readers. */
  applicationName?: string
  /**
   * Told of every statement the pool's connections send, before it is sent: the benchmark
   * records real writers' statements this way to replay them as 49 light writers
   * (bench/lib/pg-replay.ts), since on one machine 49 real readers' client work would measure
   * that machine rather than the server.
   */
  observe?: (statement: SentStatement) => void
}

/** A statement as sent: its text, its name when prepared, its parameters. */
export interface SentStatement {
  text: string
  name?: string
  values?: unknown[]
}

/**
 * Opens a pool on a `postgresql://` URL. The `pg` client is loaded here, on first use, so the
 * embedded default never loads it. Passwords come from the URL only if the user put one there;
 * otherwise `pg` reads `PGPASSWORD` or `~/.pgpass` like libpq, so nothing secret need be
 * committed in `briefcheck.json`. 64-bit integers are read as numbers: every one we store
 * (ids, counts) stays far below 2^53.
 */
export async function openPool(url: string, options: PoolOptions = {}): Promise<Pool> {
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`not a PostgreSQL URL (postgresql://…): ${redact(url)}`)
  const pg = (await import('pg')).default
  const int8 = 20
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 4,
    application_name: options.applicationName ?? 'briefcheck',
    // Retrieval statements are short and many: JIT compilation and parallel workers each cost
    // more than the statement they would speed up (seen in EXPLAIN ANALYZE).
    options: '-c jit=off -c max_parallel_workers_per_gather=0',
    types: {getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === int8 ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser},
  })
  // An idle client losing its connection (server restart) must not crash the language server.
  pool.on('error', () => {})
  const observe = options.observe
  if (observe) pool.on('connect', (client) => observeClient(client, observe))
  return pool
}

/** Wraps one connection's `query` so that `observe` sees each statement (COPY streams and other submittables are not statements: skipped). */
function observeClient(client: ClientBase, observe: (statement: SentStatement) => void): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown
  ;(client as {query: unknown}).query = (...args: unknown[]) => {
    const [first, second] = args
    if (typeof first === 'string') observe({text: first, ...(Array.isArray(second) ? {values: second} : {})})
    else if (first && typeof first === 'object' && typeof (first as {text?: unknown}).text === 'string' && typeof (first as {submit?: unknown}).submit !== 'function') {
      const config = first as {text: string; name?: string; values?: unknown[]}
      const values = config.values ?? (Array.isArray(second) ? second : undefined)
      observe({text: config.text, ...(config.name ? {name: config.name} : {}), ...(values ? {values} : {})})
    }
    return query(...args)
  }
}

/** The URL with any password replaced, for messages and logs. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@')
}
