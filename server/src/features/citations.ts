import type {Position, TextEdit} from 'vscode-languageserver'
import type {TextDocument} from 'vscode-languageserver-textdocument'
import type {CheckResult} from '../engine/check'
import type {CitationStyle} from '../engine/config'
import type {CorpusView} from '../engine/store/types'
import {familyName} from '../engine/corpus/keys'
import type {SourceMeta} from '../engine/corpus/types'
import {shortTitle} from '../engine/evidence'
import type {SentenceAnalysis} from '../engine/analysis'

/** Every footnote label the document uses, in references and definitions alike. */
export function footnoteLabels(text: string): Set<string> {
  const labels = new Set<string>()
  for (const match of text.matchAll(/\[\^([^\]\s]+)\]/g)) labels.add(match[1])
  return labels
}

/**
 * The label for a new footnote: one more than the largest numeric label in the document, or
 * 1. Being larger than every numeric label it cannot clash with one; named labels never
 * look like numbers.
 */
export function nextFootnoteLabel(text: string): string {
  let max = 0
  for (const label of footnoteLabels(text)) if (/^\d+$/.test(label)) max = Math.max(max, Number(label))
  return String(max + 1)
}

/** "Cite Annual Report of the Harrow River Authority (Castell, 2021)": a quick fix's title. */
export function citeTitle(source: SourceMeta): string {
  const who = source.authors.length > 0 ? familyName(source.authors[0]) : source.publisher
  const year = /^\d{4}/.exec(source.date ?? '')?.[0]
  const paren = [who, year].filter(Boolean).join(', ')
  return `Cite ${shortTitle(source.title, 50)}${paren ? ` (${paren})` : ''}`
}

/**
 * Adds `[^label]: reference` at the end of the document, after a blank line unless the last
 * line is already a footnote definition (notes stay together).
 */
export function definitionEdit(doc: TextDocument, label: string, reference: string, pin?: string): TextEdit {
  const text = doc.getText()
  const eol = text.includes('\r\n') ? '\r\n' : '\n'
  let prefix = ''
  if (text.length > 0) {
    if (!/\r?\n$/.test(text)) prefix = eol
    const lastLine = text.replace(/\s+$/, '').split(/\r?\n/).pop() ?? ''
    const endsBlank = /\r?\n[ \t]*\r?\n$/.test(text)
    if (!endsBlank && !/^\[\^[^\]]+\]:/.test(lastLine)) prefix += eol
  }
  const end = doc.positionAt(text.length)
  const flat = reference.replace(/\s+/g, ' ').trim()
  // A pin-cite ends the note: "…, https://…, p. 7" (issue #9).
  const note = pin ? `${flat.replace(/[.\s]+$/, '')}, ${pin}` : flat
  return {range: {start: end, end}, newText: `${prefix}[^${label}]: ${note}${eol}`}
}

/**
 * Edits that cite `source` for the sentence ending at `sentenceEnd` (an offset): with
 * footnotes, `[^N]` right after the final punctuation and its definition at the end; with
 * pandoc, ` [@key]` before the final punctuation, as pandoc's manual writes it. `pin` ("p. 7")
 * is the locator: `[@key, p. 7]`, or a footnote ending in ", p. 7".
 */
export function citeSentenceEdits(doc: TextDocument, sentenceStart: number, sentenceEnd: number, source: SourceMeta, style: CitationStyle, pin?: string): TextEdit[] {
  const text = doc.getText()
  let end = Math.min(sentenceEnd, text.length)
  while (end > sentenceStart && /\s/.test(text[end - 1])) end--
  if (style === 'pandoc') {
    const punctuation = /[.!?…]+$/.exec(text.slice(sentenceStart, end))?.[0] ?? ''
    const at = doc.positionAt(end - punctuation.length)
    return [{range: {start: at, end: at}, newText: ` [@${source.key}${pin ? `, ${pin}` : ''}]`}]
  }
  const label = nextFootnoteLabel(text)
  const at = doc.positionAt(end)
  return [{range: {start: at, end: at}, newText: `[^${label}]`}, definitionEdit(doc, label, source.reference, pin)]
}

/** Edits that insert a citation of `source` at `position` (the "Insert citation" command). */
export function citeAtEdits(doc: TextDocument, position: Position, source: SourceMeta, style: CitationStyle): TextEdit[] {
  const text = doc.getText()
  const offset = doc.offsetAt(position)
  const at = doc.positionAt(offset)
  if (style === 'pandoc') {
    const before = text[offset - 1]
    const space = before !== undefined && /[^\s[(]/.test(before) ? ' ' : ''
    return [{range: {start: at, end: at}, newText: `${space}[@${source.key}]`}]
  }
  const label = nextFootnoteLabel(text)
  return [{range: {start: at, end: at}, newText: `[^${label}]`}, definitionEdit(doc, label, source.reference)]
}

/**
 * The pin-cite for citing source `key` for a sentence: the page of that source's passage in the
 * finding's evidence, else of its best match for `query` among the corpus sentences.
 */
export function pinCite(corpus: CorpusView, key: string, evidence: Array<{key: string; page?: number}>, query: string): string | undefined {
  const page = evidence.find((e) => e.key === key && e.page !== undefined)?.page
  if (page !== undefined) return `p. ${page}`
  const index = corpus.sourceByKey(key)
  if (index === undefined || !query) return undefined
  const hit = corpus.retrieve(query, 20).find((h) => corpus.sentences[h.sentence].source === index)
  const found = hit ? corpus.sentences[hit.sentence].page : undefined
  return found !== undefined ? `p. ${found}` : undefined
}

/** The analysed sentence holding `offset`, if any. */
export function sentenceAt(result: CheckResult, offset: number): SentenceAnalysis | undefined {
  return result.analysis.sentences.find((s) => s.sentence.start <= offset && offset <= s.sentence.end)
}
