import {describe, expect, it} from 'vitest'
import {FigureScanner, extractFigures, hasFigureCue} from '../../server/src/engine/figures/extract'
import type {Figure} from '../../server/src/engine/figures/types'

/** The figure whose whole span is exactly `span` (and checks text/offset consistency). */
function figureWithSpan(sentence: string, span: string): Figure {
  const figures = extractFigures(sentence)
  for (const f of figures) {
    expect(sentence.slice(f.start, f.end)).toBe(f.text)
    expect(f.valueStart).toBeGreaterThanOrEqual(f.start)
    expect(f.valueEnd).toBeLessThanOrEqual(f.end)
  }
  const hit = figures.find((f) => f.text === span)
  if (!hit) throw new Error(`no figure spanning ${JSON.stringify(span)} in ${JSON.stringify(figures.map((f) => f.text))}`)
  return hit
}

const close = (v: number, digits = 6) => expect.closeTo(v, digits)

type Row = [string, string, Partial<Record<keyof Figure, unknown>>]

/** Object rows, so vitest titles use $sentence: a '$4' inside an array row's title is read as a placeholder. */
function rows(table: Row[]): Array<{sentence: string; span: string; expected: Row[2]}> {
  return table.map(([sentence, span, expected]) => ({sentence, span, expected}))
}

describe('numbers', () => {
  it.each(rows([
    ['The fleet has 60 trawlers.', '60', {value: 60, dimension: 'count', noun: 'trawlers', precision: 1, spelled: false}],
    ['Riders took 1,200 trips.', '1,200', {value: 1200, precision: 1}],
    ['Catches fell by 3.5 tonnes.', '3.5 tonnes', {value: 3500, precision: close(100), dimension: 'mass'}],
    ['The index moved −5.6 overall.', '−5.6', {value: -5.6, precision: close(0.1)}],
    ['The index moved -5.6 overall.', '-5.6', {value: -5.6}],
    ['The correlation was 0.88 in the survey.', '0.88', {value: 0.88, precision: close(0.01), dimension: 'number'}],
    ['Eighty-five boats returned.', 'Eighty-five', {value: 85, spelled: true, precision: 1, noun: 'boats'}],
    ['It ran for one hundred days.', 'one hundred days', {value: 100, precision: 100, dimension: 'duration'}],
    ['Some sixty inspectors were hired.', 'Some sixty', {value: 60, approx: 'about', precision: 1}],
    ['Voters in seventy-one counties', 'seventy-one', {value: 71, noun: 'counties', dimension: 'count'}],
    ['Officials closed twelve ports.', 'twelve', {value: 12, noun: 'ports'}],
    ['There were forty-two bus routes.', 'forty-two', {value: 42}],
    ['Crews replaced a dozen buoys.', 'a dozen', {value: 12, spelled: true}],
    ['One hundred and five stations reopened.', 'One hundred and five', {value: 105, precision: 1}],
    ['A budget of 2 million was set.', '2 million', {value: 2e6, precision: 1e6}],
    ['Riders: 1.96 million riders last year.', '1.96 million', {value: 1.96e6, precision: close(1e4), noun: 'riders'}],
    ['Roughly two million people voted.', 'Roughly two million', {value: 2e6, approx: 'about', precision: 1e6, spelled: true, noun: 'people'}],
  ]))('$sentence -> $span', ({sentence, span, expected}) => {
    expect(figureWithSpan(sentence, span)).toMatchObject(expected)
  })
})

describe('fractions and ratios', () => {
  it.each(rows([
    ['Half the wells ran dry.', 'Half', {dimension: 'ratio', value: 0.5, noun: 'wells'}],
    ['The bus arrived after a quarter of an hour.', 'a quarter of an hour', {dimension: 'duration', value: close(15 / 1440), displayUnit: 'hours'}],
    ['Two thirds of voters backed it.', 'Two thirds', {dimension: 'ratio', value: close(2 / 3), noun: 'voters'}],
    ['Support fell to two-thirds.', 'two-thirds', {dimension: 'ratio', value: close(2 / 3)}],
    ['Three in four adults are vaccinated.', 'Three in four', {dimension: 'ratio', value: 0.75, noun: 'adults'}],
    ['One in five children is underweight.', 'One in five', {dimension: 'ratio', value: 0.2, noun: 'children'}],
    ['Rates rose by half a percentage point.', 'half a percentage point', {dimension: 'points', value: 0.5}],
    ['Shipments reached half a million tonnes.', 'half a million tonnes', {dimension: 'mass', value: 5e8}],
  ]))('$sentence -> $span', ({sentence, span, expected}) => {
    expect(figureWithSpan(sentence, span)).toMatchObject(expected)
  })
})

describe('ranges and changes', () => {
  it.each(rows([
    ['Patients stayed 81–100 days.', '81–100 days', {low: 81, high: 100, value: 90.5, dimension: 'duration'}],
    ['Adults aged 18–39 were eligible.', '18–39', {low: 18, high: 39}],
    ['Turnout was between 92.1% and 97.4%.', 'between 92.1% and 97.4%', {low: 92.1, high: 97.4, dimension: 'percent'}],
    ['A buffer of 40 to 60 km was agreed.', '40 to 60 km', {low: 40000, high: 60000, dimension: 'length'}],
    ['The subsidy was $5–6 million.', '$5–6 million', {low: 5e6, high: 6e6, dimension: 'money'}],
  ]))('$sentence -> $span', ({sentence, span, expected}) => {
    expect(figureWithSpan(sentence, span)).toMatchObject(expected)
  })

  it('reads "from X to Y" as two figures (a change, not a range)', () => {
    const figs = extractFigures('Unemployment rose from 13.5% to 18.6% in a year.')
    expect(figs.map((f) => [f.text, f.value, f.low])).toEqual([['13.5%', 13.5, undefined], ['18.6%', 18.6, undefined]])
  })

  it('reads a change verb before "X to Y" as two figures', () => {
    const figs = extractFigures('Exports rose 5% to 7% of output.')
    expect(figs.map((f) => f.text)).toEqual(['5%', '7%'])
  })

  it('does not make a range of a descending pair ("ruled 7-2")', () => {
    const figs = extractFigures('The court ruled 7-2 on the case.')
    expect(figs.every((f) => f.low === undefined)).toBe(true)
  })
})

describe('approximation words', () => {
  it.each<[string, Figure['approx']]>([
    ['about', 'about'], ['roughly', 'about'], ['approximately', 'about'], ['around', 'about'],
    ['nearly', 'about'], ['almost', 'about'], ['some', 'about'], ['an estimated', 'about'],
    ['at least', 'at-least'], ['more than', 'more-than'], ['over', 'more-than'],
    ['fewer than', 'less-than'], ['less than', 'less-than'], ['under', 'less-than'],
    ['up to', 'at-most'], ['at most', 'at-most'],
  ])('"%s 4,000 troops" -> %s', (word, approx) => {
    const sentence = `The ministry deployed ${word} 4,000 troops.`
    const f = figureWithSpan(sentence, `${word} 4,000`)
    expect(f).toMatchObject({approx, value: 4000, noun: 'troops', dimension: 'count'})
    expect(sentence.slice(f.valueStart, f.valueEnd)).toBe('4,000')
  })

  it('keeps the approximation word out of the value span', () => {
    const sentence = 'Forces withdrew at least eighty-five kilometers away from the border.'
    const f = figureWithSpan(sentence, 'at least eighty-five kilometers')
    expect(sentence.slice(f.valueStart, f.valueEnd)).toBe('eighty-five kilometers')
    expect(f).toMatchObject({approx: 'at-least', value: 85000, unit: 'm', displayUnit: 'km', precision: 1000, spelled: true})
  })

  it.each<[string, string, Figure['approx']]>([
    ['Crews landed 300 or more boats.', '300 or more', 'at-least'],
    ['There were 4,000-plus responders.', '4,000-plus', 'at-least'],
    ['A dozen or so vessels sank.', 'A dozen or so', 'about'],
  ])('suffix approximation in %s', (sentence, span, approx) => {
    expect(figureWithSpan(sentence, span).approx).toBe(approx)
  })
})

describe('units', () => {
  it.each(rows([
    ['Coverage reached 16% of homes.', '16%', {dimension: 'percent', value: 16, unit: '%'}],
    ['Turnout was 76.3 percent.', '76.3 percent', {dimension: 'percent', value: 76.3, precision: close(0.1)}],
    ['Fares rose twelve percent.', 'twelve percent', {dimension: 'percent', value: 12, spelled: true}],
    ['Inflation hit 4 per cent.', '4 per cent', {dimension: 'percent', value: 4}],
    ['The gap widened by 2.9 percentage points.', '2.9 percentage points', {dimension: 'points', value: 2.9, unit: 'pp'}],
    ['Support was 48%, down 3.0 points.', '3.0 points', {dimension: 'points', value: 3}],
    ['Grants of $4,800 were paid.', '$4,800', {dimension: 'money', value: 4800, unit: 'USD'}],
    ['The line costs $2 billion.', '$2 billion', {dimension: 'money', value: 2e9, precision: 1e9}],
    ['The port got €3m in aid.', '€3m', {dimension: 'money', value: 3e6, unit: 'EUR'}],
    ['A £40 million fund opened.', '£40 million', {dimension: 'money', value: 4e7, unit: 'GBP'}],
    ['Debt stood at US$ 5.2bn.', 'US$ 5.2bn', {dimension: 'money', value: 5.2e9, unit: 'USD'}],
    ['They spent 5 million dollars.', '5 million dollars', {dimension: 'money', value: 5e6, unit: 'USD'}],
    ['The corridor is 85 km long.', '85 km', {dimension: 'length', value: 85000}],
    ['A 53 miles stretch', '53 miles', {dimension: 'length', value: close(53 * 1609.344)}],
    ['Kilometres: 12 kilometres of track.', '12 kilometres', {value: 12000}],
    ['A 150 m pier', '150 m', {value: 150, unit: 'm'}],
    ['The wall is 6 ft tall.', '6 ft', {value: close(1.8288)}],
    ['A 10 yards gap', '10 yards', {value: close(9.144)}],
    ['The reserve covers 40 km².', '40 km²', {dimension: 'area', value: 4e7}],
    ['The reserve covers 12 square kilometers.', '12 square kilometers', {dimension: 'area', value: 1.2e7}],
    ['A 3 sq mi lake', '3 sq mi', {dimension: 'area', value: close(3 * 2589988.110336, 0)}],
    ['Farmers lost 200 hectares.', '200 hectares', {dimension: 'area', value: 2e6}],
    ['Farmers lost 50 acres.', '50 acres', {dimension: 'area', value: close(202342.82112, 3)}],
    ['Inspectors seized 5 kg of bait.', '5 kg', {dimension: 'mass', value: 5}],
    ['The quota is 300 tonnes.', '300 tonnes', {dimension: 'mass', value: 3e5}],
    ['A 40 pounds catch', '40 pounds', {dimension: 'mass', value: close(18.1436948)}],
    ['Tanks hold 5 litres.', '5 litres', {dimension: 'volume', value: 5}],
    ['Output was 2 million barrels.', '2 million barrels', {dimension: 'volume', value: close(2e6 * 158.987294928, 0)}],
    ['Use 30 gallons.', '30 gallons', {dimension: 'volume', value: close(113.56235352)}],
    ['Talks lasted four months.', 'four months', {dimension: 'duration', displayUnit: 'months', value: close(4 * 30.436875)}],
    ['Talks lasted 120 days.', '120 days', {dimension: 'duration', value: 120}],
    ['A course of four weeks', 'four weeks', {value: 28}],
    ['Over 13 weeks', 'Over 13 weeks', {value: 91, approx: 'more-than'}],
    ['Trains ran every 15 minutes.', '15 minutes', {value: close(15 / 1440)}],
    ['The pilot ran two years.', 'two years', {value: close(2 * 365.2425)}],
    ['The rate was 37.4 cases per 100,000 residents.', '37.4 cases per 100,000', {dimension: 'rate', unit: 'per 100000', value: 37.4, noun: 'cases'}],
    ['A 500 MW wind farm', '500 MW', {dimension: 'power', value: 5e8}],
    ['It generated 2.1 TWh.', '2.1 TWh', {dimension: 'energy', value: 2.1e12}],
    ['A 120 km/h limit', '120 km/h', {dimension: 'speed', value: close(120 / 3.6)}],
    ['A 10-kilometre zone', '10-kilometre', {dimension: 'length', value: 10000}],
  ]))('$sentence -> $span', ({sentence, span, expected}) => {
    expect(figureWithSpan(sentence, span)).toMatchObject(expected)
  })

  it('gives both numbers the counted noun in "24 of the state\'s 105 counties"', () => {
    const figs = extractFigures("Turnout fell in 24 of the state's 105 counties.")
    expect(figs.map((f) => [f.text, f.noun, f.dimension])).toEqual([
      ['24', 'counties', 'count'], ['105', 'counties', 'count'],
    ])
  })

  it('finds the head noun after an adjective ("4,000 US troops")', () => {
    expect(figureWithSpan('Some 4,000 US troops remain.', 'Some 4,000').noun).toBe('troops')
  })
})

describe('dates', () => {
  it.each<[string, string, Figure['date'], Figure['dateEnd']?]>([
    ['The law passed in 2015.', '2015', {year: 2019 - 4}],
    ['The 2019 elections were close.', '2019', {year: 2019}],
    ['The September 2019 attacks hit two plants.', 'September 2019', {year: 2019, month: 9}],
    ['Signed on June 12, 2019 in Vienna.', 'June 12, 2019', {year: 2019, month: 6, day: 12}],
    ['Signed on 12 June 2019 in Vienna.', '12 June 2019', {year: 2019, month: 6, day: 12}],
    ['Signed on Jun 12, 2019 in Vienna.', 'Jun 12, 2019', {year: 2019, month: 6, day: 12}],
    ['Schools shut on 15 March 2020.', '15 March 2020', {year: 2020, month: 3, day: 15}],
    ['Fishing resumes in mid-June.', 'mid-June', {month: 6}],
    ['The vote is on May 24.', 'May 24', {month: 5, day: 24}],
    ['Sept. 2019 saw the strikes.', 'Sept. 2019', {year: 2019, month: 9}],
    ['Schools closed May 5–12, 2020.', 'May 5–12, 2020', {year: 2020, month: 5, day: 5}, {year: 2020, month: 5, day: 12}],
    ['The camp ran August 17–23.', 'August 17–23', {month: 8, day: 17}, {month: 8, day: 23}],
    ['Enrolment in the 2021–22 school year fell.', '2021–22', {year: 2021}, {year: 2022}],
    ['Between 2015 and 2017 fares froze.', 'Between 2015 and 2017', {year: 2015}, {year: 2017}],
    ['Levels stayed below pre-2008 levels.', 'pre-2008', {year: 2008}],
  ])('%s -> %s', (sentence, span, date, dateEnd) => {
    const f = figureWithSpan(sentence, span)
    expect(f.dimension).toBe('date')
    expect(f.date).toEqual(date)
    expect(f.dateEnd).toEqual(dateEnd)
  })

  it('reads a ceasefire sentence as a date and a duration', () => {
    const figs = extractFigures('A ceasefire in February 2016 collapsed within four months.')
    expect(figs.map((f) => [f.text, f.dimension])).toEqual([['February 2016', 'date'], ['four months', 'duration']])
  })

  it('treats an approximated year-like number before a plural noun as a count', () => {
    expect(figureWithSpan('The army sent about 2000 troops.', 'about 2000')).toMatchObject({dimension: 'count', value: 2000})
  })

  it.each([
    ['A grouped number is not a year: 2,019 voters.', '2,019'],
    ['A number with a unit is not a year: 2000 km of track.', '2000 km'],
  ])('%s', (sentence, span) => {
    expect(figureWithSpan(sentence, span).dimension).not.toBe('date')
  })

  it.each([
    'May the best team win.',
    'Officials may march in protest.',
  ])('no month-date in "%s"', (sentence) => {
    expect(extractFigures(sentence).filter((f) => f.dimension === 'date')).toEqual([])
  })
})

describe('identifiers are never quantities', () => {
  it.each<[string, string, string]>([
    ['The council adopted Resolution 2254 unanimously.', 'Resolution 2254', 'resolution'],
    ['Russia delivered S-300 air defense systems.', 'S-300', 's-'],
    ['COVID-19 deaths rose.', 'COVID-19', 'covid-'],
    ['SARS-CoV-2 spread quickly.', 'SARS-CoV-2', 'sars-cov-'],
    ['The F-16 fleet was grounded.', 'F-16', 'f-'],
    ['Section 230 shields platforms.', 'Section 230', 'section'],
    ['NATO invoked Article 5 once.', 'Article 5', 'article'],
    ['The G20 met in Osaka.', 'G20', 'g'],
    ['Talks with the P5+1 resumed.', 'P5+1', 'p'],
    ['Decree AR-233-2021 applies.', 'AR-233-2021', 'ar-'],
    ['The House passed H.R. 1 in March.', 'H.R. 1', 'h.r'],
    ['Title 42 expulsions ended.', 'Title 42', 'title'],
  ])('%s -> %s', (sentence, span, label) => {
    const f = figureWithSpan(sentence, span)
    expect(f.dimension).toBe('identifier')
    expect(f.label).toBe(label)
    expect(extractFigures(sentence).some((g) => g.dimension === 'count' || g.dimension === 'number')).toBe(false)
  })
})

describe('never figures', () => {
  it.each([
    ['a report id inside a word', 'See MMWR mm6947e2 for details.'],
    ['a URL', 'Data at https://example.org/stats/2019/12 are public.'],
    ['a citation list at sentence end', 'Symptoms were milder in children (1–6).'],
    ['a bracketed reference', 'This was reported earlier [12].'],
    ['a Markdown footnote', 'This was reported earlier[^3].'],
    ['a footnote marker glued to a word', 'Troops left the border.12 Then'],
    ['ordinal words', 'The first and third rounds were delayed.'],
    ['ordinal digits', 'She finished 1st in the race.'],
    ['an ordinal used as a label', 'the 19th Amendment'],
    ['"one" as a pronoun', 'It is one of the largest ports.'],
    ['a decade', 'In the 1990s the fleet shrank.'],
    ['letters glued to digits', 'The 5G rollout and 3D maps.'],
    ['a path with slashes', 'Open 24/7 and see 10.1000/xyz.'],
    ['no cue at all', 'The ministry declined to comment on the matter.'],
  ])('%s', (_what, sentence) => {
    const figs = extractFigures(sentence).filter((f) => f.dimension !== 'identifier')
    expect(figs.map((f) => f.text)).toEqual([])
  })

  it('keeps a parenthesised year', () => {
    expect(extractFigures('The law (2019) applies.').map((f) => f.text)).toEqual(['2019'])
  })
})

describe('offsets', () => {
  it('are UTF-16 indices, also after astral characters', () => {
    const sentence = '🐟🐟 Catches fell 12% in 2020.'
    const figs = extractFigures(sentence)
    expect(figs.map((f) => sentence.slice(f.start, f.end))).toEqual(['12%', '2020'])
  })

  it('is repeatable (no state leaks between calls)', () => {
    const a = extractFigures('Budgets grew 5% to $2 billion in 2019.')
    extractFigures('Unrelated: 40 km² of forest, May 24, H.R. 1.')
    expect(extractFigures('Budgets grew 5% to $2 billion in 2019.')).toEqual(a)
  })

  it('reads the same with a scanner of its own, and a long text read in between does not disturb a short one', () => {
    const mine = new FigureScanner()
    const short = 'Some 3.0 points of the 5% fall came in May 2020.'
    const expected = extractFigures(short)
    extractFigures('A far longer passage: 1,200 engines on 300 aircraft, 220 kg enriched to 20%, ' +
      'between 92.1% and 97.4%, two thirds of the 105 counties, $5–6 million, 15 March 2020.', mine)
    expect(extractFigures(short, mine)).toEqual(expected)
    expect(expected.map((f) => [f.text, f.dimension])).toEqual([
      ['Some 3.0 points', 'points'], ['5%', 'percent'], ['May 2020', 'date'],
    ])
  })
})

describe('date spans across months', () => {
  it.each<[string, string, object, object]>([
    ['The comparison ran from August 23 to November 16, 2021.', 'August 23 to November 16, 2021', {year: 2021, month: 8, day: 23}, {year: 2021, month: 11, day: 16}],
    ['Counties were followed June 1–August 23, 2020.', 'June 1–August 23, 2020', {year: 2020, month: 6, day: 1}, {year: 2020, month: 8, day: 23}],
    ['Cases fell between June 1 and June 30, 2020.', 'between June 1 and June 30, 2020', {year: 2020, month: 6, day: 1}, {year: 2020, month: 6, day: 30}],
    ['The period from March 1 through May 31 saw a rise.', 'March 1 through May 31', {month: 3, day: 1}, {month: 5, day: 31}],
  ])('%s', (sentence, span, date, dateEnd) => {
    expect(figureWithSpan(sentence, span)).toMatchObject({dimension: 'date', date, dateEnd})
  })

  it('does not join a date to a later quantity or a day that comes first', () => {
    expect(extractFigures('It opened on May 24 to 40 visitors.').map((f) => f.text)).toEqual(['May 24', '40'])
    expect(extractFigures('It ran from June 30 to June 1, 2020.').map((f) => f.text)).toEqual(['June 30', 'June 1, 2020'])
  })
})

describe('hasFigureCue', () => {
  it.each<[string, boolean]>([
    ['The ministry declined to comment.', false],
    ['It took 12 days.', true],
    ['It took twelve days.', true],
    ['It happened in June.', true],
  ])('%s -> %s', (s, expected) => {
    expect(hasFigureCue(s)).toBe(expected)
  })
})
