import {NOTES_SECTION, toParagraphs, type PageBlocks} from './pdf-flow'
import {fragmentsOf, layoutBlocks, type RawItem} from './pdf-layout'
import {refuseInflationBomb} from './pdf-inflate'
import {tableBlocks} from './pdf-tables'
import {documentMeta, firstPageMeta, printedTitle, roleLineAuthors, spelledOutAuthor} from './pdf-meta'
import {bodySize, dropRunningLines, type PageText} from './pdf-text'
import {isOrganisation} from '../keys'
import {isJunkTitle} from './text'
import {ExtractError, type ExtractedDocument} from './types'

export {joinLines} from './pdf-text'
export {NOTES_SECTION}

/**
 * PDF sources (issues #9, #19): text with its page, in reading order, from pdf.js (through
 * unpdf, whose single-file build needs no worker and runs on Node 20; pinned to 1.4.0 because
 * later releases ask for Node 22). A pure function of the bytes, so it can run in a worker.
 * pdf-layout.ts rebuilds lines and orders each page's blocks (recursive XY-cut); pdf-text.ts
 * drops running heads and page numbers; pdf-flow.ts keeps notes apart, leaves tables and chart
 * labels out and joins paragraphs across breaks; pdf-meta.ts reads and repairs the metadata.
 */

/** Fewer non-space characters than this in the whole file: no text layer to speak of. */
const MIN_TEXT_CHARS = 20

/**
 * Pages read at most. The longest real reports run to about 1,500 pages; a forged page tree
 * with 20,000 kids (issue #13) would otherwise take half a minute of empty pages.
 */
export const MAX_PAGES = 2000

/**
 * Text items read per page at most. A dense page of 7-point tables split word by word holds
 * about 6,000; 150,000 tiny lines on one page (issue #13) are cut here, the rest of the page skipped.
 */
export const MAX_ITEMS_PER_PAGE = 20_000

/** Text items read in the whole file at most (about 40 dense pages' worth per 100 pages read). */
export const MAX_ITEMS = 400_000

export async function extractPdf(bytes: Uint8Array): Promise<ExtractedDocument> {
  if (!startsWith(bytes, '%PDF-')) {
    throw new ExtractError(bytes.length === 0 ? 'empty file, not a PDF' : 'not a PDF (no %PDF header)')
  }
  refuseInflationBomb(bytes)
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
    const warnings: string[] = []
    const pages: PageText[] = []
    const failed: string[] = []
    let items = 0
    const count = Math.min(pdf.numPages, MAX_PAGES)
    if (pdf.numPages > MAX_PAGES) warnings.push(`only the first ${MAX_PAGES} of ${pdf.numPages} pages are read (page cap)`)
    for (let n = 1; n <= count && items < MAX_ITEMS; n++) {
      try {
        const page = await pdf.getPage(n)
        const viewport = page.getViewport({scale: 1})
        const content = await page.getTextContent()
        let raw = content.items as RawItem[]
        if (raw.length > MAX_ITEMS_PER_PAGE) {
          warnings.push(`page ${n}: only the first ${MAX_ITEMS_PER_PAGE} of ${raw.length} text items are read (item cap)`)
          raw = raw.slice(0, MAX_ITEMS_PER_PAGE)
        }
        items += raw.length
        pages.push({page: n, width: viewport.width, height: viewport.height, fragments: fragmentsOf(raw, viewport.transform)})
        page.cleanup()
      } catch (error) {
        failed.push(`page ${n}: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
    if (items >= MAX_ITEMS && pages.length < count) warnings.push(`only the first ${pages.length} pages are read: the file's text items reached the cap of ${MAX_ITEMS}`)
    if (failed.length > 0) warnings.push(failed.length === 1 ? `${failed[0]} could not be read` : `${failed.length} pages could not be read (first: ${failed[0]})`)
    const chars = pages.reduce((sum, p) => sum + p.fragments.reduce((s, f) => s + f.text.replace(/\s/g, '').length, 0), 0)
    if (chars < MIN_TEXT_CHARS) {
      // A page that failed to decode is not a scan: say what went wrong.
      if (failed.length > 0) throw new ExtractError(`unreadable PDF: ${failed[0]}`)
      throw new ExtractError('scanned PDF: no text layer (no OCR)')
    }
    const empty = pages.filter((p) => p.fragments.length === 0).length
    if (empty > 0 && empty >= pages.length / 2) warnings.push(`${empty} of ${pages.length} pages have no text layer (scanned?); only the others are indexed`)

    const body = bodySize(pages)
    const repeated = repeatedLines(pages)
    dropRunningLines(pages, body)
    const laid: PageBlocks[] = pages.map((p) => {
      const blocks = layoutBlocks(p.fragments, body)
      return {page: p.page, height: p.height, blocks, tables: tableBlocks(blocks)}
    })
    const {created, rawAuthor, ...meta} = await documentMeta(pdf)
    const firstLines = laid[0]?.blocks.flatMap((b) => b.lines) ?? []
    // A running head on page 1 sits in its margin too; a title repeated as later pages' running
    // head (CRS In Focus) does not, and stays the title.
    const height = pages[0]?.height ?? 792
    const cues = {repeated: (l: {text: string; y: number}) => repeated.whole(l.text) && (l.y < height * 0.12 || l.y > height * 0.88), masthead: repeated.inside}
    const firstPage = firstPageMeta(firstLines, body, cues, pages[0]?.fragments)
    if (isJunkTitle(meta.title)) meta.title = firstPage.title
    else meta.title = printedTitle(meta.title!, firstLines) ?? meta.title
    // A file's author field often names the publishing body; a person printed on page 1 (a
    // byline, a testimony's speaker) is the author a reader cites.
    if (meta.authors.length === 0 || (meta.authors.every(isOrganisation) && firstPage.authors.some((a) => !isOrganisation(a)))) {
      meta.authors = firstPage.authors.length > 0 ? firstPage.authors : meta.authors
    }
    if (meta.authors.length === 0) {
      // Author lines by role: on the first pages or the last (where reports put them).
      meta.authors = roleLineAuthors([...pages.slice(0, 2), ...pages.slice(-1)].flatMap((p) => p.fragments))
    }
    const spelled = meta.authors.length === 0 ? spelledOutAuthor(rawAuthor, pages[0]?.fragments ?? [], height) : undefined
    if (spelled) meta.authors = [spelled]
    // A date printed in the title block ("Monthly Report" over "November - 2015") is the issue date.
    if (firstPage.date && (!meta.date || meta.date === created)) meta.date = firstPage.date
    meta.date ??= firstPage.date ?? created
    return {format: 'pdf', meta, blocks: toParagraphs(laid, body, meta.title), warnings}
  } catch (error) {
    if (error instanceof ExtractError) throw error
    throw pdfError(error)
  } finally {
    await pdf.destroy().catch(() => undefined)
  }
}

/**
 * Running heads of later pages: `whole` says a page-1 line recurs there as a whole line (never
 * the title), `inside` that a short page-1 text recurs inside longer margin lines on two pages
 * or more — a section label of a masthead ("Federal Register / Vol. … / Notices"), not a title.
 */
function repeatedLines(pages: PageText[]): {whole: (text: string) => boolean; inside: (text: string) => boolean} {
  const later = new Map<string, number>()
  const key = (t: string) => t.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim()
  const margins: string[][] = []
  // Only the margins count, on two pages or more: a report may repeat its title once, at the
  // top of its summary page.
  for (const p of pages.slice(1, 6)) {
    const seen = new Set(p.fragments.filter((f) => f.y < p.height * 0.12 || f.y > p.height * 0.88).map((f) => key(f.text)))
    for (const k of seen) later.set(k, (later.get(k) ?? 0) + 1)
    margins.push([...seen])
  }
  return {
    whole: (text) => (later.get(key(text)) ?? 0) >= 2,
    inside: (text) => {
      const k = key(text)
      if (k.length < 4 || k.split(' ').length > 4) return false
      const within = new RegExp(`(?:^|[^\\p{L}])${k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:$|[^\\p{L}])`, 'u')
      return margins.filter((lines) => lines.some((m) => m.length >= k.length * 2 && within.test(m))).length >= 2
    },
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
