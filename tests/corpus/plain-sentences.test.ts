import {readFileSync} from 'node:fs'
import {extname, join} from 'node:path'
import {ParseEnglish} from 'parse-english'
import {describe, expect, it} from 'vitest'
import {briefText} from '../../bench/lib/generate'
import {Rng} from '../../bench/lib/prng'
import {readSource, SOURCE_EXTENSIONS} from '../../server/src/engine/corpus/read-source'
import {plainSentenceSpans} from '../../server/src/engine/text/plain-sentences'
import {parserSentenceSpans, splitOnce, SPLIT_PIECE_CHARS} from '../../server/src/engine/text/sentences'
import {breathe} from '../helpers/breathe'
import {CORPUS_DIRS, filesUnder} from '../helpers/corpus-files'
import {mutateText} from '../helpers/mutate'

/**
 * The sentence splitter's fast path (plain-sentences.ts, issues #15 and #18: a faster cold
 * index) must give exactly parse-english's sentences wherever it answers: same starts and ends
 * on every paragraph of every source this checkout and ../shared hold, on benchmark briefs, and
 * on generated and mutated paragraphs built from what parse-english treats specially
 * (abbreviations, initials, decimals, quotes and brackets around terminal marks, ellipses,
 * lower-case and digit openings, non-ASCII punctuation, line breaks). It may decline (answer
 * undefined) anywhere; the tests also check it answers for most of the benchmark's prose, or it
 * would not be worth having.
 */
const parser = new ParseEnglish()

/** Compares the fast path with parse-english on one piece; true when the fast path answered. */
function agrees(text: string): boolean {
  const piece = text.slice(0, SPLIT_PIECE_CHARS)
  const fast = plainSentenceSpans(piece, parser)
  if (fast) expect(fast, piece).toEqual(parserSentenceSpans(piece))
  return fast !== undefined
}

describe('sentence fast path: corpus text', () => {
  const files = CORPUS_DIRS
    .flatMap((d) => filesUnder(d, SOURCE_EXTENSIONS))
    .filter((f) => ['.md', '.markdown', '.txt'].includes(extname(f).toLowerCase()))

  it('agrees with parse-english on every paragraph of the fixtures, examples, seeds and devset', async () => {
    let blocks = 0
    for (const path of files) {
      await breathe()
      for (const block of readSource(path, readFileSync(path, 'utf8')).blocks) {
        agrees(block.text)
        blocks++
      }
    }
    expect(blocks).toBeGreaterThan(500)
  })

  it('agrees on the paragraphs of 300 benchmark briefs and answers for most of them', async () => {
    let answered = 0
    let total = 0
    for (let i = 0; i < 300; i++) {
      await breathe()
      for (const block of readSource(`/bench/brief-${i}.md`, briefText(i).text).blocks) {
        if (agrees(block.text)) answered += block.text.length
        total += block.text.length
      }
    }
    expect(answered / total).toBeGreaterThan(0.8)
  })
})

/** Pieces of text parse-english reads in special ways, and ordinary ones between them. */
const WORDS = [
  'the', 'council', 'Spending', 'rose', 'In', 'A', 'I', 'a', 'x', 'Dr', 'dr', 'Mr', 'Mrs', 'St', 'Jan', 'jan', 'Sept',
  'etc', 'vs', 'no', 'No', 'al', 'cf', 'ibid', 'Inc', 'Ltd', 'Co', 'Messrs', 'Northants', 'e.g', 'i.e', 'U.S', 'U.K',
  'take-up', 'co-op', 'well-known', '1', '24', '365', '2020', '1999', '12345', '9.8', '1.00', '4.5', '1,012', '92,452',
  '$48', '€11', '£4,095', '9.8%', '37.3', 'Müller', 'État', 'éclat', 'über', 'ÅSA', 'don’t', 'it\'s', '’tis', '\'em', 'ol\'',
  'w/', 'and/or', 'A/B', 'R&D', '&c', 'x=y', 'user@example', 'example.org', 'a?b', 'a!b', 'Mid-2020', '5-year', '_under_',
]
/** The words above the fast path reads (no symbols it declines): most prose draws from these. */
const PLAIN_WORDS = WORDS.filter((w) => /^[\p{L}\d$€£%.,-]+$/u.test(w))
const MARKS = [
  '.', '.', '.', '!', '?', '...', '…', '?!', '!!', '‽', '.”', '."', '.)', '”.', '".', ').', '%.', '.’', ".'", '?”', '!)',
  ',', ',', ';', ':', '(', ')', '“', '”', '"', '\'', '’', '-', '—', '–', '/', '%', '&', '[', ']', '*', '•', '·',
]
const SPACES = [' ', ' ', ' ', ' ', ' ', '  ', '   ', '\n', '\n\n', '\t', '\u00a0', '\r\n', '']

function soup(rng: Rng): string {
  const parts: string[] = []
  const count = rng.int(1, 40)
  for (let i = 0; i < count; i++) {
    const r = rng.next()
    if (r < 0.55) parts.push(rng.pick(WORDS))
    else if (r < 0.8) parts.push(rng.pick(MARKS))
    else parts.push(rng.pick(SPACES))
    if (rng.chance(0.6)) parts.push(' ')
  }
  return parts.join('')
}

/** Well-formed prose of the kind the fast path answers for, so that most draws exercise it. */
function prose(rng: Rng): string {
  const sentences: string[] = []
  const count = rng.int(1, 6)
  for (let i = 0; i < count; i++) {
    const words = [rng.pick(['The', 'In', 'According', '“A', '"The', '(See', 'By', '$48', '2020', 'Müller', 'État'])]
    for (let w = rng.int(1, 12); w > 0; w--) words.push(rng.pick(rng.chance(0.9) ? PLAIN_WORDS : WORDS))
    sentences.push(words.join(rng.chance(0.9) ? ' ' : ', ') + rng.pick(['.', '.', '.', '!', '?', '.”', '."', '.)', '”.', '%.']))
  }
  return sentences.join(rng.pick([' ', ' ', '  ']))
}

/** `text` with a few characters replaced, inserted or deleted, drawn from the pieces above. */
function mutate(rng: Rng, text: string): string {
  return mutateText(rng, text, 4, () => rng.pick([...MARKS, ...SPACES, rng.pick(WORDS)]), () => rng.int(1, 3))
}

describe('sentence fast path: generated text', () => {
  it('agrees with parse-english on 50,000 random soups of words, abbreviations, numbers, marks and spaces', async () => {
    const rng = new Rng(20261207)
    let answered = 0
    for (let i = 0; i < 50_000; i++) {
      if (i % 500 === 0) await breathe()
      if (agrees(soup(rng))) answered++
    }
    expect(answered).toBeGreaterThan(300)
  })

  it('agrees on 40,000 generated prose paragraphs, whole and mutated', async () => {
    const rng = new Rng(7)
    let answered = 0
    for (let i = 0; i < 20_000; i++) {
      if (i % 250 === 0) await breathe()
      const text = prose(rng)
      if (agrees(text)) answered++
      agrees(mutate(rng, text))
    }
    expect(answered).toBeGreaterThan(2_000)
  })

  it('agrees on 6,000 mutations of benchmark paragraphs', async () => {
    const rng = new Rng(18)
    let answered = 0
    let done = 0
    for (let i = 0; done < 6_000; i++) {
      await breathe()
      for (const block of readSource(`/bench/brief-${i}.md`, briefText(1000 + i).text).blocks) {
        if (agrees(mutate(rng, block.text))) answered++
        done++
      }
    }
    expect(answered).toBeGreaterThan(1_000)
  })

  it('splits a long plain paragraph in pieces the same way with and without the fast path', () => {
    // Over SPLIT_PIECE_CHARS: splitOnce cuts it in pieces; each piece goes through the fast path.
    const text = Array.from({length: 200}, (_, i) => `Spending on roads rose to $${i}.5 million in ${2000 + (i % 20)}.`).join(' ')
    expect(text.length).toBeGreaterThan(SPLIT_PIECE_CHARS)
    const spans = splitOnce(text)
    expect(spans).toHaveLength(200)
    expect(text.slice(spans[199].start, spans[199].end)).toBe('Spending on roads rose to $199.5 million in 2019.')
  })
})
