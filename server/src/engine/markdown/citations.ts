import {isCrossReference} from './pandoc'
import type {Citation} from '../types'

/** A citation found in a block's derived text, before it is mapped to file offsets. */
export interface TextCitation extends Omit<Citation, 'start' | 'end'> {
  /** Offsets in the derived text. */
  start: number
  end: number
}

// Every pattern here is linear: bracket and parenthesis bodies are negated classes with an
// upper bound, and name parts are separated by a literal space that the name class excludes.
const BRACKETS = /\[([^\[\]\n]{1,300})\]/g
const PARENS = /\(([^()\n]{2,300})\)/g
const NAME = "[\\p{Lu}][\\p{L}'’-]+"
const PARTICLE = "(?:van|von|de|der|den|du|da|di|le|la|al|el|bin|ibn)"
const AUTHOR = `(?:${PARTICLE}[ -])*${NAME}(?: ${PARTICLE})?(?: ${NAME})?`
const AUTHOR_DATE = new RegExp(
  `^(?:(?:see|cf\\.|e\\.g\\.,?|also) )*(${AUTHOR}(?:(?:,| and| &|, and|, &) ${AUTHOR}){0,3}(?: et al\\.?)?),? ((?:1[6-9]|20)\\d\\d[a-z]?)(?:, (?:pp?\\.|at) ?[\\p{N}–-]+)?$`,
  'u',
)
/** A bare in-text pandoc citation: `@key says`, `@key [p. 4] says`. */
const BARE_PANDOC = /(^|[\s(])@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*[\p{L}\p{N}_])/gu

// GFM reads `[^id]` as a footnote reference only when a definition exists; without one it
// stays text, and that is exactly the unknown citation to report.
const UNDEFINED_FOOTNOTE = /\[\^([^\]\s]{1,100})\]/g

/**
 * Finds pandoc citations (`[@key]`, `[see @key, p. 4; @other]`, `@key`) and author–date
 * parentheticals (`(Borshchevskaya 2019)`, `(Van Dyke et al., 2020)`) in derived text.
 */
export function findTextCitations(text: string): TextCitation[] {
  const found: TextCitation[] = []
  if (text.includes('@')) {
    for (const match of text.matchAll(BRACKETS)) {
      const body = match[1]
      if (!body.includes('@')) continue
      const start = match.index ?? 0
      for (const part of body.split(';')) {
        const key = /(?:^|[\s-])-?@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*[\p{L}\p{N}_]|[\p{L}\p{N}_])/u.exec(part)
        if (!key || isCrossReference(key[1])) continue
        const locator = /,\s*((?:p|pp|page|pages|para|chap|sec|§)\.?\s*[\p{N}–-]+)/u.exec(part)?.[1]
        found.push({kind: 'pandoc', target: key[1], start, end: start + match[0].length, locator})
      }
    }
    // Bracketed citations are found in text order and do not overlap: one pointer walks them
    // alongside the bare ones (a scan of all of them per bare key was quadratic).
    const brackets = found.slice()
    let b = 0
    for (const match of text.matchAll(BARE_PANDOC)) {
      const start = (match.index ?? 0) + match[1].length
      while (b < brackets.length && brackets[b].end <= start) b++
      if (b < brackets.length && brackets[b].start <= start) continue
      // An e-mail address is not a citation.
      if (start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1])) continue
      if (isCrossReference(match[2])) continue
      found.push({kind: 'pandoc', target: match[2], start, end: start + match[2].length + 1})
    }
  }
  if (text.includes('(')) {
    for (const match of text.matchAll(PARENS)) {
      const start = match.index ?? 0
      for (const part of match[1].split(';')) {
        const m = AUTHOR_DATE.exec(part.trim())
        if (!m) continue
        found.push({kind: 'author-date', target: `${m[1]} ${m[2]}`, start, end: start + match[0].length})
      }
    }
  }
  if (text.includes('[^')) {
    for (const match of text.matchAll(UNDEFINED_FOOTNOTE)) {
      const start = match.index ?? 0
      found.push({kind: 'footnote', target: match[1], start, end: start + match[0].length})
    }
  }
  return found.sort((a, b) => a.start - b.start)
}
