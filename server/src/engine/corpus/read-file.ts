import {constants} from 'node:fs'
import {open, realpath} from 'node:fs/promises'
import {documentFormat} from './formats/registry'
import type {FileStamp} from './parsed-source'
import type {CorpusProblem} from './types'

/** Bytes of a regular file with what a warm load compares next time. */
export interface FileBytes {
  bytes: Uint8Array
  stamp: FileStamp
}

/**
 * Folders of the kernel's virtual file systems: their "files" report size 0 and may never end
 * (`/proc/kcore`, `/dev/zero`), so neither a corpus path nor a link into them is read (issue #13).
 */
const VIRTUAL_ROOTS = ['/proc', '/sys', '/dev']

/** Why a path inside a virtual file system is not read, or undefined for any other path. */
export function virtualFileSystem(realPath: string): string | undefined {
  const root = VIRTUAL_ROOTS.find((r) => realPath === r || realPath.startsWith(r + '/'))
  return root ? `${root} is a virtual file system, not a corpus: not read` : undefined
}

/**
 * Reads a file only if it is a regular file of at most `maxBytes`, whatever its name says.
 *
 * Opened with O_NONBLOCK so a FIFO does not block the open (it would until a writer came), then
 * checked with `fstat` on the open descriptor: the checks apply to what is read, not to a path
 * a symlink or a rename could swap meanwhile. At most `maxBytes + 1` bytes are read whatever
 * the size said, so a file that grows (or lies about its size, as /proc files do) stops at the cap.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<FileBytes | CorpusProblem> {
  let handle
  try {
    const virtual = virtualFileSystem(await realpath(path))
    if (virtual) return {path, reason: virtual}
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK)
    const info = await handle.stat()
    if (!info.isFile()) return {path, reason: `${kindOf(info)}, not a regular file: not read`}
    if (info.size > maxBytes) return {path, reason: tooLarge(path, info.size, maxBytes)}
    const chunks: Uint8Array[] = []
    let total = 0
    for (;;) {
      const chunk = new Uint8Array(Math.min(Math.max(info.size - total, 65_536), maxBytes + 1 - total))
      if (chunk.length === 0) break
      const {bytesRead} = await handle.read(chunk, 0, chunk.length, null)
      if (bytesRead === 0) break
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead))
      total += bytesRead
      if (total > maxBytes) return {path, reason: tooLarge(path, total, maxBytes)}
    }
    const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total)
    return {bytes, stamp: {size: info.size, mtimeMs: info.mtimeMs, ino: info.ino}}
  } catch (error) {
    return {path, reason: fileErrorReason(error)}
  } finally {
    await handle?.close().catch(() => {})
  }
}

/** One-line reason for a file system error. */
export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'ENOENT') return 'file disappeared while indexing'
  if (code === 'ELOOP') return 'symbolic link loop'
  if (code === 'EISDIR') return 'a folder, not a file'
  return error instanceof Error ? error.message.split('\n')[0] : String(error)
}

function tooLarge(path: string, size: number, maxBytes: number): string {
  // Documents (PDF, Word, HTML) are the files that legitimately run large: their message says how to read them.
  const hint = documentFormat(path) ? ' (raise the briefcheck.maxFileSizeMB setting to read it)' : ''
  return `file is ${(size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB limit${hint}`
}

function kindOf(info: {isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean; isDirectory(): boolean}): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)'
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device'
  if (info.isSocket()) return 'a socket'
  if (info.isDirectory()) return 'a folder'
  return 'a special file'
}
