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

  it('reads a part and its whole as one subject ("38 of the 412 crossings")', () => {
    expect(conflicts('Of the 412 crossings sampled by the harbour board, 38 ran more than an hour late.')).toEqual([])
  })
})
