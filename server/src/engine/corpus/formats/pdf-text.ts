import type {Fragment} from './pdf-layout'

/** One page's fragments with its size, as the page-level passes see it. */
export interface PageText {
  page: number
  width: number
  height: number
  fragments: Fragment[]
}

/** Joins two lines of a paragraph: a word hyphenated at the line end ("eco-" + "nomy") is mended. */
export function joinLines(a: string, b: string): string {
  if (/\p{L}-$/u.test(a) && /^\p{Ll}/u.test(b)) return a.slice(0, -1) + b
  if (/\u00ad$/.test(a)) return a.slice(0, -1) + b
  return `${a} ${b}`
}

const PAGE_NUMBER = /^(?:(?:page|p\.|seite)\s*)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|\/|\|)\s*\d{1,4})?$/i

/**
 * Drops running heads and feet: a line in the top or bottom tenth of the page whose text, with
 * digits blanked, recurs on at least half the pages (and two); bare page numbers there; and,
 * for documents too short for repetition to show (under three pages), a margin line in smaller type than the body
 * that does not end a sentence.
 */
export function dropRunningLines(pages: PageText[], body: number): void {
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
      PAGE_NUMBER.test(f.text) || (counts.get(shape(f.text)) ?? 0) >= need || (pages.length < 3 && f.size < body * 0.9 && f.text.length < 100 && !/[.!?]$/.test(f.text) && !f.marker)
    p.fragments = p.fragments.filter((f) => !(inMargin(f, p) && furniture(f)))
  }
}

/** The body text size: the size most characters are set in. */
export function bodySize(pages: PageText[]): number {
  const bySize = new Map<number, number>()
  for (const p of pages) for (const f of p.fragments) bySize.set(Math.round(f.size * 2) / 2, (bySize.get(Math.round(f.size * 2) / 2) ?? 0) + f.text.length)
  let best = 10
  let most = -1
  for (const [size, n] of bySize) if (n > most) [best, most] = [size, n]
  return best
}
