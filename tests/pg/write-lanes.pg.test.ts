import {Client} from 'pg'
import {describe, expect, it, onTestFinished} from 'vitest'
import {openPool} from '../../server/src/store/postgres/connect'
import {WriteLanes} from '../../server/src/store/postgres/write-lanes'
import {freshDatabase} from './db'

/** Two pooled connections to a fresh database, released and closed when the test ends. */
async function twoConnections() {
  const url = await freshDatabase()
  const pool = await openPool(url, {max: 2})
  const clients = [await pool.connect(), await pool.connect()]
  onTestFinished(async () => {
    for (const client of clients) client.release()
    await pool.end()
  })
  return {url, clients}
}

describe('ingestion batches written on two connections (issue #18)', () => {
  it('writes a batch on the second connection while the first one waits on the server', async () => {
    const {url, clients} = await twoConnections()
    // A third session holds a lock the first batch must wait for: the second batch can only
    // finish before the lock is let go if it runs on the other connection meanwhile.
    const holder = new Client({connectionString: url})
    await holder.connect()
    onTestFinished(() => holder.end())
    await holder.query('SELECT pg_advisory_lock(7)')
    const events: string[] = []
    let secondDone: () => void = () => {}
    const second = new Promise<void>((resolve) => (secondDone = resolve))
    const lanes = new WriteLanes<string>(clients, async (client, item) => {
      events.push(`start ${item}`)
      await client.query(item === 'first' ? 'SELECT pg_advisory_lock(7), pg_advisory_unlock(7)' : 'SELECT 1')
      events.push(`end ${item}`)
      if (item === 'second') secondDone()
    })
    lanes.submit('first')
    lanes.submit('second')
    expect(lanes.pending).toBe(2)
    await second
    expect(events).toEqual(['start first', 'start second', 'end second'])
    await holder.query('SELECT pg_advisory_unlock(7)')
    await lanes.drain()
    expect(events.at(-1)).toBe('end first')
    expect(lanes.pending).toBe(0)
  })

  it('stops after a failed batch: later batches are not written and the error reaches the caller once all are done', async () => {
    const {clients} = await twoConnections()
    const started: string[] = []
    const lanes = new WriteLanes<string>(clients, async (client, item) => {
      started.push(item)
      await client.query(item === 'bad' ? 'SELECT 1 / 0' : 'SELECT 1')
    })
    // Lanes by fewest queued: a and c on the first connection, bad and d on the second.
    for (const item of ['a', 'bad', 'c', 'd']) lanes.submit(item)
    await expect(lanes.drain()).rejects.toThrow(/division by zero/)
    expect(started).toContain('bad')
    expect(started).not.toContain('d')
    expect(lanes.pending).toBe(0)
    expect(() => lanes.submit('e')).toThrow(/division by zero/)
    await expect(lanes.whileAtLeast(1)).rejects.toThrow(/division by zero/)
    // Both connections still answer.
    for (const client of clients) expect((await client.query('SELECT 2 AS n')).rows[0].n).toBe(2)
  })
})
