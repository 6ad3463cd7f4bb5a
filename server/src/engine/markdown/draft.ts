import {findTextCitations} from './citations'
import {IncrementalReader} from './incremental'
import type {FootnoteDefinition, HtmlComment, ProseBlockWithMarks} from './prose'
import {splitSentences} from '../text/sentences'
import {LineIndex} from '../text/positions'
import type {Citation, DraftSentence} from '../types'

/** A parsed draft: its sentences, footnotes and directives, with a line index for ranges. */
export interface DraftDocument {
  text: string
  lines: LineIndex
  blocks: ProseBlockWithMarks[]
  sentences: DraftSentence[]
  footnotes: FootnoteDefinition[]
  comments: HtmlComment[]
  frontmatter?: string
}

/** Parses a Markdown draft into sentences with exact ranges and the citations they carry. */
export function readDraft(text: string): DraftDocument {
  // One path for whole reads and re-reads after an edit: incremental.ts.
  return new IncrementalReader().read(text)
}

/** Sentences of one block; exported so a re-check can redo only the blocks an edit touched. */
export function blockSentences(block: ProseBlockWithMarks, lines: LineIndex, blockIndex: number): DraftSentence[] {
  const textCitations = findTextCitations(block.text)
  // Blank citations in the text the splitter and the figure reader see: "(Guy et al. 2021)"
  // holds a year that is no figure and an "al." that is no sentence end.
  const analysisText = blankSpans(block.text, textCitations)
  const spans = splitSentences(analysisText)
  const citations: Array<Citation & {derived: number}> = [
    ...textCitations.map((c) => ({
      ...c,
      derived: c.start,
      start: block.map.toOriginal(c.start),
      end: block.map.toOriginalEnd(c.end),
    })),
    ...block.marks.map((m) => ({kind: m.kind, target: m.target, derived: m.derivedOffset, start: m.start, end: m.end})),
  ]
  const sentences: DraftSentence[] = spans.map((span) => {
    const start = block.map.toOriginal(span.start)
    const end = block.map.toOriginalEnd(span.end)
    return {
      blockKind: block.kind,
      blockIndex,
      text: block.text.slice(span.start, span.end),
      analysisText: analysisText.slice(span.start, span.end),
      start,
      end,
      range: lines.range(start, end),
      citations: [],
      toDraftOffset: (offset: number) => block.map.toOriginal(span.start + offset),
      section: block.section,
      ...(block.headers ? {headers: block.headers} : {}),
    }
  })
  for (const citation of citations) {
    const owner = ownerOf(spans, citation.derived)
    if (owner < 0) continue
    const {derived: _derived, ...plain} = citation
    sentences[owner].citations.push(plain)
  }
  return sentences
}

/**
 * The text with the given sorted spans replaced by spaces of the same length, built in one
 * pass (a slice-and-join per span was quadratic with 30,000 citations in one paragraph).
 */
function blankSpans(text: string, spans: ReadonlyArray<{start: number; end: number}>): string {
  if (spans.length === 0) return text
  const parts: string[] = []
  let at = 0
  for (const span of spans) {
    const start = Math.max(at, span.start)
    if (span.end <= start) continue
    parts.push(text.slice(at, start), ' '.repeat(span.end - start))
    at = span.end
  }
  parts.push(text.slice(at))
  return parts.join('')
}

/** The sentence a citation belongs to: the one holding it, else the one it follows (binary search). */
function ownerOf(spans: Array<{start: number; end: number}>, offset: number): number {
  if (spans.length === 0) return -1
  let low = 0
  let high = spans.length - 1
  let owner = -1
  while (low <= high) {
    const mid = (low + high) >> 1
    if (spans[mid].start <= offset) {
      owner = mid
      low = mid + 1
    } else high = mid - 1
  }
  return owner < 0 ? 0 : owner
}
