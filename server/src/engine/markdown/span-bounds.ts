import {reportLimit} from '../limits'

/**
 * Most setext headings (a line underlined with `===` or `---`) read as headings in one draft.
 * A brief has tens of headings, mostly written with `#`. micromark turns each setext underline
 * into a heading by rebuilding the whole document's event list (micromark-core-commonmark's
 * setext-underline resolver consumes an EditMap over every event so far), so the cost grows
 * with headings × document length: 10,000 of them in 130 KB took minutes. 256 keeps that product
 * to a fraction of a second for a 1 MB draft; past it, underlines are read as text.
 */
export const MAX_SETEXT_HEADINGS = 256

/**
 * Longest span, in characters, from a `[` to its `]` (or to the end of its paragraph when it is
 * never closed) that is read as a bracket. Link texts and pandoc citation groups are a few
 * hundred characters at most. While a `[` is open, micromark's GFM autolink-literal extension
 * walks back to it at every word start (its `previousUnbalanced` check), so an open bracket
 * costs its length squared: 30,000 keys in one `[@k0; @k1; …]` took 15 s of CPU. 2,000 bounds
 * each bracket to a few milliseconds; a longer one's `[` is read as text.
 */
export const MAX_BRACKET_SPAN = 2_000

/**
 * Deepest indentation, in columns, read as indentation. Nested lists written with indentation
 * (two to four columns a level) reach 16 columns in a real brief; 128 allows 32 levels, the
 * depth cap of markers on one line (nesting.ts). A 700-deep indented list (530 KB) took 24 s
 * of CPU in mdast-util-from-markdown, which prepares each list by walking the lists around it.
 * Past the cap the line's indentation is blanked: the line continues the deepest item as text.
 */
export const MAX_INDENT_COLUMNS = 128

// U+00A0: not white space to CommonMark (a blanked underline does not become a blank line, nor a
// blanked bracket a link), white space to the sentence splitter; one character for one, so every
// offset, line and column stays that of the file.
const BLANK = '\u00a0'

/**
 * Blanks the setext underlines past `MAX_SETEXT_HEADINGS`, the `[` of brackets longer than
 * `MAX_BRACKET_SPAN` and indentation deeper than `MAX_INDENT_COLUMNS`, reporting each cap once. One linear pass per cap; the text is returned
 * unchanged (the same string) when no cap is reached.
 */
export function boundSpans(text: string): string {
  const blanks = [...setextBlanks(text), ...bracketBlanks(text), ...indentBlanks(text)]
  if (blanks.length === 0) return text
  blanks.sort((a, b) => a.start - b.start)
  const out: string[] = []
  let copied = 0
  for (const {start, end} of blanks) {
    if (start < copied) continue
    out.push(text.slice(copied, start), BLANK.repeat(end - start))
    copied = end
  }
  out.push(text.slice(copied))
  return out.join('')
}

interface Blank {
  start: number
  end: number
}

/** Underlines (`===`, `---` under a non-blank line) past the cap, as spans to blank. */
function setextBlanks(text: string): Blank[] {
  const blanks: Blank[] = []
  let count = 0
  let previousBlank = true
  let at = 0
  while (at <= text.length) {
    const nl = text.indexOf('\n', at)
    const end = nl < 0 ? text.length : nl
    const underline = previousBlank ? undefined : underlineSpan(text, at, end)
    if (underline && ++count > MAX_SETEXT_HEADINGS) blanks.push(underline)
    previousBlank = isBlankLine(text, at, end)
    if (nl < 0) break
    at = nl + 1
  }
  if (blanks.length > 0) reportLimit(`more than ${MAX_SETEXT_HEADINGS} headings underlined with === or ---: the later underlines are read as text`)
  return blanks
}

/** The `=`/`-` run of a setext underline on the line [start, end), else undefined. */
function underlineSpan(text: string, start: number, end: number): Blank | undefined {
  let p = start
  while (p < end && p - start < 3 && text.charCodeAt(p) === 32) p++
  const c = text.charCodeAt(p)
  if (c !== 61 && c !== 45) return undefined // '=' or '-'
  let q = p
  while (q < end && text.charCodeAt(q) === c) q++
  let r = q
  while (r < end && (text.charCodeAt(r) === 32 || text.charCodeAt(r) === 9 || text.charCodeAt(r) === 13)) r++
  return r === end ? {start: p, end: q} : undefined
}

function isBlankLine(text: string, start: number, end: number): boolean {
  for (let p = start; p < end; p++) {
    const c = text.charCodeAt(p)
    if (c !== 32 && c !== 9 && c !== 13) return false
  }
  return true
}

/**
 * Opening brackets whose span passes the cap. Brackets pair as micromark pairs them (the last
 * open `[` takes the next `]`), within a paragraph (a blank line closes them all); escaped
 * brackets are skipped. The stack holds offsets only, so memory is linear in the text.
 */
function bracketBlanks(text: string): Blank[] {
  const blanks: Blank[] = []
  const open: number[] = []
  const closeAll = (at: number) => {
    for (const start of open) if (at - start > MAX_BRACKET_SPAN) blanks.push({start, end: start + 1})
    open.length = 0
  }
  let lineStart = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10) {
      if (isBlankLine(text, lineStart, i)) closeAll(i)
      lineStart = i + 1
    } else if (c === 92) i++ // a backslash escapes the next character
    else if (c === 91) open.push(i)
    else if (c === 93 && open.length > 0) {
      const start = open.pop()!
      if (i - start > MAX_BRACKET_SPAN) blanks.push({start, end: start + 1})
    }
  }
  closeAll(text.length)
  if (blanks.length > 0) reportLimit(`a bracket spanning more than ${MAX_BRACKET_SPAN} characters is read as text, not as a link or citation`)
  return blanks
}

/** Leading white space of lines indented past the cap (a tab advances to the next multiple of 4). */
function indentBlanks(text: string): Blank[] {
  const blanks: Blank[] = []
  let at = 0
  while (at < text.length) {
    let column = 0
    let p = at
    for (;;) {
      const c = text.charCodeAt(p)
      if (c === 32) column++
      else if (c === 9) column += 4 - (column % 4)
      else break
      p++
    }
    if (column > MAX_INDENT_COLUMNS) blanks.push({start: at, end: p})
    const nl = text.indexOf('\n', p)
    if (nl < 0) break
    at = nl + 1
  }
  if (blanks.length > 0) reportLimit(`a line indented more than ${MAX_INDENT_COLUMNS} columns is read as text of the item above, not as deeper nesting`)
  return blanks
}
