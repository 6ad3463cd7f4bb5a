import {joinLines} from './pdf-text'
import type {Block, Fragment} from './pdf-layout'
import {cleanText, isBylineOrDate} from './text'
import type {ExtractedBlock} from './types'

/**
 * Blocks in reading order → paragraphs (issue #19). Each block is first classed: notes (smaller
 * type at the foot of a page or column, opened by a marker), a table or chart (short cells,
 * mostly numbers, captions, leader-dotted contents lines) or prose. Prose lines join into
 * paragraphs that run on across column and page breaks — and across notes, tables and figures
 * standing between — while the sentence is unfinished. Notes become blocks of their own in the
 * section `NOTES_SECTION`, with their page; tables and chart labels are not indexed (figure
 * lookup in table rows was tried on the real-document set and mixed up row and column labels
 * too often to be trusted).
 */

/** Section of footnote and endnote blocks: they are sources' text, but never part of the body. */
export const NOTES_SECTION = 'Notes'

export interface PageBlocks {
  page: number
  height: number
  blocks: Block[]
  /** Blocks found to be tables by their rows (pdf-tables.ts): never prose. */
  tables?: Set<Block>
}

type Kind = 'prose' | 'notes' | 'table'

const SENTENCE_END = /[.!?:;…"”’)\]]$/
/** A caption or a contents line: "Table 2. …", "Figure 1: …", "Source: …", dotted leaders. */
const CAPTION = /^(?:(?:table|figure|fig\.|exhibit|chart|graph|map|box)\s+[\dA-Z][\d.-]*[.:]?\s|(?:source|sources|notes?)\s*:)/i
const LEADERS = /(?:\.\s?){5,}|…{2,}/
const BULLET = /^[•▪◦●■►✓]\s*/u
const NOTE_START = /^(?:\d{1,3}|[*†‡§])\s*\S/

const wordsOf = (text: string) => text.split(' ').filter((w) => /\p{L}{2}/u.test(w))

/** Whether a line reads as prose rather than a cell: several words, not mostly numbers. */
function isNumeric(text: string): boolean {
  const tokens = text.split(' ')
  return tokens.length > 0 && wordsOf(text).length / tokens.length < 0.5
}

function classify(block: Block, body: number, pageHeight: number, isLastOnPage: boolean): Kind {
  const lines = block.lines
  const small = lines.every((l) => l.size < body * 0.93)
  const first = lines[0]
  if (small && (first.marker || NOTE_START.test(first.text)) && (block.top > pageHeight * 0.45 || isLastOnPage)) return 'notes'
  if (lines.every((l) => CAPTION.test(l.text) || LEADERS.test(l.text) || isNumeric(l.text))) return 'table'
  const numeric = lines.filter((l) => isNumeric(l.text) || LEADERS.test(l.text)).length
  if (numeric / lines.length > 0.5) return 'table'
  const counts = lines.map((l) => wordsOf(l.text).length).sort((a, b) => a - b)
  const median = counts[Math.floor(counts.length / 2)]
  // Table columns and chart labels: three or more short lines and none as long as a line of prose.
  if (lines.length >= 3 && median < 4 && counts[counts.length - 1] < 6) return 'table'
  return 'prose'
}

/** A block's trailing note lines (a column that ends in its page's notes) split off. */
function splitTrailingNotes(block: Block, body: number, pageHeight: number): Block[] {
  const lines = block.lines
  let i = lines.length
  while (i > 0 && lines[i - 1].size < body * 0.93) i--
  if (i === 0 || i === lines.length) return [block]
  const start = lines.slice(i).findIndex((l) => l.marker || NOTE_START.test(l.text))
  if (start !== 0 || lines[i].y < pageHeight * 0.45) return [block]
  const part = (ls: Fragment[]): Block => ({...block, lines: ls, top: ls[0].y - ls[0].size, bottom: ls[ls.length - 1].y})
  return [part(lines.slice(0, i)), part(lines.slice(i))]
}

/**
 * Paragraphs of the document from its pages' blocks. Headings (larger type, short) become the
 * `section` of what follows; the title line is skipped.
 */
export function toParagraphs(pages: PageBlocks[], body: number, title: string | undefined): ExtractedBlock[] {
  const out: ExtractedBlock[] = []
  const titleKey = title ? cleanText(title).toLowerCase() : undefined
  let section: string | undefined
  let open: (ExtractedBlock & {size: number; lastY: number; lastPage: number}) | undefined
  const close = () => {
    if (open && open.text.trim() !== '') out.push({text: open.text, section: open.section, page: open.page, ...(open.pageBreaks ? {pageBreaks: open.pageBreaks} : {})})
    open = undefined
  }
  const isHeading = (l: Fragment) => l.size >= body * 1.15 && l.text.length <= 160
  for (const {page, height, blocks, tables} of pages) {
    const split = blocks.flatMap((b) => (tables?.has(b) ? [b] : splitTrailingNotes(b, body, height)))
    split.forEach((block, index) => {
      const kind = tables?.has(block) ? 'table' : classify(block, body, height, index === split.length - 1)
      if (kind === 'table') return
      if (kind === 'notes') return void out.push(...notesOf(block, page))
      let heading: Fragment | undefined
      let fresh = true
      for (let line of block.lines) {
        if (isHeading(line)) {
          close()
          heading = heading && Math.abs(heading.size - line.size) < 0.5 ? {...heading, text: joinLines(heading.text, line.text)} : {...line}
          const text = cleanText(heading.text)
          if (!titleKey || !titleKey.startsWith(text.toLowerCase())) section = text
          fresh = false
          continue
        }
        heading = undefined
        if (CAPTION.test(line.text) || LEADERS.test(line.text)) continue
        // A bullet is list typography: the item starts a paragraph of its own, without it.
        const bullet = BULLET.exec(line.text)
        if (bullet) {
          close()
          line = {...line, text: line.text.slice(bullet[0].length)}
          if (line.text === '') continue
        }
        const sameSize = open !== undefined && Math.abs(open.size - line.size) < body * 0.15
        let continues = false
        if (open && sameSize) {
          if (fresh || open.lastPage !== page) {
            // First line of a block: a paragraph runs on across a column, page, note or figure
            // only while its sentence is unfinished.
            continues = !SENTENCE_END.test(open.text) && /^[\p{Ll}\d(“"'‘$]/u.test(line.text)
          } else continues = line.y - open.lastY <= line.size * 1.6 && line.y > open.lastY
        }
        fresh = false
        if (continues) {
          if (open!.lastPage !== page) (open!.pageBreaks ??= []).push([open!.text.length + 1, page])
          open!.text = joinLines(open!.text, line.text)
          open!.lastY = line.y
          open!.lastPage = page
        } else {
          close()
          open = {text: line.text, section, page, size: line.size, lastY: line.y, lastPage: page}
        }
      }
    })
  }
  close()
  return out
    .map((b) => ({...b, text: cleanText(b.text)}))
    .filter((b) => b.text !== '' && (!titleKey || b.text.toLowerCase() !== titleKey) && !(b.page === 1 && isBylineOrDate(b.text)) && !isNumeric(b.text))
}

/** A notes block → one block per note (a note starts at a marker at the block's left edge). */
function notesOf(block: Block, page: number): ExtractedBlock[] {
  const left = Math.min(...block.lines.map((l) => l.x0))
  const notes: string[] = []
  for (const line of block.lines) {
    const starts = line.marker || (NOTE_START.test(line.text) && line.x0 <= left + 2)
    if (starts || notes.length === 0) notes.push(line.marker ? line.text : line.text.replace(/^(?:\d{1,3}|[*†‡§])\s*/, ''))
    else notes[notes.length - 1] = joinLines(notes[notes.length - 1], line.text)
  }
  return notes.map((text) => ({text: cleanText(text), section: NOTES_SECTION, page})).filter((n) => n.text !== '')
}
