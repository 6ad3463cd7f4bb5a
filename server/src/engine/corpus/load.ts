import {readdir, realpath, stat} from 'node:fs/promises'
import {extname, isAbsolute, resolve, sep} from 'node:path'
import {glob} from 'tinyglobby'
import {isBibliographyFile, type BibEntry} from './bibliography'
import {assembleCorpus, contentHash, type Corpus, type ParsedSource} from './corpus'
import type {SentenceIndex} from '../index/sentence-index'
import {documentFormat, isCapturedOriginal} from './formats/index'
import type {ParseOutcome} from './parse-job'
import {defaultWorkerCount, parsePool, type PoolLimits} from './parse-pool'
import type {FileStamp} from './parsed-source'
import {fileErrorReason, notRegular, virtualFileSystem} from './read-file'
import {SOURCE_EXTENSIONS} from './read-source'
import type {CorpusProblem} from './types'
import {isZoteroSpec, loadZoteroSpecs} from './zotero/index'

export interface LoadOptions {
  /** Folder that relative patterns are taken from (the config file's folder, or the cwd). */
  baseDir: string
  /** Files larger than this are skipped with a message. */
  maxFileBytes?: number
  /** Parsed sources and indexes kept from an earlier run (the language server's disk cache). */
  cache?: CorpusCache
  /** Called as files are read: for `$/progress` and the status bar. */
  onProgress?: (done: number, total: number) => void
  /** Only files whose real path is under these folders may be read (untrusted workspaces). */
  allowedRoots?: string[]
  /** Parse workers: every core by default; the language server leaves one to the editor. */
  workers?: number
  /** Memory and time each file may take in its worker (defaults in parse-pool.ts). */
  limits?: PoolLimits
}

/** What a cache must offer; see server/src/workspace/corpus-cache.ts. */
export interface CorpusCache {
  /** The parse of `path` kept from an earlier run, when the file still has this size and time. */
  getSource(path: string, stamp: FileStamp): ParsedSource | undefined
  /** A source of this load (parsed now or taken from the cache): what the cache keeps next. */
  setSource(parsed: ParsedSource): void
  getIndex(fingerprint: string): SentenceIndex | undefined
  setIndex(fingerprint: string, corpus: Corpus): void
}

/** Files read or parsed at once: enough to keep the workers and the disk busy. */
const IN_FLIGHT = 32

/** 20 MB: far above any brief, low enough that a stray dump cannot stall indexing. */
export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024

/** Finds the files that corpus patterns (folders, files or globs) name, sorted. */
export async function findCorpusFiles(patterns: string[], baseDir: string): Promise<{files: string[]; problems: CorpusProblem[]}> {
  const files = new Set<string>()
  const problems: CorpusProblem[] = []
  /** Real paths known without asking the file system: files under a folder holding no symlink. */
  const knownReal = new Map<string, string>()
  for (const pattern of patterns) {
    const absolute = isAbsolute(pattern) ? pattern : resolve(baseDir, pattern)
    let globs: string[]
    const virtual = virtualFileSystem(await realpath(absolute).catch(() => absolute))
    if (virtual) {
      problems.push({path: absolute, reason: virtual})
      continue
    }
    const info = await stat(absolute).catch(() => undefined)
    if (info?.isDirectory()) globs = ['**/*']
    else if (info?.isFile()) {
      files.add(absolute)
      continue
    } else if (/[*?[{]/.test(pattern)) globs = [pattern]
    else {
      problems.push({path: absolute, reason: 'corpus path does not exist'})
      continue
    }
    const cwd = info?.isDirectory() ? absolute : baseDir
    const found = await glob(globs, {cwd, absolute: true, onlyFiles: true, followSymbolicLinks: true, dot: false, ignore: ['**/node_modules/**', '**/.git/**']})
    for (const file of found) {
      if (isCorpusName(file)) files.add(file)
    }
    if (!info?.isDirectory()) continue
    const tree = await scanTree(absolute)
    problems.push(...tree.problems)
    if (tree.links) continue
    const realRoot = await realpath(absolute).catch(() => undefined)
    if (realRoot === undefined) continue
    const prefix = absolute.endsWith(sep) ? absolute : absolute + sep
    for (const file of found) if (file.startsWith(prefix)) knownReal.set(file, resolve(realRoot, file.slice(prefix.length)))
  }
  // A symlink back up the tree (`briefs/up -> ..`) lists the same files again under longer
  // paths: keep the first path of each real file (issue #7). Under a folder without symlinks a
  // file's real path is its folder's plus its relative path: a realpath per file (each a walk
  // up its folders) was a tenth of a warm load at 10,000 briefs (issue #15).
  const seen = new Set<string>()
  const unique: string[] = []
  for (const file of [...files].sort()) {
    const real = knownReal.get(file) ?? (await realpath(file).catch(() => file))
    if (seen.has(real)) continue
    seen.add(real)
    unique.push(file)
  }
  return {files: unique, problems}
}

function isCorpusName(file: string): boolean {
  return SOURCE_EXTENSIONS.has(extname(file).toLowerCase()) || isBibliographyFile(file)
}

/**
 * Corpus-named symlinks that lead nowhere (a loop, a missing target) and pipes or devices: the
 * glob drops them silently, so they are found here and reported instead of vanishing (issues #7,
 * #13). Also says whether the folder holds any symlink at all (`links`; true when unreadable).
 */
async function scanTree(dir: string): Promise<{problems: CorpusProblem[]; links: boolean}> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true}).catch(() => undefined)
  if (!entries) return {problems: [], links: true}
  const problems: CorpusProblem[] = []
  const links = entries.some((entry) => entry.isSymbolicLink())
  for (const entry of entries) {
    if (!isCorpusName(entry.name) || entry.name.startsWith('.')) continue
    const path = resolve(entry.parentPath, entry.name)
    if (/[\\/](node_modules|\.git)([\\/]|$)/.test(path.slice(dir.length))) continue
    // The glob lists regular files only: a pipe or device named like a source is reported (issue #13).
    if (entry.isFIFO() || entry.isCharacterDevice() || entry.isBlockDevice() || entry.isSocket()) problems.push({path, reason: notRegular(entry)})
    if (!entry.isSymbolicLink()) continue
    const error = await stat(path).then(() => undefined, (e: NodeJS.ErrnoException) => e)
    if (error) problems.push({path, reason: error.code === 'ELOOP' ? 'symbolic link loop' : 'symbolic link to a missing file'})
  }
  return {problems, links}
}

/**
 * Loads and indexes a corpus; unreadable files become problems, never exceptions.
 *
 * Files are listed and stat'ed here; the ones the cache does not hold as they are now are read
 * and parsed in worker threads (parse-pool.ts), whose results are merged in path order, so the
 * corpus is the same whichever worker finished first.
 */
export async function loadCorpus(allPatterns: string[], options: LoadOptions): Promise<Corpus> {
  // `zotero:PATH#Collection` entries name Zotero libraries (issue #16), read apart from files.
  const patterns = allPatterns.filter((p) => !isZoteroSpec(p))
  const zotero = await loadZoteroSpecs(allPatterns.filter(isZoteroSpec), options)
  const found = patterns.length > 0 ? await findCorpusFiles(patterns, options.baseDir) : {files: [], problems: []}
  const problems = [...zotero.problems, ...found.problems]
  const files = options.allowedRoots ? await inside(found.files, options.allowedRoots, problems) : found.files
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
  const pool = parsePool(options.workers ?? defaultWorkerCount(false), options.limits)
  const outcomes: Array<ParseOutcome | undefined> = new Array(files.length)
  const readOne = async (i: number): Promise<void> => {
    const path = files[i]
    if (documentFormat(path) && isCapturedOriginal(path)) return
    const info = await stat(path).catch((error: unknown) => fileErrorReason(error))
    if (typeof info === 'string') {
      outcomes[i] = {problem: {path, reason: info}}
      return
    }
    const cached = info.isFile() && !isBibliographyFile(path) ? options.cache?.getSource(path, {size: info.size, mtimeMs: info.mtimeMs, ino: info.ino}) : undefined
    outcomes[i] = cached ? {parsed: cached} : await pool.parse({path, maxBytes: max, size: info.size})
  }
  // A window of files in flight keeps every worker busy while progress still follows the
  // reading: `onProgress(i)` runs just before file i is read.
  const window = new Set<Promise<void>>()
  for (let i = 0; i < files.length; i++) {
    if (window.size >= IN_FLIGHT) await Promise.race(window)
    options.onProgress?.(i, files.length)
    const next: Promise<void> = readOne(i).finally(() => window.delete(next))
    window.add(next)
  }
  await Promise.all(window)
  options.onProgress?.(files.length, files.length)
  const parsed: ParsedSource[] = [...zotero.parsed]
  const bibliography: BibEntry[] = []
  for (const outcome of outcomes) {
    if (!outcome) continue
    if ('problem' in outcome) problems.push(outcome.problem)
    else if ('bibliography' in outcome) bibliography.push(...outcome.bibliography)
    else {
      parsed.push(outcome.parsed)
      options.cache?.setSource(outcome.parsed)
    }
  }
  const fingerprint = contentHash(parsed.map((p) => `${p.path}\0${p.hash}`).sort().join('\n') + JSON.stringify(bibliography))
  const index = options.cache?.getIndex(fingerprint)
  const corpus = assembleCorpus(parsed, bibliography, problems, index)
  if (!index) options.cache?.setIndex(fingerprint, corpus)
  return corpus
}

/**
 * Keeps the files whose real path lies under one of the roots' real paths: a symlink inside
 * the workspace to a file outside it (`briefs/passwd.txt -> /etc/passwd`) is refused (issue #13).
 */
async function inside(files: string[], roots: string[], problems: CorpusProblem[]): Promise<string[]> {
  const realRoots = await Promise.all(roots.map((root) => realpath(root).catch(() => resolve(root))))
  const kept: string[] = []
  for (const file of files) {
    const real = await realpath(file).catch(() => undefined)
    if (real && realRoots.some((root) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep))) kept.push(file)
    else problems.push({path: file, reason: 'outside the workspace: not read in an untrusted workspace'})
  }
  return kept
}
