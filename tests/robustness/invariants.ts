// Invariants every draft must satisfy, whatever its Markdown: shared by the CommonMark/GFM spec
// sweep and the generated-document properties (issue #7).
import {expect} from 'vitest'
import type {CodeAction, TextEdit} from 'vscode-languageserver'
import {TextDocument} from 'vscode-languageserver-textdocument'
import {checkDraft} from '../../server/src/engine/check'
import {DEFAULT_CONFIG} from '../../server/src/engine/config'
import {getCodeActions} from '../../server/src/features/code-actions'
import type {FeatureState} from '../../server/src/features/state'
import {toDiagnostic} from '../../server/src/protocol/convert'
import {corpus} from '../features/helpers'

/** The claim the sweep plants in every structure: a figure conflict and an uncited claim with this corpus. */
export const CLAIM = 'The Harrow Dam stands 150 metres tall above the riverbed.'

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

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff

/** Whether `offset` falls between the two halves of a surrogate pair. */
export function splitsSurrogate(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset))
}

/** A feature state for `doc` as the server builds it (tests/features/helpers.ts, plus accepted-file access). */
export function stateOf(doc: TextDocument): FeatureState {
  const config = {...DEFAULT_CONFIG}
  return {
    corpus,
    config,
    result: checkDraft(doc.getText(), {corpus, config}),
    workspaceRoot: '/ws',
    acceptedFile: {path: '/ws/.briefcheck/accepted.json', text: undefined},
    canCreateFiles: true,
  }
}

/** A stable, comparable digest of a check's findings. */
export function digest(text: string, messages = checkDraft(text, {corpus, config: {...DEFAULT_CONFIG}}).messages): string[] {
  return messages.map(
    (m) => `${m.startOffset}-${m.endOffset} ${m.ruleId} ${m.reason} ${JSON.stringify(m.edits)} ${m.evidence.map((e) => e.key).join(',')}`,
  )
}

/** Applies non-overlapping text edits by offset, by hand: what "only the edited region differs" means. */
function spliceEdits(doc: TextDocument, edits: TextEdit[]): {text: string; regions: Array<{start: number; end: number}>} {
  const text = doc.getText()
  const spans = edits
    .map((e) => ({start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), newText: e.newText}))
    .sort((a, b) => a.start - b.start || a.end - b.end)
  let out = ''
  let at = 0
  for (const s of spans) {
    expect(s.start, 'edits must not overlap').toBeGreaterThanOrEqual(at)
    out += text.slice(at, s.start) + s.newText
    at = s.end
  }
  return {text: out + text.slice(at), regions: spans}
}

/**
 * Runs the engine on `text` and asserts: no exception, every range inside the document and on
 * UTF-16 boundaries, offsets and LSP ranges consistent, the same findings twice, and every code
 * action's edit confined to its range (the text outside it byte-identical) and re-checkable, and
 * (unless `silencing: false`) a disable action silencing the finding it was offered for.
 * Returns how many findings and actions were exercised.
 */
export function assertInvariants(text: string, label = '', options: {silencing?: boolean} = {}): {findings: number; actions: number} {
  const doc = TextDocument.create('file:///ws/draft.md', 'markdown', 1, text)
  const state = stateOf(doc)
  const messages = state.result.messages
  for (const m of messages) {
    const where = `${label} ${m.ruleId} ${m.startOffset}-${m.endOffset}`
    expect(m.startOffset, where).toBeGreaterThanOrEqual(0)
    expect(m.endOffset, where).toBeLessThanOrEqual(text.length)
    expect(m.startOffset, where).toBeLessThanOrEqual(m.endOffset)
    expect(splitsSurrogate(text, m.startOffset), `${where}: start splits a surrogate pair`).toBe(false)
    expect(splitsSurrogate(text, m.endOffset), `${where}: end splits a surrogate pair`).toBe(false)
    // The LSP range says the same thing as the offsets (CR, CRLF and astral characters included).
    expect(doc.offsetAt(m.range.start), where).toBe(m.startOffset)
    expect(doc.offsetAt(m.range.end), where).toBe(m.endOffset)
    for (const e of m.edits) {
      expect(e.start <= e.end && e.start >= 0 && e.end <= text.length, `${where}: edit ${JSON.stringify(e)}`).toBe(true)
    }
  }
  expect(digest(text), `${label}: same input, same findings`).toEqual(digest(text, messages))

  let actions = 0
  for (const m of messages) {
    const diagnostic = toDiagnostic(m)
    const offered: CodeAction[] = getCodeActions(state, doc, {textDocument: {uri: doc.uri}, range: diagnostic.range, context: {diagnostics: [diagnostic]}})
    for (const action of offered) {
      const where = `${label} ${m.ruleId} "${action.title}"`
      const edits = action.edit?.changes?.[doc.uri]
      if (!edits) {
        // The accept action edits .briefcheck/accepted.json only, never the draft.
        const touchesDraft = (action.edit?.documentChanges ?? []).some((c) => 'textDocument' in c && c.textDocument.uri === doc.uri)
        expect(touchesDraft, where).toBe(false)
        continue
      }
      actions++
      for (const e of edits) {
        for (const p of [e.range.start, e.range.end]) {
          expect(p.line, where).toBeLessThan(doc.lineCount)
          expect(doc.positionAt(doc.offsetAt(p)), `${where}: position ${JSON.stringify(p)} is not inside its line`).toEqual(p)
          expect(splitsSurrogate(text, doc.offsetAt(p)), `${where}: splits a surrogate pair`).toBe(false)
        }
      }
      const {text: edited, regions} = spliceEdits(doc, edits)
      expect(TextDocument.applyEdits(doc, edits), where).toBe(edited)
      // Outside the edited regions the text is byte-identical.
      const first = regions[0]
      const last = regions[regions.length - 1]
      expect(edited.slice(0, first.start), where).toBe(text.slice(0, first.start))
      expect(edited.slice(edited.length - (text.length - last.end)), where).toBe(text.slice(last.end))
      // The result is still a document the engine reads.
      const after = checkDraft(edited, {corpus, config: {...DEFAULT_CONFIG}})
      if (options.silencing !== false && action.title.startsWith('Disable ')) {
        // A disable action silences the finding it was offered for.
        const line = action.title.endsWith('this line')
        const still = after.messages.filter((x) => x.ruleId === m.ruleId && (!line || x.range.start.line === m.range.start.line))
        expect(
          still.filter((x) => !line || x.startOffset === m.startOffset),
          `${where}: still reported after the edit ${JSON.stringify(edits)}`,
        ).toEqual([])
      }
    }
  }
  return {findings: messages.length, actions}
}
