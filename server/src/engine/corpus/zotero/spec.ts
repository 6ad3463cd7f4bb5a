import {homedir} from 'node:os'
import {dirname, isAbsolute, resolve} from 'node:path'

/** A Zotero library named in the corpus: `zotero:~/Zotero` or `zotero:~/Zotero#Collection/Sub`. */
export interface ZoteroSpec {
  /** The corpus pattern as written. */
  pattern: string
  /** Zotero's data directory (holds zotero.sqlite, storage/, better-bibtex.sqlite). */
  dataDir: string
  /** The database file. */
  database: string
  /** Collection path from the top (`["Collection", "Sub"]`); empty for the whole library. */
  collection: string[]
}

/** Whether a corpus pattern names a Zotero library. */
export function isZoteroSpec(pattern: string): boolean {
  return /^zotero:/i.test(pattern.trim())
}

/**
 * Reads `zotero:PATH[#Collection/Sub]`. PATH is the data directory or the `zotero.sqlite` in it;
 * `~` is the home folder, and a relative PATH is taken from `baseDir` (the config file's folder).
 * A `/` inside a collection's own name is written `\/`.
 */
export function parseZoteroSpec(pattern: string, baseDir: string): ZoteroSpec {
  const body = pattern.trim().replace(/^zotero:/i, '')
  const hash = body.indexOf('#')
  const rawPath = (hash >= 0 ? body.slice(0, hash) : body).trim() || '~/Zotero'
  const rawCollection = hash >= 0 ? body.slice(hash + 1) : ''
  const expanded = rawPath === '~' || rawPath.startsWith('~/') || rawPath.startsWith('~\\') ? homedir() + rawPath.slice(1) : rawPath
  const absolute = isAbsolute(expanded) ? expanded : resolve(baseDir, expanded)
  const isFile = /\.sqlite$/i.test(absolute)
  const collection = rawCollection
    .split(/(?<!\\)\//)
    .map((part) => part.replace(/\\\//g, '/').trim())
    .filter((part) => part.length > 0)
  return {
    pattern,
    dataDir: isFile ? dirname(absolute) : absolute,
    database: isFile ? absolute : resolve(absolute, 'zotero.sqlite'),
    collection,
  }
}
