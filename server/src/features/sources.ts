import type {CancellationToken, Position, TextEdit} from 'vscode-languageserver'
import type {TextDocument} from 'vscode-languageserver-textdocument'
import type {CorpusView} from '../engine/store/types'
import {citeAtEdits, sentenceAt} from './citations'
import {matchingPassages} from './hover'
import type {FeatureState} from './state'

export type {MatchingSource, SourceInfo} from '../contract'
import type {MatchingSource, SourceInfo} from '../contract'

/** `briefcheck/sources`: every corpus source, for the client's pickers. */
export function listSources(corpus: CorpusView): SourceInfo[] {
  return corpus.sources.map((s) => ({
    key: s.key,
    title: s.title,
    author: s.authors.length > 0 ? s.authors.join(', ') : undefined,
    date: s.date,
    path: s.path,
    reference: s.reference,
  }))
}

/** `briefcheck/citationEdit`: edits citing `key` at `position` in the configured style. */
export function citationEdit(state: FeatureState, doc: TextDocument, position: Position, key: string): TextEdit[] {
  const index = state.corpus.sourceByKey(key)
  if (index === undefined) return []
  return citeAtEdits(doc, position, state.corpus.sources[index], state.config.citationStyle)
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
