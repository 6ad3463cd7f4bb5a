import {copyFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT, runCli, workspace} from '../helpers/cli'

// `briefcheck sources` (issue #19): what the corpus read, as a user sees it.
const REAL = join(ROOT, 'tests', 'formats', 'real', 'pdf')

function corpus(): string {
  const dir = workspace({'corpus/notes.md': '---\ntitle: Field notes\nauthor: Ana Ruiz\ndate: 2024-05-01\n---\n\nThe weir counted 2,300 salmon in the spring run of that year.\n'})
  copyFileSync(join(REAL, 'crs-R48903.3.pdf'), join(dir, 'corpus', 'hormuz.pdf'))
  writeFileSync(join(dir, 'corpus', 'broken.pdf'), 'not a pdf at all')
  return dir
}

describe('briefcheck sources', () => {
  it('lists each source with key, title, authors, date, path and problems, and with --sentences every sentence with its page and section', async () => {
    const dir = corpus()
    const {code, stdout} = await runCli(['sources', '--corpus', 'corpus', '--sentences', '--format', 'json'], dir)
    expect(code).toBe(0)
    const listing = JSON.parse(stdout) as {version: number; sources: Array<{key: string; title: string; author: string[]; date: string | null; path: string; problems: string[]; sentences?: Array<{text: string; page: number | null; section: string | null}>}>}
    expect(listing.version).toBe(1)
    const pdf = listing.sources.find((s) => s.path === join('corpus', 'hormuz.pdf'))!
    expect(pdf).toMatchObject({title: 'The Strait of Hormuz in Brief: Non-Oil Shipments and Effects on U.S. Shippers', author: ['John Frittelli', 'Ben Goldman'], date: '2026-04-10', problems: []})
    expect(pdf.key).toMatch(/^frittelli2026/)
    // Body sentences carry their page; footnotes are sentences of their own, in "Notes".
    expect(pdf.sentences!.every((s) => typeof s.page === 'number')).toBe(true)
    const notes = pdf.sentences!.filter((s) => s.section === 'Notes')
    expect(notes.some((s) => s.text.startsWith('United Nations Conference on Trade and Development'))).toBe(true)
    expect(pdf.sentences!.filter((s) => s.section !== 'Notes').some((s) => s.text.includes('United Nations Conference on Trade and Development (UNCTAD), “Strait'))).toBe(false)
    expect(listing.sources.find((s) => s.path === join('corpus', 'notes.md'))).toMatchObject({title: 'Field notes', author: ['Ana Ruiz'], date: '2024-05-01'})
    expect(listing.sources.find((s) => s.path === join('corpus', 'broken.pdf'))).toMatchObject({key: '', problems: ['not a PDF (no %PDF header)']})
  }, 60_000)

  it('prints the same as text, sentences with their page and section', async () => {
    const {code, stdout} = await runCli(['sources', '--corpus', 'corpus', '--sentences'], corpus())
    expect(code).toBe(0)
    expect(stdout).toMatch(/^frittelli2026\w*  corpus\/hormuz\.pdf$/m)
    expect(stdout).toMatch(/^ {2}author: John Frittelli; Ben Goldman$/m)
    expect(stdout).toMatch(/^ {2}- \[p\. \d+, Notes\] United Nations Conference/m)
    expect(stdout).toMatch(/^corpus\/broken\.pdf: not read: not a PDF \(no %PDF header\)$/m)
  }, 60_000)

  it('exits 2 with a one-line reason when the corpus does not exist', async () => {
    const {code, stdout, stderr} = await runCli(['sources', '--corpus', 'missing'], workspace({}))
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toBe('briefcheck: unreadable corpus: missing\n')
  })
})
