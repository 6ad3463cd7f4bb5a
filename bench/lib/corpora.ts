/**
 * Generated corpora under bench/corpora/ (git-ignored): written once, reused while the
 * generator version and seed match (a `manifest.json` written last marks a complete corpus).
 *
 * Several benchmark runs may share this folder (a second run started while the first still
 * ingests lost part of a 10,000-brief corpus once). So a corpus is generated in a directory of
 * its own run (`.building-N-PID`) and renamed into place when complete; a complete corpus with
 * a current manifest is never deleted; an outdated or incomplete one is moved aside under the
 * generation lock (`.lock`, created exclusively) before anything new is written, and a run that
 * finds the lock held waits for it (bounded) instead of writing beside it.
 */
import {closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {GENERATOR_VERSION, SEED, briefText} from './generate'

export const BENCH_DIR = join(__dirname, '..')
export const CORPORA_DIR = join(BENCH_DIR, 'corpora')
const LOCK = join(CORPORA_DIR, '.lock')
/** How long a run waits for another run's generation before giving up with a message. */
const LOCK_WAIT_MS = 30 * 60 * 1000
/** A lock older than this is a crashed run's (generating 10,000 briefs takes well under it). */
const LOCK_STALE_MS = 60 * 60 * 1000

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

function isCurrent(n: number): CorpusManifest | undefined {
  const m = readManifest(corpusDir(n))
  return m && m.version === GENERATOR_VERSION && m.seed === SEED && m.briefs === n ? m : undefined
}

/** Takes the generation lock, waiting (bounded) while another run holds it. */
function lock(log: (s: string) => void): () => void {
  mkdirSync(CORPORA_DIR, {recursive: true})
  const until = Date.now() + LOCK_WAIT_MS
  let said = false
  for (;;) {
    try {
      closeSync(openSync(LOCK, 'wx'))
      writeFileSync(LOCK, String(process.pid))
      return () => rmSync(LOCK, {force: true})
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    let age = 0
    try {
      age = Date.now() - statSync(LOCK).mtimeMs
    } catch {
      continue
    }
    if (age > LOCK_STALE_MS) {
      rmSync(LOCK, {force: true})
      continue
    }
    if (Date.now() > until) throw new Error(`another benchmark run has been generating corpora for ${Math.round(age / 60000)} min (${LOCK}); try again later`)
    if (!said) log('another benchmark run is generating corpora; waiting for it…')
    said = true
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000)
  }
}

/** Makes sure each corpus size exists; returns their manifests. Brief i is generated once per run and shared by every size above i. */
export function ensureCorpora(sizes: number[], log: (s: string) => void = () => {}): Map<number, CorpusManifest> {
  const out = new Map<number, CorpusManifest>()
  for (const n of sizes) {
    const m = isCurrent(n)
    if (m) out.set(n, m)
  }
  if (out.size === sizes.length) return out
  const unlock = lock(log)
  try {
    // Another run may have generated some meanwhile.
    const missing = sizes.filter((n) => {
      const m = isCurrent(n)
      if (m) out.set(n, m)
      return !m
    })
    if (missing.length > 0) generate(missing, log).forEach((m, n) => out.set(n, m))
    return out
  } finally {
    unlock()
  }
}

/** Generates `missing` sizes in this run's own directories, then renames each into place. */
function generate(missing: number[], log: (s: string) => void): Map<number, CorpusManifest> {
  const out = new Map<number, CorpusManifest>()
  const max = Math.max(...missing)
  log(`generating corpora ${missing.join(', ')} briefs (seed ${SEED})…`)
  const started = performance.now()
  const building = new Map(missing.map((n) => [n, join(CORPORA_DIR, `.building-${n}-${process.pid}`)]))
  const totals = new Map(missing.map((n) => [n, {words: 0, bytes: 0}]))
  for (const dir of building.values()) mkdirSync(dir, {recursive: true})
  for (let i = 0; i < max; i++) {
    const {text} = briefText(i)
    const shard = String(Math.floor(i / 500)).padStart(3, '0')
    const name = `brief-${String(i).padStart(5, '0')}.md`
    const words = text.split(/\s+/).length
    const bytes = Buffer.byteLength(text)
    for (const n of missing) {
      if (i >= n) continue
      const dir = join(building.get(n)!, shard)
      if (i % 500 === 0) mkdirSync(dir, {recursive: true})
      writeFileSync(join(dir, name), text)
      const t = totals.get(n)!
      t.words += words
      t.bytes += bytes
    }
  }
  for (const n of missing) {
    const manifest: CorpusManifest = {version: GENERATOR_VERSION, seed: SEED, briefs: n, ...totals.get(n)!}
    writeFileSync(join(building.get(n)!, 'manifest.json'), JSON.stringify(manifest, null, 2))
    // An outdated corpus is moved aside first, so no run ever reads a half-replaced one.
    if (existsSync(corpusDir(n))) {
      const old = join(CORPORA_DIR, `.old-${n}-${process.pid}`)
      renameSync(corpusDir(n), old)
      rmSync(old, {recursive: true, force: true})
    }
    renameSync(building.get(n)!, corpusDir(n))
    out.set(n, manifest)
  }
  log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  return out
}

export function hasCorpus(briefs: number): boolean {
  return existsSync(join(corpusDir(briefs), 'manifest.json'))
}

/** Paths of a generated corpus's briefs (generating it first if missing), in listing order. */
export function briefFiles(briefs: number): string[] {
  ensureCorpora([briefs])
  const dir = corpusDir(briefs)
  return readdirSync(dir)
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => readdirSync(join(dir, d)).map((f) => join(dir, d, f)))
}
