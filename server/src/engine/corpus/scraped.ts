/**
 * Cleans a web-scraped plain-text page (a source brief copied or converted from HTML) into prose
 * blocks that keep exact offsets back to the file, plus its title, authors and date.
 *
 * Web pages from any publisher carry the same kinds of debris: navigation and link residue,
 * bylines, date lines, "Also available in" switches, author bios, labels, "Recommended" and
 * "Topics" link lists at the end, share buttons. The rules below recognise them by structure
 * (link share of a line, line length, capitalisation, sentence punctuation, position in the
 * page) and by boilerplate headings in general web use, never by a particular site's wording.
 *
 * Cost: one pass to split lines, one linear scan per line (scraped-links.ts), then passes over
 * the much shorter list of blocks. Regexes are anchored or bounded and never nest quantifiers
 * over overlapping classes, so the whole parse is linear in the input.
 */
import {OffsetMap} from '../text/offset-map'
import {cleanLine, dropPrefix, type CleanLine, type Piece} from './scraped-links'
import {authorListNames, bylineNames, dateRole, findDates, isDateLine, type DateMatch, type DateRole} from './scraped-meta'

export interface ScrapedBlock {
  /** Cleaned text: link residue removed, hard-wrapped lines joined by one space. */
  text: string
  /** Maps every offset of `text` to the original file (UTF-16 offsets). */
  map: OffsetMap
  /**
   * `paragraph`: prose. `heading`: a section heading (not prose). `list-item`: a bulleted line,
   * a footnote or a reference-list entry, marker removed. `table-row`: one row of a table
   * flattened to text (cells separated by tabs); figures, not sentences.
   */
  kind: 'paragraph' | 'heading' | 'list-item' | 'table-row'
  /** Text of the nearest preceding heading (for a heading: the heading itself). */
  section?: string
  /** Original offsets spanned by the block. */
  start: number
  end: number
}

export interface ScrapedDocument {
  title?: string
  /** Original offsets of the title line. */
  titleSpan?: {start: number; end: number}
  authors: string[]
  /** ISO `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  date?: string
  /** The date as written in the file. */
  dateText?: string
  blocks: ScrapedBlock[]
  /** Non-empty lines dropped as debris (metadata lines such as the title are not counted). */
  dropped: number
}

// ----- lines ---------------------------------------------------------------------------------

interface Line {
  index: number
  start: number
  end: number
  clean: CleanLine
  /** Where this line went: into a block, into metadata, or nowhere (dropped). */
  fate?: 'block' | 'meta'
}

/** A run of kept text: one line, or several lines joined (hard wrap, rejoined paragraph). */
interface Unit {
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

const SENTENCE_END = /[.!?…]["'”’»)\]]{0,3}$/u
const HAS_LETTER = /\p{L}/u
const HAS_ALNUM = /[\p{L}\p{N}]/u

const norm = (t: string): string =>
  t.toLowerCase().replace(/[\s\u00a0]+/g, ' ').replace(/^[\s:|»›>•·–—-]+|[\s:|»›>•·–—-]+$/g, '')

/** Whole-line boilerplate (UI controls, share buttons), dropped wherever it stands. */
const BOILERPLATE_LINES = new Set([
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
const BOILERPLATE_PREFIX =
  /^(?:tags?|topics?|keywords?|filed\s{1,3}under|categor(?:y|ies)|posted\s{1,3}in|share(?:\s{1,3}this)?(?:\s{1,3}(?:article|story|post|page))?|corresponding\s{1,3}authors?|contact|e-?mail|media\s{1,3}contacts?|press\s{1,3}contacts?|photo(?:\s{1,3}credit)?|image(?:\s{1,3}credit)?|credit|photograph)\s{0,3}:/i
/** Citation boilerplate ("Suggested citation for this article: ..."), dropped at any length. */
const CITATION_PREFIX =
  /^(?:suggested\s{1,3}citation(?:\s{1,3}for\s{1,3}this\s{1,3}(?:article|report|page|paper|brief))?|cite\s{1,3}this(?:\s{1,3}(?:article|page|report|paper|brief))?(?:\s{1,3}as)?|how\s{1,3}to\s{1,3}cite(?:\s{1,3}this(?:\s{1,3}(?:article|page|report|paper|brief))?)?|citation|recommended\s{1,3}citation|please\s{1,3}cite\s{1,3}(?:this|as))\s{0,3}:/i
const COPYRIGHT = /^(?:©|\(c\)\s|copyright\b)|\ball rights reserved\b/i
const COOKIES = /^(?:we|this\s{1,3}(?:site|website))\s{1,3}uses?\s{1,3}cookies\b|^by\s{1,3}(?:continuing|using)\s{1,3}(?:to\s{1,3}use\s{1,3})?(?:this|our)\s{1,3}(?:site|website)/i
const READING_TIME = /^\d{1,3}\s{0,2}(?:min(?:ute)?s?)\.?(?:\s{1,3}read)?$/i
const UI_LINE =
  /^(?:view|show|hide|download|print|open|close|expand|collapse|toggle)\s{1,3}(?:the\s{1,3})?(?:suggested\s{1,3})?(?:citation|author\s{1,3}affiliations?|pdf|full\s{1,3}(?:text|article|report)|article|references|comments|more|all|less|details|transcript|table|figure|image|gallery|map)s?$/i
const BARE_URL = /^(?:https?:\/\/|www\.)\S{1,2048}$/i
const AFFILIATION_SEGMENT = /^\d{1,2}\p{Lu}/u

/** Headings after which the rest of a page is navigation (related links, tags, comments). */
const TERMINAL =
  /^(?:recommended(?:\s(?:for\syou|reading|articles|stories|content|posts))?|related(?:\s(?:articles?|posts?|stories|content|reading|links|coverage|topics|publications|research|analysis|news|items|resources|pages))?|read\s(?:more|next|also)|more\s(?:on\s(?:this|the)\s(?:topic|subject|issue)|from\s.{1,40}|in\s.{1,40}|like\sthis|stories|articles|to\sread|reading|analysis)|check\s(?:also|out)|see\salso|also\sread|you\s(?:may|might)\s(?:also\s)?(?:like|enjoy|be\sinterested\sin)|topics|tags|filed\sunder|categories|share(?:\s(?:this|on)(?:\s[a-z]{1,12})?)?|comments?|\d{1,5}\scomments?|leave\sa\s(?:comment|reply)|most\s(?:popular|read|viewed)|popular(?:\s(?:posts|stories|articles|now))?|trending(?:\snow)?|latest(?:\s(?:news|posts|stories|articles|analysis))?|further\sreading|explore\smore|newsletter|subscribe(?:\s[a-z]{1,12}){0,4}|sign\sup(?:\s[a-z]{1,12}){0,5}|follow\sus(?:\son\s[a-z]{1,12})?|keep\sreading|up\snext|what\sto\sread\snext)$/
const ABOUT_AUTHOR = /^(?:about\s(?:the\s)?(?:authors?|contributors?|experts?|writers?)|author\sbio(?:graph(?:y|ies))?|authors?|the\sauthors?|contributors?|biograph(?:y|ies))$/
const ALSO_AVAILABLE = /^(?:also\s{1,3}available\s{1,3}in|available\s{1,3}in|read\s{1,3}(?:this|it)\s{1,3}in|translations?|other\s{1,3}languages?|languages?)\b/i
const REFERENCE_SECTION = /^(?:references?|bibliography|works\scited|sources?|notes|endnotes|footnotes|citations|literature(?:\scited)?|further\sreading)$/
/** Bio sentence: a capitalised name (1–5 words) followed by is/was/serves... Bounded repetition. */
const BIO = /^(?:[\p{Lu}][\p{L}'’.-]{0,30}\s{1,3}){1,5}(?:is|was|serves|has\sbeen|holds|leads|directs|joined|teaches|writes|covers|heads|chairs|works)\b/u
const ROLE =
  /\b(?:fellow|director|professor|editor|author|coauthor|co-author|researcher|analyst|journalist|correspondent|chair|president|founder|lecturer|scholar|expert|contributor|writer|reporter|member|head|manager|adviser|advisor|officer|scientist|economist|candidate|student|ambassador|minister|consultant|specialist|associate)\b/i

/** A byline: "by Jane Doe", "Written by", "Authors: ...". Kept for the metadata pass even when linked. */
const BYLINE_START = /^(?:written\s{1,3}|words\s{1,3}|posted\s{1,3})?by\s|^authors?\s{0,3}:/i
const LIST_MARKER = /^(?:[-–—•▪◦●○►▶■□◆◇❖➢✓*+]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s{1,4}/u
const FOOTNOTE_MARKER = /^[*†‡§¶‖#]{1,5}\s{0,3}(?=\S)/u

// ----- classification helpers ------------------------------------------------------------------

function words(t: string): string[] {
  return t.split(/\s+/).filter((w) => w.length > 0)
}

const SMALL_WORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'on', 'in', 'at', 'to', 'for', 'from', 'by', 'with', 'as', 'vs', 'vs.', 'via', 'into', 'over', 'per', 'than', 'is', 'are', 'its', 'de', 'la', 'le', 'du', 'des', 'von', 'van', 'al', 'amid', 'after', 'before', 'about', 'up',
])

/** A standalone line that reads as a heading: short, no sentence punctuation, capitalised. */
function headingLike(t: string): boolean {
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
function isProse(u: Unit): boolean {
  if (u.kind !== 'paragraph') return false
  const n = words(u.text).length
  return (n >= 8 && SENTENCE_END.test(u.text)) || u.text.length >= 150
}

function startsLower(t: string): boolean {
  return /^\p{Ll}/u.test(t)
}

/** Why a line is debris on its own, or undefined when it may be content. */
function lineDebris(c: CleanLine): boolean {
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

function joinText(parts: Piece[][], original: string): string {
  return parts.map((p) => p.map((x) => original.slice(x.start, x.end)).join('')).join(' ')
}

function unitOf(lines: Line[], parts: Piece[][], kind: Unit['kind'], ordinal: number, original: string, block: number): Unit {
  return {parts, lines, text: joinText(parts, original), kind, ordinal, block, start: parts[0][0].start}
}

/**
 * A bibliography entry: "Surname AB, ..." or "Surname, A." with a year, or a DOI, "et al.",
 * "Accessed", a URL. Captions ("Table 2.", "Figure 1.") are not.
 */
function looksLikeReference(t: string): boolean {
  if (/^(?:table|figure|fig\.|chart|box|exhibit|map)\b/i.test(t)) return false
  const year = /\b(?:1[89]|20)\d\d\b/.test(t)
  const authorStart = /^\p{Lu}[\p{L}'’-]{1,40},?\s{1,3}(?:\p{Lu}{1,3}\b|\p{Lu}\.)/u.test(t)
  const cues = /\bet al\.|\bdoi\b|\baccessed\b|https?:\/\/|\b\d{1,4}\(\d{1,4}\):|;\s{0,2}\d{1,4}:/i.test(t)
  return year && (authorStart || cues)
}

/** Strips a list or footnote marker; returns the unit kind and pieces. */
function withMarker(c: CleanLine): {kind: Unit['kind']; pieces: Piece[]} | undefined {
  const m = LIST_MARKER.exec(c.text) ?? FOOTNOTE_MARKER.exec(c.text)
  if (!m || m[0].length >= c.text.length) return undefined
  return {kind: 'list-item', pieces: dropPrefix(c.pieces, m[0].length)}
}

function piecesText(pieces: Piece[], original: string): string {
  return pieces.map((p) => original.slice(p.start, p.end)).join('')
}

// ----- the parser ------------------------------------------------------------------------------

/** Parses a scraped page. Pure; never throws on odd input. */
export function parseScrapedText(original: string): ScrapedDocument {
  // 1. Lines, cleaned of link residue; debris lines marked.
  const lines: Line[] = []
  const blocks: Line[][] = []
  let current: Line[] = []
  let nonEmpty = 0
  const ordinalOf = new Map<Line, number>()
  let pos = 0
  while (pos <= original.length) {
    let nl = original.indexOf('\n', pos)
    if (nl === -1) nl = original.length
    let end = nl
    if (end > pos && original.charCodeAt(end - 1) === 13) end--
    const clean = cleanLine(original, pos, end)
    const line: Line = {index: lines.length, start: pos, end, clean}
    lines.push(line)
    const blank = !/\S/.test(original.slice(pos, end))
    if (blank) {
      if (current.length > 0) blocks.push(current)
      current = []
    } else {
      ordinalOf.set(line, nonEmpty++)
      if (!lineDebris(clean)) current.push(line)
    }
    pos = nl + 1
  }
  if (current.length > 0) blocks.push(current)

  // 2. Blocks → units: tables, lists, hard-wrapped paragraphs, or one unit per line.
  const units: Unit[] = []
  for (let bi = 0; bi < blocks.length; bi++) {
    const block = blocks[bi]
    const ord = ordinalOf.get(block[0]) ?? 0
    const tabbed = block.filter((l) => l.clean.text.includes('\t')).length
    if (tabbed > 0 && tabbed * 2 >= block.length) {
      for (const l of block) units.push(unitOf([l], [l.clean.pieces], 'table-row', ordinalOf.get(l) ?? ord, original, bi))
      continue
    }
    if (block.length > 1 && hardWrapped(block)) {
      units.push(unitOf(block, block.map((l) => l.clean.pieces), 'paragraph', ord, original, bi))
      continue
    }
    for (const l of block) {
      const marked = withMarker(l.clean)
      if (marked) {
        if (BARE_URL.test(piecesText(marked.pieces, original).replace(/[.,;]$/, ''))) continue
        units.push(unitOf([l], [marked.pieces], 'list-item', ordinalOf.get(l) ?? ord, original, bi))
        continue
      }
      const t = l.clean.text
      units.push(unitOf([l], [l.clean.pieces], headingLike(t) ? 'heading' : 'paragraph', ordinalOf.get(l) ?? ord, original, bi))
    }
  }

  // 3. Terminal navigation: "Recommended", "Related", "Topics", "Check also"... The rest of the
  // page goes when the heading stands in its last 40% or is followed mostly by short lines.
  for (let i = 0; i < units.length; i++) {
    const u = units[i]
    if (u.dropped || u.text.length > 60 || u.kind === 'table-row' || SENTENCE_END.test(u.text)) continue
    const n = norm(u.text)
    if (!TERMINAL.test(n)) continue
    let short = 0
    let total = 0
    for (let j = i + 1; j < units.length && total < 30; j++) {
      total++
      if (units[j].text.length < 80) short++
    }
    const late = u.start >= 0.6 * original.length
    if (late || total === 0 || short >= 0.6 * total) {
      for (let j = i; j < units.length; j++) units[j].dropped = true
      break
    }
    // Not terminal: still a boilerplate heading, not a section of the text.
    u.dropped = true
  }

  // 4. Metadata from the top of the page: title, byline or author list, date lines.
  const TOP = 15
  let title: string | undefined
  let titleSpan: ScrapedDocument['titleSpan']
  let authors: string[] = []
  const dateCandidates: Array<{d: DateMatch; role: DateRole}> = []
  let sawProse = false
  let proseSeen = 0
  let titleLooked = 0
  for (const u of units) {
    if (u.ordinal >= TOP) break
    if (u.dropped || u.kind === 'table-row') continue
    const t = u.text
    const by = /^(?:written\s{1,3}|words\s{1,3}|posted\s{1,3})?by\s{1,3}(\S.{0,300})$/is.exec(t) ?? /^authors?\s{0,3}:\s{0,3}(\S.{0,300})$/is.exec(t)
    if (by && t.length <= 300 && !(SENTENCE_END.test(t) && words(t).length > 6)) {
      const names = bylineNames(by[1])
      if (names.length > 0) {
        if (authors.length === 0) authors = names
        for (const d of findDates(t)) dateCandidates.push({d, role: dateRole(t, d.index) === 'updated' ? 'updated' : 'plain'})
        u.dropped = true
        markMeta(u)
        continue
      }
    }
    if (authors.length === 0 && t.length <= 3000 && (t.includes(';') || /[\p{L}.][\d*†‡§¶]/u.test(t))) {
      const names = !sawProse || /\d/.test(t) ? authorListNames(t) : undefined
      if (names) {
        authors = names
        u.dropped = true
        markMeta(u)
        continue
      }
    }
    const dates = findDates(t)
    if (dates.length > 0 && isDateLine(t, dates)) {
      for (const d of dates) dateCandidates.push({d, role: dateRole(t, d.index)})
      u.dropped = true
      markMeta(u)
      continue
    }
    if (title === undefined && !sawProse && titleLooked < 3 && u.kind !== 'list-item') {
      titleLooked++
      const n = words(t).length
      const sentence = /[.]["”’]?$/.test(t) && n > 3
      if (!sentence && t.length <= 300 && (n >= 2 || titleLooked === 1) && HAS_LETTER.test(t)) {
        title = t
        titleSpan = {start: u.start, end: u.lines[u.lines.length - 1].clean.pieces.at(-1)?.end ?? u.start}
        u.dropped = true
        markMeta(u)
        continue
      }
    }
    if (isProse(u) && ++proseSeen >= 3) break
    if (isProse(u)) sawProse = true
  }

  // 5. Author bios ("About the authors" blocks, "<Author> is a senior fellow at ..."), language
  // switchers ("Also available in" + language links).
  const authorSet = authors.map((a) => a.toLowerCase())
  for (let i = 0; i < units.length; i++) {
    const u = units[i]
    if (u.dropped) continue
    const n = norm(u.text)
    if (u.text.length <= 60 && ABOUT_AUTHOR.test(n)) {
      u.dropped = true
      let j = i + 1
      for (; j < units.length; j++) {
        const v = units[j]
        if (v.dropped) continue
        const shortName = v.text.length <= 60 && words(v.text).length <= 5 && !SENTENCE_END.test(v.text) && v.kind !== 'table-row'
        if (shortName || (v.kind === 'paragraph' && v.text.length < 1000 && BIO.test(v.text))) v.dropped = true
        else break
      }
      i = j - 1
      continue
    }
    if (u.text.length <= 80 && !SENTENCE_END.test(u.text) && ALSO_AVAILABLE.test(u.text) && words(u.text).length <= 6) {
      u.dropped = true
      for (let j = i + 1, k = 0; j < units.length && k < 8; j++, k++) {
        const v = units[j]
        const vn = norm(v.text)
        if (v.text.length <= 30 && words(v.text).length <= 2 && !SENTENCE_END.test(v.text) && !ABOUT_AUTHOR.test(vn) && !TERMINAL.test(vn)) v.dropped = true
        else break
      }
      continue
    }
    if (u.kind === 'paragraph' && u.text.length < 700 && authorSet.length > 0 && ROLE.test(u.text) && BIO.test(u.text)) {
      const lower = u.text.toLowerCase()
      if (authorSet.some((a) => lower.startsWith(a + ' ') || lower.startsWith(a + ','))) u.dropped = true
    }
  }

  // 6. Masthead: before the first prose paragraph, labels ("Brief Analysis", "Summary") and
  // short lines carrying a date ("On June 3, this was posted online") are page furniture.
  let fallbackDate: DateMatch | undefined
  for (const u of units) {
    if (u.dropped) continue
    if (isProse(u) && u.text.length >= 100) break
    if (u.kind === 'heading' && !u.text.endsWith('?')) u.dropped = true
    else if (u.kind === 'paragraph' && u.text.length < 120) {
      const dates = findDates(u.text)
      if (dates.length > 0) {
        if (!fallbackDate && u.ordinal < TOP) fallbackDate = dates[0]
        u.dropped = true
      } else if (u.text.length < 40 && !SENTENCE_END.test(u.text)) u.dropped = true
    }
  }

  // A standalone date line in the body (lists of related items) is not prose.
  for (const u of units) {
    if (u.dropped || u.kind === 'table-row' || u.text.length > 60) continue
    const dates = findDates(u.text)
    if (dates.length > 0 && isDateLine(u.text, dates)) u.dropped = true
  }

  // 7. Rejoin paragraphs split by a blank line in mid-sentence, then assign sections.
  const kept: Unit[] = []
  for (const u of units) {
    if (u.dropped) continue
    const prev = kept[kept.length - 1]
    if (prev && prev.kind === 'paragraph' && u.kind === 'paragraph' && startsLower(u.text) && !/[.!?…:;]["'”’»)\]]{0,3}$/u.test(prev.text)) {
      prev.parts = prev.parts.concat(u.parts)
      prev.lines = prev.lines.concat(u.lines)
      prev.text = prev.text + ' ' + u.text
      continue
    }
    kept.push(u)
  }

  // Reference lists: entries of a "References" section are list items, not prose. The section
  // holds the block right after its heading and any later unit that reads as a reference.
  const out: ScrapedBlock[] = []
  let section: string | undefined
  let inReferences = false
  let referenceBlock: number | undefined
  for (const u of kept) {
    if (u.kind === 'heading') {
      section = u.text
      inReferences = REFERENCE_SECTION.test(norm(u.text))
      referenceBlock = undefined
    } else if (inReferences && u.kind !== 'table-row') {
      referenceBlock ??= u.block
      if (u.block === referenceBlock || looksLikeReference(u.text)) {
        if (u.kind === 'paragraph') u.kind = 'list-item'
      } else inReferences = false
    }
    const map = new OffsetMap()
    for (let p = 0; p < u.parts.length; p++) {
      const part = u.parts[p]
      if (p > 0) {
        const prevPart = u.parts[p - 1]
        map.appendSynthetic(' ', prevPart[prevPart.length - 1].end)
      }
      for (const piece of part) map.append(original.slice(piece.start, piece.end), piece.start)
    }
    for (const l of u.lines) l.fate = 'block'
    const last = u.parts[u.parts.length - 1]
    out.push({text: map.derived, map, kind: u.kind, section, start: u.parts[0][0].start, end: last[last.length - 1].end})
  }

  // Date: published > plain date line > updated; else a masthead sentence's date.
  let chosen: DateMatch | undefined
  for (const role of ['published', 'plain', 'updated'] as const) {
    chosen = dateCandidates.find((c) => c.role === role)?.d
    if (chosen) break
  }
  chosen ??= fallbackDate

  let dropped = 0
  for (const l of lines) if (!l.fate && /\S/.test(original.slice(l.start, l.end))) dropped++

  const doc: ScrapedDocument = {authors, blocks: out, dropped}
  if (title !== undefined) {
    doc.title = title
    doc.titleSpan = titleSpan
  }
  if (chosen) {
    doc.date = chosen.iso
    doc.dateText = chosen.text
  }
  return doc
}

function markMeta(u: Unit): void {
  for (const l of u.lines) l.fate = 'meta'
}

/**
 * Whether consecutive lines of one block are a paragraph hard-wrapped at a fixed width: every
 * line but the last is of similar length (at most 100 characters) and most line ends fall in
 * mid-sentence.
 */
function hardWrapped(block: Line[]): boolean {
  if (block.some((l) => LIST_MARKER.test(l.clean.text) || FOOTNOTE_MARKER.test(l.clean.text))) return false
  const body = block.slice(0, -1)
  let max = 0
  let min = Infinity
  let midSentence = 0
  for (const l of body) {
    const len = l.clean.text.length
    max = Math.max(max, len)
    min = Math.min(min, len)
    if (!SENTENCE_END.test(l.clean.text)) midSentence++
  }
  const lastLen = block[block.length - 1].clean.text.length
  return max <= 100 && min >= 0.6 * max && min >= 25 && lastLen <= max + 5 && midSentence * 2 >= body.length
}
