import {ParseEnglish} from 'parse-english'
import {memoize} from './memo'

/** A sentence span in a block's derived text: [start, end) in UTF-16 code units. */
export interface SentenceSpan {
  start: number
  end: number
}

const parser = new ParseEnglish()

/**
 * Splits prose into sentences with parse-english (the retext parser). It is run per block,
 * never over a whole document: PERF-ANCHORS.md measured whole-document runs growing faster
 * than linear, and per-block runs are what makes re-checking one edited paragraph cheap.
 * Memoised by text: an unchanged paragraph is not split again.
 */
export const splitSentences = memoize(splitOnce)

/** The same without the memo, for corpus indexing, which meets each paragraph once. */
export function splitOnce(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = []
  if (!/\S/.test(text)) return spans
  const tree = parser.parse(text)
  for (const paragraph of tree.children) {
    if (paragraph.type !== 'ParagraphNode') continue
    for (const sentence of paragraph.children) {
      if (sentence.type !== 'SentenceNode' || !sentence.position) continue
      let start = sentence.position.start.offset ?? 0
      let end = sentence.position.end.offset ?? start
      // Trim whitespace the parser may keep at the edges so ranges hug the words.
      while (start < end && /\s/.test(text[start])) start++
      while (end > start && /\s/.test(text[end - 1])) end--
      if (end > start) spans.push({start, end})
    }
  }
  return spans
}
