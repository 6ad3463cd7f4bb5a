import {describe, expect, it} from 'vitest'
import {briefText} from '../../bench/lib/generate'
import {parsedSentences, parseSource} from '../../server/src/engine/corpus/parsed-source'
import {terms} from '../../server/src/engine/index/terms'
import {breathe} from '../helpers/breathe'

/**
 * A parsed source's index terms (`TermCounter`, issue #15) are what a plain count gives: per
 * sentence, each distinct term once, in the order first met, with its frequency (capped at 255),
 * its id numbering the source's vocabulary in the order first met. The reference below counts
 * the obvious way; the counter reuses its arrays between sentences to spare a cold index garbage.
 */
function reference(sentences: string[]) {
  const vocabulary: string[] = []
  const ids = new Map<string, number>()
  const termIds: number[] = []
  const termTfs: number[] = []
  const termStarts = [0]
  for (const sentence of sentences) {
    const counts = new Map<number, number>()
    for (const word of terms(sentence)) {
      if (!ids.has(word)) ids.set(word, vocabulary.push(word) - 1)
      counts.set(ids.get(word)!, (counts.get(ids.get(word)!) ?? 0) + 1)
    }
    for (const [id, tf] of counts) termIds.push(id), termTfs.push(Math.min(tf, 255))
    termStarts.push(termIds.length)
  }
  return {vocabulary: vocabulary.join('\n'), termStarts, termIds, termTfs}
}

describe('index terms of a parsed source', () => {
  it('are the plain count of its sentences on 200 benchmark briefs and a sentence repeating a word 300 times', async () => {
    const texts = Array.from({length: 200}, (_, i) => briefText(i).text)
    texts.push(`# Repeats\n\n${'tax '.repeat(300)}rises. Tax and more tax.\n`)
    for (const [i, text] of texts.entries()) {
      if (i % 20 === 0) await breathe()
      const parsed = parseSource({path: `/bench/brief-${i}.md`, text})
      const want = reference(parsedSentences(parsed).map((s) => s.text))
      expect({vocabulary: parsed.vocabulary, termStarts: [...parsed.termStarts], termIds: [...parsed.termIds], termTfs: [...parsed.termTfs]}).toEqual(want)
    }
    const last = parseSource({path: '/repeats.md', text: texts[200]})
    expect(Math.max(...last.termTfs)).toBe(255)
  })
})
