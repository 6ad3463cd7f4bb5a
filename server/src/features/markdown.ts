/**
 * Escapes text for Markdown hovers and completion docs: the punctuation that makes links,
 * emphasis, code, tables and headings gets a backslash; `&`, `<` and `>` become entities. Corpus text is
 * untrusted (scraped pages): `[x](command:foo)` must not become a link and `<img onerror=…>`
 * must not become HTML, whatever the client's renderer allows. Line breaks become spaces so
 * a sentence cannot start a heading, list or quote.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\`*_{}[\]()#+!|~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // At the start, "- x" and "1. x" would open a list.
    .replace(/^(\s*)-/, '$1\\-')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2')
}

/** Escaped `text` with the first occurrence of `value` in bold (the figure or words at issue). */
export function boldWithin(text: string, value: string | undefined): string {
  const at = value ? text.indexOf(value) : -1
  if (!value || at < 0) return escapeMarkdown(text)
  return `${escapeMarkdown(text.slice(0, at))}**${escapeMarkdown(value)}**${escapeMarkdown(text.slice(at + value.length))}`
}
