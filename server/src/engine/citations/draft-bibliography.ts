import {readFileSync, statSync} from 'node:fs'
import {dirname, extname, isAbsolute, resolve} from 'node:path'
import {parse as parseYaml} from 'yaml'
import type {CslItem} from './csl-item'

/**
 * A draft's own bibliography, the pandoc way (issue #16): the files its front matter names in
 * `bibliography:` (one or a list; `.bib`/`.bibtex` BibTeX or BibLaTeX, `.json` CSL-JSON, `.yaml`
 * / `.yml` CSL YAML) and the CSL items of an inline `references:` list. Its keys are citations
 * that exist (no `unknown-citation`), completion offers them, and entries that describe a corpus
 * source (same DOI, URL or title) resolve to that source, so evidence and citations agree.
 */

export type BibliographyFormat = 'bibtex' | 'csl-json' | 'csl-yaml'

/** One entry: its key and what matches it to a corpus source. */
export interface DraftEntry {
  key: string
  title?: string
  url?: string
  doi?: string
  /** The file it came from; undefined for inline `references:`. */
  file?: string
}

/** A bibliography file the front matter names. */
export interface BibliographyFile {
  path: string
  format: BibliographyFormat
  /** Whether it was read (a missing file is a problem; the quick fix may still create it). */
  exists: boolean
}

export interface DraftBibliography {
  entries: DraftEntry[]
  files: BibliographyFile[]
  /** One line each: a missing or broken file. */
  problems: string[]
}

/** Above this a bibliography file is not read (as for corpus files). */
const MAX_BYTES = 20 * 1024 * 1024
/** At most this many files from one `bibliography:` list. */
const MAX_FILES = 32

export const EMPTY_BIBLIOGRAPHY: DraftBibliography = {entries: [], files: [], problems: []}

/** The format of a bibliography file from its extension, or undefined for one pandoc does not read this way. */
export function bibliographyFormat(path: string): BibliographyFormat | undefined {
  const ext = extname(path).toLowerCase()
  if (ext === '.bib' || ext === '.bibtex') return 'bibtex'
  if (ext === '.json') return 'csl-json'
  if (ext === '.yaml' || ext === '.yml') return 'csl-yaml'
  return undefined
}

/**
 * Reads the bibliography of a draft from its raw front matter. `draftPath` locates relative
 * file names (none for an unsaved draft: then only inline references count). Never throws.
 */
export function readDraftBibliography(frontmatter: string | undefined, draftPath: string | undefined): DraftBibliography {
  if (!frontmatter || !/^(bibliography|references)\s*:/m.test(frontmatter)) return EMPTY_BIBLIOGRAPHY
  let data: unknown
  try {
    data = parseYaml(frontmatter, {maxAliasCount: 100})
  } catch {
    return EMPTY_BIBLIOGRAPHY // broken front matter is reported elsewhere
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return EMPTY_BIBLIOGRAPHY
  const record = data as Record<string, unknown>
  const out: DraftBibliography = {entries: [], files: [], problems: []}
  const listed = typeof record.bibliography === 'string' ? [record.bibliography] : Array.isArray(record.bibliography) ? record.bibliography : []
  for (const name of listed.slice(0, MAX_FILES)) {
    if (typeof name !== 'string' || name.trim() === '') continue
    const format = bibliographyFormat(name)
    if (!format) {
      out.problems.push(`bibliography ${name}: not a .bib, .json or .yaml file`)
      continue
    }
    if (!draftPath && !isAbsolute(name)) continue
    const path = isAbsolute(name) ? name : resolve(dirname(draftPath!), name.trim())
    const read = readBibliographyFile(path, format)
    out.files.push({path, format, exists: read.exists})
    if (read.problem) out.problems.push(`bibliography ${name}: ${read.problem}`)
    out.entries.push(...read.entries.map((e) => ({...e, file: path})))
  }
  if (Array.isArray(record.references)) out.entries.push(...cslEntries(record.references))
  return out
}

const fileCache = new Map<string, {stamp: string; read: {entries: DraftEntry[]; exists: boolean; problem?: string}}>()

/** Entries of one file, re-read only when its size or time changed (a check runs per keystroke). */
function readBibliographyFile(path: string, format: BibliographyFormat): {entries: DraftEntry[]; exists: boolean; problem?: string} {
  let stamp: string
  try {
    const info = statSync(path)
    if (info.size > MAX_BYTES) return {entries: [], exists: true, problem: `over the ${MAX_BYTES / 1048576} MB limit`}
    stamp = `${info.size}:${info.mtimeMs}`
  } catch {
    return {entries: [], exists: false, problem: 'file not found'}
  }
  const cached = fileCache.get(path)
  if (cached?.stamp === stamp) return cached.read
  let read: {entries: DraftEntry[]; exists: boolean; problem?: string}
  try {
    read = {entries: parseBibliographyText(readFileSync(path, 'utf8'), format), exists: true}
  } catch (error) {
    read = {entries: [], exists: true, problem: error instanceof Error ? error.message : String(error)}
  }
  if (fileCache.size > 64) fileCache.clear()
  fileCache.set(path, {stamp, read})
  return read
}

/** Parses bibliography text; throws with a reason. */
export function parseBibliographyText(text: string, format: BibliographyFormat): DraftEntry[] {
  if (format === 'csl-json') {
    const data: unknown = JSON.parse(text)
    const items = Array.isArray(data) ? data : (data as {items?: unknown})?.items
    if (!Array.isArray(items)) throw new Error('CSL-JSON must be an array of items')
    return cslEntries(items)
  }
  if (format === 'csl-yaml') {
    const data: unknown = parseYaml(text, {maxAliasCount: 100})
    const items = Array.isArray(data) ? data : (data as {references?: unknown})?.references
    if (!Array.isArray(items)) throw new Error('CSL YAML must hold a "references" list')
    return cslEntries(items)
  }
  return cslEntries(bibtexToCsl(text))
}

/**
 * BibTeX / BibLaTeX as CSL items with citation.js (its BibTeX plugin), loaded synchronously
 * because a check is synchronous; the same library writes the entries a quick fix appends
 * (bib-entry.ts).
 */
export function bibtexToCsl(text: string): CslItem[] {
  const {plugins} = citationJs()
  const items = plugins.input.chain(text, {target: '@csl/list+object', generateGraph: false}) as Array<CslItem & {'citation-key'?: string}>
  return items.map((item) => ({...item, id: item['citation-key'] ?? item.id}))
}

/** @citation-js/core with the BibTeX plugin registered. */
export function citationJs(): {plugins: {input: {chain(data: unknown, options?: object): unknown}; output: {format(name: string, data: unknown, options?: object): string}}} {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const core = require('@citation-js/core')
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('@citation-js/plugin-bibtex')
  return core
}

function cslEntries(items: unknown[]): DraftEntry[] {
  return items
    .filter((item): item is CslItem => Boolean(item) && typeof item === 'object' && (typeof (item as CslItem).id === 'string' || typeof (item as CslItem).id === 'number'))
    .map((item) => ({key: String(item.id), title: first(item.title), url: first(item.URL), doi: first(item.DOI)}))
}

function first(value: unknown): string | undefined {
  if (Array.isArray(value)) return first(value[0])
  if (typeof value === 'string') return value.trim() || undefined
  if (typeof value === 'number') return String(value)
  return undefined
}
