import {readFileSync} from 'node:fs'
import type {TextEdit, WorkspaceEdit} from 'vscode-languageserver'
import type {TextDocument} from 'vscode-languageserver-textdocument'
import {TextDocument as Text} from 'vscode-languageserver-textdocument'
import {URI} from 'vscode-uri'
import {appendEntry} from '../engine/citations/bib-entry'
import {sourceToCsl} from '../engine/citations/csl-item'
import {parseBibliographyText} from '../engine/citations/draft-bibliography'
import {familyName} from '../engine/corpus/keys'
import type {SourceMeta} from '../engine/corpus/types'
import {citeSentenceEdits} from './citations'
import type {FeatureState} from './state'

/**
 * Citing a corpus source in a draft that keeps a bibliography the pandoc way (front matter
 * `bibliography:` or `references:`, issue #16): the citation is `[@key]` whatever the footnote
 * setting (pandoc makes the notes from the bibliography), and when the key is missing from the
 * draft's first bibliography file, the same edit appends the source's entry to that file in its
 * format. Undefined when the draft declares no bibliography (the usual quick fix applies).
 */
export function citeWithBibliography(
  state: FeatureState,
  doc: TextDocument,
  sentenceStart: number,
  sentenceEnd: number,
  source: SourceMeta,
  pin?: string,
): WorkspaceEdit | undefined {
  const bibliography = state.result.analysis.bibliography
  if (bibliography.files.length === 0 && bibliography.entries.length === 0) return undefined
  const changes: Record<string, TextEdit[]> = {[doc.uri]: citeSentenceEdits(doc, sentenceStart, sentenceEnd, source, 'pandoc', pin)}
  const file = bibliography.files[0]
  if (!file || bibliography.entries.some((e) => e.key === source.key)) return {changes}
  let text = ''
  if (file.exists) {
    try {
      text = readFileSync(file.path, 'utf8')
      // The file as it is now: it may have gained the key since the draft was last checked.
      if (parseBibliographyText(text, file.format).some((e) => e.key === source.key)) return {changes}
    } catch {
      return {changes} // unreadable or broken now: cite without touching the file
    }
  }
  const item = {...(source.csl ?? sourceToCsl(source, familyName)), id: source.key}
  const {at, text: entry} = appendEntry(text, file.format, item)
  const uri = URI.file(file.path).toString()
  const position = Text.create(uri, 'plaintext', 0, text).positionAt(at)
  const append: TextEdit = {range: {start: position, end: position}, newText: entry}
  if (file.exists) return {changes: {...changes, [uri]: [append]}}
  // A bibliography the front matter names but that does not exist yet is created with the entry.
  if (!state.canCreateFiles) return {changes}
  return {
    documentChanges: [
      {textDocument: {uri: doc.uri, version: null}, edits: changes[doc.uri]},
      {kind: 'create', uri, options: {ignoreIfExists: true}},
      {textDocument: {uri, version: null}, edits: [append]},
    ],
  }
}
