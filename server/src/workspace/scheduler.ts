import type {CheckResult} from '../engine/check'
import {CheckDropped, type Engine} from '../engine/service'

/** Pause after the last keystroke before a draft is checked again. */
export const DEBOUNCE_MS = 200

/** Work a check does before it lets waiting requests (hover, completion) run. */
export const CHECK_SLICE_MS = 15

/** An open draft as the editor has it now. */
export interface OpenDraft {
  version: number
  text: string
}

/** What the scheduler needs from its host (the language server): no LSP types. */
export interface SchedulerHost {
  /** The open draft at `uri` now, or undefined when it is closed or not a draft. */
  current(uri: string): OpenDraft | undefined
  /** The engine of the folder holding `uri`, or undefined when checking is switched off there. */
  engineFor(uri: string): Engine | undefined
  /** Publishes findings for exactly this version; `undefined` means "none" (disabled or the check failed). */
  publish(uri: string, version: number, result: CheckResult | undefined): void
  log(message: string): void
}

/**
 * Decides when drafts are checked, outside the protocol layer: a debounce after edits, one
 * draft at a time in slices (so requests on any document are answered meanwhile), runs
 * dropped when their text or corpus moves on, and diagnostics always published for the
 * version the editor holds now — even when its number went backwards — and empty, never
 * stale, when a check fails (issue #13).
 */
export class CheckScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>()
  private readonly queue = new Set<string>()
  /** What each draft's diagnostics were last published for: version, engine (a draft may change folders) and its generation. */
  private readonly published = new Map<string, {key: string; engine: Engine | undefined}>()
  private draining = false
  private started = false

  constructor(
    private readonly host: SchedulerHost,
    private readonly timing: {debounceMs: number; sliceMs: number} = {debounceMs: DEBOUNCE_MS, sliceMs: CHECK_SLICE_MS},
  ) {}

  /** Allows checking (after the first indexing); drafts queued before are checked at the next `checkAll`. */
  start(): void {
    this.started = true
  }

  opened(uri: string): void {
    this.schedule(uri, 0)
  }

  changed(uri: string): void {
    this.schedule(uri, this.timing.debounceMs)
  }

  closed(uri: string): void {
    clearTimeout(this.timers.get(uri))
    this.timers.delete(uri)
    this.queue.delete(uri)
    this.published.delete(uri)
  }

  /** Queues these drafts for a check now (the corpus or the settings changed). */
  checkAll(uris: Iterable<string>): void {
    for (const uri of uris) this.queue.add(uri)
    void this.drain()
  }

  private schedule(uri: string, delay: number): void {
    clearTimeout(this.timers.get(uri))
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri)
        this.checkAll([uri])
      }, delay),
    )
  }

  /** Checks queued drafts one by one, yielding between them so that requests are answered. */
  private async drain(): Promise<void> {
    if (this.draining || !this.started) return
    this.draining = true
    try {
      while (this.queue.size > 0) {
        const [uri] = this.queue
        this.queue.delete(uri)
        await new Promise((resolve) => setImmediate(resolve))
        await this.validate(uri)
      }
    } finally {
      this.draining = false
    }
  }

  private async validate(uri: string): Promise<void> {
    const draft = this.host.current(uri)
    if (!draft) return
    const engine = this.host.engineFor(uri)
    // Already published for this text, corpus and settings (a draft queued twice): nothing new to say.
    const key = `${draft.version}:${engine?.generation ?? 'off'}`
    const last = this.published.get(uri)
    if (last?.key === key && last.engine === engine) return
    let result: CheckResult | undefined
    if (engine) {
      try {
        result = await engine.check(uri, draft.version, draft.text, {sliceMs: this.timing.sliceMs})
        for (const s of result.skipped) this.host.log(`check of ${uri}: the sentence at offsets ${s.start}-${s.end} was skipped: ${s.reason}`)
      } catch (error) {
        // Dropped: the draft, its corpus or its settings moved on, and that change queued its own check.
        if (error instanceof CheckDropped) return
        this.host.log(`check failed for ${uri}: ${error instanceof Error ? error.message : String(error)}`)
        result = undefined
      }
    }
    // Published only for the text the editor holds now; a newer text has its own check queued.
    if (this.host.current(uri)?.version !== draft.version) return
    this.published.set(uri, {key, engine})
    this.host.publish(uri, draft.version, result)
  }
}
