import {closeSync, constants, fstatSync, openSync, readSync} from 'node:fs'
import {decodeText} from '../engine/corpus/decode'

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
 * Reads a regular file of at most `maxBytes`, synchronously. Opened non-blocking, so a FIFO
 * never stalls the open; the type and size are checked on the open descriptor (after opening,
 * so a file swapped in between is still checked), and the read stops one byte past the limit,
 * so a device or a /proc file whose size reads as 0 cannot make it read without end.
 */
export function readRegularFileSync(path: string, maxBytes: number): Buffer {
  let fd: number
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    throw new ReadRefusal(openReason(error as NodeJS.ErrnoException))
  }
  try {
    const info = fstatSync(fd)
    if (!info.isFile()) throw new ReadRefusal(`not a regular file (${kindOf(info)}): not read`)
    if (info.size > maxBytes) throw new ReadRefusal(overLimit(maxBytes))
    const chunks: Buffer[] = []
    let total = 0
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1 << 16, maxBytes + 1 - total))
      const read = readSync(fd, chunk, 0, chunk.length, null)
      if (read === 0) break
      chunks.push(chunk.subarray(0, read))
      total += read
      if (total > maxBytes) throw new ReadRefusal(overLimit(maxBytes))
    }
    return Buffer.concat(chunks, total)
  } catch (error) {
    if (error instanceof ReadRefusal) throw error
    throw new ReadRefusal(openReason(error as NodeJS.ErrnoException))
  } finally {
    closeSync(fd)
  }
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

function kindOf(info: {isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean; isDirectory(): boolean}): string {
  if (info.isFIFO()) return 'a FIFO'
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device'
  if (info.isSocket()) return 'a socket'
  if (info.isDirectory()) return 'a folder'
  return 'not a file'
}

function overLimit(maxBytes: number): string {
  return `larger than ${Math.round(maxBytes / 1048576)} MB: not read`
}

function openReason(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EISDIR':
      return 'not a regular file (a folder): not read'
    case 'ELOOP':
      return 'symbolic link loop'
    case 'EAGAIN':
      return 'not a regular file (it would block): not read'
    default:
      return error.message.split('\n')[0]
  }
}
