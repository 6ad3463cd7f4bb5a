// Issue #7: every CommonMark spec example and a set of GFM extension cases go through the engine
// and the code actions, raw and with a flagged claim planted inside their structures.
import commonmark from 'commonmark-spec'
import {describe, expect, it} from 'vitest'
import {assertInvariants, CLAIM} from './invariants'

/** The spec writes tabs as → (commonmark.js's test runner does the same replacement). */
const examples: Array<{markdown: string; number: number; section: string}> = commonmark.tests.map(
  (t: {markdown: string; number: number; section: string}) => ({...t, markdown: t.markdown.replace(/→/g, '\t')}),
)

/** GFM extensions (tables, task lists, strikethrough, autolinks, footnotes), written for Briefcheck. */
export const GFM_CASES: Record<string, string> = {
  table: `| Dam | Height |\n| --- | ---: |\n| Harrow | 150 metres |\n| ${CLAIM} | x |\n`,
  'table without body': '| a | b |\n|---|---|\n',
  'table with escaped pipe': `| a \\| b | ${CLAIM} |\n| - | - |\n| \`x|y\` | 1 |\n`,
  'task list': `- [ ] ${CLAIM}\n- [x] done 2019\n  - [ ] nested ${CLAIM}\n`,
  strikethrough: `~~${CLAIM}~~ and ~one~ ~~~three~~~\n`,
  autolinks: `See www.example.com, https://example.org/a?b=c_(d) and x@example.com. ${CLAIM} https://rva.example.org\n`,
  footnotes: `${CLAIM}[^1] Again[^note].\n\n[^1]: River Authority, 2021.\n[^note]:\n    ${CLAIM}\n\n    Second paragraph.\n`,
  'footnote reference without definition': `${CLAIM}[^missing]\n`,
  'pandoc citations': `${CLAIM} [see @rva2021, p. 4; @nobody]\n`,
  'html and comments': `<div>\n${CLAIM}\n</div>\n\n<!-- briefcheck-disable-next-line -->\n${CLAIM}\n`,
  'front matter': `---\ntitle: [unclosed\n---\n${CLAIM}\n`,
  'toml front matter': `+++\ntitle = "x"\n+++\n\n${CLAIM}\n`,
  'CR line endings': `# Title\r\r${CLAIM}\r- ${CLAIM}\r> ${CLAIM}\r`,
  'CRLF line endings': `# Title\r\n\r\n${CLAIM}\r\n- ${CLAIM}\r\n`,
  'emoji and astral': `😀😀 ${CLAIM} 😀\n\n𝟙𝟚𝟛 “${CLAIM}” 🇺🇦\n`,
}

/** Three drafts per example: as written, after a claim, and with every "foo" replaced by the claim. */
function variants(markdown: string): string[] {
  const out = [markdown, `${CLAIM}\n\n${markdown}`]
  if (/foo/.test(markdown)) out.push(markdown.replace(/foo/g, CLAIM.slice(0, -1)))
  return out
}

describe('CommonMark spec examples through the engine', () => {
  const sections = [...new Set(examples.map((e) => e.section))]
  it('has the whole spec', () => {
    expect(examples.length).toBeGreaterThan(600)
  })
  for (const section of sections) {
    it(`${section}: no exception, ranges inside the text, deterministic, code actions confined`, () => {
      let findings = 0
      for (const example of examples.filter((e) => e.section === section)) {
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
