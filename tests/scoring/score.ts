import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {checkDraft} from '../../server/src/engine/check'
import {DEFAULT_CONFIG} from '../../server/src/engine/config'
import type {Corpus} from '../../server/src/engine/corpus/corpus'
import {loadCorpus} from '../../server/src/engine/corpus/load'
import {LineIndex, type Range} from '../../server/src/engine/text/positions'

/** A label in the development set's format: see ../shared/devset/README.md. */
export interface Label {
  anchor: string
  expect?: string[]
  forbid?: string[]
  stretch?: string[]
  note?: string
}

export interface Tally {
  tp: number
  fp: number
  fn: number
}

export interface SetScore {
  set: string
  tallies: Record<string, Tally>
  misses: string[]
}

export const SCORED_CODES = ['uncited-claim', 'figure-conflict', 'quote-mismatch', 'quote-not-found', 'sources-disagree', 'citation-mismatch', 'unknown-citation']

const before = (a: Range['start'], b: Range['start']) => a.line - b.line || a.character - b.character
const overlaps = (a: Range, b: Range) => before(a.start, b.end) < 0 && before(b.start, a.end) < 0

/** Fixture sets: folders holding `drafts/` and either `corpus/` or `set.json` naming one. */
export function fixtureSets(root: string): string[] {
  return readdirSync(root, {withFileTypes: true})
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'drafts')) && hasCorpus(join(root, d.name)))
    .map((d) => d.name)
    .sort()
}

/**
 * Whether a set's corpus is there. A set.json may name one outside the checkout (the seed
 * briefs in ../shared); a clone made elsewhere lacks it, and the set is left out with a warning
 * rather than scored against an empty corpus.
 */
function hasCorpus(dir: string): boolean {
  const setJson = join(dir, 'set.json')
  if (!existsSync(setJson)) return true
  const corpus = resolve(dir, JSON.parse(readFileSync(setJson, 'utf8')).corpus)
  if (existsSync(corpus)) return true
  console.warn(`fixture set ${dir}: its corpus ${corpus} is not there; the set is left out`)
  return false
}

export interface LoadedSet {
  set: string
  corpus: Corpus
  drafts: Array<{name: string; text: string; labels: Label[]}>
}

/** Loads a set: its corpus (indexed once) and its labelled drafts. */
export async function loadSet(dir: string, set: string, corpusDir?: string): Promise<LoadedSet> {
  const setJson = join(dir, 'set.json')
  const corpusPath = corpusDir ?? (existsSync(setJson) ? resolve(dir, JSON.parse(readFileSync(setJson, 'utf8')).corpus) : join(dir, 'corpus'))
  const corpus = await loadCorpus([corpusPath], {baseDir: dir})
  const draftsDir = join(dir, 'drafts')
  const drafts = readdirSync(draftsDir)
    .filter((n) => n.endsWith('.md') && existsSync(join(draftsDir, n.replace(/\.md$/, '.labels.json'))))
    .sort()
    .map((name) => ({
      name,
      text: readFileSync(join(draftsDir, name), 'utf8'),
      labels: JSON.parse(readFileSync(join(draftsDir, name.replace(/\.md$/, '.labels.json')), 'utf8')) as Label[],
    }))
  return {set, corpus, drafts}
}

/** Scores the engine on one set, counting as ../shared/devset/score.mjs does. */
export async function scoreSet(root: string, set: string): Promise<SetScore> {
  return scoreLoaded(await loadSet(join(root, set), set))
}

export function scoreLoaded({set, corpus, drafts}: LoadedSet): SetScore {
  const tallies: Record<string, Tally> = Object.fromEntries(SCORED_CODES.map((c) => [c, {tp: 0, fp: 0, fn: 0}]))
  const misses: string[] = []
  for (const {name, text, labels} of drafts) {
    const lines = new LineIndex(text)
    const ranged = labels.map((l) => {
      const at = text.indexOf(l.anchor)
      if (at < 0) throw new Error(`${set}/${name}: anchor not found: ${l.anchor}`)
      return {...l, range: lines.range(at, at + l.anchor.length)}
    })
    const {messages} = checkDraft(text, {corpus, config: DEFAULT_CONFIG})
    for (const code of SCORED_CODES) {
      const t = tallies[code]
      const mine = messages.filter((m) => m.ruleId === code && (code !== 'figure-conflict' || m.severity === 'warning' || m.severity === 'error'))
      for (const l of ranged) {
        const hit = mine.some((m) => overlaps(m.range, l.range))
        if (l.expect?.includes(code)) {
          if (hit) t.tp++
          else {
            t.fn++
            misses.push(`${set}/${name}: missed ${code}: ${l.anchor.slice(0, 80)}`)
          }
        }
      }
      for (const m of mine) {
        const ok = ranged.some((l) => (l.expect?.includes(code) || l.stretch?.includes(code)) && overlaps(m.range, l.range))
        if (!ok) {
          t.fp++
          misses.push(`${set}/${name}: false ${code} at ${m.range.start.line + 1}: ${text.slice(m.startOffset, m.endOffset).slice(0, 80)} — ${m.reason.slice(0, 120)}`)
        }
      }
    }
  }
  return {set, tallies, misses}
}

export function precisionRecall(t: Tally): {precision: number; recall: number; f1: number} {
  const precision = t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp)
  const recall = t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn)
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return {precision, recall, f1}
}

export function addTallies(into: Record<string, Tally>, from: Record<string, Tally>): void {
  for (const [code, t] of Object.entries(from)) {
    into[code] ??= {tp: 0, fp: 0, fn: 0}
    into[code].tp += t.tp
    into[code].fp += t.fp
    into[code].fn += t.fn
  }
}
