import {rmSync} from 'node:fs'
import {join} from 'node:path'
import {CodeActionKind} from 'vscode-languageserver'
import {TextDocument} from 'vscode-languageserver-textdocument'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {checkDraft} from '../../server/src/engine/check'
import {DEFAULT_CONFIG} from '../../server/src/engine/config'
import type {Corpus} from '../../server/src/engine/corpus/corpus'
import {loadCorpus} from '../../server/src/engine/corpus/load'
import {getCodeActions} from '../../server/src/features/code-actions'
import {getHover} from '../../server/src/features/hover'
import {toDiagnostic} from '../../server/src/protocol/convert'
import {runCli} from '../helpers/cli'
import {ALL, corpusFolder, DRAFT, MIXED} from './briefs'

/** A finding reduced to what must not depend on the source's file format. */
function findings(corpus: Corpus) {
  return checkDraft(DRAFT, {corpus, config: DEFAULT_CONFIG})
    .messages.filter((m) => m.ruleId === 'figure-conflict')
    .map((m) => ({line: m.range.start.line, reason: m.reason, actual: m.actual, expected: m.expected, keys: m.evidence.map((e) => e.key)}))
}

const dirs: string[] = []
const corpora: Record<string, Corpus> = {}

beforeAll(async () => {
  for (const [name, forms] of Object.entries({md: ALL('md'), pdf: ALL('pdf'), html: ALL('html'), mixed: MIXED})) {
    const dir = await corpusFolder(forms)
    dirs.push(dir)
    corpora[name] = await loadCorpus([join(dir, 'corpus')], {baseDir: dir})
  }
})

afterAll(() => {
  for (const dir of dirs) rmSync(dir, {recursive: true, force: true})
})

describe('a corpus of PDF, HTML, Word, Markdown and text sources (issue #9)', () => {
  it('reads every source without problems', () => {
    for (const corpus of Object.values(corpora)) {
      expect(corpus.problems).toEqual([])
      expect(corpus.sources).toHaveLength(5)
    }
  })

  it('gives the same figure conflicts as the all-Markdown corpus', () => {
    const reference = findings(corpora.md)
    expect(reference.length).toBeGreaterThanOrEqual(5)
    expect(findings(corpora.mixed)).toEqual(reference)
    expect(findings(corpora.pdf)).toEqual(reference)
    expect(findings(corpora.html)).toEqual(reference)
  })

  it('keeps the page of PDF evidence and the section of HTML evidence', () => {
    const messages = checkDraft(DRAFT, {corpus: corpora.mixed, config: DEFAULT_CONFIG}).messages
    const dam = messages.find((m) => m.ruleId === 'figure-conflict' && m.actual?.includes('150'))!
    expect(dam.evidence[0]).toMatchObject({key: 'castell2021annual', page: 2, section: 'The Harrow Dam'})
    const salmon = messages.find((m) => m.ruleId === 'figure-conflict' && m.actual?.includes('3,100'))!
    expect(salmon.evidence[0]).toMatchObject({section: 'Salmon runs'})
    expect(salmon.evidence[0].page).toBeUndefined()
    const related = toDiagnostic(dam).relatedInformation![0]
    expect(related.message).toContain('(p. 2)')
  })

  it('shows the PDF page in the hover card, with a link to that page', () => {
    const doc = TextDocument.create('file:///ws/draft.md', 'markdown', 1, DRAFT)
    const result = checkDraft(DRAFT, {corpus: corpora.mixed, config: DEFAULT_CONFIG})
    const at = doc.positionAt(DRAFT.indexOf('150 metres') + 1)
    const hover = getHover({corpus: corpora.mixed, config: DEFAULT_CONFIG, result}, doc, at)
    const value = (hover!.contents as {value: string}).value
    expect(value).toMatch(/authority\.pdf, p\. 2\]\(file:\/\/\/.*authority\.pdf#page=2\)/)
  })

  it('offers a cite quick fix with a pin-cite, as a footnote and as pandoc', () => {
    for (const style of ['footnote', 'pandoc'] as const) {
      const config = {...DEFAULT_CONFIG, citationStyle: style}
      const doc = TextDocument.create('file:///ws/draft.md', 'markdown', 1, DRAFT)
      const result = checkDraft(DRAFT, {corpus: corpora.mixed, config})
      const message = result.messages.find((m) => m.ruleId === 'figure-conflict' && m.actual?.includes('150'))!
      const diagnostic = toDiagnostic(message)
      const actions = getCodeActions({corpus: corpora.mixed, config, result}, doc, {textDocument: {uri: doc.uri}, range: diagnostic.range, context: {diagnostics: [diagnostic], only: [CodeActionKind.QuickFix]}})
      const cite = actions.find((a) => a.title.startsWith('Cite Annual Report'))!
      expect(cite.title).toContain('p. 2')
      const texts = cite.edit!.changes![doc.uri].map((e) => e.newText)
      if (style === 'pandoc') expect(texts).toContain(' [@castell2021annual, p. 2]')
      // A Chicago full note (citeproc, tests/citations/csl.test.ts) with the page as its locator.
      else expect(texts.some((t) => /^\n?\n?\[\^1\]: Mira Castell, “Annual Report of the Harrow River Authority,?” .*2021\)?, 2\.\n$/.test(t))).toBe(true)
    }
  })

  it('puts "page" and "section" in the CLI JSON evidence', async () => {
    const dir = await corpusFolder(MIXED)
    dirs.push(dir)
    const {code, stdout, stderr} = await runCli(['check', '--corpus', 'corpus', '--format', 'json', 'draft.md'], dir)
    expect(stderr).toBe('')
    expect(code).toBe(1)
    const json = JSON.parse(stdout)
    const evidence = json.files[0].diagnostics.flatMap((d: {evidence: unknown[]}) => d.evidence)
    expect(evidence).toContainEqual(expect.objectContaining({page: 2, section: 'The Harrow Dam', source: expect.objectContaining({path: join('corpus', 'authority.pdf')})}))
    expect(evidence).toContainEqual(expect.objectContaining({section: 'Salmon runs'}))
  })
})
