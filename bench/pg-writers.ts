/**
 * The background writers of `bench/pg-load.ts`, in a worker thread of their own: each, in a
 * loop, edits a figure of its own 5,000-word draft and fetches what the edited sentence asks of
 * the store (over a connection of its own), pausing `pauseMs` between edits. They run here, not
 * on the foreground writer's thread, because each real writer's client work (reading and
 * scoring postings) runs on that writer's own machine: on one thread it would queue the
 * foreground writer's requests behind 49 others' and measure this process, not the store.
 *
 * The writers share one store's memory, as if each had checked its draft once already: a writer
 * whose editor is open holds the common terms' postings, so an edit fetches only what is new.
 * (Forty-nine cold caches filled on one thread measured that thread: 182 edits in 150 s.)
 */
import {parentPort, workerData} from 'node:worker_threads'
import {PostgresStore} from '../server/src/store/postgres/store'
import {draftText} from './lib/generate'
import {Rng} from './lib/prng'
import {editRandomFigure, sentencesOf} from './lib/pg-edits'

interface Job {
  url: string
  writers: number
  pauseMs: number
  draftWords: number
}

async function main(): Promise<void> {
  const job = workerData as Job
  const store = await PostgresStore.open(job.url, {max: job.writers})
  const latencies: number[] = []
  let stop = false
  parentPort!.on('message', (message) => {
    if (message === 'stop') stop = true
  })
  const writer = async (w: number) => {
    const sentences = sentencesOf(draftText(job.draftWords, 100, 1001 + w))
    const rng = new Rng(w + 1)
    while (!stop) {
      const sentence = editRandomFigure(sentences[rng.int(0, sentences.length - 1)], rng)
      const t = performance.now()
      await store.prefetch([sentence])
      latencies.push(performance.now() - t)
      if (job.pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, job.pauseMs))
    }
  }
  parentPort!.postMessage({ready: true})
  await Promise.all(Array.from({length: job.writers}, (_, w) => writer(w)))
  await store.close()
  parentPort!.postMessage({latencies})
}

main().catch((error) => {
  parentPort!.postMessage({error: error instanceof Error ? (error.stack ?? error.message) : String(error)})
})
