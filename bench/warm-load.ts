/**
 * Warm load of one benchmark corpus through the language server's disk cache, in-process, with
 * memory before/after (scratch profiling aid for issue #15).
 *
 *   node --import tsx --expose-gc bench/warm-load.ts 10000 /tmp/cache-dir [--check]
 */
import {existsSync} from 'node:fs'
import {loadCorpus} from '../server/src/engine/corpus/load'
import {DiskCorpusCache} from '../server/src/workspace/corpus-cache'
import {corpusDir} from './lib/corpora'
import {draftText} from './lib/generate'
import {createEngine} from '../server/src/engine/service'
import {MemoryStore} from '../server/src/engine/store/memory'
import {DEFAULT_CONFIG} from '../server/src/engine/config'

const [briefs, cacheDir] = [Number(process.argv[2] ?? 1000), process.argv[3] ?? '/tmp/mem/cache']
const mb = (n: number) => Math.round(n / 1048576)
const memory = () => {
  globalThis.gc?.()
  const m = process.memoryUsage()
  return `rss ${mb(m.rss)} heap ${mb(m.heapUsed)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)} (peak rss ${Math.round(process.resourceUsage().maxRSS / 1024)})`
}
async function main(): Promise<void> {
const dir = corpusDir(briefs)
const cold = !existsSync(`${cacheDir}/briefcheck-corpus.bin`)
const cache = new DiskCorpusCache(cacheDir)
cache.beginLoad()
console.log('before', memory())
let t = performance.now()
const cpu = process.cpuUsage()
const corpus = await loadCorpus([dir], {baseDir: dir, cache})
const wall = performance.now() - t
const used = process.cpuUsage(cpu)
console.log(`${cold ? 'cold' : 'warm'} load ${Math.round(wall)} ms wall, ${Math.round((used.user + used.system) / 1000)} ms cpu; ${corpus.sentences.length} sentences, stats ${JSON.stringify(cache.stats)}`)
t = performance.now()
await cache.flush()
console.log(`flush ${Math.round(performance.now() - t)} ms`)
console.log('after', memory())
if (process.argv.includes('--check')) {
  const engine = createEngine({store: new MemoryStore(corpus), config: DEFAULT_CONFIG})
  const text = draftText(5000)
  for (let round = 1; round <= 2; round++) {
    const before = {...corpus.index.stats}
    const started = performance.now()
    const c = process.cpuUsage()
    const result = await engine.check(`file:///ws/draft-${round}.md`, 1, text)
    const u = process.cpuUsage(c)
    const s = corpus.index.stats
    console.log(`check ${round}: ${Math.round(performance.now() - started)} ms wall, ${Math.round((u.user + u.system) / 1000)} ms cpu, ${result.messages.length} messages; queries ${s.queries - before.queries}, postings ${s.postings - before.postings}, lookups ${s.completions - before.completions}`)
  }
  console.log('after check', memory())
}
;(globalThis as {corpus?: unknown}).corpus = corpus
}

void main()
