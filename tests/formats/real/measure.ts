import {execFileSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {parsedSentences, parseSource} from '../../../server/src/engine/corpus/corpus'
import {documentSource, extractDocument} from '../../../server/src/engine/corpus/formats/index'

/**
 * Extraction measured on real documents (issue #19): what the corpus would index from a PDF,
 * compared with poppler's `pdftotext` (an independent reader of the same file) and with
 * hand-labelled metadata, footnotes and table cells (labels.json). Used by
 * tests/formats/real-docs.test.ts (floors) and scripts/real-docs/measure.ts (the table).
 */

export interface DocLabel {
  file: string
  publisher: string
  kind: string[]
  title: string | null
  authors: string[]
  date: string | null
  /** Opening words of footnote texts: never inside a body sentence. */
  notes?: string[]
  /** Table cells or chart labels: never a prose sentence of their own or inside one. */
  tables?: string[]
  /** Why a label was changed after it was first written (kept honest: see labels.json). */
  relabelled?: string
}

export interface PdfScore {
  file: string
  publisher: string
  /** Body sentences of six or more words. */
  sentences: number
  /** Of those, found word for word in pdftotext's text (whole, or in two pieces in order: see splitFound). */
  verbatim: number
  /** Of the verbatim ones, how many were found in two pieces (furniture between them in pdftotext). */
  acrossPages: number
  missing: string[]
  notes: number
  /** Labelled footnote texts found inside a body sentence. */
  notesLeaked: string[]
  /** Labelled table cells found in a body sentence; body sentences mostly made of numbers. */
  tablesLeaked: string[]
  numberSentences: string[]
  pagesSampled: number
  pagesWrong: string[]
  meta: {title: boolean; authors: boolean; date: boolean; got: {title?: string; authors: string[]; date?: string}}
}

/** Same text whatever the typography: NFKC (ligatures), straight quotes, one space, note markers off. */
export function normalise(text: string): string {
  return (
    text
      .normalize('NFKC')
      .replace(/[‘’‛′]/g, "'")
      .replace(/[“”‟″]/g, '"')
      .replace(/\u00ad/g, '')
      // A note marker glued to a word or a closing mark ("weapon.3 The") is typography, not text.
      .replace(/([\p{Ll}.,;:"')])\d{1,3}(?=\s|$)/gu, '$1')
      .replace(/\s+/g, ' ')
      .trim()
  )
}

/** pdftotext's text of a file, one string per page (it separates pages with form feeds). */
export function popplerPages(path: string): string[] {
  const out = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], {encoding: 'utf8', maxBuffer: 256 * 1024 * 1024})
  // Words hyphenated at a line end are mended the way the extractor mends them.
  return out.split('\f').map((page) => normalise(page.replace(/(\p{L})-\n(\p{Ll})/gu, '$1$2')))
}

const words = (s: string) => s.split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w))

/** The extractor's sentences, as the corpus indexes them, with the page each ends on. */
export async function extractSentences(path: string) {
  const doc = await extractDocument('pdf', new Uint8Array(readFileSync(path)))
  const {text, read} = documentSource(doc)
  const parsed = parseSource({path, text}, read)
  return {
    meta: doc.meta,
    sentences: parsedSentences(parsed).map((s) => ({...s, endPage: read.pageAt?.(Math.max(s.start, s.end - 1))})),
  }
}

const sameText = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? '').normalize('NFKC').replace(/[“”"]/g, '').replace(/\s+/g, ' ').trim().toLowerCase() === (b ?? '').normalize('NFKC').replace(/[“”"]/g, '').replace(/\s+/g, ' ').trim().toLowerCase()

export async function measurePdf(path: string, label: DocLabel): Promise<PdfScore> {
  const pages = popplerPages(path)
  const all = pages.join(' ')
  const {meta, sentences} = await extractSentences(path)
  const body = sentences.filter((s) => s.section !== 'Notes')
  const notes = sentences.filter((s) => s.section === 'Notes')
  const score: PdfScore = {
    file: label.file,
    publisher: label.publisher,
    sentences: 0,
    verbatim: 0,
    acrossPages: 0,
    missing: [],
    notes: notes.length,
    notesLeaked: [],
    tablesLeaked: [],
    numberSentences: [],
    pagesSampled: 0,
    pagesWrong: [],
    meta: {
      title: sameText(meta.title, label.title),
      authors: meta.authors.length === label.authors.length && meta.authors.every((a, i) => sameText(a, label.authors[i])),
      date: (meta.date ?? null) === label.date,
      got: {title: meta.title, authors: meta.authors, date: meta.date},
    },
  }
  let n = 0
  for (const s of body) {
    const text = normalise(s.text)
    const w = words(text)
    const letters = w.filter((x) => /\p{L}{2}/u.test(x)).length
    if (w.length >= 3 && letters / w.length < 0.5) score.numberSentences.push(s.text)
    if (w.length < 6) continue
    score.sentences++
    if (all.includes(text)) score.verbatim++
    else if (splitFound(text, all, s.endPage !== s.page)) {
      score.verbatim++
      score.acrossPages++
    } else score.missing.push(s.text)
    // Every fifth sentence: six words of its opening are on the page it is said to start on.
    // (Only sentences whose opening pdftotext has at all: a page is checked, not the order. Six
    // words from any of the first five places, since a run-in heading of up to four words set in
    // body type — "Comments Invited The FAA invites…", "Examining the AD Docket You may…" — is
    // read into its paragraph, while pdftotext may place it in another column's text.)
    const w6 = text.split(' ')
    const heads = [0, 1, 2, 3, 4].filter((i) => i === 0 || i + 6 <= w6.length).map((i) => w6.slice(i, i + 6).join(' '))
    if (s.page !== undefined && heads.some((h) => all.includes(h)) && n++ % 5 === 0) {
      score.pagesSampled++
      if (!heads.some((h) => (pages[s.page! - 1] ?? '').includes(h))) score.pagesWrong.push(`p.${s.page}: ${s.text.slice(0, 80)}`)
    }
  }
  const bodyText = body.map((s) => normalise(s.text))
  for (const note of label.notes ?? []) if (bodyText.some((t) => t.includes(normalise(note)))) score.notesLeaked.push(note)
  for (const cell of label.tables ?? []) if (bodyText.some((t) => t.includes(normalise(cell)))) score.tablesLeaked.push(cell)
  return score
}

/**
 * A sentence found in two pieces, in order: the head, then the tail a little later — pdftotext
 * puts page furniture (footers, page numbers, notes) between the halves of a sentence the
 * extractor joined across a column or page break. At most 400 characters between them, 3,000
 * across a page break.
 */
function splitFound(text: string, all: string, acrossPage: boolean): boolean {
  const w = text.split(' ')
  for (let i = 3; i <= w.length - 3; i++) {
    const head = w.slice(0, i).join(' ')
    const tail = w.slice(i).join(' ')
    for (let at = all.indexOf(head); at >= 0; at = all.indexOf(head, at + 1)) {
      const next = all.indexOf(tail, at + head.length)
      if (next >= 0 && next - (at + head.length) <= (acrossPage ? 3000 : 400)) return true
    }
  }
  return false
}

export function loadLabels(dir: string): DocLabel[] {
  return (JSON.parse(readFileSync(`${dir}/labels.json`, 'utf8')) as {documents: DocLabel[]}).documents
}
