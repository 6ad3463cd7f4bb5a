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
  let analysisText = block.text
  for (const c of textCitations) {
    analysisText = analysisText.slice(0, c.start) + ' '.repeat(c.end - c.start) + analysisText.slice(c.end)
  }
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

/** The sentence a citation belongs to: the one holding it, else the one it follows. */
function ownerOf(spans: Array<{start: number; end: number}>, offset: number): number {
  let owner = -1
  for (let i = 0; i < spans.length; i++) {
    if (spans[i].start <= offset) owner = i
    else break
  }
  if (owner < 0 && spans.length > 0) owner = 0
  return owner
}
