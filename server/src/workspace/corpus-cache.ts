import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, readFileSync, readdirSync, unlinkSync} from 'node:fs'
import {homedir} from 'node:os'
import {join, relative, resolve, isAbsolute} from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import type {Corpus, ParsedSource} from '../engine/corpus/corpus'
import type {CorpusCache} from '../engine/corpus/load'
import {SentenceIndex} from '../engine/index/sentence-index'

/**
 * Bump when the stored shapes change (ParsedSource, the sentence index): an older cache is
 * then ignored and rebuilt rather than misread. 2: binary index, no figures per sentence;
 * 3: line starts per source instead of a range per sentence.
 */
export const CACHE_FORMAT_VERSION = 3

/** What one load made of the cache: the server reports `cached: true` when nothing was rebuilt. */
export interface CacheStats {
  sourceHits: number
  sourceMisses: number
  indexHit: boolean
}

interface SourceEntry {
  version: number
  parsed: ParsedSource
}

/** Header of the index file, before the index's own bytes: `u32 length, JSON, index`. */
export interface IndexHeader {
  version: number
  fingerprint: string
}

/** The index file's name in the cache folder. */
export const INDEX_FILE = 'index.bin'

/** Reads the header of an index file and where the index bytes start; throws when garbled. */
export function readIndexHeader(bytes: Buffer): {header: IndexHeader; body: Buffer} {
  if (bytes.length < 4) throw new Error('too short')
  const length = bytes.readUInt32LE(0)
  if (4 + length > bytes.length) throw new Error('header runs past the end')
  const header = JSON.parse(bytes.subarray(4, 4 + length).toString('utf8')) as IndexHeader
  return {header, body: bytes.subarray(4 + length)}
}

/** An index file: the header, then the index bytes. */
export function indexFileBytes(header: IndexHeader, body: Buffer): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8')
  const length = Buffer.alloc(4)
  length.writeUInt32LE(json.length)
  return Buffer.concat([length, json, body])
}

/**
 * The folder the cache of a workspace lives in: `cacheDir` from the client when given,
 * else `${XDG_CACHE_HOME:-~/.cache}/briefcheck/<sha1 of the workspace root>`. Never inside
 * the workspace (a cache there would show up in the user's repository and file watcher):
 * a `cacheDir` under the workspace root is refused in favour of the default.
 */
export function cacheFolder(workspaceRoot: string, cacheDir?: string, env: NodeJS.ProcessEnv = process.env): {dir: string; problem?: string} {
  const base = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(homedir(), '.cache')
  const fallback = join(base, 'briefcheck', createHash('sha1').update(resolve(workspaceRoot)).digest('hex'))
  if (!cacheDir) return {dir: fallback}
  const dir = resolve(cacheDir)
  if (isInside(dir, workspaceRoot)) return {dir: fallback, problem: `cacheDir ${dir} is inside the workspace; using ${fallback}`}
  return {dir}
}

function isInside(path: string, root: string): boolean {
  const rel = relative(resolve(root), resolve(path))
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

/**
 * The language server's on-disk `CorpusCache`: one JSON file per parsed source, keyed by the
 * file's path and content hash, plus the search index keyed by the corpus fingerprint. Reads
 * are lazy and synchronous (loadCorpus asks per file); writes are queued and `flush` writes
 * them atomically (temp file + rename, via write-file-atomic), so a crash never leaves a
 * half-written entry. A corrupt or older-format entry is logged and rebuilt.
 */
export class DiskCorpusCache implements CorpusCache {
  /**
   * Entries waiting for `flush`, kept as objects and serialised one at a time when written:
   * holding every source's JSON text at once was the peak of a large cold index's memory.
   */
  private pending = new Map<string, ParsedSource | (() => Buffer)>()
  private used = new Set<string>()
  stats: CacheStats = {sourceHits: 0, sourceMisses: 0, indexHit: false}

  constructor(
    readonly dir: string,
    private readonly log: (message: string) => void = () => {},
  ) {}

  /** Starts counting hits afresh for one load. */
  beginLoad(): void {
    this.stats = {sourceHits: 0, sourceMisses: 0, indexHit: false}
    this.used = new Set()
  }

  getSource(path: string, hash: string): ParsedSource | undefined {
    const file = this.sourceFile(path)
    this.used.add(file)
    const entry = this.read<SourceEntry>(file)
    if (entry && entry.version === CACHE_FORMAT_VERSION && entry.parsed?.path === path && entry.parsed.hash === hash && Array.isArray(entry.parsed.sentences) && Array.isArray(entry.parsed.lineStarts)) {
      this.stats.sourceHits++
      return entry.parsed
    }
    if (entry && entry.version !== CACHE_FORMAT_VERSION) this.log(`cache: ${file}: format ${String(entry.version)}, expected ${CACHE_FORMAT_VERSION}; rebuilding`)
    this.stats.sourceMisses++
    return undefined
  }

  setSource(parsed: ParsedSource): void {
    this.pending.set(this.sourceFile(parsed.path), parsed)
  }

  getIndex(fingerprint: string): SentenceIndex | undefined {
    const file = this.indexFile()
    if (!existsSync(file)) return undefined
    try {
      const {header, body} = readIndexHeader(readFileSync(file))
      if (header.version !== CACHE_FORMAT_VERSION) {
        this.log(`cache: ${file}: format ${String(header.version)}, expected ${CACHE_FORMAT_VERSION}; rebuilding`)
        return undefined
      }
      if (header.fingerprint !== fingerprint) return undefined
      const index = SentenceIndex.fromBuffer(body)
      this.stats.indexHit = true
      return index
    } catch (error) {
      this.log(`cache: ignoring corrupt ${file} (${error instanceof Error ? error.message : String(error)}); rebuilding`)
      return undefined
    }
  }

  setIndex(fingerprint: string, corpus: Corpus): void {
    this.pending.set(this.indexFile(), () => indexFileBytes({version: CACHE_FORMAT_VERSION, fingerprint}, corpus.index.toBuffer()))
  }

  /** Writes queued entries atomically and drops entries of sources no longer in the corpus. */
  async flush(): Promise<void> {
    const writes = [...this.pending]
    this.pending.clear()
    if (writes.length > 0) {
      mkdirSync(join(this.dir, 'sources'), {recursive: true})
      for (const [file, data] of writes) {
        try {
          await writeFileAtomic(file, typeof data === 'function' ? data() : JSON.stringify({version: CACHE_FORMAT_VERSION, parsed: data} satisfies SourceEntry))
        } catch (error) {
          this.log(`cache: could not write ${file}: ${error instanceof Error ? error.message : String(error)}`)
        }
      }
    }
    this.prune()
  }

  private prune(): void {
    const folder = join(this.dir, 'sources')
    if (!existsSync(folder) || this.used.size === 0) return
    for (const name of readdirSync(folder)) {
      const file = join(folder, name)
      if (name.endsWith('.json') && !this.used.has(file)) {
        try {
          unlinkSync(file)
        } catch {
          // Another server may have removed it; nothing to do.
        }
      }
    }
  }

  private sourceFile(path: string): string {
    return join(this.dir, 'sources', `${createHash('sha1').update(path).digest('hex')}.json`)
  }

  private indexFile(): string {
    return join(this.dir, INDEX_FILE)
  }

  private read<T extends {version: unknown}>(file: string): T | undefined {
    if (!existsSync(file)) return undefined
    try {
      const data: unknown = JSON.parse(readFileSync(file, 'utf8'))
      if (!data || typeof data !== 'object' || !('version' in data)) throw new Error('no format version')
      return data as T
    } catch (error) {
      this.log(`cache: ignoring corrupt ${file} (${error instanceof Error ? error.message : String(error)}); rebuilding`)
      return undefined
    }
  }
}
