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
import {ABOUT_AUTHOR, ALSO_AVAILABLE, BARE_URL, BIO, FOOTNOTE_MARKER, HAS_LETTER, LIST_MARKER, REFERENCE_SECTION, ROLE, SENTENCE_END, TERMINAL, headingLike, isProse, lineDebris, looksLikeReference, norm, piecesText, startsLower, unitOf, withMarker, words, type Line, type Unit} from './scraped-lines'
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
