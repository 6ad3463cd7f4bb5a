import {readdirSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadCorpus} from '../../server/src/engine/corpus/load'
import {terms} from '../../server/src/engine/index/terms'
import {PostgresStore} from '../../server/src/store/postgres/store'
import {ROOT, runCli, SEEDS} from '../helpers/cli'
import {freshDatabase} from './db'

const FIXTURES = join(ROOT, 'tests', 'fixtures')
const DEVSET = join(ROOT, '..', 'shared', 'devset')

/** Every labelled set: its corpus folder and its drafts. */
const SETS = [
  ...['energy-grid', 'fisheries', 'transit', 'vaccination'].map((name) => ({name, corpus: join(FIXTURES, name, 'corpus'), drafts: join(FIXTURES, name, 'drafts')})),
  {name: 'seeds-draft', corpus: SEEDS, drafts: join(FIXTURES, 'seeds-draft', 'drafts')},
  {name: 'devset', corpus: join(DEVSET, 'corpus'), drafts: join(DEVSET, 'drafts')},
]

function draftsIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(dir, f))
}

describe('the PostgreSQL store gives the embedded index its findings (issue #18)', () => {
  for (const set of SETS) {
    it(`${set.name}: briefcheck check --store prints what --corpus prints, finding for finding`, async () => {
      const url = await freshDatabase()
      const indexed = await runCli(['index', '--quiet', '--store', url, set.corpus])
      expect(indexed.code, indexed.stderr).toBe(0)
      const drafts = draftsIn(set.drafts)
      expect(drafts.length).toBeGreaterThan(0)
      let findings = 0
      for (const draft of drafts) {
        const embedded = await runCli(['check', '--format', 'json', '--fail-on', 'error', '--corpus', set.corpus, draft])
        const shared = await runCli(['check', '--format', 'json', '--fail-on', 'error', '--store', url, draft])
        expect(embedded.code, embedded.stderr).toBe(0)
        expect(shared.code, shared.stderr).toBe(0)
        expect(shared.stdout).toBe(embedded.stdout)
        findings += (JSON.parse(embedded.stdout) as {files: Array<{diagnostics: unknown[]}>}).files.reduce((n, f) => n + f.diagnostics.length, 0)
      }
      // The comparison means something only if the drafts have findings to compare.
      expect(findings).toBeGreaterThan(0)
    })
  }

  it('retrieves the same candidates, in the same order, for every sentence of the development set and the fixtures', async () => {
    const url = await freshDatabase()
    const folders = [...SETS.filter((s) => s.name !== 'seeds-draft').map((s) => s.corpus), SEEDS]
    expect((await runCli(['index', '--quiet', '--store', url, ...folders])).code).toBe(0)
    const corpus = await loadCorpus(folders, {baseDir: resolve(ROOT)})
    const store = await PostgresStore.open(url)
    try {
      const view = store.view()
      expect(view.sources).toEqual(corpus.sources)
      const queries = [...new Set(corpus.sentences.map((s) => s.text).filter((t) => terms(t).length > 0))]
      await store.prefetch(queries)
      let same = 0
      let shared = 0
      let total = 0
      for (const query of queries) {
        const expected = corpus.retrieve(query, 40)
        const actual = view.retrieve(query, 40)
        if (JSON.stringify(actual) === JSON.stringify(expected)) same++
        const ids = new Set(expected.map((h) => h.sentence))
        shared += actual.filter((h) => ids.has(h.sentence)).length
        total += expected.length
        for (const hit of actual) {
          expect(view.sentences[hit.sentence]).toEqual(corpus.sentences[hit.sentence])
          expect(view.rangeOf(hit.sentence)).toEqual(corpus.rangeOf(hit.sentence))
        }
      }
      console.log(`candidate overlap: ${shared}/${total} hits shared (${((100 * shared) / total).toFixed(2)}%); ${same}/${queries.length} queries identical in order and score`)
      expect(same).toBe(queries.length)
    } finally {
      await store.close()
    }
  })
})
