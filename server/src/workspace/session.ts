import {existsSync, readFileSync} from 'node:fs'
import {basename, resolve} from 'node:path'
import type {AcceptedClaim} from '../engine/accepted'
import {Corpus} from '../engine/corpus/corpus'
import {createEngine, type Engine} from '../engine/service'
import {MemoryStore} from '../engine/store/memory'
import type {CorpusStore, CorpusView} from '../engine/store/types'
import type {PostgresStore} from '../store/postgres/store'
import {isCorpusFileName} from '../engine/corpus/file-kinds'
import {captureSource, CaptureError, DEFAULT_FETCH_LIMITS, firstCorpusFolder, type CaptureResult} from '../engine/corpus/capture'
import {findCorpusFiles, loadCorpus} from '../engine/corpus/load'
import {defaultWorkerCount} from '../engine/corpus/parse-pool'
import type {CorpusProblem} from '../engine/corpus/types'
import {DEFAULT_SETTINGS, mergeSettings, type EffectiveConfig, type ServerSettings} from './settings'
import {acceptedFileFor, CONFIG_FILE, findConfigFile, readAcceptedFile, readConfigFile} from './config-file'
import {DiskCorpusCache} from './corpus-cache'
import {MAX_SETTINGS_BYTES, readRegularTextSync} from './read-regular'
import {isInsideFolder} from '../engine/paths'

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
  /** Workspace folders (a live list: folders come and go); in an untrusted workspace the corpus may only be read inside them. */
  folders: readonly string[]
  trusted: boolean
  cache?: DiskCorpusCache
  log: (message: string) => void
  /** A shared store published a new corpus (`briefcheck index` finished): re-check. */
  onStoreChange?: () => void
}

/**
 * One workspace as the server sees it, without any LSP: configuration (briefcheck.json under
 * the settings), the corpus and its cache, the accepted claims. `generation` changes whenever
 * something a check depends on changes, so results computed before are known to be stale.
 */
export class WorkspaceSession {
  settings: ServerSettings = DEFAULT_SETTINGS
  effective: EffectiveConfig
  accepted: AcceptedClaim[] = []
  /** The embedded corpus store, read unless a shared store is configured. */
  private readonly memory = new MemoryStore()
  /** The shared PostgreSQL store and its URL, when `store.postgres` is configured (issue #18). */
  private shared: {url: string; store: PostgresStore} | undefined
  /** The engine service every check, hover and completion of this folder goes through (a new one when the store changes). */
  engine: Engine
  private corpusFiles = new Set<string>()

  constructor(readonly options: SessionOptions) {
    this.effective = this.readConfig()
    this.engine = createEngine({store: this.memory, config: this.effective.config})
    this.reloadAccepted()
  }

  /** The store this folder's engine reads. */
  get store(): CorpusStore {
    return this.engine.store
  }

  /** The corpus in force, as the checks read it. */
  get corpus(): CorpusView {
    return this.engine.view()
  }

  get root(): string {
    return this.options.root
  }

  /** `.briefcheck/accepted.json` beside the briefcheck.json in force, else at the folder root. */
  get acceptedPath(): string {
    return acceptedFileFor(this.effective.configFile, this.root)
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
    this.engine.configure({config: this.effective.config})
    if (before.configFile !== this.effective.configFile) this.reloadAccepted()
    const corpusKey = (e: EffectiveConfig) => JSON.stringify([e.corpus, e.baseDir, e.maxFileBytes, e.store])
    return {reindex: corpusKey(before) !== corpusKey(this.effective)}
  }

  reloadAccepted(): void {
    const {accepted, problem} = readAcceptedFile(this.acceptedPath)
    if (problem) this.options.log(`accepted claims: ${problem}`)
    this.accepted = accepted
    this.engine.configure({accepted})
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

  /**
   * Whether any of these changed files belongs to the corpus (known, or newly matched by its
   * patterns). One corpus lookup for the whole batch: a burst of watcher events costs one
   * glob, not one each (issue #13).
   */
  async touchesCorpus(paths: readonly string[]): Promise<boolean> {
    // A shared store changes when `briefcheck index` publishes, not when files here change.
    if (this.effective.store && this.options.trusted) return false
    if (paths.some((p) => this.corpusFiles.has(p))) return true
    if (this.effective.corpus.length === 0) return false
    const candidates = paths.filter(isCorpusFileName)
    if (candidates.length === 0) return false
    const {files} = await findCorpusFiles(this.effective.corpus, this.effective.baseDir)
    const found = new Set(files)
    return candidates.some((p) => found.has(p))
  }

  /**
   * Captures a URL or file into the first corpus folder (issue #9, "Add source from URL or
   * file…"). Refused when no folder is configured, or, in an untrusted workspace, when the
   * folder lies outside it. The caller re-indexes afterwards.
   */
  async addSource(input: string): Promise<CaptureResult> {
    const folder = await firstCorpusFolder(this.effective.corpus, this.effective.baseDir)
    if (!folder) throw new CaptureError('no corpus folder configured: set "corpus" in briefcheck.json or the briefcheck.corpus setting')
    if (!this.options.trusted && !this.options.folders.some((f) => isInsideFolder(folder, f))) {
      throw new CaptureError(`${folder} is outside the workspace: not written in an untrusted workspace`)
    }
    return captureSource(input, {folder, limits: {...DEFAULT_FETCH_LIMITS, maxBytes: this.effective.maxFileBytes}})
  }

  /** Indexes the corpus (through the disk cache) and swaps it in when done; or reads the shared store. */
  async index(onProgress: (done: number, total: number) => void): Promise<IndexOutcome> {
    if (this.effective.store && this.options.trusted) return this.openShared(this.effective.store)
    // An untrusted workspace's briefcheck.json must not make the editor connect to a server.
    if (this.effective.store) this.options.log('store: a shared store is not opened in an untrusted workspace; the embedded index is used')
    if (this.shared) await this.closeShared()
    const {corpus: patterns, baseDir, maxFileBytes} = this.effective
    if (patterns.length === 0) {
      this.corpusFiles = new Set()
      this.memory.replace(new Corpus())
      return {state: 'no-corpus', sources: 0, sentences: 0, problems: [], cached: false, message: 'No corpus configured: only citation checks run.'}
    }
    const cache = this.options.cache
    cache?.beginLoad()
    const allowedRoots = this.options.trusted ? undefined : this.options.folders.map((f) => resolve(f))
    // One core is left to the editor the server runs beside (issue #15).
    const corpus = await loadCorpus(patterns, {baseDir, cache, onProgress, allowedRoots, maxFileBytes, workers: defaultWorkerCount(true)})
    await cache?.flush()
    this.corpusFiles = new Set(corpus.sources.map((s) => s.path))
    for (const p of corpus.problems) this.corpusFiles.add(p.path)
    this.memory.replace(corpus)
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

  /**
   * Reads the shared PostgreSQL store at `url` (opened once; its client is loaded only here, so
   * the embedded default never loads it). Checks read it through a new engine; a publication by
   * `briefcheck index` reaches the store by NOTIFY and `onStoreChange` re-checks. Errors carry
   * the URL without its password.
   */
  private async openShared(url: string): Promise<IndexOutcome> {
    const {redact} = await import('../store/postgres/connect')
    try {
      if (this.shared?.url !== url) {
        await this.closeShared()
        const {PostgresStore} = await import('../store/postgres/store')
        const store = await PostgresStore.open(url, {max: 4, applicationName: 'briefcheck language server'})
        store.watch(() => this.options.onStoreChange?.())
        this.shared = {url, store}
        this.useStore(store)
      } else {
        await this.shared.store.refresh()
      }
    } catch (error) {
      throw new Error(`${redact(url)}: ${error instanceof Error ? error.message : String(error)}`)
    }
    this.corpusFiles = new Set()
    const view = this.shared.store.view()
    const problems = [...this.shared.store.problems()]
    const outcome: IndexOutcome = {state: 'ready', sources: view.sources.length, sentences: view.sentences.length, problems, cached: false}
    if (view.isEmpty) outcome.message = 'The shared corpus holds no sources: only citation checks run.'
    return outcome
  }

  private async closeShared(): Promise<void> {
    const shared = this.shared
    if (!shared) return
    this.shared = undefined
    this.useStore(this.memory)
    await shared.store.close().catch(() => {})
  }

  /** A new engine over `store`: results computed over the previous store are dropped with the old one. */
  private useStore(store: CorpusStore): void {
    this.engine = createEngine({store, config: this.effective.config, accepted: this.accepted})
  }
}
