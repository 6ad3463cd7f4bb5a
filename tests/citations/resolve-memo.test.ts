// Citation resolution remembers, per corpus snapshot, what a citation key that is no exact key
// and an author–date citation resolved to (citations/resolve.ts), so a re-check does not scan
// every source again. What a writer sees must still follow the corpus: when the corpus changes,
// the same draft's citations resolve against the new sources.
import {describe, expect, it} from 'vitest'
import {DEFAULT_CONFIG} from '../../server/src/engine/config'
import {createEngine} from '../../server/src/engine/service'
import {MemoryStore} from '../../server/src/engine/store/memory'
import {corpusOf} from '../helpers/engine'

const source = (key: string, author: string, date: string, title: string) =>
  ['---', `id: ${key}`, `title: "${title}"`, `author: ${author}`, `date: ${date}`, '---', '', `${title} was reviewed in detail by the panel.`].join('\n')

const ONE = {'a.md': source('halvorsen2022ferry', 'Ingrid Halvorsen', '2022-05-01', 'Ferry Crossings on the Lune Estuary')}
// A second source whose key starts the same way: the short key names no single source any more.
const TWO = {...ONE, 'b.md': source('halvorsen2022fares', 'Ingrid Halvorsen', '2022-09-01', 'Fares and Subsidies on Coastal Routes')}

const DRAFT = 'Ferry Crossings on the Lune Estuary were reviewed in detail by the panel [@halvorsen2022].\n\nThe estuary ferry was also reviewed (Halvorsen 2022).\n'
const URI = 'file:///drafts/ferry.md'

const unknownCitations = (messages: Array<{ruleId: string}>) => messages.filter((m) => m.ruleId === 'unknown-citation').length
const citedSources = (result: Awaited<ReturnType<ReturnType<typeof createEngine>['check']>>) => result.analysis.sentences.map((s) => s.citedSources.length)

describe('citation resolution across re-checks and corpus changes', () => {
  it('resolves a short key and an author-date citation the same on every re-check, and again when the corpus changes', async () => {
    const store = new MemoryStore(corpusOf(ONE))
    const engine = createEngine({store, config: DEFAULT_CONFIG})
    const first = await engine.check(URI, 1, DRAFT)
    expect(unknownCitations(first.messages)).toBe(0)
    expect(citedSources(first)).toEqual([1, 1])

    // A re-check of an edited draft: the remembered resolutions give the same sources.
    const edited = DRAFT.replace('panel', 'review panel')
    const again = await engine.check(URI, 2, edited)
    expect(unknownCitations(again.messages)).toBe(0)
    expect(citedSources(again)).toEqual([1, 1])

    // A new corpus snapshot where the short key is ambiguous: nothing remembered from the old one applies.
    store.replace(corpusOf(TWO))
    const changed = await engine.check(URI, 2, edited)
    expect(unknownCitations(changed.messages)).toBe(1)
    expect(citedSources(changed)).toEqual([0, 1])
  })
})
