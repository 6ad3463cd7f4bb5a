import type {CancellationToken, Position, TextEdit} from 'vscode-languageserver'
import type {TextDocument} from 'vscode-languageserver-textdocument'
import type {CorpusView} from '../engine/store/types'
import {searchSources} from './citation-search'
import {citeAtEdits, sentenceAt} from './citations'
import {noteText} from './csl-note'
import {matchingPassages} from './hover'
import type {FeatureState} from './state'

export type {MatchingSource, SourceInfo} from '../contract'
import type {MatchingSource, SourceInfo} from '../contract'

/** `briefcheck/sources`: every corpus source, for the client's pickers. */
export function listSources(corpus: CorpusView): SourceInfo[] {
  return corpus.sources.map((s) => sourceInfo(s))
}

/** `briefcheck/searchSources`: sources matching a query typed in the "Insert citation" picker (citation-search.ts). */
export function searchSourceInfo(corpus: CorpusView, query: unknown): SourceInfo[] {
  if (typeof query !== 'string' || query.trim().length < 2) return []
  return searchSources(corpus, query.slice(0, 200)).map((i) => sourceInfo(corpus.sources[i]))
}

function sourceInfo(s: CorpusView['sources'][number]): SourceInfo {
  return {
    key: s.key,
    title: s.title,
    author: s.authors.length > 0 ? s.authors.join(', ') : undefined,
    date: s.date,
    path: s.path,
    reference: s.reference,
  }
}

/** `briefcheck/citationEdit`: edits citing `key` at `position` in the configured style. */
export function citationEdit(state: FeatureState, doc: TextDocument, position: Position, key: string): TextEdit[] {
  const index = state.corpus.sourceByKey(key)
  if (index === undefined) return []
  const source = state.corpus.sources[index]
  // A draft with a pandoc bibliography cites by key (issue #16).
  const bibliography = state.result.analysis.bibliography
  const style = bibliography.files.length > 0 || bibliography.entries.length > 0 ? 'pandoc' : state.config.citationStyle
  return citeAtEdits(doc, position, source, style, style === 'footnote' ? noteText(state, source) : undefined)
}

/**
 * `briefcheck/matchingSources`: the evidence of a finding at `position`, else the corpus
 * passages that best match the sentence there.
 */
export function matchingSources(state: FeatureState, doc: TextDocument, position: Position, token?: CancellationToken): MatchingSource[] {
  if (token?.isCancellationRequested) return []
  const offset = doc.offsetAt(position)
  const finding = state.result.messages.find((m) => m.startOffset <= offset && offset <= m.endOffset && m.evidence.length > 0)
  const evidence = finding ? finding.evidence : (() => {
    const sentence = sentenceAt(state.result, offset)
    return sentence ? matchingPassages(state.corpus, sentence.sentence.analysisText, 5) : []
  })()
  return evidence.map((e) => ({path: e.path, range: e.range, title: e.title, text: e.text}))
}
