import {describe, expect, it} from 'vitest'
import {corpusOf, messagesOf} from '../helpers/engine'
import {extractFigures} from '../../server/src/engine/figures/extract'
import {directionOf} from '../../server/src/engine/matching/direction'

/** An invented bus operator: one source with a fall, a rise and a level. */
const corpus = corpusOf({
  'buses.md': [
    '---', 'id: fenwick2023buses', 'title: "Fenwick Buses 2023"', 'date: 2023-12-01', '---', '',
    'Bus ridership in Fenwick fell 12% in 2023 after the route cuts.', '',
    'Average fares on Fenwick buses rose by 4% in January.', '',
    'The Fenwick depot houses 140 buses.',
  ].join('\n'),
})
const conflicts = (text: string) => messagesOf(text, corpus).filter((m) => m.ruleId === 'figure-conflict').map((m) => m.reason)

describe('direction words in figure comparison', () => {
  it('flags the same value moving the other way', () => {
    expect(conflicts('Bus ridership in Fenwick rose 12% in 2023 after the route cuts.')).toEqual([
      'Draft says 12% (a rise); "Fenwick Buses 2023" (Dec 1, 2023) says 12% (a fall).',
    ])
    expect(conflicts('Average fares on Fenwick buses dropped by 4% in January.')).toEqual([
      'Draft says 4% (a fall); "Fenwick Buses 2023" (Dec 1, 2023) says 4% (a rise).',
    ])
  })

  it('does not flag a change in other words, or a level with no direction', () => {
    expect(conflicts('Bus ridership in Fenwick declined by 12% in 2023 after the route cuts.')).toEqual([])
    expect(conflicts('A 12% reduction in Fenwick bus ridership followed the route cuts in 2023.')).toEqual([])
    expect(conflicts('Average fares on Fenwick buses went up 4% in January.')).toEqual([])
    expect(conflicts('The Fenwick depot now houses 140 buses.')).toEqual([])
  })

  it.each<[string, string, 'up' | 'down' | undefined]>([
    ['Leakage fell to 21% of supply.', '21%', 'down'],
    ['Take-up rose from 64% to 89% within a year.', '64%', 'up'],
    ['Costs were 5% lower than planned.', '5%', undefined],
    ['It reported a 5% decrease in cases.', '5%', 'down'],
    ['A twelve percent reduction left the budget at $6 million.', 'twelve percent', 'down'],
    ['Revenue was down 18.4% from 2019.', '18.4%', 'down'],
    ['A mandate slowed daily case growth by half a percentage point.', 'half a percentage point', undefined],
    ['Turnout, at 64%, was the highest since 1990.', '64%', undefined],
  ])('%s → %s is %s', (text, span, expected) => {
    const figures = extractFigures(text)
    const figure = figures.find((f) => f.text === span)!
    expect(directionOf(text, figure, figures)).toBe(expected)
  })
})
