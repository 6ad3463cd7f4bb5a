/**
 * Projects `npm run bench:pg` figures to 100,000 briefs from two measured sizes (issue #18):
 * each figure's growth from 1,000 to 10,000 briefs (the factor per tenfold) applied once more
 * to the 10,000-brief figure. Sizes grow linearly with the corpus, so their factor is about 10;
 * latencies grow with the postings a query reads and the sentences it scores, which the search
 * budget bounds, so theirs is well under 10. Reads bench/pg-results-1000.json and
 * bench/pg-results-10000.json (or the two files named), prints a table and writes
 * bench/pg-projection-100000.json. Run both sizes on the same machine under the same load.
 *
 *   node --import tsx bench/pg-project.ts [small.json large.json]
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {BENCH_DIR} from './lib/corpora'
import {round} from './lib/measure'

type Json = Record<string, unknown>

const [smallFile, largeFile] = process.argv.length >= 4 ? process.argv.slice(2, 4) : ['1000', '10000'].map((n) => join(BENCH_DIR, `pg-results-${n}.json`))
const small = JSON.parse(readFileSync(smallFile, 'utf8')) as Json
const large = JSON.parse(readFileSync(largeFile, 'utf8')) as Json

/** The number at a dotted path, or undefined. */
function at(results: Json, path: string): number | undefined {
  let value: unknown = results
  for (const part of path.split('.')) value = (value as Json | undefined)?.[part]
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

const FIGURES = [
  'ingestion.mb',
  'ingestion.sentences',
  'ingestion.seconds',
  'ingestion.mbPerSecond',
  'ingestion.databaseMb.sentences',
  'ingestion.databaseMb.postings',
  'ingestion.databaseMb.sources',
  'load.firstCheckMs',
  'load.foregroundRecheck.p50',
  'load.foregroundRecheck.p95',
  'load.foregroundRecheckWaitingForStore.p50',
  'load.foregroundRecheckWaitingForStore.p95',
  'load.hoverNeverChecked.p50',
  'load.hoverNeverChecked.p95',
  'load.hoverChecked.p50',
  'load.completionFromDatabase.p50',
  'load.backgroundEditRetrieval.p50',
  'load.allWritersStoreAnswer.p50',
  'load.allWritersStoreAnswer.p95',
]

const briefs = [at(small, 'ingestion.briefs'), at(large, 'ingestion.briefs')]
if (briefs[0] === undefined || briefs[1] === undefined || briefs[1] / briefs[0] !== 10) {
  console.error(`bench/pg-project.ts: need two results ten times apart in size, got ${briefs.join(' and ')} briefs`)
  process.exit(2)
}
const target = briefs[1] * 10
const rows = FIGURES.flatMap((figure) => {
  const a = at(small, figure)
  const b = at(large, figure)
  if (a === undefined || b === undefined || a <= 0) return []
  const perTenfold = b / a
  return [{figure, [briefs[0]!]: a, [briefs[1]!]: b, perTenfold: round(perTenfold, 2), [`projected${target}`]: round(b * perTenfold, 1)}]
})
console.table(rows)
const out = join(BENCH_DIR, `pg-projection-${target}.json`)
writeFileSync(out, JSON.stringify({from: [smallFile, largeFile], loadAverages: [small.loadAverageAtStart, large.loadAverageAtStart], rows}, null, 2) + '\n')
console.log(`written to ${out}`)
