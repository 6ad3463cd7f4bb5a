// Builds a real Zotero data directory for tests: zotero.sqlite created by Zotero's own schema
// SQL (tests/corpus/zotero-schema, pinned there), filled with invented items, creators,
// collections and attachments (stored PDF and HTML files under storage/, a linked file, a
// missing file with Zotero's full-text cache), and a Better BibTeX database. No mocks: the
// product reads these files exactly as it reads a user's library.
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import initSqlJs, {type Database} from 'sql.js'
import {AUTHORITY, GAZETTE, FISHERIES} from '../formats/briefs'
import {makeHtml, makePdf} from '../formats/make-fixtures'

const SCHEMA = join(__dirname, '..', 'corpus', 'zotero-schema')

/** Item types and fields the helper uses, named as in Zotero's global schema. */
const ITEM_TYPES = ['note', 'attachment', 'annotation', 'book', 'journalArticle', 'report', 'webpage', 'newspaperArticle']
const FIELDS = ['title', 'date', 'url', 'publisher', 'publicationTitle', 'websiteTitle', 'institution', 'DOI', 'abstractNote', 'extra', 'citationKey', 'volume', 'issue', 'pages', 'place', 'accessDate', 'reportNumber']
const CREATOR_TYPES = ['author', 'editor', 'contributor']

/** One invented item as the tests know it. */
export interface TestItem {
  itemID: number
  key: string
  type: string
  title: string
  /** [first, last] pairs; a one-element array is an organisation (fieldMode 1). */
  creators: string[][]
  date: string
  fields: Record<string, string>
  /** Better BibTeX key and where it is kept. */
  citationKey?: {key: string; in: 'field' | 'extra' | 'bbt-sqlite'}
  collections: string[]
}

export interface TestLibrary {
  dataDir: string
  items: TestItem[]
  /** Items by role in the tests. */
  pdf: TestItem
  html: TestItem
  linked: TestItem
  ftCache: TestItem
  deleted: TestItem
}

const FIRST = ['Ada', 'Bram', 'Clio', 'Dara', 'Esme', 'Fen', 'Gus', 'Hana', 'Ivo', 'Juno', 'Kai', 'Lior']
const LAST = ['Okonkwo', 'Varga', 'Lindqvist', 'Moreau', 'Tanaka', 'Quispe', 'Haddad', 'Novak', 'Brennan', 'Achterberg', 'Silva', 'Petrov']
const TOPICS = ['Groundwater Recharge', 'Tariff Design', 'Flood Insurance', 'Urban Heat', 'Grid Storage', 'Rental Markets', 'Coastal Erosion', 'Rail Freight']

function zkey(n: number): string {
  const alphabet = '23456789ABCDEFGHIJKLMNPQRSTUVWXYZ'
  let s = ''
  let k = n * 7919 + 104729
  for (let i = 0; i < 8; i++) {
    s += alphabet[k % alphabet.length]
    k = Math.floor(k / alphabet.length) + i * 31
  }
  return s
}

let sqlPromise: ReturnType<typeof initSqlJs> | undefined
const sql = () => (sqlPromise ??= initSqlJs())

/** A fresh empty database built from Zotero's schema files. */
export async function zoteroSchemaDatabase(): Promise<Database> {
  const SQL = await sql()
  const db = new SQL.Database()
  for (const file of ['system.sql', 'userdata.sql', 'triggers.sql']) db.exec(readFileSync(join(SCHEMA, file), 'utf8'))
  ITEM_TYPES.forEach((name, i) => db.run('INSERT INTO itemTypes (itemTypeID, typeName) VALUES (?, ?)', [i + 1, name]))
  FIELDS.forEach((name, i) => db.run('INSERT INTO fields (fieldID, fieldName) VALUES (?, ?)', [i + 1, name]))
  CREATOR_TYPES.forEach((name, i) => db.run('INSERT INTO creatorTypes (creatorTypeID, creatorType) VALUES (?, ?)', [i + 1, name]))
  db.run("INSERT INTO libraries (libraryID, type, editable, filesEditable) VALUES (1, 'user', 1, 1)")
  return db
}

/** Inserts one item with its fields and creators; returns its itemID. */
export function insertItem(db: Database, item: Omit<TestItem, 'itemID' | 'collections' | 'citationKey'> & {parentItemID?: number}): number {
  const type = ITEM_TYPES.indexOf(item.type) + 1
  if (type === 0) throw new Error(`unknown item type ${item.type}`)
  db.run('INSERT INTO items (itemTypeID, libraryID, key) VALUES (?, 1, ?)', [type, item.key])
  const itemID = Number(db.exec('SELECT last_insert_rowid()')[0].values[0][0])
  const fields = {...item.fields, ...(item.title ? {title: item.title} : {}), ...(item.date ? {date: item.date} : {})}
  for (const [name, value] of Object.entries(fields)) {
    const fieldID = FIELDS.indexOf(name) + 1
    if (fieldID === 0) throw new Error(`unknown field ${name}`)
    db.run('INSERT OR IGNORE INTO itemDataValues (value) VALUES (?)', [value])
    const valueID = db.exec('SELECT valueID FROM itemDataValues WHERE value = ?', [value])[0].values[0][0]
    db.run('INSERT INTO itemData (itemID, fieldID, valueID) VALUES (?, ?, ?)', [itemID, fieldID, valueID])
  }
  item.creators.forEach((name, orderIndex) => {
    const [first, last, fieldMode] = name.length === 1 ? ['', name[0], 1] : [name[0], name[1], 0]
    db.run('INSERT OR IGNORE INTO creators (firstName, lastName, fieldMode) VALUES (?, ?, ?)', [first, last, fieldMode])
    const creatorID = db.exec('SELECT creatorID FROM creators WHERE firstName = ? AND lastName = ? AND fieldMode = ?', [first, last, fieldMode])[0].values[0][0]
    db.run('INSERT INTO itemCreators (itemID, creatorID, creatorTypeID, orderIndex) VALUES (?, ?, 1, ?)', [itemID, creatorID, orderIndex])
  })
  return itemID
}

/** Adds an attachment item under `parentItemID`: stored (`storage:name`) or linked (absolute path). */
export function insertAttachment(db: Database, parentItemID: number, key: string, contentType: string, path: string, linkMode: number): number {
  db.run("INSERT INTO items (itemTypeID, libraryID, key) VALUES ((SELECT itemTypeID FROM itemTypes WHERE typeName = 'attachment'), 1, ?)", [key])
  const itemID = Number(db.exec('SELECT last_insert_rowid()')[0].values[0][0])
  db.run('INSERT INTO itemAttachments (itemID, parentItemID, linkMode, contentType, path) VALUES (?, ?, ?, ?, ?)', [itemID, parentItemID, linkMode, contentType, path])
  return itemID
}

/** Writes a modified database back (what Zotero does after an edit, minus the lock). */
export function saveDatabase(db: Database, dataDir: string): void {
  writeFileSync(join(dataDir, 'zotero.sqlite'), db.export())
}

/** Opens the library's database for editing in a test. */
export async function openLibrary(dataDir: string): Promise<Database> {
  const SQL = await sql()
  return new SQL.Database(readFileSync(join(dataDir, 'zotero.sqlite')))
}

/**
 * A library of 240 items in collections "Water" (with "Water/Rivers"), "Fisheries" and
 * "Housing": a stored PDF, an HTML snapshot, a linked PDF, a PDF missing from storage/ whose
 * text Zotero cached, a deleted item, and metadata-only items with abstracts. Keys: Zotero's
 * citationKey field, a "Citation Key:" line in Extra, better-bibtex.sqlite, or none.
 */
export async function buildTestLibrary(): Promise<TestLibrary> {
  const dataDir = mkdtempSync(join(tmpdir(), 'briefcheck-zotero-'))
  mkdirSync(join(dataDir, 'storage'))
  const db = await zoteroSchemaDatabase()
  const items: TestItem[] = []
  const bbt: Array<[string, string]> = []
  const add = (item: Omit<TestItem, 'itemID'>): TestItem => {
    const fields = {...item.fields}
    if (item.citationKey?.in === 'field') fields.citationKey = item.citationKey.key
    if (item.citationKey?.in === 'extra') fields.extra = `Citation Key: ${item.citationKey.key}`
    if (item.citationKey?.in === 'bbt-sqlite') bbt.push([item.key, item.citationKey.key])
    const itemID = insertItem(db, {...item, fields})
    const full = {...item, itemID}
    items.push(full)
    return full
  }
  const zdate = (iso: string) => `${iso} ${iso}`

  const pdf = add({
    key: 'PDFITEM1', type: 'report', title: AUTHORITY.title, creators: [['Mira', 'Castell']], date: zdate(AUTHORITY.date),
    fields: {institution: AUTHORITY.publisher!, url: 'https://harrow.example/annual-report', DOI: '10.5555/harrow.2021.1'},
    citationKey: {key: 'castell2021annual', in: 'field'}, collections: ['Water'],
  })
  const pdfBytes = (await makePdf(AUTHORITY, {perPage: [2, 4, 2]})).bytes
  mkdirSync(join(dataDir, 'storage', 'PDFATT01'))
  writeFileSync(join(dataDir, 'storage', 'PDFATT01', 'Castell - 2021 - Annual Report.pdf'), pdfBytes)
  insertAttachment(db, pdf.itemID, 'PDFATT01', 'application/pdf', 'storage:Castell - 2021 - Annual Report.pdf', 0)

  const html = add({
    key: 'HTMLITEM', type: 'newspaperArticle', title: GAZETTE.title, creators: [['Tomas', 'Reyes']], date: zdate(GAZETTE.date),
    fields: {publicationTitle: GAZETTE.publisher!, url: 'https://gazette.example/harrow-dam-twenty'},
    citationKey: {key: 'reyes2022harrow', in: 'bbt-sqlite'}, collections: ['Water/Rivers'],
  })
  mkdirSync(join(dataDir, 'storage', 'HTMLATT1'))
  writeFileSync(join(dataDir, 'storage', 'HTMLATT1', 'Harrow Dam Marks Twenty Years.html'), makeHtml(GAZETTE, 'highwire'))
  insertAttachment(db, html.itemID, 'HTMLATT1', 'text/html', 'storage:Harrow Dam Marks Twenty Years.html', 1)

  const linkedDir = mkdtempSync(join(tmpdir(), 'briefcheck-linked-'))
  const linkedPath = join(linkedDir, 'fisheries.pdf')
  writeFileSync(linkedPath, (await makePdf(FISHERIES)).bytes)
  const linked = add({
    key: 'LINKEDIT', type: 'report', title: FISHERIES.title, creators: [[FISHERIES.author.split(' ')[0], FISHERIES.author.split(' ').slice(1).join(' ')]],
    date: zdate(FISHERIES.date), fields: {institution: FISHERIES.publisher ?? 'Fisheries Board'}, citationKey: {key: 'fisheries-linked', in: 'extra'}, collections: ['Fisheries'],
  })
  insertAttachment(db, linked.itemID, 'LINKATT1', 'application/pdf', linkedPath, 2)

  const ftCache = add({
    key: 'FTCACHE1', type: 'report', title: 'Reservoir Levels in the Dry Season', creators: [['Regional Water Board']], date: zdate('2023-09-01'),
    fields: {institution: 'Regional Water Board'}, collections: ['Water'],
  })
  mkdirSync(join(dataDir, 'storage', 'FTATT001'))
  writeFileSync(
    join(dataDir, 'storage', 'FTATT001', '.zotero-ft-cache'),
    'Reservoir Levels in the Dry Season\n\nThe main reservoir fell to 38 percent of capacity in August 2023, the lowest level since records began.\n\nThe board asked households to cut use by a fifth.\n',
  )
  insertAttachment(db, ftCache.itemID, 'FTATT001', 'application/pdf', 'storage:levels.pdf', 0)

  const deleted = add({key: 'DELETED1', type: 'book', title: 'A Book in the Trash', creators: [['Ada', 'Gone']], date: zdate('2010-01-01'), fields: {}, collections: ['Housing']})
  db.run('INSERT INTO deletedItems (itemID) VALUES (?)', [deleted.itemID])

  for (let n = 0; items.length < 240; n++) {
    const topic = TOPICS[n % TOPICS.length]
    const year = 2000 + (n % 24)
    const first = FIRST[n % FIRST.length]
    const last = LAST[(n * 5) % LAST.length]
    const where: TestItem['citationKey'] =
      n % 4 === 0 ? {key: `${last.toLowerCase()}${year}item${n}`, in: 'field'} : n % 4 === 1 ? {key: `${last}${year}bbt${n}`, in: 'bbt-sqlite'} : undefined
    add({
      key: zkey(n), type: n % 3 === 0 ? 'journalArticle' : 'report', title: `${topic} and Public Policy, Note ${n}`, creators: [[first, last], [FIRST[(n + 3) % 12], LAST[(n + 7) % 12]]],
      date: zdate(`${year}-0${1 + (n % 9)}-1${n % 10}`),
      fields: {
        ...(n % 3 === 0 ? {publicationTitle: 'Journal of Applied Policy', volume: String(1 + (n % 30)), pages: `${n + 1}-${n + 20}`} : {institution: 'Institute for Public Choices'}),
        ...(n % 2 === 0 ? {abstractNote: `This note on ${topic.toLowerCase()} reviews ${n + 3} programmes run between ${year - 5} and ${year}.`} : {}),
      },
      citationKey: where, collections: [n % 3 === 0 ? 'Housing' : n % 3 === 1 ? 'Fisheries' : 'Water'],
    })
  }

  // Collections: Water (with Water/Rivers), Fisheries, Housing.
  const collectionIds = new Map<string, number>()
  const addCollection = (path: string, parent?: number) => {
    const name = path.split('/').pop()!
    db.run('INSERT INTO collections (collectionName, parentCollectionID, libraryID, key) VALUES (?, ?, 1, ?)', [name, parent ?? null, zkey(1000 + collectionIds.size)])
    collectionIds.set(path, Number(db.exec('SELECT last_insert_rowid()')[0].values[0][0]))
  }
  addCollection('Water')
  addCollection('Water/Rivers', collectionIds.get('Water'))
  addCollection('Fisheries')
  addCollection('Housing')
  for (const item of items) for (const c of item.collections) db.run('INSERT INTO collectionItems (collectionID, itemID) VALUES (?, ?)', [collectionIds.get(c)!, item.itemID])
  saveDatabase(db, dataDir)
  db.close()

  // Better BibTeX 6/7 keeps keys in its own database beside Zotero's.
  const SQL = await sql()
  const bbtDb = new SQL.Database()
  bbtDb.run('CREATE TABLE citationkey (itemID NOT NULL PRIMARY KEY, itemKey NOT NULL, libraryID NOT NULL, citationKey NOT NULL, pinned CHECK (pinned in (0, 1)))')
  for (const [key, citationKey] of bbt) {
    const item = items.find((i) => i.key === key)!
    bbtDb.run('INSERT INTO citationkey VALUES (?, ?, 1, ?, 0)', [item.itemID, key, citationKey])
  }
  writeFileSync(join(dataDir, 'better-bibtex.sqlite'), bbtDb.export())
  bbtDb.close()
  return {dataDir, items, pdf, html, linked, ftCache, deleted}
}
