import {readdir, readFile, realpath, stat} from 'node:fs/promises'
import {extname, isAbsolute, resolve, sep} from 'node:path'
import {glob} from 'tinyglobby'
import {isBibliographyFile, parseBibliography, type BibEntry} from './bibliography'
import {assembleCorpus, contentHash, parseSource, type Corpus, type CorpusFile, type ParsedSource} from './corpus'
import type {SentenceIndex} from '../index/sentence-index'
import {decodeText} from './decode'
import {documentFormat, isCapturedOriginal, loadDocument} from './formats/index'
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
  /** Only files under these folders may be read (untrusted workspaces). */
  allowedRoots?: string[]
}

/** What a cache must offer; see server/src/workspace/corpus-cache.ts. */
export interface CorpusCache {
  getSource(path: string, hash: string): ParsedSource | undefined
  setSource(parsed: ParsedSource): void
  getIndex(fingerprint: string): SentenceIndex | undefined
  setIndex(fingerprint: string, corpus: Corpus): void
}

/** Files read ahead of the one being parsed. */
const READ_AHEAD = 16

/** 20 MB: far above any brief, low enough that a stray dump cannot stall indexing. */
export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024

/** Finds the files that corpus patterns (folders, files or globs) name, sorted. */
export async function findCorpusFiles(patterns: string[], baseDir: string): Promise<{files: string[]; problems: CorpusProblem[]}> {
  const files = new Set<string>()
  const problems: CorpusProblem[] = []
  for (const pattern of patterns) {
    const absolute = isAbsolute(pattern) ? pattern : resolve(baseDir, pattern)
    let globs: string[]
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
    if (info?.isDirectory()) problems.push(...(await brokenLinks(absolute)))
  }
  // A symlink back up the tree (`briefs/up -> ..`) lists the same files again under longer
  // paths: keep the first path of each real file (issue #7).
  const seen = new Set<string>()
  const unique: string[] = []
  for (const file of [...files].sort()) {
    const real = await realpath(file).catch(() => file)
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
 * Corpus-named symlinks that lead nowhere (a loop, a missing target): the glob drops them
 * silently, so they are found here and reported instead of vanishing (issue #7).
 */
async function brokenLinks(dir: string): Promise<CorpusProblem[]> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true}).catch(() => [])
  const problems: CorpusProblem[] = []
  for (const entry of entries) {
    if (!entry.isSymbolicLink() || !isCorpusName(entry.name) || entry.name.startsWith('.')) continue
    const path = resolve(entry.parentPath, entry.name)
    if (/[\\/](node_modules|\.git)([\\/]|$)/.test(path.slice(dir.length))) continue
    const error = await stat(path).then(() => undefined, (e: NodeJS.ErrnoException) => e)
    if (error) problems.push({path, reason: error.code === 'ELOOP' ? 'symbolic link loop' : 'symbolic link to a missing file'})
  }
  return problems
}

/** Loads and indexes a corpus; unreadable files become problems, never exceptions. */
export async function loadCorpus(allPatterns: string[], options: LoadOptions): Promise<Corpus> {
  // `zotero:PATH#Collection` entries name Zotero libraries (issue #16), read apart from files.
  const patterns = allPatterns.filter((p) => !isZoteroSpec(p))
  const zotero = await loadZoteroSpecs(allPatterns.filter(isZoteroSpec), options)
  const found = patterns.length > 0 ? await findCorpusFiles(patterns, options.baseDir) : {files: [], problems: []}
  const problems = [...zotero.problems, ...found.problems]
  const files = options.allowedRoots ? found.files.filter((f) => isInside(f, options.allowedRoots!, problems)) : found.files
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
  const parsed: ParsedSource[] = [...zotero.parsed]
  const bibliography: BibEntry[] = []
  // Reads run a few files ahead of parsing: a warm load was idle most of its time waiting
  // for one file at a time (profiled). Progress is reported as each read starts, which is
  // "just before the file is read" for observers of the file system too.
  const reads = new Map<number, Promise<CorpusFile | CorpusProblem>>()
  let started = 0
  const readAhead = (upTo: number) => {
    for (; started < Math.min(upTo, files.length); started++) {
      options.onProgress?.(started, files.length)
      if (!documentFormat(files[started])) reads.set(started, readCorpusFile(files[started], max))
    }
  }
  for (let i = 0; i < files.length; i++) {
    readAhead(i + READ_AHEAD)
    const path = files[i]
    const format = documentFormat(path)
    if (format) {
      // PDF, HTML, Word: bytes through their own extractor (issue #9); the original of a captured source is skipped.
      if (isCapturedOriginal(path)) continue
      const loaded = await loadDocument(path, format, max, options.cache)
      if ('reason' in loaded) problems.push(loaded)
      else parsed.push(loaded)
      continue
    }
    const read = await reads.get(i)!
    reads.delete(i)
    if ('reason' in read) {
      problems.push(read)
      continue
    }
    if (isBibliographyFile(path)) {
      try {
        bibliography.push(...(await parseBibliography(path, read.text)))
      } catch (error) {
        problems.push({path, reason: `bibliography could not be parsed: ${error instanceof Error ? error.message : String(error)}`})
      }
    } else {
      const hash = contentHash(read.text)
      let source = options.cache?.getSource(path, hash)
      if (!source) {
        try {
          source = parseSource(read)
        } catch (error) {
          problems.push({path, reason: `could not be read as a source: ${error instanceof Error ? error.message : String(error)}`})
          continue
        }
        options.cache?.setSource(source)
      }
      parsed.push(source)
    }
  }
  options.onProgress?.(files.length, files.length)
  const fingerprint = contentHash(parsed.map((p) => `${p.path}\0${p.hash}`).sort().join('\n') + JSON.stringify(bibliography))
  const index = options.cache?.getIndex(fingerprint)
  const corpus = assembleCorpus(parsed, bibliography, problems, index)
  if (!index) options.cache?.setIndex(fingerprint, corpus)
  return corpus
}

function isInside(file: string, roots: string[], problems: CorpusProblem[]): boolean {
  const real = resolve(file)
  if (roots.some((root) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep))) return true
  problems.push({path: file, reason: 'outside the workspace: not read in an untrusted workspace'})
  return false
}

/** Reads one file with size, binary and encoding checks. */
export async function readCorpusFile(path: string, maxBytes: number): Promise<CorpusFile | CorpusProblem> {
  try {
    const info = await stat(path)
    if (info.size > maxBytes) {
      return {path, reason: `file is ${(info.size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB limit`}
    }
    const bytes = await readFile(path)
    const decoded = decodeText(bytes)
    if ('reason' in decoded) return {path, reason: decoded.reason}
    return {path, text: decoded.text}
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason =
      code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'file disappeared while indexing' : code === 'ELOOP' ? 'symbolic link loop' : String(error)
    return {path, reason}
  }
}
