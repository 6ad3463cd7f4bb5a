import {normaliseTerm} from '../index/terms'

/** A word of a sentence with its offsets and its index term (undefined for stop words). */
export interface Token {
  start: number
  end: number
  term?: string
}

const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu

/** Tokens of a sentence, with offsets, for windows around figures. */
export function tokenize(text: string): Token[] {
  const out: Token[] = []
  for (const match of text.matchAll(WORD)) {
    const start = match.index ?? 0
    out.push({start, end: start + match[0].length, term: /^\d/.test(match[0]) ? undefined : normaliseTerm(match[0])})
  }
  return out
}

/**
 * Content terms within `radius` words of a span, skipping terms inside `skip` spans (the
 * figures themselves): what the figure is about ("withdraw ... from the border").
 */
export function windowTerms(tokens: Token[], start: number, end: number, radius: number, skip: Array<{start: number; end: number}>): string[] {
  let first = tokens.findIndex((t) => t.end > start)
  if (first < 0) first = tokens.length
  let last = first
  while (last < tokens.length && tokens[last].start < end) last++
  const out: string[] = []
  const take = (t: Token) => {
    if (!t.term) return
    if (skip.some((s) => t.start >= s.start && t.end <= s.end)) return
    out.push(t.term)
  }
  for (let i = Math.max(0, first - radius); i < first; i++) take(tokens[i])
  for (let i = first; i < last; i++) take(tokens[i])
  for (let i = last; i < Math.min(tokens.length, last + radius); i++) take(tokens[i])
  return out
}
