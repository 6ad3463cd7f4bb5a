import {existsSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {parseBibliography, type BibEntry} from '../bibliography'
import {normaliseTitle, normaliseUrl} from '../corpus'
import type {ZoteroItem} from './library'
import {openSnapshot} from './sqlite'

/**
 * Better BibTeX citation keys for Zotero items, from wherever the installed versions keep them:
 * 1. Zotero's own `citationKey` field (Zotero 7+ with Better BibTeX 8 stores keys there);
 * 2. a `Citation Key: …` line in the item's Extra field (pinned keys of older versions);
 * 3. `better-bibtex.sqlite` beside `zotero.sqlite` (Better BibTeX 6 and 7: table `citationkey`);
 * 4. Better BibTeX's auto-exported `.bib` / CSL-JSON files (their paths are in the same database),
 *    matched to items by DOI, URL or title.
 * Items with none of these get Briefcheck's own keys (keys.ts) when the corpus is assembled.
 */
export interface KeySources {
  /** Keys by `libraryID:itemKey`, from better-bibtex.sqlite. */
  database: Map<string, string>
  /** Entries of the auto-exported bibliographies. */
  exported: BibEntry[]
  problems: Array<{path: string; reason: string}>
}

/** Reads better-bibtex.sqlite and its auto-exports when they exist; never throws. */
export async function readKeySources(dataDir: string): Promise<KeySources> {
  const out: KeySources = {database: new Map(), exported: [], problems: []}
  const path = join(dataDir, 'better-bibtex.sqlite')
  if (!existsSync(path)) return out
  try {
    const db = await openSnapshot(path)
    try {
      if (db.hasTable('citationkey')) {
        for (const row of db.all('SELECT libraryID, itemKey, citationKey FROM citationkey')) {
          if (row.citationKey) out.database.set(`${row.libraryID ?? 1}:${row.itemKey}`, String(row.citationKey))
        }
      }
      if (db.hasTable('autoexport')) {
        for (const row of db.all('SELECT path FROM autoexport')) {
          const file = String(row.path ?? '')
          if (!/\.(bib|json)$/i.test(file)) continue
          const text = await readFile(file, 'utf8').catch(() => undefined)
          if (text === undefined) continue
          try {
            out.exported.push(...(await parseBibliography(file, text)))
          } catch (error) {
            out.problems.push({path: file, reason: `Better BibTeX auto-export could not be parsed: ${error instanceof Error ? error.message : String(error)}`})
          }
        }
      }
    } finally {
      db.close()
    }
  } catch (error) {
    out.problems.push({path, reason: `Better BibTeX database could not be read: ${error instanceof Error ? error.message : String(error)}`})
  }
  return out
}

/** The Better BibTeX key of an item, or undefined (then the corpus makes one). */
export function betterBibtexKey(item: ZoteroItem, sources: KeySources): string | undefined {
  const field = item.fields.citationKey?.trim()
  if (field) return field
  const extra = /^[ \t]*citation key[ \t]*:[ \t]*(\S+)[ \t]*$/im.exec(item.fields.extra ?? '')?.[1]
  if (extra) return extra
  const stored = sources.database.get(`${item.libraryID}:${item.key}`)
  if (stored) return stored
  if (sources.exported.length === 0) return undefined
  const url = item.fields.url ? normaliseUrl(item.fields.url) : undefined
  const title = item.fields.title ? normaliseTitle(item.fields.title) : undefined
  const doi = item.fields.DOI?.trim().toLowerCase()
  return sources.exported.find(
    (e) => (doi && e.doi?.toLowerCase() === doi) || (url && e.url && normaliseUrl(e.url) === url) || (title && e.title && normaliseTitle(e.title) === title),
  )?.key
}
