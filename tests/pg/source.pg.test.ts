import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadCorpus} from '../../server/src/engine/corpus/load'
import {MemoryStore} from '../../server/src/engine/store/memory'
import {PostgresStore} from '../../server/src/store/postgres/store'
import {ROOT, runCli} from '../helpers/cli'
import {freshDatabase} from './db'

const CORPORA = ['energy-grid', 'transit'].map((name) => join(ROOT, 'tests', 'fixtures', name, 'corpus'))

describe('a source read by its key from the PostgreSQL store (issue #18)', () => {
  it('has the metadata and sentences the embedded store gives, for every key', async () => {
    const url = await freshDatabase()
    expect((await runCli(['index', '--quiet', '--store', url, ...CORPORA])).code).toBe(0)
    const corpus = await loadCorpus(CORPORA, {baseDir: resolve(ROOT)})
    const embedded = new MemoryStore(corpus)
    const store = await PostgresStore.open(url)
    try {
      expect(corpus.sources.length).toBeGreaterThan(5)
      for (const {key} of corpus.sources) expect(await store.source(key)).toEqual(await embedded.source(key))
      expect(await store.source('no-such-key-anywhere')).toBeUndefined()
    } finally {
      await store.close()
    }
  })

  it('reads the source as the store now publishes it when the reader still holds an older generation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefcheck-pg-source-'))
    try {
      cpSync(CORPORA[1], dir, {recursive: true})
      const url = await freshDatabase()
      expect((await runCli(['index', '--quiet', '--store', url, dir])).code).toBe(0)
      // Opened without watching: it keeps the first generation until a statement shows another.
      const store = await PostgresStore.open(url)
      try {
        const file = join(dir, 'villanueva-2024-congestion-charge.md')
        writeFileSync(file, readFileSync(file, 'utf8').replace('would pay $9 per day', 'would pay $11 per day'))
        // A new file first in path order: every published source moves one position on.
        writeFileSync(join(dir, 'aaa-added-note.md'), '---\nid: added2025note\ntitle: "An Added Note"\nauthor: "A. Writer"\ndate: 2025-01-01\n---\n\nThe added note says little. It has two sentences.\n')
        expect((await runCli(['index', '--quiet', '--store', url, dir])).code).toBe(0)
        const corpus = await loadCorpus([dir], {baseDir: dir})
        const key = corpus.sources.find((s) => s.path.endsWith('villanueva-2024-congestion-charge.md'))!.key
        const generation = store.generation
        const read = await store.source(key)
        expect(store.generation).toBe(generation + 1)
        expect(read?.sentences.some((s) => s.text.includes('$11 per day'))).toBe(true)
        expect(read).toEqual(await new MemoryStore(corpus).source(key))
      } finally {
        await store.close()
      }
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })
})
