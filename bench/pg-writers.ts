/**
 * Background writers of `bench/pg-load.ts`, run as a child process of it (several such
 * processes share the writers, so their client work is spread over the machine's cores and
 * scheduled by the operating system apart from the foreground writer's process).
 *
 * Each writer, in a loop: waits its pace (`editEveryMs`, from a random start so the writers do
 * not edit in step; 0: no wait, a closed loop), edits a figure of its own 5,000-word draft, and
 * fetches what the edited sentence asks of the store, over a connection of its own. That is the
 * part of a writer's re-check the shared server sees; the rest of it (parse, checks) runs on
 * each writer's own machine in real use, so here it is left out rather than heaped onto the
 * two cores the database and the measured foreground writer share.
 *
 * The writers of one process share one store's memory, warmed before timing starts by one
 * draft's sentences, as if each had checked its draft once already: a writer whose editor is
 * open holds the common terms' postings, so an edit fetches only what is new. The process reports each edit's latency to the parent (IPC), and exits on
 * "stop", when the parent goes away, or after `maxSeconds` whatever happens.
 */
import {PostgresStore} from '../server/src/store/postgres/store'
import {draftText} from './lib/generate'
import {Rng} from './lib/prng'
import {editRandomFigure, sentencesOf} from './lib/pg-edits'

/** What the parent sends first. */
export interface WritersJob {
  url: string
  /** Numbers of this process's writers (their drafts and random streams). */
  first: number
  count: number
  editEveryMs: number
  draftWords: number
  maxSeconds: number
  /** A recording to replay instead (bench/pg-replay-writers.ts runs it; this file ignores it). */
  replay?: string
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function run(job: WritersJob): Promise<void> {
  const store = await PostgresStore.open(job.url, {max: job.count, applicationName: 'briefcheck-bench-writer'})
  const latencies: number[] = []
  let stop = false
  process.on('message', (message) => {
    if (message === 'stop') stop = true
  })
  const hardStop = setTimeout(() => (stop = true), job.maxSeconds * 1000)
  const writer = async (w: number) => {
    const sentences = sentencesOf(draftText(job.draftWords, 100, 1001 + w))
    const rng = new Rng(w + 1)
    if (job.editEveryMs > 0) await sleep(rng.next() * job.editEveryMs)
    while (!stop) {
      const sentence = editRandomFigure(sentences[rng.int(0, sentences.length - 1)], rng)
      const t = performance.now()
      await store.prefetch([sentence])
      const ms = performance.now() - t
      latencies.push(ms)
      if (job.editEveryMs > 0) await sleep(Math.max(0, job.editEveryMs - ms))
    }
  }
  // Warm, as an open editor is: the first writer's whole draft once (the common terms' postings).
  await store.prefetch(sentencesOf(draftText(job.draftWords, 100, 1001 + job.first)))
  process.send!({ready: true})
  await Promise.all(Array.from({length: job.count}, (_, i) => writer(job.first + i)))
  clearTimeout(hardStop)
  await store.close()
  process.send!({latencies}, () => process.exit(0))
}

process.once('message', (job: WritersJob) => {
  run(job).catch((error) => {
    process.send!({error: error instanceof Error ? (error.stack ?? error.message) : String(error)}, () => process.exit(1))
  })
})
// The parent died (killed, crashed): stop rather than load the server with nobody measuring.
process.on('disconnect', () => process.exit(0))
