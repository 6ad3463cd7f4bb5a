import {VFileMessage} from 'vfile-message'
import type {LineIndex, Range} from './text/positions'

export type Severity = 'error' | 'warning' | 'information' | 'hint'
export type RuleSetting = Severity | 'off'

/** A corpus sentence offered as evidence for (or against) a finding. */
export interface Evidence {
  key: string
  title: string
  author?: string
  date?: string
  path: string
  /** The source sentence as indexed (syntax and debris removed). */
  text: string
  /** Range of the sentence in the source file (zero-based, UTF-16). */
  range: Range
  /** The source's figure or wording, as written, when the finding is about one. */
  value?: string
  /** Whether this source agrees with the draft. */
  agrees?: boolean
  /** The heading the sentence falls under (HTML, Word, Markdown). */
  section?: string
  /** One-based page of the sentence in a paged source (PDF): the pin-cite. */
  page?: number
}

/** An edit a quick fix may offer: replace [start, end) of the draft with `text`. */
export interface SuggestedEdit {
  title: string
  start: number
  end: number
  text: string
}

/**
 * A fix a check offers, declared as data (as harper's suggestions, unified's `expected`): one
 * converter, features/code-actions.ts, turns any message's fixes into code actions, so no
 * front end branches on rule ids. Offsets are in the draft file.
 */
export type Fix = (
  | {kind: 'replace'; title: string; start: number; end: number; text: string}
  /** Cite one of these sources (best first) for the flagged sentence. */
  | {kind: 'cite'; keys: string[]}
  /** Accept the sentence as common knowledge (`.briefcheck/accepted.json`). */
  | {kind: 'accept'}
) & {preferred?: boolean}

/**
 * A finding: a vfile message (reason, place, ruleId, source, url, actual, expected, note —
 * unified's conventions) plus what Briefcheck adds: severity, offsets, evidence and edits.
 */
export interface BriefcheckMessage extends VFileMessage {
  ruleId: string
  severity: Severity
  startOffset: number
  endOffset: number
  range: Range
  evidence: Evidence[]
  /** The `replace` fixes, as edits (the CLI's JSON and older callers read these). */
  edits: SuggestedEdit[]
  fixes: Fix[]
}

export interface MessageInit {
  ruleId: string
  severity: Severity
  url: string
  start: number
  end: number
  actual?: string
  expected?: string[]
  note?: string
  evidence?: Evidence[]
  fixes?: Fix[]
}

/** Builds a message the way unified-lint-rule does: ruleId, source and url stamped on it. */
export function createMessage(reason: string, init: MessageInit, lines: LineIndex): BriefcheckMessage {
  const range = lines.range(init.start, init.end)
  // A VFileMessage is an Error, and capturing a stack for each of a draft's findings was a
  // measurable share of a re-check (profiled); findings need no stack.
  const stackLimit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  const message = new VFileMessage(reason, {
    ruleId: init.ruleId,
    source: 'briefcheck',
    place: {
      start: {line: range.start.line + 1, column: range.start.character + 1, offset: init.start},
      end: {line: range.end.line + 1, column: range.end.character + 1, offset: init.end},
    },
  }) as BriefcheckMessage
  Error.stackTraceLimit = stackLimit
  message.url = init.url
  message.fatal = init.severity === 'error' ? true : init.severity === 'warning' ? false : undefined
  if (init.actual !== undefined) message.actual = init.actual
  if (init.expected) message.expected = init.expected
  if (init.note) message.note = init.note
  message.severity = init.severity
  message.startOffset = init.start
  message.endOffset = init.end
  message.range = range
  message.evidence = init.evidence ?? []
  message.fixes = init.fixes ?? []
  message.edits = message.fixes.flatMap((f) => (f.kind === 'replace' ? [{title: f.title, start: f.start, end: f.end, text: f.text}] : []))
  return message
}
