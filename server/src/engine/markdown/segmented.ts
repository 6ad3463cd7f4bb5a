import type {Root, RootContent} from 'mdast'
import type {Pausable} from '../slices'
import type {Top} from './incremental'
import {parseMarkdown} from './parse'
import {blockSegments, SEGMENT_CHARS, type Segment} from './segments'

/** A link or footnote definition: whether a piece names it decides whether it is parsed with it. */
interface Definition {
  footnote: boolean
  /** The label as written (escapes kept), so a stub reproduces it. */
  label: string
  /** Lower case, white space collapsed: what a reference to it contains. */
  key: string
}

interface Piece {
  tops: Top[]
  /** Definitions the piece holds. */
  found: Definition[]
  /** Keys of the definitions from other pieces it was parsed with. */
  given: Set<string>
  /** Its last block runs on past it (see `endsOpen`). */
  open: boolean
}

/** A line that may start a definition: such pieces are parsed first, so the others can be parsed with their labels. */
const DEFINITION_LINE = /^ {0,3}\[[^\]\n]+\]:/m

/**
 * Top-level blocks of a whole draft, parsed piece by piece (segments.ts) with a pause after
 * each. A piece is parsed with a stub of every definition elsewhere whose label it contains
 * (`[^x]: .`, `[x]: <>`): remark turns `[^x]` and `[x]` into references only when their
 * definition exists, wherever it stands. The stubs follow the piece and their blocks are
 * dropped. Two checks make the result that of one whole parse (tests read fixtures and random
 * drafts both ways): a piece whose last block is a fence or raw HTML left open is joined to the
 * next one and parsed again (the scan misread where it ends), and a piece parsed before a
 * definition it names was known is parsed again with it.
 */
export function* readSegments(text: string, toTops: (tree: Root, base: number) => Top[], segmentChars = SEGMENT_CHARS): Pausable<Top[]> {
  const slots: Slot[] = blockSegments(text, segmentChars).map((s) => ({...s, keyed: collapseLabel(text.slice(s.start, s.end))}))
  if (slots.length === 1) return toTops(parseMarkdown(text), 0)
  // The scan and the first parse each take milliseconds on a long draft: a pause between them.
  yield
  const definitions = () => slots.flatMap((slot) => slot.piece?.found.map((d) => ({...d, slot})) ?? [])
  const parse = (slot: Slot) => {
    for (;;) {
      const named = definitions().filter((d) => d.slot !== slot && mayName(slot.keyed, d.footnote, d.key))
      const piece = parsePiece(text, slot, named, toTops)
      const next = slots[slots.indexOf(slot) + 1]
      if (!piece.open || !next) {
        slot.piece = piece
        return
      }
      // Joined with the next piece (its parse, if any, is dropped with its definitions).
      slots.splice(slots.indexOf(next), 1)
      slot.end = next.end
      slot.keyed = collapseLabel(text.slice(slot.start, slot.end))
    }
  }
  const first = slots.filter((s) => DEFINITION_LINE.test(text.slice(s.start, s.end)))
  for (const slot of [...first, ...slots.filter((s) => !first.includes(s))]) {
    if (!slots.includes(slot) || slot.piece) continue
    parse(slot)
    yield
  }
  for (const slot of slots) {
    const missed = definitions().some((d) => d.slot !== slot && !slot.piece!.given.has(d.key) && mayName(slot.keyed, d.footnote, d.key))
    if (!missed) continue
    // Parsed again with every definition it names (joins were settled in the first pass).
    parse(slot)
    yield
  }
  return slots.flatMap((slot) => slot.piece!.tops)
}

interface Slot {
  start: number
  end: number
  /** The piece's text, lower case, white space collapsed. */
  keyed: string
  piece?: Piece
}

/** Parses one piece with stubs of the definitions it names: its blocks, its own definitions, whether it ends open. */
function parsePiece(text: string, segment: Segment, named: Definition[], toTops: (tree: Root, base: number) => Top[]): Piece {
  const slice = text.slice(segment.start, segment.end)
  const stubs = named.map((d) => (d.footnote ? `[^${d.label}]: .` : `[${d.label}]: <>`)).join('\n\n')
  let tree = parseMarkdown(stubs ? `${slice}\n\n${stubs}\n` : slice)
  tree.children = tree.children.filter((c) => (c.position?.start.offset ?? 0) < slice.length)
  const swallowing = stubs ? tree.children.find((c) => (c.position?.end.offset ?? 0) > slice.length) : undefined
  if (swallowing) tree = withOpenLast(slice, stubs, swallowing.position?.start.offset ?? 0)
  const found: Definition[] = []
  const stack: RootContent[] = [...tree.children]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === 'definition' || node.type === 'footnoteDefinition') {
      const label = node.label ?? node.identifier
      found.push({footnote: node.type === 'footnoteDefinition', label, key: collapseLabel(label)})
    }
    // Definitions stand in blocks only (quotes, lists, footnotes), never in paragraphs' inlines.
    if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'table') stack.push(...(node.children as RootContent[]))
  }
  const open = endsOpen(tree, slice)
  return {tops: toTops(tree, segment.start), found, given: new Set(named.map((d) => d.key)), open}
}

/**
 * The piece's blocks when its last block, starting at `from`, runs on to the piece's end and
 * swallowed the stubs: a fence or raw HTML left open (a blank line and an unindented stub end
 * every other block). Such a block holds no references, so the blocks before it are parsed with
 * the stubs and it is read from the piece alone (and joined with the next piece, see
 * `endsOpen`). Parsing the whole piece alone instead lost the references of the blocks before it
 * to a definition in another piece (found by the random-draft test: a paragraph citing `[^1]`
 * followed by a fence left open to the end of the draft).
 */
function withOpenLast(slice: string, stubs: string, from: number): Root {
  const starts = (c: RootContent) => c.position?.start.offset ?? 0
  const before = from > 0 ? parseMarkdown(`${slice.slice(0, from)}\n\n${stubs}\n`).children.filter((c) => starts(c) < from) : []
  const alone = parseMarkdown(slice)
  return {...alone, children: [...before, ...alone.children.filter((c) => starts(c) >= from)]}
}

/**
 * Whether the piece's last block is a fenced code or raw HTML block that runs to the end of the
 * piece without its closing line: then the draft's next lines belong to it too.
 */
function endsOpen(tree: Root, slice: string): boolean {
  const last = tree.children[tree.children.length - 1]
  if (!last || (last.type !== 'code' && last.type !== 'html')) return false
  const source = slice.slice(last.position?.start.offset ?? 0, last.position?.end.offset ?? 0)
  if (slice.slice(last.position?.end.offset ?? 0).trim() !== '') return false
  if (last.type === 'code') {
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(source)
    if (!fence) return false
    const lines = source.split('\n')
    const close = new RegExp(`^ {0,3}\\${fence[1][0]}{${fence[1].length},}[ \\t]*\\r?$`)
    return lines.length < 2 || !close.test(lines[lines.length - 1])
  }
  const ends: Array<[RegExp, string]> = [[/^ {0,3}<(script|pre|style|textarea)/i, '</'], [/^ {0,3}<!--/, '-->'], [/^ {0,3}<\?/, '?>'], [/^ {0,3}<!\[CDATA\[/, ']]>'], [/^ {0,3}<![A-Za-z]/, '>']]
  for (const [start, end] of ends) {
    const m = start.exec(source)
    if (m) return !source.slice(m[0].length).toLowerCase().includes(end === '</' ? `</${m[1].toLowerCase()}>` : end)
  }
  return false
}

/**
 * Whether text (lower case, white space collapsed: `collapseLabel`) may refer to the
 * definition keyed `key`: a footnote by `^key`, a link definition by its label anywhere.
 * A false yes costs a parse with the definition; a false no is impossible (remark matches
 * labels case-insensitively with white space collapsed, as `key` is).
 */
export function mayName(text: string, footnote: boolean, key: string): boolean {
  return text.includes(footnote ? `^${key}` : key)
}

/** Lower case, runs of white space as one space: how remark compares labels. */
export function collapseLabel(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ')
}

/**
 * The draft's front matter (YAML) read from its first piece alone: what completion needs for
 * the draft's bibliography keys without reading, let alone checking, the whole draft (issue
 * #12). The same parse as a whole read gives, since a piece ends only where blocks end.
 */
export function readFrontMatter(text: string): string | undefined {
  if (!/^(?:---|\+\+\+)/.test(text)) return undefined
  const [first] = blockSegments(text, 1, 1)
  const node = parseMarkdown(text.slice(first.start, first.end)).children[0]
  return node?.type === 'yaml' ? node.value : undefined
}
