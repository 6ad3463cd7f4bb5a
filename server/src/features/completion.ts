import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CancellationToken,
  type CompletionItem,
  type CompletionList,
  type Position,
  type TextEdit,
} from 'vscode-languageserver'
import type {TextDocument} from 'vscode-languageserver-textdocument'
import {shortTitle} from '../engine/evidence'
import {definitionEdit, nextFootnoteLabel} from './citations'
import {searchItems} from './citation-search'
import {escapeMarkdown} from './markdown'
import type {FeatureState} from './state'
import type {CorpusView} from '../engine/store/types'
import type {BriefcheckConfig} from '../engine/config'
import type {DraftBibliography} from '../engine/citations/draft-bibliography'
import type {FootnoteDefinition} from '../engine/markdown/prose'

/**
 * What completion reads: the corpus, the rules, the draft's front-matter bibliography and, after
 * `[^` only, its footnotes. Never a check result, so completion never waits for a check
 * (issue #12): the server reads the bibliography from the front matter alone and the
 * footnotes from the parse.
 */
export interface CompletionInput {
  corpus: CorpusView
  config: BriefcheckConfig
  bibliography: DraftBibliography
  /** The draft's footnote definitions; needed only where `needsFootnotes` says so. */
  footnotes?: FootnoteDefinition[]
}

/** The completion input a feature state holds (tests and the benchmark build states). */
export function completionInputOf(state: FeatureState): CompletionInput {
  return {corpus: state.corpus, config: state.config, bibliography: state.result.analysis.bibliography, footnotes: state.result.analysis.draft.footnotes}
}

/** Whether the completion at `position` lists footnote labels, the one kind that needs the parse. */
export function needsFootnotes(doc: TextDocument, position: Position): boolean {
  const {before} = lineAround(doc, position)
  return !KEY_CONTEXT.test(before) && NOTE_CONTEXT.test(before)
}

// Words after `[@` (spaces allowed, up to 60 characters) also search the library.
const KEY_CONTEXT = /(?:\[[^[\]]*@|;\s*@)([^\];,@\s][^\];,@]{0,59}|)$/
const NOTE_CONTEXT = /\[\^([^\]\s]*)$/

/** Characters the client should ask for completions after. */
export const COMPLETION_TRIGGERS = ['@', '^', '"']

/** How many corpus sentences a quotation completion offers. */
export const QUOTE_SUGGESTIONS = 5

const EMPTY: CompletionList = {isIncomplete: false, items: []}

/**
 * Completions inside citations and quotations: source keys after `[@` (also `[see @`,
 * `; @`), footnote labels after `[^`, and after an opening `"` with two or more typed words
 * the corpus sentences those words begin, quoted and cited in the configured style.
 */
export function getCompletions(state: CompletionInput, doc: TextDocument, position: Position, token?: CancellationToken): CompletionList {
  if (token?.isCancellationRequested) return EMPTY
  const {before, after} = lineAround(doc, position)
  // The draft's own bibliography keys are offered too, and words that start no key search the
  // library (issue #16, citation-search.ts).
  const key = KEY_CONTEXT.exec(before)
  if (key) {
    const items = keyItems(state.corpus, position, key[1], after, state)
    // A large corpus lists only the keys that start with what is typed, at most MAX_KEYS; the
    // list is incomplete then, so the editor asks again as the user types on.
    return {isIncomplete: items.length >= MAX_KEYS, items}
  }

  const note = NOTE_CONTEXT.exec(before)
  if (note) return {isIncomplete: false, items: footnoteItems(state.footnotes ?? [], position, note[1], after)}

  const quote = openQuote(before)
  if (quote !== undefined) return {isIncomplete: true, items: quoteItems(state, doc, position, before, quote, after)}
  return EMPTY
}

function lineAround(doc: TextDocument, position: Position): {before: string; after: string} {
  const line = doc.getText({start: {line: position.line, character: 0}, end: {line: position.line + 1, character: 0}}).replace(/\r?\n$/, '')
  return {before: line.slice(0, position.character), after: line.slice(position.character)}
}

/** Citation keys offered at once: enough to browse, few enough to answer in a millisecond. */
export const MAX_KEYS = 200

function keyItems(corpus: CorpusView, position: Position, typed: string, after: string, state: CompletionInput): CompletionItem[] {
  const range = {start: {line: position.line, character: position.character - typed.length}, end: position}
  const close = /^[^[]*\]/.test(after) ? '' : ']'
  const prefix = typed.toLowerCase()
  const sources = /\s/.test(typed) ? [] : corpus.sources.filter((source) => source.key.toLowerCase().startsWith(prefix)).slice(0, MAX_KEYS)
  const items: CompletionItem[] = sources.map((source) => ({
    label: source.key,
    kind: CompletionItemKind.Reference,
    detail: shortTitle(source.title),
    documentation: {kind: MarkupKind.Markdown, value: escapeMarkdown(source.reference)},
    textEdit: {range, newText: source.key + close},
    filterText: source.key,
  }))
  // Keys of the draft's own bibliography (issue #16) that no corpus source has.
  const offered = new Set(items.map((i) => i.label))
  for (const entry of state.bibliography.entries) {
    if (offered.has(entry.key) || state.corpus.sourceByKey(entry.key) !== undefined || !entry.key.toLowerCase().startsWith(prefix) || /\s/.test(typed)) continue
    offered.add(entry.key)
    items.push({label: entry.key, kind: CompletionItemKind.Reference, detail: entry.title ? shortTitle(entry.title) : 'bibliography entry', textEdit: {range, newText: entry.key + close}, filterText: entry.key})
  }
  // Typed words that are no key's start search authors, years, titles and passages instead.
  if (typed.trim().length >= 2 && items.length < 5) items.push(...searchItems(corpus, position, typed, close, offered))
  return items.slice(0, MAX_KEYS)
}

function footnoteItems(footnotes: FootnoteDefinition[], position: Position, typed: string, after: string): CompletionItem[] {
  const range = {start: {line: position.line, character: position.character - typed.length}, end: position}
  const close = after.startsWith(']') ? '' : ']'
  return footnotes.map((note) => ({
    label: note.id,
    kind: CompletionItemKind.Reference,
    detail: shortTitle(note.text.replace(/\s+/g, ' ').trim()),
    documentation: {kind: MarkupKind.Markdown, value: escapeMarkdown(note.text)},
    textEdit: {range, newText: note.id + close},
  }))
}

/** Index of the quotation mark a quotation still open at the end of `before` starts with. */
function openQuote(before: string): number | undefined {
  let straight: number | undefined
  for (let i = 0; i < before.length; i++) if (before[i] === '"') straight = straight === undefined ? i : undefined
  const curlyOpen = before.lastIndexOf('“')
  const curly = curlyOpen > before.lastIndexOf('”') ? curlyOpen : undefined
  if (straight === undefined) return curly
  if (curly === undefined) return straight
  return Math.max(straight, curly)
}

function quoteItems(state: CompletionInput, doc: TextDocument, position: Position, before: string, quoteAt: number, after: string): CompletionItem[] {
  const typed = before.slice(quoteAt + 1)
  if (typed.trim().split(/\s+/).filter(Boolean).length < 2) return []
  // An auto-closed quotation mark right after the cursor is replaced, not doubled.
  const closing = /^["”]/.test(after) ? 1 : 0
  const range = {start: {line: position.line, character: quoteAt}, end: {line: position.line, character: position.character + closing}}
  const [open, close] = before[quoteAt] === '“' ? ['“', '”'] : ['"', '"']
  const style = state.config.citationStyle
  const label = style === 'footnote' ? nextFootnoteLabel(doc.getText()) : ''
  return state.corpus.retrieve(typed, QUOTE_SUGGESTIONS).map((hit, rank) => {
    const sentence = state.corpus.sentences[hit.sentence]
    const source = state.corpus.sources[sentence.source]
    const words = sentence.text.trim().replace(/[\s.,;:!?…]+$/, '')
    const pin = sentence.page !== undefined ? `p. ${sentence.page}` : undefined
    const citation = style === 'pandoc' ? ` [@${source.key}${pin ? `, ${pin}` : ''}]` : `[^${label}]`
    const additionalTextEdits: TextEdit[] = style === 'footnote' ? [definitionEdit(doc, label, source.reference, pin)] : []
    return {
      label: `${open}${shortTitle(words, 70)}${close}`,
      kind: CompletionItemKind.Text,
      detail: `${shortTitle(source.title, 50)} (${source.key})`,
      documentation: {kind: MarkupKind.Markdown, value: `${escapeMarkdown(sentence.text)}\n\n— ${escapeMarkdown(source.reference)}`},
      textEdit: {range, newText: `${open}${words}${close}${citation}`},
      additionalTextEdits,
      filterText: before.slice(quoteAt),
      sortText: String(rank).padStart(3, '0'),
      insertTextFormat: InsertTextFormat.PlainText,
    }
  })
}
