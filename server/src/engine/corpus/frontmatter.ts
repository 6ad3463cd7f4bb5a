import type {CslItem} from '../citations/csl-item'
import {parse as parseYaml} from 'yaml'
import {plainFrontMatter} from './plain-frontmatter'

/** Metadata a source's front matter may give (issue #2). */
export interface FrontMatterMeta {
  id?: string
  title?: string
  authors: string[]
  date?: string
  url?: string
  publisher?: string
  /** DOI (Zotero items, bibliographies): matches draft bibliography entries to sources. */
  doi?: string
  /** The full CSL-JSON record when the source came with one (a Zotero item): what citeproc formats. */
  csl?: CslItem
}

/**
 * Largest YAML front matter read, in characters. A source's front matter is a few hundred
 * bytes; 64 KB holds any real one. The `yaml` package checks keys for uniqueness pairwise, so
 * 50,000 keys took 24 s: that check is off (a repeated key is harmless here, the last wins), and
 * longer front matter is refused with this reason while the body is still indexed.
 */
export const MAX_FRONTMATTER_CHARS = 65_536

/** How the `yaml` package reads front matter (the fast path below must agree with it). */
export const YAML_OPTIONS = {uniqueKeys: false, maxAliasCount: 100} as const

/** Reads YAML front matter; throws with the parser's message when the YAML is broken. */
export function readFrontMatter(yaml: string): FrontMatterMeta {
  if (yaml.length > MAX_FRONTMATTER_CHARS) throw new Error(`front matter longer than ${MAX_FRONTMATTER_CHARS / 1024} KB: not read`)
  // maxAliasCount bounds alias expansion ("billion laughs"); 100 is the package's default, kept explicit.
  const data: unknown = plainFrontMatter(yaml) ?? parseYaml(yaml, YAML_OPTIONS)
  if (data === null || data === undefined) return {authors: []}
  if (typeof data !== 'object' || Array.isArray(data)) throw new Error('front matter is not a mapping of keys to values')
  const record = data as Record<string, unknown>
  return {
    id: text(record.id) ?? text(record.key),
    title: text(record.title),
    authors: names(record.authors ?? record.author),
    date: dateText(record.date ?? record.published ?? record.issued),
    url: text(record.url) ?? text(record.link),
    publisher: text(record.publisher) ?? text(record.source),
  }
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined
  if (typeof value === 'number') return String(value)
  return undefined
}

/** Authors as strings, `{name}`, or CSL-style `{family, given}`; a string may list several. */
export function names(value: unknown): string[] {
  if (value === undefined || value === null) return []
  const list = Array.isArray(value) ? value : [value]
  const out: string[] = []
  for (const item of list) {
    if (typeof item === 'string') {
      out.push(...splitNames(item))
    } else if (item && typeof item === 'object') {
      const record = item as Record<string, unknown>
      const name = text(record.name) ?? text(record.literal) ?? [text(record.given), text(record.family)].filter(Boolean).join(' ')
      if (name) out.push(name)
    }
  }
  return out
}

function splitNames(value: string): string[] {
  return value
    .split(/\s*(?:;|\band\b|&)\s*/)
    .map((s) => s.trim())
    .filter(Boolean)
}

function dateText(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10)
  return text(value)
}
