import type {Block, Fragment} from './pdf-layout'

/**
 * Tables found by their rows (issue #19). The XY-cut reads a table as one block per column, so
 * a column of names or descriptions looked like a paragraph of short lines and became prose
 * sentences ("BAIN, J MATTHEW SMITH, ALVARO R …"). A table shows itself by structure, not by its
 * words: the lines of a column sit on the same baselines as cells of two or more other columns
 * beside it, and one cell of each such row is a number, a date or a range. A block most of
 * whose lines sit on such rows is a table column; a block of short cells on the baseline of a
 * table column's line is its header; and a page whose lines are mostly table cells (a price
 * report, an expenditure ledger) keeps only its prose-shaped blocks, so chart titles and labels
 * set among the tables are left out as well.
 */

/**
 * Share of a block's lines on table rows from which it is a table column, with three such lines
 * at least: a cell that wraps (a ledger's description over two or three lines) is level with the
 * row's figure only on its first line. Prose columns beside one another share baselines too, but
 * seldom with a figure cell on the same baseline: on the measured three-column and two-column
 * pages under 5% of prose lines are.
 */
const COLUMN_SHARE = 0.35
const COLUMN_ROWS = 3
/** Share of a page's lines in table blocks from which the page is a table page. */
const TABLE_PAGE_SHARE = 0.6
/** Cells of a header row: this many words at most. */
const HEADER_WORDS = 4
/** A prose line: this many words or more (a table page keeps the blocks that have one). */
const PROSE_WORDS = 8

const wordsOf = (text: string) => text.split(' ').filter((w) => /\p{L}{2}/u.test(w))

/** A cell that is a figure: a number, a range, a date, an amount (under half its tokens are words). */
export function isFigureCell(text: string): boolean {
  const tokens = text.split(' ')
  return tokens.length > 0 && wordsOf(text).length / tokens.length < 0.5
}

/** Whether two lines share a baseline (within 0.4 of the smaller type, as lines are built). */
const level = (a: Fragment, b: Fragment) => Math.abs(a.y - b.y) <= Math.min(a.size, b.size) * 0.4

/**
 * The blocks of one page that are tables, table headers or (on a table page) anything that is
 * not prose. Work is bounded by the page's lines squared over blocks side by side, and pages are
 * capped at 20,000 items (MAX_ITEMS_PER_PAGE in pdf.ts).
 */
export function tableBlocks(blocks: Block[]): Set<Block> {
  const lines = blocks.flatMap((block) => block.lines.map((line) => ({block, line})))
  // Lines sorted by baseline, so the lines level with one are a short window around it.
  const byY = [...lines].sort((a, b) => a.line.y - b.line.y)
  const onRow = new Set<Fragment>()
  const rowOf = new Map<Fragment, Block[]>()
  for (let i = 0; i < byY.length; i++) {
    const row = [byY[i]]
    for (let j = i - 1; j >= 0 && byY[i].line.y - byY[j].line.y <= byY[i].line.size; j--) if (level(byY[i].line, byY[j].line)) row.push(byY[j])
    for (let j = i + 1; j < byY.length && byY[j].line.y - byY[i].line.y <= byY[i].line.size; j++) if (level(byY[i].line, byY[j].line)) row.push(byY[j])
    // Cells side by side: other blocks that do not overlap this one across the page.
    const me = byY[i].block
    const beside = row.filter((c) => c.block !== me && (c.block.x1 <= me.x0 || c.block.x0 >= me.x1))
    rowOf.set(byY[i].line, beside.map((c) => c.block))
    if (new Set(beside.map((c) => c.block)).size >= 2 && [byY[i], ...beside].some((c) => isFigureCell(c.line.text))) onRow.add(byY[i].line)
  }
  const tables = new Set<Block>()
  for (const block of blocks) {
    const on = block.lines.filter((l) => onRow.has(l)).length
    if (on >= COLUMN_ROWS && on / block.lines.length >= COLUMN_SHARE) tables.add(block)
    else if (block.lines.length > 0 && block.lines.every((l) => isFigureCell(l.text))) tables.add(block)
  }
  // Header cells: a block of short lines whose first line is level with a table column's line.
  for (const block of blocks) {
    if (tables.has(block) || !block.lines.every((l) => wordsOf(l.text).length <= HEADER_WORDS)) continue
    if ((rowOf.get(block.lines[0]) ?? []).some((b) => tables.has(b))) tables.add(block)
  }
  const total = lines.length
  const inTables = lines.filter((l) => tables.has(l.block)).length
  if (total > 0 && inTables / total >= TABLE_PAGE_SHARE) {
    for (const block of blocks) if (!isProse(block)) tables.add(block)
  }
  return tables
}

/**
 * A block with a line of prose length, or one that ends a sentence of a few words (a paragraph,
 * a note and its last line, a caption): kept even on a table page.
 */
function isProse(block: Block): boolean {
  return block.lines.some((l) => wordsOf(l.text).length >= PROSE_WORDS || (wordsOf(l.text).length >= 4 && /[.!?]["”’)]?$/.test(l.text)))
}
