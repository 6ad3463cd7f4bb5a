import {constants, inflateSync} from 'node:zlib'
import {ExtractError} from './types'

/**
 * What a PDF's compressed streams may inflate to, all together (issue #13). pdf.js inflates a
 * stream whole into one typed array; typed arrays live outside the V8 heap, so the parse
 * worker's heap limit did not stop a 1.5 GB stream (2.7 GB, then "scanned"). Real reports stay
 * far below: a 300-page report's fonts, content and object streams come to tens of megabytes.
 * Images are not counted: text extraction never decodes them.
 */
export const MAX_PDF_INFLATED_BYTES = 256 * 1048576

/** Bytes looked back from a `stream` keyword for its dictionary. */
const DICT_WINDOW = 2048

/**
 * Refuses a PDF whose Flate streams (images aside) inflate past `cap`, before pdf.js reads it.
 * One pass over the file (`indexOf`), each stream inflated at most to what the cap has left,
 * so memory stays within the cap and time within the file's compressed size times the ratio.
 */
export function refuseInflationBomb(bytes: Uint8Array, cap = MAX_PDF_INFLATED_BYTES): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let total = 0
  for (let at = buffer.indexOf('stream'); at >= 0; at = buffer.indexOf('stream', at + 6)) {
    if (at >= 3 && buffer.toString('latin1', at - 3, at) === 'end') continue
    const start = dataStart(buffer, at + 6)
    if (start === undefined) continue
    const dict = buffer.toString('latin1', Math.max(0, at - DICT_WINDOW), at)
    const own = dict.slice(Math.max(0, dict.lastIndexOf(' obj') + 1))
    if (!own.includes('/FlateDecode') || /\/Subtype\s*\/Image/.test(own)) continue
    const endAt = buffer.indexOf('endstream', start)
    const data = buffer.subarray(start, endAt < 0 ? buffer.length : endAt)
    total += inflatedLength(data, cap - total)
    if (total > cap) throw new ExtractError(`its streams inflate past the ${cap / 1048576} MB cap: not read`)
    at = Math.max(at, endAt < 0 ? buffer.length : endAt)
  }
}

/** Where a stream's data starts: after `stream` and its end of line; undefined when no EOL follows. */
function dataStart(buffer: Buffer, after: number): number | undefined {
  if (buffer[after] === 0x0d && buffer[after + 1] === 0x0a) return after + 2
  if (buffer[after] === 0x0a || buffer[after] === 0x0d) return after + 1
  return undefined
}

/** Inflated length of `data`, or `room + 1` once it would pass `room`; broken data counts what inflated. */
function inflatedLength(data: Buffer, room: number): number {
  try {
    return inflateSync(data, {maxOutputLength: Math.max(1, room + 1), finishFlush: constants.Z_SYNC_FLUSH}).length
  } catch (error) {
    if ((error as {code?: string}).code === 'ERR_BUFFER_TOO_LARGE') return room + 1
    // Not valid Flate data: pdf.js will say so or skip it; it cannot inflate it either.
    return 0
  }
}
