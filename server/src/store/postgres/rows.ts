import {parsedSentences, type ParsedSource} from '../../engine/corpus/corpus'
import {SPAN_FIELDS} from '../../engine/corpus/parsed-source'
import {extractFigures} from '../../engine/figures/extract'
import {lastAtMost} from '../../engine/text/sorted'

/** Column arrays of a batch of sentences, for one `INSERT … SELECT FROM unnest(…)`. */
export interface SentenceColumns {
  sourceId: number[]
  ord: number[]
  text: string[]
  start: number[]
  end: number[]
  startLine: number[]
  startCharacter: number[]
  endLine: number[]
  endCharacter: number[]
  section: Array<string | null>
  page: Array<number | null>
  /** Distinct index terms, space-separated (index terms never contain white space). */
  terms: string[]
  /** Their counts, space-separated, capped at 255 as the embedded index caps them. */
  tfs: string[]
  length: number[]
}

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
export function emptySentenceColumns(): SentenceColumns {
  return {sourceId: [], ord: [], text: [], start: [], end: [], startLine: [], startCharacter: [], endLine: [], endCharacter: [], section: [], page: [], terms: [], tfs: [], length: []}
}

/** Empty columns for a new batch. */
export function emptyFigureColumns(): FigureColumns {
  return {sourceId: [], ord: [], value: [], unit: [], dimension: [], text: []}
}

/**
 * Appends a parsed source's sentences (and, given `figures`, their figures) to the batch
 * columns. Terms, counts and lengths are the parse's own (`ParsedSource.termIds`, capped as
 * `SentenceIndex` caps them), so BM25 over these rows scores as the embedded index does.
 */
export function appendSource(sourceId: number, parsed: ParsedSource, sentences: SentenceColumns, figures?: FigureColumns): void {
  const starts = parsed.lineStarts
  const vocabulary = parsed.vocabulary === '' ? [] : parsed.vocabulary.split('\n')
  parsedSentences(parsed).forEach((s, ord) => {
    const termList: string[] = []
    const tfList: number[] = []
    for (let p = parsed.termStarts[ord]; p < parsed.termStarts[ord + 1]; p++) {
      termList.push(vocabulary[parsed.termIds[p]])
      tfList.push(parsed.termTfs[p])
    }
    const startLine = lastAtMost(starts, s.start)
    const endLine = lastAtMost(starts, s.end)
    sentences.sourceId.push(sourceId)
    sentences.ord.push(ord)
    sentences.text.push(s.text)
    sentences.start.push(s.start)
    sentences.end.push(s.end)
    sentences.startLine.push(startLine)
    sentences.startCharacter.push(s.start - starts[startLine])
    sentences.endLine.push(endLine)
    sentences.endCharacter.push(s.end - starts[endLine])
    sentences.section.push(s.section ?? null)
    sentences.page.push(s.page ?? null)
    sentences.terms.push(termList.join(' '))
    sentences.tfs.push(tfList.join(' '))
    sentences.length.push(Math.min(parsed.spans[ord * SPAN_FIELDS + 6], 65_535))
    // Figures are stored on request only (`index --figures`), for SQL reports across the
    // library: extracting them costs more than parsing (measured: 70% of a batch's CPU), and
    // checks derive them from the sentence text as the embedded corpus does (`figuresOf`).
    if (!figures) return
    for (const f of extractFigures(s.text)) {
      if (!Number.isFinite(f.value)) continue
      figures.sourceId.push(sourceId)
      figures.ord.push(ord)
      figures.value.push(f.value)
      figures.unit.push(f.unit)
      figures.dimension.push(f.dimension)
      figures.text.push(f.text)
    }
  })
}

/** One statement per batch: arrays in, rows out (`unnest`), far fewer round trips than a row each. */
export const INSERT_SENTENCES = `INSERT INTO sentences
  (source_id, ord, text, start_offset, end_offset, start_line, start_character, end_line, end_character, section, page, terms, tfs, length)
  SELECT source_id, ord, text, s, e, sl, sc, el, ec, section, page,
         CASE WHEN t = '' THEN '{}'::text[] ELSE string_to_array(t, ' ') END,
         CASE WHEN f = '' THEN '{}'::smallint[] ELSE string_to_array(f, ' ')::smallint[] END, len
  FROM unnest($1::bigint[], $2::int[], $3::text[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[], $10::text[], $11::int[], $12::text[], $13::text[], $14::int[])
    AS u(source_id, ord, text, s, e, sl, sc, el, ec, section, page, t, f, len)`

/** The parameters of `INSERT_SENTENCES`, in its order. */
export function sentenceParams(c: SentenceColumns): unknown[] {
  return [c.sourceId, c.ord, c.text, c.start, c.end, c.startLine, c.startCharacter, c.endLine, c.endCharacter, c.section, c.page, c.terms, c.tfs, c.length]
}

/** One statement per batch for the figures (`index --figures`). */
export const INSERT_FIGURES = `INSERT INTO figures (source_id, ord, value, unit, dimension, text)
  SELECT * FROM unnest($1::bigint[], $2::int[], $3::float8[], $4::text[], $5::text[], $6::text[])`

/** The parameters of `INSERT_FIGURES`, in its order. */
export function figureParams(c: FigureColumns): unknown[] {
  return [c.sourceId, c.ord, c.value, c.unit, c.dimension, c.text]
}
