import {SymbolKind, type CancellationToken, type DocumentSymbol} from 'vscode-languageserver'
import type {TextDocument} from 'vscode-languageserver-textdocument'
import type {DraftDocument} from '../engine/markdown/draft'

/**
 * The outline: one symbol per heading, nested by depth; a heading's range runs to the next
 * heading of the same or a higher level, so "fold/select section" covers its body. Needs the
 * parse only, never a check (issue #12).
 */
export function getDocumentSymbols(draft: DraftDocument, doc: TextDocument, token?: CancellationToken): DocumentSymbol[] {
  if (token?.isCancellationRequested) return []
  const text = doc.getText()
  const headings = draft.blocks
    .filter((b) => b.kind === 'heading' && b.start !== undefined && b.end !== undefined)
    .map((b) => ({name: b.text.replace(/\s+/g, ' ').trim() || '(untitled)', depth: b.depth ?? 1, start: b.start!, end: b.end!}))
  const root: DocumentSymbol[] = []
  const stack: Array<{depth: number; symbol: DocumentSymbol}> = []
  headings.forEach((h, i) => {
    const next = headings.slice(i + 1).find((n) => n.depth <= h.depth)
    let sectionEnd = next ? next.start : text.length
    while (sectionEnd > h.end && /\s/.test(text[sectionEnd - 1])) sectionEnd--
    const symbol: DocumentSymbol = {
      name: h.name,
      detail: '#'.repeat(h.depth),
      kind: SymbolKind.String,
      range: {start: doc.positionAt(h.start), end: doc.positionAt(Math.max(sectionEnd, h.end))},
      selectionRange: {start: doc.positionAt(h.start), end: doc.positionAt(h.end)},
      children: [],
    }
    while (stack.length > 0 && stack[stack.length - 1].depth >= h.depth) stack.pop()
    if (stack.length === 0) root.push(symbol)
    else stack[stack.length - 1].symbol.children!.push(symbol)
    stack.push({depth: h.depth, symbol})
  })
  return root
}
