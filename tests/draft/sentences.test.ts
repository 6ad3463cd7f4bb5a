import {describe, expect, it} from 'vitest'
import {readDraft} from '../../server/src/engine/markdown/draft'

/** The draft text a sentence's range covers, cut with LSP positions as an editor would. */
function cut(text: string, range: {start: {line: number; character: number}; end: {line: number; character: number}}): string {
  const lines = text.split(/\r\n|\r|\n/)
  if (range.start.line === range.end.line) return lines[range.start.line].slice(range.start.character, range.end.character)
  const parts = [lines[range.start.line].slice(range.start.character)]
  for (let l = range.start.line + 1; l < range.end.line; l++) parts.push(lines[l])
  parts.push(lines[range.end.line].slice(0, range.end.character))
  return parts.join('\n')
}

describe('draft sentences', () => {
  it.each([
    ['emoji before the sentence', '😀 Tanks 🚀 moved 40 km. Then they stopped.', ['😀 Tanks 🚀 moved 40 km.', 'Then they stopped.']],
    ['Arabic text', 'قال المسؤول إن القوات انسحبت. The talks began in 2019.', ['قال المسؤول إن القوات انسحبت.', 'The talks began in 2019.']],
    ['tabs inside a line', 'Costs\trose 12% in 2021.', ['Costs\trose 12% in 2021.']],
    ['emphasis, links and inline code', 'The *dam* is [120 m](https://x.org) tall per `v1.2`. Next one.', ['The *dam* is [120 m](https://x.org) tall per `v1.2`.', 'Next one.']],
    ['a day of the month ending a sentence', 'The ferry strike ended on June 12. Services resumed at 7.30 the next day.', ['The ferry strike ended on June 12.', 'Services resumed at 7.30 the next day.']],
    ['a small count ending a sentence', 'The fleet had 14. Most were old; version 2.5 of the plan kept 3.5 of them.', ['The fleet had 14.', 'Most were old; version 2.5 of the plan kept 3.5 of them.']],
  ])('gives exact ranges with %s', (_name, text, expected) => {
    const draft = readDraft(text)
    expect(draft.sentences.map((s) => cut(text, s.range))).toEqual(expected)
  })

  it('keeps ranges exact across CRLF soft line breaks', () => {
    const text = '# Title\r\n\r\nThe fleet grew to 40 ships\r\nin 2019. It shrank later.\r\n'
    const draft = readDraft(text)
    expect(draft.sentences.map((s) => s.range)).toEqual([
      {start: {line: 2, character: 0}, end: {line: 3, character: 8}},
      {start: {line: 3, character: 9}, end: {line: 3, character: 25}},
    ])
    expect(draft.sentences[0].text).toBe('The fleet grew to 40 ships in 2019.')
  })

  it('never reads front matter, code, HTML, headings, link URLs or footnote definitions as prose', () => {
    const text = [
      '---',
      'title: Fleet size 2019',
      '---',
      '# Heading with 2020',
      '',
      '```',
      'The fleet had 40 ships.',
      '```',
      '',
      '<div>Costs rose 12%.</div>',
      '',
      'See [the report](https://example.org/2021/report-45) for more.[^1]',
      '',
      '[^1]: Ministry of Fleets, Annual report 2021.',
    ].join('\n')
    const texts = readDraft(text).sentences.map((s) => s.text)
    expect(texts).toEqual(['See the report for more.'])
  })

  it('reads paragraphs in list items, block quotes and table cells', () => {
    const text = '- The port opened in 1990.\n\n> "We will build," he said.\n\n| Year | Ships |\n|---|---|\n| 2019 | 40 |\n'
    const kinds = readDraft(text).sentences.map((s) => `${s.blockKind}: ${s.text}`)
    expect(kinds).toEqual(['list-item: The port opened in 1990.', 'blockquote: "We will build," he said.', 'cell: Year', 'cell: Ships', 'cell: 2019', 'cell: 40'])
  })

  it('blanks code spans so their digits and dots are neither figures nor sentence ends', () => {
    const [sentence] = readDraft('Data are in `v3.2-2019.csv` today.').sentences
    expect(sentence.analysisText).toBe('Data are in xxxxxxxxxxxxxxx today.')
  })
})

describe('citations attached to sentences', () => {
  it.each([
    ['footnote', 'It rose 16%.[^k] Next.\n\n[^k]: A report.', 'footnote:k'],
    ['pandoc key', 'It rose 16% [see @joo2021, p. 4]. Next.', 'pandoc:joo2021'],
    ['link', 'It rose 16% per [the study](https://x.org/a). Next.', 'link:https://x.org/a'],
    ['author–date', 'It rose 16% (Van Dyke et al., 2020). Next.', 'author-date:Van Dyke et al. 2020'],
  ])('attaches a %s to its own sentence only', (_kind, text, expected) => {
    const [first, second] = readDraft(text).sentences
    expect(first.citations.map((c) => `${c.kind}:${c.target}`)).toEqual([expected])
    expect(second.citations).toEqual([])
  })

  it('carries the page locator of a pandoc citation', () => {
    const [s] = readDraft('It rose [@joo2021, p. 4].').sentences
    expect(s.citations[0].locator).toBe('p. 4')
  })

  it('does not read a bare year in parentheses or a pandoc-like e-mail as a citation', () => {
    const [s] = readDraft('Write to `desk@example.org` about the 40 ships (2019).').sentences
    expect(s.citations).toEqual([])
  })
})
