import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT, runCli} from '../helpers/cli'
import {freshDatabase, query, withDatabase} from './db'

/** The role set-up SQL exactly as docs/postgres.md gives it, for the given database. */
function rolesSql(database: string): string {
  const doc = readFileSync(join(ROOT, 'docs', 'postgres.md'), 'utf8')
  const block = /```sql\n([\s\S]*?)```/.exec(doc)
  if (!block) throw new Error('docs/postgres.md has no sql block')
  return block[1].replaceAll('DATABASE briefcheck', `DATABASE ${database}`)
}

describe('the two roles of docs/postgres.md (issue #18)', () => {
  it('lets the writer ingest and the reader check, and refuses writes from the reader', async () => {
    const admin = await freshDatabase()
    const database = new URL(admin).pathname.slice(1)
    await query(admin, rolesSql(database))
    const writer = withDatabase(admin, database, 'briefcheck_writer')
    const reader = withDatabase(admin, database, 'briefcheck_reader')

    const indexed = await runCli(['index', '--store', writer, join(ROOT, 'tests', 'fixtures', 'transit', 'corpus')])
    expect(indexed.stderr).not.toMatch(/permission denied/)
    expect(indexed.code).toBe(0)
    const [{n}] = await query<{n: number}>(reader, 'SELECT count(*)::int AS n FROM sources')
    expect(n).toBeGreaterThan(0)

    await expect(query(reader, "INSERT INTO problems (ord, path, reason) VALUES (0, 'x', 'y')")).rejects.toThrow(/read-only transaction|permission denied/)
    await expect(query(reader, 'DELETE FROM sources')).rejects.toThrow(/read-only transaction|permission denied/)
    const refused = await runCli(['index', '--store', reader, join(ROOT, 'tests', 'fixtures', 'transit', 'corpus')])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/^briefcheck: .*(read-only transaction|permission denied)/m)
  })
})
