import {describe, expect, it} from 'vitest'
import type {MarkupContent} from 'vscode-languageserver'
import {corpusOf, findings, messagesOf} from '../helpers/engine'
import {atCursor} from '../features/helpers'
import {getHover} from '../../server/src/features/hover'
import {checkDraft} from '../../server/src/engine/check'
import {DEFAULT_CONFIG} from '../../server/src/engine/config'

/** Three invented sources: a ferry service, a library budget, and a paged report on the ferry. */
const corpus = () =>
  corpusOf({
    'ferry.md': [
      '---', 'id: harlow2022ferry', 'title: "The Harlow Sound Ferry in 2022"', 'date: 2022-05-01', '---', '',
      'The Harlow Sound ferry carried 410,000 passengers in 2022, run by the Kestrel Shipping Company.', '',
      'Kestrel Shipping retired the older vessel Marten after a hull inspection in March.', '',
      'Fares on the Harlow Sound crossing rose by 8% in April.',
    ].join('\n'),
    'library.md': [
      '---', 'id: dunmore2022library', 'title: "Dunmore Library Budget"', 'date: 2022-06-01', '---', '',
      'The Dunmore county library board approved a budget for new reading rooms and longer opening hours.', '',
      'Book lending recovered after the reading rooms reopened.',
    ].join('\n'),
    'review.md': [
      '---', 'id: osei2023review', 'title: "Crossing review"', 'date: 2023-02-01', '---', '',
      '<!-- page 1 -->', '', 'The review covers the ferry crossings of the year.', '',
      '<!-- page 2 -->', '', 'Fares on the Harlow Sound crossing fell by 8% in April after Kestrel Shipping cut its fuel surcharge.',
    ].join('\n'),
  })

const ids = (text: string) => findings(text, corpus()).filter((f) => f.endsWith('unsupported-citation'))

describe('unsupported-citation', () => {
  it('does not flag a claim its cited source covers', () => {
    expect(ids('Kestrel Shipping retired the Marten after a hull inspection in March [@harlow2022ferry].')).toEqual([])
  })

  it('flags a claim whose cited source names none of its people, places or numbers, and names the source that does', () => {
    const text = 'Kestrel Shipping retired the Marten after a hull inspection in March [@dunmore2022library].'
    expect(ids(text)).toEqual(['1:1-1:92 unsupported-citation'])
    const [m] = messagesOf(text, corpus()).filter((x) => x.ruleId === 'unsupported-citation')
    expect(m.severity).toBe('information')
    expect(m.reason).toMatch(/^The cited source "Dunmore Library Budget" .* mentions none of Shipping, Marten, March; "The Harlow Sound Ferry in 2022" .* covers this claim$/)
    expect(m.expected).toEqual(['harlow2022ferry'])
    expect(m.fixes).toEqual([{kind: 'cite', keys: ['harlow2022ferry'], preferred: true}])
    // The evidence (what the hover shows) holds the cited passage that was checked, then the one that covers the claim.
    expect(m.evidence?.map((e) => [e.key, e.agrees])).toEqual([['dunmore2022library', false], ['harlow2022ferry', true]])
  })

  it('flags a cited passage that reports the change the other way', () => {
    const text = 'Fares on the Harlow Sound crossing rose by 8% in April after Kestrel Shipping cut its fuel surcharge [@osei2023review, p. 2].'
    const found = messagesOf(text, corpus()).filter((x) => x.ruleId === 'unsupported-citation')
    expect(found.map((m) => m.reason)).toEqual(['The cited source "Crossing review" (Feb 1, 2023) says the opposite: it reports a fall'])
    expect(found[0].evidence?.[0].text).toMatch(/fell by 8%/)
  })

  it('does not flag a claim with nothing checkable, or one no source covers', () => {
    expect(ids('Reading matters for everyone [@harlow2022ferry].')).toEqual([])
    expect(ids('The Quarry Lane bridge reopened in Brackwell after repairs [@harlow2022ferry].')).toEqual([])
  })

  it('reads only the cited page when the citation gives one', () => {
    // Page 1 of the review names none of this; page 2 (not cited) does, as does the ferry source.
    expect(ids('Fares on the Harlow Sound crossing rose by 8% in April [@osei2023review, p. 1].')).toEqual(['1:1-1:80 unsupported-citation'])
  })

  it('shows the cited passage that was checked in the hover', () => {
    const {doc, pos} = atCursor('Kestrel Shipping retired the Mar|ten after a hull inspection in March [@dunmore2022library].\n')
    const c = corpus()
    const state = {corpus: c, config: DEFAULT_CONFIG, result: checkDraft(doc.getText(), {corpus: c, config: DEFAULT_CONFIG}), workspaceRoot: '/ws'}
    const text = (getHover(state, doc, pos)!.contents as MarkupContent).value
    expect(text).toContain('(unsupported-citation)')
    expect(text).toContain('> The Dunmore county library board approved a budget for new reading rooms and longer opening hours.')
    expect(text).toContain('> Kestrel Shipping retired the older vessel Marten after a hull inspection in March.')
  })
})
