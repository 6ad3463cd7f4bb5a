import {parseSourceMarkdown} from './parse'
import {collectProse, textParagraph, type ProseBlockWithMarks, type ProseDocument} from './prose'
import {lastAtMost} from '../text/sorted'
import {isBlank, isPlainLine} from './plain-lines'
import {simpleDocument, standInBlockAt} from './source-blocks'
import {frontMatterOpener, opener} from './segments'

/**
 * A paragraph of plain text: `[start, end)` in the text, its last line ending excluded; a
 * top-level paragraph (`paragraph`) or the one-line text of a list item (`list-item`).
 */
export interface PlainParagraph {
  start: number
  end: number
  kind: 'paragraph' | 'list-item'
  /**
   * For a simple block that is not a paragraph (a table, an emphasis line, a block quote:
   * source-blocks.ts's `standInBlockAt`), its blocks in the section the stand-in comes back in.
   */
  build?: (section: string | undefined) => ProseBlockWithMarks[]
}

/** The one-character paragraph that stands in for a plain paragraph in the text remark parses. */
const STAND_IN = 'x'

/**
 * The prose of a Markdown corpus source: `collectProse(parseSourceMarkdown(text), text)`,
 * exactly, computed faster. With `shortcut: false` it is that call (the equivalence test
 * compares both on every corpus file it can find).
 *
 * Why a shortcut: remark (micromark and mdast) was about 60% of the CPU time of parsing a
 * source, measured per stage on the benchmark briefs (README, lean-index section; issue #15),
 * while most of a source's text is plain prose
 * paragraphs and list items that hold no Markdown syntax at all. Such a text (`plainParagraphs`)
 * is replaced by a one-letter stand-in before remark parses the rest, and its block is built
 * straight from the file text with the same alignment `collectProse` uses (`textParagraph`).
 *
 * The shortcut checks itself: every stand-in must come back from remark as a paragraph of the
 * expected kind (top-level, or a list item's text) reading exactly the stand-in at its offset.
 * Text that opens no block and holds no inline syntax starts the same paragraph whatever its
 * letters, and a paragraph that ends where it ended leaves the same state behind whatever its
 * length, so the rest of the document parses as it would have; a stand-in read any other way
 * (inside code the scan missed, say) sends the whole file down the full parse.
 */
export function collectSourceProse(text: string, options: {shortcut?: boolean} = {}): ProseDocument {
  if (options.shortcut === false) return collectProse(parseSourceMarkdown(text), text)
  const simple = simpleDocument(text)
  if (simple) return simple
  const plain = plainParagraphs(text)
  if (plain.length === 0) return collectProse(parseSourceMarkdown(text), text)
  return collectAroundStandIns(text, plain) ?? collectProse(parseSourceMarkdown(text), text)
}

function collectAroundStandIns(text: string, plain: PlainParagraph[]): ProseDocument | undefined {
  const groups = standInGroups(text, plain)
  // The compact text: the file with each group of plain paragraphs replaced by the stand-in.
  // `pieceStarts` are the compact offsets after which `pieceShifts` (original minus compact) hold.
  const parts: string[] = []
  const standIns: number[] = []
  const pieceStarts = [0]
  const pieceShifts = [0]
  let copied = 0
  let compactLength = 0
  for (const group of groups) {
    const start = group[0].start
    const end = group[group.length - 1].end
    parts.push(text.slice(copied, start), STAND_IN)
    compactLength += start - copied
    standIns.push(compactLength)
    compactLength += STAND_IN.length
    pieceStarts.push(compactLength)
    pieceShifts.push(end - compactLength)
    copied = end
  }
  parts.push(text.slice(copied))
  const compact = parts.join('')
  const doc = collectProse(parseSourceMarkdown(compact), compact)
  const shiftAt = (offset: number): number => pieceShifts[lastAtMost(pieceStarts, offset)]
  const blocks: ProseBlockWithMarks[] = []
  let next = 0
  for (const block of doc.blocks) {
    if (next < standIns.length && block.kind === groups[next][0].kind && block.text === STAND_IN && block.map.toOriginal(0) === standIns[next]) {
      for (const p of groups[next++]) {
        if (p.build) blocks.push(...p.build(block.section))
        else blocks.push(textParagraph(text, p.start, p.end, p.kind, block.section))
      }
      continue
    }
    const shift = shiftAt(block.start ?? (block.text.length > 0 ? block.map.toOriginal(0) : (block.marks[0]?.start ?? 0)))
    if (shift !== 0) {
      block.map = block.map.shifted(shift)
      for (const mark of block.marks) {
        mark.start += shift
        mark.end += shift
      }
      if (block.start !== undefined) block.start += shift
      if (block.end !== undefined) block.end += shift
    }
    blocks.push(block)
  }
  if (next !== standIns.length) return undefined
  for (const item of [...doc.comments, ...doc.footnotes]) {
    const shift = shiftAt(item.start)
    item.start += shift
    item.end += shift
  }
  return {...doc, blocks}
}

/**
 * The plain paragraphs in groups that one stand-in replaces: top-level paragraphs with nothing
 * but blank lines between them share one, a list item's text has its own.
 *
 * Why: remark's cost on what the shortcut leaves is mostly per block (a brief's ≈ 740 remaining
 * characters took ≈ 1.5–2 ms; README, lean index, "Fourth round"), and a section's paragraphs
 * were a stand-in each. Sound for the reason a single stand-in is: when the group's stand-in comes
 * back as a top-level paragraph, its first paragraph was one, so after it and the blank lines the
 * next line, plain and unindented, starts another at the top level, and so on; the last one ends
 * where the stand-in ends, and no heading between them changes their section.
 */
function standInGroups(text: string, plain: PlainParagraph[]): PlainParagraph[][] {
  const groups: PlainParagraph[][] = []
  for (const p of plain) {
    const last = groups[groups.length - 1]?.at(-1)
    if (last && p.kind === 'paragraph' && last.kind === 'paragraph' && onlyBlankLines(text, last.end, p.start)) groups[groups.length - 1].push(p)
    else groups.push([p])
  }
  return groups
}

/** Whether `text[from, to)` is line endings and blank lines only, at least one blank line. */
function onlyBlankLines(text: string, from: number, to: number): boolean {
  const between = text.slice(from, to)
  return BLANK_LINES.test(between)
}

/** The rest of a line's ending, then at least one blank line (spaces and tabs only) and its ending. */
const BLANK_LINES = /^\r?\n(?:[ \t]*\r?\n)+$/

/**
 * Paragraphs of plain text: top-level ones (after a blank line or at the start, every line free
 * of what could make it anything but paragraph text, `isPlainLine`, up to the next blank line)
 * and one-line list items (`plainListItem`); also, after a blank line, the simple tables,
 * emphasis lines and block quotes of source-blocks.ts (`standInBlockAt`, each with its blocks).
 * Fenced code, HTML blocks that blank lines do not close and front matter are skipped as
 * segments.ts skips them; whatever this scan misjudges, `collectSourceProse` catches. One pass;
 * a line is read at most three times (as itself, in a run that failed, as the line after an item).
 */
export function plainParagraphs(text: string): PlainParagraph[] {
  const out: PlainParagraph[] = []
  const front = frontMatterOpener(text)
  let pos = front?.length ?? 0
  let closes = front?.closes
  let blankBefore = true
  while (pos < text.length) {
    const newline = text.indexOf('\n', pos)
    const next = newline < 0 ? text.length : newline + 1
    const line = text.slice(pos, newline < 0 ? text.length : newline)
    if (closes) {
      if (closes(line)) closes = undefined
      blankBefore = false
      pos = next
      continue
    }
    if (isBlank(line)) {
      blankBefore = true
      pos = next
      continue
    }
    if (blankBefore && isPlainLine(line)) {
      const end = plainRunEnd(text, pos)
      if (end >= 0) {
        out.push({start: pos, end, kind: 'paragraph'})
        pos = end
        blankBefore = false
        continue
      }
    }
    const simple = blankBefore ? standInBlockAt(text, pos) : undefined
    if (simple) {
      out.push({start: pos, end: simple.end, kind: 'paragraph', build: simple.build})
      pos = simple.end
      blankBefore = false
      continue
    }
    const item = plainListItem(text, pos, line, next)
    if (item) out.push(item)
    closes = opener(line)
    blankBefore = false
    pos = next
  }
  return out
}

/** End of the paragraph starting at `pos` when all its lines are plain (before the last line ending), else -1. */
function plainRunEnd(text: string, pos: number): number {
  let end = -1
  while (pos < text.length) {
    const newline = text.indexOf('\n', pos)
    const lineEnd = newline < 0 ? text.length : newline
    const line = text.slice(pos, lineEnd)
    if (isBlank(line)) break
    if (!isPlainLine(line)) return -1
    end = line.endsWith('\r') ? lineEnd - 1 : lineEnd
    pos = lineEnd + 1
  }
  return end
}

/**
 * The text of a one-line list item (`- text`, `1. text`) when it is plain and the next line
 * cannot continue it (blank, the end, or another item), else undefined. Only the text after the
 * marker is stood in for: the list around it is parsed as written.
 */
function plainListItem(text: string, pos: number, line: string, next: number): PlainParagraph | undefined {
  const marker = LIST_ITEM.exec(line)
  if (!marker || !isPlainLine(line.slice(marker[0].length))) return undefined
  if (next < text.length) {
    const newline = text.indexOf('\n', next)
    const following = text.slice(next, newline < 0 ? text.length : newline)
    if (!isBlank(following) && !LIST_ITEM.test(following)) return undefined
  }
  return {start: pos + marker[0].length, end: pos + (line.endsWith('\r') ? line.length - 1 : line.length), kind: 'list-item'}
}

/** A list marker at most three spaces in, then one to four spaces (five would make indented code). */
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)]) {1,4}(?! )/
