import {findDates, isDateLine} from '../scraped-meta'
import {cleanText} from './text'

/** Elements of a page examined for its dateline at most (pages hold 1,000–20,000; see MAX_DOM_NODES). */
const MAX_ELEMENTS = 60_000
/** Text elements before the headline that may hold its dateline (a dateline set above the h1). */
const BEFORE_HEADLINE = 8
/** Longer text, or more words, is prose, not a dateline (`isDateLine` allows three words besides labels). */
const MAX_DATELINE_CHARS = 120
const MAX_DATELINE_WORDS = 12
/** Text elements after the headline that may hold its dateline (byline, source, then the date). */
const AFTER_HEADLINE = 30

interface DateElement {
  tagName: string
  textContent: string | null
  childNodes: ArrayLike<{nodeType: number; textContent: string | null}>
}

interface ElementRoot {
  querySelectorAll(selector: string): ArrayLike<unknown>
}

/**
 * The date printed beside a page's headline, for pages whose head names no publication date
 * (issue #19: a column's "March 13, 2015" under its byline, a dateline "Sunday, Feb 1, 2015
 * 11:57 AM UTC" set above the h1). The headline is the h1 that holds the page's title (a site's
 * logo is often the first h1), else the first h1. The date is in the nearest element to it whose
 * own text is only a date and label words (`isDateLine`), within a few text elements and before
 * any prose: dates further away belong to captions, related stories and comments.
 */
export function headlineDate(doc: ElementRoot, title: string | undefined): string | undefined {
  const all = Array.from(doc.querySelectorAll('body *') as ArrayLike<DateElement>).slice(0, MAX_ELEMENTS)
  const texts: Array<{text: string}> = []
  const wanted = cleanText(title ?? '').toLowerCase()
  let headline = -1
  let titled = false
  for (const el of all) {
    const tag = el.tagName.toLowerCase()
    if (tag === 'script' || tag === 'style' || tag === 'noscript' || tag === 'template') continue
    if (tag === 'h1' && !titled) {
      const holdsTitle = wanted !== '' && cleanText(el.textContent ?? '').toLowerCase().includes(wanted)
      if (headline === -1 || holdsTitle) {
        headline = texts.length
        titled = holdsTitle
      }
      texts.push({text: ''})
    }
    let own = ''
    for (let i = 0; i < el.childNodes.length; i++) if (el.childNodes[i].nodeType === 3) own += el.childNodes[i].textContent ?? ''
    own = cleanText(own)
    if (own) texts.push({text: own})
  }
  if (headline === -1) return undefined
  // Outwards from the headline, nearest first (after before before at the same distance); a
  // direction ends at the first prose (a text longer than a dateline): past the article's first
  // paragraph, or above the headline's block, dates belong to other stories.
  let after = true
  let before = true
  for (let d = 1; d <= Math.max(AFTER_HEADLINE, BEFORE_HEADLINE) && (after || before); d++) {
    if (after && d <= AFTER_HEADLINE) {
      const found = dateOf(texts[headline + d]?.text)
      if (found === null) after = false
      else if (found) return found
    }
    if (before && d <= BEFORE_HEADLINE) {
      const found = dateOf(texts[headline - d]?.text)
      if (found === null) before = false
      else if (found) return found
    }
  }
  return undefined
}

/** The date of a dateline; null for prose or past the page's ends (the search stops there). */
function dateOf(text: string | undefined): string | undefined | null {
  if (text === undefined || text.length > MAX_DATELINE_CHARS || text.split(' ').length > MAX_DATELINE_WORDS) return null
  const dates = findDates(text)
  return isDateLine(text, dates) ? dates[0].iso : undefined
}
