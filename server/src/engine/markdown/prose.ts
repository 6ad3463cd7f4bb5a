import type {Nodes, Parent, PhrasingContent, Root, RootContent} from 'mdast'
import {OffsetMap} from '../text/offset-map'
import type {BlockKind, ProseBlock} from '../types'

/** A footnote definition: its id and plain text, used to resolve `[^id]` to a source. */
export interface FootnoteDefinition {
  id: string
  text: string
  start: number
  end: number
}

/** A link or footnote reference met inside prose, with offsets in the file. */
export interface InlineMark {
  kind: 'footnote' | 'link'
  target: string
  /** Offset in the block's derived text where the mark stands. */
  derivedOffset: number
  start: number
  end: number
}

export interface ProseBlockWithMarks extends ProseBlock {
  marks: InlineMark[]
  /** For headings: level and offsets of the whole heading line, for document symbols. */
  depth?: number
  start?: number
  end?: number
}

/** An HTML comment with its offsets: where `briefcheck-disable` directives live. */
export interface HtmlComment {
  value: string
  start: number
  end: number
}

export interface ProseDocument {
  blocks: ProseBlockWithMarks[]
  footnotes: FootnoteDefinition[]
  comments: HtmlComment[]
  /** Raw YAML front matter, if any. */
  frontmatter?: string
}

/**
 * Header cells longer than this are cut: they name a row or column, and a cell may be any length.
 * Exported for source-blocks.ts, which builds the same header cells without a parse.
 */
export const HEADER_CAP = 200

/**
 * Collects the prose of a Markdown tree: paragraphs (also inside list items and block
 * quotes), table cells and headings, each with a map back to file offsets. Code, HTML,
 * front matter, link URLs and footnote definitions never become prose (issue #2).
 * Iterative, with an explicit stack: nesting depth follows the input (2,000 list markers or
 * 4,000 `>` before one sentence), and recursion that deep overflowed the call stack (issue #13).
 */
export function collectProse(tree: Root, source: string): ProseDocument {
  const doc: ProseDocument = {blocks: [], footnotes: [], comments: []}
  let section: string | undefined
  const stack: Array<{node: RootContent | Root; kind: BlockKind}> = [{node: tree, kind: 'paragraph'}]
  const pushChildren = (children: readonly (RootContent | Root)[], kind: BlockKind) => {
    // Reversed, so that the first child is popped first and blocks keep document order.
    for (let i = children.length - 1; i >= 0; i--) stack.push({node: children[i], kind})
  }
  while (stack.length > 0) {
    const {node, kind} = stack.pop()!
    // remark-frontmatter adds `toml` nodes that mdast's types do not list.
    if ((node.type as string) === 'toml') continue
    switch (node.type) {
      case 'yaml':
        doc.frontmatter = node.value
        break
      case 'code':
        break
      case 'html':
        collectComments(node.value, node.position?.start.offset ?? 0, doc.comments)
        break
      case 'footnoteDefinition':
        doc.footnotes.push({
          id: node.identifier,
          text: plainText(node, source),
          start: node.position?.start.offset ?? 0,
          end: node.position?.end.offset ?? 0,
        })
        break
      case 'heading': {
        const block = inlineBlock(node, 'heading', source, doc.comments)
        block.depth = node.depth
        block.start = node.position?.start.offset ?? 0
        block.end = node.position?.end.offset ?? 0
        section = block.text.trim() || section
        doc.blocks.push(block)
        break
      }
      case 'paragraph': {
        const block = inlineBlock(node, kind, source, doc.comments)
        block.section = section
        doc.blocks.push(block)
        break
      }
      case 'table': {
        // Each cell is its own block, carrying its row's first cell and its column's header cell.
        const headerRow = node.children[0]?.children.map((cell) => plainText(cell, source).trim().slice(0, HEADER_CAP)) ?? []
        node.children.forEach((row, r) => {
          const rowHeader = plainText(row.children[0] ?? {type: 'text', value: ''}, source).trim().slice(0, HEADER_CAP)
          row.children.forEach((cell, c) => {
            const block = inlineBlock(cell, 'cell', source, doc.comments)
            block.section = section
            const headers = {row: c > 0 ? rowHeader || undefined : undefined, column: r > 0 ? headerRow[c] || undefined : undefined}
            if (headers.row || headers.column) block.headers = headers
            doc.blocks.push(block)
          })
        })
        break
      }
      case 'listItem':
        pushChildren(node.children, 'list-item')
        break
      case 'blockquote':
        pushChildren(node.children, 'blockquote')
        break
      default:
        if ('children' in node) pushChildren((node as Parent).children as RootContent[], kind)
    }
  }
  return doc
}

/**
 * The block `collectProse` makes of a paragraph (top-level, or a list item's) whose only content is one text node
 * spanning `[start, end)` of `source`: the file text with its backslash escapes of ASCII
 * punctuation resolved, as CommonMark reads it when no other inline syntax is there. Same
 * alignment, so the same text and offsets; source-prose.ts builds plain paragraphs with it
 * without a parse.
 */
export function textParagraph(source: string, start: number, end: number, kind: BlockKind, section: string | undefined): ProseBlockWithMarks {
  const block = textBlock(source, start, end, kind)
  block.section = section
  return block
}

/**
 * The block `inlineBlock` makes of a node whose only content is one text node spanning
 * `[start, end)` of `source` and reading `raw` (by default the file text there) with its
 * backslash escapes resolved; no section. For the simple blocks source-blocks.ts reads
 * without a parse: headings, table cells, a block quote's lines (`raw` without their `> `).
 */
export function textBlock(source: string, start: number, end: number, kind: BlockKind, raw = source.slice(start, end)): ProseBlockWithMarks {
  const map = new OffsetMap()
  appendAligned(raw.includes('\\') ? raw.replace(ESCAPED_PUNCTUATION, '$1') : raw, source, start, end, map)
  return {kind, text: map.derived, map, marks: []}
}

/** A backslash escape: `\` before ASCII punctuation stands for that character (CommonMark 2.4). */
export const ESCAPED_PUNCTUATION = /\\([!-/:-@[-`{-~])/g

function collectComments(html: string, base: number, into: HtmlComment[]): void {
  // Linear: `[^]*?` stops at the first `-->`; there is no nested quantifier to backtrack.
  const pattern = /<!--([^]*?)-->/g
  for (const match of html.matchAll(pattern)) {
    const start = base + (match.index ?? 0)
    into.push({value: match[1].trim(), start, end: start + match[0].length})
  }
}

function inlineBlock(node: Parent, kind: BlockKind, source: string, comments: HtmlComment[]): ProseBlockWithMarks {
  const map = new OffsetMap()
  const marks: InlineMark[] = []
  // Iterative for the same reason as collectProse: 10,000 `*` nest emphasis 5,000 deep.
  const stack: PhrasingContent[] = []
  const pushChildren = (children: readonly PhrasingContent[]) => {
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i])
  }
  pushChildren(node.children as PhrasingContent[])
  while (stack.length > 0) appendInline(stack.pop()!, source, map, marks, comments, pushChildren)
  return {kind, text: map.derived, map, marks}
}

/** Appends one inline node; a node with children hands them to `pushChildren` instead. */
function appendInline(
  node: PhrasingContent,
  source: string,
  map: OffsetMap,
  marks: InlineMark[],
  comments: HtmlComment[],
  pushChildren: (children: readonly PhrasingContent[]) => void,
): void {
  const start = node.position?.start.offset ?? 0
  const end = node.position?.end.offset ?? start
  switch (node.type) {
    case 'text':
      appendAligned(node.value, source, start, end, map)
      return
    case 'inlineCode':
      // Blank code spans with letters of the same length: their digits are never figures and
      // their dots never end a sentence, yet every offset still maps to the file 1:1.
      map.append('x'.repeat(end - start), start)
      return
    case 'break':
      map.appendSynthetic(' ', start)
      return
    case 'footnoteReference':
      marks.push({kind: 'footnote', target: node.identifier, derivedOffset: map.derived.length, start, end})
      return
    case 'link':
      marks.push({kind: 'link', target: node.url, derivedOffset: map.derived.length, start, end})
      pushChildren(node.children)
      return
    case 'html':
      collectComments(node.value, start, comments)
      return
    case 'image':
    case 'imageReference':
      return
    default:
      if ('children' in node) pushChildren(node.children as PhrasingContent[])
  }
}

/**
 * Appends a text node's value, aligning it with the file text it came from. The value can
 * differ from the file (escapes, entities, indentation dropped after a soft break), so a
 * two-pointer walk maps each value character to its file offset; line breaks become spaces.
 */
function appendAligned(value: string, source: string, start: number, end: number, map: OffsetMap): void {
  const slice = source.slice(start, end)
  if (slice === value && !value.includes('\n') && !value.includes('\r')) {
    map.append(value, start)
    return
  }
  let j = 0
  let run = ''
  let runStart = -1
  const flush = () => {
    if (run) map.append(run, start + runStart)
    run = ''
    runStart = -1
  }
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]
    // A CRLF pair in the value is one line break: the `\n` after it is the one we map.
    if (ch === '\r' && value[i + 1] === '\n') continue
    // Skip file characters that the value does not hold: escapes, indentation, `>` markers.
    while (j < slice.length && slice[j] !== ch && !(ch === '\n' && slice[j] === '\r')) {
      if (!/[\s\\>]/.test(slice[j])) break
      j++
    }
    if (j < slice.length && (slice[j] === ch || (ch === '\n' && slice[j] === '\r'))) {
      if (ch === '\n' || ch === '\r') {
        flush()
        map.appendSynthetic(' ', start + j)
        if (slice[j] === '\r' && slice[j + 1] === '\n') j++
      } else {
        if (runStart < 0 || runStart + run.length !== j) {
          flush()
          runStart = j
        }
        run += ch
      }
      j++
    } else {
      // An entity or other rewrite: the character stands for the file text here.
      flush()
      map.appendSynthetic(ch === '\n' ? ' ' : ch, start + Math.min(j, slice.length))
      // Move past the entity (`&amp;`) when there is one.
      if (slice[j] === '&') {
        const semi = slice.indexOf(';', j)
        if (semi > j && semi - j < 12) j = semi + 1
      }
    }
  }
  flush()
}

/**
 * Plain text of a subtree, for footnote definitions and headings: a link reads as its text
 * then its URL; a footnote definition's blocks are joined by spaces. Iterative (see
 * collectProse): a work stack holds nodes to read and strings to append.
 */
export function plainText(root: Nodes, source: string): string {
  let out = ''
  type Work = Nodes | {literal: string} | {linkEnd: string; from: number}
  const stack: Work[] = [root]
  while (stack.length > 0) {
    const work = stack.pop()!
    if ('literal' in work) {
      out += work.literal
      continue
    }
    if ('linkEnd' in work) {
      // `[text, url].filter(Boolean).join(' ')`: a space only when both are there.
      if (work.linkEnd) out += out.length > work.from ? ` ${work.linkEnd}` : work.linkEnd
      continue
    }
    const node = work
    if (node.type === 'text' || node.type === 'inlineCode') {
      out += node.value
      continue
    }
    if (node.type === 'link') stack.push({linkEnd: node.url, from: out.length})
    if (!('children' in node)) continue
    const children = (node as Parent).children as Nodes[]
    const separator = node.type === 'footnoteDefinition' ? ' ' : ''
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push(children[i])
      if (separator && i > 0) stack.push({literal: separator})
    }
  }
  return out
}
