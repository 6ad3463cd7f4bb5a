import {bylineNames, findDates} from '../scraped-meta'

/** White space collapsed, no-break and zero-width spaces made plain, soft hyphens dropped. */
export function cleanText(text: string): string {
  return text
    .replace(/\u00ad/g, '')
    .replace(/[\u200b\u200c\u200d\ufeff]/g, '')
    .replace(/[\s\u00a0\u2007\u202f]+/g, ' ')
    .trim()
}

/**
 * A date as ISO ("2019-06-12", "2019-06" or "2019"): ISO timestamps, PDF dates
 * (`D:20190612…`), "June 12, 2019", "12 June 2019", "2019/06/12", a bare year.
 */
export function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined
  const text = value.trim()
  const pdf = /^D:(\d{4})(\d{2})?(\d{2})?/.exec(text)
  if (pdf) return [pdf[1], pdf[2], pdf[3]].filter(Boolean).join('-')
  const iso = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:$|[T\s])/.exec(text)
  if (iso) {
    const parts = [iso[1], iso[2]?.padStart(2, '0'), iso[3]?.padStart(2, '0')].filter(Boolean)
    return parts.join('-')
  }
  const found = findDates(text)[0]
  if (found) return found.iso
  const year = /\b(1[89]\d\d|2[01]\d\d)\b/.exec(text)
  return year?.[1]
}

/** "Doe, Jane" → "Jane Doe" (Highwire and Dublin Core write family names first). */
export function naturalName(name: string): string {
  const trimmed = cleanText(name)
  const m = /^([^,]+),\s*([^,]+)$/.exec(trimmed)
  if (m && !/^(jr|sr|ii|iii|iv)\.?$/i.test(m[2])) return `${m[2]} ${m[1]}`
  return trimmed
}

/** Titles that are file names or tool defaults, not a document's title. */
export function isJunkTitle(title: string | undefined): boolean {
  if (!title) return true
  const t = title.trim()
  return (
    t.length < 3 ||
    /^(untitled|no title|document\d*|title|slide \d+|new document)$/i.test(t) ||
    /^microsoft (word|powerpoint) - /i.test(t) ||
    /\.(docx?|pdf|indd|rtf|odt|pages|tex|html?)$/i.test(t)
  )
}

/**
 * A paragraph that only repeats the byline or the date ("By Jane Doe", "March 4, 2021",
 * "Published 3 June 2021"): front matter, not prose. "By 2030, …" is prose.
 */
export function isBylineOrDate(text: string): boolean {
  if (text.length > 90) return false
  const dates = findDates(text)
  const rest = dates.reduce((t, d) => t.replace(d.text, ''), text).replace(/\b(published|updated|posted|on|at)\b|[|•·,:–—-]/gi, '').trim()
  if (/^[Bb][Yy]\s+\p{Lu}/u.test(rest) && !/\d/.test(rest)) return bylineNames(rest.slice(3)).length > 0
  return dates.length > 0 && rest === ''
}
