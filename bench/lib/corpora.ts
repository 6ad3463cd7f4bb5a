/**
 * Generated corpora under bench/corpora/ (git-ignored): written once, reused while the
 * generator version and seed match (a `manifest.json` written last marks a complete corpus).
 */
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {GENERATOR_VERSION, SEED, briefText} from './generate'

export const BENCH_DIR = join(__dirname, '..')
export const CORPORA_DIR = join(BENCH_DIR, 'corpora')

export interface CorpusManifest {
  version: number
  seed: number
  briefs: number
  words: number
  bytes: number
}

export function corpusDir(briefs: number): string {
  return join(CORPORA_DIR, `briefs-${briefs}`)
}

function readManifest(dir: string): CorpusManifest | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as CorpusManifest
  } catch {
    return undefined
  }
}

/** Makes sure each corpus size exists; returns their manifests. Brief i is written once per run and shared by every size above i. */
export function ensureCorpora(sizes: number[], log: (s: string) => void = () => {}): Map<number, CorpusManifest> {
  const out = new Map<number, CorpusManifest>()
  const missing: number[] = []
  for (const n of sizes) {
    const m = readManifest(corpusDir(n))
    if (m && m.version === GENERATOR_VERSION && m.seed === SEED && m.briefs === n) out.set(n, m)
    else missing.push(n)
  }
  if (missing.length === 0) return out
  const max = Math.max(...missing)
  log(`generating corpora ${missing.join(', ')} briefs (seed ${SEED})…`)
  const started = performance.now()
  const totals = new Map(missing.map((n) => [n, {words: 0, bytes: 0}]))
  for (const n of missing) {
    rmSync(corpusDir(n), {recursive: true, force: true})
    mkdirSync(corpusDir(n), {recursive: true})
  }
  for (let i = 0; i < max; i++) {
    const {text} = briefText(i)
    const shard = String(Math.floor(i / 500)).padStart(3, '0')
    const name = `brief-${String(i).padStart(5, '0')}.md`
    const words = text.split(/\s+/).length
    const bytes = Buffer.byteLength(text)
    for (const n of missing) {
      if (i >= n) continue
      const dir = join(corpusDir(n), shard)
      if (i % 500 === 0) mkdirSync(dir, {recursive: true})
      writeFileSync(join(dir, name), text)
      const t = totals.get(n)!
      t.words += words
      t.bytes += bytes
    }
  }
  for (const n of missing) {
    const manifest: CorpusManifest = {version: GENERATOR_VERSION, seed: SEED, briefs: n, ...totals.get(n)!}
    writeFileSync(join(corpusDir(n), 'manifest.json'), JSON.stringify(manifest, null, 2))
    out.set(n, manifest)
  }
  log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  return out
}

export function hasCorpus(briefs: number): boolean {
  return existsSync(join(corpusDir(briefs), 'manifest.json'))
}
