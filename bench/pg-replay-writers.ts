/**
 * Replaying background writers of `bench/pg-load.ts --writers replay`, run as a child process
 * of it (bench/lib/pg-replay.ts says why and how the statements were recorded).
 *
 * Each writer, over a connection of its own (as each person's editor has): waits a random part
 * of `editEveryMs` (so the writers do not edit in step), then in a loop sends one recorded
 * edit's statements in order, each after the previous one's rows arrived, and waits out the rest
 * of `editEveryMs`. Writer w replays recorded writer w mod K, from its own random starting edit
 * and round the list, so writers replaying the same recording are at different edits at any
 * moment. Rows are read off the socket as the `pg` client reads them, as arrays of raw text:
 * no planning, scoring or decoding here. The process reports each edit's and each statement's
 * latency to the parent (IPC), and exits on "stop", when the parent goes away, or after
 * `maxSeconds` whatever happens.
 */
import {readFileSync} from 'node:fs'
import type {Pool} from 'pg'
import {openPool} from '../server/src/store/postgres/connect'
import type {Recording} from './lib/pg-replay'
import {Rng} from './lib/prng'
import type {WritersJob} from './pg-writers'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Every column comes back as the text the server sent (bytea as hex): nothing decoded. */
const RAW = {getTypeParser: () => (value: string) => value}

async function run(job: WritersJob): Promise<void> {
  const recording = JSON.parse(readFileSync(job.replay!, 'utf8')) as Recording
  if (recording.writers.length === 0) throw new Error('the recording holds no writer')
  const pools: Pool[] = []
  for (let i = 0; i < job.count; i++) {
    const pool = await openPool(job.url, {max: 1, applicationName: 'briefcheck-bench-replay'})
    pools.push(pool)
    // Connected before timing starts, as a writer whose editor is open.
    await pool.query('SELECT 1')
  }
  const latencies: number[] = []
  const statements: number[] = []
  let stop = false
  process.on('message', (message) => {
    if (message === 'stop') stop = true
  })
  const hardStop = setTimeout(() => (stop = true), job.maxSeconds * 1000)
  const writer = async (w: number, pool: Pool) => {
    const edits = recording.writers[w % recording.writers.length].edits
    const rng = new Rng(w + 1)
    let next = rng.int(0, Math.max(0, edits.length - 1))
    if (job.editEveryMs > 0) await sleep(rng.next() * job.editEveryMs)
    while (!stop && edits.length > 0) {
      const edit = edits[next++ % edits.length]
      const t = performance.now()
      for (const statement of edit) {
        const s = performance.now()
        await pool.query({...statement, rowMode: 'array', types: RAW})
        statements.push(performance.now() - s)
      }
      const ms = performance.now() - t
      latencies.push(ms)
      // In a closed loop an edit with no statement must still yield, or "stop" is never read.
      await (job.editEveryMs > 0 ? sleep(Math.max(0, job.editEveryMs - ms)) : new Promise(setImmediate))
    }
  }
  process.send!({ready: true})
  await Promise.all(pools.map((pool, i) => writer(job.first + i, pool)))
  clearTimeout(hardStop)
  await Promise.all(pools.map((pool) => pool.end()))
  process.send!({latencies, statements}, () => process.exit(0))
}

process.once('message', (job: WritersJob) => {
  run(job).catch((error) => {
    process.send!({error: error instanceof Error ? (error.stack ?? error.message) : String(error)}, () => process.exit(1))
  })
})
// The parent died (killed, crashed): stop rather than load the server with nobody measuring.
process.on('disconnect', () => process.exit(0))
