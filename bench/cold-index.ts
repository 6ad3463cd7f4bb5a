/**
 * Times cold indexes of a generated corpus in this process, back to back: wall time, MB/s, and
 * CPU seconds per MB of corpus text over every thread of the process (the parse workers are
 * threads of it), which a busy machine disturbs less than wall time (issues #15, #18).
 *
 *   node --import tsx bench/cold-index.ts [--briefs 1000] [--runs 5] [--workers N]
 *
 * Nothing here runs in `npm test`; `npm run bench` reports the same cold index among the rest.
 */
import {join} from 'node:path'
import {parseArgs} from 'node:util'
import {loadCorpus} from '../server/src/engine/corpus/load'
import {defaultWorkerCount, parsePool} from '../server/src/engine/corpus/parse-pool'
import {corpusDir, ensureCorpora} from './lib/corpora'
import {median} from './lib/measure'

const {values} = parseArgs({options: {briefs: {type: 'string', default: '1000'}, runs: {type: 'string', default: '5'}, workers: {type: 'string'}}})
const briefs = Number(values.briefs)
const manifest = ensureCorpora([briefs], (s) => process.stderr.write(`${s}\n`)).get(briefs)!
const dir = corpusDir(briefs)
const workers = values.workers ? Number(values.workers) : defaultWorkerCount(false)
const mb = manifest.bytes / 1e6

async function main(): Promise<void> {
await parsePool(workers).start()
// The first briefs load each worker's parsers and let V8 compile them: not part of the timing.
await loadCorpus([join(dir, '000', 'brief-0000*.md'), join(dir, '000', 'brief-0001*.md')], {baseDir: dir, workers})
const runs: Array<{wallMs: number; cpuMs: number}> = []
for (let i = 0; i < Number(values.runs); i++) {
  const cpu = process.cpuUsage()
  const started = performance.now()
  const corpus = await loadCorpus([dir], {baseDir: dir, workers})
  const wallMs = performance.now() - started
  const used = process.cpuUsage(cpu)
  runs.push({wallMs, cpuMs: (used.user + used.system) / 1000})
  if (corpus.problems.length > 0) throw new Error(`unexpected problems: ${corpus.problems[0].reason}`)
  process.stderr.write(`run ${i + 1}: ${(wallMs / 1000).toFixed(2)} s wall, ${(mb / (wallMs / 1000)).toFixed(2)} MB/s, ${((used.user + used.system) / 1e6 / mb).toFixed(3)} CPU s/MB\n`)
}
const wall = median(runs.map((r) => r.wallMs))
const cpu = median(runs.map((r) => r.cpuMs))
console.log(JSON.stringify({briefs, mb: Number(mb.toFixed(2)), workers, runs: runs.length, medianWallMs: Math.round(wall), mbPerSecond: Number((mb / (wall / 1000)).toFixed(2)), cpuSecondsPerMb: Number((cpu / 1000 / mb).toFixed(3))}))
await parsePool(workers).close()
}

void main()
