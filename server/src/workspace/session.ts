import {existsSync} from 'node:fs'
import {basename, extname, join, resolve, sep} from 'node:path'
import type {AcceptedClaim} from '../engine/accepted'
import {Corpus} from '../engine/corpus/corpus'
import {isBibliographyFile} from '../engine/corpus/bibliography'
import {captureSource, CaptureError, DEFAULT_FETCH_LIMITS, firstCorpusFolder, type CaptureResult} from '../engine/corpus/capture'
import {findCorpusFiles, loadCorpus} from '../engine/corpus/load'
import {SOURCE_EXTENSIONS} from '../engine/corpus/read-source'
import type {CorpusProblem} from '../engine/corpus/types'
import {DEFAULT_SETTINGS, mergeSettings, type EffectiveConfig, type ServerSettings} from './settings'
import {ACCEPTED_FILE, CONFIG_FILE, findConfigFile, readAcceptedFile, readConfigFile} from './config-file'
import {DiskCorpusCache} from './corpus-cache'
import {MAX_SETTINGS_BYTES, readRegularTextSync} from './read-regular'

/** The outcome of one indexing run: what `briefcheck/status` reports. */
export interface IndexOutcome {
  state: 'ready' | 'error' | 'no-corpus'
  sources: number
  sentences: number
  problems: CorpusProblem[]
  message?: string
  /** Every source and the index came from the disk cache. */
  cached: boolean
}

export interface SessionOptions {
  root: string
  /** Workspace folders; in an untrusted workspace the corpus may only be read inside them. */
  folders: string[]
  trusted: boolean
  cache?: DiskCorpusCache
  log: (message: string) => void
}

/**
 * One workspace as the server sees it, without any LSP: configuration (briefcheck.json under
 * the settings), the corpus and its cache, the accepted claims. `generation` changes whenever
 * something a check depends on changes, so results computed before are known to be stale.
 */
export class WorkspaceSession {
  settings: ServerSettings = DEFAULT_SETTINGS
  effective: EffectiveConfig
  corpus = new Corpus()
  accepted: AcceptedClaim[] = []
  generation = 0
  private corpusFiles = new Set<string>()

  constructor(readonly options: SessionOptions) {
    this.effective = this.readConfig()
    this.reloadAccepted()
  }

  get root(): string {
    return this.options.root
  }

  get acceptedPath(): string {
    return join(this.root, ACCEPTED_FILE)
  }

  /** Text of `.briefcheck/accepted.json`, read now (the code action merges into it). */
  readAcceptedText(): string | undefined {
    try {
      return existsSync(this.acceptedPath) ? readRegularTextSync(this.acceptedPath, MAX_SETTINGS_BYTES) : undefined
    } catch {
      return undefined
    }
  }

  /** Applies new settings; says whether the corpus must be indexed again. */
  updateSettings(settings: ServerSettings): {reindex: boolean} {
    this.settings = settings
    return this.reloadConfig()
  }

  /** Reads briefcheck.json again; says whether the corpus must be indexed again. */
  reloadConfig(): {reindex: boolean} {
    const before = this.effective
    this.effective = this.readConfig()
    this.generation++
    const corpusKey = (e: EffectiveConfig) => JSON.stringify([e.corpus, e.baseDir, e.maxFileBytes])
    return {reindex: corpusKey(before) !== corpusKey(this.effective)}
  }

  reloadAccepted(): void {
    const {accepted, problem} = readAcceptedFile(this.root)
    if (problem) this.options.log(`accepted claims: ${problem}`)
    this.accepted = accepted
    this.generation++
  }

  private readConfig(): EffectiveConfig {
    const loaded = readConfigFile(findConfigFile(this.root), this.root)
    for (const problem of loaded.problems) this.options.log(`config: ${problem}`)
    return mergeSettings(loaded, this.settings, this.root)
  }

  /** Is `path` the config file (or a new one that would be found)? */
  isConfigFile(path: string): boolean {
    if (basename(path) !== CONFIG_FILE) return false
    return path === this.effective.configFile || findConfigFile(this.root) === path
  }

  isAcceptedFile(path: string): boolean {
    return resolve(path) === resolve(this.acceptedPath)
  }

  /** Whether a changed file belongs to the corpus (known, or newly matched by its patterns). */
  async isCorpusFile(path: string): Promise<boolean> {
    if (this.corpusFiles.has(path)) return true
    if (this.effective.corpus.length === 0) return false
    if (!SOURCE_EXTENSIONS.has(extname(path).toLowerCase()) && !isBibliographyFile(path)) return false
    const {files} = await findCorpusFiles(this.effective.corpus, this.effective.baseDir)
    return files.includes(path)
  }

  /**
   * Captures a URL or file into the first corpus folder (issue #9, "Add source from URL or
   * file…"). Refused when no folder is configured, or, in an untrusted workspace, when the
   * folder lies outside it. The caller re-indexes afterwards.
   */
  async addSource(input: string): Promise<CaptureResult> {
    const folder = await firstCorpusFolder(this.effective.corpus, this.effective.baseDir)
    if (!folder) throw new CaptureError('no corpus folder configured: set "corpus" in briefcheck.json or the briefcheck.corpus setting')
    if (!this.options.trusted && !this.options.folders.some((f) => folder === resolve(f) || folder.startsWith(resolve(f) + sep))) {
      throw new CaptureError(`${folder} is outside the workspace: not written in an untrusted workspace`)
    }
    return captureSource(input, {folder, limits: {...DEFAULT_FETCH_LIMITS, maxBytes: this.effective.maxFileBytes}})
  }

  /** Indexes the corpus (through the disk cache) and swaps it in when done. */
  async index(onProgress: (done: number, total: number) => void): Promise<IndexOutcome> {
    const {corpus: patterns, baseDir, maxFileBytes} = this.effective
    if (patterns.length === 0) {
      this.corpus = new Corpus()
      this.corpusFiles = new Set()
      this.generation++
      return {state: 'no-corpus', sources: 0, sentences: 0, problems: [], cached: false, message: 'No corpus configured: only citation checks run.'}
    }
    const cache = this.options.cache
    cache?.beginLoad()
    const allowedRoots = this.options.trusted ? undefined : this.options.folders.map((f) => resolve(f))
    const corpus = await loadCorpus(patterns, {baseDir, cache, onProgress, allowedRoots, maxFileBytes})
    await cache?.flush()
    this.corpus = corpus
    this.corpusFiles = new Set(corpus.sources.map((s) => s.path))
    for (const p of corpus.problems) this.corpusFiles.add(p.path)
    this.generation++
    const stats = cache?.stats
    const outcome: IndexOutcome = {
      state: corpus.isEmpty && corpus.problems.length > 0 ? 'error' : 'ready',
      sources: corpus.sources.length,
      sentences: corpus.sentences.length,
      problems: corpus.problems,
      cached: Boolean(stats && stats.indexHit && stats.sourceMisses === 0 && corpus.sources.length > 0),
    }
    if (corpus.isEmpty) outcome.message = 'The corpus holds no sources: only citation checks run.'
    return outcome
  }
}
