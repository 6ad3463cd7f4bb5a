import {parentPort} from 'node:worker_threads'
import {runParseJob, transferablesOf, type ParseJob} from './parse-job'

/**
 * Entry of a parse worker (parse-pool.ts): reads and parses one corpus file per message and
 * posts the outcome back, its typed arrays transferred. A file that exhausts the worker's
 * memory limit or deadline costs this worker, never the server or CLI that started it.
 */
parentPort?.on('message', (job: ParseJob & {id: number}) => {
  void runParseJob(job).then((outcome) => parentPort!.postMessage({id: job.id, outcome}, transferablesOf(outcome)))
})
