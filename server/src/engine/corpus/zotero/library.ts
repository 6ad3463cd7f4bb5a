import type {ReadOnlyDatabase} from './sqlite'

/**
 * The parts of a Zotero library a corpus needs, read from `zotero.sqlite` (schema of Zotero 7/8,
 * userdata.sql; tests build it from that file). Fields and types are looked up by name, never by
 * id: ids come from Zotero's global schema and differ between installations.
 */

/** A creator as Zotero stores it: two fields, or one (`fieldMode` 1: an organisation). */
export interface ZoteroCreator {
  firstName: string
  lastName: string
  single: boolean
  type: string
}

/** A file attached to an item. */
export interface ZoteroAttachment {
  itemID: number
  key: string
  /** 0 stored file, 1 stored snapshot of a URL, 2 linked file, 3 linked URL, 4 embedded image. */
  linkMode: number
  contentType: string
  /** As stored: `storage:name.pdf`, an absolute path, or `attachments:relative/path`. */
  path: string
}

/** A regular item (not a note, attachment or annotation) with what the corpus reads. */
export interface ZoteroItem {
  itemID: number
  key: string
  libraryID: number
  type: string
  /** Field values by Zotero field name (`title`, `date`, `url`, `DOI`, `citationKey`…). */
  fields: Record<string, string>
  creators: ZoteroCreator[]
  attachments: ZoteroAttachment[]
  /** When the item was last changed (Zotero's `clientDateModified`). */
  modified: string
}

/** Item types that are not sources in their own right. */
const NOT_SOURCES = new Set(['note', 'attachment', 'annotation'])

/** Reads the library's items (all, or those in `collection` and its sub-collections). */
export function readItems(db: ReadOnlyDatabase, collection: string[] = []): ZoteroItem[] {
  const deleted = db.hasTable('deletedItems') ? 'AND i.itemID NOT IN (SELECT itemID FROM deletedItems)' : ''
  const types = combined(db, 'itemTypes')
  const fields = combined(db, 'fields')
  let only: Set<number> | undefined
  if (collection.length > 0) only = collectionItems(db, collection)
  const items = new Map<number, ZoteroItem>()
  const standalone: ZoteroItem[] = []
  for (const row of db.all(`SELECT i.itemID, i.key, i.libraryID, i.clientDateModified, t.typeName FROM items i JOIN ${types} t ON t.itemTypeID = i.itemTypeID WHERE 1 ${deleted} ORDER BY i.itemID`)) {
    const item: ZoteroItem = {
      itemID: Number(row.itemID),
      key: String(row.key),
      libraryID: Number(row.libraryID),
      type: String(row.typeName),
      fields: {},
      creators: [],
      attachments: [],
      modified: String(row.clientDateModified ?? ''),
    }
    if (only && !only.has(item.itemID)) continue
    if (!NOT_SOURCES.has(item.type)) items.set(item.itemID, item)
    else if (item.type === 'attachment') standalone.push(item)
  }
  const byStandalone = new Map(standalone.map((s) => [s.itemID, s]))
  for (const row of db.all(`SELECT d.itemID, f.fieldName, v.value FROM itemData d JOIN ${fields} f ON f.fieldID = d.fieldID JOIN itemDataValues v ON v.valueID = d.valueID`)) {
    const item = items.get(Number(row.itemID)) ?? byStandalone.get(Number(row.itemID))
    if (item && row.value !== null) item.fields[String(row.fieldName)] = String(row.value)
  }
  for (const row of db.all(
    'SELECT ic.itemID, c.firstName, c.lastName, c.fieldMode, ct.creatorType FROM itemCreators ic JOIN creators c ON c.creatorID = ic.creatorID JOIN creatorTypes ct ON ct.creatorTypeID = ic.creatorTypeID ORDER BY ic.itemID, ic.orderIndex',
  )) {
    items.get(Number(row.itemID))?.creators.push({
      firstName: String(row.firstName ?? ''),
      lastName: String(row.lastName ?? ''),
      single: Number(row.fieldMode) === 1,
      type: String(row.creatorType),
    })
  }
  for (const row of db.all(
    `SELECT a.itemID, a.parentItemID, a.linkMode, a.contentType, a.path, i.key FROM itemAttachments a JOIN items i ON i.itemID = a.itemID WHERE 1 ${deleted} ORDER BY a.itemID`,
  )) {
    const attachment: ZoteroAttachment = {
      itemID: Number(row.itemID),
      key: String(row.key),
      linkMode: Number(row.linkMode ?? 0),
      contentType: String(row.contentType ?? ''),
      path: String(row.path ?? ''),
    }
    const parent = row.parentItemID === null ? undefined : items.get(Number(row.parentItemID))
    if (parent) parent.attachments.push(attachment)
    else if (row.parentItemID === null) byStandalone.get(attachment.itemID)?.attachments.push(attachment)
  }
  // A file added to Zotero without a parent item is a source too (its title is the file's).
  for (const item of standalone) if (item.attachments.length > 0) items.set(item.itemID, {...item, type: 'document'})
  return [...items.values()].sort((a, b) => a.itemID - b.itemID)
}

/** The `…Combined` table Zotero fills at start-up (with custom types), else the base table. */
function combined(db: ReadOnlyDatabase, table: 'itemTypes' | 'fields'): string {
  const name = `${table}Combined`
  return db.hasTable(name) && db.all(`SELECT 1 FROM ${name} LIMIT 1`).length > 0 ? name : table
}

/** Item ids in the collection at `path` (names from the top, case-insensitive) and below it. */
function collectionItems(db: ReadOnlyDatabase, path: string[]): Set<number> {
  const deleted = db.hasTable('deletedCollections') ? 'WHERE collectionID NOT IN (SELECT collectionID FROM deletedCollections)' : ''
  const rows = db.all(`SELECT collectionID, collectionName, parentCollectionID FROM collections ${deleted}`)
  let level = rows.filter((r) => r.parentCollectionID === null)
  let found: Array<Record<string, unknown>> = []
  for (const name of path) {
    found = level.filter((r) => String(r.collectionName).toLowerCase() === name.toLowerCase())
    if (found.length === 0) {
      const names = level.map((r) => String(r.collectionName)).sort()
      throw new Error(`no collection "${name}" in the library${names.length > 0 ? ` (there: ${names.slice(0, 10).join(', ')})` : ''}`)
    }
    const ids = new Set(found.map((r) => Number(r.collectionID)))
    level = rows.filter((r) => r.parentCollectionID !== null && ids.has(Number(r.parentCollectionID)))
  }
  // Sub-collections of the named one, breadth first (Zotero forbids cycles; `seen` bounds it anyway).
  const seen = new Set(found.map((r) => Number(r.collectionID)))
  const queue = [...seen]
  while (queue.length > 0) {
    const id = queue.shift()!
    for (const r of rows) {
      const child = Number(r.collectionID)
      if (r.parentCollectionID !== null && Number(r.parentCollectionID) === id && !seen.has(child)) {
        seen.add(child)
        queue.push(child)
      }
    }
  }
  const items = new Set<number>()
  for (const id of seen) for (const row of db.all('SELECT itemID FROM collectionItems WHERE collectionID = ?', [id])) items.add(Number(row.itemID))
  // Attachments belong to the collection through their parent item.
  for (const row of db.all('SELECT itemID, parentItemID FROM itemAttachments WHERE parentItemID IS NOT NULL')) {
    if (items.has(Number(row.parentItemID))) items.add(Number(row.itemID))
  }
  return items
}
