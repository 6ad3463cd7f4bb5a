import {lastAtMost} from './sorted'

/**
 * Maps offsets in a derived text (prose with Markdown syntax or web debris removed) back to
 * offsets in the original file. Every sentence keeps exact positions in its source this way,
 * whatever cleaning produced it (issue #2: "keep character offsets back to the original file").
 *
 * Offsets are UTF-16 code units, as JavaScript strings index them and as LSP counts characters.
 */
export class OffsetMap {
  /** Parallel arrays: derived offset where a run starts, and the original offset of that start. */
  private derivedStarts: number[] = []
  private originalStarts: number[] = []
  private text = ''

  /** Appends `chunk`, copied verbatim from the original text at `originalOffset`. */
  append(chunk: string, originalOffset: number): void {
    if (chunk.length === 0) return
    this.derivedStarts.push(this.text.length)
    this.originalStarts.push(originalOffset)
    this.text += chunk
  }

  /**
   * Appends text with no counterpart in the original (a space standing for a line break, say).
   * It maps to `originalOffset`, the place in the original it stands in for.
   */
  appendSynthetic(chunk: string, originalOffset: number): void {
    if (chunk.length === 0) return
    // Each synthetic character maps to the same original offset, so a run of length 1 per char
    // would be exact; one run is enough because callers only ask for run starts and ends.
    this.derivedStarts.push(this.text.length)
    this.originalStarts.push(originalOffset)
    this.text += chunk
    this.derivedStarts.push(this.text.length)
    this.originalStarts.push(originalOffset)
    // The second entry is a sentinel that the next append overrides when it starts here.
  }

  /** The same map for the same text moved by `delta` in the file (an edit above it). */
  shifted(delta: number): OffsetMap {
    const copy = new OffsetMap()
    copy.derivedStarts.push(...this.derivedStarts)
    copy.originalStarts.push(...this.originalStarts.map((o) => o + delta))
    copy.text = this.text
    return copy
  }

  get derived(): string {
    return this.text
  }

  /** Original offset of derived offset `offset` (an end offset maps just past its character). */
  toOriginal(offset: number): number {
    const starts = this.derivedStarts
    if (starts.length === 0) return offset
    const run = lastAtMost(starts, offset)
    return this.originalStarts[run] + (offset - starts[run])
  }

  /** Original offset for the end of a derived span: the end of its last character. */
  toOriginalEnd(end: number): number {
    if (end <= 0) return this.toOriginal(0)
    return this.toOriginal(end - 1) + 1
  }
}
