import type {AcceptedClaim} from './accepted'
import {checkDraftInSlices, type CheckResult} from './check'
import type {BriefcheckConfig} from './config'
import {readDraftBibliography, type DraftBibliography} from './citations/draft-bibliography'
import type {DraftDocument} from './markdown/draft'
import {IncrementalReader} from './markdown/incremental'
import {readFrontMatter} from './markdown/segmented'
import {SentenceCache} from './sentence-cache'
import {runInSlices} from './slices'
import {fileURLToPath} from 'node:url'
import type {CorpusStore, CorpusView, KeyEntry} from './store/types'

/** What an engine checks with, besides the corpus: the rules and the claims accepted as common knowledge. */
export interface EngineSettings {
  config: BriefcheckConfig
  accepted?: AcceptedClaim[]
}

export interface EngineOptions extends EngineSettings {
  store: CorpusStore
}

/** How one caller runs a check. */
export interface CheckCall {
  /** Aborting drops this caller's interest; the run stops once no caller is left. */
  signal?: AbortSignal
  /** Milliseconds of work between yields (default: no yielding, the CLI's case). */
  sliceMs?: number
  /** Resolves when waiting requests may run (default: `setImmediate`). */
  yieldNow?: () => Promise<void>
}

/** Thrown by `check` when the run was dropped: aborted, superseded by a newer text, or the corpus or settings changed. */
export class CheckDropped extends Error {
  constructor(reason: string) {
    super(`check dropped: ${reason}`)
    this.name = 'CheckDropped'
  }
}

interface Run {
  version: number
  generation: string
  promise: Promise<CheckResult>
  controller: AbortController
  callers: number
}

interface DocumentState {
  /** The last parse and per-sentence findings, reused by the next check (issue #6). */
  reader: IncrementalReader
  cache: SentenceCache
  latest?: {version: number; generation: string; result: CheckResult}
  run?: Run
  /** The last read of the draft, and a read under way: one read serves the check and the outline. */
  read?: {version: number; draft: DraftDocument}
  reading?: {version: number; promise: Promise<DraftDocument>}
  /** The front matter of one version, read alone for completion (issue #12). */
  frontMatter?: {version: number; value: string | undefined}
}

/**
 * The analysis host (in rust-analyzer's sense): one object owning the state every front end
 * needs — per-document memory keyed by URI and version, the corpus store, the settings — so
 * the language server, the CLI, the benchmark and the report go through the same rules once.
 * Front ends only translate; they never call the checks themselves.
 */
export class Engine {
  readonly store: CorpusStore
  private settings: EngineSettings
  private settingsGeneration = 0
  private readonly documents = new Map<string, DocumentState>()

  constructor(options: EngineOptions) {
    this.store = options.store
    this.settings = {config: options.config, accepted: options.accepted ?? []}
  }

  get config(): BriefcheckConfig {
    return this.settings.config
  }

  get accepted(): AcceptedClaim[] {
    return this.settings.accepted ?? []
  }

  /** Changes whenever the corpus or the settings change: results of another generation are stale. */
  get generation(): string {
    return `${this.store.generation}:${this.settingsGeneration}`
  }

  /** New rules or accepted claims; every result computed before becomes stale. */
  configure(update: Partial<EngineSettings>): void {
    this.settings = {...this.settings, ...update}
    this.settingsGeneration++
  }

  /** The synchronous corpus snapshot hovers and completions read. */
  view(): CorpusView {
    return this.store.view()
  }

  /**
   * Checks `text` as version `version` of `uri`. A check of the same version and generation
   * under way is joined rather than repeated; a check of another version is dropped (the
   * newest call is the document's truth, even when its version number went backwards).
   * Rejects with `CheckDropped` when the run stops before it finishes.
   */
  check(uri: string, version: number, text: string, call: CheckCall = {}): Promise<CheckResult> {
    const doc = this.documentState(uri)
    const generation = this.generation
    if (doc.latest && doc.latest.version === version && doc.latest.generation === generation) return Promise.resolve(doc.latest.result)
    let run = doc.run
    if (run && (run.version !== version || run.generation !== generation)) {
      run.controller.abort()
      run = undefined
    }
    if (!run) run = doc.run = this.startRun(uri, doc, version, text, generation, call)
    return this.join(run, call.signal)
  }

  /** The result for exactly this version under the current corpus and settings, if computed. */
  result(uri: string, version: number): CheckResult | undefined {
    const latest = this.documents.get(uri)?.latest
    return latest && latest.version === version && latest.generation === this.generation ? latest.result : undefined
  }

  /** Forgets a document (closed): its run stops, its memory is freed. */
  close(uri: string): void {
    this.documents.get(uri)?.run?.controller.abort()
    this.documents.delete(uri)
  }

  /**
   * The draft read (parsed into blocks and sentences) as version `version`: what the outline
   * needs, without waiting for a check. Shares the read of a check of the same version, and
   * reads in slices as checks do. Rejects with `CheckDropped` when a newer version's read
   * replaces it or the document closes.
   */
  draft(uri: string, version: number, text: string, call: CheckCall = {}): Promise<DraftDocument> {
    const doc = this.documentState(uri)
    const checked = doc.latest?.version === version ? doc.latest.result.analysis.draft : undefined
    if (checked) return Promise.resolve(checked)
    return this.waitFor(this.reading(uri, doc, version, text, call), call.signal)
  }

  /**
   * The draft's own bibliography (front matter `bibliography:` / `references:`) of version
   * `version`, from the front matter alone: completion offers its keys without a check or a
   * whole read. The front matter is cached by version; its files are read again only when
   * their size or time changed (draft-bibliography.ts), so an edited `.bib` shows at once.
   */
  bibliography(uri: string, version: number, text: string): DraftBibliography {
    const doc = this.documentState(uri)
    const read = doc.latest?.version === version ? doc.latest.result.analysis.draft : doc.read?.version === version ? doc.read.draft : undefined
    if (doc.frontMatter?.version !== version) doc.frontMatter = {version, value: read ? read.frontmatter : readFrontMatter(text)}
    return readDraftBibliography(doc.frontMatter.value, filePathOf(uri))
  }

  /** Citation keys for completion: needs the corpus only, never waits for a check. */
  keys(prefix: string, limit: number): Promise<KeyEntry[]> {
    return this.store.listKeys(prefix, limit)
  }

  private documentState(uri: string): DocumentState {
    let doc = this.documents.get(uri)
    if (!doc) this.documents.set(uri, (doc = {reader: new IncrementalReader(), cache: new SentenceCache()}))
    return doc
  }

  /** The read of this version: done, under way (joined), or started now; a newer version's read drops older ones. */
  private reading(uri: string, doc: DocumentState, version: number, text: string, call: CheckCall): Promise<DraftDocument> {
    if (doc.read?.version === version) return Promise.resolve(doc.read.draft)
    if (doc.reading?.version === version) return doc.reading.promise
    const sliceMs = call.sliceMs ?? Number.POSITIVE_INFINITY
    const yieldNow = call.yieldNow ?? (() => new Promise<void>((resolve) => setImmediate(resolve)))
    const reading: NonNullable<DocumentState['reading']> = {version, promise: Promise.resolve(undefined as unknown as DraftDocument)}
    const stale = () => doc.reading !== reading || this.documents.get(uri) !== doc
    reading.promise = (async () => {
      try {
        const draft = await runInSlices(doc.reader.reading(text), {sliceMs, yieldNow, cancelled: stale})
        if (!draft || stale()) throw new CheckDropped('superseded')
        doc.read = {version, draft}
        return draft
      } finally {
        if (doc.reading === reading) doc.reading = undefined
      }
    })()
    reading.promise.catch(() => undefined)
    doc.reading = reading
    return reading.promise
  }

  /** A promise as one caller sees it: rejected at once when the caller aborts. */
  private waitFor<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    if (!signal) return promise
    if (signal.aborted) return Promise.reject(new CheckDropped('aborted'))
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(new CheckDropped('aborted'))
      signal.addEventListener('abort', onAbort, {once: true})
      promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
    })
  }

  private startRun(uri: string, doc: DocumentState, version: number, text: string, generation: string, call: CheckCall): Run {
    const controller = new AbortController()
    const sliceMs = call.sliceMs ?? Number.POSITIVE_INFINITY
    const yieldNow = call.yieldNow ?? (() => new Promise<void>((resolve) => setImmediate(resolve)))
    const stale = () => controller.signal.aborted || this.generation !== generation || this.documents.get(uri) !== doc
    const run: Run = {version, generation, controller, callers: 0, promise: Promise.resolve(undefined as unknown as CheckResult)}
    run.promise = (async () => {
      try {
        // The first slice runs after the caller's turn, so a request that started the run is not held up by it.
        if (Number.isFinite(sliceMs)) await yieldNow()
        if (stale()) throw new CheckDropped('superseded')
        // The read is the document's, shared with the outline; a newer version's read drops it.
        const draft = await this.reading(uri, doc, version, text, call)
        if (stale()) throw new CheckDropped('superseded')
        const result = await checkDraftInSlices(
          text,
          {corpus: this.store.view(), config: this.settings.config, accepted: this.settings.accepted, cache: doc.cache, draft, draftPath: filePathOf(uri)},
          {sliceMs, yieldNow, cancelled: stale, prefetch: (queries) => this.store.prefetch(queries, {signal: controller.signal})},
        )
        if (!result || stale()) throw new CheckDropped('superseded')
        doc.latest = {version, generation, result}
        return result
      } finally {
        if (doc.run === run) doc.run = undefined
      }
    })()
    // Callers may all leave; the run's own rejection must not go unhandled then.
    run.promise.catch(() => undefined)
    return run
  }

  /** A caller's view of a run: rejects when the caller aborts, the run stops when every caller has. */
  private join(run: Run, signal: AbortSignal | undefined): Promise<CheckResult> {
    run.callers++
    if (!signal) return run.promise
    if (signal.aborted) {
      this.leave(run)
      return Promise.reject(new CheckDropped('aborted'))
    }
    return new Promise<CheckResult>((resolve, reject) => {
      const onAbort = () => {
        this.leave(run)
        reject(new CheckDropped('aborted'))
      }
      signal.addEventListener('abort', onAbort, {once: true})
      run.promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
    })
  }

  private leave(run: Run): void {
    if (--run.callers <= 0) run.controller.abort()
  }
}

/** Creates the engine service over a corpus store (STYLE.md: `createEngine({store, config})`). */
export function createEngine(options: EngineOptions): Engine {
  return new Engine(options)
}

/** The file path of a `file:` URI (a draft's bibliography files are found from it, issue #16), else undefined. */
function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined
  try {
    return fileURLToPath(uri)
  } catch {
    return undefined
  }
}
