/**
 * What the scraped-page reader (scraped.ts) knows about single lines of a web page: the
 * boilerplate patterns and the tests that tell debris, headings, bylines and prose apart.
 * Split from scraped.ts to keep each file small; the same linear-time rules apply: every regex
 * is anchored or bounded and none nests quantifiers over overlapping classes.
 */
import {dropPrefix, type CleanLine, type Piece} from './scraped-links'
import {findDates} from './scraped-meta'
import type {ScrapedBlock} from './scraped'

// ----- lines ---------------------------------------------------------------------------------

export interface Line {
  index: number
  start: number
  end: number
  clean: CleanLine
  /** Where this line went: into a block, into metadata, or nowhere (dropped). */
  fate?: 'block' | 'meta'
}

/** A run of kept text: one line, or several lines joined (hard wrap, rejoined paragraph). */
export interface Unit {
  parts: Piece[][]
  lines: Line[]
  text: string
  kind: ScrapedBlock['kind']
  /** 0-based index of the first non-empty line of the page this unit starts at. */
  ordinal: number
  /** Index of the blank-line-separated block the unit starts in. */
  block: number
  start: number
  dropped?: boolean
}

export const SENTENCE_END = /[.!?…]["'”’»)\]]{0,3}$/u
export const HAS_LETTER = /\p{L}/u
export const HAS_ALNUM = /[\p{L}\p{N}]/u

export const norm = (t: string): string =>
  t.toLowerCase().replace(/[\s\u00a0]+/g, ' ').replace(/^[\s:|»›>•·–—-]+|[\s:|»›>•·–—-]+$/g, '')

/** Whole-line boilerplate (UI controls, share buttons), dropped wherever it stands. */
export const BOILERPLATE_LINES = new Set([
  'top', 'back to top', 'return to top', 'go to top', 'to top', 'skip to content', 'skip to main content',
  'skip navigation', 'skip to navigation', 'menu', 'main menu', 'open menu', 'close menu', 'navigation', 'toggle navigation',
  'search', 'home', 'print', 'print this page', 'email', 'e-mail', 'share', 'share this', 'share this article',
  'share this page', 'share this story', 'tweet', 'facebook', 'twitter', 'x', 'linkedin', 'whatsapp', 'reddit',
  'pinterest', 'telegram', 'copy link', 'copy url', 'link copied', 'advertisement', 'advertising', 'ad', 'sponsored',
  'sponsored content', 'continue reading', 'view more', 'show more', 'load more', 'see more', 'see all', 'view all',
  'click here', 'sign in', 'log in', 'login', 'log out', 'register', 'close', 'cookie settings', 'cookie policy',
  'accept', 'accept all', 'accept cookies', 'reject all', 'manage cookies', 'privacy policy', 'terms of use',
  'download', 'download pdf', 'pdf', 'listen', 'listen to this article', 'print article', 'email this',
  'save', 'save article', 'bookmark', 'follow', 'donate', 'support us', 'previous', 'next', 'previous article',
  'next article', 'older posts', 'newer posts', 'expand', 'collapse', 'loading', 'loading...', 'video', 'audio',
])

/** Lines introducing tags, sharing, citations, contacts, credits: dropped. Anchored, bounded. */
export const BOILERPLATE_PREFIX =
  /^(?:tags?|topics?|keywords?|filed\s{1,3}under|categor(?:y|ies)|posted\s{1,3}in|share(?:\s{1,3}this)?(?:\s{1,3}(?:article|story|post|page))?|corresponding\s{1,3}authors?|contact|e-?mail|media\s{1,3}contacts?|press\s{1,3}contacts?|photo(?:\s{1,3}credit)?|image(?:\s{1,3}credit)?|credit|photograph)\s{0,3}:/i
/** Citation boilerplate ("Suggested citation for this article: ..."), dropped at any length. */
export const CITATION_PREFIX =
  /^(?:suggested\s{1,3}citation(?:\s{1,3}for\s{1,3}this\s{1,3}(?:article|report|page|paper|brief))?|cite\s{1,3}this(?:\s{1,3}(?:article|page|report|paper|brief))?(?:\s{1,3}as)?|how\s{1,3}to\s{1,3}cite(?:\s{1,3}this(?:\s{1,3}(?:article|page|report|paper|brief))?)?|citation|recommended\s{1,3}citation|please\s{1,3}cite\s{1,3}(?:this|as))\s{0,3}:/i
export const COPYRIGHT = /^(?:©|\(c\)\s|copyright\b)|\ball rights reserved\b/i
export const COOKIES = /^(?:we|this\s{1,3}(?:site|website))\s{1,3}uses?\s{1,3}cookies\b|^by\s{1,3}(?:continuing|using)\s{1,3}(?:to\s{1,3}use\s{1,3})?(?:this|our)\s{1,3}(?:site|website)/i
export const READING_TIME = /^\d{1,3}\s{0,2}(?:min(?:ute)?s?)\.?(?:\s{1,3}read)?$/i
export const UI_LINE =
  /^(?:view|show|hide|download|print|open|close|expand|collapse|toggle)\s{1,3}(?:the\s{1,3})?(?:suggested\s{1,3})?(?:citation|author\s{1,3}affiliations?|pdf|full\s{1,3}(?:text|article|report)|article|references|comments|more|all|less|details|transcript|table|figure|image|gallery|map)s?$/i
export const BARE_URL = /^(?:https?:\/\/|www\.)\S{1,2048}$/i
export const AFFILIATION_SEGMENT = /^\d{1,2}\p{Lu}/u

/** Headings after which the rest of a page is navigation (related links, tags, comments). */
export const TERMINAL =
  /^(?:recommended(?:\s(?:for\syou|reading|articles|stories|content|posts))?|related(?:\s(?:articles?|posts?|stories|content|reading|links|coverage|topics|publications|research|analysis|news|items|resources|pages))?|read\s(?:more|next|also)|more\s(?:on\s(?:this|the)\s(?:topic|subject|issue)|from\s.{1,40}|in\s.{1,40}|like\sthis|stories|articles|to\sread|reading|analysis)|check\s(?:also|out)|see\salso|also\sread|you\s(?:may|might)\s(?:also\s)?(?:like|enjoy|be\sinterested\sin)|topics|tags|filed\sunder|categories|share(?:\s(?:this|on)(?:\s[a-z]{1,12})?)?|comments?|\d{1,5}\scomments?|leave\sa\s(?:comment|reply)|most\s(?:popular|read|viewed)|popular(?:\s(?:posts|stories|articles|now))?|trending(?:\snow)?|latest(?:\s(?:news|posts|stories|articles|analysis))?|further\sreading|explore\smore|newsletter|subscribe(?:\s[a-z]{1,12}){0,4}|sign\sup(?:\s[a-z]{1,12}){0,5}|follow\sus(?:\son\s[a-z]{1,12})?|keep\sreading|up\snext|what\sto\sread\snext)$/
export const ABOUT_AUTHOR = /^(?:about\s(?:the\s)?(?:authors?|contributors?|experts?|writers?)|author\sbio(?:graph(?:y|ies))?|authors?|the\sauthors?|contributors?|biograph(?:y|ies))$/
export const ALSO_AVAILABLE = /^(?:also\s{1,3}available\s{1,3}in|available\s{1,3}in|read\s{1,3}(?:this|it)\s{1,3}in|translations?|other\s{1,3}languages?|languages?)\b/i
export const REFERENCE_SECTION = /^(?:references?|bibliography|works\scited|sources?|notes|endnotes|footnotes|citations|literature(?:\scited)?|further\sreading)$/
/** Bio sentence: a capitalised name (1–5 words) followed by is/was/serves... Bounded repetition. */
export const BIO = /^(?:[\p{Lu}][\p{L}'’.-]{0,30}\s{1,3}){1,5}(?:is|was|serves|has\sbeen|holds|leads|directs|joined|teaches|writes|covers|heads|chairs|works)\b/u
export const ROLE =
  /\b(?:fellow|director|professor|editor|author|coauthor|co-author|researcher|analyst|journalist|correspondent|chair|president|founder|lecturer|scholar|expert|contributor|writer|reporter|member|head|manager|adviser|advisor|officer|scientist|economist|candidate|student|ambassador|minister|consultant|specialist|associate)\b/i

/** A byline: "by Jane Doe", "Written by", "Authors: ...". Kept for the metadata pass even when linked. */
export const BYLINE_START = /^(?:written\s{1,3}|words\s{1,3}|posted\s{1,3})?by\s|^authors?\s{0,3}:/i
export const LIST_MARKER = /^(?:[-–—•▪◦●○►▶■□◆◇❖➢✓*+]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s{1,4}/u
export const FOOTNOTE_MARKER = /^[*†‡§¶‖#]{1,5}\s{0,3}(?=\S)/u

// ----- classification helpers ------------------------------------------------------------------

export function words(t: string): string[] {
  return t.split(/\s+/).filter((w) => w.length > 0)
}

export const SMALL_WORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'on', 'in', 'at', 'to', 'for', 'from', 'by', 'with', 'as', 'vs', 'vs.', 'via', 'into', 'over', 'per', 'than', 'is', 'are', 'its', 'de', 'la', 'le', 'du', 'des', 'von', 'van', 'al', 'amid', 'after', 'before', 'about', 'up',
])

/** A standalone line that reads as a heading: short, no sentence punctuation, capitalised. */
export function headingLike(t: string): boolean {
  if (t.length === 0 || t.length > 150 || !HAS_LETTER.test(t)) return false
  if (!/^[\p{Lu}\p{N}"“'‘(]/u.test(t)) return false
  const ws = words(t)
  if (t.endsWith('?')) return ws.length <= 20
  if (t.length > 120 || ws.length > 14) return false
  if (/[.,;:!]$/.test(t) || /[.!]["”’]$/.test(t)) return false
  let upper = 0
  let lower = 0
  for (const ch of t) {
    if (/\p{Lu}/u.test(ch)) upper++
    else if (/\p{Ll}/u.test(ch)) lower++
  }
  if (upper >= 2 && upper >= 4 * lower) return true
  let sig = 0
  let caps = 0
  for (const w of ws) {
    if (SMALL_WORDS.has(w.toLowerCase())) continue
    sig++
    if (/^["“'‘(]?[\p{Lu}\p{N}]/u.test(w)) caps++
  }
  if (sig > 0 && caps >= 0.6 * sig) return true
  return ws.length <= 6
}

/** A paragraph of running prose (not a label, caption fragment or masthead line). */
export function isProse(u: Unit): boolean {
  if (u.kind !== 'paragraph') return false
  const n = words(u.text).length
  return (n >= 8 && SENTENCE_END.test(u.text)) || u.text.length >= 150
}

export function startsLower(t: string): boolean {
  return /^\p{Ll}/u.test(t)
}

/** Why a line is debris on its own, or undefined when it may be content. */
export function lineDebris(c: CleanLine): boolean {
  const t = c.text
  if (t.length === 0) return true
  if (!HAS_ALNUM.test(t)) return true // glyphs, bullets, rules: ❖ ◆ • ■ ► --- * * *
  if (c.hadLinks && !BYLINE_START.test(t)) {
    // Only links (nothing but punctuation outside them): navigation.
    if (c.linkAlnum === c.alnum && !(t.length > 200 && SENTENCE_END.test(t))) return true
    // Mostly link text in a short line that is not a sentence: a menu, a breadcrumb.
    if (c.linkAlnum >= 0.6 * c.alnum && t.length < 120 && !SENTENCE_END.test(t)) return true
  }
  const n = norm(t)
  if (BOILERPLATE_LINES.has(n)) return true
  if (CITATION_PREFIX.test(t)) return true
  if (t.length < 300 && (BOILERPLATE_PREFIX.test(t) || COPYRIGHT.test(t) || COOKIES.test(t))) return true
  if (READING_TIME.test(n) || UI_LINE.test(n)) return true
  if (BARE_URL.test(t.replace(/[.,;]$/, ''))) return true
  // Breadcrumbs and menus: "Home / Analysis / Energy", "News › World" (not a dated masthead).
  if (t.length < 150 && /\s[/>»›|]\s/.test(t) && !SENTENCE_END.test(t) && findDates(t).length === 0) {
    const segs = t.split(/\s[/>»›|]\s/)
    if (segs.length >= 2 && segs.every((seg) => words(seg).length <= 4)) return true
  }
  // Affiliation lists: "1University of X, City; 2Institute of Y, City".
  if (t.includes(';')) {
    const segs = t.split(';').map((s) => s.trim()).filter((s) => s.length > 0)
    if (segs.length >= 2) {
      let aff = 0
      for (const s of segs) if (AFFILIATION_SEGMENT.test(s)) aff++
      if (aff >= 0.6 * segs.length) return true
    }
  }
  return false
}

export function joinText(parts: Piece[][], original: string): string {
  return parts.map((p) => p.map((x) => original.slice(x.start, x.end)).join('')).join(' ')
}

export function unitOf(lines: Line[], parts: Piece[][], kind: Unit['kind'], ordinal: number, original: string, block: number): Unit {
  return {parts, lines, text: joinText(parts, original), kind, ordinal, block, start: parts[0][0].start}
}

/**
 * A bibliography entry: "Surname AB, ..." or "Surname, A." with a year, or a DOI, "et al.",
 * "Accessed", a URL. Captions ("Table 2.", "Figure 1.") are not.
 */
export function looksLikeReference(t: string): boolean {
  if (/^(?:table|figure|fig\.|chart|box|exhibit|map)\b/i.test(t)) return false
  const year = /\b(?:1[89]|20)\d\d\b/.test(t)
  const authorStart = /^\p{Lu}[\p{L}'’-]{1,40},?\s{1,3}(?:\p{Lu}{1,3}\b|\p{Lu}\.)/u.test(t)
  const cues = /\bet al\.|\bdoi\b|\baccessed\b|https?:\/\/|\b\d{1,4}\(\d{1,4}\):|;\s{0,2}\d{1,4}:/i.test(t)
  return year && (authorStart || cues)
}

/** Strips a list or footnote marker; returns the unit kind and pieces. */
export function withMarker(c: CleanLine): {kind: Unit['kind']; pieces: Piece[]} | undefined {
  const m = LIST_MARKER.exec(c.text) ?? FOOTNOTE_MARKER.exec(c.text)
  if (!m || m[0].length >= c.text.length) return undefined
  return {kind: 'list-item', pieces: dropPrefix(c.pieces, m[0].length)}
}

export function piecesText(pieces: Piece[], original: string): string {
  return pieces.map((p) => original.slice(p.start, p.end)).join('')
}

// ----- the parser ------------------------------------------------------------------------------
