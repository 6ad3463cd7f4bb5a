import {describe, expect, it} from 'vitest'
import {compareDates, statedDate} from '../../server/src/engine/evidence-date'
import {extractFigures} from '../../server/src/engine/figures/extract'
import {corpusOf, messagesOf} from '../helpers/engine'

/** An invented ferry service: a 2020 timetable review and a 2023 one that changed a figure. */
const corpus = corpusOf({
  'ferry-2020.md': [
    '---',
    'id: isles2020ferry',
    'title: "The Skerra Ferry Review"',
    'author: Ruth Aldane',
    'date: 2020-04-02',
    '---',
    '',
    'The Skerra ferry crossing takes 95 minutes in calm weather. The ferry carries 320 passengers on each sailing.',
  ].join('\n'),
  'ferry-2023.md': [
    '---',
    'id: isles2023ferry',
    'title: "Skerra Ferry: The New Vessel"',
    'author: Colm Rafferty',
    'date: 2023-09-15',
    '---',
    '',
    'With the new vessel, the Skerra ferry crossing takes 70 minutes in calm weather. The ferry carries 320 passengers on each sailing.',
  ].join('\n'),
})

const outdated = (text: string) => messagesOf(text, corpus).filter((m) => m.ruleId === 'outdated-figure')

describe('outdated-figure', () => {
  it('flags a figure only the older source gives, naming the newer source (information)', () => {
    const [m, ...rest] = outdated('The Skerra ferry crossing takes 95 minutes in calm weather.')
    expect(rest).toEqual([])
    expect(m.severity).toBe('information')
    expect(m.reason).toBe('Possibly outdated: 95 minutes matches "The Skerra Ferry Review" (Apr 2, 2020), but the newer "Skerra Ferry: The New Vessel" (Sep 15, 2023) says 70 minutes.')
    expect(m.evidence.map((e) => [e.key, e.agrees])).toEqual([['isles2023ferry', false], ['isles2020ferry', true]])
  })

  it.each([
    ['the newest figure', 'The Skerra ferry crossing takes 70 minutes in calm weather.'],
    ['a figure both sources give', 'The Skerra ferry carries 320 passengers on each sailing.'],
  ])('does not flag %s', (_name, text) => {
    expect(outdated(text)).toEqual([])
  })

  it('orders by the date a sentence states over the publication date', () => {
    const stated = corpusOf({
      'survey-2022.md': '---\ntitle: "Kitchen Survey"\ndate: 2022-09-12\n---\n\nThe district employs 290 kitchen staff across its schools.',
      'minutes-2024.md': '---\ntitle: "Council Minutes"\ndate: 2024-06-01\n---\n\nMembers noted that, as of March 2021, the district employed 310 kitchen staff across its schools.',
    })
    const found = messagesOf('The district employs 290 kitchen staff across its schools.', stated).filter((m) => m.ruleId === 'outdated-figure')
    expect(found).toEqual([])
    const older = messagesOf('The district employed 310 kitchen staff across its schools.', stated).filter((m) => m.ruleId === 'outdated-figure')
    expect(older.map((m) => m.reason)).toEqual(['Possibly outdated: 310 staff matches "Council Minutes" (Mar 2021), but the newer "Kitchen Survey" (Sep 12, 2022) says 290 staff.'])
  })
})

describe('passage dates', () => {
  it.each([
    ['As of March 2024, the fleet had 140 buses.', '2024-03'],
    ['The fleet had 140 buses as at 30 June 2023.', '2023-06-30'],
    ['At the end of 2022 the fleet had 140 buses.', '2022'],
    ['After the ceasefire in July 2018, the fleet had 140 buses.', undefined],
  ])('%s → %s', (text, date) => {
    expect(statedDate(text, extractFigures(text))).toBe(date)
  })

  it('compares dates at the precision both give', () => {
    expect(compareDates('2021', '2019-06-12')).toBeGreaterThan(0)
    expect(compareDates('2021-02', '2021')).toBe(0)
    expect(compareDates('2020-11-04', '2020-12')).toBeLessThan(0)
    expect(compareDates(undefined, '2020')).toBe(0)
  })
})
