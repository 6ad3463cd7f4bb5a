import type {ClientBase} from 'pg'
import {from as copyFrom} from 'pg-copy-streams'
import {Readable} from 'node:stream'
import {pipeline} from 'node:stream/promises'

/**
 * Rows for PostgreSQL's `COPY … FROM STDIN (FORMAT binary)`, written straight into buffers.
 * COPY is PostgreSQL's own advice for loading many rows ("Populating a Database" in its
 * manual). Measured at 10,000 briefs (docs/scaling.md, "Ingestion profile"): the earlier
 * `INSERT … SELECT FROM unnest($arrays)` of the same 800,000 sentence rows cost this thread the
 * serialising of every column as an array literal and the server parsing them back; the binary
 * format also spares both sides the text format's escaping and number printing and parsing,
 * and sends packed postings as they are instead of in hex.
 *
 * Why by hand and not `pg-copy-streams-binary` (2.2.0, the registry's binary COPY writer),
 * measured 2026-12-07 with a throw-away script on this machine, CPU time of the process, same
 * rows through both (67,127 sentence rows of the 1,000-brief corpus, 7.8 MB of text, with
 * `section`/`page` NULLs and non-ASCII text; 20,000 postings rows): both wrote identical bytes,
 * so the format is not the question; the cost is. Its `rowWriter` takes a row as an array of
 * `{type, value}` objects, builds each row in a `bufferput` and pushes a `Buffer` per row through
 * an object-mode stream: 8.0-9.5 µs per sentence row against 1.2-3.4 µs here over five rounds
 * (≈ 5 s more CPU on this thread for the 800,000 rows of 10,000 briefs, whose whole ingestion
 * took 28.6 s in the README's last run). It also wants a `BigInt` per `int8` value (a number throws), writes a
 * zero-length field for a misspelt type name instead of failing, ships no TypeScript types (none
 * on the registry either) and pulls in six packages (`through2` 3, `bl`, `int64-buffer`, …);
 * its own tooling is of 2020 (pg 7, mocha 7). The format is small and fixed (PostgreSQL's
 * manual, "COPY", "Binary Format"), the columns written are `bigint`, `integer`, `text`
 * (nullable), `integer` (nullable) and `bytea`, and `npm run test:pg` reads every one back.
 *
 * Fields must match the target columns' types exactly (the server reads the bytes as that
 * type): `int4` for `integer`, `int8` for `bigint`, `text` for `text`, `bytes` for `bytea`.
 */
export class CopyBinary {
  private readonly chunks: Buffer[] = []
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES)
  private at = 0
  rows = 0

  constructor() {
    this.buffer.write(SIGNATURE, 0, 'latin1')
    this.at = SIGNATURE.length
    this.buffer.writeInt32BE(0, this.at) // flags: no OIDs
    this.buffer.writeInt32BE(0, this.at + 4) // header extension length
    this.at += 8
  }

  /** Starts a row of `fields` fields; write exactly that many next. */
  row(fields: number): this {
    this.room(2)
    this.buffer.writeInt16BE(fields, this.at)
    this.at += 2
    this.rows++
    return this
  }

  int4(value: number): this {
    this.room(8)
    this.buffer.writeInt32BE(4, this.at)
    this.buffer.writeInt32BE(value, this.at + 4)
    this.at += 8
    return this
  }

  int8(value: number): this {
    this.room(12)
    this.buffer.writeInt32BE(8, this.at)
    // Two 32-bit halves: exact for every safe integer, without a BigInt per row.
    this.buffer.writeInt32BE(Math.floor(value / 0x100000000), this.at + 4)
    this.buffer.writeUInt32BE(value >>> 0, this.at + 8)
    this.at += 12
    return this
  }

  /** An `integer` or SQL NULL. */
  int4OrNull(value: number | null | undefined): this {
    return value === null || value === undefined ? this.null() : this.int4(value)
  }

  text(value: string): this {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    this.room(4 + value.length * 3)
    const written = this.buffer.write(value, this.at + 4, 'utf8')
    this.buffer.writeInt32BE(written, this.at)
    this.at += 4 + written
    return this
  }

  /** A `text` or SQL NULL. */
  textOrNull(value: string | null | undefined): this {
    return value === null || value === undefined ? this.null() : this.text(value)
  }

  bytes(value: Uint8Array): this {
    this.room(4 + value.length)
    this.buffer.writeInt32BE(value.length, this.at)
    this.buffer.set(value, this.at + 4)
    this.at += 4 + value.length
    return this
  }

  /**
   * A `bytea` of `length` bytes that the caller writes in place, from the returned offset of
   * the returned buffer (saves building it apart and copying it in).
   */
  bytesInPlace(length: number): {buffer: Buffer; at: number} {
    this.room(4 + length)
    this.buffer.writeInt32BE(length, this.at)
    const at = this.at + 4
    this.at = at + length
    return {buffer: this.buffer, at}
  }

  null(): this {
    this.room(4)
    this.buffer.writeInt32BE(-1, this.at)
    this.at += 4
    return this
  }

  /** The rows with the format's header and trailer, as buffers to send in order. */
  finish(): Buffer[] {
    this.room(2)
    this.buffer.writeInt16BE(-1, this.at)
    this.at += 2
    this.chunks.push(this.buffer.subarray(0, this.at))
    this.buffer = Buffer.alloc(0)
    this.at = 0
    return this.chunks
  }

  /** Makes room for `bytes` more bytes, starting a new chunk (at least that large) when this one is full. */
  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return
    this.chunks.push(this.buffer.subarray(0, this.at))
    this.buffer = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, bytes))
    this.at = 0
  }
}

const CHUNK_BYTES = 1 << 20

/** The binary COPY format's fixed signature ("PGCOPY\n\377\r\n\0"). */
const SIGNATURE = 'PGCOPY\n\xff\r\n\0'

/** Runs `COPY table (columns) FROM STDIN (FORMAT binary)` with the rows of `copy`; resolves when the server has them all. */
export async function copyRows(client: ClientBase, tableAndColumns: string, copy: CopyBinary): Promise<void> {
  if (copy.rows === 0) return
  const stream = client.query(copyFrom(`COPY ${tableAndColumns} FROM STDIN (FORMAT binary)`))
  await pipeline(Readable.from(copy.finish()), stream)
}
