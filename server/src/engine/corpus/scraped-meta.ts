import {MONTH_NUMBERS, MONTH_PATTERN} from '../text/months'

/**
 * Metadata found in the first lines of a scraped page: publication dates and author names.
 * Nothing here knows a publisher: dates are recognised by their shape, names by capitalisation,
 * academic degrees and affiliation marks.
 *
 * Regexes use bounded repetition (`\s{1,3}`, `\d{1,2}`) and alternations of literal words, never
 * a quantifier nested in another over overlapping classes, so each runs in linear time.
 */

const MONTHS: Record<string, number> = Object.fromEntries(MONTH_NUMBERS)
const MONTH = MONTH_PATTERN
const MDY = new RegExp(`\\b${MONTH}\\.?\\s{1,3}(\\d{1,2})(?:st|nd|rd|th)?,?\\s{1,3}(\\d{4})\\b`, 'gi')
const DMY = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s{1,3}(?:of\\s{1,3})?${MONTH}\\.?,?\\s{1,3}(\\d{4})\\b`, 'gi')
const ISO = /\b(\d{4})-(\d{2})-(\d{2})(?![\d-])/g
const MY = new RegExp(`\\b${MONTH}\\.?,?\\s{1,3}(\\d{4})\\b`, 'gi')
const SLASHED = /\b(\d{1,2})([/.])(\d{1,2})\2(\d{4})\b/g

export interface DateMatch {
  iso: string
  text: string
  index: number
}

const pad = (n: number): string => String(n).padStart(2, '0')

function valid(y: number, m: number, d?: number): boolean {
  if (y < 1800 || y > 2200 || m < 1 || m > 12) return false
  if (d === undefined) return true
  return d >= 1 && d <= 31
}

/** Every date in `text`, in order of position; overlapping shorter matches are dropped. */
export function findDates(text: string): DateMatch[] {
  const found: DateMatch[] = []
  const add = (index: number, len: number, y: number, m: number, d?: number): void => {
    if (!valid(y, m, d)) return
    found.push({index, text: text.slice(index, index + len), iso: d === undefined ? `${y}-${pad(m)}` : `${y}-${pad(m)}-${pad(d)}`})
  }
  // A quick filter: no digit run of 4 → no date; keeps the common case (body text) cheap.
  if (!/\d{4}/.test(text)) return found
  for (const m of text.matchAll(MDY)) add(m.index, m[0].length, +m[3], MONTHS[m[1].toLowerCase()], +m[2])
  for (const m of text.matchAll(DMY)) add(m.index, m[0].length, +m[3], MONTHS[m[2].toLowerCase()], +m[1])
  for (const m of text.matchAll(ISO)) add(m.index, m[0].length, +m[1], +m[2], +m[3])
  for (const m of text.matchAll(SLASHED)) {
    const a = +m[1]
    const b = +m[3]
    // `/` is read month/day unless the first part cannot be a month; `.` is day.month.
    if (m[2] === '.' || a > 12) add(m.index, m[0].length, +m[4], b, a)
    else add(m.index, m[0].length, +m[4], a, b)
  }
  for (const m of text.matchAll(MY)) add(m.index, m[0].length, +m[2], MONTHS[m[1].toLowerCase()])
  found.sort((x, y) => x.index - y.index || y.text.length - x.text.length)
  const out: DateMatch[] = []
  let covered = -1
  for (const f of found) {
    if (f.index < covered) continue
    out.push(f)
    covered = f.index + f.text.length
  }
  return out
}

export type DateRole = 'published' | 'updated' | 'plain'

const UPDATED_BEFORE = /\b(?:updated|modified|revised|edited)\b[^\p{L}\p{N}]{0,6}(?:on\s{1,3})?$/iu
const PUBLISHED_BEFORE = /\b(?:published|posted|released|issued|dated?|first\s{1,3}published)\b[^\p{L}\p{N}]{0,6}(?:on\s{1,3})?$/iu

/** Whether a date is labelled as a publication or an update date by the words before it. */
export function dateRole(text: string, index: number): DateRole {
  const before = text.slice(Math.max(0, index - 40), index)
  if (UPDATED_BEFORE.test(before)) return 'updated'
  if (PUBLISHED_BEFORE.test(before)) return 'published'
  return 'plain'
}

const LABEL_WORDS = new Set([
  'published', 'posted', 'released', 'issued', 'date', 'dated', 'updated', 'last', 'modified', 'revised',
  'edited', 'on', 'first', 'at', 'am', 'pm', 'a.m', 'p.m', 'edt', 'est', 'gmt', 'utc', 'bst', 'cet', 'pst', 'pdt',
])

/**
 * Whether a line is a date line (masthead) rather than a sentence that mentions a date: apart
 * from its dates and label words ("Published", "Updated"), it has at most three words.
 */
export function isDateLine(text: string, dates: DateMatch[]): boolean {
  if (dates.length === 0 || text.length > 120) return false
  let rest = ''
  let at = 0
  for (const d of dates) {
    rest += text.slice(at, d.index) + ' '
    at = d.index + d.text.length
  }
  rest += text.slice(at)
  let words = 0
  for (const w of rest.split(/[^\p{L}.]+/u)) {
    const bare = w.replace(/\.+$/, '').toLowerCase()
    if (!/\p{L}/u.test(bare) || LABEL_WORDS.has(bare)) continue
    words++
  }
  return words <= 3
}

// ----- names -------------------------------------------------------------------------------

/** Academic degrees and post-nominals that follow a name in author lines. */
const DEGREES = new Set([
  'phd', 'md', 'mph', 'mbbs', 'mha', 'drph', 'do', 'od', 'mmp', 'ms', 'msc', 'ma', 'ba', 'bs', 'bsc', 'rn', 'msn', 'bsn',
  'dvm', 'jd', 'mba', 'dds', 'dmd', 'pharmd', 'edd', 'mspH'.toLowerCase(), 'mpa', 'mpp', 'frcp', 'mrcp', 'frcpc', 'facp',
  'mbchb', 'mphil', 'dphil', 'llm', 'llb', 'meng', 'm eng', 'dsc', 'scd', 'np', 'pa', 'pa-c', 'aprn', 'cph', 'mcp',
  'mhs', 'msph', 'mscph', 'dnp', 'psyd', 'lcsw', 'mpharm', 'bpharm', 'ccrn', 'faan', 'mi', 'mpa-h', 'mbe', 'ms-hs',
])
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv'])
/** Lower-case particles allowed inside a name. */
export const PARTICLES = new Set([
  'van', 'von', 'de', 'der', 'den', 'del', 'della', 'di', 'da', 'du', 'dos', 'das', 'la', 'le', 'al', 'el', 'bin', 'ibn',
  'ben', 'ter', 'ten', 'st', 'y', 'e', 'zu', 'af', 'av',
])
/** Words that make a byline segment a job title or an organisation, not a person. */
const NOT_NAME = /\b(?:fellow|editor|editors|correspondent|reporter|director|professor|staff|writer|writers|contributor|contributors|analyst|senior|chief|associate|assistant|institute|university|center|centre|news|press|agency|team|department|office|foundation|council|group|desk|bureau|service|services|times|post|journal|daily|magazine|media|published|updated|minute|minutes|read|min)\b/i
/**
 * A name word: capitalised, may hold apostrophes, hyphens, initials' dots; or a nickname or
 * initials in parentheses ("Richard (R.J.) Eskow"), as bylines print them.
 */
const NAME_WORD = /^(?:\p{Lu}[\p{L}'’.-]*|\p{Lu}\.|\(\p{Lu}[\p{L}'’.-]*\))$/u
const HAS_LOWER = /\p{Ll}/u

function titleCaseWord(w: string): string {
  return w.toLowerCase().replace(/(^|[-'’\s])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase())
}

/**
 * Cleans one candidate name: drops affiliation marks (digits, `*†‡§¶`), degrees after commas,
 * title-cases an ALL-CAPS name. Returns undefined when the text does not look like a person.
 */
export function cleanName(raw: string): string | undefined {
  const parts = raw.split(',')
  let name = parts[0]
  name = name.replace(/[\d*†‡§¶]+$/u, '').replace(/\s+/g, ' ').trim()
  // "Jane Doe MD" without a comma.
  const words = name.split(' ').filter((w) => w.length > 0)
  while (words.length > 1 && DEGREES.has(words[words.length - 1].replace(/[.\d]/g, '').toLowerCase())) words.pop()
  while (words.length > 1 && SUFFIXES.has(words[words.length - 1].replace(/\./g, '').toLowerCase())) words.pop()
  if (words.length === 0 || words.length > 6) return undefined
  if (DEGREES.has(words.join(' ').toLowerCase().replace(/[.\d]/g, ''))) return undefined
  if (NOT_NAME.test(name)) return undefined
  const allCaps = !HAS_LOWER.test(name)
  const out: string[] = []
  let capitalised = 0
  for (const w of words) {
    if (PARTICLES.has(w.toLowerCase()) || /^(?:al|el)-/i.test(w)) {
      out.push(allCaps ? w.toLowerCase() : w)
      if (NAME_WORD.test(w)) capitalised++
      continue
    }
    if (!NAME_WORD.test(w)) return undefined
    capitalised++
    out.push(allCaps && w.length > 1 && !w.endsWith('.') ? titleCaseWord(w) : w)
  }
  if (capitalised === 0) return undefined
  // One bare word is a name only when it is not a stray initial.
  if (out.length === 1 && out[0].replace(/\./g, '').length < 2) return undefined
  return out.join(' ')
}

/**
 * Names of a byline ("by Jane Doe and John Roe", "By JANE DOE, JOHN ROE"): the text after "by"
 * up to a separator or a date, split on "and", "&", ",", ";". A job title after a name ends the
 * list: "By Jane Doe, Senior Staff Technologist, Speech, Privacy, and Technology Project" names
 * one person and then her role and unit, whose capitalised words are not more authors (issue #19).
 */
export function bylineNames(afterBy: string): string[] {
  let text = afterBy
  const cut = text.search(/\s[|•·]\s|\s[—–-]\s/)
  if (cut !== -1) text = text.slice(0, cut)
  const date = findDates(text)[0]
  if (date) text = text.slice(0, date.index)
  const out: string[] = []
  for (const seg of text.split(/\s*(?:[,;&]|\band\b)\s*/)) {
    if (seg.trim().length === 0) continue
    const name = cleanName(seg)
    if (name) out.push(name)
    else if (out.length > 0 && NOT_NAME.test(seg)) break
  }
  return out
}

/** `Jane Q. Doe1,2` / `Ann Lee, MPH3` / `Tom Roe, MD, PhD1,4*`: a name with affiliation marks. */
const AFFILIATED = /[\p{L}.][\d*†‡§¶][\d,*†‡§¶]{0,20}$/u

/**
 * Authors of an author-list line, e.g. `Jane Q. Doe1,2; John Roe3; Ann Lee, MPH3 (View author
 * affiliations)`. Returns undefined unless the line is mostly names with degrees or marks.
 */
export function authorListNames(line: string): string[] | undefined {
  let text = line.trim()
  // A trailing parenthetical ("(View author affiliations)", "(see notes)") is UI residue.
  if (text.endsWith(')')) {
    const open = text.lastIndexOf('(')
    if (open > 0 && /\p{L}/u.test(text.slice(open)) && !/\d/.test(text.slice(open))) text = text.slice(0, open).trim()
  }
  const segments = text.split(';').map((s) => s.trim()).filter((s) => s.length > 0)
  if (segments.length === 0) return undefined
  let marked = 0
  const names: string[] = []
  for (const seg of segments) {
    if (AFFILIATED.test(seg) || /,\s*[A-Z][A-Za-z]{1,6}\d*$/.test(seg)) marked++
    const name = cleanName(seg)
    if (name) names.push(name)
  }
  const enough = segments.length >= 2 ? names.length >= 0.6 * segments.length : names.length === 1 && marked === 1
  if (!enough || names.length === 0) return undefined
  // One affiliation mark or degree per list is what tells an author list from any `;` list.
  if (marked === 0) return undefined
  return names
}
