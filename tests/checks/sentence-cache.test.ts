import {describe, expect, it} from 'vitest'
import {checkDraft} from '../../server/src/engine/check'
import {DEFAULT_CONFIG} from '../../server/src/engine/config'
import {SentenceCache} from '../../server/src/engine/sentence-cache'
import {tinyCorpus} from '../helpers/tiny-corpus'

const corpus = tinyCorpus()
const summary = (text: string, cache?: SentenceCache) =>
  checkDraft(text, {corpus, config: DEFAULT_CONFIG, cache}).messages.map((m) => `${m.range.start.line}:${m.range.start.character}-${m.range.end.line}:${m.range.end.character} ${m.ruleId} ${m.reason} ${JSON.stringify(m.edits)}`)

describe('re-checking with the sentence cache', () => {
  it('gives exactly the findings of a fresh check after edits above, inside and below sentences', () => {
    const cache = new SentenceCache()
    const versions = [
      'The Orrin Dam will stand 90 metres tall.\n\nConstruction of the Orrin Dam began in May 2018.\n',
      'Intro line.\n\nThe Orrin Dam will stand 90 metres tall.\n\nConstruction of the Orrin Dam began in May 2018.\n',
      'Intro line.\n\nThe Orrin Dam will stand 135 metres tall.\n\nConstruction of the Orrin Dam began in May 2018 [@basin2021dam].\n',
      'Intro line, longer now 😀.\n\nThe Orrin Dam will stand 135 metres tall.\n\nConstruction of the Orrin Dam began in May 2018 [@basin2021dam].\n',
    ]
    for (const text of versions) expect(summary(text, cache)).toEqual(summary(text))
  })

  it('is emptied when the configuration changes', () => {
    const cache = new SentenceCache()
    const text = 'The Orrin Dam will stand 90 metres tall.\n'
    checkDraft(text, {corpus, config: DEFAULT_CONFIG, cache})
    const off = checkDraft(text, {corpus, config: {...DEFAULT_CONFIG, rules: {'figure-conflict': 'off'}}, cache}).messages.map((m) => m.ruleId)
    expect(off).toEqual(['uncited-claim'])
  })
})
