import {basename} from 'node:path'
import {MarkupKind, type CancellationToken, type Hover, type Position} from 'vscode-languageserver'
import type {TextDocument} from 'vscode-languageserver-textdocument'
import {URI} from 'vscode-uri'
import type {CorpusView} from '../engine/store/types'
import {documentFormat} from '../engine/corpus/formats/registry'
import {agreement, displayDate, evidenceFor} from '../engine/evidence'
import type {BriefcheckMessage, Evidence} from '../engine/messages'
import {sentenceAt} from './citations'
import {boldWithin, escapeMarkdown} from './markdown'
import type {FeatureState} from './state'

/** How many source passages a hover on an unflagged claim lists. */
export const HOVER_PASSAGES = 3

/**
 * The hover card: on a finding (figure, quote, citation), the finding and each source's
 * evidence; on a claim with no such finding, the corpus passages that best match it. Plain
 * Markdown with every piece of corpus text escaped: the hover never claims to be trusted and
 * holds no command links, so a scraped page cannot run anything.
 */
export function getHover(state: FeatureState, doc: TextDocument, position: Position, token?: CancellationToken): Hover | undefined {
  if (token?.isCancellationRequested) return undefined
  const offset = doc.offsetAt(position)
  const at = state.result.messages.filter((m) => m.startOffset <= offset && offset <= m.endOffset)
  const findings = at.filter((m) => m.ruleId !== 'uncited-claim')
  if (findings.length > 0) {
    const first = findings[0]
    return {
      contents: {kind: MarkupKind.Markdown, value: findings.map(findingCard).join('\n\n---\n\n')},
      range: {start: doc.positionAt(first.startOffset), end: doc.positionAt(first.endOffset)},
    }
  }
  const sentence = sentenceAt(state.result, offset)
  if (!sentence || !sentence.verdict.claim) return undefined
  const parts: string[] = []
  const uncited = at.find((m) => m.ruleId === 'uncited-claim')
  if (uncited) parts.push(`**Briefcheck** (${escapeMarkdown(uncited.ruleId)}): ${escapeMarkdown(uncited.reason)}`)
  const passages = matchingPassages(state.corpus, sentence.sentence.analysisText, HOVER_PASSAGES)
  if (passages.length === 0 && parts.length === 0) return undefined
  if (passages.length > 0) parts.push('**Matching source passages**', ...passages.map((e) => evidenceBlock(e)))
  else parts.push('_No corpus source matches this sentence._')
  return {
    contents: {kind: MarkupKind.Markdown, value: parts.join('\n\n')},
    range: {start: doc.positionAt(sentence.sentence.start), end: doc.positionAt(sentence.sentence.end)},
  }
}

/** The corpus sentences that best match `query`, as evidence (title, author, date, place). */
export function matchingPassages(corpus: CorpusView, query: string, limit: number): Evidence[] {
  return corpus.retrieve(query, limit).map((hit) => evidenceFor(corpus, hit.sentence))
}

function findingCard(m: BriefcheckMessage): string {
  const parts = [`**Briefcheck** (${escapeMarkdown(m.ruleId)}): ${escapeMarkdown(m.reason)}`]
  for (const e of m.evidence) parts.push(evidenceBlock(e))
  const disagreement = sourcesDisagree(m.evidence)
  if (disagreement) parts.push(disagreement)
  return parts.join('\n\n')
}

/** One source: agreement mark, bold title, author and date, the sentence, a link to the line. */
function evidenceBlock(e: Evidence): string {
  const mark = {agrees: '✓ agrees', disagrees: '✗ disagrees', source: '•'}[agreement(e)]
  const byline = [e.author, displayDate(e.date)].filter((x): x is string => Boolean(x)).map(escapeMarkdown).join(', ')
  const head = `${mark} **${escapeMarkdown(e.title)}**${byline ? ` — ${byline}` : ''}`
  const quote = `> ${boldWithin(e.text, e.value)}`
  return `${head}\n\n${quote}\n\n${sourceLink(e)}`
}

/**
 * `[file.md, line 10](file:///…/file.md#L10)`: opens the source at the sentence; for a PDF
 * `[file.pdf, p. 7](file:///…/file.pdf#page=7)` (issue #9); the section when one is known.
 */
function sourceLink(e: Evidence): string {
  const line = e.range.start.line + 1
  const escape = (target: string) => target.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
  const section = e.section ? ` (§ ${escapeMarkdown(e.section)})` : ''
  const page = e.page !== undefined ? `, p. ${e.page}` : ''
  const format = documentFormat(e.path)
  if (format === 'pdf' && e.page !== undefined) return `[${escapeMarkdown(basename(e.path))}${page}](${escape(`${URI.file(e.path).toString()}#page=${e.page}`)})${section}`
  // Lines of a PDF, HTML or Word file are not the extracted text's lines: link the file only.
  if (format) return `[${escapeMarkdown(basename(e.path))}${page}](${escape(URI.file(e.path).toString())})${section}`
  if (page) return `[${escapeMarkdown(basename(e.path))}, line ${line}${page}](${escape(`${URI.file(e.path).toString()}#L${line}`)})${section}`
  return `[${escapeMarkdown(basename(e.path))}, line ${line}](${escape(`${URI.file(e.path).toString()}#L${line}`)})${section}`
}

/** "The sources disagree with each other: …" when the evidence gives different values. */
function sourcesDisagree(evidence: Evidence[]): string | undefined {
  const valued = evidence.filter((e) => e.value)
  const distinct = new Set(valued.map((e) => e.value!.toLowerCase().replace(/\s+/g, ' ').trim()))
  if (distinct.size < 2) return undefined
  const says = valued.map((e) => `${escapeMarkdown(e.title)} says ${escapeMarkdown(e.value!)}`)
  return `⚠ The sources disagree with each other: ${says.join('; ')}.`
}
