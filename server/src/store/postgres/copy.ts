import type {ClientBase} from 'pg'
import {from as copyFrom} from 'pg-copy-streams'
import {Readable} from 'node:stream'
import {pipeline} from 'node:stream/promises'

/**
 * Rows for PostgreSQL's `COPY … FROM STDIN` in its text format, built as text and sent in
 * chunks. COPY is PostgreSQL's own advice for loading many rows ("Populating a Database" in its
 * manual): measured at 10,000 briefs, `INSERT … SELECT FROM unnest($arrays)` of the same
 * 800,000 sentence rows cost the ingesting thread the serialising of every column as an array
 * literal and the server the parsing of them back (docs/scaling.md, "Ingestion profile").
 */
export class CopyText {
  private readonly chunks: string[] = []
  private parts: string[] = []
  private partsLength = 0
  rows = 0

  /** Appends one row; `null` is SQL NULL, numbers are written as they print, strings escaped. */
  row(fields: ReadonlyArray<string | number | null>): void {
    let line = ''
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]
      if (i > 0) line += '\t'
      line += field === null ? '\\N' : typeof field === 'number' ? String(field) : escapeCopyText(field)
    }
    line += '\n'
    this.parts.push(line)
    this.partsLength += line.length
    this.rows++
    // A chunk per ~1 MB of text: few writes, no single huge string.
    if (this.partsLength >= CHUNK_CHARS) this.cut()
  }

  /** The rows as chunks of text, in order. */
  finish(): string[] {
    this.cut()
    return this.chunks
  }

  private cut(): void {
    if (this.parts.length === 0) return
    this.chunks.push(this.parts.join(''))
    this.parts = []
    this.partsLength = 0
  }
}

const CHUNK_CHARS = 1 << 20

/** Characters COPY's text format gives a meaning to: the escape, column and row separators. */
const SPECIAL = /[\\\t\n\r]/g
const ESCAPES: Record<string, string> = {'\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r'}

/** A string as one field of COPY's text format. */
export function escapeCopyText(value: string): string {
  return value.replace(SPECIAL, (c) => ESCAPES[c])
}

/** A bytea value in bytea's hex input form, for `CopyText.row` (which escapes its backslash). */
export function byteaHex(value: Buffer): string {
  return `\\x${value.toString('hex')}`
}

/** Runs `COPY table (columns) FROM STDIN` with the rows built in `copy`; resolves when the server has them all. */
export async function copyRows(client: ClientBase, tableAndColumns: string, copy: CopyText): Promise<void> {
  if (copy.rows === 0) return
  const stream = client.query(copyFrom(`COPY ${tableAndColumns} FROM STDIN`))
  await pipeline(Readable.from(copy.finish().map((chunk) => Buffer.from(chunk, 'utf8'))), stream)
}
