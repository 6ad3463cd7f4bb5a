import {describe, expect, it} from 'vitest'
import {findings, messagesOf} from '../helpers/engine'
import {tinyCorpus} from '../helpers/tiny-corpus'

const corpus = tinyCorpus()
const quoteFindings = (text: string) => findings(text, corpus).filter((f) => f.includes('quote'))

describe('quote-mismatch', () => {
  it('shows the source’s exact words for a quote with one word changed', () => {
    const [m] = messagesOf('The minister promised to "end the cycle of floods and drought in the valley" [@basin2021dam].', corpus)
    expect(m.ruleId).toBe('quote-mismatch')
    expect(m.reason).toBe('Quote differs from the source: "The Orrin Dam: Costs and Schedule" has "end the cycle of floods and droughts in the valley"')
    expect(m.edits[0]).toMatchObject({title: "Use the source's wording", text: 'end the cycle of floods and droughts in the valley'})
  })

  it.each([
    ['a verbatim quote', 'The minister promised to "end the cycle of floods and droughts in the valley" [@basin2021dam].'],
    ['curly quotes and a different case', 'The minister promised to “End the cycle of floods and droughts” [@basin2021dam].'],
    ['a quote of fewer than three words', 'Critics called it a "white elephant" [@basin2021dam].'],
  ])('accepts %s', (_what, text) => {
    expect(quoteFindings(text)).toEqual([])
  })

  it('reports a quote found nowhere as information only', () => {
    const [m] = messagesOf('A farmer told reporters that "nobody asked us about the water" [@basin2021dam].', corpus)
    expect([m.ruleId, m.severity]).toEqual(['quote-not-found', 'information'])
  })
})
