/**
 * CPU seconds per MB of parsing a generated corpus in this one thread (`parseSource` of each
 * Markdown brief, as a parse worker does it), without workers, files listed once and read
 * before the clock starts. What the parse's fast paths are measured with (README, cold-index
 * bullet); compare checkouts by alternating runs, CPU time being what other load changes least.
 *
 *   node --import tsx bench/parse-thread.ts [--briefs 1000] [--runs 3]
 */
import {readFileSync} from 'node:fs'
import {parseSource} from '../server/src/engine/corpus/parsed-source'
import {numberArg} from './lib/args'
import {briefFiles} from './lib/corpora'

const briefs = numberArg('briefs', 1000)
const runs = numberArg('runs', 3)
const files = briefFiles(briefs)
const texts = files.map((path) => ({path, text: readFileSync(path, 'utf8')}))
const megabytes = texts.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0) / 1e6
// One unmeasured pass: the first one optimises the code.
for (const file of texts.slice(0, 50)) parseSource(file)
const perMb: number[] = []
for (let run = 0; run < runs; run++) {
  const before = process.cpuUsage()
  for (const file of texts) parseSource(file)
  const used = process.cpuUsage(before)
  perMb.push((used.user + used.system) / 1e6 / megabytes)
}
const sorted = [...perMb].sort((a, b) => a - b)
console.log(`${texts.length} briefs, ${megabytes.toFixed(1)} MB: CPU s per MB ${perMb.map((v) => v.toFixed(3)).join(', ')} (median ${sorted[sorted.length >> 1].toFixed(3)})`)
