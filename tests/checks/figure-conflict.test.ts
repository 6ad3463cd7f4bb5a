import {describe, expect, it} from 'vitest'
import {corpusOf, findings, messagesOf} from '../helpers/engine'
import {tinyCorpus} from '../helpers/tiny-corpus'

const corpus = tinyCorpus()
const figureFindings = (text: string) => findings(text, corpus).filter((f) => !f.endsWith('uncited-claim'))

describe('figure-conflict', () => {
  it('names every source that disagrees, with its value', () => {
    const [m] = messagesOf('The Orrin Dam will stand 90 metres tall.', corpus).filter((m) => m.ruleId === 'figure-conflict')
    expect(m.reason).toBe('Draft says 90 metres; "The Orrin Dam: Costs and Schedule" (Mar 4, 2021) says 120 m; "Orrin Dam Review" (Aug 15, 2022) says 135 m.')
    expect(m.evidence.map((e) => [e.key, e.agrees])).toEqual([
      ['basin2021dam', false],
      ['ekwe2022orrin', false],
    ])
    expect(m.edits[0]).toMatchObject({title: 'Replace 90 metres with 120 m (per basin2021dam)', text: '120 m'})
  })

  it.each([
    ['a spelled-out number', 'Construction of the Orrin Dam began in May 2019 and should take five years.', ['1:65-1:75 figure-conflict']],
    ['a wrong year', 'Construction of the Orrin Dam began in May 2018.', ['1:40-1:48 figure-conflict']],
    ['wrong money', 'The authority put the cost of the Orrin Dam at $4.2 billion.', ['1:48-1:60 figure-conflict']],
    ['a scale slip (million for billion)', 'The authority put the cost of the Orrin Dam at $2.4 million.', ['1:48-1:60 figure-conflict']],
  ])('flags %s', (_what, text, expected) => {
    expect(figureFindings(text)).toEqual(expected)
  })

  it.each([
    ['a converted unit', 'The reservoir of the Orrin Dam will cover 1,400 hectares.'],
    ['a duration in other units', 'Construction of the Orrin Dam began in May 2019 and is scheduled to take 48 months.'],
    ['an approximation', 'The authority expects roughly 3,000 workers on site at the peak.'],
    ['a figure with no counterpart in the corpus', 'The Orrin Dam has 12 turbines.'],
    ['a count hundreds of times another, which counts something else', 'The reservoir will displace about 1,800 residents; the valley has 640,000 residents.'],
    ['digits in code and URLs', 'See `orrin-90-2019.csv` and <https://basin.example.org/90>.'],
  ])('does not flag %s', (_what, text) => {
    expect(figureFindings(text)).toEqual([])
  })

  it('reports sources-disagree (and outdated-figure: the differing source is newer) when the draft agrees with one source and another differs', () => {
    expect(figureFindings('The Orrin Dam will stand 120 metres tall.')).toEqual(['1:26-1:36 outdated-figure', '1:26-1:36 sources-disagree'])
  })

  it('reports citation-mismatch when the cited source says otherwise and another source agrees', () => {
    expect(figureFindings('The Orrin Dam will stand 135 metres tall [@basin2021dam].')).toEqual(['1:26-1:36 citation-mismatch'])
  })

  it('compares against the cited source first, and still tells that another source differs', () => {
    // The cited 2022 review is the newer source: nothing outdated.
    expect(figureFindings('The Orrin Dam will stand 135 metres tall [@ekwe2022orrin].')).toEqual(['1:26-1:36 sources-disagree'])
  })
})

describe('figure-conflict: signs and bounds', () => {
  const transit = corpusOf({
    'ridership.md': [
      '---',
      'id: lane2024riders',
      'title: "Bus Ridership in Velm, 2023"',
      'author: Ida Lane',
      'date: 2024-02-01',
      '---',
      '',
      'Weekday bus ridership in Velm fell by 4.5 percentage points in 2023.',
      '',
      'Weekday bus ridership in Velm fell by up to 6.0 percentage points in 2023 on some routes.',
    ].join('\n'),
  })
  const conflicts = (text: string) => findings(text, transit).filter((f) => f.endsWith('figure-conflict'))

  it('reads a signed change in a table cell as the decline prose states in words', () => {
    expect(conflicts('| Measure | Change |\n|---|---|\n| Weekday bus ridership in Velm, 2023 | −4.5 points |\n')).toEqual([])
  })

  it('lets an exact figure that differs outweigh a weaker "up to" bound that happens to agree', () => {
    expect(conflicts('Weekday bus ridership in Velm fell by 5.0 points in 2023.')).toHaveLength(1)
  })
})
