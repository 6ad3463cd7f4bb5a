import type {Figure} from '../figures/types'
import {normaliseTerm} from '../index/terms'

/** Which way a figure says something moved: "rose 5%", "5% lower", "down 18.4%". */
export type Direction = 'up' | 'down'

// Change verbs are folded to one term each by index/terms.ts ("fell", "declined" → 'decreas');
// these are the other words of direction, matched as written.
const UP_WORDS = new Set(['up', 'higher', 'more', 'gain', 'gains', 'gained', 'larger', 'greater', 'improved'])
const DOWN_WORDS = new Set(['down', 'lower', 'fewer', 'less', 'loss', 'losses', 'lost', 'cut', 'cuts', 'smaller', 'worse', 'worsened'])

/**
 * Words that may stand between a change verb and its figure ("rose by about 5%", "fell to 21%",
 * "grew from 12% to 40%"): skipped when looking back from the figure.
 */
const BETWEEN = new Set(['by', 'to', 'from', 'of', 'about', 'nearly', 'almost', 'some', 'roughly', 'around', 'approximately', 'an', 'a', 'just', 'only', 'sharply', 'slightly', 'steeply'])

/** At most this many words are read either side of a figure. */
const LOOK = 5

function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}’'-]+/u).filter((w) => w.length > 0)
}

function directionOfWord(word: string): Direction | undefined {
  if (UP_WORDS.has(word)) return 'up'
  if (DOWN_WORDS.has(word)) return 'down'
  const term = normaliseTerm(word)
  return term === 'increas' ? 'up' : term === 'decreas' ? 'down' : undefined
}

/**
 * The direction a sentence gives a figure: a change word just before it (skipping "by", "to",
 * "from" and approximation words, not crossing a comma or another figure) or just after it ("a 5%
 * increase", "5% lower"). Undefined when the sentence gives none: most figures are levels, and a
 * level is compared by value alone.
 */
export function directionOf(text: string, figure: Figure, figures: Figure[]): Direction | undefined {
  const previous = figures.filter((f) => f.end <= figure.start).reduce((at, f) => Math.max(at, f.end), 0)
  const before = text.slice(Math.max(previous, figure.start - 60), figure.start)
  const clause = before.slice(Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf('(')) + 1)
  const back = wordsOf(clause).slice(-LOOK).reverse()
  for (const w of back) {
    const d = directionOfWord(w)
    if (d) return d
    if (!BETWEEN.has(w)) break
  }
  const next = figures.find((f) => f.start >= figure.end)
  const after = wordsOf(text.slice(figure.end, Math.min(next ? next.start : text.length, figure.end + 30)).split(/[,;(]/)[0])
  const first = after[0] === 'a' || after[0] === 'an' ? after[1] : after[0]
  // "5% more than" compares with something else; "5% less" is a change only as a bare word.
  if (first !== undefined && !(after.includes('than'))) {
    const d = directionOfWord(first)
    if (d) return d
  }
  return undefined
}
