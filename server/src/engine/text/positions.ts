import {location} from 'vfile-location'

/** Zero-based line and UTF-16 character: the LSP convention, used everywhere inside the engine. */
export interface Position {
  line: number
  character: number
}

export interface Range {
  start: Position
  end: Position
}

/**
 * Converts UTF-16 offsets of one text to LSP positions and back. vfile-location counts
 * `\n`, `\r\n` and `\r` as line endings like LSP does, and JavaScript string offsets are
 * UTF-16 code units already, so columns are exact for emoji, Arabic and tabs.
 */
export class LineIndex {
  private readonly place: ReturnType<typeof location>
  constructor(readonly text: string) {
    this.place = location(text)
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length))
    const point = this.place.toPoint(clamped)
    if (!point) return {line: 0, character: 0}
    return {line: point.line - 1, character: point.column - 1}
  }

  range(start: number, end: number): Range {
    return {start: this.position(start), end: this.position(end)}
  }

  offset(position: Position): number {
    const offset = this.place.toOffset({line: position.line + 1, column: position.character + 1})
    return offset ?? this.text.length
  }
}
