import type {HtmlComment} from './markdown/prose'
import type {BriefcheckMessage} from './messages'
import type {LineIndex} from './text/positions'

/**
 * Honours `<!-- briefcheck-disable-next-line [ids] -->`, `-disable-line`, `-disable` …
 * `-enable` and `-disable-file`. Comments are read from the Markdown tree, including inline
 * HTML inside bold text, links and list items, where line-based linters miss them.
 */
export function applyDirectives(messages: BriefcheckMessage[], comments: HtmlComment[], lines: LineIndex, text: string): BriefcheckMessage[] {
  type Rule = {ids: string[] | 'all'; from: number; to: number}
  const rules: Rule[] = []
  const open: Array<{ids: string[] | 'all'; from: number}> = []
  const sorted = [...comments].sort((a, b) => a.start - b.start)
  for (const comment of sorted) {
    const match = /^briefcheck-(disable-next-line|disable-line|disable-file|disable|enable)\b\s*(.*)$/s.exec(comment.value)
    if (!match) continue
    const ids: string[] | 'all' = match[2].trim() ? match[2].trim().split(/[\s,]+/) : 'all'
    const line = lines.position(comment.start).line
    const endLine = lines.position(comment.end).line
    switch (match[1]) {
      case 'disable-line':
        rules.push({ids, from: line, to: endLine})
        break
      case 'disable-next-line': {
        const next = nextContentLine(text, lines, comment.end)
        rules.push({ids, from: next, to: next})
        break
      }
      case 'disable-file':
        rules.push({ids, from: 0, to: Number.MAX_SAFE_INTEGER})
        break
      case 'disable':
        open.push({ids, from: endLine})
        break
      case 'enable':
        for (let i = open.length - 1; i >= 0; i--) {
          const o = open[i]
          if (ids === 'all' || o.ids === 'all' || o.ids.some((id) => ids.includes(id))) {
            rules.push({ids: o.ids, from: o.from, to: line})
            open.splice(i, 1)
          }
        }
        break
    }
  }
  for (const o of open) rules.push({ids: o.ids, from: o.from, to: Number.MAX_SAFE_INTEGER})
  if (rules.length === 0) return messages
  return messages.filter((m) => {
    const line = m.range.start.line
    return !rules.some((r) => line >= r.from && line <= r.to && (r.ids === 'all' || r.ids.includes(m.ruleId)))
  })
}

/** The first line after `offset` that holds something other than white space. */
function nextContentLine(text: string, lines: LineIndex, offset: number): number {
  let i = offset
  // Skip the rest of the comment's line, then blank lines.
  while (i < text.length && text[i] !== '\n') {
    if (!/\s/.test(text[i])) return lines.position(i).line
    i++
  }
  while (i < text.length && /\s/.test(text[i])) i++
  return lines.position(i).line
}
