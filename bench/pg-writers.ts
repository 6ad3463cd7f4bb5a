/**
 * The background writers of `bench/pg-load.ts`, in a worker thread of their own: each opens its
 * own store (one connection) and, in a loop, edits a figure of its own 5,000-word draft and
 * fetches what the edited sentence asks of the store, pausing `pauseMs` between edits. They run
 * here, not on the foreground writer's thread, because each real writer's client work (reading
 * and scoring postings) runs on that writer's own machine: on one thread it would queue the
 * foreground writer's requests behind 49 others' and measure this process, not the store.
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
  const stores = await Promise.all(Array.from({length: job.writers}, () => PostgresStore.open(job.url, {max: 1})))
  const latencies: number[] = []
  let stop = false
  parentPort!.on('message', (message) => {
    if (message === 'stop') stop = true
  })
  const writer = async (w: number) => {
    const store = stores[w]
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
  await Promise.all(stores.map((_, w) => writer(w)))
  await Promise.all(stores.map((s) => s.close()))
  parentPort!.postMessage({latencies})
}

main().catch((error) => {
  parentPort!.postMessage({error: error instanceof Error ? (error.stack ?? error.message) : String(error)})
})
