import type {ParsedSource} from '../../engine/corpus/corpus'
import {sentenceCount, sentenceText, SPAN_FIELDS} from '../../engine/corpus/parsed-source'
import {extractFigures} from '../../engine/figures/extract'
import {lastAtMost} from '../../engine/text/sorted'
import type {CopyBinary} from './copy'

/** Column arrays of a batch of figures. */
export interface FigureColumns {
  sourceId: number[]
  ord: number[]
  value: number[]
  unit: string[]
  dimension: string[]
  text: string[]
}

/** Empty columns for a new batch. */
export function emptyFigureColumns(): FigureColumns {
  return {sourceId: [], ord: [], value: [], unit: [], dimension: [], text: []}
}

/** The columns `appendSource` writes, in its order and types, for `COPY sentences (…) FROM STDIN`. */
export const SENTENCE_COPY = 'sentences (source_id, ord, text, start_offset, end_offset, start_line, start_character, end_line, end_character, section, page)'

/**
 * Appends a parsed source's sentences as COPY rows (and, given `figures`, their figures to the
 * figure columns). Sentences carry no index terms: retrieval reads `postings`, and `publish`
 * moves document frequencies by the per-source counts of `sourceTerms`.
 */
export function appendSource(sourceId: number, parsed: ParsedSource, sentences: CopyBinary, figures?: FigureColumns): void {
  const {lineStarts: starts, spans} = parsed
  for (let at = 0, ord = 0; at < spans.length; at += SPAN_FIELDS, ord++) {
    const start = spans[at + 2]
    const end = spans[at + 3]
    const startLine = lastAtMost(starts, start)
    const endLine = lastAtMost(starts, end)
    const section = spans[at + 5]
    const page = spans[at + 4]
    // The sentence's UTF-8 as the parse encoded it, copied as it is: decoding it to a string
    // and encoding that back, as this did through `parsedSentences` (an object and a string per
    // sentence), gave the same bytes (the parse's encoder writes valid UTF-8 only) for about a
    // fifth more CPU (median 80 against 62 ms for the rows of 1,000 briefs, measured
    // alternately on the loaded machine; docs/scaling.md, "Ingestion profile").
    sentences
      .row(11)
      .int8(sourceId)
      .int4(ord)
      .bytes(parsed.text.subarray(spans[at], spans[at + 1]))
      .int4(start)
      .int4(end)
      .int4(startLine)
      .int4(start - starts[startLine])
      .int4(endLine)
      .int4(end - starts[endLine])
      .textOrNull(section > 0 ? parsed.sections[section - 1] : undefined)
      .int4OrNull(page > 0 ? page : undefined)
    // Figures are stored on request only (`index --figures`), for SQL reports across the
    // library: extracting them costs more than parsing (measured: 70% of a batch's CPU), and
    // checks derive them from the sentence text as the embedded corpus does (`figuresOf`).
    if (!figures) continue
    for (const f of extractFigures(sentenceText(parsed, ord))) {
      if (!Number.isFinite(f.value)) continue
      figures.sourceId.push(sourceId)
      figures.ord.push(ord)
      figures.value.push(f.value)
      figures.unit.push(f.unit)
      figures.dimension.push(f.dimension)
      figures.text.push(f.text)
    }
  }
}

/** What a source adds to the corpus statistics BM25 reads (`terms.df`, `length_sum`). */
export interface SourceTerms {
  /** Its distinct index terms, space-separated (index terms never contain white space). */
  terms: string
  /** For each, how many of its sentences hold it, space-separated. */
  dfs: string
  /** Sum of its sentences' BM25 lengths (capped as the postings cap them). */
  lengthSum: number
}

/**
 * A source's document frequencies and total length, from the parse's own term lists
 * (`ParsedSource.termIds` lists each sentence's distinct terms once): stored with the source
 * so that `publish` adds or subtracts a source's statistics without reading its sentences.
 */
export function sourceTerms(parsed: ParsedSource): SourceTerms {
  const vocabulary = parsed.vocabulary === '' ? [] : parsed.vocabulary.split('\n')
  const dfs = new Uint32Array(vocabulary.length)
  const termIds = parsed.termIds
  for (let p = 0; p < termIds.length; p++) dfs[termIds[p]]++
  let lengthSum = 0
  const sentences = sentenceCount(parsed)
  for (let ord = 0; ord < sentences; ord++) lengthSum += Math.min(parsed.spans[ord * SPAN_FIELDS + 6], MAX_LENGTH)
  const terms: string[] = []
  const counts: number[] = []
  vocabulary.forEach((term, id) => {
    if (dfs[id] === 0) return
    terms.push(term)
    counts.push(dfs[id])
  })
  return {terms: terms.join(' '), dfs: counts.join(' '), lengthSum}
}

/** Sentence lengths are capped as `SentenceIndex` and the postings (u16) cap them. */
const MAX_LENGTH = 65_535

/** One statement per batch for the figures (`index --figures`). */
export const INSERT_FIGURES = `INSERT INTO figures (source_id, ord, value, unit, dimension, text)
  SELECT * FROM unnest($1::bigint[], $2::int[], $3::float8[], $4::text[], $5::text[], $6::text[])`

/** The parameters of `INSERT_FIGURES`, in its order. */
export function figureParams(c: FigureColumns): unknown[] {
  return [c.sourceId, c.ord, c.value, c.unit, c.dimension, c.text]
}
