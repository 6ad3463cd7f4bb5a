import type {FrontMatterMeta} from '../frontmatter'
import {bylineNames, findDates} from '../scraped-meta'
import {cleanText, isBylineOrDate, isJunkTitle, isoDate, naturalName} from './text'
import {ExtractError, type ExtractedBlock, type ExtractedDocument} from './types'

/**
 * PDF sources (issue #9): text with its page, in reading order, from pdf.js (through unpdf,
 * whose single-file build needs no worker and runs on Node 20; pinned to 1.4.0 because later
 * releases ask for Node 22). pdf.js gives positioned text runs, not paragraphs, so this module
 * rebuilds lines from baselines, splits two-column pages at the gutter, drops running heads and
 * page numbers that repeat on most pages, rejoins words hyphenated at line ends, and reads the
 * title, author and date from XMP and the document info, else from the first page.
 */

/** A run of text on one baseline, without a wide gap inside: a line of one column. */
interface Fragment {
  x0: number
  x1: number
  y: number
  size: number
  text: string
}

interface PageText {
  page: number
  width: number
  height: number
  fragments: Fragment[]
}

/** Fewer non-space characters than this in the whole file: no text layer to speak of. */
const MIN_TEXT_CHARS = 20

export async function extractPdf(bytes: Uint8Array): Promise<ExtractedDocument> {
  if (!startsWith(bytes, '%PDF-')) {
    throw new ExtractError(bytes.length === 0 ? 'empty file, not a PDF' : 'not a PDF (no %PDF header)')
  }
  // Loaded only when a PDF is met: pdf.js is most of a megabyte (issue #9: bundle size).
  const {getDocumentProxy} = await import('unpdf')
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given: pass a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), {verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false})
  } catch (error) {
    throw pdfError(error)
  }
  try {
    const pages: PageText[] = []
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n)
      const viewport = page.getViewport({scale: 1})
      const content = await page.getTextContent()
      pages.push({page: n, width: viewport.width, height: viewport.height, fragments: fragmentsOf(content.items as RawItem[], viewport)})
      page.cleanup()
    }
    const chars = pages.reduce((sum, p) => sum + p.fragments.reduce((s, f) => s + f.text.replace(/\s/g, '').length, 0), 0)
    if (chars < MIN_TEXT_CHARS) throw new ExtractError('scanned PDF: no text layer (no OCR)')
    const warnings: string[] = []
    const empty = pages.filter((p) => p.fragments.length === 0).length
    if (empty > 0 && empty >= pages.length / 2) warnings.push(`${empty} of ${pages.length} pages have no text layer (scanned?); only the others are indexed`)

    const body = bodySize(pages)
    dropRunningLines(pages, body)
    const ordered = pages.map((p) => ({page: p.page, lines: readingOrder(p)}))
    const {created, ...meta} = await documentMeta(pdf)
    const firstPage = firstPageMeta(ordered[0]?.lines ?? [], body)
    if (isJunkTitle(meta.title)) meta.title = firstPage.title
    if (meta.authors.length === 0) meta.authors = firstPage.authors
    meta.date ??= firstPage.date ?? created
    return {format: 'pdf', meta, blocks: toBlocks(ordered, body, meta.title), warnings}
  } catch (error) {
    if (error instanceof ExtractError) throw error
    throw pdfError(error)
  } finally {
    await pdf.destroy().catch(() => undefined)
  }
}

function pdfError(error: unknown): ExtractError {
  const name = (error as {name?: string})?.name
  const message = error instanceof Error ? error.message : String(error)
  if (name === 'PasswordException') return new ExtractError('encrypted PDF: needs a password to open')
  if (name === 'InvalidPDFException') return new ExtractError(`corrupt PDF: ${message}`)
  return new ExtractError(`unreadable PDF: ${message}`)
}

function startsWith(bytes: Uint8Array, magic: string): boolean {
  // A few bytes of junk before the header are tolerated by readers; so are we.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024))
  return head.includes(magic)
}

interface RawItem {
  str?: string
  transform?: number[]
  width?: number
  height?: number
}

/** Text runs merged into fragments: same baseline, no gap wider than about two spaces' worth. */
function fragmentsOf(items: RawItem[], viewport: {height: number}): Fragment[] {
  const runs: Fragment[] = []
  for (const item of items) {
    if (typeof item.str !== 'string' || !item.transform) continue
    const [a, b, c, d, e, f] = item.transform
    // Rotated text (margin notes, stamps) is not body text.
    if (Math.abs(b) > 0.01 || Math.abs(c) > 0.01) continue
    const size = Math.abs(d) || Math.abs(a) || item.height || 10
    const text = item.str.replace(/\s+/g, ' ')
    if (text.trim() === '') continue
    // Page coordinates with y growing downwards, whatever the media box offset.
    const y = viewport.height - f
    runs.push({x0: e, x1: e + (item.width ?? 0), y, size, text})
  }
  runs.sort((p, q) => p.y - q.y || p.x0 - q.x0)
  const fragments: Fragment[] = []
  let line: Fragment[] = []
  const flush = () => {
    line.sort((p, q) => p.x0 - q.x0)
    let current: Fragment | undefined
    for (const run of line) {
      const gap = current ? run.x0 - current.x1 : 0
      if (current && gap < Math.max(current.size, run.size) * 1.5) {
        const join = gap > current.size * 0.12 && !/\s$/.test(current.text) && !/^\s/.test(run.text) ? ' ' : ''
        current.text += join + run.text
        current.x1 = Math.max(current.x1, run.x1)
        current.size = Math.max(current.size, run.size)
      } else {
        if (current) fragments.push(current)
        current = {...run}
      }
    }
    if (current) fragments.push(current)
    line = []
  }
  for (const run of runs) {
    if (line.length > 0 && Math.abs(run.y - line[0].y) > Math.min(run.size, line[0].size) * 0.4) flush()
    line.push(run)
  }
  flush()
  return fragments.map((f) => ({...f, text: cleanText(f.text)})).filter((f) => f.text !== '')
}

const PAGE_NUMBER = /^(?:(?:page|p\.|seite)\s*)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|\/|\|)\s*\d{1,4})?$/i

/**
 * Drops running heads and feet: a line in the top or bottom tenth of the page whose text, with
 * digits blanked, recurs on at least half the pages (and two); bare page numbers there; and,
 * for documents too short for repetition to show, a margin line in smaller type than the body
 * that does not end a sentence.
 */
function dropRunningLines(pages: PageText[], body: number): void {
  const inMargin = (f: Fragment, p: PageText) => f.y < p.height * 0.1 || f.y > p.height * 0.9
  const shape = (text: string) => text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim()
  const counts = new Map<string, number>()
  for (const p of pages) {
    const seen = new Set(p.fragments.filter((f) => inMargin(f, p)).map((f) => shape(f.text)))
    for (const s of seen) counts.set(s, (counts.get(s) ?? 0) + 1)
  }
  const need = Math.max(2, Math.ceil(pages.length / 2))
  for (const p of pages) {
    const furniture = (f: Fragment) =>
      PAGE_NUMBER.test(f.text) || (counts.get(shape(f.text)) ?? 0) >= need || (f.size < body * 0.9 && f.text.length < 100 && !/[.!?]$/.test(f.text))
    p.fragments = p.fragments.filter((f) => !(inMargin(f, p) && furniture(f)))
  }
}

/** The body text size: the size most characters are set in. */
function bodySize(pages: PageText[]): number {
  const bySize = new Map<number, number>()
  for (const p of pages) for (const f of p.fragments) bySize.set(Math.round(f.size * 2) / 2, (bySize.get(Math.round(f.size * 2) / 2) ?? 0) + f.text.length)
  let best = 10
  let most = -1
  for (const [size, n] of bySize) if (n > most) [best, most] = [size, n]
  return best
}

/** A line in reading order, with the column it belongs to (a change of column may end a paragraph). */
interface Line extends Fragment {
  column: 'full' | 'left' | 'right'
}

/**
 * Reading order of a page: top to bottom, except that where the page has two columns, each
 * band between full-width lines is read left column first, then right. A page has two
 * columns when two or more lines start at one x right of the middle and one ends left of it.
 */
function readingOrder(page: PageText): Line[] {
  const mid = page.width / 2
  const slack = page.width * 0.02
  const side = (f: Fragment): Line['column'] => (f.x1 <= mid + slack ? 'left' : f.x0 >= mid - slack ? 'right' : 'full')
  const sorted = [...page.fragments].sort((p, q) => p.y - q.y || p.x0 - q.x0)
  // Two columns: lines right of the gutter that start at one x (a column's left edge), and
  // lines left of it; a right-aligned date or page number alone does not make a column.
  const rightStarts = new Map<number, number>()
  for (const f of sorted) if (side(f) === 'right') rightStarts.set(Math.round(f.x0 / 3), (rightStarts.get(Math.round(f.x0 / 3)) ?? 0) + 1)
  const aligned = Math.max(0, ...rightStarts.values())
  const lefts = sorted.filter((f) => side(f) === 'left').length
  if (aligned < 2 || lefts < 1) return joinSameBaseline(sorted.map((f) => ({...f, column: 'full' as const})))
  const out: Line[] = []
  let left: Line[] = []
  let right: Line[] = []
  const closeBand = () => {
    out.push(...left, ...right)
    left = []
    right = []
  }
  for (const f of sorted) {
    const column = side(f)
    if (column === 'full') {
      closeBand()
      out.push({...f, column})
    } else (column === 'left' ? left : right).push({...f, column})
  }
  closeBand()
  return out
}

/** On a one-column page, fragments on one baseline (table cells, tab stops) make one line. */
function joinSameBaseline(lines: Line[]): Line[] {
  const out: Line[] = []
  for (const line of lines) {
    const last = out[out.length - 1]
    if (last && Math.abs(last.y - line.y) < Math.min(last.size, line.size) * 0.4) {
      last.text += ' ' + line.text
      last.x1 = line.x1
    } else out.push({...line})
  }
  return out
}

const SENTENCE_END = /[.!?:;…"”’)\]]$/

/**
 * Lines → paragraphs. A paragraph ends at a vertical gap wider than a line and a half, a change
 * of type size, or a heading; it runs on across a change of column or page when its last line
 * does not end a sentence and the next line starts in lower case. Headings (larger type, short)
 * become the `section` of what follows and are not prose; the title line(s) are skipped.
 */
function toBlocks(pages: Array<{page: number; lines: Line[]}>, body: number, title: string | undefined): ExtractedBlock[] {
  const blocks: ExtractedBlock[] = []
  const titleKey = title ? cleanText(title).toLowerCase() : undefined
  let section: string | undefined
  let current: ExtractedBlock | undefined
  let last: Line | undefined
  let lastPage = 0
  const isHeading = (l: Line) => l.size >= body * 1.15 && l.text.length <= 140
  const close = () => {
    if (current && current.text.trim() !== '') blocks.push(current)
    current = undefined
  }
  let heading: {text: string; size: number; y: number; page: number} | undefined
  for (const {page, lines} of pages) {
    for (const line of lines) {
      if (isHeading(line)) {
        close()
        // Consecutive lines of one heading are joined.
        if (heading && heading.page === page && Math.abs(heading.size - line.size) < 0.5 && line.y - heading.y < line.size * 2) {
          heading.text = joinLines(heading.text, line.text)
          heading.y = line.y
        } else heading = {text: line.text, size: line.size, y: line.y, page}
        const text = cleanText(heading.text)
        if (!titleKey || !titleKey.startsWith(text.toLowerCase())) section = text
        last = line
        lastPage = page
        continue
      }
      heading = undefined
      const newPage = page !== lastPage
      const sameFlow = last !== undefined && !isHeading(last) && Math.abs(last.size - line.size) < body * 0.15
      const continues =
        current !== undefined &&
        sameFlow &&
        (newPage || last!.column !== line.column
          ? !SENTENCE_END.test(current.text) && /^[\p{Ll}\d(]/u.test(line.text)
          : line.y - last!.y <= Math.max(last!.size, line.size) * 1.6)
      if (continues) {
        if (newPage) (current!.pageBreaks ??= []).push([current!.text.length, page])
        const joined = joinLines(current!.text, line.text)
        // A page break recorded at the old length stays right: joining only appends.
        current!.text = joined
      } else {
        close()
        current = {text: line.text, section, page}
      }
      last = line
      lastPage = page
    }
  }
  close()
  return blocks
    .map((b) => ({...b, text: cleanText(b.text)}))
    .filter((b) => b.text !== '' && (!titleKey || b.text.toLowerCase() !== titleKey) && !(b.page === 1 && isBylineOrDate(b.text)))
}

/** Joins two lines of a paragraph: a word hyphenated at the line end ("eco-" + "nomy") is mended. */
export function joinLines(a: string, b: string): string {
  if (/\p{L}-$/u.test(a) && /^\p{Ll}/u.test(b)) return a.slice(0, -1) + b
  if (/\u00ad$/.test(a)) return a.slice(0, -1) + b
  return `${a} ${b}`
}

async function documentMeta(pdf: {getMetadata(): Promise<{info: unknown; metadata: unknown}>}): Promise<FrontMatterMeta & {created?: string}> {
  const meta: FrontMatterMeta & {created?: string} = {authors: []}
  let info: Record<string, unknown> = {}
  let xmp: Record<string, unknown> = {}
  try {
    const data = await pdf.getMetadata()
    info = (data.info ?? {}) as Record<string, unknown>
    const all = (data.metadata as {getAll?: () => unknown} | null)?.getAll?.()
    if (all && typeof all === 'object') xmp = Object.fromEntries(Object.entries(all).map(([k, v]) => [k.toLowerCase(), v]))
  } catch {
    return meta
  }
  const str = (v: unknown): string | undefined => {
    if (typeof v === 'string') return cleanText(v) || undefined
    if (Array.isArray(v)) return str(v[0])
    if (v && typeof v === 'object') return str(Object.values(v)[0])
    return undefined
  }
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter((x): x is string => Boolean(x)) : str(v) ? [str(v)!] : [])
  const titles = [str(xmp['dc:title']), str(info.Title)].filter((t) => !isJunkTitle(t))
  meta.title = titles[0]
  const creators = list(xmp['dc:creator'])
  const authors = creators.length > 0 ? creators : (str(info.Author)?.split(/\s*(?:;|\band\b|&)\s*/) ?? [])
  meta.authors = authors.map(naturalName).filter((a) => a !== '' && !/^(admin|user|owner|author|unknown)$/i.test(a))
  meta.date = isoDate(str(xmp['dc:date']))
  // Creation dates are when the file was made, often an export long after publication: they
  // come after a date printed on the first page (see extractPdf).
  meta.created = isoDate(str(xmp['xmp:createdate']) ?? str(info.CreationDate))
  return meta
}

/** Title (the largest type on page 1), a "By …" byline and a date line near the top of page 1. */
function firstPageMeta(lines: Line[], body: number): {title?: string; authors: string[]; date?: string} {
  const out: {title?: string; authors: string[]; date?: string} = {authors: []}
  if (lines.length === 0) return out
  const max = Math.max(...lines.map((l) => l.size))
  if (max >= body * 1.15) {
    const first = lines.findIndex((l) => l.size === max)
    let title = lines[first].text
    for (let i = first + 1; i < lines.length && lines[i].size === max; i++) title = joinLines(title, lines[i].text)
    out.title = cleanText(title)
  }
  for (const line of lines.slice(0, 12)) {
    const by = /^by\s+(.+)$/i.exec(line.text)
    if (by && out.authors.length === 0) out.authors = bylineNames(by[1])
    if (!out.date) {
      const dates = findDates(line.text)
      if (dates.length > 0 && line.text.length - dates[0].text.length < 30) out.date = dates[0].iso
    }
  }
  return out
}
