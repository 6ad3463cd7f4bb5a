import type {Root, RootContent} from 'mdast'
import {LineIndex} from '../text/positions'
import {blockSentences, type DraftDocument} from './draft'
import {reportLimit} from '../limits'
import {boundContainerNesting, nestingReason} from './nesting'
import {parseMarkdown} from './parse'
import {SEGMENT_CHARS} from './segments'
import {blankFencedDivs} from './pandoc'
import {boundSpans} from './span-bounds'
import {collectProse, type ProseDocument, type ProseBlockWithMarks} from './prose'
import {runToEnd, type Pausable} from '../slices'
import {collapseLabel, mayName, readSegments} from './segmented'

/** The prose of one top-level Markdown block, with offsets in the whole file. */
export interface Top {
  type: string
  start: number
  end: number
  prose: ProseDocument
  /** For footnote and link definitions: the label as written (`x` of `[^x]:`). */
  label?: string
}

/**
 * Edits in the changed text that can change how blocks far away parse: code fences, HTML
 * starts, setext underlines and thematic breaks, front matter, link and footnote
 * definitions. After such an edit the whole draft is parsed again.
 */
const GLOBAL_SYNTAX = /```|~~~|^\s*<|^\s*(?:---|===|\*\*\*|___)|\]:/m


/**
 * Reads a draft again after an edit by re-parsing only the top-level blocks the edit touched
 * (with one neighbour on each side) and moving the others: the per-keystroke cost follows the
 * edited paragraphs, not the document (issue #6). Whenever the edit could reach beyond its
 * blocks (fences, HTML, definitions, front matter), it parses the whole draft instead; tests
 * compare both ways on random edits.
 */
export class IncrementalReader {
  private last?: {text: string; tops: Top[]}
  /** How the last read was done: for tests and the benchmark. */
  lastMode: 'full' | 'incremental' = 'full'

  /** `segmentChars`: size of the pieces a whole read parses apart (segments.ts; Infinity parses in one piece). */
  constructor(private readonly segmentChars = SEGMENT_CHARS) {}

  read(original: string): DraftDocument {
    return runToEnd(this.reading(original))
  }

  /**
   * The same read as pausable work: a whole read parses the draft piece by piece (segments.ts)
   * and pauses between pieces, so a first read of a long draft never holds the language server
   * for the length of one parse (issue #12). The reader's memory moves on only when it ends.
   */
  *reading(original: string): Pausable<DraftDocument> {
    // Parsed with Quarto fenced-div lines blanked (pandoc.ts) and container markers past the
    // depth cap blanked (nesting.ts), setext underlines and brackets past their caps blanked
    // (span-bounds.ts): all keep every offset, and the document keeps the original text for
    // ranges and edits.
    const {text, lines} = boundContainerNesting(boundSpans(blankFencedDivs(original)))
    if (lines.length > 0) reportLimit(nestingReason(lines))
    const tops = this.last ? this.update(this.last, text) : undefined
    this.lastMode = tops ? 'incremental' : 'full'
    // The passes above read the whole text (milliseconds on a long draft): a pause before the parse.
    if (!tops) yield
    const current = tops ?? (yield* readSegments(text, (tree, base) => splitTops(tree, text, base), this.segmentChars))
    this.last = {text, tops: current}
    const doc = yield* assemble(text, current)
    doc.text = original
    return doc
  }

  private update(last: {text: string; tops: Top[]}, text: string): Top[] | undefined {
    const old = last.text
    const limit = Math.min(old.length, text.length)
    let p = 0
    while (p < limit && old.charCodeAt(p) === text.charCodeAt(p)) p++
    let q = 0
    while (q < limit - p && old.charCodeAt(old.length - 1 - q) === text.charCodeAt(text.length - 1 - q)) q++
    const delta = text.length - old.length
    const oldEnd = old.length - q
    if (p === old.length && p === text.length) return last.tops
    // The changed lines with one line either side, old and new, decide whether a local re-parse
    // is safe: a "---" under a changed line turns it into a heading.
    const lineStart = lineBegin(old, lineBegin(old, p) - 1)
    const changedOld = old.slice(lineStart, lineEnd(old, lineEnd(old, oldEnd) + 1))
    const changedNew = text.slice(lineStart, lineEnd(text, lineEnd(text, text.length - q) + 1))
    if (GLOBAL_SYNTAX.test(changedOld) || GLOBAL_SYNTAX.test(changedNew)) return undefined
    const tops = last.tops
    if (tops.length === 0) return undefined
    let i = tops.findIndex((t) => t.end >= p - 1)
    if (i < 0) i = tops.length - 1
    let j = i
    while (j + 1 < tops.length && tops[j + 1].start <= oldEnd + 1) j++
    i = Math.max(0, i - 1)
    j = Math.min(tops.length - 1, j + 1)
    // Blocks not parted by a blank line can run into each other (a paragraph's lazy lines, a
    // table's rows): widen until blank lines bound the slice on both sides.
    while (i > 0 && !parted(old, tops[i - 1], tops[i])) i--
    while (j + 1 < tops.length && !parted(old, tops[j], tops[j + 1])) j++
    if (tops.slice(i, j + 1).some((t) => t.type === 'yaml' || t.type === 'toml' || t.type === 'footnoteDefinition' || t.type === 'definition' || t.type === 'html')) return undefined
    // The slice covers the blocks and the changed text itself, which may lie between blocks.
    const start = Math.min(tops[i].start, lineBegin(text, p))
    const end = Math.max(tops[j].end + delta, lineEnd(text, text.length - q))
    if (i > 0 && tops[i - 1].end > start) return undefined
    if (end < start || end > text.length) return undefined
    // Definitions elsewhere decide whether `[^x]` or `[x][ref]` in the slice is a reference;
    // only those the slice can name are parsed with it.
    // A paste of many blocks is read as a whole draft: piece by piece, pausing between pieces.
    if (end - start > 2 * SEGMENT_CHARS) return undefined
    const slice = text.slice(start, end)
    // Named as segmented.ts names them (`^1` for footnote 1, not every "1" of the text): a
    // draft's footnote labels are mostly numbers, and parsing every definition whose number
    // occurs in the slice made a one-sentence re-read parse a few kilobytes of notes.
    const keyed = collapseLabel(slice)
    const definitions = tops.filter((t, k) => (k < i || k > j) && (t.type === 'footnoteDefinition' || t.type === 'definition') && t.label !== undefined && mayName(keyed, t.type === 'footnoteDefinition', collapseLabel(t.label)))
    const tail = definitions.map((t) => old.slice(t.start, t.end)).join('\n\n')
    const tree = parseMarkdown(tail ? `${slice}\n\n${tail}\n` : slice)
    tree.children = tree.children.filter((c) => (c.position?.start.offset ?? 0) < slice.length)
    // Front matter exists only at the top of the file, never at the top of a slice.
    if (start > 0 && tree.children.some((c) => (c.type as string) === 'yaml' || (c.type as string) === 'toml')) return undefined
    if (tree.children.some((c) => (c.position?.end.offset ?? 0) > slice.length)) return undefined
    const fresh = splitTops(tree, text, start)
    const moved = tops.slice(j + 1).map((t) => shiftTop(t, delta))
    return [...tops.slice(0, i), ...fresh, ...moved]
  }
}

/**
 * Whether a blank line stands between two neighbouring blocks. Block types are not trusted:
 * after the edit a heading may have become a table header whose rows run on.
 */
function parted(text: string, a: Top, b: Top): boolean {
  return /\n[ \t]*\r?\n/.test(text.slice(a.end, b.start))
}

/** Offset where the line holding `at` begins. */
function lineBegin(text: string, at: number): number {
  if (at <= 0) return 0
  return text.lastIndexOf('\n', at - 1) + 1
}

function lineEnd(text: string, from: number): number {
  const at = text.indexOf('\n', from)
  return at < 0 ? text.length : at
}

/** Splits a tree into top-level blocks; offsets in `tree` are relative to `base` in `source`. */
export function splitTops(tree: Root, source: string, base: number): Top[] {
  return tree.children.map((child) => {
    if (base !== 0) moveNode(child, base)
    const prose = collectProse({type: 'root', children: [child]}, source)
    const label = child.type === 'footnoteDefinition' || child.type === 'definition' ? (child.label ?? child.identifier) : undefined
    return {type: child.type, start: child.position?.start.offset ?? 0, end: child.position?.end.offset ?? 0, prose, label}
  })
}

/** Adds `base` to every offset in a subtree parsed from a slice of the file (iterative: depth follows the input). */
function moveNode(root: RootContent, base: number): void {
  const stack: RootContent[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.position) {
      node.position.start.offset = (node.position.start.offset ?? 0) + base
      node.position.end.offset = (node.position.end.offset ?? 0) + base
    }
    if ('children' in node) for (const child of node.children as RootContent[]) stack.push(child)
  }
}

function shiftTop(top: Top, delta: number): Top {
  if (delta === 0) return top
  const p = top.prose
  return {
    type: top.type,
    label: top.label,
    start: top.start + delta,
    end: top.end + delta,
    prose: {
      frontmatter: p.frontmatter,
      blocks: p.blocks.map((b) => shiftBlock(b, delta)),
      footnotes: p.footnotes.map((f) => ({...f, start: f.start + delta, end: f.end + delta})),
      comments: p.comments.map((c) => ({...c, start: c.start + delta, end: c.end + delta})),
    },
  }
}

function shiftBlock(b: ProseBlockWithMarks, delta: number): ProseBlockWithMarks {
  return {
    ...b,
    map: b.map.shifted(delta),
    marks: b.marks.map((m) => ({...m, start: m.start + delta, end: m.end + delta})),
    start: b.start === undefined ? undefined : b.start + delta,
    end: b.end === undefined ? undefined : b.end + delta,
  }
}

/** The draft document from its top-level blocks: sections, sentences, ranges. */
function* assemble(text: string, tops: Top[]): Pausable<DraftDocument> {
  const lines = new LineIndex(text)
  const blocks: ProseBlockWithMarks[] = []
  const doc: DraftDocument = {text, lines, blocks, sentences: [], footnotes: [], comments: []}
  let section: string | undefined
  for (const top of tops) {
    if (top.prose.frontmatter !== undefined) doc.frontmatter = top.prose.frontmatter
    doc.footnotes.push(...top.prose.footnotes)
    doc.comments.push(...top.prose.comments)
    for (const block of top.prose.blocks) {
      if (block.kind === 'heading') section = block.text.trim() || section
      blocks.push(block.kind === 'heading' || block.section === section ? block : {...block, section})
    }
  }
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index]
    if (block.kind !== 'heading') doc.sentences.push(...blockSentences(block, lines, index))
    // A pause after each block: splitting a long paragraph into sentences takes milliseconds.
    yield
  }
  return doc
}
