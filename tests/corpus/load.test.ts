import {chmodSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadCorpus} from '../../server/src/engine/corpus/load'
import {SEEDS, SEEDS_MISSING, workspace} from '../helpers/cli'

describe('loading a corpus', () => {
  it.skipIf(SEEDS_MISSING)('reads the real scraped seed briefs: titles, authors, dates, keys, references', async () => {
    const corpus = await loadCorpus([SEEDS], {baseDir: process.cwd()})
    expect(corpus.problems).toEqual([])
    expect(corpus.sources.map((s) => [s.key, s.title, s.authors, s.date])).toEqual([
      ['borshchevskaya2019what', 'What to Expect from the U.S.-Russia Meeting in Jerusalem', ['Anna Borshchevskaya'], '2019-06-12'],
      ['canrussiahelp', 'Can Russia Help Biden Get a Comprehensive Agreement with Iran?', [], undefined],
    ])
    expect(corpus.sources[0].reference).toBe('Anna Borshchevskaya, "What to Expect from the U.S.-Russia Meeting in Jerusalem," June 12, 2019')
    // No navigation debris became a sentence.
    const texts = corpus.sentences.map((s) => s.text)
    expect(texts.some((t) => /RECOMMENDED|REGIONS & COUNTRIES|Also available in|\]\(/.test(t))).toBe(false)
  })

  it('keeps exact offsets of every sentence in its file', async () => {
    const dir = workspace({'brief.md': '---\ntitle: T\n---\n\nThe *dam* rose to\n120 metres in [2019](https://x.org). It cost $2.4 billion.\n'})
    const corpus = await loadCorpus([dir], {baseDir: dir})
    const file = '---\ntitle: T\n---\n\nThe *dam* rose to\n120 metres in [2019](https://x.org). It cost $2.4 billion.\n'
    expect(corpus.sentences.map((s) => file.slice(s.start, s.end))).toEqual(['The *dam* rose to\n120 metres in [2019](https://x.org).', 'It cost $2.4 billion.'])
    expect(corpus.rangeOf(1)).toEqual({start: {line: 5, character: 37}, end: {line: 5, character: 58}})
  })

  it('takes metadata and keys from a BibTeX file and from CSL-JSON', async () => {
    const dir = workspace({
      'a.md': '---\ntitle: "Harbour Dredging Costs"\n---\n\nDredging cost $40 million.\n',
      'b.md': '---\ntitle: "Ferry Timetables Revised"\nurl: https://ferries.example.org/2020\n---\n\nFerries run every 20 minutes.\n',
      'refs.bib': '@report{port2021,\n  title = {Harbour Dredging Costs},\n  author = {Lund, Ada and Berg, Ola},\n  year = {2021},\n  institution = {Port Authority},\n}\n',
      'more.csl.json': JSON.stringify([{id: 'ferry2020', title: 'Ferry Timetables Revised', author: [{family: 'Moe', given: 'Tor'}], issued: {'date-parts': [[2020, 5]]}, URL: 'https://ferries.example.org/2020'}]),
    })
    const corpus = await loadCorpus([dir], {baseDir: dir})
    expect(corpus.problems).toEqual([])
    expect(corpus.sources.map((s) => [s.key, s.authors, s.date, s.publisher])).toEqual([
      ['port2021', ['Ada Lund', 'Ola Berg'], '2021', 'Port Authority'],
      ['ferry2020', ['Tor Moe'], '2020-05', undefined],
    ])
  })

  it('reports unreadable files with a reason and indexes the rest', async () => {
    const dir = workspace({
      'good.md': '---\ntitle: Good\n---\n\nThe fleet had 40 ships.\n',
      'broken.md': '---\ntitle: [oops\n---\n\nThe fleet had 41 ships.\n',
      'empty.txt': '',
      'refs.bib': '@article{x, title = {unterminated',
    })
    writeFileSync(join(dir, 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]))
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from('Caf\xe9 prices rose 5%.', 'latin1'))
    writeFileSync(join(dir, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Tolls rose 7% in 2020.\n', 'utf16le')]))
    symlinkSync(join(dir, 'loop-a.md'), join(dir, 'loop-b.md'))
    symlinkSync(join(dir, 'loop-b.md'), join(dir, 'loop-a.md'))
    const corpus = await loadCorpus([dir], {baseDir: dir})
    const problems = Object.fromEntries(corpus.problems.map((p) => [p.path.slice(dir.length + 1), p.reason]))
    expect(problems['binary.md']).toBe('binary file (contains NUL bytes)')
    expect(problems['latin1.txt']).toBe('not valid UTF-8 text')
    expect(problems['broken.md']).toMatch(/^broken front matter: /)
    expect(problems['refs.bib']).toMatch(/^bibliography could not be parsed: /)
    expect(corpus.sentences.map((s) => s.text)).toEqual(expect.arrayContaining(['The fleet had 40 ships.', 'The fleet had 41 ships.', 'Tolls rose 7% in 2020.']))
  })

  it('refuses a file over the size cap without reading it', async () => {
    const dir = workspace({'big.md': 'x'.repeat(2048)})
    const corpus = await loadCorpus([dir], {baseDir: dir, maxFileBytes: 1024})
    expect(corpus.problems).toEqual([{path: join(dir, 'big.md'), reason: 'file is 0.0 MB, over the 0 MB limit'}])
  })

  it('reports a corpus path that does not exist', async () => {
    const corpus = await loadCorpus(['nowhere'], {baseDir: '/tmp'})
    expect(corpus.problems).toEqual([{path: '/tmp/nowhere', reason: 'corpus path does not exist'}])
    void chmodSync
  })
})
