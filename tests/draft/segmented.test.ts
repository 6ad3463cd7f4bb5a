// A whole read parses a draft piece by piece so the server can pause between pieces (issue
// #12). It must give exactly what one parse of the whole draft gives: fixtures and random
// drafts built from the constructs that decide where a piece may end are read both ways.
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {DraftDocument} from '../../server/src/engine/markdown/draft'
import {IncrementalReader} from '../../server/src/engine/markdown/incremental'
import {blockSegments} from '../../server/src/engine/markdown/segments'
import {breathe} from '../helpers/breathe'
import {fixtureDraftTexts} from '../helpers/fixture-drafts'

const drafts = fixtureDraftTexts()

/** Everything a check reads from a draft, as plain data. */
function view(doc: DraftDocument) {
  return {
    blocks: doc.blocks.map((b) => ({kind: b.kind, text: b.text, section: b.section, start: b.start, end: b.end})),
    sentences: doc.sentences.map((s) => ({kind: s.blockKind, block: s.blockIndex, text: s.text, start: s.start, end: s.end, section: s.section, citations: s.citations, mapped: s.toDraftOffset(Math.floor(s.text.length / 2))})),
    footnotes: doc.footnotes,
    comments: doc.comments,
    frontmatter: doc.frontmatter,
  }
}

const whole = (text: string) => view(new IncrementalReader(Number.POSITIVE_INFINITY).read(text))
/** Pieces as small as the scan allows: every safe boundary is used. */
const pieces = (text: string) => view(new IncrementalReader(1).read(text))

// Blocks a draft is made of, including those that blank lines do not end or that refer across
// the draft: fences, HTML comments and <pre>, definitions, loose lists, front matter lookalikes.
const BLOCKS = [
  'The dam stands 120 metres tall.',
  'Output fell 12% in 2019 [^1] and rose again [^note].',
  'See [the report][rep] and [Rep] and [other].',
  '[^1]: Harrow River Authority, Annual Report, 2021.',
  '[^note]: A note\n\n    with a second paragraph.',
  '[rep]: https://example.org/report',
  '> Quoted 5% rise.\n\n> Another quote [^1].',
  '- item one\n\n- item two [^1]',
  '1. first\n\n2. second',
  '```\ncode\n\nNot a paragraph [^1].\n```',
  '~~~~\n```\n\ninside\n~~~~',
  '<!--\nbriefcheck-disable\n\nstill a comment\n-->',
  '<!-- briefcheck-disable uncited-claim -->',
  '<pre>\n\nraw 12%\n</pre>',
  '<div>\nhtml\n</div>',
  '---',
  '# Heading [^1]',
  'Setext heading\n===',
  '| a | b |\n|---|---|\n| 1 | 2 |',
  '    indented code\n\n    more',
  '* star item\n\n* again',
  '+++',
  '\ttabbed line',
  '2019. A year or a list item.',
  '😀 Emoji line with 3 figures, 4 of them.',
  'Line one\r\nline two\r\n\r\nCRLF paragraph.',
]

describe('reading a draft piece by piece', () => {
  it('gives what one parse of the whole draft gives on every fixture draft', async () => {
    for (const text of drafts) {
      await breathe()
      expect(pieces(text)).toEqual(whole(text))
    }
  })

  it('gives what one parse gives on random drafts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...BLOCKS), {minLength: 1, maxLength: 24}), fc.constantFrom('\n\n', '\n', '\n\n\n'), fc.boolean(), async (blocks, gap, front) => {
        await breathe()
        const text = (front ? '---\ntitle: T\nbibliography: refs.bib\n---\n\n' : '') + blocks.join(gap) + '\n'
        expect(pieces(text)).toEqual(whole(text))
      }),
      {numRuns: Number(process.env.RUNS ?? 300), seed: process.env.SEED ? Number(process.env.SEED) : undefined},
    )
  })

  it('cuts a long draft into many pieces and pauses between them', () => {
    const text = Array.from({length: 400}, (_, i) => `In ${1990 + (i % 30)} the reservoir held ${i % 9}.${i % 7} billion cubic metres [^${i % 5}].`).join('\n\n') + '\n\n' + [0, 1, 2, 3, 4].map((i) => `[^${i}]: Source ${i}.`).join('\n')
    expect(blockSegments(text).length).toBeGreaterThan(3)
    const reading = new IncrementalReader().reading(text)
    let pauses = 0
    let step = reading.next()
    for (; !step.done; step = reading.next()) pauses++
    expect(pauses).toBeGreaterThan(3)
    expect(view(step.value)).toEqual(whole(text))
    expect(step.value.sentences.filter((s) => s.citations.some((c) => c.kind === 'footnote'))).toHaveLength(400)
  })

  it('never cuts inside front matter, a fence or an HTML comment', () => {
    const text = '---\na: 1\n\nb: 2\n---\n\nPara.\n\n```\n\nX\n```\n\n<!--\n\nY\n-->\n\nZ\n'
    const cuts = blockSegments(text, 1).map((s) => text.slice(s.start, s.end))
    expect(cuts).toEqual(['---\na: 1\n\nb: 2\n---\n\n', 'Para.\n\n', '```\n\nX\n```\n\n', '<!--\n\nY\n-->\n\n', 'Z\n'])
  })
})
