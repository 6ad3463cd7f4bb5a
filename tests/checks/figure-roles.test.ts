import {describe, expect, it} from 'vitest'
import {corpusOf, messagesOf} from '../helpers/engine'

// Sources listing parallel results: each value has its own subject (issue #14, figure roles).
const corpus = corpusOf({
  'ferries.md': [
    '---',
    'id: hale2024ferries',
    'title: "Harbour Ferry Punctuality, 2023"',
    'author: Ona Hale',
    'date: 2024-03-01',
    '---',
    '',
    'Punctuality of the island ferries varied by route (Northgate, 71.4%; Quayside, 83.9%; and Saltmere, 77.2%).',
    '',
    'Nine cancellations occurred on the winter timetable, and three occurred on the summer timetable.',
    '',
    'Of the 412 crossings sampled by the harbour board, 38 ran more than an hour late.',
    '',
    'Season-ticket holders rose on every route, most among retired passengers (12.5% to 31.0%).',
    '',
    'The timetable trial ran during March 4–June 30, 2023.',
    '',
    'Staffed ticket-office hours were cut from 410 to 352 a week across the network.',
    '',
    'Of 212 piers inspected, 58 reported damaged mooring rings.',
  ].join('\n'),
})

const conflicts = (text: string) =>
  messagesOf(text, corpus)
    .filter((m) => m.ruleId === 'figure-conflict')
    .map((m) => `${m.actual} → ${(m.evidence ?? []).filter((e) => e.agrees === false).map((e) => e.value).join(', ')}`)

describe('figure-conflict: each value of a list of parallel results has its own subject', () => {
  it('compares a figure with the value listed for its own subject, not with its neighbours', () => {
    expect(conflicts('Ferry punctuality on the Quayside route was 88.9%.')).toEqual(['88.9% → 83.9%'])
  })

  it('does not flag a figure that agrees with its own subject in the list', () => {
    expect(conflicts('Ferry punctuality on the Saltmere route was 77.2%.')).toEqual([])
  })

  it('flags counts swapped between the two subjects of one sentence', () => {
    expect(conflicts('Three cancellations occurred on the winter timetable and nine on the summer timetable.')).toEqual([
      'Three → Nine',
      'nine → three',
    ])
  })

  it('compares the far ends of two changes written from the same exact start ("from 410 to …")', () => {
    expect(conflicts('Weekly staffed ticket-office hours went from 410 to 325.')).toEqual(['325 → 352'])
    expect(conflicts('Weekly staffed ticket-office hours went from 410 to 352.')).toEqual([])
  })

  it("does not compare a part with the source's statement of its whole (\"58 of the 212 piers\")", () => {
    expect(conflicts('Fifty-eight of the 212 piers inspected had damaged mooring rings.')).toEqual([])
    expect(conflicts('Eighty-five of the 212 piers inspected had damaged mooring rings.')).toEqual(['Eighty-five → 58'])
  })

  it('reads a part and its whole as one subject ("38 of the 412 crossings")', () => {
    expect(conflicts('Of the 412 crossings sampled by the harbour board, 38 ran more than an hour late.')).toEqual([])
  })
})

describe('figure-conflict: changes and spans aligned end to end', () => {
  it('compares the far end of a change whose near end matches the source span', () => {
    expect(conflicts('Season-ticket holders among retired passengers rose from 12.5% to 35.0%.')).toEqual(['35.0% → 31.0%'])
  })

  it('does not flag a change the source gives end for end', () => {
    expect(conflicts('Season-ticket holders among retired passengers rose from 12.5% to 31.0%.')).toEqual([])
  })

  it('flags a date span that starts on the same day but ends on another', () => {
    expect(conflicts('Our comparison covered March 4 to July 30, 2023.')).toEqual(['March 4 to July 30, 2023 → March 4–June 30, 2023'])
  })
})
