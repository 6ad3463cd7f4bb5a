import {closeSync, constants, fstatSync, openSync, readSync, realpathSync} from 'node:fs'
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
  return root ? `${root} is a virtual file system: not read` : undefined
}

/**
 * Reads a file only if it is a regular file of at most `maxBytes`, whatever its name says.
 * The one reader of user files: corpus sources here, drafts and settings through
 * `readRegularFileSync` (workspace/read-regular.ts), so every refusal is worded alike.
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
    const refused = refusal(path, info, maxBytes)
    if (refused) return {path, reason: refused}
    const reading = boundedRead(path, info, maxBytes)
    let step = reading.next()
    while (!step.done) step = reading.next((await handle.read(step.value, 0, step.value.length, null)).bytesRead)
    return step.value
  } catch (error) {
    return {path, reason: fileErrorReason(error)}
  } finally {
    await handle?.close().catch(() => {})
  }
}

/**
 * `readRegularFile` without awaiting, for the files a request must read before it can answer
 * (a draft given to the CLI, briefcheck.json, accepted.json) and for a parse worker, whose
 * thread has nothing else to do meanwhile (parse-job.ts): the same checks, the same reasons;
 * a missing file is "no such file" unless `missing` says otherwise (a named file, not a listed one).
 */
export function readRegularFileSync(path: string, maxBytes: number, missing = 'no such file'): FileBytes | CorpusProblem {
  let fd: number | undefined
  try {
    // The system's realpath(3), one call, as the asynchronous reader's `realpath` is: Node's
    // JavaScript `realpathSync` lstat's every folder of the path, a third of a parse worker's
    // file reading at 1,000 briefs (docs/scaling.md, "Ingestion profile").
    const virtual = virtualFileSystem(realpathSync.native(path))
    if (virtual) return {path, reason: virtual}
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
    const info = fstatSync(fd)
    const refused = refusal(path, info, maxBytes)
    if (refused) return {path, reason: refused}
    const reading = boundedRead(path, info, maxBytes)
    let step = reading.next()
    while (!step.done) step = reading.next(readSync(fd, step.value, 0, step.value.length, null))
    return step.value
  } catch (error) {
    return {path, reason: fileErrorReason(error, missing)}
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/**
 * The read loop both readers drive (one awaiting, one not): yields each buffer to fill, is given
 * the bytes read into it, and stops at the end of the file or one byte past the cap.
 */
function* boundedRead(path: string, info: {size: number; mtimeMs: number; ino: number}, maxBytes: number): Generator<Uint8Array, FileBytes | CorpusProblem, number> {
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const chunk = new Uint8Array(nextChunk(info.size, total, maxBytes))
    if (chunk.length === 0) break
    const bytesRead = yield chunk
    if (bytesRead === 0) break
    chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead))
    total += bytesRead
    if (total > maxBytes) return {path, reason: tooLarge(path, total, maxBytes)}
  }
  const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total)
  return {bytes, stamp: {size: info.size, mtimeMs: info.mtimeMs, ino: info.ino}}
}

/** Size of the next read: what the size promises, at least 64 KB, never past one byte over the cap. */
function nextChunk(size: number, total: number, maxBytes: number): number {
  return Math.min(Math.max(size - total, 65_536), maxBytes + 1 - total)
}

/** Why an opened file is not read (not a regular file, over the cap), or undefined. */
function refusal(path: string, info: FileKind & {size: number}, maxBytes: number): string | undefined {
  if (!info.isFile()) return notRegular(info)
  if (info.size > maxBytes) return tooLarge(path, info.size, maxBytes)
  return undefined
}

/** The one wording for a path that is not a regular file (also used when listing a corpus). */
export function notRegular(info: FileKind): string {
  return `${kindOf(info)}, not a regular file: not read`
}

/** One-line reason for a file system error. */
export function fileErrorReason(error: unknown, missing = 'file disappeared while indexing'): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'ENOENT') return missing
  if (code === 'ELOOP') return 'symbolic link loop'
  if (code === 'EISDIR') return 'a folder, not a regular file: not read'
  // O_NONBLOCK open of a FIFO without a reader on some systems, or a device that would block.
  if (code === 'EAGAIN') return 'a file that would block, not a regular file: not read'
  return error instanceof Error ? error.message.split('\n')[0] : String(error)
}

function tooLarge(path: string, size: number, maxBytes: number): string {
  // Documents (PDF, Word, HTML) are the files that legitimately run large: their message says how to read them.
  const hint = documentFormat(path) ? ' (raise the briefcheck.maxFileSizeMB setting to read it)' : ''
  return `file is ${(size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB limit${hint}`
}

/** What `fs.Stats` and `fs.Dirent` both say about a file's type. */
export interface FileKind {
  isFile(): boolean
  isFIFO(): boolean
  isCharacterDevice(): boolean
  isBlockDevice(): boolean
  isSocket(): boolean
  isDirectory(): boolean
}

function kindOf(info: FileKind): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)'
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device'
  if (info.isSocket()) return 'a socket'
  if (info.isDirectory()) return 'a folder'
  return 'a special file'
}
