import type {FrontMatterMeta} from '../frontmatter'
import {bylineNames, findDates} from '../scraped-meta'
import type {Fragment} from './pdf-layout'
import {joinLines} from './pdf-text'
import {cleanText, isJunkTitle, isoDate, naturalName} from './text'

/**
 * PDF metadata (issues #9, #19): XMP and the document info, repaired — authors without URLs,
 * producer tags or user ids, in the order written; a report number before the title dropped —
 * then page 1 (largest type not repeated on other pages as a running head; a byline; a printed
 * date, which beats the file's creation date) and author lines ("Name, Specialist in …").
 */

/** Document-info and XMP fields, with the file's creation date kept apart (the weakest date). */
export async function documentMeta(pdf: {getMetadata(): Promise<{info: unknown; metadata: unknown}>}): Promise<FrontMatterMeta & {created?: string}> {
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
    if (typeof v === 'string') return cleanText(v).slice(0, 1000) || undefined
    if (Array.isArray(v)) return str(v[0])
    if (v && typeof v === 'object') return str(Object.values(v)[0])
    return undefined
  }
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.slice(0, 50).map(str).filter((x): x is string => Boolean(x)) : str(v) ? [str(v)!] : [])
  const titles = [str(xmp['dc:title']), str(info.Title)].map((t) => (t ? stripReportNumber(t) : t)).filter((t) => !isJunkTitle(t))
  meta.title = titles[0]
  const creators = list(xmp['dc:creator'])
  meta.authors = cleanAuthors(creators.length > 1 ? creators : [creators[0] ?? str(info.Author) ?? ''])
  meta.date = isoDate(str(xmp['dc:date']))
  // Creation dates are when the file was made, often an export long after publication: they
  // come after a date printed on the first page (see extractPdf).
  meta.created = isoDate(str(xmp['xmp:createdate']) ?? str(info.CreationDate))
  return meta
}

/** "GAO-06-282, Breastfeeding: …" → "Breastfeeding: …": a report number is not part of a title. */
export function stripReportNumber(title: string): string {
  const stripped = title.replace(/^[A-Z]{2,8}[- ]\d[\dA-Z-]*[A-Z]?\s*[,:–—-]?\s+/, '')
  return stripped.length >= 8 ? stripped : title
}

/** Tool and account names that land in the Author field: not people or organisations. */
const NOT_AN_AUTHOR = /^(?:admin(?:istrator)?|user|owner|author|unknown|default|guest|staff|microsoft(?: office)? user|adobe.*|acrobat.*|pdf.*|word|office|windows user|\w+\.exe)$/i

/**
 * A document-info author cleaned: URLs, e-mail addresses and tool or account names dropped,
 * "Doe, Jane" turned round, a list ("A. Name, B. Name"; "A and B"; "A; B") split in its order.
 */
export function cleanAuthors(raw: string[]): string[] {
  const out: string[] = []
  for (const value of raw) {
    const text = cleanText(value.replace(/\b(?:https?:\/\/|www\.)\S+|\S+@\S+\.\w+/g, ' ')).replace(/^[,;\s]+|[,;\s]+$/g, '')
    if (!text) continue
    const parts = text.split(/\s*(?:;|\band\b|&)\s*/).filter(Boolean)
    for (const part of parts) {
      const pieces = part.split(/\s*,\s*/).filter(Boolean)
      // "Doe, Jane" is one name; "Karl E. Schneider, Alexander H. Pepper" is two.
      const names = pieces.length === 2 && pieces[0].split(' ').length === 1 ? [naturalName(part)] : pieces.every((p) => p.split(' ').length >= 2) ? pieces : [pieces[0]]
      for (const name of names) {
        const n = cleanText(name)
        // A user id: one token with digits, underscores or no vowel, or all lower case.
        if (!n || NOT_AN_AUTHOR.test(n) || (!n.includes(' ') && (/[\d_]/.test(n) || /^[a-z]+$/.test(n) || !/[aeiouy]/i.test(n)))) continue
        out.push(n)
      }
    }
  }
  return out
}

/** A line naming an author by role: "Jane Doe, Specialist in Energy Policy", "Legislative Attorney". */
const ROLE = /\b(?:specialist|analyst|attorney|economist|researcher|research (?:fellow|associate|manager)|fellow|professor|librarian|director|scientist|statistician|consultant|coordinator)\b/i
const PERSON = /^(?:[A-Z][a-z'’-]+|[A-Z]\.)(?: (?:[A-Z][a-z'’-]+|[A-Z]\.|van|von|de|del|da|le|la)){1,4}$/

/** Title (largest type on page 1 not repeated elsewhere), byline and printed date of page 1. */
export function firstPageMeta(lines: Fragment[], body: number, repeated: (line: Fragment) => boolean): {title?: string; authors: string[]; date?: string} {
  const out: {title?: string; authors: string[]; date?: string} = {authors: []}
  const candidates = lines.filter((l) => !repeated(l) && /\p{L}{3}/u.test(l.text))
  if (candidates.length === 0) return out
  const max = Math.max(...candidates.map((l) => l.size))
  if (max >= body * 1.15) {
    const first = lines.findIndex((l) => l.size === max && !repeated(l))
    let title = lines[first].text
    for (let i = first + 1; i < lines.length && Math.abs(lines[i].size - max) < 0.5; i++) title = joinLines(title, lines[i].text)
    out.title = cleanText(title)
  }
  for (const line of lines.slice(0, 15)) {
    const by = /^by\s+(.+)$/i.exec(line.text)
    if (by && out.authors.length === 0) out.authors = bylineNames(by[1])
    if (!out.date) {
      const dates = findDates(line.text)
      if (dates.length > 0 && line.text.length - dates[0].text.length < 30) out.date = dates[0].iso
    }
  }
  return out
}

/** Authors named by role lines ("Name, Specialist in …" or a name over a role line), in order. */
export function roleLineAuthors(lines: Fragment[]): string[] {
  const names: string[] = []
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].text
    const comma = /^([^,]{4,60}),\s+(.{4,100})$/.exec(text)
    let name: string | undefined
    if (comma && PERSON.test(comma[1]) && ROLE.test(comma[2])) name = comma[1]
    else if (PERSON.test(text) && ROLE.test(lines[i + 1]?.text ?? '') && (lines[i + 1]?.text.length ?? 99) < 60) name = text
    if (name && !names.includes(name)) names.push(name)
  }
  return names.slice(0, 12)
}

export {isoDate}
