import type {Pool, PoolClient} from 'pg'
import type {CorpusProblem, CorpusSentence, SourceMeta} from '../../engine/corpus/types'
import type {Candidate, CorpusStore, CorpusView, KeyEntry, SourceRecord, StoreCallOptions, StoreChange} from '../../engine/store/types'
import {openPool, type PoolOptions} from './connect'
import {CHANGE_CHANNEL} from './publish'
import {answerQueries} from './answer'
import type {Dictionary} from './retrieve'
import {checkSchemaVersion} from './schema'
import {PostgresView} from './view'

/** Queries answered per round trip pair (postings, then sentences): bounds one answer's size. */
const QUERIES_PER_FETCH = 100

/**
 * A corpus held in PostgreSQL (issue #18), read-only: `briefcheck index --store` writes it.
 *
 * Each published generation is loaded once (source metadata, term dictionary, problems) and
 * read through a `PostgresView`; retrieval reads postings from the database, scores them here
 * (postings.ts) and keeps the answers, the postings and the sentences read in the view. A `NOTIFY` from the publishing transaction (or a generation seen in a query's
 * answer) loads the next generation and tells the watchers.
 */
export class PostgresStore implements CorpusStore {
  private current: PostgresView
  private readonly listeners = new Set<(change: StoreChange) => void>()
  private listener: PoolClient | undefined
  private reloading: Promise<void> | undefined
  /** Retrieval statements sent so far: what an edit or a hover costs in round trips. */
  roundTrips = 0
  /** Milliseconds from sending those statements to having their rows (server, socket and row parsing). */
  statementMs = 0

  private constructor(
    private readonly pool: Pool,
    first: PostgresView,
  ) {
    this.current = first
  }

  /** Connects, checks the schema and loads the published generation. */
  static async open(url: string, options: PoolOptions = {}): Promise<PostgresStore> {
    const pool = await openPool(url, options)
    try {
      const store = new PostgresStore(pool, await loadGeneration(pool))
      return store
    } catch (error) {
      await pool.end().catch(() => {})
      throw error
    }
  }

  get generation(): number {
    return this.current.generation
  }

  view(): CorpusView {
    return this.current
  }

  async prefetch(queries: readonly string[], options: StoreCallOptions = {}): Promise<void> {
    const view = this.current
    const widest = PostgresView.widest(0)
    const todo = [...new Set(queries)].filter((q) => !view.has(q, widest))
    for (let at = 0; at < todo.length && !options.signal?.aborted; at += QUERIES_PER_FETCH) {
      if (!(await this.fetchInto(view, todo.slice(at, at + QUERIES_PER_FETCH), widest))) return
    }
  }

  async candidates(query: string, limit: number, options: StoreCallOptions = {}): Promise<Candidate[]> {
    const view = this.current
    const widest = PostgresView.widest(limit)
    if (!view.has(query, widest) && !options.signal?.aborted) await this.fetchInto(view, [query], widest)
    return view.retrieve(query, limit).map((hit) => ({id: hit.sentence, score: hit.score, sentence: view.sentences[hit.sentence]}))
  }

  /**
   * Reads the source's sentences by its row id, which the view holds, in the primary key of
   * `sentences`: no look-up in `sources` (whose `position` has no index: at 100,000 briefs that
   * was a scan of every source row for each call). A published row's sentences never change, so
   * the answer is the view's generation's; if a publish since removed the row, the next generation
   * is loaded and asked once more.
   */
  async source(key: string): Promise<SourceRecord | undefined> {
    const found = await this.sourceIn(this.current, key)
    if (found !== 'moved') return found
    await this.refresh()
    const again = await this.sourceIn(this.current, key)
    return again === 'moved' ? undefined : again
  }

  /** `source` in one view; 'moved' when its row is gone (a newer generation was published). */
  private async sourceIn(view: PostgresView, key: string): Promise<SourceRecord | undefined | 'moved'> {
    const index = view.sourceByKey(key)
    if (index === undefined) return undefined
    const meta = view.sources[index]
    const {rowId, count} = view.sourceRow(index)
    const rows = await this.pool.query<{text: string; start_offset: number; end_offset: number; section: string | null; page: number | null}>(
      'SELECT text, start_offset, end_offset, section, page FROM sentences WHERE source_id = $1 ORDER BY ord',
      [rowId],
    )
    if (rows.rows.length !== count) return 'moved'
    const sentences: CorpusSentence[] = rows.rows.map((r) => ({
      source: index,
      text: r.text,
      start: r.start_offset,
      end: r.end_offset,
      ...(r.section !== null ? {section: r.section} : {}),
      ...(r.page !== null ? {page: r.page} : {}),
    }))
    return {meta, sentences}
  }

  async listKeys(prefix: string, limit: number): Promise<KeyEntry[]> {
    const like = prefix.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c) + '%'
    const rows = await this.pool.query<{key: string; title: string; authors: string[]; date: string | null}>(
      `SELECT key, title, authors, date FROM sources WHERE first_id IS NOT NULL AND lower(key) LIKE $1 ORDER BY key COLLATE "C" LIMIT $2`,
      [like, limit],
    )
    return rows.rows.map((r) => ({key: r.key, title: r.title, authors: r.authors, ...(r.date !== null ? {date: r.date} : {})}))
  }

  problems(): readonly CorpusProblem[] {
    return this.current.storeProblems
  }

  watch(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener)
    void this.listen()
    return () => this.listeners.delete(listener)
  }

  /** Loads the published generation if it moved on; resolves when done. */
  async refresh(): Promise<void> {
    this.reloading ??= (async () => {
      try {
        const next = await loadGeneration(this.pool)
        if (next.generation === this.current.generation) return
        this.current = next
        const change = {generation: next.generation}
        for (const listener of [...this.listeners]) listener(change)
      } finally {
        this.reloading = undefined
      }
    })()
    return this.reloading
  }

  /** Closes the connections. */
  async close(): Promise<void> {
    this.listener?.release()
    this.listener = undefined
    await this.pool.end()
  }

  /** Answers a batch of queries into the view (answer.ts); false when a new generation was published meanwhile (it is loaded). */
  private async fetchInto(view: PostgresView, queries: readonly string[], limit: number): Promise<boolean> {
    if (await answerQueries(this.pool, view, queries, limit, (ms) => {
      this.roundTrips++
      this.statementMs += ms
    })) return true
    return this.moveOn()
  }

  /** Loads the generation published meanwhile (the watchers re-check); always false. */
  private async moveOn(): Promise<false> {
    await this.refresh()
    return false
  }

  private async listen(): Promise<void> {
    if (this.listener) return
    try {
      const client = await this.pool.connect()
      this.listener = client
      client.on('notification', (message) => {
        if (message.channel === CHANGE_CHANNEL) void this.refresh().catch(() => {})
      })
      await client.query(`LISTEN ${CHANGE_CHANNEL}`)
    } catch {
      // No notifications (a pooler that drops LISTEN): changes are still seen by queries.
      this.listener = undefined
    }
  }
}

/** Reads one published generation in one snapshot: state, sources, dictionary, problems. */
async function loadGeneration(pool: Pool): Promise<PostgresView> {
  const client = await pool.connect()
  try {
    await checkSchemaVersion(client)
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    try {
      const state = (await client.query<{generation: number; sentence_count: number; length_sum: number}>('SELECT generation, sentence_count, length_sum FROM briefcheck_state')).rows[0]
      const sourceRows = await client.query<{
        id: number
        first_id: number
        sentence_count: number
        key: string
        title: string
        authors: string[]
        date: string | null
        url: string | null
        publisher: string | null
        path: string
        reference: string
        warnings: string[]
      }>('SELECT id, first_id, sentence_count, key, title, authors, date, url, publisher, path, reference, warnings FROM sources WHERE first_id IS NOT NULL ORDER BY position')
      const termRows = await client.query<{term: string; df: number}>('SELECT term, df FROM terms')
      const problemRows = await client.query<{path: string; reason: string}>('SELECT path, reason FROM problems ORDER BY ord')
      await client.query('COMMIT')
      const sources: SourceMeta[] = sourceRows.rows.map((r) => ({
        key: r.key,
        title: r.title,
        authors: r.authors,
        date: r.date ?? undefined,
        url: r.url ?? undefined,
        publisher: r.publisher ?? undefined,
        path: r.path,
        reference: r.reference,
      }))
      const problems: CorpusProblem[] = problemRows.rows.map((r) => ({path: r.path, reason: r.reason}))
      for (const r of sourceRows.rows) for (const warning of r.warnings) problems.push({path: r.path, reason: warning})
      const df = new Map<string, number>()
      for (const row of termRows.rows) df.set(row.term, row.df)
      const docCount = state.sentence_count
      const dictionary: Dictionary = {
        df: (term) => df.get(term) ?? 0,
        docCount,
        averageLength: docCount > 0 ? Math.max(1, state.length_sum / docCount) : 1,
      }
      const layout = {
        rowIds: sourceRows.rows.map((r) => r.id),
        firstIds: sourceRows.rows.map((r) => r.first_id),
        counts: sourceRows.rows.map((r) => r.sentence_count),
      }
      return new PostgresView(state.generation, sources, docCount, dictionary, problems, layout)
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw error
    }
  } finally {
    client.release()
  }
}
