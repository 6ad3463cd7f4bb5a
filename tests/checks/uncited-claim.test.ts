import {describe, expect, it} from 'vitest'
import {corpusOf, findings} from '../helpers/engine'

const empty = corpusOf({})

describe('uncited-claim', () => {
  it.each([
    ['a figure', 'The dam cost $2.4 billion to build.'],
    ['a date and a named body', 'The Orrin Basin Authority approved the plan in May 2019.'],
    ['an attribution', 'The minister said the valley would never flood again.'],
    ['a past event with no digit', 'The contractor abandoned the site after the strike.'],
    ['a quotation', 'Engineers called it "the tallest dam on the river."'],
  ])('flags an uncited sentence with %s', (_what, text) => {
    expect(findings(text, empty)).toEqual([`1:1-1:${text.length + 1} uncited-claim`])
  })

  it.each([
    ['a question', 'Will the dam be finished before the next drought?'],
    ['advice', 'The authority should publish its safety audits.'],
    ['the writer’s opinion', 'In our view, the reservoir is worth its cost.'],
    ['a recommendation', 'We recommend an independent review of the spillway.'],
    ['a sentence about the brief', 'This brief examines the dam’s costs and schedule.'],
    ['the writer’s working notes', 'We keep our notes in a shared folder.'],
  ])('does not flag %s', (_what, text) => {
    expect(findings(text, empty)).toEqual([])
  })

  it.each([
    ['a footnote', 'The dam cost $2.4 billion.[^1]\n\n[^1]: Quint, 2021.'],
    ['a pandoc key', 'The dam cost $2.4 billion [@basin2021dam].'],
    ['a web link', 'The dam cost [$2.4 billion](https://basin.example.org/orrin-dam).'],
    ['an author–date parenthetical', 'The dam cost $2.4 billion (Quint 2021).'],
  ])('does not flag a sentence cited with %s', (_what, text) => {
    expect(findings(text, empty).filter((f) => f.endsWith('uncited-claim'))).toEqual([])
  })

  it('does not count an e-mail link as a citation', () => {
    expect(findings('Ask [the desk](mailto:desk@example.org): the dam cost $2.4 billion.', empty)).toEqual(['1:1-1:68 uncited-claim'])
  })

  it('lets a citation at the end of a paragraph cover it with citationScope "paragraph"', () => {
    const text = 'The dam cost $2.4 billion. It employed 3,200 workers.[^1]\n\n[^1]: Quint, 2021.'
    expect(findings(text, empty)).toEqual(['1:1-1:27 uncited-claim'])
    expect(findings(text, empty, {citationScope: 'paragraph'})).toEqual([])
  })

  it('never flags headings, table cells or footnote definitions', () => {
    const text = '# The dam cost $2.4 billion in 2021\n\n| Year | Cost |\n|---|---|\n| 2021 | $2.4 billion |\n\n[^1]: The dam cost $2.4 billion.\n'
    expect(findings(text, empty)).toEqual([])
  })

  it('honours disable comments, also inline in a list item', () => {
    const text = '- The dam cost $2.4 billion. <!-- briefcheck-disable-line uncited-claim -->\n\n<!-- briefcheck-disable-next-line -->\nIt employed 3,200 workers.\n\nIt displaced 1,800 residents.\n'
    expect(findings(text, empty)).toEqual(['6:1-6:30 uncited-claim'])
  })

  it('is silenced for the whole file by a disable-file comment', () => {
    expect(findings('<!-- briefcheck-disable-file uncited-claim -->\n\nThe dam cost $2.4 billion.', empty)).toEqual([])
  })
})
