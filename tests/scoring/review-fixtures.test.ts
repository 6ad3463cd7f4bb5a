import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {addTallies, fixtureSets, precisionRecall, scoreSet, type Tally} from './score'

/**
 * Accuracy of the review checks (issue #17) on labelled fixtures: `tests/fixtures-review/`
 * holds invented briefs labelled for `inconsistent-figure` and `outdated-figure` (README
 * there). The main fixture sets (`tests/fixtures/`) carry no such labels, so every finding of
 * these codes there counts as a false positive: they measure precision on drafts written for
 * other checks.
 */
const REVIEW = join(__dirname, '..', 'fixtures-review')
const MAIN = join(__dirname, '..', 'fixtures')
const CODES = ['inconsistent-figure', 'outdated-figure']
/** Floors (issue #17): precision and recall at least 0.85. */
const FLOOR = 0.85

describe('accuracy of inconsistent-figure and outdated-figure', () => {
  it('meets the precision and recall floors', {timeout: 120_000}, async () => {
    const total: Record<string, Tally> = {}
    const misses: string[] = []
    for (const [root, sets] of [[REVIEW, fixtureSets(REVIEW)], [MAIN, fixtureSets(MAIN)]] as const) {
      for (const set of sets) {
        const score = await scoreSet(root, set, CODES)
        addTallies(total, score.tallies)
        misses.push(...score.misses)
      }
    }
    const rows = CODES.map((code) => {
      const {precision, recall} = precisionRecall(total[code])
      const {tp, fp, fn} = total[code]
      return `${code.padEnd(20)} P ${precision.toFixed(2)} R ${recall.toFixed(2)} (tp ${tp} fp ${fp} fn ${fn})`
    })
    console.log(['Review checks on tests/fixtures-review (+ false positives on tests/fixtures)', ...rows, ...misses.map((m) => `  ${m}`)].join('\n'))
    for (const code of CODES) {
      const {precision, recall} = precisionRecall(total[code])
      expect(total[code].tp + total[code].fn, `${code} has labels`).toBeGreaterThanOrEqual(5)
      expect.soft(precision, `${code} precision`).toBeGreaterThanOrEqual(FLOOR)
      expect.soft(recall, `${code} recall`).toBeGreaterThanOrEqual(FLOOR)
    }
  })
})
