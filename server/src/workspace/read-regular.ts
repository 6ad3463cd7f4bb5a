import {decodeText} from '../engine/corpus/decode'
import {readRegularFileSync as readFileSync} from '../engine/corpus/read-file'

/**
 * Largest draft read by the CLI, in bytes: the corpus's default file limit (20 MB). A brief is
 * tens of kilobytes; past this the draft is refused with the reason, never half-read.
 */
export const MAX_DRAFT_BYTES = 20 * 1048576

/**
 * Largest `briefcheck.json` or `.briefcheck/accepted.json`, in bytes. A config is a few hundred
 * bytes and an accepted list a few kilobytes; 4 MB holds tens of thousands of acceptances, and
 * stops a link to /dev/zero (or a huge file) from stalling the server's `initialize`.
 */
export const MAX_SETTINGS_BYTES = 4 * 1048576

/** Why a file was not read: one line, shown to the user as is. */
export class ReadRefusal extends Error {}

/**
 * Reads a regular file of at most `maxBytes`, synchronously, or throws `ReadRefusal` with the
 * reason. The checks and their wording are the corpus reader's (engine/corpus/read-file.ts):
 * one reader, so a FIFO is called the same whether it is a draft, a setting or a source.
 */
export function readRegularFileSync(path: string, maxBytes: number): Buffer {
  const read = readFileSync(path, maxBytes)
  if ('reason' in read) throw new ReadRefusal(read.reason)
  return Buffer.from(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength)
}

/**
 * Reads a regular text file as the corpus would (UTF-8 with or without a BOM, UTF-16 with a
 * BOM; the BOM is dropped so that columns of line 1 are the editor's), refusing binary files.
 */
export function readRegularTextSync(path: string, maxBytes: number): string {
  const decoded = decodeText(readRegularFileSync(path, maxBytes))
  if ('reason' in decoded) throw new ReadRefusal(decoded.reason)
  return decoded.text
}
