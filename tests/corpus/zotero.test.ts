import {spawnSync} from 'node:child_process'
import {copyFileSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadCorpus} from '../../server/src/engine/corpus/load'
import {openSnapshot} from '../../server/src/engine/corpus/zotero/sqlite'
import {runCli} from '../helpers/cli'
import {buildTestLibrary, insertItem, openLibrary, saveDatabase, type TestLibrary} from '../helpers/zotero-library'
import {LspClient, workspace} from '../lsp/harness'

const DRAFT = `# Draft

The Harrow Dam stands 150 metres tall above the riverbed [@castell2021annual].

The reservoir behind the dam covers 14 square kilometres [@reyes2022harrow].

Salmon counts at the weir fell to 2,300 fish in 2019 [@fisheries-linked].
`

let lib: TestLibrary
let dir: string

beforeAll(async () => {
  lib = await buildTestLibrary()
  dir = mkdtempSync(join(tmpdir(), 'briefcheck-zdraft-'))
  writeFileSync(join(dir, 'draft.md'), DRAFT)
})

interface JsonReport {
  files: Array<{diagnostics: Array<{code: string; evidence: Array<{source: {key: string; title: string; author: string | null; date: string | null}; page?: number}>}>}>
}

describe('a Zotero library as the corpus (CLI)', () => {
  it('reads every item but the deleted one, with Better BibTeX keys from each place they are kept', async () => {
    const corpus = await loadCorpus([`zotero:${lib.dataDir}`], {baseDir: dir})
    expect(corpus.problems).toEqual([])
    const live = lib.items.filter((i) => i !== lib.deleted)
    expect(corpus.sources).toHaveLength(live.length)
    expect(corpus.sources.length).toBeGreaterThanOrEqual(200)
    const keys = new Set(corpus.sources.map((s) => s.key))
    for (const item of live) if (item.citationKey) expect(keys, `${item.citationKey.in} key of ${item.key}`).toContain(item.citationKey.key)
    expect(corpus.sources.map((s) => s.title)).not.toContain(lib.deleted.title)
    // Items without a Better BibTeX key get our own family-year-word key.
    const own = live.find((i) => !i.citationKey && i.creators[0].length === 2)!
    const source = corpus.sources.find((s) => s.title === own.title)!
    expect(source.key).toMatch(new RegExp(`^${own.creators[0][1].toLowerCase()}${own.date.slice(0, 4)}`))
  })

  it('keeps Zotero metadata: authors, date, publisher, DOI and a CSL record', async () => {
    const corpus = await loadCorpus([`zotero:${lib.dataDir}`], {baseDir: dir})
    const source = corpus.sources[corpus.sourceByKey('castell2021annual')!]
    expect(source).toMatchObject({title: lib.pdf.title, authors: ['Mira Castell'], date: '2021-03-04', publisher: 'Harrow River Authority', doi: '10.5555/harrow.2021.1'})
    expect(source.path).toBe(join(lib.dataDir, 'storage', 'PDFATT01', 'Castell - 2021 - Annual Report.pdf'))
    expect(source.csl).toMatchObject({id: 'castell2021annual', type: 'report', author: [{family: 'Castell', given: 'Mira'}], issued: {'date-parts': [[2021, 3, 4]]}})
  })

  it('checks a draft against the library from the command line, with evidence and PDF pages', async () => {
    const result = await runCli(['check', '--format', 'json', '--corpus', `zotero:${lib.dataDir}`, 'draft.md'], dir)
    const report = JSON.parse(result.stdout) as JsonReport
    const conflicts = report.files[0].diagnostics.filter((d) => d.code === 'figure-conflict')
    expect(conflicts).toHaveLength(1)
    expect(conflicts[0].evidence[0]).toMatchObject({source: {key: 'castell2021annual', author: 'Mira Castell', date: '2021-03-04'}, page: 2})
    expect(report.files[0].diagnostics.filter((d) => d.code === 'unknown-citation')).toEqual([])
    expect(result.code).toBe(1)
  })

  it('limits the corpus to a collection and its sub-collections', async () => {
    const water = lib.items.filter((i) => i !== lib.deleted && i.collections.some((c) => c === 'Water' || c.startsWith('Water/')))
    expect((await runCli(['check', '--corpus', `zotero:${lib.dataDir}#Water`, 'draft.md'], dir)).stderr).toContain(`corpus: ${water.length} sources`)
    const result = await runCli(['check', '--format', 'json', '--corpus', `zotero:${lib.dataDir}#Water`, 'draft.md'], dir)
    const report = JSON.parse(result.stdout) as JsonReport
    // The linked Fisheries report is outside "Water": its key is unknown there.
    expect(report.files[0].diagnostics.filter((d) => d.code === 'unknown-citation')).toHaveLength(1)
    const sub = await runCli(['check', '--corpus', `zotero:${lib.dataDir}#water/Rivers`, 'draft.md'], dir)
    expect(sub.stderr).toContain('corpus: 1 source, 4 sentences')
  })

  it('names a missing collection and a missing library in one line, exit 0 on the citation checks', async () => {
    const missing = await runCli(['check', '--corpus', `zotero:${lib.dataDir}#Nowhere`, 'draft.md'], dir)
    expect(missing.stderr).toMatch(/corpus: .*zotero\.sqlite#Nowhere: Zotero library could not be read: no collection "Nowhere" in the library \(there: Fisheries, Housing, Water\)/)
    const absent = await runCli(['check', '--corpus', `zotero:${join(dir, 'no-such-dir')}`, 'draft.md'], dir)
    expect(absent.stderr).toMatch(/no-such-dir.zotero\.sqlite: Zotero database not found/)
  })

  it('reads linked files, and Zotero full-text cache when the stored file is missing', async () => {
    const corpus = await loadCorpus([`zotero:${lib.dataDir}`], {baseDir: dir})
    const linked = corpus.sources.findIndex((s) => s.title === lib.linked.title)
    expect(corpus.sentences.filter((s) => s.source === linked).map((s) => s.text).join(' ')).toContain('2,300 fish')
    const cached = corpus.sources.findIndex((s) => s.title === lib.ftCache.title)
    expect(corpus.sentences.filter((s) => s.source === cached).map((s) => s.text).join(' ')).toContain('38 percent of capacity')
  })

  it('sees an item added while the database is open in WAL mode (committed frames of zotero.sqlite-wal)', async () => {
    const sqlite3 = spawnSync('sqlite3', ['-version'], {encoding: 'utf8'})
    if (sqlite3.status !== 0) return expect(sqlite3.error ?? sqlite3.stderr).toBeTruthy() // no sqlite3 shell here: nothing to write a WAL with
    const live = mkdtempSync(join(tmpdir(), 'briefcheck-zwal-'))
    copyFileSync(join(lib.dataDir, 'zotero.sqlite'), join(live, 'zotero.sqlite'))
    const snap = join(live, 'snapshot')
    mkdirSync(snap)
    // The shell keeps the database open (as Zotero does) while the files are copied mid-session.
    const db = join(live, 'zotero.sqlite')
    const done = spawnSync(
      'sqlite3',
      [
        db,
        'PRAGMA journal_mode=WAL;',
        'PRAGMA wal_autocheckpoint=0;',
        "INSERT INTO items (itemTypeID, libraryID, key) VALUES ((SELECT itemTypeID FROM itemTypes WHERE typeName = 'report'), 1, 'WALITEM1');",
        "INSERT OR IGNORE INTO itemDataValues (value) VALUES ('Written Only to the Log');",
        "INSERT INTO itemData VALUES ((SELECT itemID FROM items WHERE key = 'WALITEM1'), (SELECT fieldID FROM fields WHERE fieldName = 'title'), (SELECT valueID FROM itemDataValues WHERE value = 'Written Only to the Log'));",
        `.system cp ${db} ${db}-wal ${snap}/`,
      ],
      {encoding: 'utf8'},
    )
    expect(done.stderr).toBe('')
    const snapshot = await openSnapshot(join(snap, 'zotero.sqlite'))
    expect(snapshot.all("SELECT key FROM items WHERE key = 'WALITEM1'")).toHaveLength(1)
    snapshot.close()
    const corpus = await loadCorpus([`zotero:${snap}`], {baseDir: dir})
    expect(corpus.sources.map((s) => s.title)).toContain('Written Only to the Log')
  })
})

describe('a Zotero library as the corpus (language server)', () => {
  let lsp: LspClient
  let libDir: string
  afterAll(async () => {
    await lsp?.stop()
  })

  it('indexes the library, checks a draft, and re-indexes when the database changes', async () => {
    const own = await buildTestLibrary()
    libDir = own.dataDir
    const root = workspace({'briefcheck.json': JSON.stringify({corpus: [`zotero:${libDir}`]})})
    lsp = await LspClient.start({root})
    const ready = await lsp.next('status', (s) => s.state === 'ready')
    expect(ready).toMatchObject({sources: 239, problems: []})
    const uri = lsp.open('draft.md', 'The Harrow Dam stands 150 metres tall above the riverbed [@castell2021annual]. See also [@okafor2024new].\n')
    const first = await lsp.diagnostics(uri, (p) => p.diagnostics.length > 0)
    expect(first.diagnostics.map((d) => d.code).sort()).toEqual(['figure-conflict', 'unknown-citation'])
    const mark = lsp.events.length
    // Zotero saves a new item: the server notices the database change by itself.
    const db = await openLibrary(libDir)
    insertItem(db, {key: 'NEWITEM1', type: 'report', title: 'New Figures on Harrow Water', creators: [['Nneka', 'Okafor']], date: '2024-02-02 2024-02-02', fields: {citationKey: 'okafor2024new'}})
    saveDatabase(db, libDir)
    db.close()
    const again = await lsp.next('status', (s) => s.state === 'ready', mark)
    expect(again.sources).toBe(240)
    const after = await lsp.diagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'unknown-citation'), mark)
    expect(after.diagnostics.map((d) => d.code)).toEqual(['figure-conflict'])
  })
})
