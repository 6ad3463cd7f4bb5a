import {isAccepted, type AcceptedClaim} from './accepted'
import {analyseDraft, type DraftAnalysis} from './analysis'
import {ALL_CHECKS, CHECKS} from './checks'
import {checkSentence, toMessage, type FiledReport} from './checks/define'
import type {BriefcheckConfig} from './config'
import type {Corpus} from './corpus/corpus'
import type {IncrementalReader} from './markdown/incremental'
import {applyDirectives} from './directives'
import type {BriefcheckMessage} from './messages'
import {sentenceKey, type SentenceCache} from './sentence-cache'

export interface CheckOptions {
  corpus: Corpus
  config: BriefcheckConfig
  accepted?: AcceptedClaim[]
  /** Findings of unchanged sentences from the previous check of the same document. */
  cache?: SentenceCache
  /** The same document's previous parse, so an edit re-parses only the blocks it touched. */
  reader?: IncrementalReader
  /** The draft's file path: its front matter's `bibliography:` files are found from it (issue #16). */
  draftPath?: string
}

export interface CheckResult {
  analysis: DraftAnalysis
  messages: BriefcheckMessage[]
}

const known = new Map(ALL_CHECKS.map((c) => [c.id, c]))

/** The engine's entry point: draft text in, findings out, sorted by position. */
export function checkDraft(text: string, options: CheckOptions): CheckResult {
  const run = startCheck(text, options)
  while (!run.step(Number.POSITIVE_INFINITY));
  return run.finish()
}

/** Controls for a check run in slices (the language server's case). */
export interface SliceControl {
  /** Milliseconds of work before yielding to the event loop. */
  sliceMs: number
  /** Checked between slices: true drops the run (a newer version of the draft arrived). */
  cancelled: () => boolean
  /** Resolves when other work (requests) may run. */
  yieldNow: () => Promise<void>
}

/**
 * The same check in slices of `sliceMs`, yielding between them so that hovers and completions
 * are answered while a large draft is checked, and stopping early when `cancelled` says the
 * text is stale (issue #4). Returns undefined when cancelled.
 */
export async function checkDraftInSlices(text: string, options: CheckOptions, control: SliceControl): Promise<CheckResult | undefined> {
  const run = startCheck(text, options)
  for (;;) {
    if (run.step(control.sliceMs)) return run.finish()
    await control.yieldNow()
    if (control.cancelled()) return undefined
  }
}

/** A check under way: the draft is analysed up front, sentences are checked step by step. */
function startCheck(text: string, options: CheckOptions) {
  const analysis = analyseDraft(text, options.corpus, options.config, options.reader, options.draftPath)
  const cache = options.cache
  cache?.prepare(options.corpus, options.config)
  const reports: FiledReport[] = []
  let next = 0
  return {
    /** Checks sentences for about `budgetMs`; true when all are done. */
    step(budgetMs: number): boolean {
      const until = performance.now() + budgetMs
      while (next < analysis.sentences.length) {
        const s = analysis.sentences[next++]
        const key = cache ? sentenceKey(text, s) : ''
        let found = cache?.get(key, s.sentence.start)
        if (!found) {
          found = checkSentence(CHECKS, s, analysis)
          cache?.set(key, s.sentence.start, found)
        }
        reports.push(...found)
        if (performance.now() >= until) break
      }
      return next >= analysis.sentences.length
    },
    finish(): CheckResult {
      let messages = dedupe(reports).map((r) => toMessage(r, analysis, known))
      messages = applyDirectives(messages, analysis.draft.comments, analysis.draft.lines, text)
      const accepted = options.accepted ?? []
      if (accepted.length > 0) {
        messages = messages.filter((m) => !isAccepted(text.slice(m.startOffset, m.endOffset), accepted, m.ruleId))
      }
      messages.sort((a, b) => a.startOffset - b.startOffset || a.endOffset - b.endOffset || a.ruleId.localeCompare(b.ruleId))
      return {analysis, messages}
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
