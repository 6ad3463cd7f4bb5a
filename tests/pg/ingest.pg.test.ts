import {spawn} from 'node:child_process'
import {mkdtempSync, mkdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it, onTestFinished} from 'vitest'
import {briefText} from '../../bench/lib/generate'
import {loadCorpus} from '../../server/src/engine/corpus/load'
import {terms} from '../../server/src/engine/index/terms'
import {PostgresStore} from '../../server/src/store/postgres/store'
import {ROOT, runCli} from '../helpers/cli'
import {freshDatabase, query} from './db'

const BIN = join(ROOT, 'server', 'bin', 'briefcheck.js')

/** A folder of generated briefs (the benchmark's generator), removed when the test ends. */
function briefsFolder(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefcheck-pg-'))
  onTestFinished(() => rmSync(dir, {recursive: true, force: true}))
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `brief-${String(i).padStart(4, '0')}.md`), briefText(i).text)
  return dir
}

/** Everything a reader sees of a store, in a form two stores can be compared by. */
async function published(url: string) {
  const sources = await query<{path: string; hash: string; key: string; position: number; first_id: number; sentence_count: number}>(
    url,
    'SELECT path, hash, key, position, first_id::int AS first_id, sentence_count FROM sources WHERE first_id IS NOT NULL ORDER BY position',
  )
  const terms = await query<{term: string; df: number}>(url, 'SELECT term, df FROM terms ORDER BY term COLLATE "C"')
  const state = await query<{sentence_count: string; length_sum: string}>(url, 'SELECT sentence_count, length_sum FROM briefcheck_state')
  return {sources, terms, state}
}

/** What every store must satisfy whatever happened to the run that wrote it. */
async function expectConsistent(url: string): Promise<void> {
  // No source is half written: each has exactly the sentences it declares.
  const half = await query(url, `SELECT so.id FROM sources so LEFT JOIN sentences s ON s.source_id = so.id GROUP BY so.id, so.sentence_count HAVING count(s.ord) <> so.sentence_count`)
  expect(half).toEqual([])
  // No sentence or figure outlives its source (they name it without a foreign key: schema.ts).
  const orphans = await query(
    url,
    `SELECT source_id FROM sentences s WHERE NOT EXISTS (SELECT 1 FROM sources so WHERE so.id = s.source_id)
     UNION ALL SELECT source_id FROM figures f WHERE NOT EXISTS (SELECT 1 FROM sources so WHERE so.id = f.source_id)`,
  )
  expect(orphans).toEqual([])
  // No file is published twice.
  const twice = await query(url, 'SELECT path FROM sources WHERE first_id IS NOT NULL GROUP BY path HAVING count(*) > 1')
  expect(twice).toEqual([])
  // Document frequencies are those of the published sentences, counted here from the postings
  // (a record per sentence and term) rather than from the per-source counts publish adds up.
  const wrongDf = await query(
    url,
    `WITH records AS (
       SELECT p.term, get_byte(p.data, o) + 256 * get_byte(p.data, o + 1) + 65536 * get_byte(p.data, o + 2) + 16777216::bigint * get_byte(p.data, o + 3) AS source_id
       FROM postings p, generate_series(0, length(p.data) - 11, 11) AS o),
     actual AS (SELECT r.term, count(*)::int AS df FROM records r JOIN sources so ON so.id = r.source_id AND so.first_id IS NOT NULL GROUP BY r.term)
     SELECT * FROM actual a FULL JOIN terms t USING (term) WHERE a.df IS DISTINCT FROM t.df`,
  )
  expect(wrongDf).toEqual([])
  const [stats] = await query<{ok: boolean}>(
    url,
    `SELECT st.sentence_count = (SELECT count(*) FROM sentences s JOIN sources so ON so.id = s.source_id AND so.first_id IS NOT NULL)
        AND st.length_sum = (SELECT coalesce(sum(so.length_sum), 0) FROM sources so WHERE so.first_id IS NOT NULL) AS ok
     FROM briefcheck_state st`,
  )
  expect(stats.ok).toBe(true)
}

/**
 * Retrieval from the store equals the embedded index over the same folder, for every corpus
 * sentence as a query: postings of replaced and removed sources must not be read.
 */
async function expectSameRetrieval(url: string, dir: string): Promise<void> {
  const corpus = await loadCorpus([dir], {baseDir: dir})
  const store = await PostgresStore.open(url)
  try {
    const queries = [...new Set(corpus.sentences.map((s) => s.text).filter((t) => terms(t).length > 0))]
    expect(queries.length).toBeGreaterThan(50)
    await store.prefetch(queries)
    const view = store.view()
    for (const q of queries) expect(view.retrieve(q, 40)).toEqual(corpus.retrieve(q, 40))
  } finally {
    await store.close()
  }
}

describe('briefcheck index --store (issue #18)', () => {
  it('adds, updates by content hash, leaves unchanged files alone and removes deleted ones', async () => {
    const url = await freshDatabase()
    const dir = briefsFolder(6)
    const first = await runCli(['index', '--store', url, dir])
    expect(first.stderr).toMatch(/index: 6\/6 files/)
    expect(first.stdout).toMatch(/^6 added, 0 updated, 0 unchanged, 0 removed;.*generation 1$/m)
    expect(first.code).toBe(0)
    await expectConsistent(url)

    writeFileSync(join(dir, 'brief-0001.md'), briefText(1).text + '\nRevised figures arrived in the spring.\n')
    rmSync(join(dir, 'brief-0004.md'))
    writeFileSync(join(dir, 'brief-0100.md'), briefText(100).text)
    const second = await runCli(['index', '--store', url, dir])
    expect(second.stdout).toMatch(/^1 added, 1 updated, 4 unchanged, 1 removed;.*generation 2$/m)
    await expectConsistent(url)
    const paths = (await published(url)).sources.map((s) => s.path.slice(dir.length + 1))
    expect(paths).toEqual(['brief-0000.md', 'brief-0001.md', 'brief-0002.md', 'brief-0003.md', 'brief-0005.md', 'brief-0100.md'])
    const [revised] = await query<{n: number}>(url, `SELECT count(*)::int AS n FROM sentences s JOIN sources so ON so.id = s.source_id WHERE so.first_id IS NOT NULL AND s.text LIKE 'Revised figures%'`)
    expect(revised.n).toBe(1)
    // The update and the removal left postings of their old rows in the batch they shared.
    await expectSameRetrieval(url, dir)

    const third = await runCli(['index', '--store', url, dir])
    expect(third.stdout).toMatch(/^0 added, 0 updated, 6 unchanged, 0 removed;.*generation 2$/m)
  })

  it('publishes from many small batches, written on two connections at once, what one batch gives', async () => {
    const small = await freshDatabase()
    const whole = await freshDatabase()
    const dir = briefsFolder(60)
    const run = await runCli(['index', '--store', small, '--batch-mb', '0.02', dir])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^60 added, 0 updated, 0 unchanged, 0 removed;/m)
    // Progress never goes back, though batches may commit out of order.
    const done = [...run.stderr.matchAll(/index: (\d+)\/60 files/g)].map((m) => Number(m[1]))
    expect(done.length).toBeGreaterThan(5)
    expect(done).toEqual([...done].sort((a, b) => a - b))
    const [{batches}] = await query<{batches: number}>(small, 'SELECT count(DISTINCT batch)::int AS batches FROM sources')
    expect(batches).toBeGreaterThan(5)
    expect((await runCli(['index', '--store', whole, dir])).code).toBe(0)
    await expectConsistent(small)
    expect(await published(small)).toEqual(await published(whole))
    await expectSameRetrieval(small, dir)
    // Each batch holds its own stretch of the paths, in path order (what readers' cheap ordering
    // of a term's rows rests on, postings-order.ts): every row is sorted by sentence id and no two
    // rows of a term overlap.
    const rows = await query<{term: string; ids: number[]}>(
      small,
      `SELECT p.term, array_agg(so.first_id + (get_byte(p.data, o + 4) + 256 * get_byte(p.data, o + 5)) ORDER BY o)::int[] AS ids
       FROM postings p CROSS JOIN LATERAL generate_series(0, length(p.data) - 11, 11) AS o
       JOIN sources so ON so.id = get_byte(p.data, o) + 256 * get_byte(p.data, o + 1) + 65536 * get_byte(p.data, o + 2)
       GROUP BY p.term, p.batch`,
    )
    expect(rows.length).toBeGreaterThan(100)
    const byTerm = new Map<string, Array<[number, number]>>()
    for (const {term, ids} of rows) {
      expect(ids.every((id, k) => k === 0 || ids[k - 1] < id)).toBe(true)
      byTerm.set(term, [...(byTerm.get(term) ?? []), [ids[0], ids[ids.length - 1]]])
    }
    for (const stretches of byTerm.values()) {
      stretches.sort((a, b) => a[0] - b[0])
      expect(stretches.every(([first], k) => k === 0 || stretches[k - 1][1] < first)).toBe(true)
    }
  })

  it('stops with one line and publishes nothing when a batch cannot be written', async () => {
    const url = await freshDatabase()
    const dir = briefsFolder(60)
    expect((await runCli(['index', '--store', url, join(dir, 'brief-0000.md')])).code).toBe(0)
    // The server refuses the third batch's postings from then on (a full disk, a lost connection).
    await query(
      url,
      `CREATE FUNCTION refuse_postings() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF (SELECT count(DISTINCT batch) FROM postings) >= 3 THEN RAISE EXCEPTION 'no room for postings (test)'; END IF; RETURN NEW; END $$`,
    )
    await query(url, 'CREATE TRIGGER refuse_postings BEFORE INSERT ON postings FOR EACH ROW EXECUTE FUNCTION refuse_postings()')
    const run = await runCli(['index', '--quiet', '--store', url, '--batch-mb', '0.02', dir])
    expect(run.code).not.toBe(0)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/no room for postings \(test\)/)
    const [{generation}] = await query<{generation: number}>(url, 'SELECT generation::int AS generation FROM briefcheck_state')
    expect(generation).toBe(1)
    const [{n}] = await query<{n: number}>(url, 'SELECT count(*)::int AS n FROM sources WHERE first_id IS NOT NULL')
    expect(n).toBe(1)
    await query(url, 'DROP TRIGGER refuse_postings ON postings')
    expect((await runCli(['index', '--quiet', '--store', url, dir])).code).toBe(0)
    await expectConsistent(url)
    await expectSameRetrieval(url, dir)
  })

  it('resumes after a kill without duplicates or half-written sources, ending as a clean run does', async () => {
    const killed = await freshDatabase()
    const clean = await freshDatabase()
    const dir = briefsFolder(120)
    // Small batches, so the kill lands between many transactions: once the first batch is
    // reported written, the process is killed outright (no chance to clean up).
    const child = spawn(process.execPath, [BIN, 'index', '--store', killed, '--batch-mb', '0.02', dir], {stdio: ['ignore', 'pipe', 'pipe']})
    let stderr = ''
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      if (/index: \d+\/120 files/.test(stderr)) child.kill('SIGKILL')
    })
    const signal = await exited
    // Killed mid-run (119 files were still to parse when the first batch was reported):
    // nothing is published yet, and what was written is whole.
    expect(signal).toBe('SIGKILL')
    {
      const [{n}] = await query<{n: number}>(killed, 'SELECT count(*)::int AS n FROM sources WHERE first_id IS NOT NULL')
      expect(n).toBe(0)
      const [{written}] = await query<{written: number}>(killed, 'SELECT count(*)::int AS written FROM sources')
      expect(written).toBeGreaterThan(0)
      expect(written).toBeLessThan(120)
      await expectConsistent(killed)
    }
    const resumed = await runCli(['index', '--store', killed, dir])
    expect(resumed.code).toBe(0)
    const unchanged = Number(/(\d+) unchanged/.exec(resumed.stdout)?.[1])
    const added = Number(/(\d+) added/.exec(resumed.stdout)?.[1])
    expect(unchanged + added).toBe(120)
    expect(unchanged).toBeGreaterThan(0)
    await expectConsistent(killed)

    expect((await runCli(['index', '--store', clean, dir])).code).toBe(0)
    const a = await published(killed)
    const b = await published(clean)
    expect(a.sources.map(({path, hash, key, position, first_id, sentence_count}) => ({path, hash, key, position, first_id, sentence_count}))).toEqual(b.sources)
    expect(a.terms).toEqual(b.terms)
    expect(a.state).toEqual(b.state)
  })

  it('publishes a batch of a killed run whose file changed before the resume, counting only what is published', async () => {
    const url = await freshDatabase()
    const dir = briefsFolder(40)
    // One batch of every file, killed as soon as that batch is reported written: all 40 rows
    // are written, none published.
    const child = spawn(process.execPath, [BIN, 'index', '--store', url, dir], {stdio: ['ignore', 'pipe', 'pipe']})
    let stderr = ''
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      if (/index: 40\/40 files/.test(stderr)) child.kill('SIGKILL')
    })
    await exited
    const [{written, published, batches}] = await query<{written: number; published: number; batches: number}>(
      url,
      'SELECT count(*)::int AS written, count(first_id)::int AS published, count(DISTINCT batch)::int AS batches FROM sources',
    )
    // The kill may land after the publish (then the run simply finished): the case needs it before.
    if (published === 0) {
      expect(written).toBe(40)
      expect(batches).toBe(1)
    }
    // A file of that batch changes: its written row is superseded before it was ever
    // published, so the resumed run publishes only part of the batch.
    writeFileSync(join(dir, 'brief-0007.md'), briefText(7).text + '\nA late correction changed the totals.\n')
    const resumed = await runCli(['index', '--store', url, dir])
    expect(resumed.code).toBe(0)
    await expectConsistent(url)
    await expectSameRetrieval(url, dir)
  })

  it('refuses a store of another schema version with one line, for index and check alike', async () => {
    const url = await freshDatabase()
    const dir = briefsFolder(2)
    expect((await runCli(['index', '--quiet', '--store', url, dir])).code).toBe(0)
    // What a store written by the previous version of Briefcheck holds.
    await query(url, 'UPDATE briefcheck_state SET schema_version = schema_version - 1')
    const index = await runCli(['index', '--quiet', '--store', url, dir])
    expect(index.code).toBe(2)
    expect(index.stderr.trim().split('\n')).toHaveLength(1)
    expect(index.stderr).toMatch(/^briefcheck: .*holds a Briefcheck corpus of schema version \d+; this Briefcheck reads version \d+$/m)
    const draft = join(dir, 'draft.md')
    writeFileSync(draft, 'Unemployment fell to 4.1 percent in 2023.\n')
    const check = await runCli(['check', '--store', url, draft])
    expect(check.code).toBe(2)
    expect(check.stderr).toMatch(/schema version \d+; this Briefcheck reads version \d+$/m)
    expect(check.stdout).toBe('')
  })

  it('writes the figures of every sentence with --figures, and none without', async () => {
    const url = await freshDatabase()
    const dir = briefsFolder(3)
    expect((await runCli(['index', '--quiet', '--store', url, dir])).code).toBe(0)
    expect((await query<{n: number}>(url, 'SELECT count(*)::int AS n FROM figures'))[0].n).toBe(0)
    const withFigures = await freshDatabase()
    expect((await runCli(['index', '--quiet', '--figures', '--store', withFigures, dir])).code).toBe(0)
    const figures = await query<{text: string; sentence: string}>(
      withFigures,
      'SELECT f.text, s.text AS sentence FROM figures f JOIN sentences s ON s.source_id = f.source_id AND s.ord = f.ord',
    )
    expect(figures.length).toBeGreaterThan(10)
    // Each figure is found where it was read from.
    for (const f of figures) expect(f.sentence).toContain(f.text)
  })

  it('refuses a missing store, an unreachable server and a non-PostgreSQL URL with one line each', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefcheck-pg-'))
    mkdirSync(join(dir, 'corpus'))
    const none = await runCli(['index', join(dir, 'corpus')], dir)
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/^briefcheck: no store given: pass --store/m)
    const unreachable = await runCli(['index', '--store', `postgresql://someone:hunter2@localhost/x?host=${join(dir, 'no-socket')}`, join(dir, 'corpus')], dir)
    expect(unreachable.code).toBe(2)
    expect(unreachable.stderr).toMatch(/^briefcheck: postgresql:\/\/someone:\*\*\*@localhost/m)
    expect(unreachable.stderr).not.toContain('hunter2')
    const wrong = await runCli(['index', '--store', 'mysql://x/y', join(dir, 'corpus')], dir)
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toMatch(/not a PostgreSQL URL/)
    rmSync(dir, {recursive: true, force: true})
  })
})
