import type {Readable} from 'node:stream'
import {AbstractMessageReader, type DataCallback, type Disposable, type Message} from 'vscode-languageserver/node'

/**
 * Largest message body accepted, in bytes. The largest real message is a whole draft in
 * `didOpen` (the CLI reads drafts up to 20 MB); 64 MB leaves room for JSON escaping. A frame
 * declaring more is skipped, so a bogus `Content-Length: 99999999999` cannot make the server
 * wait for (and hold) bytes that will never come.
 */
export const MAX_FRAME_BYTES = 64 * 1048576

/** Longest header block read before giving up on it as garbage. */
const MAX_HEADER_BYTES = 8_192

const HEADER_END = Buffer.from('\r\n\r\n')
const CONTENT_LENGTH = /^content-length:\s*(\d{1,12})\s*$/im

/**
 * A stdio message reader that survives malformed frames (issue #13). vscode-jsonrpc's reader
 * stops making sense of the stream after a frame without a Content-Length or with a wrong one
 * (the server lived on but never answered again). Here every frame's body is also measured by
 * its JSON: the body ends where its top-level JSON value closes. A frame whose header is
 * missing, unreadable or disagrees with its JSON is logged and skipped, and reading resumes at
 * the next frame, so the next request is answered.
 *
 * Linear: the JSON scan keeps its state between chunks, so a message arriving in many pieces
 * is scanned once.
 */
export class TolerantMessageReader extends AbstractMessageReader {
  private buffer: Buffer = Buffer.alloc(0)
  private callback?: DataCallback
  /** Body start of the frame being read, and what its header declared. */
  private frame?: {bodyStart: number; declared?: number; jsonEnd?: number}
  private scan = new JsonExtent()

  constructor(
    private readonly readable: Readable,
    private readonly log: (message: string) => void,
    /** Messages for which this returns false are not passed on (the lifecycle gate). */
    private readonly admit: (message: Message) => boolean = () => true,
  ) {
    super()
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback
    const onData = (data: Buffer) => this.onData(data)
    const onClose = () => this.fireClose()
    const onError = (error: Error) => this.fireError(error)
    this.readable.on('data', onData)
    this.readable.on('close', onClose)
    this.readable.on('end', onClose)
    this.readable.on('error', onError)
    return {
      dispose: () => {
        this.readable.off('data', onData)
        this.readable.off('close', onClose)
        this.readable.off('end', onClose)
        this.readable.off('error', onError)
      },
    }
  }

  private onData(data: Buffer): void {
    this.buffer = this.buffer.length === 0 ? data : Buffer.concat([this.buffer, data])
    for (;;) {
      if (!this.frame && !this.readHeader()) return
      const frame = this.frame!
      // Once found, the JSON's end is kept: a frame waiting for its declared trailing bytes must
      // not scan on into the next frame when those bytes arrive in a later chunk.
      const end = frame.jsonEnd ?? this.scan.feed(this.buffer, frame.bodyStart)
      if (end === undefined && this.scan.notAnObject) {
        // No JSON object to measure the body by: the declared length ends it (and the parse
        // logs it), else the next header does; never the next frame's closing brace.
        if (!this.endWithoutObject(frame)) return
        continue
      }
      if (end === undefined) {
        // The JSON has not closed yet. Only the frame cap ends it here: ending it at the declared
        // length as soon as more bytes have come would depend on where the pipe cut the input.
        if (this.buffer.length - frame.bodyStart > MAX_FRAME_BYTES + 1) {
          this.skip(`a body longer than ${MAX_FRAME_BYTES} bytes whose JSON never closes (Content-Length ${frame.declared ?? 'none'})`, this.buffer.length)
        }
        return
      }
      frame.jsonEnd = end
      const length = end - frame.bodyStart
      if (frame.declared === undefined) this.skip(`a frame without a Content-Length header (body of ${length} bytes)`, end)
      else if (frame.declared === length) this.deliver(frame.bodyStart, end, end)
      else {
        // Declared longer than the JSON: fine only if the rest is white space (then wait for all of it).
        const trailing = frame.declared > length ? this.trailingWhiteSpace(end, frame.bodyStart + frame.declared) : 'no'
        if (trailing === 'partial') return
        if (trailing === 'yes') this.deliver(frame.bodyStart, end, frame.bodyStart + frame.declared)
        // Skipped up to its JSON's end only: what follows may be the next frame.
        else this.skip(`a frame whose Content-Length (${frame.declared}) is not its body's length (${length})`, end)
      }
    }
  }

  /** Ends a body that is no JSON object; false when more bytes are needed. */
  private endWithoutObject(frame: {bodyStart: number; declared?: number}): boolean {
    if (frame.declared !== undefined) {
      const end = frame.bodyStart + frame.declared
      if (this.buffer.length < end) return false
      this.deliver(frame.bodyStart, end, end)
      return true
    }
    const next = this.buffer.indexOf('Content-Length:', frame.bodyStart, 'latin1')
    if (next < 0) return false
    this.skip('a frame without a Content-Length header (its body is not a JSON object)', next)
    return true
  }

  /** Reads the next header block; false when more bytes are needed. */
  private readHeader(): boolean {
    // Frames start at a header; any stray bytes before one (the tail of a skipped body) are dropped.
    const at = this.buffer.indexOf(HEADER_END)
    if (at < 0) {
      if (this.buffer.length > MAX_HEADER_BYTES) this.skip('a header block that never ends', this.buffer.length - HEADER_END.length)
      return false
    }
    const header = this.buffer.subarray(0, at).toString('ascii')
    const declared = CONTENT_LENGTH.exec(header)
    const value = declared ? Number(declared[1]) : undefined
    if (value !== undefined && value > MAX_FRAME_BYTES) {
      this.skip(`a frame declaring ${value} bytes (more than ${MAX_FRAME_BYTES})`, at + HEADER_END.length)
      return this.buffer.length > 0 && this.readHeader()
    }
    this.frame = {bodyStart: at + HEADER_END.length, declared: value}
    this.scan = new JsonExtent()
    return true
  }

  /** Whether bytes [from, to) are white space: 'yes', 'no', or 'partial' (so far, but not all here). */
  private trailingWhiteSpace(from: number, to: number): 'yes' | 'no' | 'partial' {
    for (let i = from; i < to && i < this.buffer.length; i++) {
      const c = this.buffer[i]
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return 'no'
    }
    return to <= this.buffer.length ? 'yes' : 'partial'
  }

  private deliver(start: number, end: number, consumed: number): void {
    const body = this.buffer.subarray(start, end).toString('utf8')
    this.consume(consumed)
    let message: Message
    try {
      message = JSON.parse(body) as Message
    } catch (error) {
      this.log(`skipped a frame whose body is not JSON: ${(error as Error).message}`)
      return
    }
    if (this.admit(message)) this.callback?.(message)
  }

  private skip(what: string, upTo: number): void {
    this.log(`skipped ${what}; reading resumes at the next frame`)
    this.consume(upTo)
  }

  private consume(upTo: number): void {
    this.buffer = this.buffer.subarray(Math.min(upTo, this.buffer.length))
    this.frame = undefined
    this.scan = new JsonExtent()
  }
}

/**
 * Finds where the top-level JSON value starting in a buffer closes, fed the buffer as it grows.
 * Tracks only nesting, strings and escapes: enough to find the end, not to validate.
 */
class JsonExtent {
  private pos = -1
  private depth = 0
  private inString = false
  private escaped = false
  private started = false
  /** The body began with something other than `{` or `[`: no message, and no end to find by nesting. */
  notAnObject = false

  /** The end (exclusive) of the value in `buffer` from `start`, or undefined if not yet closed. */
  feed(buffer: Buffer, start: number): number | undefined {
    if (this.notAnObject) return undefined
    if (this.pos < start) this.pos = start
    for (; this.pos < buffer.length; this.pos++) {
      const c = buffer[this.pos]
      if (this.inString) {
        if (this.escaped) this.escaped = false
        else if (c === 0x5c) this.escaped = true
        else if (c === 0x22) this.inString = false
        continue
      }
      if (c === 0x22) this.inString = true
      else if (c === 0x7b || c === 0x5b) {
        this.depth++
        this.started = true
      } else if (c === 0x7d || c === 0x5d) {
        this.depth--
        if (this.started && this.depth <= 0) return ++this.pos
      } else if (!this.started && c !== 32 && c !== 9 && c !== 10 && c !== 13) {
        // Not an object or array: LSP messages are objects, so this is no message. Let the
        // next header (or the declared length) end it.
        this.started = true
        this.depth = 0
        this.notAnObject = true
        return undefined
      }
    }
    return undefined
  }
}
