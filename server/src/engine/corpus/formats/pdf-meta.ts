import type {FrontMatterMeta} from '../frontmatter'
import {bylineNames, findDates} from '../scraped-meta'
import type {Fragment} from './pdf-layout'
import {joinLines} from './pdf-text'
import {isOrganisation} from '../keys'
import {cleanText, isJunkTitle, isoDate, naturalName} from './text'

/**
 * PDF metadata (issues #9, #19): XMP and the document info, repaired — authors without URLs,
 * producer tags or user ids, in the order written; a report number before the title dropped —
 * then page 1 (largest type not repeated on other pages as a running head; a byline; a printed
 * date, which beats the file's creation date) and author lines ("Name, Specialist in …").
 */

/** Document-info and XMP fields, with the file's creation date kept apart (the weakest date). */
export async function documentMeta(pdf: {getMetadata(): Promise<{info: unknown; metadata: unknown}>}): Promise<FrontMatterMeta & {created?: string; rawAuthor?: string}> {
  const meta: FrontMatterMeta & {created?: string; rawAuthor?: string} = {authors: []}
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
  meta.rawAuthor = creators[0] ?? str(info.Author)
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

/** Page-1 cues for the title: lines that are running heads, and section labels of the masthead. */
export interface TitleCues {
  /** The line recurs in the margins of later pages as a whole line (a running head). */
  repeated: (line: Fragment) => boolean
  /** The text recurs inside longer margin lines of later pages: a section label ("Notices"). */
  masthead: (text: string) => boolean
}

/** A printed byline: "By …", or the speaker of a testimony ("Statement of …", "Testimony of …"). */
const BYLINE = /^(?:by|(?:prepared )?statement of|testimony of)\s+(.+)$/i
/** A labelled preamble field naming the issuing body (a regulatory notice's "AGENCY: …"). */
const AGENCY_FIELD = /^(?:agency|agencies|issued by|prepared by):\s*(.*)$/i
/** Any labelled preamble field ("ACTION:", "SUMMARY:"): ends the one before it. */
const FIELD = /^[A-Z][A-Z ]{2,30}:/

/**
 * Title (largest type on page 1 that is neither a running head, a masthead section label nor a
 * table's header row; a line of the title block that is only a date is the date), byline and
 * printed date of page 1. `fragments` are page 1's runs before they were joined into block
 * lines: a header row is several runs apart on one baseline.
 */
export function firstPageMeta(lines: Fragment[], body: number, cues: TitleCues, fragments: Fragment[] = []): {title?: string; authors: string[]; date?: string} {
  const out: {title?: string; authors: string[]; date?: string} = {authors: []}
  // A cell of a table's header row: other runs of its type size sit beside it (not above or
  // below, as a title's lines do) within a line and a half.
  const headerRow = (l: Fragment) =>
    fragments.some((f) => Math.abs(f.size - l.size) < 0.5 && Math.abs(f.y - l.y) < l.size * 1.5 && (f.x1 < l.x0 || f.x0 > l.x1))
  const candidates = lines.filter((l) => !cues.repeated(l) && /\p{L}{3}/u.test(l.text) && !cues.masthead(l.text) && !headerRow(l))
  const max = candidates.length > 0 ? Math.max(...candidates.map((l) => l.size)) : 0
  if (max >= body * 1.15) {
    const first = lines.indexOf(candidates.find((l) => l.size === max)!)
    let title = lines[first].text
    for (let i = first + 1; i < lines.length && Math.abs(lines[i].size - max) < 0.5; i++) {
      // "November - 2015" under a report's name is its period, not part of the name.
      const date = onlyDate(lines[i].text)
      if (date) {
        out.date ??= date
        break
      }
      title = joinLines(title, lines[i].text)
    }
    out.title = cleanText(title)
  }
  const preamble = preambleMeta(lines)
  out.title ??= preamble.title
  out.authors = preamble.authors
  // The byline is within the cover's first lines (a testimony's cover prints the hearing first).
  for (const [i, line] of lines.slice(0, 30).entries()) {
    const by = BYLINE.exec(line.text)
    // A testimony's speaker line goes on with titles ("Jane Doe, Esq., Counsel"): people only.
    if (by && out.authors.length === 0) out.authors = bylineNames(by[1]).filter((n) => /^by/i.test(line.text) || PERSON.test(n))
    if (!out.date && i < 15) {
      const dates = findDates(line.text)
      if (dates.length > 0 && line.text.length - dates[0].text.length < 30) out.date = dates[0].iso
    }
  }
  return out
}

/** A line that is nothing but a date ("March 2021", "November - 2015"): its ISO form. */
function onlyDate(text: string): string | undefined {
  const tidy = text.replace(/(\p{L})\s*[-–—/]\s*(\d{4})\s*$/u, '$1 $2').trim()
  const date = findDates(tidy)[0]
  return date && tidy.length - date.text.length <= 2 ? date.iso : undefined
}

/**
 * A regulatory preamble's labelled fields: the heading just above the first "AGENCY:" field
 * (lines back to a gap wider than the line spacing) is the title, the field names the author
 * ("Federal Aviation Administration (FAA), DOT." → the body before its acronym and parent).
 */
function preambleMeta(lines: Fragment[]): {title?: string; authors: string[]} {
  const at = lines.findIndex((l) => AGENCY_FIELD.test(l.text))
  if (at < 0) return {authors: []}
  let field = AGENCY_FIELD.exec(lines[at].text)![1]
  for (let i = at + 1; i < lines.length && i < at + 4 && !FIELD.test(lines[i].text); i++) field = joinLines(field, lines[i].text)
  const agency = cleanText(field.split(/[,;]/)[0].replace(/\([^)]*\)/g, ' ').replace(/[.\s]+$/, ''))
  // The heading ends a little above the field; its own lines are set at line spacing.
  const gap = (i: number) => lines[i].y - lines[i - 1].y
  let start = at > 0 && gap(at) > 0 && gap(at) <= lines[at].size * 3 ? at - 1 : at
  while (start > 0 && start > at - 4 && gap(start) > 0 && gap(start) <= lines[start].size * 1.5) start--
  const title = start < at ? cleanText(lines.slice(start, at).reduce((t, l) => joinLines(t, l.text), '')) : undefined
  return {title: title && /\p{L}{3}/u.test(title) ? title : undefined, authors: agency ? [agency] : []}
}

/**
 * Authors named by role lines, in reading order: "Name, Specialist in …" on one line, or a
 * name with a role line set just below it at the same left edge — which also reads an author
 * block set as columns side by side ("Jane Doe    John Roe" over "Analyst    Attorney"), so
 * `fragments` are runs before they are joined into lines.
 */
export function roleLineAuthors(fragments: Fragment[]): string[] {
  const names: string[] = []
  const sorted = [...fragments].sort((p, q) => p.y - q.y || p.x0 - q.x0)
  for (let i = 0; i < sorted.length; i++) {
    const f = sorted[i]
    const comma = /^([^,]{4,60}),\s+(.{4,100})$/.exec(f.text)
    let name: string | undefined
    if (comma && PERSON.test(comma[1]) && ROLE.test(comma[2])) name = comma[1]
    else if (PERSON.test(f.text)) {
      const below = sorted.slice(i + 1, i + 12).find((g) => g.y > f.y + f.size * 0.5 && g.y - f.y < f.size * 2.2 && Math.abs(g.x0 - f.x0) < f.size)
      if (below && ROLE.test(below.text) && below.text.length < 60) name = f.text
    }
    if (name && !names.includes(name)) names.push(name)
  }
  return names.slice(0, 12)
}

/**
 * The printed form of a shortened document-info title: the first page-1 line (of the first
 * ten) holding all the title's words in order with a few more ("National Weekly Ag Energy
 * Round-Up" for "National Ag Energy"). File titles are often cut; readers cite the printed one.
 */
export function printedTitle(title: string, lines: Fragment[]): string | undefined {
  const words = (t: string) => t.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean)
  const want = words(title)
  if (want.length === 0) return undefined
  for (const line of lines.slice(0, 10)) {
    const have = words(line.text)
    if (have.length <= want.length || have.length > want.length * 3) continue
    let i = 0
    for (const w of have) if (w === want[i]) i++
    if (i === want.length && have[0] === want[0]) return line.text
  }
  return undefined
}

/**
 * A document-info author given as an abbreviation ("LGMN, City, ST"), spelled out from a body
 * named at the top of page 1 whose word initials hold its letters in order, the first letter
 * starting a word (the Schwartz–Hearst test for an abbreviation's long form).
 */
export function spelledOutAuthor(raw: string | undefined, fragments: Fragment[], height: number): string | undefined {
  const abbr = /^\s*([A-Z]{2,8})\b/.exec(raw ?? '')?.[1]
  if (!abbr) return undefined
  for (const f of fragments) {
    if (f.y > height * 0.15 || !isOrganisation(f.text)) continue
    const initials = f.text.split(/[\s,&/-]+/).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0])
    const start = initials.indexOf(abbr[0])
    if (start < 0) continue
    let i = 0
    for (const c of initials.slice(start)) if (c === abbr[i]) i++
    if (i === abbr.length) return cleanText(f.text)
  }
  return undefined
}

export {isoDate}
