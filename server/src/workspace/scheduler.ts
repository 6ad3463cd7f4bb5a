import type {CheckResult} from '../engine/check'
import {CheckDropped, type Engine} from '../engine/service'

/** Pause after the last keystroke before a draft is checked again. */
export const DEBOUNCE_MS = 200

/** Work a check does before it lets waiting requests (hover, completion) run. */
export const CHECK_SLICE_MS = 15

/**
 * Turns of the event loop a check lets pass between two slices. A request that arrived during
 * a slice is answered only after a chain of turns, each a `setImmediate`: vscode-jsonrpc
 * dispatches one queued message per turn, `runSafe` (protocol/runner.ts) waits one more so
 * that a cancellation sent after the request lands first, and the writer takes a turn per
 * response it sends. With one turn per pause a hover and a completion sent together waited
 * two and three slices (`bench/lsp-latency.ts`: medians 73 and 95 ms with both cores busy);
 * with 4, the completion still waited one slice more than the hover (19 and 39 ms); with 8,
 * both are answered in the same pause (16 and 17 ms). A turn with nothing queued costs
 * microseconds, and a storm of requests cannot stop the check: it goes on after 8 turns.
 */
export const YIELD_TURNS = 8

/** The pause a check takes between slices: `YIELD_TURNS` turns of the event loop. */
export async function yieldToRequests(): Promise<void> {
  for (let turn = 0; turn < YIELD_TURNS; turn++) await new Promise<void>((resolve) => setImmediate(resolve))
}

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
  /** Drafts opened whose first check is due: the change event that comes with an open must not debounce it. */
  private readonly opening = new Set<string>()
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
    this.opening.add(uri)
    this.schedule(uri, 0)
  }

  /**
   * An edit: checked after the debounce. vscode-languageserver's TextDocuments reports every
   * open as a change too; that one keeps the open's immediate check (it reads the newest text
   * anyway) instead of waiting `debounceMs` for nothing.
   */
  changed(uri: string): void {
    if (this.opening.has(uri)) return
    this.schedule(uri, this.timing.debounceMs)
  }

  closed(uri: string): void {
    clearTimeout(this.timers.get(uri))
    this.timers.delete(uri)
    this.opening.delete(uri)
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
        this.opening.delete(uri)
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
        result = await engine.check(uri, draft.version, draft.text, {sliceMs: this.timing.sliceMs, yieldNow: yieldToRequests})
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
