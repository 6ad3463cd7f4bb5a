import {reportLimit} from '../limits'

/**
 * Deepest nesting of block containers (list items and block quotes opened on one line) that
 * is read as nesting. Real briefs nest three or four levels; 32 leaves ample room. Deeper
 * chains are what attacks are made of: mdast-util-from-markdown prepares each list by walking
 * the events of the lists around it, so 2,000 `- ` markers before one sentence took seconds and
 * grew with the square of the depth, and the tree that came out overflowed recursive visitors.
 */
export const MAX_CONTAINER_DEPTH = 32

/** A text with container markers past the cap blanked, and whether any were. */
export interface BoundedNesting {
  text: string
  /** 1-based line numbers whose markers past the cap were blanked (the first few). */
  lines: number[]
}

// U+00A0 is white space to the sentence splitter (so ranges still hug the words) but not
// indentation to CommonMark (so the blanked markers never turn the line into indented code).
const BLANK = '\u00a0'

/**
 * Blanks list and block-quote markers past `MAX_CONTAINER_DEPTH` on each line, one character
 * for one (offsets, lines and columns stay those of the file): the line's text is then read as
 * prose of the deepest container kept. One linear pass over the text.
 */
export function boundContainerNesting(input: string): BoundedNesting {
  const text = boundDelimiterRuns(input)
  // Cheap exit: a line needs at least MAX_CONTAINER_DEPTH markers, so at least as many characters.
  if (text.length < MAX_CONTAINER_DEPTH * 2) return {text, lines: []}
  let out: string[] | undefined
  const lines: number[] = []
  let copied = 0
  let lineNo = 1
  let i = 0
  const n = text.length
  while (i < n) {
    let depth = 0
    let p = i
    for (;;) {
      while (p < n && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++
      const end = markerEnd(text, p)
      if (end < 0) break
      depth++
      if (depth > MAX_CONTAINER_DEPTH) {
        out ??= []
        out.push(text.slice(copied, p), BLANK.repeat(end - p))
        copied = end
        if (lines.length === 0 || lines[lines.length - 1] !== lineNo) lines.push(lineNo)
      }
      p = end
    }
    const nl = text.indexOf('\n', p)
    if (nl < 0) break
    i = nl + 1
    lineNo++
  }
  if (!out) return {text, lines}
  out.push(text.slice(copied))
  return {text: out.join(''), lines}
}

/** End of a container marker at `p` (`>`, or `-`/`*`/`+`/`1.`/`1)` before a space), else -1. */
function markerEnd(text: string, p: number): number {
  const c = text.charCodeAt(p)
  if (c === 62) return p + 1 // '>'
  if (c === 45 || c === 42 || c === 43) return isGap(text.charCodeAt(p + 1)) ? p + 1 : -1
  let q = p
  while (q < text.length && q - p < 9 && text.charCodeAt(q) >= 48 && text.charCodeAt(q) <= 57) q++
  if (q === p) return -1
  const d = text.charCodeAt(q)
  return (d === 46 || d === 41) && isGap(text.charCodeAt(q + 1)) ? q + 1 : -1
}

function isGap(c: number): boolean {
  return c === 32 || c === 9
}

/** The one-line reason reported when markers were blanked. */
export function nestingReason(lines: number[]): string {
  const where = lines.length > 3 ? `lines ${lines.slice(0, 3).join(', ')}…` : `line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}`
  return `nesting deeper than ${MAX_CONTAINER_DEPTH} lists or block quotes (${where}): the deeper markers are read as text`
}

/**
 * Longest run of one emphasis delimiter (`*`, `_`, `~`) read as delimiters. Three make bold
 * italics; 16 is more than any brief needs. micromark matches emphasis openers and closers one
 * or two characters at a time, splicing its event list at each match, so a run of 10,000 `*`
 * took 36 s, and the emphasis 5,000 deep it built overflowed remark-gfm's recursive visitor.
 */
export const MAX_DELIMITER_RUN = 16

/**
 * Blanks (U+00A0, one for one) the characters of a delimiter run past `MAX_DELIMITER_RUN`:
 * a run followed by white space opens no emphasis, so the rest of the line stays plain prose.
 * A run that is a thematic break (`________`) or a `~~~` code fence is left as written.
 */
export function boundDelimiterRuns(text: string): string {
  let out: string[] | undefined
  let copied = 0
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c !== 42 && c !== 95 && c !== 126) {
      i++
      continue
    }
    let j = i + 1
    while (j < n && text.charCodeAt(j) === c) j++
    if (j - i > MAX_DELIMITER_RUN && !isBlockRun(text, i, j)) {
      const keep = i + MAX_DELIMITER_RUN
      out ??= []
      out.push(text.slice(copied, keep), BLANK.repeat(j - keep))
      copied = j
      reportLimit(`a run of more than ${MAX_DELIMITER_RUN} \`${String.fromCharCode(c)}\` is read as text, not emphasis`)
    }
    i = j
  }
  if (!out) return text
  out.push(text.slice(copied))
  return out.join('')
}

/** A run starting its line that is a thematic break (white space after it) or a `~` fence. */
function isBlockRun(text: string, i: number, j: number): boolean {
  let p = i
  while (p > 0 && i - p < 3 && text.charCodeAt(p - 1) === 32) p--
  if (p > 0 && text.charCodeAt(p - 1) !== 10 && text.charCodeAt(p - 1) !== 13) return false
  if (text.charCodeAt(i) === 126) return true
  const after = j < text.length ? text.charCodeAt(j) : 10
  return after === 32 || after === 9 || after === 10 || after === 13
}
