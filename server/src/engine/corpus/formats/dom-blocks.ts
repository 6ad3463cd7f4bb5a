import {cleanText} from './text'
import type {ExtractedBlock} from './types'

/** The parts of a DOM node these walkers touch (linkedom's nodes, typed loosely on purpose). */
export interface DomNode {
  nodeType: number
  nodeName: string
  textContent: string | null
  childNodes: ArrayLike<DomNode>
  getAttribute?(name: string): string | null
}

const HEADING = /^H[1-6]$/
/** Elements whose text is one paragraph when they hold no other block. */
const BLOCK = new Set(['P', 'LI', 'BLOCKQUOTE', 'DD', 'DT', 'PRE', 'TD', 'TH', 'ADDRESS'])
/** Containers: their children are walked. */
const CONTAINER = new Set([
  'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'BODY', 'HTML', 'UL', 'OL', 'DL', 'TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'FIGURE', 'HEADER',
  'FOOTER', 'ASIDE', 'NAV', 'DETAILS', 'SUMMARY', 'CENTER', 'FIELDSET', 'SPAN', 'PAGE',
])
/** Never prose: scripts and controls; figures with their captions and photo credits; table captions. */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'BUTTON', 'SELECT', 'INPUT', 'TEXTAREA', 'IFRAME', 'OBJECT', 'CANVAS', 'HEAD', 'FIGCAPTION', 'CAPTION', 'FORM'])

/**
 * Nesting followed at most; deeper text is read flat (40,000 nested <b> overflowed the stack,
 * issue #13; real articles nest under 60).
 */
const MAX_DEPTH = 200

/**
 * A widget, not prose: a block that is mostly link text ("Related: …", lists of headlines,
 * share links), or a short call to action or credit line ("Sign up for …", "Powered by …").
 */
const CALL_TO_ACTION = /^(?:related(?: (?:articles|stories|coverage))?\s*:|read more\b|see also\s*:|more from\b|powered by\b|sign up\b|subscribe\b|follow us\b|(?:photo|image|illustration)(?: credit)?\s*:|\(?(?:photo|image)s? by\b)/i

function isWidget(node: DomNode, text: string): boolean {
  const words = text.split(' ').length
  if (CALL_TO_ACTION.test(text) && words <= 40) return true
  const linked = linkText(node)
  return linked > 0 && linked / Math.max(1, text.length) > 0.7 && !/[.!?]["”]?$/.test(text)
}

function linkText(node: DomNode): number {
  let n = 0
  const stack: DomNode[] = [node]
  while (stack.length > 0) {
    const current = stack.pop()!
    if (current.nodeType === 1 && current.nodeName.toUpperCase() === 'A') {
      n += cleanText(current.textContent ?? '').length
      continue
    }
    for (const child of Array.from(current.childNodes)) stack.push(child)
  }
  return n
}

/**
 * Prose blocks of an article body in document order: paragraphs, list items, quotes, table
 * cells, each under the heading (h1–h6) it follows. A heading equal to the title is not a
 * section. Mixed containers (text beside blocks) give their loose text as a block of its own.
 */
export function domBlocks(root: DomNode, title?: string): ExtractedBlock[] {
  const blocks: ExtractedBlock[] = []
  const titleKey = title ? cleanText(title).toLowerCase() : undefined
  let section: string | undefined
  let loose = ''
  const flushLoose = () => {
    const text = cleanText(loose)
    if (text !== '') blocks.push({text, section})
    loose = ''
  }
  const walk = (node: DomNode, depth = 0) => {
    if (node.nodeType === 3) {
      loose += node.textContent ?? ''
      return
    }
    if (node.nodeType !== 1) return
    const name = node.nodeName.toUpperCase()
    if (SKIP.has(name)) return
    if (depth > MAX_DEPTH) {
      loose += ` ${node.textContent ?? ''} `
      return
    }
    if (name === 'BR') {
      loose += ' '
      return
    }
    if (HEADING.test(name)) {
      flushLoose()
      const text = cleanText(node.textContent ?? '')
      if (text !== '' && text.toLowerCase() !== titleKey) section = text
      return
    }
    const isBlock = BLOCK.has(name) && !hasBlockChild(node)
    if (isBlock) {
      flushLoose()
      const text = cleanText(node.textContent ?? '')
      if (text !== '' && !isWidget(node, text)) blocks.push({text, section})
      return
    }
    if (CONTAINER.has(name) || BLOCK.has(name)) {
      flushLoose()
      for (const child of Array.from(node.childNodes)) walk(child, depth + 1)
      flushLoose()
      return
    }
    // Inline element (a, em, strong, sup…): its text runs on in the current loose paragraph.
    for (const child of Array.from(node.childNodes)) walk(child, depth + 1)
  }
  walk(root)
  flushLoose()
  return blocks
}

function hasBlockChild(node: DomNode): boolean {
  const stack: Array<[DomNode, number]> = Array.from(node.childNodes).map((c) => [c, 0])
  while (stack.length > 0) {
    const [child, depth] = stack.pop()!
    if (child.nodeType !== 1 || depth > MAX_DEPTH) continue
    const name = child.nodeName.toUpperCase()
    if (BLOCK.has(name) || HEADING.test(name) || (CONTAINER.has(name) && name !== 'SPAN')) return true
    for (const c of Array.from(child.childNodes)) stack.push([c, depth + 1])
  }
  return false
}
