import {MONTH_NAMES} from '../text/months'

/**
 * Citation keys and human-readable references for corpus sources.
 *
 * Keys follow the pandoc / Better BibTeX habit `family + year + first title word`
 * (`borshchevskaya2019what`), lower-case ASCII so they are easy to type after `[@`. Only the
 * articles a/an/the are skipped in titles: the product's own example keeps "what".
 */

export interface KeyMeta {
  authors: string[]
  title?: string
  date?: string
  /** An id stated in the source's front matter: used verbatim. */
  id?: string
}

export interface ReferenceMeta {
  authors: string[]
  title?: string
  publisher?: string
  date?: string
  url?: string
}

/** Lower-case particles that belong to the family name ("van Dyke", "de la Cruz"). */
const PARTICLES = new Set([
  'van', 'von', 'de', 'der', 'den', 'del', 'della', 'degli', 'di', 'da', 'du', 'dos', 'das', 'la', 'le', 'al', 'el',
  'bin', 'ibn', 'ben', 'ter', 'ten', 'st', 'st.', 'zu', 'af', 'av', 'op', "d'", 'lo',
])
const SUFFIXES = new Set(['jr', 'jr.', 'sr', 'sr.', 'ii', 'iii', 'iv', 'v'])
const ARTICLES = new Set(['a', 'an', 'the'])

/** Letters without an NFD decomposition, spelled out. */
const SPECIAL: Record<string, string> = {
  ß: 'ss', æ: 'ae', Æ: 'AE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', þ: 'th', Þ: 'Th', œ: 'oe', Œ: 'OE',
  ı: 'i', ð: 'd', Ð: 'D', ħ: 'h', ŋ: 'ng',
}

/** Lower-case ASCII letters and digits of `text`: diacritics folded (É → e), the rest dropped. */
export function asciiFold(text: string): string {
  return text
    .replace(/[ßæÆøØłŁđĐþÞœŒıðÐħŋ]/g, (c) => SPECIAL[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
}

/**
 * Family name of a personal name: "Jane Q. Doe" → "Doe", "Doe, Jane" → "Doe",
 * "Jane van Dyke" / "Jane Van Dyke" → "van Dyke" / "Van Dyke", "Ahmed al-Sharaa" → "al-Sharaa",
 * "John Smith Jr." → "Smith". A single word (an organisation, a mononym) is returned whole.
 */
export function familyName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ')
  if (trimmed.includes(',')) {
    const [family, rest] = trimmed.split(',', 2)
    // "Smith, Jr." is not "family, given".
    if (!SUFFIXES.has(rest.trim().toLowerCase())) return family.trim()
  }
  const words = trimmed.split(' ')
  while (words.length > 1 && SUFFIXES.has(words[words.length - 1].toLowerCase())) words.pop()
  if (words.length <= 1) return words[0] ?? ''
  // The last word, with the particles just before it (never the first word: "Van Morrison").
  let start = words.length - 1
  while (start - 1 >= 1 && PARTICLES.has(words[start - 1].toLowerCase())) start--
  return words.slice(start).join(' ')
}

function year(date: string | undefined): string {
  const m = /^(\d{4})/.exec(date?.trim() ?? '')
  return m ? m[1] : ''
}

function titleWords(title: string | undefined): string[] {
  if (!title) return []
  const out: string[] = []
  for (const raw of title.split(/\s+/)) {
    const w = asciiFold(raw)
    if (w.length === 0 || ARTICLES.has(w)) continue
    out.push(w)
  }
  return out
}

/**
 * A citation key for a source, unique within `taken` (which receives it). Front matter `id`
 * wins verbatim; else `family + year + first title word`; without authors the first three
 * title words and the year. Collisions get a, b, c... (then aa, ab...).
 */
export function citationKey(meta: KeyMeta, taken: Set<string>): string {
  const id = meta.id?.trim()
  if (id) {
    taken.add(id)
    return id
  }
  const family = meta.authors.length > 0 ? asciiFold(familyName(meta.authors[0])) : ''
  const words = titleWords(meta.title)
  let base: string
  if (family) base = family + year(meta.date) + (words[0] ?? '')
  else base = words.slice(0, 3).join('') + year(meta.date)
  if (!base) base = 'source'
  let key = base
  for (let n = 0; taken.has(key); n++) key = base + suffix(n)
  taken.add(key)
  return key
}

/** 0 → a, 25 → z, 26 → aa ... */
function suffix(n: number): string {
  let s = ''
  let k = n
  do {
    s = String.fromCharCode(97 + (k % 26)) + s
    k = Math.floor(k / 26) - 1
  } while (k >= 0)
  return s
}

/** "Borshchevskaya", "Smith and Jones", "Van Dyke et al." (family names). */
export function shortAuthor(authors: string[]): string {
  const names = authors.map((a) => familyName(a)).filter((a) => a.length > 0)
  if (names.length === 0) return ''
  if (names.length === 1) return names[0]
  if (names.length === 2) return `${names[0]} and ${names[1]}`
  return `${names[0]} et al.`
}


/** ISO `YYYY-MM-DD` → "June 12, 2019"; `YYYY-MM` → "June 2019"; anything else as given. */
export function formatDate(date: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date.trim())
  if (!m) return date.trim()
  const month = m[2] ? MONTH_NAMES[Number(m[2]) - 1] : undefined
  if (!month) return m[1]
  return m[3] ? `${month} ${Number(m[3])}, ${m[1]}` : `${month} ${m[1]}`
}

/**
 * A reference line in Chicago-like note style, with whatever is known:
 * `Anna Borshchevskaya, "What to Expect ...," The Washington Institute, June 12, 2019, https://...`.
 * Three or more authors become "First Author et al.".
 */
export function formatReference(meta: ReferenceMeta): string {
  const parts: string[] = []
  const authors = meta.authors.map((a) => a.trim()).filter((a) => a.length > 0)
  if (authors.length === 1) parts.push(authors[0])
  else if (authors.length === 2) parts.push(`${authors[0]} and ${authors[1]}`)
  else if (authors.length > 2) parts.push(`${authors[0]} et al.`)
  const rest: string[] = []
  if (meta.publisher?.trim()) rest.push(meta.publisher.trim())
  if (meta.date?.trim()) rest.push(formatDate(meta.date))
  if (meta.url?.trim()) rest.push(meta.url.trim())
  let out = parts.join(', ')
  const title = meta.title?.trim()
  if (title) {
    // The comma goes inside the closing quote, unless the title ends in ? or !.
    const ends = /[?!]$/.test(title)
    const quoted = rest.length > 0 ? (ends ? `"${title}"` : `"${title},"`) : `"${title}"`
    out = out ? `${out}, ${quoted}` : quoted
    if (rest.length > 0) out += ' ' + rest.join(', ')
  } else if (rest.length > 0) {
    out = out ? `${out}, ${rest.join(', ')}` : rest.join(', ')
  }
  return out
}
