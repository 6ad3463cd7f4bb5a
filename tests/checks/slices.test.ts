import {describe, expect, it} from 'vitest'
import {checkDraft, checkDraftInSlices} from '../../server/src/engine/check'
import {DEFAULT_CONFIG} from '../../server/src/engine/config'
import {tinyCorpus} from '../helpers/tiny-corpus'

const corpus = tinyCorpus()
const draft = Array.from({length: 40}, (_, i) => `The Orrin Dam will stand ${90 + i} metres tall. Construction of the Orrin Dam began in May 2018.`).join('\n\n')
const show = (r: {messages: Array<{ruleId: string; startOffset: number; reason: string}>}) => r.messages.map((m) => `${m.startOffset} ${m.ruleId} ${m.reason}`)

describe('checking in slices (the language server)', () => {
  it('gives the findings of a whole check, yielding between slices', async () => {
    let yields = 0
    const sliced = await checkDraftInSlices(draft, {corpus, config: DEFAULT_CONFIG}, {sliceMs: 0, cancelled: () => false, yieldNow: async () => void yields++})
    expect(show(sliced!)).toEqual(show(checkDraft(draft, {corpus, config: DEFAULT_CONFIG})))
    expect(yields).toBeGreaterThan(10)
  })

  it('stops when the draft moves on', async () => {
    let yields = 0
    const result = await checkDraftInSlices(draft, {corpus, config: DEFAULT_CONFIG}, {sliceMs: 0, cancelled: () => yields >= 3, yieldNow: async () => void yields++})
    expect(result).toBeUndefined()
    expect(yields).toBe(3)
  })
})
