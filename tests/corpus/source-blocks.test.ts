import commonmark from 'commonmark-spec'
import {readFileSync} from 'node:fs'
import {extname} from 'node:path'
import {describe, expect, it} from 'vitest'
import {briefText} from '../../bench/lib/generate'
import {Rng} from '../../bench/lib/prng'
import {SOURCE_EXTENSIONS} from '../../server/src/engine/corpus/read-source'
import {parseSourceMarkdown} from '../../server/src/engine/markdown/parse'
import {collectProse} from '../../server/src/engine/markdown/prose'
import {simpleDocument} from '../../server/src/engine/markdown/source-blocks'
import {collectSourceProse, plainParagraphs} from '../../server/src/engine/markdown/source-prose'
import {breathe} from '../helpers/breathe'
import {CORPUS_DIRS, filesUnder} from '../helpers/corpus-files'

/**
 * The simple-document reader of source-blocks.ts (issue #18: ingestion at 5 MB/s is bound by the
 * parse) must give exactly what remark gives: the whole prose document (every block's kind,
 * text, offset map, section, header cells, a heading's depth and offsets, front matter) compared
 * with `collectProse(parseSourceMarkdown(text), text)` wherever the reader answers. Whether it
 * answers is counted, so a reader that refuses everything cannot pass either. Where it does not
 * answer, `collectSourceProse` stands in for the simple blocks it can (tables, emphasis lines,
 * block quotes) and lets remark parse the rest: compared the same way on every document.
 */
function expectSame(text: string): boolean {
  const reference = collectProse(parseSourceMarkdown(text), text)
  const simple = simpleDocument(text)
  if (simple !== undefined) expect(simple, JSON.stringify(text)).toStrictEqual(reference)
  expect(collectSourceProse(text), JSON.stringify(text)).toStrictEqual(reference)
  return simple !== undefined
}

describe('simple-document reader: corpus and benchmark sources', () => {
  const files = CORPUS_DIRS.flatMap((d) => filesUnder(d, SOURCE_EXTENSIONS)).filter((f) => ['.md', '.markdown'].includes(extname(f).toLowerCase()))

  it('reads every Markdown source of the fixtures, examples, seeds and devset as remark does, where it answers', async () => {
    expect(files.length).toBeGreaterThan(20)
    let answered = 0
    for (const path of files) {
      await breathe()
      if (expectSame(readFileSync(path, 'utf8'))) answered++
    }
    expect(answered).toBeGreaterThan(0)
  })

  it('answers for the generated benchmark briefs, identically', async () => {
    let answered = 0
    for (let i = 0; i < 300; i++) {
      if (i % 20 === 0) await breathe()
      if (expectSame(briefText(i).text)) answered++
    }
    expect(answered).toBeGreaterThan(290)
  })

  it('agrees on every example of the CommonMark spec, alone and between plain paragraphs', async () => {
    for (const example of commonmark.tests) {
      if (example.number % 50 === 0) await breathe()
      expectSame(example.markdown)
      expectSame(`Plain words first.\n\n${example.markdown}\nPlain words last.\n`)
      expectSame(`# A heading\n${example.markdown}`)
    }
  })
})

const WORDS = ['The', 'council', 'spent', '4.5', 'million', 'on', 'roads', 'in', '2023.', 'Dr.', 'Smith', '“quoted”', '"plain"', '3%', '(from', '2.1%)', '$1,200', '€48', 'e.g.', 'über', 'بحسب', 'التقرير', '📈', '—', 'x', 'A.', 'rose', 'to', 'ended.']
/** Characters and strings that make a block anything but simple, or simple in tricky ways. */
const SOUP = ['|', '\\', '\\|', '\\*', '\\\\', '*', '_', '**', '`', '<', '>', '&', '&amp;', '&#42;', '\t', '[', ']', '[^1]', '~', '#', ' #', '  ', ' ', '!', '<!-- c -->', '\r', '\r\n', '\n', '\n\n', '-', ':', '\u00a0', '\ufeff', '\0', '=', '+', '1.', '---']

function phrase(rng: Rng, min = 1, max = 10): string {
  const n = rng.int(min, max)
  const words: string[] = []
  for (let i = 0; i < n; i++) words.push(rng.pick(WORDS))
  return words.join(' ')
}

/** Words that open a block at the start of a line but not inside a heading or a cell. */
const OPENERS = ['-', '---', ':-', '1.', '2)', '#', '>', '+', '=', '===', '* * *']

function cellText(rng: Rng): string {
  const r = rng.next()
  if (r < 0.05) return rng.pick(OPENERS)
  if (r < 0.1) return ''
  if (r < 0.2) return ' '.repeat(rng.int(1, 3))
  return `${' '.repeat(rng.int(0, 2))}${phrase(rng, 1, 3)}${' '.repeat(rng.int(0, 2))}`
}

function table(rng: Rng): string[] {
  const columns = rng.int(1, 4)
  const row = (cells: number) => `|${Array.from({length: cells}, () => cellText(rng)).join('|')}|`
  const delimiter = () => rng.pick(['---', ' --- ', ':-', '-:', ' :-: ', '-', ' ---: '])
  const lines = [row(columns), `|${Array.from({length: rng.chance(0.9) ? columns : columns + 1}, delimiter).join('|')}|`]
  const rows = rng.int(0, 5)
  for (let i = 0; i < rows; i++) lines.push(row(rng.chance(0.8) ? columns : rng.int(1, columns + 2)))
  return lines
}

function block(rng: Rng): string[] {
  const r = rng.next()
  if (r < 0.2) return [`${'#'.repeat(rng.int(1, 7))} ${rng.chance(0.1) ? `${rng.pick(OPENERS)} ` : ''}${phrase(rng)}${rng.chance(0.05) ? ' #' : ''}`]
  if (r < 0.4) return Array.from({length: rng.int(1, 3)}, () => phrase(rng, 2, 14))
  if (r < 0.5) {
    const marker = rng.pick(['*', '_', '**', '__', '*'])
    return [`${marker}${phrase(rng)}${rng.chance(0.9) ? marker : rng.pick(['*', '_', ''])}`]
  }
  if (r < 0.6) return Array.from({length: rng.int(1, 3)}, () => `> ${phrase(rng)}`)
  if (r < 0.75) {
    const marker = rng.pick(['-', '*', '+', '1.', '2)', '10.'])
    return Array.from({length: rng.int(1, 4)}, () => `${rng.chance(0.9) ? marker : rng.pick(['-', '1.'])} ${phrase(rng)}`)
  }
  return table(rng)
}

const FRONT = [
  ['---', 'title: "A report"', 'date: 2023-01-01', '---'],
  ['---', '---'],
  ['---', '', 'a: 1', '', '---'],
  ['--- ', 'a: b', '---\t'],
  ['+++', 'title = "A"', '+++'],
  ['---', 'title: never closed'],
]

function generatedDocument(rng: Rng): string {
  const lines: string[] = []
  if (rng.chance(0.4)) lines.push(...rng.pick(FRONT))
  const count = rng.int(1, 8)
  for (let i = 0; i < count; i++) {
    lines.push(...block(rng))
    if (rng.chance(0.85)) lines.push(rng.pick(['', '', '', '  ', '\t']))
  }
  const newline = rng.chance(0.2) ? '\r\n' : '\n'
  return lines.join(newline) + (rng.chance(0.5) ? newline : '')
}

/** The document with a few random edits: soup inserted, characters deleted, lines indented or given trailing blanks. */
function mutated(rng: Rng, text: string): string {
  let out = text
  const edits = rng.int(1, 3)
  for (let i = 0; i < edits; i++) {
    const at = rng.int(0, out.length)
    const r = rng.next()
    if (r < 0.6) out = out.slice(0, at) + rng.pick(SOUP) + out.slice(at)
    else if (r < 0.75) out = out.slice(0, at) + out.slice(at + 1)
    else {
      const lineStart = out.lastIndexOf('\n', at - 1) + 1
      out = out.slice(0, lineStart) + rng.pick([' ', '  ', '   ', '    ', '\t']) + out.slice(lineStart)
    }
  }
  return out
}

describe('simple-document reader: generated documents', () => {
  it('agrees with remark on 2,000 generated documents of simple blocks, and answers for a third', async () => {
    const rng = new Rng(20261207)
    let answered = 0
    for (let i = 0; i < 2000; i++) {
      if (i % 100 === 0) await breathe()
      if (expectSame(generatedDocument(rng))) answered++
    }
    expect(answered).toBeGreaterThan(500)
  })

  it('agrees with remark on 5,000 randomly mutated ones (markup soup, deletions, indentation)', async () => {
    const rng = new Rng(18)
    let answered = 0
    let refused = 0
    let blocksStoodIn = 0
    for (let i = 0; i < 5000; i++) {
      if (i % 100 === 0) await breathe()
      const text = mutated(rng, generatedDocument(rng))
      if (expectSame(text)) answered++
      else {
        refused++
        if (plainParagraphs(text).some((p) => p.build)) blocksStoodIn++
      }
    }
    expect(answered).toBeGreaterThan(250)
    expect(blocksStoodIn).toBeGreaterThan(1000)
    expect(refused).toBeGreaterThan(2500)
  })

  it('agrees on mutations of benchmark briefs', async () => {
    const rng = new Rng(2026)
    let answered = 0
    for (let i = 0; i < 200; i++) {
      if (i % 20 === 0) await breathe()
      if (expectSame(mutated(rng, briefText(1000 + i).text))) answered++
    }
    expect(answered).toBeGreaterThan(20)
  })
})
