// Issue #13: work stays linear as adversarial inputs grow. Asserted by counting what the
// bounded steps are given (characters handed to the sentence parser, markers kept, tokens
// read), never by timing.
import fc from 'fast-check'
import {ParseEnglish} from 'parse-english'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {extractFigures} from '../../server/src/engine/figures/extract'
import {MAX_FIGURE_DIGITS} from '../../server/src/engine/figures/tokenize'
import {readDraft} from '../../server/src/engine/markdown/draft'
import {boundContainerNesting, boundDelimiterRuns, MAX_CONTAINER_DEPTH, MAX_DELIMITER_RUN} from '../../server/src/engine/markdown/nesting'
import {collectProse} from '../../server/src/engine/markdown/prose'
import {SPLIT_PIECE_CHARS, splitOnce} from '../../server/src/engine/text/sentences'
import {breathe} from '../helpers/breathe'

const SEED = {seed: 1313, numRuns: 40}

/** Repeated units of text that made some step superlinear before (issue #13). */
const unit = fc.constantFrom('1.', '1. ', '1-', 'eighty-five ', '$12.5 million, ', '123 ', '1/2/', 'The dam rose 5 m. ', '[^1]', '@k1; ')

describe('linear work on growing adversarial input', () => {
  afterEach(() => vi.restoreAllMocks())

  it('the sentence parser is given every character once, in pieces of bounded size', async () => {
    await fc.assert(
      fc.asyncProperty(unit, fc.integer({min: 1, max: 8_000}), async (u, n) => {
        await breathe()
        const text = `The dam rose. ${u.repeat(n)}`
        const parse = vi.spyOn(ParseEnglish.prototype, 'parse')
        const spans = splitOnce(text)
        const given = parse.mock.calls.map(([piece]) => String(piece).length)
        parse.mockRestore()
        // Linear: the pieces add up to at most the text, each no longer than 1.5 pieces.
        expect(given.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(text.length)
        for (const length of given) expect(length).toBeLessThanOrEqual(SPLIT_PIECE_CHARS * 1.5)
        // And the spans still tile the text in order, within it.
        for (let i = 1; i < spans.length; i++) expect(spans[i].start).toBeGreaterThanOrEqual(spans[i - 1].end)
        if (spans.length) expect(spans[spans.length - 1].end).toBeLessThanOrEqual(text.length)
      }),
      {seed: 1313, numRuns: 20},
    )
  })

  it('nesting and delimiter runs are cut to their caps, one character for one, at any depth', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('- ', '> ', '>', '1. ', '* '), fc.integer({min: 1, max: 5000}), fc.integer({min: 1, max: 5000}), async (marker, depth, stars) => {
        await breathe()
        const text = `${marker.repeat(depth)}${'*'.repeat(stars)}The dam rose 5 m.${'*'.repeat(stars)}\n`
        const bounded = boundContainerNesting(text)
        expect(bounded.text).toHaveLength(text.length)
        if (depth > MAX_CONTAINER_DEPTH && marker !== '* ') expect(bounded.lines).toEqual([1])
        const kept = bounded.text.split('\u00a0')[0]
        expect(kept.split(marker.trim()).length - 1).toBeLessThanOrEqual(MAX_CONTAINER_DEPTH + MAX_DELIMITER_RUN * 2)
        expect(boundDelimiterRuns(bounded.text)).toBe(bounded.text)
        // The tree it parses to is no deeper than the caps allow, so visitors never recurse far.
        const doc = readDraft(text)
        expect(doc.sentences.some((s) => s.text.includes('The dam rose 5 m.'))).toBe(true)
      }),
      {seed: 1313, numRuns: 12},
    )
  })

  it('a number of any length never throws, and none longer than the cap becomes a figure', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({min: 1, max: 3000}), fc.integer({min: 0, max: 3000}), async (whole, decimals) => {
        await breathe()
        const number = `1${'7'.repeat(whole - 1)}${decimals ? `.${'3'.repeat(decimals)}` : ''}`
        const figures = extractFigures(`The dam rose ${number} metres in 2019.`)
        const long = whole + decimals > MAX_FIGURE_DIGITS
        expect(figures.some((f) => f.text.includes(number))).toBe(!long)
        for (const f of figures) expect(Number.isFinite(f.value) || Number.isNaN(f.value)).toBe(true)
      }),
      SEED,
    )
  })

  it('the prose visitor keeps every block at any depth of the tree it is given', () => {
    for (const depth of [10, 1000, 20_000]) {
      // A tree built directly (no parser): blockquotes nested `depth` deep around one paragraph.
      let node: any = {type: 'paragraph', children: [{type: 'text', value: 'Deep.', position: {start: {offset: 0}, end: {offset: 5}}}]}
      for (let i = 0; i < depth; i++) node = {type: 'blockquote', children: [node]}
      const doc = collectProse({type: 'root', children: [node]}, 'Deep.')
      expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([['blockquote', 'Deep.']])
    }
  })
})
