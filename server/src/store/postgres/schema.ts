import type {ClientBase} from 'pg'

/**
 * The PostgreSQL corpus schema (issue #18). Bump `SCHEMA_VERSION` with any change: a store
 * written by another version is refused with a one-line error instead of read wrongly.
 *
 * Sources are versioned so that readers always see one finished corpus:
 * - `briefcheck index` writes each new or changed file as a new `sources` row with
 *   `first_id IS NULL` (unpublished), one transaction per batch, so a kill loses at most the
 *   batch in flight and never leaves half a source;
 * - the run ends with one publishing transaction that drops superseded and removed rows,
 *   numbers the remaining sources in path order (`position`, `first_id`: sentence ids equal
 *   the embedded index's), recomputes keys, updates document frequencies and bumps
 *   `generation`. Readers only read published rows.
 *
 * Each source keeps what it adds to the BM25 statistics: its distinct index terms (the embedded
 * index's Porter-stemmed terms) with the number of its sentences holding each, and its total
 * sentence length, for the document frequencies `publish` maintains. Sentences hold only what
 * readers show and locate (version 2 also kept each sentence's terms and counts: 60% of the
 * table's bytes, read only by `publish`). Retrieval reads `postings`: per term and ingestion
 * batch, one packed list of (source, sentence, term count, sentence length) (postings.ts says
 * why not a GIN index over tsvectors).
 *
 * Version 4 dropped the foreign keys from sentences and figures to sources: the check per row
 * was the largest part of the server's CPU in COPY (docs/scaling.md, "Ingestion profile").
 * Nothing can orphan a row without them: a batch's sources, sentences and postings are written
 * in one transaction, and `publish` deletes a leaving source's sentences and figures with it.
 */
export const SCHEMA_VERSION = 4

/** Statements creating the schema in an empty database; each is idempotent. */
export const SCHEMA_SQL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS briefcheck_state (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    schema_version integer NOT NULL,
    generation bigint NOT NULL DEFAULT 0,
    sentence_count bigint NOT NULL DEFAULT 0,
    length_sum bigint NOT NULL DEFAULT 0,
    published_at timestamptz
  )`,
  `CREATE TABLE IF NOT EXISTS sources (
    id bigserial PRIMARY KEY,
    path text NOT NULL,
    hash text NOT NULL,
    parsed_meta jsonb NOT NULL,
    warnings text[] NOT NULL DEFAULT '{}',
    sentence_count integer NOT NULL,
    bytes bigint NOT NULL,
    position integer,
    first_id bigint,
    key text,
    title text,
    authors text[],
    date text,
    url text,
    publisher text,
    reference text,
    batch bigint NOT NULL,
    -- Space-separated, as sent: parsed only when this source leaves (or joins in part of a
    -- batch), never on insert. Index terms never contain white space.
    terms text NOT NULL,
    dfs text NOT NULL,
    length_sum bigint NOT NULL,
    UNIQUE (path, hash)
  )`,
  `CREATE INDEX IF NOT EXISTS sources_batch ON sources (batch)`,
  `CREATE SEQUENCE IF NOT EXISTS ingestion_batches`,
  `CREATE INDEX IF NOT EXISTS sources_key ON sources (lower(key) text_pattern_ops) WHERE first_id IS NOT NULL`,
  `CREATE INDEX IF NOT EXISTS sources_published ON sources (first_id) WHERE first_id IS NOT NULL`,
  `CREATE TABLE IF NOT EXISTS sentences (
    source_id bigint NOT NULL,
    ord integer NOT NULL,
    text text NOT NULL,
    start_offset integer NOT NULL,
    end_offset integer NOT NULL,
    start_line integer NOT NULL,
    start_character integer NOT NULL,
    end_line integer NOT NULL,
    end_character integer NOT NULL,
    section text,
    page integer,
    PRIMARY KEY (source_id, ord)
  )`,
  // One row per term and ingestion batch; `data` is the packed postings of postings.ts. Rows of
  // sources removed later stay until their whole batch is gone (readers skip them).
  `CREATE TABLE IF NOT EXISTS postings (
    term text NOT NULL,
    batch bigint NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (term, batch)
  )`,
  `CREATE INDEX IF NOT EXISTS postings_batch ON postings (batch)`,
  // Long values stored out of line uncompressed: PostgreSQL's default (pglz) compressed the
  // packed postings by a third and took a fifth of the server's CPU during ingestion
  // (\`perf record\` at 10,000 briefs, docs/scaling.md, "Ingestion profile"), and every read of a
  // common term paid to decompress it again. Altered only while not yet so: the ALTER locks the table.
  `DO $$ BEGIN
     IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'postings'::regclass AND attname = 'data' AND attstorage <> 'e') THEN
       ALTER TABLE postings ALTER COLUMN data SET STORAGE EXTERNAL;
     END IF;
   END $$`,
  `CREATE TABLE IF NOT EXISTS terms (
    term text PRIMARY KEY,
    df integer NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS figures (
    source_id bigint NOT NULL,
    ord integer NOT NULL,
    value double precision NOT NULL,
    unit text,
    dimension text NOT NULL,
    text text NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS figures_sentence ON figures (source_id, ord)`,
  `CREATE TABLE IF NOT EXISTS bibliographies (
    path text PRIMARY KEY,
    hash text NOT NULL,
    entries jsonb NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS problems (
    ord integer NOT NULL,
    path text NOT NULL,
    reason text NOT NULL
  )`,
]

/** Creates the schema if absent; refuses a store of another schema version. */
export async function ensureSchema(client: ClientBase): Promise<void> {
  await client.query('BEGIN')
  try {
    // One ingestion at a time: a second `briefcheck index` waits here rather than interleaving.
    await client.query('SELECT pg_advisory_xact_lock(1851880)')
    for (const statement of SCHEMA_SQL) await client.query(statement)
    await client.query('INSERT INTO briefcheck_state (schema_version) VALUES ($1) ON CONFLICT (singleton) DO NOTHING', [SCHEMA_VERSION])
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  }
  await checkSchemaVersion(client)
}

/** Throws a one-line error when the database holds no Briefcheck store or another version of it. */
export async function checkSchemaVersion(client: ClientBase): Promise<void> {
  const found = await client.query<{schema_version: number}>('SELECT schema_version FROM briefcheck_state').catch(() => undefined)
  if (!found || found.rows.length === 0) throw new Error('the database holds no Briefcheck corpus (run `briefcheck index --store URL FOLDER` first)')
  const version = found.rows[0].schema_version
  if (version !== SCHEMA_VERSION) throw new Error(`the database holds a Briefcheck corpus of schema version ${version}; this Briefcheck reads version ${SCHEMA_VERSION}`)
}
