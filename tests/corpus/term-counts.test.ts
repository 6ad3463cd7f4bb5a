import {describe, expect, it} from 'vitest'
import {briefText} from '../../bench/lib/generate'
import {parsedSentences, parseSource} from '../../server/src/engine/corpus/parsed-source'
import {TermCounter} from '../../server/src/engine/corpus/term-counts'
import {readFileSync} from 'node:fs'
import {forEachWord, forEachWordSpan, normaliseTerm, unitsHash} from '../../server/src/engine/index/terms'
import {breathe} from '../helpers/breathe'
import {CORPUS_DIRS, filesUnder} from '../helpers/corpus-files'

/** The words of a text as the index has always defined them: this regular expression's matches. */
const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu
const regexWords = (text: string): string[] => text.match(WORD) ?? []
const scannedWords = (text: string): string[] => {
  const out: string[] = []
  forEachWord(text, (word) => out.push(word))
  return out
}
/** Each word's place and hash as `forEachWordSpan` gives them, and as the regular expression and `unitsHash` do. */
const scannedSpans = (text: string): number[][] => {
  const out: number[][] = []
  forEachWordSpan(text, (whole, start, end, hash) => out.push([start, end, hash]))
  return out
}
const regexSpans = (text: string): number[][] =>
  [...text.matchAll(WORD)].map((m) => [m.index!, m.index! + m[0].length, unitsHash(m[0])])
/** Index terms the obvious way: the regular expression's words, each normalised, stop words dropped. */
const terms = (text: string): string[] => regexWords(text).flatMap((w) => normaliseTerm(w) ?? [])

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

/** A small random generator (mulberry32), so a failure names a seed that repeats it. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('words of a text (forEachWord)', () => {
  it('are the regular expression\'s matches on every source of the project and on random text of tricky characters', async () => {
    const files = CORPUS_DIRS.flatMap((dir) => filesUnder(dir, new Set(['.md', '.txt', '.html', '.bib'])))
    for (const path of files) {
      const text = readFileSync(path, 'utf8')
      expect(scannedWords(text), path).toEqual(regexWords(text))
    }
    // Joiners at every edge, letters and digits of several scripts, combining marks (not
    // letters), astral letters and emoji (surrogate pairs), lone surrogates, white space.
    const pieces = ['a', 'Z', '7', 'é', 'e\u0301', 'ß', 'Ж', 'ي', '٣', '四', 'Ⅻ', "'", '’', '.', '-', '--', ' ', '\t', '\r\n', ',', '%', '$', '😀', '𝐀', '\ud83d', '\ude00', '\u00a0', '_', '‐']
    const next = random(18)
    for (let i = 0; i < 20_000; i++) {
      if (i % 1_000 === 0) await breathe()
      let text = ''
      const length = Math.floor(next() * 24)
      for (let j = 0; j < length; j++) text += pieces[Math.floor(next() * pieces.length)]
      expect(scannedWords(text), JSON.stringify(text)).toEqual(regexWords(text))
      expect(scannedSpans(text), JSON.stringify(text)).toEqual(regexSpans(text))
    }
  })
})

describe('index terms of a parsed source', () => {
  it('are the plain count of its sentences on 200 benchmark briefs and a sentence repeating a word 300 times', async () => {
    const texts = Array.from({length: 200}, (_, i) => briefText(i).text)
    texts.push(`# Repeats\n\n${'tax '.repeat(300)}rises. Tax and more tax.\n`)
    texts.push('# Scripts\n\nLa dette a baissé de 3 % en 2020. Le débat s’est tendu.\n\nالدين ارتفع بنسبة ٤٪ في عام ٢٠٢٠.\n\nGrowth 😀 fell; 𝐀lpha rose by 2.5 per cent in the U.S. and the U.K.\n')
    for (const [i, text] of texts.entries()) {
      if (i % 20 === 0) await breathe()
      const parsed = parseSource({path: `/bench/brief-${i}.md`, text})
      const want = reference(parsedSentences(parsed).map((s) => s.text))
      expect({vocabulary: parsed.vocabulary, termStarts: [...parsed.termStarts], termIds: [...parsed.termIds], termTfs: [...parsed.termTfs]}).toEqual(want)
    }
    const last = parseSource({path: '/repeats.md', text: texts[200]})
    expect(parseSource({path: '/scripts.md', text: texts[201]}).vocabulary).toContain('ارتفع')
    expect(Math.max(...last.termTfs)).toBe(255)
  })

  it('stay the plain count across the emptying of the bounded word memo, with two counters interleaved', async () => {
    // 250,000 distinct numbers overflow the memo of 200,000 words once, in the middle of both sources.
    const sentences = Array.from({length: 2_500}, (_, i) => `Tax rose ${Array.from({length: 100}, (_, j) => i * 100 + j + 1_000_000).join(' ')} and the tax fell.`)
    const first = new TermCounter()
    const second = new TermCounter()
    for (const [i, sentence] of sentences.entries()) {
      if (i % 250 === 0) await breathe()
      first.add(sentence)
      second.add(sentences[(i + 7) % sentences.length])
    }
    const got = [first.finish(), second.finish()]
    await breathe()
    const want = [reference(sentences)]
    await breathe()
    want.push(reference(sentences.map((_, i) => sentences[(i + 7) % sentences.length])))
    // Compared as JSON: a deep comparison of arrays of 250,000 numbers takes vitest seconds.
    got.forEach((g, i) => expect(JSON.stringify({vocabulary: g.vocabulary, termStarts: [...g.termStarts], termIds: [...g.termIds], termTfs: [...g.termTfs]})).toBe(JSON.stringify(want[i])))
  })

  it('tell apart words of one length whose hashes are equal, and words differing only in case, apostrophe or joiner', async () => {
    // Words of six letters until some pairs share their whole 32-bit hash (a birthday search)
    // yet give different terms: the counter's table finds words by hash, so only a comparison
    // of the words themselves keeps such a pair apart.
    const next = random(7)
    const byHash = new Map<number, string>()
    const pairs: string[][] = []
    for (let i = 0; i < 400_000 && pairs.length < 4; i++) {
      let word = ''
      for (let j = 0; j < 6; j++) word += String.fromCharCode(97 + Math.floor(next() * 26))
      const hash = unitsHash(word)
      const other = byHash.get(hash)
      if (other !== undefined && other !== word && normaliseTerm(other) !== normaliseTerm(word)) pairs.push([other, word])
      byHash.set(hash, word)
    }
    expect(pairs.length).toBeGreaterThan(0)
    await breathe()
    const variants = ["Tax tax TAX tax's tax’s taxes Taxes' well-known well.known wellknown well--known don't dont don’t", 'U.S. US us U.S U.K.-based e-mail email e.mail 2.5 2,5 25 2-5 2.5.1 résumé resume résume']
    const sentences = [...variants, ...pairs.flatMap(([a, b]) => [`${a} then ${b}.`, `${b}, ${a} and ${b} again.`, `${a.toUpperCase()} ${b}`])]
    const counter = new TermCounter()
    for (const sentence of sentences) counter.add(sentence)
    const got = counter.finish()
    expect({vocabulary: got.vocabulary, termStarts: [...got.termStarts], termIds: [...got.termIds], termTfs: [...got.termTfs]}).toEqual(reference(sentences))
    for (const [a, b] of pairs) expect(got.vocabulary.split('\n')).toEqual(expect.arrayContaining([normaliseTerm(a), normaliseTerm(b)]))
  })

  it('are the plain count of random sentences of many scripts, astral letters and emoji, CRLF, tabs and empty ones, with two counters interleaved', async () => {
    const pieces = ['Tax', 'tax', "tax's", 'taxes', 'well-known', 'U.S.', '2.5', '12,000', 'résumé', 'e\u0301te\u0301', 'ß', 'STRASSE', 'Жилье', 'الدين', 'ارتفع', '٢٠٢٠', '四月', 'Ⅻ', '𝐀lpha', 'alpha', '😀', 'fell', 'rose', 'the', 'a', "'", '’', '.', '-', ' ', '  ', '\t', '\r\n', '\n', ',', '%', '\ud83d', '\u00a0']
    const next = random(31)
    const sentences: string[] = []
    for (let i = 0; i < 6_000; i++) {
      let sentence = ''
      const length = Math.floor(next() * 16)
      for (let j = 0; j < length; j++) sentence += pieces[Math.floor(next() * pieces.length)]
      sentences.push(i % 97 === 0 ? '' : sentence)
    }
    const first = new TermCounter()
    const second = new TermCounter()
    for (const [i, sentence] of sentences.entries()) {
      first.add(sentence)
      if (i % 3 === 0) second.add(sentences[sentences.length - 1 - i])
    }
    const got = [first.finish(), second.finish()]
    await breathe()
    const want = [reference(sentences), reference(sentences.flatMap((_, i) => (i % 3 === 0 ? [sentences[sentences.length - 1 - i]] : [])))]
    got.forEach((g, i) => expect({vocabulary: g.vocabulary, termStarts: [...g.termStarts], termIds: [...g.termIds], termTfs: [...g.termTfs]}).toEqual(want[i]))
    expect(got[0].vocabulary).toContain('ارتفع')
    expect(got[0].vocabulary).toContain('𝐀lpha')
  })

  it('stay the plain count across tens of thousands of distinct long numbers, some longer than any the counter keeps', async () => {
    // Numbers of 150 to 300 digits (numbers, not words of letters: stemming those would take
    // the test most of a minute): their code units fill the counter's store of words long
    // before its count of words does, and the longest are never kept at all.
    const next = random(11)
    const sentences = Array.from({length: 6_000}, () => Array.from({length: 8}, () => {
      let word = ''
      const length = 150 + Math.floor(next() * 150)
      for (let j = 0; j < length; j++) word += String.fromCharCode(48 + Math.floor(next() * 10))
      return word
    }).join(' '))
    // Every fifth sentence repeats the words of the one five before: met again after the store was emptied.
    for (let i = sentences.length - 1; i >= 5; i -= 5) sentences[i] += ` tax ${sentences[i - 5]}`
    const counter = new TermCounter()
    for (const [i, sentence] of sentences.entries()) {
      if (i % 500 === 0) await breathe()
      counter.add(sentence)
    }
    const got = counter.finish()
    await breathe()
    expect(JSON.stringify({vocabulary: got.vocabulary, termStarts: [...got.termStarts], termIds: [...got.termIds], termTfs: [...got.termTfs]})).toBe(JSON.stringify(reference(sentences)))
  })

  it('refuse a sentence after the counter finished (its arrays have passed to the next counter)', () => {
    const counter = new TermCounter()
    counter.add('Tax rose.')
    counter.finish()
    expect(() => counter.add('Tax fell.')).toThrow(/after finish/)
  })
})
