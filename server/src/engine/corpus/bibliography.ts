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
  const {parse} = await import('@retorquere/bibtex-parser')
  const library = parse(text, {sentenceCase: false})
  // A partly broken file still gives its good entries, but the writer should hear about it.
  if (library.errors.length > 0) throw Object.assign(new Error(`BibTeX: ${library.errors[0].error}`), {partial: library.entries.length})
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
