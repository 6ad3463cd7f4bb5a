import {isAccepted, type AcceptedClaim} from './accepted'
import {analysing, type DraftAnalysis} from './analysis'
import {ALL_CHECKS, CHECKS, DRAFT_CHECKS} from './checks'
import {checkingDocument, checkSentence, toMessage, type FiledReport} from './checks/define'
import type {BriefcheckConfig} from './config'
import type {DraftDocument} from './markdown/draft'
import type {IncrementalReader} from './markdown/incremental'
import {runInSlices, runToEnd, type Pausable, type SliceControl as PauseControl} from './slices'
import {applyDirectives} from './directives'
import type {BriefcheckMessage} from './messages'
import {sentenceKey, type SentenceCache} from './sentence-cache'
import type {CorpusView} from './store/types'

export interface CheckOptions {
  corpus: CorpusView
  config: BriefcheckConfig
  accepted?: AcceptedClaim[]
  /** Findings of unchanged sentences from the previous check of the same document. */
  cache?: SentenceCache
  /** The same document's previous parse, so an edit re-parses only the blocks it touched. */
  reader?: IncrementalReader
  /** The draft already read for this text (the engine shares one read with the outline). */
  draft?: DraftDocument
  /** The draft's file path: its front matter's `bibliography:` files are found from it (issue #16). */
  draftPath?: string
}

/** A sentence whose check failed: its findings are dropped, the rest of the draft is reported (issue #13). */
export interface SkippedSentence {
  start: number
  end: number
  reason: string
}

export interface CheckResult {
  analysis: DraftAnalysis
  messages: BriefcheckMessage[]
  /** Sentences whose check threw; empty when every sentence was checked. */
  skipped: SkippedSentence[]
}

const known = new Map(ALL_CHECKS.map((c) => [c.id, c]))

/** The engine's entry point: draft text in, findings out, sorted by position. */
export function checkDraft(text: string, options: CheckOptions): CheckResult {
  const run = startCheck(text, options, runToEnd(analysing(text, options)))
  while (!run.step(Number.POSITIVE_INFINITY));
  return runToEnd(run.finishing())
}

/** Controls for a check run in slices (the language server's case). */
export interface SliceControl extends PauseControl {
  /**
   * Loads queries the corpus view could not answer from memory (a database store, see
   * store/types.ts); the sentences that asked are then checked again.
   */
  prefetch?: (queries: string[]) => Promise<void>
}

/**
 * Rounds of prefetching a run may take. Retrieval queries depend on the draft sentence only,
 * never on earlier hits, so one round answers them; the bound keeps a store that keeps
 * missing from looping.
 */
const PREFETCH_ROUNDS = 3

/**
 * The same check in slices of `sliceMs`, yielding between them so that hovers and completions
 * are answered while a large draft is checked, and stopping early when `cancelled` says the
 * text is stale (issue #4). Returns undefined when cancelled.
 */
export async function checkDraftInSlices(text: string, options: CheckOptions, control: SliceControl): Promise<CheckResult | undefined> {
  // The read and the analysis pause too: a first read of a long draft is most of its check.
  const analysis = await runInSlices(analysing(text, options), control)
  if (!analysis || control.cancelled()) return undefined
  const run = startCheck(text, options, analysis)
  for (let round = 0; ; ) {
    if (run.step(control.sliceMs)) {
      const missed = run.missedQueries()
      if (missed.length === 0 || !control.prefetch || round++ >= PREFETCH_ROUNDS) {
        // The draft-wide checks and the messages pause as they go, as the read does.
        await control.yieldNow()
        return control.cancelled() ? undefined : runInSlices(run.finishing(), control)
      }
      await control.prefetch(missed)
      if (control.cancelled()) return undefined
      run.retryMissed()
      continue
    }
    await control.yieldNow()
    if (control.cancelled()) return undefined
  }
}

/** A check under way over an analysed draft: sentences are checked step by step. */
function startCheck(text: string, options: CheckOptions, analysis: DraftAnalysis) {
  const cache = options.cache
  const view = options.corpus
  cache?.prepare(view, options.config)
  // Findings per sentence index, so a sentence checked again after a prefetch replaces its own.
  const found = new Map<number, FiledReport[]>()
  const skipped: SkippedSentence[] = []
  let queue = analysis.sentences.map((_, i) => i)
  let next = 0
  let missed: {queries: Set<string>; sentences: number[]} = {queries: new Set(), sentences: []}
  view.takeMissed?.()
  return {
    /** Checks sentences for about `budgetMs`; true when all are done. */
    step(budgetMs: number): boolean {
      const until = performance.now() + budgetMs
      while (next < queue.length) {
        const index = queue[next++]
        const s = analysis.sentences[index]
        const key = cache ? sentenceKey(text, s) : ''
        let reports = cache?.get(key, s.sentence.start)
        if (!reports) {
          let failed = false
          try {
            reports = checkSentence(CHECKS, s, analysis)
          } catch (error) {
            // One sentence's failure costs that sentence's findings only (issue #13).
            skipped.push({start: s.sentence.start, end: s.sentence.end, reason: error instanceof Error ? error.message : String(error)})
            reports = []
            failed = true
          }
          const queries = view.takeMissed?.() ?? []
          if (queries.length > 0) {
            for (const q of queries) missed.queries.add(q)
            missed.sentences.push(index)
          } else if (!failed) {
            cache?.set(key, s.sentence.start, reports)
          }
        }
        found.set(index, reports)
        if (performance.now() >= until) break
      }
      return next >= queue.length
    },
    /** Queries the view could not answer during the last pass. */
    missedQueries(): string[] {
      return [...missed.queries]
    },
    /** Queues the sentences that missed for another pass (after their queries were prefetched). */
    retryMissed(): void {
      queue = missed.sentences
      next = 0
      missed = {queries: new Set(), sentences: []}
    },
    /**
     * The draft-wide checks, then the messages: converted, filtered by directives and accepted
     * claims, sorted. Pausable: on a long draft this is hundreds of milliseconds of work, so
     * it pauses after each piece whose count follows the draft (a report converted, a
     * message tested against the accepted claims).
     */
    *finishing(): Pausable<CheckResult> {
      const reports = [...found.keys()].sort((a, b) => a - b).flatMap((i) => found.get(i)!)
      const filed = dedupe([...reports, ...(yield* checkingDocument(DRAFT_CHECKS, analysis))])
      let messages: BriefcheckMessage[] = []
      for (const report of filed) {
        messages.push(toMessage(report, analysis, known))
        yield
      }
      messages = applyDirectives(messages, analysis.draft.comments, analysis.draft.lines, text)
      const accepted = options.accepted ?? []
      if (accepted.length > 0) {
        const kept: BriefcheckMessage[] = []
        for (const m of messages) {
          if (!isAccepted(text.slice(m.startOffset, m.endOffset), accepted, m.ruleId)) kept.push(m)
          yield
        }
        messages = kept
      }
      messages.sort((a, b) => a.startOffset - b.startOffset || a.endOffset - b.endOffset || a.ruleId.localeCompare(b.ruleId))
      return {analysis, messages, skipped}
    },
  }
}

/** One report per rule and place: table cells or paragraph-wide citations can repeat one. */
function dedupe(reports: FiledReport[]): FiledReport[] {
  const seen = new Set<string>()
  return reports.filter((r) => {
    const id = `${r.ruleId}:${r.start}:${r.end}`
    if (seen.has(id)) return false
    seen.add(id)
    return true
  })
}
