import {ESCAPED_PUNCTUATION} from './prose'

/** Whether a line (its `\r` included) is blank: spaces and tabs only. */
export function isBlank(line: string): boolean {
  return BLANK.test(line)
}

const BLANK = /^[ \t]*\r?$/

/**
 * A line that can only be paragraph text read verbatim (one text node equal to the file text).
 * Its first character opens no block (heading, quote, list, rule, setext underline, fence, HTML,
 * indented code, definition), no character starts inline syntax (`&` entity, `*`/`_` emphasis,
 * `<` autolink or HTML, `[`/`]` link or footnote, backtick code) or a table (`|`), a backslash
 * only escapes ASCII punctuation (read as that character, `textParagraph`), and no white space
 * at either end is dropped or read as a hard break. Tabs, NUL, a byte-order
 * mark and a lone CR (a line ending to CommonMark) are left to the parser. Linear regexes.
 */
export function isPlainLine(line: string): boolean {
  const body = line.endsWith('\r') ? line.slice(0, -1) : line
  return body.length > 0 && !OPENS_BLOCK.test(body) && isPlainInline(body)
}

/**
 * Text that reads as one text node inside a block that is already open (a heading's or a table
 * cell's content, `source-blocks.ts`): `isPlainLine` without the test of its first character,
 * since nothing inside a heading or a cell can open a block. Not empty, no white space at
 * either end, no inline syntax, backslashes only before ASCII punctuation.
 */
export function isPlainInline(body: string): boolean {
  if (body.length === 0 || ENDS_BLANK.test(body) || STARTS_BLANK.test(body)) return false
  return !SYNTAX.test(body.includes('\\') ? body.replace(ESCAPED_PUNCTUATION, 'a') : body)
}

const OPENS_BLOCK = /^(?:[\s#>+*=_~`<|[\-]|\d{1,9}[.)])/
const SYNTAX = /[&*_<[\]\\`|\t\0\r\uFEFF]/
const ENDS_BLANK = /\s$/
const STARTS_BLANK = /^\s/
