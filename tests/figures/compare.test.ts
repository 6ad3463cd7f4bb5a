import {describe, expect, it} from 'vitest'
import {compareFigures, formatFigure} from '../../server/src/engine/figures/compare'
import {extractFigures} from '../../server/src/engine/figures/extract'
import type {Figure} from '../../server/src/engine/figures/types'

/** The single figure of a short phrase (fails loudly if there is not exactly one). */
function fig(phrase: string): Figure {
  const figs = extractFigures(phrase).filter((f) => f.dimension !== 'identifier' || /\d/.test(phrase))
  if (figs.length !== 1) throw new Error(`${JSON.stringify(phrase)} gave ${JSON.stringify(figs.map((f) => f.text))}`)
  return figs[0]
}

type Verdict = ReturnType<typeof compareFigures>

const cases: Array<[string, string, Verdict]> = [
  // The brief's acceptance examples.
  ['40 km', '85 km', 'disagree'],
  ['53 miles', '85 km', 'agree'],
  ['60 km', '85 km', 'disagree'],
  ['September 2018', 'September 2019', 'disagree'],
  ['in 2017', 'in 2015', 'disagree'],
  ['76.3%', '73.6%', 'disagree'],
  ['seventy-one counties', '81 counties', 'disagree'],
  ['about 6 percent', '6%', 'agree'],
  ['479.7 tonnes', '497.7 tonnes', 'disagree'],
  ['a grant of $8,400', 'a grant of $4,800', 'disagree'],
  ['40 days', '60 days', 'disagree'],
  ['roughly two million people', '1,960,703 people', 'agree'],
  ['at least 40 kilometers', 'at least 85 km', 'disagree'],
  ['at least eighty-five kilometers', 'at least 85 km', 'agree'],
  // Rounding to the coarser precision.
  ['56.2%', 'about 56%', 'agree'],
  ['56.2%', '56%', 'agree'],
  ['56.8%', '56%', 'disagree'],
  ['6 ft', '1.8 metres', 'agree'],
  ['roughly 150 m', 'roughly 500 feet', 'agree'],
  ['150 m', '600 feet', 'disagree'],
  ['1.96 million riders', '2 million riders', 'agree'],
  ['1.96 million riders', '1.9 million riders', 'disagree'],
  // Approximation words and bounds.
  ['about 4,000 troops', '4,400 troops', 'agree'],
  ['about 4,000 troops', '4,500 troops', 'disagree'],
  ['at least 40 km', '85 km', 'agree'],
  ['at least 90 km', '85 km', 'disagree'],
  ['more than 4,000 troops', '4,100 troops', 'agree'],
  ['more than 4,000 troops', '3,500 troops', 'disagree'],
  ['fewer than 100 boats', '90 boats', 'agree'],
  ['fewer than 100 boats', '120 boats', 'disagree'],
  ['up to 18 months', '12 months', 'agree'],
  ['up to 18 months', '24 months', 'disagree'],
  ['more than 4,000 troops', 'at least 4,000 troops', 'agree'],
  ['at least 40 km', 'up to 60 km', 'agree'],
  // Ranges.
  ['81–100 days', '90 days', 'agree'],
  ['81–100 days', '120 days', 'disagree'],
  ['81–100 days', '81 to 100 days', 'agree'],
  ['81–100 days', '90–120 days', 'disagree'],
  ['between 92.1% and 97.4%', '95%', 'agree'],
  ['40 to 60 km', '85 km', 'disagree'],
  // Durations across units.
  ['four months', '120 days', 'agree'],
  ['four months', '118 days', 'agree'],
  ['four months', '124 days', 'agree'],
  ['four months', '110 days', 'disagree'],
  ['four months', '135 days', 'disagree'],
  ['four weeks', '28 days', 'agree'],
  ['13 weeks', '91 days', 'agree'],
  ['a quarter of an hour', '15 minutes', 'agree'],
  ['a quarter of an hour', '25 minutes', 'disagree'],
  ['two years', '24 months', 'agree'],
  ['two years', '30 months', 'disagree'],
  // Percent, points and ratios.
  // Percentage points are not percents (a 5-point fall in a 50% rate is a 10% fall): never compared.
  ['a half-percent', 'half a percentage point', 'incomparable'],
  ['2.9 percentage points', '2.9%', 'incomparable'],
  ['half a percentage point', '0.5 percentage points', 'agree'],
  ['one in five adults', '20% of adults', 'agree'],
  ['two thirds of voters', '67% of voters', 'agree'],
  ['two thirds of voters', '55% of voters', 'disagree'],
  ['three in four', '75 percent', 'agree'],
  // Money.
  ['$2 billion', '2 billion dollars', 'agree'],
  ['$2 billion', '$2.5 billion', 'disagree'],
  ['€3m', '€3 million', 'agree'],
  // Dates at the coarsest shared precision.
  ['in 2019', 'September 2019', 'agree'],
  ['in 2018', 'September 2019', 'disagree'],
  ['June 12, 2019', '12 June 2019', 'agree'],
  ['June 12, 2019', 'June 13, 2019', 'disagree'],
  ['May 24', 'May 2020', 'agree'],
  ['May 8, 2020', 'May 5–12, 2020', 'agree'],
  ['May 18, 2020', 'May 5–12, 2020', 'disagree'],
  ['in 2021', 'the 2021–22 school year', 'agree'],
  ['July 1 to September 4, 2021', 'the 2021–22 school year', 'agree'],
  ['July 1 to September 4, 2021', 'July 1–September 4, 2021', 'agree'],
  ['August 23 to November 16, 2021', 'August 23–October 16, 2021', 'disagree'],
  ['around 2015', 'in 2016', 'agree'],
  ['in 2015', 'in 2016', 'disagree'],
  // Identifiers: compared as labels.
  ['Resolution 2254', 'Resolution 2254', 'agree'],
  ['Resolution 2254', 'Resolution 2245', 'disagree'],
  ['S-300 systems', 'S-400 systems', 'disagree'],
  // Rates.
  ['37.4 cases per 100,000', '37.4 cases per 100,000', 'agree'],
  ['37.4 cases per 100,000', '47.3 cases per 100,000', 'disagree'],
]

const incomparable: Array<[string, string]> = [
  ['85 km', '85 days'],
  ['$5 million', '€5 million'],
  ['37.4 cases per 100,000', '37.4 cases per 1,000'],
  ['in mid-June', 'in 2019'],
  ['in 2019', '2019 tonnes'],
  ['Resolution 2254', 'Section 2254'],
  ['Resolution 2254', '2254 troops'],
  ['16%', '16 tonnes'],
  ['$4,800', '4,800 troops'],
]

describe('compareFigures', () => {
  it.each(cases.map(([a, b, verdict]) => ({a, b, verdict})))('$a vs $b: $verdict', ({a, b, verdict}) => {
    const fa = fig(a)
    const fb = fig(b)
    expect(compareFigures(fa, fb)).toBe(verdict)
    // The verdict does not depend on argument order.
    expect(compareFigures(fb, fa)).toBe(verdict)
  })

  it.each(incomparable.map(([a, b]) => ({a, b})))('$a vs $b: incomparable', ({a, b}) => {
    expect(compareFigures(fig(a), fig(b))).toBe('incomparable')
    expect(compareFigures(fig(b), fig(a))).toBe('incomparable')
  })
})

describe('formatFigure', () => {
  it.each([
    ['85 km', '85 km'],
    ['at least eighty-five kilometers', 'at least 85 km'],
    ['September 2019', 'September 2019'],
    ['$2 billion', '$2 billion'],
    ['76.3%', '76.3%'],
    ['1.96 million riders', '1.96 million riders'],
    ['81–100 days', '81–100 days'],
    ['June 12, 2019', 'June 12, 2019'],
    ['May 5–12, 2020', 'May 5–12, 2020'],
    ['the 2021–22 school year', '2021–2022'],
    ['Resolution 2254', 'Resolution 2254'],
    ['$4,800', '$4,800'],
    ['2.9 percentage points', '2.9 percentage points'],
    ['37.4 cases per 100,000', '37.4 cases per 100,000'],
    ['four months', '4 months'],
    ['one in five adults', '20%'],
    ['£40 million', '£40 million'],
  ].map(([phrase, expected]) => ({phrase, expected})))('$phrase -> $expected', ({phrase, expected}) => {
    expect(formatFigure(fig(phrase))).toBe(expected)
  })
})
