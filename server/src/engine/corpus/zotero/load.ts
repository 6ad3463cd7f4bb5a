import {existsSync} from 'node:fs'
import {readFile, stat} from 'node:fs/promises'
import {isAbsolute, join} from 'node:path'
import {contentHash, parseSource, type ParsedSource} from '../corpus'
import {documentFormat, documentSource, type DocumentFormat} from '../formats/index'
import {defaultWorkerCount, parsePool} from '../parse-pool'
import {fileErrorReason} from '../read-file'
import type {FrontMatterMeta} from '../frontmatter'
import type {CorpusCache} from '../load'
import type {CorpusProblem} from '../types'
import {creatorName, toCslItem, zoteroDate} from './csl'
import {betterBibtexKey, readKeySources} from './keys'
import {readItems, type ZoteroAttachment, type ZoteroItem} from './library'
import type {ZoteroSpec} from './spec'
import {openSnapshot} from './sqlite'

/** Text Zotero extracted for its own full-text search, kept beside each stored file. */
const FULLTEXT_CACHE = '.zotero-ft-cache'

/** Attachment content types in the order a source's text is taken from them. */
const PREFERRED = ['application/pdf', 'text/html', 'application/xhtml+xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']

export interface ZoteroLoadOptions {
  maxFileBytes: number
  cache?: CorpusCache
}

/**
 * Reads a Zotero library as corpus sources: one source per regular item (and per file added
 * without a parent item), its metadata from Zotero, its key from Better BibTeX when there is one,
 * its text from the best attachment (a stored PDF, then an HTML snapshot, then a Word file, also
 * linked files), else from Zotero's full-text cache, else from the abstract. An item with no
 * text at all is still a source: its key and reference count for citations.
 */
export async function loadZoteroSources(spec: ZoteroSpec, options: ZoteroLoadOptions): Promise<{parsed: ParsedSource[]; problems: CorpusProblem[]}> {
  const problems: CorpusProblem[] = []
  if (!existsSync(spec.database)) return {parsed: [], problems: [{path: spec.database, reason: 'Zotero database not found (zotero:PATH names the Zotero data directory)'}]}
  let items: ZoteroItem[]
  try {
    const db = await openSnapshot(spec.database)
    try {
      items = readItems(db, spec.collection)
    } finally {
      db.close()
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return {parsed: [], problems: [{path: spec.collection.length > 0 ? `${spec.database}#${spec.collection.join('/')}` : spec.database, reason: `Zotero library could not be read: ${reason}`}]}
  }
  const keys = await readKeySources(spec.dataDir)
  problems.push(...keys.problems)
  const parsed: ParsedSource[] = []
  for (const item of items) {
    const key = betterBibtexKey(item, keys)
    const meta = itemMeta(item, key)
    const text = await itemText(item, spec, options, problems)
    parsed.push({...text, meta: {...text.meta, ...meta, csl: toCslItem(item, key ?? item.key)}})
  }
  return {parsed, problems}
}

/** Metadata of an item as the corpus keeps it (Zotero's fields win over the file's). */
function itemMeta(item: ZoteroItem, key: string | undefined): FrontMatterMeta {
  const authors = item.creators.filter((c) => c.type === 'author')
  const named = (authors.length > 0 ? authors : item.creators).map(creatorName).filter(Boolean)
  const f = item.fields
  const meta: FrontMatterMeta = {authors: named}
  const set = <K extends keyof FrontMatterMeta>(k: K, v: FrontMatterMeta[K] | undefined) => {
    if (v !== undefined && v !== '') meta[k] = v
  }
  set('id', key)
  set('title', f.title?.trim())
  set('date', zoteroDate(f.date))
  set('url', f.url?.trim())
  set('publisher', (f.publicationTitle ?? f.websiteTitle ?? f.blogTitle ?? f.publisher ?? f.institution)?.trim())
  set('doi', (f.DOI ?? /^[ \t]*DOI[ \t]*:[ \t]*(\S+)[ \t]*$/im.exec(f.extra ?? '')?.[1])?.trim())
  return meta
}

/** The text of an item: its best readable attachment, its full-text cache, or its abstract. */
async function itemText(item: ZoteroItem, spec: ZoteroSpec, options: ZoteroLoadOptions, problems: CorpusProblem[]): Promise<ParsedSource> {
  const ranked = [...item.attachments].sort((a, b) => rank(a) - rank(b))
  for (const attachment of ranked) {
    const path = attachmentPath(attachment, spec.dataDir)
    if (!path) continue
    const format = formatOf(attachment, path)
    if (!format || !existsSync(path)) {
      const fallback = await fullTextCache(attachment, spec.dataDir, path)
      if (fallback) return fallback
      if (format) problems.push({path, reason: `attachment of Zotero item ${item.key} is missing (not synced or moved)`})
      continue
    }
    const loaded = await readAttachment(path, options.maxFileBytes)
    if (!('reason' in loaded)) return {...loaded, meta: {...loaded.meta}}
    const fallback = await fullTextCache(attachment, spec.dataDir, path)
    if (fallback) return fallback
    problems.push(loaded)
  }
  // No file to read: the abstract is the text Zotero holds; the path opens the item in Zotero.
  const path = `zotero://select/library/items/${item.key}`
  const abstract = item.fields.abstractNote?.trim() ?? ''
  const {text, read} = documentSource({format: 'html', meta: {authors: []}, blocks: abstract ? [{text: abstract}] : [], warnings: []})
  return parseSource({path, text}, read)
}

function rank(a: ZoteroAttachment): number {
  const i = PREFERRED.indexOf(a.contentType)
  return i < 0 ? PREFERRED.length : i
}

/** File of an attachment: `storage:name` under storage/KEY/, a linked file's path. */
export function attachmentPath(a: ZoteroAttachment, dataDir: string): string | undefined {
  if (a.linkMode === 3 || a.linkMode === 4 || !a.path) return undefined
  if (a.path.startsWith('storage:')) return join(dataDir, 'storage', a.key, a.path.slice('storage:'.length))
  // `attachments:` paths are relative to the base directory set in Zotero's preferences (prefs.js
  // in the Zotero profile, outside the data directory): not known here, so not read.
  if (a.path.startsWith('attachments:')) return undefined
  return isAbsolute(a.path) ? a.path : undefined
}

function formatOf(a: ZoteroAttachment, path: string): DocumentFormat | undefined {
  if (a.contentType === 'application/pdf') return 'pdf'
  if (a.contentType === 'text/html' || a.contentType === 'application/xhtml+xml') return 'html'
  return documentFormat(path)
}

/** Zotero's extracted text of a stored attachment, paragraphs a blank line apart (no pages). */
async function fullTextCache(a: ZoteroAttachment, dataDir: string, original: string): Promise<ParsedSource | undefined> {
  const path = join(dataDir, 'storage', a.key, FULLTEXT_CACHE)
  const raw = await readFile(path, 'utf8').catch(() => undefined)
  if (!raw?.trim()) return undefined
  const paragraphs = raw
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0)
  const {text, read} = documentSource({format: 'pdf', meta: {authors: []}, blocks: paragraphs.map((p) => ({text: p})), warnings: []})
  // The source is the attachment (for links), its text Zotero's extraction.
  return {...parseSource({path: original, text}, read), hash: contentHash(raw)}
}

/**
 * Reads an attachment as the corpus reads its files: in a parse worker with its memory limit and
 * deadline (issue #13), so a bad PDF in a library costs one worker, never the process.
 */
async function readAttachment(path: string, maxBytes: number): Promise<ParsedSource | CorpusProblem> {
  const info = await stat(path).catch((error: unknown) => fileErrorReason(error))
  if (typeof info === 'string') return {path, reason: info}
  const outcome = await parsePool(defaultWorkerCount(false)).parse({path, maxBytes, size: info.size})
  if ('parsed' in outcome) return outcome.parsed
  if ('problem' in outcome) return outcome.problem
  return {path, reason: 'a bibliography, not a document'}
}
