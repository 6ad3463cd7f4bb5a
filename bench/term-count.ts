/**
 * CPU milliseconds per MB of sentence text of counting index terms alone (`TermCounter.add`, one
 * counter per brief as `parseSource` makes them), in this one thread: the share of the parse
 * that term-counts.ts and the word scan of terms.ts make. The sentences are parsed before the
 * clock starts; compare checkouts by alternating runs, as with parse-thread.ts.
 *
 *   node --import tsx bench/term-count.ts [--briefs 1000] [--runs 5]
 */
import {readFileSync} from 'node:fs'
import {parsedSentences, parseSource} from '../server/src/engine/corpus/parsed-source'
import {TermCounter} from '../server/src/engine/corpus/term-counts'
import {numberArg} from './lib/args'
import {briefFiles} from './lib/corpora'

const briefs = numberArg('briefs', 1000)
const runs = numberArg('runs', 5)
const files = briefFiles(briefs)
const sources = files.map((path) => parsedSentences(parseSource({path, text: readFileSync(path, 'utf8')})).map((s) => s.text))
const megabytes = sources.reduce((sum, sentences) => sum + sentences.reduce((s, t) => s + Buffer.byteLength(t), 0), 0) / 1e6

function countAll(): number {
  let terms = 0
  for (const sentences of sources) {
    const counter = new TermCounter()
    for (const sentence of sentences) terms += counter.add(sentence)
    terms += counter.finish().termIds.length
  }
  return terms
}

// One unmeasured pass: the first one optimises the code and fills the word memo, as a worker's first sources do.
const check = countAll()
const perMb: number[] = []
for (let run = 0; run < runs; run++) {
  const before = process.cpuUsage()
  if (countAll() !== check) throw new Error('term counts differ between runs')
  const used = process.cpuUsage(before)
  perMb.push((used.user + used.system) / 1e3 / megabytes)
}
const sorted = [...perMb].sort((a, b) => a - b)
console.log(`${sources.length} briefs, ${megabytes.toFixed(1)} MB of sentences: TermCounter CPU ms per MB ${perMb.map((v) => v.toFixed(1)).join(', ')} (median ${sorted[sorted.length >> 1].toFixed(1)})`)
