import {describe, expect, it} from 'vitest'
import {decodePostings, RECORD_BYTES} from '../../server/src/store/postgres/postings'
import {Rng} from '../../bench/lib/prng'

/** A whole number in [0, n). */
function below(rng: Rng, n: number): number {
  return rng.int(0, n - 1)
}

/** One posting as a reader sees it: a global sentence id with its term count and BM25 length. */
interface Posting {
  id: number
  tf: number
  length: number
}

/** Rows of records for the given (source row id, sentence) pairs, one row per list. */
function rowsOf(lists: Array<Array<[source: number, ord: number]>>, rng: Rng): Buffer[] {
  return lists.map((records) => {
    const row = Buffer.alloc(records.length * RECORD_BYTES)
    records.forEach(([source, ord], k) => {
      row.writeUInt32LE(source, k * RECORD_BYTES)
      row.writeUInt32LE(ord, k * RECORD_BYTES + 4)
      row.writeUInt8(1 + below(rng, 255), k * RECORD_BYTES + 8)
      row.writeUInt16LE(below(rng, 65_536), k * RECORD_BYTES + 9)
    })
    return row
  })
}

/** The obvious decoding: every live record, then one sort by id. */
function reference(rows: readonly Buffer[], firstIdOf: ReadonlyMap<number, number>): Posting[] {
  const out: Posting[] = []
  for (const row of rows) {
    for (let at = 0; at < row.length; at += RECORD_BYTES) {
      const first = firstIdOf.get(row.readUInt32LE(at))
      if (first !== undefined) out.push({id: first + row.readUInt32LE(at + 4), tf: row.readUInt8(at + 8), length: row.readUInt16LE(at + 9)})
    }
  }
  return out.sort((a, b) => a.id - b.id)
}

function decoded(rows: readonly Buffer[], firstIdOf: ReadonlyMap<number, number>): Posting[] {
  const {ids, tfs, lengths} = decodePostings(rows, firstIdOf)
  return Array.from(ids, (id, k) => ({id, tf: tfs[k], length: lengths[k]}))
}

/**
 * A corpus of `sources` published sources (row ids 1…, each with up to 12 sentences, first ids in
 * row-id order) and a term's records: each source's sentences holding it, in sentence order.
 */
function corpus(rng: Rng, sources: number) {
  const firstIdOf = new Map<number, number>()
  const records: Array<Array<[number, number]>> = []
  let first = 0
  for (let source = 1; source <= sources; source++) {
    const sentences = 1 + below(rng, 12)
    firstIdOf.set(source, first)
    first += sentences
    const holding: Array<[number, number]> = []
    for (let ord = 0; ord < sentences; ord++) if (below(rng, 3) === 0) holding.push([source, ord])
    records.push(holding)
  }
  return {firstIdOf, records}
}

/** Splits `items` into `parts` consecutive pieces of random sizes. */
function split<T>(items: T[], parts: number, rng: Rng): T[][] {
  const cuts = Array.from({length: parts - 1}, () => below(rng, items.length + 1)).sort((a, b) => a - b)
  return [0, ...cuts].map((start, k) => items.slice(start, k + 1 < parts ? cuts[k] : items.length))
}

function shuffled<T>(items: T[], rng: Rng): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = below(rng, i + 1)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

describe('a term\'s postings rows decoded in sentence-id order (issue #18)', () => {
  it('orders batches that cover separate stretches of the paths, whatever order the rows come in', () => {
    const rng = new Rng(11)
    for (let round = 0; round < 50; round++) {
      const {firstIdOf, records} = corpus(rng, 40 + below(rng, 200))
      const batches = split(records, 1 + below(rng, 8), rng).map((sources) => sources.flat())
      const rows = shuffled(rowsOf(batches, rng), rng)
      expect(decoded(rows, firstIdOf)).toEqual(reference(rows, firstIdOf))
    }
  })

  it('merges batches whose stretches overlap, and skips sources no longer published', () => {
    const rng = new Rng(12)
    for (let round = 0; round < 50; round++) {
      const {firstIdOf, records} = corpus(rng, 40 + below(rng, 200))
      // Sources dealt to batches at random, each batch in path (row id) order, as a store updated
      // file by file holds them; some sources have left the corpus since.
      const batches: Array<Array<[number, number]>> = Array.from({length: 2 + below(rng, 6)}, () => [])
      records.forEach((holding) => batches[below(rng, batches.length)].push(...holding))
      for (const source of [...firstIdOf.keys()]) if (below(rng, 10) === 0) firstIdOf.delete(source)
      const rows = shuffled(rowsOf(batches, rng), rng)
      expect(decoded(rows, firstIdOf)).toEqual(reference(rows, firstIdOf))
    }
  })

  it('sorts rows whose records are out of order themselves (rows written before batches were sorted)', () => {
    const rng = new Rng(13)
    for (let round = 0; round < 30; round++) {
      const {firstIdOf, records} = corpus(rng, 40 + below(rng, 100))
      const batches = split(shuffled(records, rng), 1 + below(rng, 5), rng).map((sources) => sources.flat())
      const rows = rowsOf(batches, rng)
      expect(decoded(rows, firstIdOf)).toEqual(reference(rows, firstIdOf))
    }
  })

  it('gives nothing for no rows, rows of unpublished sources only, or empty rows', () => {
    const rng = new Rng(14)
    expect(decoded([], new Map())).toEqual([])
    expect(decoded(rowsOf([[[5, 0], [5, 1]], []], rng), new Map([[4, 0]]))).toEqual([])
  })
})
