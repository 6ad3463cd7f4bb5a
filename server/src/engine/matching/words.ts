import {normaliseTerm} from '../index/terms'
import {owns} from './roles'

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

/**
 * The folded change verbs (index/terms.ts): which way a figure moved is compared apart
 * (direction.ts), so it says nothing of what the figure measures. Counted here, "rose 4%"
 * would align with a neighbour's "climbed 31%" rather than with the "fell 4%" it contradicts.
 */
export const CHANGE_TERMS: ReadonlySet<string> = new Set(['increas', 'decreas'])

/** A term near a figure and how much it says about it (falls off with distance). */
export type Window = Map<string, number>

/**
 * Content terms around a span, weighted by closeness: the word next to a figure says more
 * about what it measures than one ten words away, and a word in another clause (after ";" or
 * inside other parentheses) less again. Terms inside `skip` spans (other figures) are left out.
 */
export function windowTerms(
  tokens: Token[],
  start: number,
  end: number,
  radius: number,
  skip: Array<{start: number; end: number}>,
  decay = 0.85,
  otherClause = 0.5,
  own?: {regions: ReadonlyArray<readonly [number, number]>; foreign: number},
): Window {
  const out: Window = new Map()
  // Binary searches (tokens and skip spans are in text order): a scan per figure made a
  // sentence of thousands of figures quadratic (issue #13).
  const first = firstEndingAfter(tokens, start)
  const spans = sortedSpans(skip)
  let last = first
  while (last < tokens.length && tokens[last].start < end) last++
  const clause = tokens[Math.min(first, tokens.length - 1)]?.clause ?? 0
  const take = (t: Token, distance: number) => {
    if (!t.term || CHANGE_TERMS.has(t.term)) return
    if (insideSpan(spans, t)) return
    // A word that speaks of a sibling figure ("New York City, 86.7%" beside "Los Angeles, 81.5%") counts less.
    const ownWeight = own && !owns(own.regions, t.start, t.end) ? own.foreign : 1
    const weight = Math.pow(decay, distance) * (t.clause === clause ? 1 : otherClause) * ownWeight
    if (weight <= 0) return
    if (weight > (out.get(t.term) ?? 0)) out.set(t.term, weight)
  }
  for (let i = Math.max(0, first - radius); i < first; i++) take(tokens[i], first - i - 1)
  for (let i = first; i < last; i++) take(tokens[i], 0)
  for (let i = last; i < Math.min(tokens.length, last + radius); i++) take(tokens[i], i - last)
  return out
}

/** Index of the first token ending after `offset` (tokens.length if none). */
function firstEndingAfter(tokens: Token[], offset: number): number {
  let low = 0
  let high = tokens.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (tokens[mid].end > offset) high = mid
    else low = mid + 1
  }
  return low
}

type Span = {start: number; end: number}
/** Skip spans sorted by start with a running maximum of their ends, computed once per list. */
const sortedCache = new WeakMap<readonly Span[], {spans: Span[]; maxEnd: number[]}>()

function sortedSpans(skip: readonly Span[]): {spans: Span[]; maxEnd: number[]} {
  let sorted = sortedCache.get(skip)
  if (!sorted) {
    const spans = [...skip].sort((a, b) => a.start - b.start)
    const maxEnd: number[] = []
    for (const [i, s] of spans.entries()) maxEnd.push(Math.max(s.end, i > 0 ? maxEnd[i - 1] : s.end))
    sorted = {spans, maxEnd}
    sortedCache.set(skip, sorted)
  }
  return sorted
}

/** Whether the token lies inside one of the spans: some span starting at or before it reaches its end. */
function insideSpan({spans, maxEnd}: {spans: Span[]; maxEnd: number[]}, t: Token): boolean {
  let low = 0
  let high = spans.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (spans[mid].start <= t.start) low = mid + 1
    else high = mid
  }
  // Spans 0..low-1 start at or before the token; one of them contains it if the furthest end reaches it.
  return low > 0 && maxEnd[low - 1] >= t.end
}
