import {SPAN_FIELDS, type ParsedSource} from '../../engine/corpus/parsed-source'
import {CopyBinary} from './copy'
import {inIdOrder} from './postings-order'

/**
 * Postings of the PostgreSQL store: for each term, the sentences holding it with the term's
 * count and the sentence's BM25 length, packed per ingestion batch into one `bytea` row.
 *
 * Why not PostgreSQL's full-text GIN index, which the first version of this store used: a GIN
 * posting list names rows but carries no term counts, so ranking had to visit every candidate
 * row and find each query term in its arrays. Measured with EXPLAIN ANALYZE at 1,000 briefs
 * (78,000 sentences), a typical query's 16,500 candidate rows took 320 ms of the query's 500 ms
 * in that scan, and ingestion spent most of its server time maintaining the GIN index. A
 * packed list per term is read in one index lookup, scored here with the embedded index's own
 * arithmetic (`scoreQuery`), and written with one row per term per batch.
 *
 * A posting is `RECORD_BYTES` little-endian bytes: source row id (u32), sentence number in the
 * source (u32), term count (u8, capped at 255 as the embedded index caps it), sentence length
 * (u16, capped at 65,535 likewise).
 */
export const RECORD_BYTES = 11

/** The columns `PostingsBuilder.finish` writes, for `COPY postings (…) FROM STDIN`. */
export const POSTINGS_COPY = 'postings (term, batch, data)'

/**
 * Collects the postings of a batch's sources, term by term, as `ParsedSource` already counted them.
 *
 * Sources are kept as they are until `finish`, which counts each term's postings, then writes
 * every posting straight into its term's place in the COPY rows (a counting sort, stable: a
 * term's postings stay in the order sources were added and, within one, in sentence order).
 * The first version pushed four numbers per posting onto a JavaScript array per term (8 million
 * postings at 10,000 briefs) and took about twice the CPU: 175-300 against 85-170 ms for the
 * postings of 1,000 briefs, measured alternately on the loaded machine (docs/scaling.md,
 * "Ingestion profile").
 */
export class PostingsBuilder {
  /** Batch-wide term number of each distinct term, numbered in the order first met. */
  private readonly termNumbers = new Map<string, number>()
  private readonly terms: string[] = []
  private readonly sources: Array<{sourceId: number; parsed: ParsedSource; termNumberOf: Uint32Array}> = []

  /** Adds every sentence of a parsed source stored as `sourceId`. */
  add(sourceId: number, parsed: ParsedSource): void {
    if (sourceId > 0xffffffff) throw new Error(`source row id ${sourceId} does not fit the postings format`)
    const vocabulary = parsed.vocabulary === '' ? [] : parsed.vocabulary.split('\n')
    const termNumberOf = new Uint32Array(vocabulary.length)
    vocabulary.forEach((term, id) => {
      let number = this.termNumbers.get(term)
      if (number === undefined) this.termNumbers.set(term, (number = this.terms.push(term) - 1))
      termNumberOf[id] = number
    })
    this.sources.push({sourceId, parsed, termNumberOf})
  }

  /** The packed rows of ingestion batch `batch`, one per term, as COPY rows. */
  finish(batch: number): CopyBinary {
    const counts = new Uint32Array(this.terms.length)
    for (const {parsed, termNumberOf} of this.sources) for (const id of parsed.termIds) counts[termNumberOf[id]]++
    const rows = new CopyBinary()
    // Where each term's next posting goes: its row's bytea, written in place.
    const buffers: Buffer[] = []
    const next = new Uint32Array(this.terms.length)
    this.terms.forEach((term, number) => {
      const {buffer, at} = rows.row(3).text(term).int8(batch).bytesInPlace(counts[number] * RECORD_BYTES)
      buffers.push(buffer)
      next[number] = at
    })
    for (const {sourceId, parsed, termNumberOf} of this.sources) {
      const {termStarts, termIds, termTfs, spans} = parsed
      const sentences = termStarts.length - 1
      for (let ord = 0; ord < sentences; ord++) {
        const length = Math.min(spans[ord * SPAN_FIELDS + 6], 0xffff)
        for (let p = termStarts[ord]; p < termStarts[ord + 1]; p++) {
          const number = termNumberOf[termIds[p]]
          const buffer = buffers[number]
          const at = next[number]
          buffer.writeUInt32LE(sourceId, at)
          buffer.writeUInt32LE(ord, at + 4)
          buffer.writeUInt8(termTfs[p], at + 8)
          buffer.writeUInt16LE(length, at + 9)
          next[number] = at + RECORD_BYTES
        }
      }
    }
    return rows
  }
}

/** A term's live postings in one generation: global sentence ids (ascending) with counts and lengths. */
export interface TermPostings {
  ids: Uint32Array
  tfs: Uint8Array
  lengths: Uint16Array
}

/**
 * Decodes a term's rows into global sentence ids of one generation, in id order. `firstIdOf`
 * maps a source row id to its first sentence id when the source is published in that
 * generation; postings of other rows (superseded, removed, not yet published) are skipped.
 *
 * Each row is one ingestion batch, written in path order (ingest.ts), the order `publish`
 * numbers sources in, and the batches of one run cover separate stretches of the paths: rows
 * decoded in the order of their first ids then come out sorted with no sort at all. Rows that
 * overlap (a file changed later lands in a later batch) are merged (postings-order.ts).
 */
export function decodePostings(rows: readonly Buffer[], firstIdOf: ReadonlyMap<number, number>): TermPostings {
  let total = 0
  for (const row of rows) total += row.length / RECORD_BYTES
  const ids = new Uint32Array(total)
  const tfs = new Uint8Array(total)
  const lengths = new Uint16Array(total)
  const runStarts: number[] = []
  let n = 0
  let sorted = true
  let runsSorted = true
  // A row holds each source's postings together: its first id is looked up once per source.
  let source = -1
  let first: number | undefined
  for (const {view} of rowsByFirstId(rows, firstIdOf)) {
    runStarts.push(n)
    const runStart = n
    for (let at = 0; at + RECORD_BYTES <= view.byteLength; at += RECORD_BYTES) {
      const id = view.getUint32(at, true)
      if (id !== source) {
        source = id
        first = firstIdOf.get(id)
      }
      if (first === undefined) continue
      const sentence = first + view.getUint32(at + 4, true)
      if (n > 0 && ids[n - 1] >= sentence) {
        sorted = false
        if (n > runStart) runsSorted = false
      }
      ids[n] = sentence
      tfs[n] = view.getUint8(at + 8)
      lengths[n] = view.getUint16(at + 9, true)
      n++
    }
  }
  runStarts.push(n)
  const postings = {ids: ids.subarray(0, n), tfs: tfs.subarray(0, n), lengths: lengths.subarray(0, n)}
  // Sorted by sentence id: scoring walks a common term's list forward once per query (score.ts),
  // as the embedded index walks its sorted postings, instead of touching every posting.
  return sorted ? postings : inIdOrder(postings, runStarts, runsSorted)
}

/**
 * The rows with a live posting, as DataViews, in the order of their first live sentence ids.
 * DataViews, not Buffer's read methods: those check their arguments on every call, and decoding
 * the 1.06 million postings of the commonest term at 100,000 briefs took 140 ms with them
 * against 40 ms with these (measured on the benchmark's store).
 */
function rowsByFirstId(rows: readonly Buffer[], firstIdOf: ReadonlyMap<number, number>): Array<{view: DataView; key: number}> {
  const keyed: Array<{view: DataView; key: number}> = []
  for (const row of rows) {
    const view = new DataView(row.buffer, row.byteOffset, row.byteLength)
    for (let at = 0; at + RECORD_BYTES <= view.byteLength; at += RECORD_BYTES) {
      const first = firstIdOf.get(view.getUint32(at, true))
      if (first === undefined) continue
      keyed.push({view, key: first + view.getUint32(at + 4, true)})
      break
    }
  }
  return keyed.sort((a, b) => a.key - b.key)
}

/**
 * Decoded postings kept between queries of one generation, least recently used dropped first
 * past `maxPostings` (7 bytes each): common terms recur in almost every query, and fetching
 * theirs again would cost more than all the rest of a query.
 */
export class PostingsCache {
  private readonly entries = new Map<string, TermPostings>()
  private size = 0

  constructor(private readonly maxPostings = 8_000_000) {}

  get(term: string): TermPostings | undefined {
    const found = this.entries.get(term)
    if (found) {
      this.entries.delete(term)
      this.entries.set(term, found)
    }
    return found
  }

  set(term: string, postings: TermPostings): void {
    const old = this.entries.get(term)
    if (old) this.size -= old.ids.length
    this.entries.delete(term)
    this.entries.set(term, postings)
    this.size += postings.ids.length
    for (const [key, value] of this.entries) {
      if (this.size <= this.maxPostings || key === term) break
      this.entries.delete(key)
      this.size -= value.ids.length
    }
  }
}
