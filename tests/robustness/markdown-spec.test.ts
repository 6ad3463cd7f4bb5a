// Issue #7: every CommonMark spec example and a set of GFM extension cases go through the engine
// and the code actions, raw and with a flagged claim planted inside their structures.
import commonmark from 'commonmark-spec'
import {describe, expect, it} from 'vitest'
import {assertInvariants, CLAIM, GFM_CASES} from './invariants'
import {breathe} from '../helpers/breathe'

/** The spec writes tabs as → (commonmark.js's test runner does the same replacement). */
const examples: Array<{markdown: string; number: number; section: string}> = commonmark.tests.map(
  (t: {markdown: string; number: number; section: string}) => ({...t, markdown: t.markdown.replace(/→/g, '\t')}),
)

/** Two drafts per example: as written, and with every "foo" replaced by the claim (else after a claim). */
function variants(markdown: string): string[] {
  return [markdown, /foo/.test(markdown) ? markdown.replace(/foo/g, CLAIM.slice(0, -1)) : `${CLAIM}\n\n${markdown}`]
}

describe('CommonMark spec examples through the engine', () => {
  const sections = [...new Set(examples.map((e) => e.section))]
  it('has the whole spec', () => {
    expect(examples.length).toBeGreaterThan(600)
  })
  for (const section of sections) {
    it(`${section}: no exception, ranges inside the text, deterministic, code actions confined`, async () => {
      let findings = 0
      for (const example of examples.filter((e) => e.section === section)) {
        await breathe()
        for (const text of variants(example.markdown)) findings += assertInvariants(text, `example ${example.number}`).findings
      }
      // The planted claim is found in every section (the sweep really reaches the checks).
      expect(findings).toBeGreaterThan(0)
    })
  }
})

describe('GFM extension cases through the engine', () => {
  it.each(Object.entries(GFM_CASES))('%s', (_name, markdown) => {
    let actions = 0
    for (const text of variants(markdown)) actions += assertInvariants(text, _name).actions
    expect(actions).toBeGreaterThan(0)
  })
})
