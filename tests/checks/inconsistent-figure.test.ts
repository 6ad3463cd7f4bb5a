import {describe, expect, it} from 'vitest'
import {Corpus} from '../../server/src/engine/corpus/corpus'
import {findings, messagesOf} from '../helpers/engine'

const none = new Corpus()
const of = (text: string) => findings(text, none).filter((f) => f.endsWith('inconsistent-figure'))

describe('inconsistent-figure', () => {
  it('flags both places when the draft gives two values for the same quantity', () => {
    const text = '# Buses\n\nThe city will buy 180 electric buses by 2026.\n\n## Section 3\n\nThe 140 electric buses the city will buy by 2026 replace diesel ones.\n'
    expect(of(text)).toEqual(['3:19-3:22 inconsistent-figure', '7:5-7:8 inconsistent-figure'])
    const [first, second] = messagesOf(text, none).filter((m) => m.ruleId === 'inconsistent-figure')
    expect(first.reason).toBe('The draft says 180 buses here and 140 buses at line 7 (§ Section 3): make them agree')
    // Each place points at the other (LSP related information).
    expect(first.related.map((r) => r.range.start)).toEqual([{line: 6, character: 4}])
    expect(second.related.map((r) => r.range.start)).toEqual([{line: 2, character: 18}])
    expect(first.severity).toBe('warning')
    expect(first.url).toBe('https://github.com/briefcheck/briefcheck#inconsistent-figure')
  })

  it.each([
    ['the same value restated', 'The council set aside £35 million for the new quay.\n\nThe £35 million the council set aside for the new quay covers one berth.'],
    ['an approximation that covers the value', 'The council set aside about £35 million for the new quay.\n\nThe £34.6 million the council set aside for the new quay covers one berth.'],
    ['different years (a time series)', 'In 2020 the district spent £5.1 million on school food.\n\nIn 2023 the district spent £6.3 million on school food.'],
    ['different counted nouns', 'The district runs 64 primary schools in the valley.\n\nThe district runs 19 secondary schools in the valley.'],
    ['numbered parts', 'Phase one installs 40 turbines at the bank.\n\nPhase two installs 34 turbines at the bank.'],
    ['bounds', 'Coverage fell below 85% in the valley schools.\n\nCoverage in the valley schools is less than 80% now.'],
    ['a change within one sentence', 'Ridership fell from 180,000 riders to 140,000 riders last year.\n\nThe line carried 140,000 riders last year.'],
    ['unrelated subjects', 'The port employs 1,200 dock workers.\n\nThe new hospital will employ 300 nurses.'],
    ['two measures of one subject', 'Punctuality on the northern ferry route was 79%.\n\nPassenger satisfaction stood at 84% on the northern ferry route.'],
  ])('does not flag %s', (_name, text) => {
    expect(of(text)).toEqual([])
  })

  it('can be turned off', () => {
    const text = 'The city will buy 180 electric buses by 2026.\n\nThe 140 electric buses the city will buy by 2026 replace diesel ones.\n'
    expect(findings(text, none, {rules: {'inconsistent-figure': 'off'}}).filter((f) => f.endsWith('inconsistent-figure'))).toEqual([])
  })

  it('is silenced by a disable comment on one of the places', () => {
    const text = 'The city will buy 180 electric buses by 2026. <!-- briefcheck-disable-line inconsistent-figure -->\n\nThe 140 electric buses the city will buy by 2026 replace diesel ones.\n'
    expect(of(text)).toEqual(['3:5-3:8 inconsistent-figure'])
  })
})
