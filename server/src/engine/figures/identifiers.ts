/**
 * Identifiers and citation markers: labels with numbers that are never quantities
 * ("Resolution 2254", "S-300", "G20", "COVID-19"), and reference markers ("[12]", "(1–6)",
 * "border.12") skipped whole. Each parser takes the scanner at a token and returns the index
 * after what it consumed, or 0.
 */
import {MIXED, NUM, PUNCT, SKIP, WORD} from './tokenize'
import {ID_LABELS, NOT_IDENTIFIERS} from './lexicon'
import {type FigureScanner, emit, isPunct, isWord} from './scanner'

/** Largest number that counts as a citation marker in "(1–6)" or "[12]". */
const MAX_CITATION = 999

/** "(1–6)", "[12]", "[3, 4]", "[^2]": skipped whole. Returns the index after, or 0. */
export function citation(s: FigureScanner, i: number): number {
  const open = s.toks[i].lower
  const close = open === '(' ? ')' : ']'
  let j = i + 1
  if (open === '[' && isPunct(s, j, '^')) j++
  let numbers = 0
  let separators = 0
  while (j < s.count) {
    const t = s.toks[j]
    if (t.kind === NUM) {
      if (t.dec > 0 || t.grouped || t.num > MAX_CITATION) return 0
      numbers++
    } else if (t.kind === PUNCT && (t.lower === ',' || t.lower === '-' || t.lower === '–' || t.lower === ';')) {
      separators++
    } else if (t.kind === PUNCT && t.lower === close) {
      break
    } else return 0
    j++
  }
  if (j >= s.count || numbers === 0) return 0
  // Square brackets are always references. Parentheses are when they hold a list, or close the
  // sentence ("... in children (1–6)."); "(3)" mid-sentence may be a list item, also not a figure.
  if (open === '(' && separators === 0) {
    const after = j + 1 < s.count ? s.toks[j + 1] : undefined
    if (after && !(after.kind === PUNCT && (after.lower === '.' || after.lower === ';' || after.lower === ','))) {
      return j + 1 // "(3)" list item: not a figure either way
    }
  }
  return j + 1
}

/** A number glued after a word and punctuation ("border.12", "troops,3") is a footnote marker. */
export function isFootnote(s: FigureScanner, i: number): boolean {
  const t = s.toks[i]
  if (t.sp || i === 0) return false
  const p = s.toks[i - 1]
  if (p.kind !== PUNCT) return false
  const c = p.lower
  if (c !== '.' && c !== ',' && c !== ')' && c !== '"' && c !== ';' && c !== ':' && c !== "'") return false
  if (i < 2) return false
  const w = s.toks[i - 2]
  return !p.sp && (w.kind === WORD || (w.kind === PUNCT && w.lower === ')'))
}


/** Consumes a glued chain "-300", "-CoV-2", "+1", "s" after token j; returns index after. */
export function chainEnd(s: FigureScanner, j: number): {end: number; digits: boolean} {
  let k = j + 1
  let digits = s.toks[j].kind === NUM || s.toks[j].kind === MIXED
  while (k < s.count && !s.toks[k].sp) {
    const t = s.toks[k]
    if (t.kind === PUNCT && (t.lower === '-' || t.lower === '+' || t.lower === '/') && k + 1 < s.count &&
      !s.toks[k + 1].sp && s.toks[k + 1].kind !== PUNCT && s.toks[k + 1].kind !== SKIP) {
      k++
      continue
    }
    if (t.kind === NUM || t.kind === MIXED) { digits = true; k++; continue }
    if (t.kind === WORD && s.toks[k - 1].kind !== WORD) { k++; continue }
    break
  }
  return {end: k, digits}
}

function lastNumberIn(s: FigureScanner, from: number, to: number): number {
  for (let k = to - 1; k >= from; k--) {
    const t = s.toks[k]
    if (t.kind === NUM) return t.num
    if (t.kind === MIXED) {
      // Trailing digits of "G20", "A320".
      let e = t.lower.length
      while (e > 0 && !isAsciiDigit(t.lower.charCodeAt(e - 1))) e--
      let b = e
      while (b > 0 && isAsciiDigit(t.lower.charCodeAt(b - 1))) b--
      if (e > b) return Number(t.lower.slice(b, e))
    }
  }
  return NaN
}

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

export function emitIdentifier(s: FigureScanner, startTok: number, endTok: number, label: string): number {
  const value = lastNumberIn(s, startTok, endTok)
  emit(s, {
    startTok, valueTok: startTok, endTok, dimension: 'identifier', value, unit: '', precision: 1,
    approx: 'exact', spelled: false, label,
  })
  return endTok
}

/** "G20", "P5+1", "H1N1": short letter-digit tokens. Long ones ("mm6947e2") are skipped silently. */
export function mixedIdentifier(s: FigureScanner, i: number): number {
  const t = s.toks[i]
  const {end} = chainEnd(s, i)
  const first = t.lower.charCodeAt(0)
  const startsWithLetter = first >= 97 && first <= 122
  if (!startsWithLetter || t.end - t.start > 6 || NOT_IDENTIFIERS.has(t.lower)) return end
  let n = 0
  while (n < t.lower.length && !(t.lower.charCodeAt(n) >= 48 && t.lower.charCodeAt(n) <= 57)) n++
  return emitIdentifier(s, i, end, t.lower.slice(0, n))
}

/** "Resolution 2254", "Section 230", "H.R. 1", "Title 42". Returns index after, or 0. */
export function labelledIdentifier(s: FigureScanner, i: number): number {
  const t = s.toks[i]
  const needsCap = ID_LABELS.get(t.lower)
  if (needsCap === undefined || (needsCap && !t.cap)) return 0
  let j = i + 1
  if (isPunct(s, j, '.') && !s.toks[j].sp) j++ // "No. 5", "Fig. 3"
  if (isWord(s, j, 'no') && isPunct(s, j + 1, '.')) j += 2 // "Resolution No. 2254"
  if (j >= s.count || (s.toks[j].kind !== NUM && s.toks[j].kind !== MIXED)) return 0
  if (s.toks[j].kind === NUM && s.toks[j].dec > 0 && t.lower !== 'section') return 0
  let end = chainEnd(s, j).end
  // "Article 5(2)": keep the sub-paragraph with the identifier.
  if (isPunct(s, end, '(') && !s.toks[end].sp && end + 2 < s.count && isPunct(s, end + 2, ')')) end += 3
  return emitIdentifier(s, i, end, t.lower.replace(/\.$/, ''))
}

/** Offset in the text of the first digit between tokens `from` and `to` ("S-" of "S-300"). */
export function firstDigitOffset(s: FigureScanner, from: number, to: number): number {
  for (let k = from; k < to; k++) {
    const t = s.toks[k]
    if (t.kind === NUM) return t.start
    if (t.kind === MIXED) {
      for (let c = t.start; c < t.end; c++) {
        const d = s.src.charCodeAt(c)
        if (d >= 48 && d <= 57) return c
      }
    }
  }
  return s.toks[to - 1].end
}
