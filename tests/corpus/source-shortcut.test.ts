import commonmark from 'commonmark-spec'
import {readFileSync} from 'node:fs'
import {extname, join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {briefText} from '../../bench/lib/generate'
import {Rng} from '../../bench/lib/prng'
import {parseSource} from '../../server/src/engine/corpus/parsed-source'
import {readSource, SOURCE_EXTENSIONS} from '../../server/src/engine/corpus/read-source'
import {plainParagraphs} from '../../server/src/engine/markdown/source-prose'
import {breathe} from '../helpers/breathe'
import {CORPUS_DIRS, filesUnder} from '../helpers/corpus-files'

/**
 * The plain-paragraph shortcut of source-prose.ts (issue #15: a faster cold index) must index
 * exactly what the full remark parse indexes: same sentence texts, file offsets, pages,
 * sections, metadata, warnings and index terms. The reference is the old path itself, still
 * callable (`readSource(…, {shortcut: false})`), run on every Markdown and text source this
 * checkout and ../shared hold, on generated benchmark briefs and on generated documents built
 * from the syntax that could fool the shortcut.
 */
function both(path: string, text: string) {
  const full = parseSource({path, text}, readSource(path, text, {shortcut: false}))
  const fast = parseSource({path, text})
  return {full, fast}
}

describe('plain-paragraph shortcut: identical sources', () => {
  const files = CORPUS_DIRS.flatMap((d) => filesUnder(d, SOURCE_EXTENSIONS)).filter((f) => ['.md', '.markdown', '.txt'].includes(extname(f).toLowerCase()))

  it('finds the project fixtures', () => {
    expect(files.filter((f) => f.startsWith('tests/fixtures/') && f.endsWith('.md')).length).toBeGreaterThan(20)
  })

  it.each(files)('%s', (path) => {
    const {full, fast} = both(path, readFileSync(path, 'utf8'))
    expect(fast).toEqual(full)
  })

  it('gives identical results on 300 generated benchmark briefs, most of whose text takes the shortcut', async () => {
    let plain = 0
    let total = 0
    for (let i = 0; i < 300; i++) {
      await breathe()
      const {text} = briefText(i)
      const {full, fast} = both(`/bench/brief-${i}.md`, text)
      expect(fast).toEqual(full)
      total += text.length
      for (const p of plainParagraphs(text)) plain += p.end - p.start
    }
    expect(plain / total).toBeGreaterThan(0.5)
  })
})

/** Lines that make a paragraph anything but plain, or are plain in tricky ways. */
const LINES = [
  'The council spent 4.5 million on roads in 2023.',
  'Dr. Smith said it rose 3% (from 2.1%) in the year to May 24. During June it fell.',
  'Growth 📈 was 5.2 per cent, بحسب التقرير, über 20 % der Fälle.',
  '1999 was a dry year: rainfall fell to 410 mm!',
  'A footnote mark\\* and a \\[bracket\\] and a back\\\\slash.',
  'Ends with a backslash\\',
  'Some *emphasis*, __strong__ and `code` here.',
  'A [link](http://example.org/a) and [ref] and ![image](x.png).',
  'See note[^1] for the figure.',
  '[^1]: The footnote holds 42 per cent.',
  '[ref]: http://example.org/ref',
  'Tom &amp; Jerry &copy; 2020, R&D.',
  'An inline <!-- page 4 --> comment.',
  '<!-- page 3 -->',
  '<!--',
  '-->',
  '<div>',
  '</div>',
  '<pre>',
  '</pre>',
  'Two trailing spaces  ',
  'One trailing space ',
  '\tTabbed start',
  'Tab\tinside',
  '    indented four',
  '  indented two',
  '# Heading one',
  '## Section two',
  'Setext heading',
  '===',
  '---',
  '***',
  '- bullet item',
  '* star item',
  '+ plus item',
  '1. ordered item',
  '2) other item',
  '  - nested item',
  '> quoted line',
  '> ```',
  '```',
  ' ```',
  '~~~',
  '| a | b |',
  '|---|---|',
  'a | b',
  '--|--',
  '+++',
  'x',
  '\u00a0non-breaking start',
  '\ufeffmark',
]

function generatedDocument(rng: Rng): string {
  const lines: string[] = []
  if (rng.next() < 0.3) lines.push('---', 'title: "Generated"', '', 'note: plain words', '---')
  const count = rng.int(3, 40)
  for (let i = 0; i < count; i++) {
    const r = rng.next()
    if (r < 0.3) lines.push('')
    else if (r < 0.6) lines.push(LINES[rng.int(0, 3)])
    else lines.push(LINES[rng.int(0, LINES.length - 1)])
  }
  const newline = rng.next() < 0.2 ? '\r\n' : '\n'
  return lines.join(newline) + (rng.next() < 0.5 ? newline : '')
}

describe('plain-paragraph shortcut: generated documents', () => {
  it('gives identical results on 1,500 documents mixing plain paragraphs with every block and inline syntax', async () => {
    const rng = new Rng(20261207)
    let tried = 0
    for (let i = 0; i < 1500; i++) {
      if (i % 50 === 0) await breathe()
      const text = generatedDocument(rng)
      if (plainParagraphs(text).length > 0) tried++
      const {full, fast} = both(`/generated/doc-${i}.md`, text)
      expect(fast, text).toEqual(full)
    }
    expect(tried).toBeGreaterThan(500)
  })

  it('gives identical results on every example of the CommonMark spec, alone and after a plain paragraph', async () => {
    let tried = 0
    for (const example of commonmark.tests) {
      if (example.number % 50 === 0) await breathe()
      for (const text of [example.markdown, `Plain words first.\n\n${example.markdown}\nPlain words last.\n`]) {
        if (plainParagraphs(text).length > 0) tried++
        const {full, fast} = both(`/spec/example-${example.number}.md`, text)
        expect(fast, text).toEqual(full)
      }
    }
    expect(tried).toBeGreaterThan(commonmark.tests.length)
  })

  it('falls back to the full parse where a plain-looking paragraph is code', () => {
    // The list item's fence closes with its item; ` ```` then opens a top-level fence that runs
    // to the end, so "Plain words here." is code, although the scan took it for a paragraph.
    const text = '- item\n\n  ```\n  code\n ```\n\nPlain words here.\n\nMore plain words.\n'
    expect(plainParagraphs(text).length).toBeGreaterThan(0)
    const {full, fast} = both('/generated/fence.md', text)
    expect(fast).toEqual(full)
    // The sentence texts are UTF-8 bytes (issue #15): decoded to look for the words.
    expect(Buffer.from(fast.text).toString('utf8')).not.toContain('Plain words')
    expect(Buffer.from(fast.text).toString('utf8')).toContain('item')
  })
})
