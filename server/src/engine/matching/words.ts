import {normaliseTerm} from '../index/terms'

/** A word of a sentence with its offsets and its index term (undefined for stop words). */
export interface Token {
  start: number
  end: number
  term?: string
  /** Clause number: increases at ; ( ) and at a comma or colon before a new list element. */
  clause: number
}

const TOKEN = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*|[;:()\[\]]/gu

/** Tokens of a sentence, with offsets and clause numbers, for windows around figures. */
export function tokenize(text: string): Token[] {
  const out: Token[] = []
  let clause = 0
  for (const match of text.matchAll(TOKEN)) {
    const word = match[0]
    if (word.length === 1 && ';:()[]'.includes(word)) {
      clause++
      continue
    }
    const start = match.index ?? 0
    out.push({start, end: start + word.length, term: /^\d/.test(word) ? undefined : normaliseTerm(word), clause})
  }
  return out
}

/** A term near a figure and how much it says about it (falls off with distance). */
export type Window = Map<string, number>

/**
 * Content terms around a span, weighted by closeness: the word next to a figure says more
 * about what it measures than one ten words away, and a word in another clause (after ";" or
 * inside other parentheses) less again. Terms inside `skip` spans (other figures) are left out.
 */
export function windowTerms(tokens: Token[], start: number, end: number, radius: number, skip: Array<{start: number; end: number}>, decay = 0.85, otherClause = 0.5): Window {
  const out: Window = new Map()
  let first = tokens.findIndex((t) => t.end > start)
  if (first < 0) first = tokens.length
  let last = first
  while (last < tokens.length && tokens[last].start < end) last++
  const clause = tokens[Math.min(first, tokens.length - 1)]?.clause ?? 0
  const take = (t: Token, distance: number) => {
    if (!t.term) return
    if (skip.some((s) => t.start >= s.start && t.end <= s.end)) return
    const weight = Math.pow(decay, distance) * (t.clause === clause ? 1 : otherClause)
    if (weight > (out.get(t.term) ?? 0)) out.set(t.term, weight)
  }
  for (let i = Math.max(0, first - radius); i < first; i++) take(tokens[i], first - i - 1)
  for (let i = first; i < last; i++) take(tokens[i], 0)
  for (let i = last; i < Math.min(tokens.length, last + radius); i++) take(tokens[i], i - last)
  return out
}
