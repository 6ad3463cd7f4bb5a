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
import {escapeMarkdown} from './markdown'
import type {FeatureState} from './state'
import type {CorpusView} from '../engine/store/types'

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
export function getCompletions(state: FeatureState, doc: TextDocument, position: Position, token?: CancellationToken): CompletionList {
  if (token?.isCancellationRequested) return EMPTY
  const keys = getKeyCompletions(state.corpus, doc, position)
  if (keys) return keys
  const {before, after} = lineAround(doc, position)

  const note = /\[\^([^\]\s]*)$/.exec(before)
  if (note) return {isIncomplete: false, items: footnoteItems(state, position, note[1], after)}

  const quote = openQuote(before)
  if (quote !== undefined) return {isIncomplete: true, items: quoteItems(state, doc, position, before, quote, after)}
  return EMPTY
}

/**
 * Source keys after `[@`, or undefined when the cursor is not in a pandoc citation. Needs the
 * corpus only: the server answers it without waiting for the draft's check (issue #12).
 */
export function getKeyCompletions(corpus: CorpusView, doc: TextDocument, position: Position): CompletionList | undefined {
  const {before, after} = lineAround(doc, position)
  const key = /(?:\[[^[\]]*@|;\s*@)([^\s\];,@]*)$/.exec(before)
  if (!key) return undefined
  const items = keyItems(corpus, position, key[1], after)
  // A large corpus lists only the keys that start with what is typed, at most MAX_KEYS; the
  // list is incomplete then, so the editor asks again as the user types on.
  return {isIncomplete: items.length >= MAX_KEYS, items}
}

function lineAround(doc: TextDocument, position: Position): {before: string; after: string} {
  const line = doc.getText({start: {line: position.line, character: 0}, end: {line: position.line + 1, character: 0}}).replace(/\r?\n$/, '')
  return {before: line.slice(0, position.character), after: line.slice(position.character)}
}

/** Citation keys offered at once: enough to browse, few enough to answer in a millisecond. */
export const MAX_KEYS = 200

function keyItems(corpus: CorpusView, position: Position, typed: string, after: string): CompletionItem[] {
  const range = {start: {line: position.line, character: position.character - typed.length}, end: position}
  const close = /^[^[]*\]/.test(after) ? '' : ']'
  const prefix = typed.toLowerCase()
  const sources = corpus.sources.filter((source) => source.key.toLowerCase().startsWith(prefix)).slice(0, MAX_KEYS)
  return sources.map((source) => ({
    label: source.key,
    kind: CompletionItemKind.Reference,
    detail: shortTitle(source.title),
    documentation: {kind: MarkupKind.Markdown, value: escapeMarkdown(source.reference)},
    textEdit: {range, newText: source.key + close},
    filterText: source.key,
  }))
}

function footnoteItems(state: FeatureState, position: Position, typed: string, after: string): CompletionItem[] {
  const range = {start: {line: position.line, character: position.character - typed.length}, end: position}
  const close = after.startsWith(']') ? '' : ']'
  return state.result.analysis.draft.footnotes.map((note) => ({
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

function quoteItems(state: FeatureState, doc: TextDocument, position: Position, before: string, quoteAt: number, after: string): CompletionItem[] {
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
