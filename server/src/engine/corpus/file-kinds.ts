import {basename, extname} from 'node:path'
import {DOCUMENT_EXTENSIONS} from './formats/registry'

// One list per fact (issue #12): the extensions and names the corpus reads. The loader, the
// server's file watcher and its change filter all derive from these; a test checks that every
// extension the loader reads triggers a re-index.

/** Extensions read as text sources (Markdown with front matter, pages copied from the web). */
export const TEXT_SOURCE_EXTENSIONS: readonly string[] = ['.md', '.markdown', '.txt']

/** Every extension read as a source: text here, documents (PDF, HTML, Word) in formats/. */
export const SOURCE_EXTENSIONS: ReadonlySet<string> = new Set([...TEXT_SOURCE_EXTENSIONS, ...DOCUMENT_EXTENSIONS.keys()])

/** Bibliography files by ending (BibTeX, CSL-JSON)… */
export const BIBLIOGRAPHY_ENDINGS: readonly string[] = ['.bib', '.bibtex', '.csl.json']
/** …and by whole name (CSL-JSON as reference managers export it). */
export const BIBLIOGRAPHY_NAMES: readonly string[] = ['references.json', 'bibliography.json']

/** Bibliography files the corpus reads beside its sources. */
export function isBibliographyFile(path: string): boolean {
  const name = basename(path).toLowerCase()
  return BIBLIOGRAPHY_ENDINGS.some((ending) => name.endsWith(ending)) || BIBLIOGRAPHY_NAMES.includes(name)
}

/** A file the corpus would read, judged by its name alone. */
export function isCorpusFileName(path: string): boolean {
  return SOURCE_EXTENSIONS.has(extname(path).toLowerCase()) || isBibliographyFile(path)
}

/**
 * The glob the server asks the client to watch: every corpus file kind, plus `.json` for
 * briefcheck.json and `.briefcheck/accepted.json`. Derived, so a new format is watched the day
 * the loader reads it.
 */
export function corpusWatchGlob(): string {
  const endings = new Set<string>(['json'])
  for (const ext of SOURCE_EXTENSIONS) endings.add(ext.slice(1))
  for (const ending of BIBLIOGRAPHY_ENDINGS) endings.add(ending.slice(ending.lastIndexOf('.') + 1))
  return `**/*.{${[...endings].sort().join(',')}}`
}
