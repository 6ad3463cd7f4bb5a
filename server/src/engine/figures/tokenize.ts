/**
 * A hand-written, single-pass tokenizer for figure extraction.
 *
 * Why not regular expressions: extraction runs on every sentence of a multi-million-word corpus,
 * and the shapes we need (grouped digits, decimals, letters glued to digits, abbreviations like
 * "H.R.") are easier to get linear and allocation-light with charCode tests than with a regex
 * whose backtracking behaviour has to be argued for. Every loop here advances `i`, so the scan
 * is O(length).
 *
 * Tokens live in a TokenBuffer that its owner (a FigureScanner, see scanner.ts) reuses between
 * calls: this avoids allocating a token object per word per sentence, and because the buffer is
 * passed explicitly, two scanners never share tokens.
 */

export const NUM = 0 // ASCII digits, optional grouping commas and decimal part
export const WORD = 1 // letters (plus internal apostrophes, trailing ² ³); "U.S." joined
export const MIXED = 2 // letters and digits glued together: "G20", "mm6947e2", "km2"
export const PUNCT = 3 // any other single non-space character
export const SKIP = 4 // URL, e-mail, DOI: never looked into

export class Tok {
  kind = 0
  start = 0
  end = 0
  /** Whitespace (or start of text) before this token. */
  sp = true
  /** Lower-cased text for WORD/MIXED; the (normalised) character for PUNCT; '' for NUM. */
  lower = ''
  /** First character upper-case (WORD/MIXED). */
  cap = false
  /** NUM: the value. */
  num = 0
  /** NUM: digits after the decimal point. */
  dec = 0
  /** NUM: contained grouping commas ("1,200"). */
  grouped = false
  /** NUM: digits before the decimal point (grouping commas excluded). */
  intDigits = 0
}

/** A reusable token pool: after `tokenize(buffer, text)` the tokens are `toks[0 .. count-1]`. */
export class TokenBuffer {
  /** The pool; entries at `count` and beyond are stale leftovers of longer texts. */
  readonly toks: Tok[] = []
  /** Number of tokens of the last tokenize() call. */
  count = 0
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ||
    // Latin-1 and Latin Extended letters, minus × and ÷ (names like "Tōkyō", "Zürich").
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x2009 ||
    c === 0x202f || c === 0x2002 || c === 0x2003 || c === 0x200b
}

function isUpper(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7)
}

function next(b: TokenBuffer): Tok {
  let t = b.toks[b.count]
  if (t === undefined) {
    t = new Tok()
    b.toks.push(t)
  }
  b.count++
  t.grouped = false
  t.num = 0
  t.dec = 0
  t.intDigits = 0
  t.cap = false
  t.lower = ''
  return t
}

/** Normalises dash-like characters so the parser tests one or two strings. */
function punctKey(c: number, ch: string): string {
  switch (c) {
    case 0x2010: case 0x2011: case 0x2012: return '-' // hyphens
    case 0x2013: case 0x2014: case 0x2015: return '–' // en/em dash: range or aside
    case 0x2212: return '−' // true minus sign
    case 0x2019: case 0x2018: return "'"
    case 0x201c: case 0x201d: return '"'
    default: return ch
  }
}

/** End of the run of non-space characters from i (URLs and the like are skipped whole). */
function skipToSpace(text: string, i: number): number {
  const n = text.length
  while (i < n && !isSpace(text.charCodeAt(i))) i++
  // Leave trailing sentence punctuation outside the skipped span.
  while (i > 0) {
    const c = text.charCodeAt(i - 1)
    if (c === 46 || c === 44 || c === 59 || c === 41 || c === 58) i--
    else break
  }
  return i
}

/**
 * Most digits a number may have and still be read as a figure. No quantity in prose needs more
 * (a national debt in cents has 16); a longer run is an identifier, a hash or an attack, and
 * past 100 decimals `toFixed` threw a RangeError that took the whole check down (issue #13).
 * Longer runs are still scanned (linearly) but become identifier-like tokens, never figures.
 */
export const MAX_FIGURE_DIGITS = 30

/** Scans digits/commas/decimal point from i into tok; returns the end. */
function scanNumber(text: string, i: number, t: Tok): number {
  const n = text.length
  let v = 0
  let intDigits = 0
  while (i < n) {
    const c = text.charCodeAt(i)
    if (isDigit(c)) {
      v = v * 10 + (c - 48)
      intDigits++
      i++
    } else if (c === 44 && i + 3 < n && isDigit(text.charCodeAt(i + 1)) && isDigit(text.charCodeAt(i + 2)) &&
      isDigit(text.charCodeAt(i + 3)) && (i + 4 >= n || !isDigit(text.charCodeAt(i + 4)))) {
      // A comma is a thousands separator only when exactly three digits follow: "1,200" but
      // not the list "1,20" nor "3,14159".
      t.grouped = true
      i++
    } else break
  }
  let dec = 0
  if (i + 1 < n && text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
    i++
    let scale = 0.1
    while (i < n && isDigit(text.charCodeAt(i))) {
      v += (text.charCodeAt(i) - 48) * scale
      scale /= 10
      dec++
      i++
    }
  }
  // A double holds about 17 significant digits: rounding to more decimals changes nothing.
  t.num = dec > 0 ? Number(v.toFixed(Math.min(dec, 20))) : v
  t.dec = dec
  t.intDigits = intDigits
  return i
}

/**
 * Tokenizes `text` into `b`; read the result through `b.toks[0 .. b.count-1]`.
 * Linear: every branch advances `i`.
 */
export function tokenize(b: TokenBuffer, text: string): void {
  b.count = 0
  const n = text.length
  let i = 0
  let sp = true
  while (i < n) {
    const c = text.charCodeAt(i)
    if (isSpace(c)) {
      sp = true
      i++
      continue
    }
    const start = i
    if (isDigit(c)) {
      const t = next(b)
      t.kind = NUM
      t.start = start
      t.sp = sp
      i = scanNumber(text, i, t)
      if (t.intDigits + t.dec > MAX_FIGURE_DIGITS) {
        t.kind = MIXED
        t.lower = text.slice(start, i).toLowerCase()
        t.end = i
        sp = false
        continue
      }
      // A second decimal point ("1.2.3") or letters followed by digits ("6947e2") make an
      // identifier-like token, not a number.
      if (i + 1 < n && text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1)) && t.dec > 0) {
        while (i < n && (isDigit(text.charCodeAt(i)) || text.charCodeAt(i) === 46) &&
          !(text.charCodeAt(i) === 46 && (i + 1 >= n || !isDigit(text.charCodeAt(i + 1))))) i++
        t.kind = MIXED
        t.lower = text.slice(start, i).toLowerCase()
      } else if (i < n && isLetter(text.charCodeAt(i))) {
        let j = i
        let digitsAfter = false
        while (j < n) {
          const d = text.charCodeAt(j)
          if (isLetter(d) || d === 0xb2 || d === 0xb3) j++
          else if (isDigit(d)) { digitsAfter = true; j++ } else break
        }
        if (digitsAfter) {
          t.kind = MIXED
          t.lower = text.slice(start, j).toLowerCase()
          i = j
        } else {
          // "5km", "3.5bn", "1st", "1990s": number then a glued word (sp = false).
          t.end = i
          const w = next(b)
          w.kind = WORD
          w.start = i
          w.end = j
          w.sp = false
          w.lower = text.slice(i, j).toLowerCase()
          w.cap = isUpper(text.charCodeAt(i))
          i = j
          sp = false
          continue
        }
      }
      t.end = i
      sp = false
      continue
    }
    if (isLetter(c)) {
      // Abbreviations of one- or two-letter segments with dots: "U.S.", "H.R.", "p.p.", "e.g.".
      let j = i
      let segs = 0
      while (true) {
        let k = j
        while (k < n && isLetter(text.charCodeAt(k)) && k - j < 3) k++
        const len = k - j
        if (len < 1 || len > 2 || k >= n || text.charCodeAt(k) !== 46) break
        segs++
        j = k + 1
        // Another segment must follow directly ("U.S."); otherwise the chain ends on this dot.
        if (j >= n || !isLetter(text.charCodeAt(j))) break
      }
      if (segs >= 2) {
        const t = next(b)
        t.kind = WORD
        t.start = start
        t.end = j
        t.sp = sp
        t.lower = text.slice(start, j).toLowerCase()
        t.cap = isUpper(c)
        i = j
        sp = false
        continue
      }
      let hasDigit = false
      j = i
      while (j < n) {
        const d = text.charCodeAt(j)
        if (isLetter(d) || d === 0xb2 || d === 0xb3) j++
        else if (isDigit(d)) { hasDigit = true; j++ } else if ((d === 39 || d === 0x2019) && j + 1 < n && isLetter(text.charCodeAt(j + 1))) j++
        else break
      }
      const lower = text.slice(start, j).toLowerCase()
      const after = j < n ? text.charCodeAt(j) : 0
      // URLs, e-mail addresses and DOIs carry digits that are never figures.
      if (((lower === 'http' || lower === 'https' || lower === 'doi') && after === 58) ||
        (lower === 'www' && after === 46) || after === 64 /* @ */) {
        const t = next(b)
        t.kind = SKIP
        t.start = start
        t.sp = sp
        i = skipToSpace(text, j)
        t.end = i
        sp = false
        continue
      }
      const t = next(b)
      t.kind = hasDigit ? MIXED : WORD
      t.start = start
      t.end = j
      t.sp = sp
      t.lower = lower
      t.cap = isUpper(c)
      i = j
      sp = false
      continue
    }
    // Anything else is one punctuation token. Surrogate pairs (emoji) stay one token.
    const t = next(b)
    t.kind = PUNCT
    t.start = start
    t.sp = sp
    const wide = c >= 0xd800 && c <= 0xdbff && i + 1 < n
    i += wide ? 2 : 1
    t.end = i
    t.lower = punctKey(c, wide ? '' : text[start])
    sp = false
  }
}
