import {HEADER_CAP, textBlock, textParagraph, type ProseBlockWithMarks, type ProseDocument} from './prose'
import {frontMatterOpener} from './segments'
import {isBlank, isPlainInline, isPlainLine} from './plain-lines'

/**
 * The prose of a Markdown source every block of which is simple, read without remark; undefined
 * as soon as one block is anything else (source-prose.ts then parses). Equal to
 * `collectProse(parseSourceMarkdown(text), text)` for every text it answers.
 *
 * Why a hand-written reader: after the plain-paragraph stand-ins, remark on the rest of a source
 * was about half of a parse worker's time (README, cold-index bullet, "Fourth round"). Per kind,
 * one thread over 1,000 benchmark briefs (remark on the text left after the stand-ins, 1.3–1.5 s
 * in all; leaving out one kind at a time): tables ≈ 0.45 s, headings ≈ 0.27 s, lists ≈ 0.27 s,
 * the stand-ins themselves ≈ 0.36 s, front matter ≈ 0.05 s ("Fifth round"). The cost is per
 * block, so a document remark parses at all keeps most of it; only a document with no block
 * left for remark saves it.
 *
 * What is simple (each line at column 0; a lone CR, NUL or byte-order mark anywhere sends the
 * text to remark):
 * - YAML (`---`) or TOML (`+++`) front matter opening the text, closed by its fence;
 * - an ATX heading `#`–`######`, one space, then plain inline text not ending in `#`;
 * - a paragraph of plain lines (`isPlainLine`, as the stand-ins);
 * - a one-line paragraph that is one emphasis or strong span (`*`, `_`, `**`, `__`) of plain text;
 * - a block quote of one paragraph, every line `> ` and a plain line (no lazy continuation);
 * - a list item on one line: `-`, `*`, `+` or `1.`/`1)`, one space, a plain line;
 * - a GFM table whose rows all start and end with `|`, cells of plain text without backslashes
 *   (or empty), a delimiter row of `:?-+:?` cells as many as the header's.
 * Every block but a heading and front matter must be followed by a blank line or the end
 * (a list item: or another item): a line right after could continue or interrupt it.
 */
export function simpleDocument(text: string): ProseDocument | undefined {
  if (UNSAFE.test(text)) return undefined
  const doc: ProseDocument = {blocks: [], footnotes: [], comments: []}
  let pos = 0
  const front = frontMatter(text)
  if (front === null) return undefined
  if (front) {
    if (front.yaml !== undefined) doc.frontmatter = front.yaml
    pos = front.end
  }
  const lines = new LineReader(text, pos)
  let section: string | undefined
  while (!lines.done) {
    if (isBlank(lines.line)) {
      lines.advance()
      continue
    }
    const heading = headingAt(lines)
    if (heading) {
      section = heading.text.trim() || section
      doc.blocks.push(heading)
      lines.advance()
      continue
    }
    const read = readBlock(lines, section, doc.blocks)
    if (!read || !(lines.done || isBlank(lines.line))) return undefined
  }
  return doc
}

/**
 * A table, a one-span emphasis line or a one-paragraph block quote starting at `at` (a line
 * start) and followed by a blank line or the end: where its last line ends, and its blocks once
 * the section it is in is known. For source-prose.ts, which stands in for such blocks the way it
 * stands in for plain paragraphs when the document is not simple as a whole (their stand-in
 * checks itself the same way: it must come back as a top-level paragraph).
 */
export function standInBlockAt(text: string, at: number): {end: number; build: (section: string | undefined) => ProseBlockWithMarks[]} | undefined {
  const first = text[at]
  if (first !== '|' && first !== '*' && first !== '_' && first !== '>') return undefined
  const lines = new LineReader(text, at)
  if (LIST_MARKER.test(lines.body)) return undefined
  const blocks: ProseBlockWithMarks[] = []
  if (!readBlock(lines, undefined, blocks) || !(lines.done || isBlank(lines.line))) return undefined
  const build = (section: string | undefined) => {
    for (const block of blocks) block.section = section
    return blocks
  }
  return {end: lines.previousEnd, build}
}

/** A lone CR (a line ending to CommonMark), NUL (read as U+FFFD) or a byte-order mark. */
const UNSAFE = /\r(?!\n)|[\0\uFEFF]/

/** Reads one line at a time: `line` is the current line without its `\n` (a `\r` kept). */
class LineReader {
  start = 0
  /** Offset of the current line's end, its `\r` excluded. */
  bodyEnd = 0
  line = ''
  done = false
  /** Where the line before the current one ends, its `\r` excluded. */
  previousEnd = 0
  private next = 0

  constructor(readonly text: string, at: number) {
    this.next = at
    this.advance()
  }

  /** Moves to the next line. */
  advance(): void {
    this.previousEnd = this.bodyEnd
    if (this.next >= this.text.length) {
      this.done = true
      this.line = ''
      return
    }
    this.start = this.next
    const newline = this.text.indexOf('\n', this.start)
    const end = newline < 0 ? this.text.length : newline
    this.line = this.text.slice(this.start, end)
    this.bodyEnd = this.line.endsWith('\r') ? end - 1 : end
    this.next = newline < 0 ? this.text.length : newline + 1
  }

  /** The current line without its `\r`. */
  get body(): string {
    return this.line.endsWith('\r') ? this.line.slice(0, -1) : this.line
  }
}

/**
 * Front matter opening the text as remark-frontmatter reads it, fenced as the line scans skip
 * it (segments.ts `frontMatterOpener`): its end (after the closing fence's line ending) and,
 * for YAML, the text between the fences without the line ending before the closing one.
 * undefined without an opening fence, null when it is not closed.
 */
function frontMatter(text: string): {end: number; yaml?: string} | null | undefined {
  const opener = frontMatterOpener(text)
  if (!opener) return /^(?:---|\+\+\+)/.test(text) ? null : undefined
  const lines = new LineReader(text, opener.length)
  while (!lines.done) {
    if (opener.closes(lines.line)) {
      const yaml = text.startsWith('---') ? text.slice(opener.length, lines.start).replace(/\r?\n$/, '') : undefined
      lines.advance()
      return {end: lines.done ? text.length : lines.start, yaml}
    }
    lines.advance()
  }
  return null
}

/** The heading block of the current line when it is a simple ATX heading. */
function headingAt(lines: LineReader): ProseBlockWithMarks | undefined {
  const body = lines.body
  if (body[0] !== '#') return undefined
  let depth = 1
  while (depth < body.length && body[depth] === '#') depth++
  if (depth > 6 || body[depth] !== ' ') return undefined
  const content = body.slice(depth + 1)
  if (content.endsWith('#') || !isPlainInline(content)) return undefined
  const block = textBlock(lines.text, lines.start + depth + 1, lines.bodyEnd, 'heading')
  block.depth = depth
  block.start = lines.start
  block.end = lines.bodyEnd
  return block
}

/**
 * Reads the simple block starting at the current line into `blocks`, leaving the reader on the
 * line after it; false when the block is not simple (the reader is then anywhere).
 */
function readBlock(lines: LineReader, section: string | undefined, blocks: ProseBlockWithMarks[]): boolean {
  const body = lines.body
  if (body[0] === '|') return readTable(lines, section, blocks)
  if (LIST_MARKER.test(body)) return readListItems(lines, section, blocks)
  if (body.startsWith('> ')) return readQuote(lines, section, blocks)
  if (body[0] === '*' || body[0] === '_') return readEmphasis(lines, section, blocks)
  return readPlain(lines, section, blocks)
}

/** A list marker at column 0 and the one space after it. */
const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)]) /

/** Lines of plain text up to a blank line or the end: one paragraph. */
function readPlain(lines: LineReader, section: string | undefined, blocks: ProseBlockWithMarks[]): boolean {
  const start = lines.start
  let end = start
  while (!lines.done && !isBlank(lines.line)) {
    if (!isPlainLine(lines.line)) return false
    end = lines.bodyEnd
    lines.advance()
  }
  blocks.push(textParagraph(lines.text, start, end, 'paragraph', section))
  return true
}

/**
 * A line that is one emphasis or strong span of plain text. The opening run at the start of the
 * line, followed by a letter that is not white space, is left-flanking and not right-flanking;
 * the closing one at its end is the reverse: so they pair, for `*` and for `_` alike.
 */
function readEmphasis(lines: LineReader, section: string | undefined, blocks: ProseBlockWithMarks[]): boolean {
  const body = lines.body
  const marker = body[1] === body[0] ? body.slice(0, 2) : body[0]
  const n = marker.length
  if (body.length <= 2 * n || !body.endsWith(marker) || !isPlainInline(body.slice(n, -n))) return false
  blocks.push(textParagraph(lines.text, lines.start + n, lines.bodyEnd - n, 'paragraph', section))
  lines.advance()
  return true
}

/** One-line list items of plain text, one after another. */
function readListItems(lines: LineReader, section: string | undefined, blocks: ProseBlockWithMarks[]): boolean {
  for (let item = LIST_MARKER.exec(lines.body); item; item = lines.done ? null : LIST_MARKER.exec(lines.body)) {
    if (!isPlainLine(lines.line.slice(item[0].length))) return false
    blocks.push(textParagraph(lines.text, lines.start + item[0].length, lines.bodyEnd, 'list-item', section))
    lines.advance()
  }
  return true
}

/** A block quote holding one paragraph: every line `> ` then a plain line. */
function readQuote(lines: LineReader, section: string | undefined, blocks: ProseBlockWithMarks[]): boolean {
  const start = lines.start + 2
  let end = start
  const contents: string[] = []
  while (!lines.done && !isBlank(lines.line)) {
    if (!lines.line.startsWith('> ') || !isPlainLine(lines.line.slice(2))) return false
    contents.push(lines.body.slice(2))
    end = lines.bodyEnd
    lines.advance()
  }
  const block = textBlock(lines.text, start, end, 'blockquote', contents.join('\n'))
  block.section = section
  blocks.push(block)
  return true
}

/** A cell of a table row: its content's offsets in the text (equal when empty). */
interface Cell {
  start: number
  end: number
}

/**
 * A GFM table: header row, delimiter row with as many cells, body rows up to a blank line or the
 * end. Each cell is a block carrying its row's first cell and its column's header cell, as
 * `collectProse` makes them.
 */
function readTable(lines: LineReader, section: string | undefined, blocks: ProseBlockWithMarks[]): boolean {
  const text = lines.text
  const header = rowCells(lines.body, lines.start)
  if (!header) return false
  lines.advance()
  if (lines.done || delimiterCells(lines.body) !== header.length) return false
  lines.advance()
  const rows = [header]
  while (!lines.done && !isBlank(lines.line)) {
    const row = rowCells(lines.body, lines.start)
    if (!row) return false
    rows.push(row)
    lines.advance()
  }
  const cellText = (cell: Cell | undefined) => (cell ? text.slice(cell.start, cell.end).slice(0, HEADER_CAP) : '')
  const headerRow = header.map(cellText)
  rows.forEach((row, r) => {
    const rowHeader = cellText(row[0])
    row.forEach((cell, c) => {
      const block = textBlock(text, cell.start, cell.end, 'cell')
      block.section = section
      const headers = {row: c > 0 ? rowHeader || undefined : undefined, column: r > 0 ? headerRow[c] || undefined : undefined}
      if (headers.row || headers.column) block.headers = headers
      blocks.push(block)
    })
  })
  return true
}


/**
 * The cells of `| a | b |` at `offset`: content between the pipes without the spaces around it,
 * plain text without backslashes (an escaped pipe stays in its cell), or empty. undefined for
 * any other row.
 */
function rowCells(body: string, offset: number): Cell[] | undefined {
  if (body.length < 2 || body[0] !== '|' || body[body.length - 1] !== '|') return undefined
  const cells: Cell[] = []
  let from = 1
  while (from < body.length) {
    const bar = body.indexOf('|', from)
    let start = from
    let end = bar
    while (start < end && body[start] === ' ') start++
    while (end > start && body[end - 1] === ' ') end--
    const content = body.slice(start, end)
    if (content.length > 0 && (content.includes('\\') || !isPlainInline(content))) return undefined
    cells.push({start: offset + start, end: offset + end})
    from = bar + 1
  }
  return cells
}

/** The number of cells of a delimiter row `| --- | :-: |`, or -1 when the line is not one. */
function delimiterCells(body: string): number {
  if (!DELIMITER_ROW.test(body)) return -1
  return body.split('|').length - 2
}

const DELIMITER_ROW = /^\|(?: *:?-+:? *\|)+$/
