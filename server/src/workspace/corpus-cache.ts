import {createHash, randomBytes} from 'node:crypto'
import {closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {open} from 'node:fs/promises'
import {homedir} from 'node:os'
import {join, relative, resolve, isAbsolute, sep} from 'node:path'
import type {Corpus, ParsedSource} from '../engine/corpus/corpus'
import type {CorpusCache} from '../engine/corpus/load'
import type {FileStamp} from '../engine/corpus/parsed-source'
import {SentenceIndex} from '../engine/index/sentence-index'
import {encodeCacheFile, indexFromCache, isCacheFile, readCacheFile, sourceFromCache, type CacheContents} from './cache-file'

/**
 * Bump when the stored shapes change (ParsedSource, the sentence index): an older cache is
 * then ignored and rebuilt rather than misread. 2: binary index, no figures per sentence;
 * 3: line starts per source instead of a range per sentence; 4: one packed file (issue #15);
 * 5: a table cell's section names its row and column header cells (markdown/table-headers.ts);
 * 6: sentence texts as UTF-8 with byte spans, term counts after the index (read on demand).
 */
export const CACHE_FORMAT_VERSION = 6

/** What one load made of the cache: the server reports `cached: true` when nothing was rebuilt. */
export interface CacheStats {
  sourceHits: number
  sourceMisses: number
  indexHit: boolean
}

/** The cache file's name in the cache folder. */
export const CACHE_FILE = 'briefcheck-corpus.bin'

/** The cache's manifest beside it: the inode of the cache file it last wrote. */
export const MANIFEST_FILE = 'briefcheck-cache.json'

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
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel))
}

/**
 * The language server's on-disk `CorpusCache`: one packed file (cache-file.ts) holding every
 * parsed source and the search index, read with a single read on the first lookup of a load.
 * A source is taken from it when its file still has the size, modification time and inode it
 * had when parsed (its content hash is kept too); the index when the corpus fingerprint
 * matches. `flush` writes a new file only when something changed, atomically (temp file,
 * fsync, rename), so a crash never leaves a half-written cache.
 *
 * Why one file, not one JSON file per source: a warm load of 10,000 briefs spent 3.1 s in
 * 10,000 reads and JSON parses and in rebuilding 797,000 sentence objects (issue #15).
 *
 * What it never does (issue #13): delete or replace a file it did not write. It writes two
 * names, `CACHE_FILE` and its manifest `MANIFEST_FILE`, and replaces what is there only when
 * it is its own: a cache file (its magic), or the very file the manifest says it wrote (a
 * cache file garbled in place); and nothing is written when the cache folder holds a corpus
 * file (a cache folder set to the corpus folder).
 */
export class DiskCorpusCache implements CorpusCache {
  private contents: CacheContents | undefined | null = null
  private keep = new Map<string, ParsedSource>()
  private index: {fingerprint: string; corpus: Corpus} | undefined
  private dirty = false
  stats: CacheStats = {sourceHits: 0, sourceMisses: 0, indexHit: false}

  constructor(
    readonly dir: string,
    private readonly log: (message: string) => void = () => {},
  ) {}

  /** Starts counting hits afresh for one load. */
  beginLoad(): void {
    this.stats = {sourceHits: 0, sourceMisses: 0, indexHit: false}
    this.contents?.close()
    this.contents = null
    this.keep = new Map()
    this.index = undefined
    this.dirty = false
  }

  getSource(path: string, stamp: FileStamp): ParsedSource | undefined {
    const contents = this.read()
    const entry = contents?.sources.get(path)
    if (contents && entry?.stamp && entry.stamp.size === stamp.size && entry.stamp.mtimeMs === stamp.mtimeMs && entry.stamp.ino === stamp.ino) {
      try {
        const parsed = sourceFromCache(contents, entry)
        this.stats.sourceHits++
        return parsed
      } catch (error) {
        this.log(`cache: ignoring ${path}'s entry (${error instanceof Error ? error.message : String(error)}); rebuilding it`)
      }
    }
    this.stats.sourceMisses++
    return undefined
  }

  setSource(parsed: ParsedSource): void {
    const known = this.contents?.sources.get(parsed.path)
    if (!known || known.hash !== parsed.hash || known.stamp?.mtimeMs !== parsed.stamp?.mtimeMs) this.dirty = true
    this.keep.set(parsed.path, parsed)
  }

  getIndex(fingerprint: string): SentenceIndex | undefined {
    const contents = this.read()
    if (!contents) return undefined
    const bytes = indexFromCache(contents, fingerprint)
    if (!bytes) return undefined
    try {
      const index = SentenceIndex.fromBuffer(bytes)
      this.stats.indexHit = true
      return index
    } catch (error) {
      this.log(`cache: ignoring the corrupt index in ${this.file()} (${error instanceof Error ? error.message : String(error)}); rebuilding`)
      return undefined
    }
  }

  setIndex(fingerprint: string, corpus: Corpus): void {
    this.index = {fingerprint, corpus}
    this.dirty = true
  }

  /** Writes the cache file when this load changed anything, then lets go of what it held (and closes the file read). */
  async flush(): Promise<void> {
    const sources = [...this.keep.values()]
    const changed = this.dirty || (this.contents?.sources.size ?? -1) !== sources.length
    const index = this.index
    this.keep = new Map()
    this.index = undefined
    this.dirty = false
    const contents = this.contents
    this.contents = null
    try {
      if (!changed) return
      const inCache = sources.find((s) => isInside(s.path, this.dir))
      if (inCache) {
        this.log(`cache: not written: the cache folder ${this.dir} holds corpus files (${inCache.path}); set cacheDir to a folder of its own`)
        return
      }
      const fingerprint = index?.fingerprint ?? contents?.header.fingerprint ?? undefined
      const indexBytes = index ? index.corpus.index.toBuffer() : fingerprint && contents ? indexFromCache(contents, fingerprint) : undefined
      // Encoding reads the cached sources' term counts from the old file: close it only after.
      const parts = encodeCacheFile(CACHE_FORMAT_VERSION, sources, fingerprint && indexBytes ? {fingerprint, bytes: indexBytes} : undefined)
      contents?.close()
      await this.writeOwnFile(parts)
    } catch (error) {
      this.log(`cache: could not write ${this.file()}: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      contents?.close()
    }
  }

  /**
   * The cache file, read once per load (null: not read yet; undefined: none usable). It stays
   * open until `flush` (or the next `beginLoad`): its term section is read from it only if the
   * index is rebuilt or the file rewritten.
   */
  private read(): CacheContents | undefined {
    if (this.contents !== null) return this.contents
    this.contents = undefined
    if (!existsSync(this.file())) return undefined
    try {
      this.contents = readCacheFile(this.file(), CACHE_FORMAT_VERSION)
    } catch (error) {
      const older = (error as {olderFormat?: boolean}).olderFormat
      this.log(`cache: ${older ? '' : 'ignoring corrupt '}${this.file()}${older ? ': ' : ' ('}${error instanceof Error ? error.message : String(error)}${older ? '; rebuilding' : '); rebuilding'}`)
    }
    return this.contents
  }

  /**
   * Replaces `CACHE_FILE` atomically, and only if what is there now is a cache file (or
   * nothing): a user's file of that name in a shared folder is left alone.
   */
  private async writeOwnFile(parts: Uint8Array[]): Promise<void> {
    const file = this.file()
    const manifest = join(this.dir, MANIFEST_FILE)
    const written = readManifest(manifest)
    const existing = firstBytes(file)
    if (existing && existing.length > 0 && !isCacheFile(existing) && statSync(file).ino !== written?.ino) {
      this.log(`cache: not written: ${file} exists and is not a Briefcheck cache file`)
      return
    }
    if (existsSync(manifest) && !written) {
      this.log(`cache: not written: ${manifest} exists and is not a Briefcheck cache manifest`)
      return
    }
    mkdirSync(this.dir, {recursive: true})
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    // Written part by part with asynchronous writes: the server answers requests meanwhile.
    const handle = await open(temp, 'wx', 0o600)
    try {
      for (const part of parts) {
        for (let at = 0; at < part.byteLength; ) at += (await handle.write(part, at, part.byteLength - at)).bytesWritten
      }
      await handle.sync()
      await handle.close()
      renameSync(temp, file)
      writeFileSync(manifest, JSON.stringify({briefcheckCache: CACHE_FORMAT_VERSION, file: CACHE_FILE, ino: statSync(file).ino}))
    } catch (error) {
      await handle.close().catch(() => {})
      rmSync(temp, {force: true})
      throw error
    }
  }

  private file(): string {
    return join(this.dir, CACHE_FILE)
  }
}

/** What the manifest says this cache wrote, or undefined when it is missing or not a manifest. */
function readManifest(file: string): {ino: number} | undefined {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as {briefcheckCache?: unknown; ino?: unknown}
    return typeof data.briefcheckCache === 'number' && typeof data.ino === 'number' ? {ino: data.ino} : undefined
  } catch {
    return undefined
  }
}

/** The first bytes of a file, or undefined when there is none. */
function firstBytes(file: string): Buffer | undefined {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch {
    return undefined
  }
  try {
    const bytes = Buffer.alloc(4)
    const read = readSync(fd, bytes, 0, 4, 0)
    return bytes.subarray(0, read)
  } finally {
    closeSync(fd)
  }
}
