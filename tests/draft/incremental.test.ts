import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {readDraft, type DraftDocument} from '../../server/src/engine/markdown/draft'
import {IncrementalReader} from '../../server/src/engine/markdown/incremental'
import {breathe} from '../helpers/breathe'
import {fixtureDraftTexts} from '../helpers/fixture-drafts'

const drafts = fixtureDraftTexts()

/** Everything a check reads from a draft, as plain data. */
function view(doc: DraftDocument) {
  return {
    sentences: doc.sentences.map((s) => ({kind: s.blockKind, block: s.blockIndex, text: s.text, start: s.start, end: s.end, range: s.range, section: s.section, citations: s.citations, mapped: s.toDraftOffset(Math.floor(s.text.length / 2))})),
    footnotes: doc.footnotes,
    comments: doc.comments,
    frontmatter: doc.frontmatter,
  }
}

// Edits a writer makes: words typed or deleted, a blank line added or removed, list and
// heading markers, citations, emoji; some that must force a whole parse (fences, HTML).
const INSERTS = ['a', ' the ', 'fell 12% in 2019', '\n\n', '\n', '- ', '# ', '> ', '[^1]', ' [@key2020]', '😀', '`code`', '```', '<div>', '\n---\n', '[^n]: note', '| a | b |\n|---|---|\n']

describe('re-reading a draft after an edit', () => {
  it('gives what a whole parse gives, over random edit sequences', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({min: 0, max: drafts.length - 1}),
        fc.array(fc.record({at: fc.double({min: 0, max: 1, noNaN: true}), remove: fc.integer({min: 0, max: 12}), insert: fc.constantFrom(...INSERTS)}), {minLength: 1, maxLength: 6}),
        async (which, edits) => {
          await breathe()
          const reader = new IncrementalReader()
          let text = drafts[which]
          reader.read(text)
          for (const edit of edits) {
            const at = Math.floor(edit.at * text.length)
            text = text.slice(0, at) + edit.insert + text.slice(at + edit.remove)
            expect(view(reader.read(text))).toEqual(view(readDraft(text)))
          }
        },
      ),
      {numRuns: Number(process.env.RUNS ?? 40), seed: process.env.SEED ? Number(process.env.SEED) : undefined},
    )
  })

  it('re-parses only locally when a word changes in a paragraph', () => {
    const reader = new IncrementalReader()
    const text = drafts[0]
    reader.read(text)
    const at = text.indexOf('. ', text.length / 2) + 2
    reader.read(text.slice(0, at) + 'Indeed, ' + text.slice(at))
    expect(reader.lastMode).toBe('incremental')
    reader.read(text.slice(0, at) + '```\n' + text.slice(at))
    expect(reader.lastMode).toBe('full')
  })
})
