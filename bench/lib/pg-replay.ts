/**
 * Statement-only replay of the PostgreSQL benchmark's background writers (issue #18).
 *
 * Why: a real writer's re-check is mostly client work (planning queries, reading and scoring
 * postings lists, the checks), which in a deployment runs on each writer's own laptop; only
 * its statements reach the shared server. At 100,000 briefs 49 real readers on this 2-core
 * machine spent the cores on their own scoring (1.3 GB, two-thirds of a core per writer process)
 * and made 1.2 of the 9.8 edits a second asked, so the load phase measured the machine, not the
 * server. So a few real writers are recorded here first, each with its own store and view as an
 * editor has (`recordWriters`: the real engine service checks its draft cold, then re-checks it
 * after each figure edit, and every statement its pool sends is kept, per edit); then 49 light
 * writers (bench/pg-replay-writers.ts) send those edits' statements at the real writers' pace,
 * each over a connection of its own, and only read the rows off the socket.
 */
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {URI} from 'vscode-uri'
import {DEFAULT_CONFIG} from '../../server/src/engine/config'
import {createEngine} from '../../server/src/engine/service'
import type {SentStatement} from '../../server/src/store/postgres/connect'
import {PostgresStore} from '../../server/src/store/postgres/store'
import {draftText} from './generate'
import {histogram, p50p95, round} from './measure'
import {editRandomFigure} from './pg-edits'
import {Rng} from './prng'

/** One real writer's life, as the server saw it. */
export interface RecordedWriter {
  /** Opening the store: schema check, the generation's sources, dictionary and problems. */
  open: SentStatement[]
  /** The first check of its draft, on a cold view (every sentence's retrieval). */
  cold: SentStatement[]
  /** Each figure edit's re-check, in order (an empty list: answered from the view's memory). */
  edits: SentStatement[][]
}

/** What `recordWriters` writes: the writers' statements, and what they cost the recording writers themselves. */
export interface Recording {
  generation: number
  writers: RecordedWriter[]
}

/** Where a recording is written for the writer processes to read. */
export function recordingFile(benchDir: string, briefs: number): string {
  return join(benchDir, `pg-recording-${briefs}.json`)
}

/** Statements of a list by kind: the retrieval statement (FETCH, named) and any other. */
function countByKind(lists: SentStatement[][]): {fetch: number; other: number} {
  let fetch = 0
  let other = 0
  for (const list of lists) for (const statement of list) statement.name ? fetch++ : other++
  return {fetch, other}
}

/**
 * Records `writers` real writers one after the other (each would be one person's editor: its
 * own store, pool of 4 and view), `edits` figure edits each, and writes the recording to `file`.
 * Their drafts and random streams are those of bench/pg-writers.ts's writers of the same numbers.
 * Returns a summary: statements per edit by kind, and what the recording writers spent per edit
 * in total and waiting for statements (the rest is the client work the replay leaves out).
 */
export async function recordWriters(options: {url: string; writers: number; edits: number; draftWords: number; benchDir: string; file: string; log: (s: string) => void}) {
  const recording: Recording = {generation: 0, writers: []}
  const editMs: number[] = []
  const editStatementMs: number[] = []
  const coldMs: number[] = []
  for (let w = 0; w < options.writers; w++) {
    let sent: SentStatement[] = []
    const take = () => {
      const taken = sent
      sent = []
      return taken
    }
    const store = await PostgresStore.open(options.url, {max: 4, applicationName: 'briefcheck-bench-recorder', observe: (s) => sent.push(s)})
    try {
      recording.generation = store.generation
      const open = take()
      const engine = createEngine({store, config: DEFAULT_CONFIG})
      const uri = URI.file(join(options.benchDir, `draft-recorded-${w}.md`)).toString()
      let text = draftText(options.draftWords, 100, 1001 + w)
      let version = 0
      const t0 = performance.now()
      await engine.check(uri, version++, text)
      coldMs.push(performance.now() - t0)
      const cold = take()
      const rng = new Rng(w + 1)
      const edits: SentStatement[][] = []
      for (let e = 0; e < options.edits; e++) {
        text = editRandomFigure(text, rng)
        const statementMs = store.statementMs
        const t = performance.now()
        await engine.check(uri, version++, text)
        editMs.push(performance.now() - t)
        editStatementMs.push(store.statementMs - statementMs)
        edits.push(take())
      }
      recording.writers.push({open, cold, edits})
      options.log(`  recorded writer ${w + 1}/${options.writers}: cold check ${(coldMs[w] / 1000).toFixed(1)} s, ${cold.length} statements; ${edits.length} edits, ${edits.flat().length} statements`)
    } finally {
      await store.close()
    }
  }
  writeFileSync(options.file, JSON.stringify(recording))
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b)
  const perEdit = recording.writers.flatMap((w) => w.edits.map((e) => e.length))
  const edits = recording.writers.flatMap((w) => w.edits)
  return {
    writers: options.writers,
    editsEach: options.edits,
    generation: recording.generation,
    /** Statements of one writer's opening of the store and of its cold first check. */
    openStatements: recording.writers[0]?.open.length ?? 0,
    coldCheckStatements: countByKind(recording.writers.map((w) => w.cold)),
    coldCheckMs: sorted(coldMs).map((ms) => round(ms, 0)),
    /** Over every recorded edit: statements sent (by kind), and how many edits sent 0, 1, 2… */
    editStatements: countByKind(edits),
    statementsPerEdit: histogram(perEdit),
    meanStatementsPerEdit: round(perEdit.reduce((a, b) => a + b, 0) / Math.max(1, perEdit.length), 2),
    /** A recording writer's whole re-check, and the part of it spent waiting for statements' rows. */
    recorderRecheckMs: p50p95(editMs),
    recorderStatementMs: p50p95(editStatementMs),
  }
}
