import {readFile, stat} from 'node:fs/promises'
import type {Database, SqlJsStatic, SqlValue} from 'sql.js'

/**
 * Read-only access to a SQLite file that another program (Zotero) holds open.
 *
 * Why sql.js (SQLite compiled to WebAssembly) and not a native binding: the extension ships one
 * .vsix to Windows, macOS and Linux, and a native module (better-sqlite3, sqlite3) needs a build
 * per platform and Electron ABI; sql.js is one 690 KB .wasm file that runs wherever Node does.
 * Measured on this machine (2 shared cores, three runs each) reading every item's fields,
 * creators and attachments with `readItems`: the test library (239 items, 0.7 MB) took sql.js
 * 8–270 ms and better-sqlite3 12.x (the release that runs on Node 20) 32–280 ms, the first run
 * loading the module; a 20,239-item library (22 MB) took sql.js 2.8–3.2 s and better-sqlite3
 * 1.2–2.1 s. A library is read once per indexing run, beside far longer PDF extraction, so the
 * difference does not matter; packaging does.
 *
 * Why the file's bytes and not the file: a running Zotero opens its database with an exclusive
 * lock (`locking_mode=EXCLUSIVE`, db.js) that no second SQLite connection can pass, even
 * read-only. Reading the bytes into memory never takes a SQLite lock, so the library can be read
 * while Zotero runs, and nothing can ever be written to it. Zotero keeps its database in WAL mode:
 * recent changes sit in `zotero.sqlite-wal` until a checkpoint, so the committed frames of the
 * WAL are applied to the copy (`applyWal`) the way SQLite itself would on opening.
 */

let loading: Promise<SqlJsStatic> | undefined

/** Loads the sql.js module once (the .wasm sits beside it, in node_modules or dist/vendor). */
function sqlJs(): Promise<SqlJsStatic> {
  loading ??= import('sql.js').then((m) => ((m as unknown as {default?: (c?: object) => Promise<SqlJsStatic>}).default ?? (m as unknown as (c?: object) => Promise<SqlJsStatic>))())
  return loading
}

/** A database read into memory: run queries, then `close` it. */
export interface ReadOnlyDatabase {
  /** Rows of a query as objects keyed by column name. */
  all(sql: string, params?: SqlValue[]): Array<Record<string, SqlValue>>
  /** Whether a table exists (schemas differ across versions). */
  hasTable(name: string): boolean
  close(): void
}

/** Snapshots of the database file and its WAL taken while they did not change. */
const SNAPSHOT_TRIES = 5

/**
 * Opens a SQLite file read-only from a snapshot of its bytes (and its `-wal`). Throws with a
 * reason (missing file, not a SQLite database) that the caller reports.
 */
export async function openSnapshot(path: string): Promise<ReadOnlyDatabase> {
  let bytes: Uint8Array | undefined
  for (let attempt = 0; attempt < SNAPSHOT_TRIES && !bytes; attempt++) {
    // A checkpoint between reading the file and its WAL would pair mismatched halves: read
    // again when the main file changed meanwhile.
    const before = await stat(path)
    const main = await readFile(path)
    const wal = await readFile(path + '-wal').catch(() => undefined)
    const after = await stat(path)
    if (before.mtimeMs === after.mtimeMs && before.size === after.size) bytes = wal ? applyWal(main, wal) : main
  }
  if (!bytes) throw new Error('the database kept changing while it was read')
  if (bytes.length < 100 || Buffer.from(bytes.subarray(0, 15)).toString('latin1') !== 'SQLite format 3') throw new Error('not a SQLite database')
  // Mark the copy as a rollback-journal database: its WAL is already applied.
  bytes[18] = 1
  bytes[19] = 1
  const SQL = await sqlJs()
  const db: Database = new SQL.Database(bytes)
  return {
    all(sql, params = []) {
      const statement = db.prepare(sql)
      try {
        statement.bind(params)
        const rows: Array<Record<string, SqlValue>> = []
        while (statement.step()) rows.push(statement.getAsObject())
        return rows
      } finally {
        statement.free()
      }
    },
    hasTable(name) {
      const statement = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
      try {
        statement.bind([name])
        return statement.step()
      } finally {
        statement.free()
      }
    },
    close: () => db.close(),
  }
}

/**
 * Applies the committed frames of a SQLite write-ahead log to a copy of the database
 * (https://www.sqlite.org/fileformat2.html#walformat): frames whose salts match the header and
 * whose running checksum holds, up to the last commit frame. sql.js opens databases from memory,
 * where SQLite's own WAL recovery cannot reach a second file, hence these few lines.
 */
export function applyWal(main: Uint8Array, wal: Uint8Array): Uint8Array {
  if (wal.length < 32) return main
  const view = new DataView(wal.buffer, wal.byteOffset, wal.byteLength)
  const magic = view.getUint32(0)
  if (magic !== 0x377f0682 && magic !== 0x377f0683) return main
  const bigEndian = (magic & 1) === 1
  const pageSize = view.getUint32(8) === 1 ? 65536 : view.getUint32(8)
  const salt1 = view.getUint32(16)
  const salt2 = view.getUint32(20)
  let [s1, s2] = checksum(view, 0, 24, 0, 0, bigEndian)
  if (s1 !== view.getUint32(24) || s2 !== view.getUint32(28)) return main
  const pages = new Map<number, number>()
  let committed = new Map<number, number>()
  let dbPages = 0
  const frameSize = 24 + pageSize
  for (let at = 32; at + frameSize <= wal.length; at += frameSize) {
    if (view.getUint32(at + 8) !== salt1 || view.getUint32(at + 12) !== salt2) break
    ;[s1, s2] = checksum(view, at, 8, s1, s2, bigEndian)
    ;[s1, s2] = checksum(view, at + 24, pageSize, s1, s2, bigEndian)
    if (s1 !== view.getUint32(at + 16) || s2 !== view.getUint32(at + 20)) break
    pages.set(view.getUint32(at), at + 24)
    const commitSize = view.getUint32(at + 4)
    if (commitSize > 0) {
      committed = new Map(pages)
      dbPages = commitSize
    }
  }
  if (committed.size === 0) return main
  const out = new Uint8Array(dbPages * pageSize)
  out.set(main.subarray(0, Math.min(main.length, out.length)))
  for (const [page, offset] of committed) {
    if (page >= 1 && page <= dbPages) out.set(wal.subarray(offset, offset + pageSize), (page - 1) * pageSize)
  }
  return out
}

/** SQLite's WAL checksum over `length` bytes (a multiple of 8) from `at`. */
function checksum(view: DataView, at: number, length: number, s1: number, s2: number, bigEndian: boolean): [number, number] {
  let a = s1
  let b = s2
  for (let i = at; i < at + length; i += 8) {
    a = (a + view.getUint32(i, !bigEndian) + b) >>> 0
    b = (b + view.getUint32(i + 4, !bigEndian) + a) >>> 0
  }
  return [a, b]
}
