import type {PoolClient} from 'pg'

/** Connections `briefcheck index` writes batches on (its pool opens this many). */
export const INGEST_WRITERS = 2

/**
 * Ingestion batches written on several connections at once, one transaction per batch.
 *
 * Why more than one: a connection's server process handles one statement at a time, and a
 * batch also spends time on this thread (its rows are built between its statements), so with
 * one connection the server waited for the rows and the rows for the server. At 10,000 briefs
 * a quarter of both cores sat idle that way (`perf record -a`, docs/scaling.md, "Ingestion
 * profile"). Batches are independent: each adds its own sources with their own ids and its own
 * postings rows (keyed by term and batch), and `publish` numbers sources by path afterwards, so
 * the order in which batches commit changes nothing readers see.
 *
 * A failed write stops new ones; `drain` waits for those in flight, then throws the first error.
 */
export class WriteLanes<T> {
  /** Batches queued or being written on each connection. */
  private readonly queued: number[]
  private readonly tails: Array<Promise<void>>
  private readonly inFlight = new Set<Promise<void>>()
  private failure: {error: unknown} | undefined

  constructor(
    private readonly clients: readonly PoolClient[],
    private readonly write: (client: PoolClient, items: T) => Promise<void>,
  ) {
    if (clients.length === 0) throw new Error('WriteLanes needs at least one connection')
    this.queued = clients.map(() => 0)
    this.tails = clients.map(() => Promise.resolve())
  }

  /** Batches queued or being written on all connections. */
  get pending(): number {
    return this.inFlight.size
  }

  /** Queues a batch on the connection with the fewest batches waiting. */
  submit(items: T): void {
    this.throwIfFailed()
    let lane = 0
    for (let i = 1; i < this.queued.length; i++) if (this.queued[i] < this.queued[lane]) lane = i
    this.queued[lane]++
    const done = this.tails[lane].then(async () => {
      try {
        if (!this.failure) await this.write(this.clients[lane], items)
      } catch (error) {
        this.failure ??= {error}
      } finally {
        this.queued[lane]--
        this.inFlight.delete(done)
      }
    })
    this.tails[lane] = done
    this.inFlight.add(done)
  }

  /** Waits until fewer than `limit` batches are pending (bounded memory); throws a write's error. */
  async whileAtLeast(limit: number): Promise<void> {
    while (this.inFlight.size >= limit) await Promise.race(this.inFlight)
    this.throwIfFailed()
  }

  /** Waits for every pending batch; throws the first write's error. */
  async drain(): Promise<void> {
    await Promise.all(this.tails)
    this.throwIfFailed()
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error
  }
}
