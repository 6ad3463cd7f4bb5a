import {parentPort} from 'node:worker_threads'
import {runHashedJob, runParseJob, transferablesOf, type HashedJob, type ParseJob} from './parse-job'

let running: Promise<void> = Promise.resolve()

/**
 * Entry of a parse worker (parse-pool.ts): reads and parses one corpus file per message and
 * posts the outcome back, its typed arrays transferred. A file that exhausts the worker's
 * memory limit or deadline costs this worker, never the server or CLI that started it. Jobs
 * run one after another in the order sent: the pool sends the next job ahead and times only
 * the one in progress.
 */
parentPort?.on('message', (job: (ParseJob | HashedJob) & {id: number}) => {
  running = running.then(async () => {
    const outcome = 'knownHashes' in job ? await runHashedJob(job) : await runParseJob(job)
    parentPort!.postMessage({id: job.id, outcome}, transferablesOf(outcome))
  })
})
