/**
 * Spelled-out English numbers ("eighty-five", "one hundred and five", "two million", "a dozen",
 * "two thirds"), parsed over the token pool.
 *
 * Hand-written on purpose. The npm candidates were checked (2025): `words-to-numbers` (the only
 * widely used parser) depends on babel-runtime 6 / core-js 2 (deprecated, postinstall script) and
 * clj-fuzzy, 9.2 MB installed; it rewrites a string and returns no offsets, so spans would have
 * to be re-derived; it does not know "a dozen" or fractions ("two thirds" -> "2 thirds"); and it
 * ran at ~64k sentences/s for that single pass. `numbered` parses "three in four" as 34.
 * Microsoft's recognizers-text pulls lodash and bignumber.js and is far slower. English number
 * words are a closed set of ~40 words, so a table and a small state machine are the simpler
 * dependency.
 */
import {PUNCT, WORD, type TokenBuffer} from './tokenize'

/** zero..nineteen and the tens. */
export const SMALL: ReadonlyMap<string, number> = new Map([
  ['zero', 0], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6],
  ['seven', 7], ['eight', 8], ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12],
  ['thirteen', 13], ['fourteen', 14], ['fifteen', 15], ['sixteen', 16], ['seventeen', 17],
  ['eighteen', 18], ['nineteen', 19], ['twenty', 20], ['thirty', 30], ['forty', 40],
  ['fifty', 50], ['sixty', 60], ['seventy', 70], ['eighty', 80], ['ninety', 90],
])

/** Multipliers that may follow a spelled or digit number ("2 million", "$3bn"). */
export const SCALES: ReadonlyMap<string, number> = new Map([
  ['thousand', 1e3], ['million', 1e6], ['billion', 1e9], ['trillion', 1e12],
  ['mn', 1e6], ['mln', 1e6], ['bn', 1e9], ['tn', 1e12], ['trn', 1e12],
])

/**
 * Abbreviated scales that are only scales after a currency ("€3m", "$5k", "$2b"); elsewhere
 * "3m" is three metres.
 */
export const MONEY_SCALES: ReadonlyMap<string, number> = new Map([['k', 1e3], ['m', 1e6], ['b', 1e9]])

/** Fraction denominators: "half", "two thirds", "three quarters", "one fifth". */
export const FRACTIONS: ReadonlyMap<string, number> = new Map([
  ['half', 2], ['halves', 2], ['third', 3], ['thirds', 3], ['quarter', 4], ['quarters', 4],
  ['fourth', 4], ['fourths', 4], ['fifth', 5], ['fifths', 5], ['sixth', 6], ['sixths', 6],
  ['eighth', 8], ['eighths', 8], ['tenth', 10], ['tenths', 10],
])

/** Where parseSpelled writes its result (one per scanner, reused: no allocation per call). */
export interface SpelledNumber {
  value: number
  /** Place value of the last significant word. */
  precision: number
  /** First token after the number words. */
  next: number
}

const enum Last { None, Unit, Tens, Teen, Hundred, Scale }

/**
 * Parses a spelled cardinal starting at token i of `b` ("eighty-five", "one hundred and five",
 * "two thousand five hundred", "a hundred"). On success fills `into` (value, precision = place
 * value of the last significant word: "sixty" -> 1, "one hundred" -> 100, "two million" -> 1e6;
 * next = first token after) and returns true.
 *
 * Spelled tens count as exact ("sixty" -> precision 1): style guides spell out numbers under 100
 * for style, not because they are rounded.
 */
export function parseSpelled(b: TokenBuffer, i: number, into: SpelledNumber): boolean {
  const {toks, count} = b
  let total = 0
  let cur = 0
  let prec = 1
  let last: Last = Last.None
  let j = i
  let lastScale = Infinity
  let end = -1
  while (j < count) {
    const t = toks[j]
    if (t.kind !== WORD) break
    const w = t.lower
    // "a hundred", "a million": the article stands for one, only at the start.
    if ((w === 'a' || w === 'an') && last === Last.None) {
      const nt = j + 1 < count ? toks[j + 1] : undefined
      if (nt && nt.kind === WORD && (nt.lower === 'hundred' || SCALES.has(nt.lower))) {
        cur = 1
        last = Last.Unit
        j++
        continue
      }
      break
    }
    const s = SMALL.get(w)
    if (s !== undefined) {
      if (last === Last.Tens && s > 0 && s < 10) {
        cur += s // "eighty-five", "twenty five"
      } else if (last === Last.None || last === Last.Hundred || last === Last.Scale) {
        cur += s
      } else break // "five six" is two numbers, not one
      last = s >= 20 ? Last.Tens : s >= 10 ? Last.Teen : Last.Unit
      prec = 1
      end = j + 1
      j++
      // Hyphen between tens and units, glued on both sides: "eighty-five".
      if (last === Last.Tens && j + 1 < count && toks[j].kind === PUNCT && toks[j].lower === '-' &&
        !toks[j].sp && !toks[j + 1].sp && toks[j + 1].kind === WORD) {
        const u = SMALL.get(toks[j + 1].lower)
        if (u !== undefined && u > 0 && u < 10) {
          cur += u
          last = Last.Unit
          end = j + 2
          j += 2
        }
      }
      continue
    }
    if (w === 'hundred') {
      if (last === Last.Hundred || last === Last.None) break
      cur = (cur === 0 ? 1 : cur) * 100
      prec *= 100
      last = Last.Hundred
      end = ++j
      continue
    }
    const sc = SCALES.get(w)
    if (sc !== undefined && w.length > 3) {
      if (last === Last.None || sc >= lastScale) break
      total += (cur === 0 ? 1 : cur) * sc
      cur = 0
      prec *= sc
      lastScale = sc
      last = Last.Scale
      end = ++j
      continue
    }
    // "one hundred and five": 'and' only inside a number, followed by more of it.
    if (w === 'and' && (last === Last.Hundred || last === Last.Scale) && j + 1 < count &&
      toks[j + 1].kind === WORD && SMALL.has(toks[j + 1].lower)) {
      j++
      continue
    }
    break
  }
  if (end < 0) return false
  into.value = total + cur
  into.precision = prec
  into.next = end
  return true
}

/** Ordinal words: never quantities on their own ("the first", "a third round"). */
export const ORDINAL_WORDS: ReadonlySet<string> = new Set([
  'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth', 'twentieth', 'hundredth', 'thousandth', 'millionth',
])
