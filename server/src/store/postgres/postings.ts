import {SPAN_FIELDS, type ParsedSource} from '../../engine/corpus/parsed-source'
import {CopyBinary} from './copy'

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

/** Collects the postings of a batch's sources, term by term, as `ParsedSource` already counted them. */
export class PostingsBuilder {
  private readonly byTerm = new Map<string, number[]>()

  /** Adds every sentence of a parsed source stored as `sourceId`. */
  add(sourceId: number, parsed: ParsedSource): void {
    if (sourceId > 0xffffffff) throw new Error(`source row id ${sourceId} does not fit the postings format`)
    const vocabulary = parsed.vocabulary === '' ? [] : parsed.vocabulary.split('\n')
    const lists = vocabulary.map((term) => {
      let list = this.byTerm.get(term)
      if (!list) this.byTerm.set(term, (list = []))
      return list
    })
    const sentences = parsed.termStarts.length - 1
    for (let ord = 0; ord < sentences; ord++) {
      const length = parsed.spans[ord * SPAN_FIELDS + 6]
      for (let p = parsed.termStarts[ord]; p < parsed.termStarts[ord + 1]; p++) lists[parsed.termIds[p]].push(sourceId, ord, parsed.termTfs[p], length)
    }
  }

  /** The packed rows of ingestion batch `batch`, one per term, as COPY rows. */
  finish(batch: number): CopyBinary {
    const rows = new CopyBinary()
    for (const [term, list] of this.byTerm) {
      const {buffer, at: start} = rows.row(3).text(term).int8(batch).bytesInPlace((list.length / 4) * RECORD_BYTES)
      for (let i = 0, at = start; i < list.length; i += 4, at += RECORD_BYTES) {
        buffer.writeUInt32LE(list[i], at)
        buffer.writeUInt32LE(list[i + 1], at + 4)
        buffer.writeUInt8(list[i + 2], at + 8)
        buffer.writeUInt16LE(Math.min(list[i + 3], 0xffff), at + 9)
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
 * Decodes a term's rows into global sentence ids of one generation. `firstIdOf` maps a source
 * row id to its first sentence id when the source is published in that generation; postings of
 * other rows (superseded, removed, not yet published) are skipped.
 */
export function decodePostings(rows: readonly Buffer[], firstIdOf: ReadonlyMap<number, number>): TermPostings {
  let total = 0
  for (const row of rows) total += row.length / RECORD_BYTES
  const ids = new Uint32Array(total)
  const tfs = new Uint8Array(total)
  const lengths = new Uint16Array(total)
  let n = 0
  for (const row of rows) {
    for (let at = 0; at + RECORD_BYTES <= row.length; at += RECORD_BYTES) {
      const first = firstIdOf.get(row.readUInt32LE(at))
      if (first === undefined) continue
      ids[n] = first + row.readUInt32LE(at + 4)
      tfs[n] = row.readUInt8(at + 8)
      lengths[n] = row.readUInt16LE(at + 9)
      n++
    }
  }
  return inIdOrder({ids: ids.subarray(0, n), tfs: tfs.subarray(0, n), lengths: lengths.subarray(0, n)})
}

/**
 * The postings sorted by sentence id (batches need not be in id order after sources were
 * renumbered): scoring walks a common term's list forward once per query (score.ts), as the
 * embedded index walks its sorted postings, instead of touching every posting.
 */
function inIdOrder(postings: TermPostings): TermPostings {
  const {ids, tfs, lengths} = postings
  let sorted = true
  for (let i = 1; i < ids.length && sorted; i++) sorted = ids[i - 1] < ids[i]
  if (sorted) return postings
  const order = Array.from(ids.keys()).sort((a, b) => ids[a] - ids[b])
  return {ids: Uint32Array.from(order, (i) => ids[i]), tfs: Uint8Array.from(order, (i) => tfs[i]), lengths: Uint16Array.from(order, (i) => lengths[i])}
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
