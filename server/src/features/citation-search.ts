import {CompletionItemKind, MarkupKind, type CompletionItem, type Position} from 'vscode-languageserver'
import type {CorpusView} from '../engine/store/types'
import {familyName} from '../engine/corpus/keys'
import {shortTitle} from '../engine/evidence'
import {escapeMarkdown} from './markdown'

/** Sources a search offers at most. */
export const SEARCH_LIMIT = 20

/**
 * Sources matching what the writer typed after `[@` (issue #16, "Insert citation"): every word
 * found in a source's authors, year or title ranks it first (`castell 2021`, `harrow report`),
 * then sources whose passages hold the words (BM25 over the whole corpus: `dam 120 metres`).
 * Words are matched as prefixes, case- and accent-blind.
 */
export function searchSources(corpus: CorpusView, query: string, limit = SEARCH_LIMIT): number[] {
  const words = fold(query).split(/\s+/).filter((w) => w.length > 0).slice(0, 12)
  if (words.length === 0) return []
  const out: number[] = []
  for (let i = 0; i < corpus.sources.length && out.length < limit; i++) {
    const s = corpus.sources[i]
    const haystack = fold([s.key, ...s.authors, ...s.authors.map(familyName), s.date ?? '', s.title].join(' ')).split(/[^\p{L}\p{N}]+/u)
    if (words.every((w) => haystack.some((h) => h.startsWith(w)))) out.push(i)
  }
  if (out.length < limit) {
    for (const hit of corpus.retrieve(query, 40)) {
      const source = corpus.sentences[hit.sentence].source
      if (!out.includes(source)) out.push(source)
      if (out.length >= limit) break
    }
  }
  return out
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/**
 * Completion items for a search typed after `[@` that is not the start of a key: each replaces
 * the typed words with the source's key. Their `filterText` is the typed text, so the editor
 * keeps them although the key does not start with it.
 */
export function searchItems(corpus: CorpusView, position: Position, typed: string, close: string, skip: Set<string>): CompletionItem[] {
  const range = {start: {line: position.line, character: position.character - typed.length}, end: position}
  return searchSources(corpus, typed)
    .map((i) => corpus.sources[i])
    .filter((s) => !skip.has(s.key))
    .map((source, rank) => ({
      label: source.key,
      kind: CompletionItemKind.Reference,
      detail: `${shortTitle(source.title)}${source.authors[0] ? ` — ${familyName(source.authors[0])}` : ''}${source.date ? `, ${source.date.slice(0, 4)}` : ''}`,
      documentation: {kind: MarkupKind.Markdown, value: escapeMarkdown(source.reference)},
      textEdit: {range, newText: source.key + close},
      filterText: typed,
      sortText: `1${String(rank).padStart(3, '0')}`,
    }))
}
