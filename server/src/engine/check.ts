import {isAccepted, type AcceptedClaim} from './accepted'
import {analyseDraft, type DraftAnalysis} from './analysis'
import {ALL_CHECKS, CHECKS} from './checks'
import {runCheck} from './checks/define'
import type {BriefcheckConfig} from './config'
import type {Corpus} from './corpus/corpus'
import {applyDirectives} from './directives'
import type {BriefcheckMessage} from './messages'

export interface CheckOptions {
  corpus: Corpus
  config: BriefcheckConfig
  accepted?: AcceptedClaim[]
}

export interface CheckResult {
  analysis: DraftAnalysis
  messages: BriefcheckMessage[]
}

const known = new Map(ALL_CHECKS.map((c) => [c.id, c]))

/** The engine's entry point: draft text in, findings out, sorted by position. */
export function checkDraft(text: string, options: CheckOptions): CheckResult {
  const analysis = analyseDraft(text, options.corpus, options.config)
  let messages = CHECKS.flatMap((check) => runCheck(check, analysis, known))
  messages = applyDirectives(messages, analysis.draft.comments, analysis.draft.lines, text)
  const accepted = options.accepted ?? []
  if (accepted.length > 0) {
    messages = messages.filter((m) => !isAccepted(text.slice(m.startOffset, m.endOffset), accepted, m.ruleId))
  }
  messages.sort((a, b) => a.startOffset - b.startOffset || a.endOffset - b.endOffset || a.ruleId.localeCompare(b.ruleId))
  return {analysis, messages}
}
