import {describe, expect, it} from 'vitest'
import {corpusOf, messagesOf} from '../helpers/engine'

// Claims of no effect where a source on the same subject reports one (issue #14): information.
const corpus = corpusOf({
  'hours.md': [
    '---', 'id: orm2024hours', 'title: "Orm Valley Library Hours Review"', 'author: Orm Valley Council', 'date: 2024-09-01', '---', '',
    'Closing the Tarrow branch on Sundays saves the council about £31,000 a year.', '',
    'Longer evening opening at Edgecombe raised weekday visits by 14%.', '',
    'Changes to the loan period were not statistically significant for renewals.',
  ].join('\n'),
})

const qualitative = (text: string) =>
  messagesOf(text, corpus)
    .filter((m) => m.ruleId === 'figure-conflict')
    .map((m) => `${m.severity}: ${m.reason}`)

describe('figure-conflict on a claim of no effect', () => {
  it('reports, as information, a source that gives the effect the draft denies', () => {
    expect(qualitative('Closing Tarrow on Sundays will save the council next to nothing [@orm2024hours].')).toEqual([
      'information: Draft says next to nothing; "Orm Valley Library Hours Review" (Sep 1, 2024) reports about £31,000.',
    ])
    expect(qualitative('Longer evening opening at Edgecombe made no measurable difference to weekday visits [@orm2024hours].')).toEqual([
      'information: Draft says no measurable difference; "Orm Valley Library Hours Review" (Sep 1, 2024) reports 14%.',
    ])
  })

  it('stays silent when the source also finds no effect, or says nothing on the subject', () => {
    expect(qualitative('Changing the loan period made no significant difference to renewals [@orm2024hours].')).toEqual([])
    expect(qualitative('The new catalogue made no difference to staff morale.')).toEqual([])
  })

  it('ranges the finding over the words of the claim', () => {
    const [m] = messagesOf('Closing Tarrow on Sundays will save the council next to nothing.', corpus).filter((m) => m.ruleId === 'figure-conflict')
    expect(m.range).toEqual({start: {line: 0, character: 48}, end: {line: 0, character: 63}})
  })
})
