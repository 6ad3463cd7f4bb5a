import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {DRAFT_LANGUAGES, draftSelector, isDraftLanguage} from '../../client/src/languages'
import {isDraftDocument} from '../../server/src/engine/markdown/languages'

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {activationEvents: string[]; contributes: {menus: Record<string, Array<{when: string}>>}}

describe('draft languages', () => {
  it('activates on, selects and offers its commands for Markdown, Quarto and R Markdown alike', () => {
    expect(pkg.activationEvents).toEqual(DRAFT_LANGUAGES.map((l) => `onLanguage:${l}`))
    expect(draftSelector().map((s) => s.language)).toEqual(['markdown', 'markdown', 'quarto', 'quarto', 'rmd', 'rmd'])
    for (const menu of Object.values(pkg.contributes.menus)) {
      for (const entry of menu) {
        const pattern = new RegExp(/=~ \/(.*)\/$/.exec(entry.when)![1])
        expect(DRAFT_LANGUAGES.every((l) => pattern.test(l))).toBe(true)
        expect(pattern.test('plaintext')).toBe(false)
      }
    }
    expect(isDraftLanguage('quarto')).toBe(true)
    expect(isDraftLanguage('python')).toBe(false)
  })

  it('has the server treat .qmd and .Rmd files as drafts whatever the language id', () => {
    expect(isDraftDocument('plaintext', '/w/report.qmd')).toBe(true)
    expect(isDraftDocument('plaintext', '/w/report.Rmd')).toBe(true)
    expect(isDraftDocument('plaintext', '/w/notes.txt')).toBe(false)
  })
})
