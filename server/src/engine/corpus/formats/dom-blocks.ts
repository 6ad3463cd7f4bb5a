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
const BLOCK = new Set(['P', 'LI', 'BLOCKQUOTE', 'DD', 'DT', 'FIGCAPTION', 'PRE', 'TD', 'TH', 'CAPTION', 'ADDRESS'])
/** Containers: their children are walked. */
const CONTAINER = new Set([
  'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'BODY', 'HTML', 'UL', 'OL', 'DL', 'TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'FIGURE', 'HEADER',
  'FOOTER', 'ASIDE', 'NAV', 'DETAILS', 'SUMMARY', 'CENTER', 'FORM', 'FIELDSET', 'SPAN', 'PAGE',
])
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'BUTTON', 'SELECT', 'INPUT', 'TEXTAREA', 'IFRAME', 'OBJECT', 'CANVAS', 'HEAD'])

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
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      loose += node.textContent ?? ''
      return
    }
    if (node.nodeType !== 1) return
    const name = node.nodeName.toUpperCase()
    if (SKIP.has(name)) return
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
      if (text !== '') blocks.push({text, section})
      return
    }
    if (CONTAINER.has(name) || BLOCK.has(name)) {
      flushLoose()
      for (const child of Array.from(node.childNodes)) walk(child)
      flushLoose()
      return
    }
    // Inline element (a, em, strong, sup…): its text runs on in the current loose paragraph.
    for (const child of Array.from(node.childNodes)) walk(child)
  }
  walk(root)
  flushLoose()
  return blocks
}

function hasBlockChild(node: DomNode): boolean {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType !== 1) continue
    const name = child.nodeName.toUpperCase()
    if (BLOCK.has(name) || HEADING.test(name) || (CONTAINER.has(name) && name !== 'SPAN') || hasBlockChild(child)) return true
  }
  return false
}
