import {names} from './frontmatter'

/** One bibliography entry, reduced to what a source's metadata needs. */
export interface BibEntry {
  key: string
  title?: string
  authors: string[]
  date?: string
  url?: string
  publisher?: string
  doi?: string
}

export {isBibliographyFile} from './file-kinds'

/** Parses BibTeX (with @retorquere/bibtex-parser) or CSL-JSON; throws with a reason. */
export async function parseBibliography(path: string, text: string): Promise<BibEntry[]> {
  if (/\.json$/i.test(path)) return parseCslJson(text)
  checkMacroExpansion(text)
  const {parse} = await import('@retorquere/bibtex-parser')
  const library = parse(text, {sentenceCase: false})
  // A partly broken file still gives its good entries, but the writer should hear about it.
  if (library.errors.length > 0) throw Object.assign(new Error(`BibTeX: ${shortReason(library.errors[0].error)}`), {partial: library.entries.length})
  return library.entries.map((entry) => {
    const fields = entry.fields as Record<string, unknown>
    const creators = entry.fields.author ?? entry.fields.editor ?? []
    return {
      key: entry.key,
      title: str(fields.title),
      authors: creators.map((c) => c.name ?? [c.firstName, c.prefix, c.lastName].filter(Boolean).join(' ')).filter(Boolean),
      date: str(fields.date) ?? joinDate(str(fields.year), str(fields.month)),
      url: str(fields.url),
      publisher: str(fields.publisher) ?? str(fields.institution) ?? str(fields.organization) ?? str(fields.journaltitle) ?? str(fields.journal),
      doi: str(fields.doi),
    }
  })
}

function parseCslJson(text: string): BibEntry[] {
  const data: unknown = JSON.parse(text)
  const items = Array.isArray(data) ? data : data && typeof data === 'object' && 'items' in data ? (data as {items: unknown}).items : undefined
  if (!Array.isArray(items)) throw new Error('CSL-JSON must be an array of items')
  return items
    .filter((item): item is Record<string, unknown> => Boolean(item) && typeof item === 'object')
    .filter((item) => typeof item.id === 'string' || typeof item.id === 'number')
    .map((item) => ({
      key: String(item.id),
      title: str(item.title),
      authors: names(item.author),
      date: cslDate(item.issued),
      url: str(item.URL),
      publisher: str(item.publisher) ?? str(item['container-title']),
      doi: str(item.DOI),
    }))
}

function str(value: unknown): string | undefined {
  if (Array.isArray(value)) return str(value[0])
  if (typeof value === 'string') return value.trim() || undefined
  if (typeof value === 'number') return String(value)
  return undefined
}

function joinDate(year?: string, month?: string): string | undefined {
  if (!year) return undefined
  const m = month ? Number.parseInt(month, 10) : Number.NaN
  return Number.isFinite(m) ? `${year}-${String(m).padStart(2, '0')}` : year
}

function cslDate(issued: unknown): string | undefined {
  if (!issued || typeof issued !== 'object') return undefined
  const parts = (issued as {'date-parts'?: unknown})['date-parts']
  if (!Array.isArray(parts) || !Array.isArray(parts[0])) return str((issued as {raw?: unknown}).raw)
  return (parts[0] as unknown[]).map((p, i) => (i === 0 ? String(p) : String(p).padStart(2, '0'))).join('-')
}

/**
 * Longest text one BibTeX `@string` macro may expand to, in characters. A real macro is a
 * journal or publisher name; 100,000 leaves room for anything legitimate. Each macro may join
 * two others (`@string{b = a # a}`), so 22 lines doubling each other expanded to 4 million
 * characters inside the parser (36 s, 2 GB, issue #13): the file is refused before parsing.
 */
export const MAX_MACRO_EXPANSION = 100_000

/** Longest parser message quoted in a reason: the parser quotes whole entries (30 KB seen). */
export const MAX_REASON_CHARS = 200

/** The first line of a parser message, cut to `MAX_REASON_CHARS`. */
export function shortReason(message: string): string {
  const line = message.split('\n', 1)[0].trim()
  return line.length > MAX_REASON_CHARS ? `${line.slice(0, MAX_REASON_CHARS)}…` : line
}

/**
 * Adds up, without building them, the lengths `@string` macros expand to, and throws when one
 * passes `MAX_MACRO_EXPANSION`. One pass over the text: each definition is a `#`-joined list of
 * quoted or braced strings, numbers and names of earlier macros.
 */
export function checkMacroExpansion(text: string): void {
  const lengths = new Map<string, number>()
  const definition = /@string\s*[{(]\s*([^\s=#{}(),"]+)\s*=/gi
  for (let match = definition.exec(text); match; match = definition.exec(text)) {
    let i = definition.lastIndex
    let total = 0
    for (;;) {
      while (i < text.length && /\s/.test(text[i])) i++
      const c = text[i]
      if (c === '"' || c === '{') {
        const end = stringEnd(text, i)
        total += end - i - 2
        i = end
      } else {
        const start = i
        while (i < text.length && !/[\s#,})]/.test(text[i])) i++
        if (i === start) break
        const word = text.slice(start, i)
        total += lengths.get(word.toLowerCase()) ?? word.length
      }
      if (total > MAX_MACRO_EXPANSION) {
        throw new Error(`BibTeX: @string ${match[1]} expands to more than ${MAX_MACRO_EXPANSION.toLocaleString('en')} characters: file not read`)
      }
      while (i < text.length && /\s/.test(text[i])) i++
      if (text[i] !== '#') break
      i++
    }
    lengths.set(match[1].toLowerCase(), total)
    definition.lastIndex = Math.max(i, definition.lastIndex)
  }
}

/** End (exclusive) of a quoted or braced BibTeX string starting at `i`, braces balanced. */
function stringEnd(text: string, i: number): number {
  const quoted = text[i] === '"'
  let depth = quoted ? 0 : 1
  let j = i + 1
  for (; j < text.length; j++) {
    const c = text[j]
    if (c === '{') depth++
    else if (c === '}') {
      depth--
      if (!quoted && depth === 0) return j + 1
    } else if (c === '"' && quoted && depth === 0) return j + 1
  }
  return j
}
