import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {checkDraft} from '../../server/src/engine/check'
import {DEFAULT_CONFIG} from '../../server/src/engine/config'
import type {Corpus} from '../../server/src/engine/corpus/corpus'
import {loadCorpus} from '../../server/src/engine/corpus/load'
import {LineIndex, type Range} from '../../server/src/engine/text/positions'
import {extractFigures} from '../../server/src/engine/figures/extract'
import type {Figure} from '../../server/src/engine/figures/types'
import type {Evidence} from '../../server/src/engine/messages'

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

export const SCORED_CODES = ['uncited-claim', 'figure-conflict', 'quote-mismatch', 'quote-not-found', 'sources-disagree', 'citation-mismatch', 'unknown-citation', 'unsupported-citation']

/** Codes whose hit must also name the value the source really gives (issue #14). */
const VALUE_CODES = new Set(['figure-conflict'])

/**
 * The figures of the source wording a label's note quotes (`file.md: '...'`); commentary after
 * ` -- ` and before the first quotation (which names the draft's own wrong value) is left out.
 */
export function quotedFigures(note: string | undefined): Figure[] {
  if (!note) return []
  const head = note.split(' -- ')[0]
  const figures: Figure[] = []
  const quote = /\.(?:md|txt|pdf|html?|docx): '/g
  const starts: number[] = []
  for (let m = quote.exec(head); m; m = quote.exec(head)) starts.push(m.index + m[0].length)
  starts.forEach((s, k) => {
    const stop = k + 1 < starts.length ? starts[k + 1] : head.length
    const segment = head.slice(s, stop)
    figures.push(...extractFigures(segment.slice(0, Math.max(segment.lastIndexOf("'"), 0) || segment.length)))
  })
  // Each end of a quoted span or change ("36.6% to 79.2%") is a value the source gives.
  const ends = figures.flatMap((f) => (f.low !== undefined && f.high !== undefined ? [{...f, value: f.low, low: undefined, high: undefined}, {...f, value: f.high, low: undefined, high: undefined}] : []))
  return [...figures, ...ends]
}

function sameFigure(a: Figure, b: Figure): boolean {
  if (a.dimension === 'date' || b.dimension === 'date') {
    return a.dimension === b.dimension && JSON.stringify(a.date) === JSON.stringify(b.date)
  }
  const comparable = a.dimension === b.dimension || (a.dimension === 'count') !== (b.dimension === 'count') &&
    [a.dimension, b.dimension].every((d) => d === 'count' || d === 'number')
  return comparable && Math.abs(a.value - b.value) <= 1e-6 * Math.max(1, Math.abs(a.value))
}

/**
 * A hit names the right value when one of its disagreeing evidence values is a figure the label's
 * note quotes from the source. A label whose note quotes no figure (none in the fixtures) accepts
 * any overlapping hit.
 */
export function namesQuotedValue(evidence: Evidence[] | undefined, quoted: Figure[]): boolean {
  if (quoted.length === 0) return true
  return (evidence ?? []).some((e) => e.agrees === false && e.value !== undefined &&
    extractFigures(e.value).some((f) => quoted.some((q) => sameFigure(f, q))))
}

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
export async function scoreSet(root: string, set: string, codes: string[] = SCORED_CODES): Promise<SetScore> {
  return scoreLoaded(await loadSet(join(root, set), set), codes)
}

/** Scores `codes` on a loaded set (a set labelled for some codes only is scored on those). */
export function scoreLoaded({set, corpus, drafts}: LoadedSet, codes: string[] = SCORED_CODES): SetScore {
  const tallies: Record<string, Tally> = Object.fromEntries(codes.map((c) => [c, {tp: 0, fp: 0, fn: 0}]))
  const misses: string[] = []
  for (const {name, text, labels} of drafts) {
    const lines = new LineIndex(text)
    const ranged = labels.map((l) => {
      const at = text.indexOf(l.anchor)
      if (at < 0) throw new Error(`${set}/${name}: anchor not found: ${l.anchor}`)
      return {...l, range: lines.range(at, at + l.anchor.length)}
    })
    const {messages} = checkDraft(text, {corpus, config: DEFAULT_CONFIG})
    for (const code of codes) {
      const t = tallies[code]
      const mine = messages.filter((m) => m.ruleId === code && (code !== 'figure-conflict' || m.severity === 'warning' || m.severity === 'error'))
      for (const l of ranged) {
        const here = mine.filter((m) => overlaps(m.range, l.range))
        const quoted = VALUE_CODES.has(code) ? quotedFigures(l.note) : []
        const hit = here.some((m) => !VALUE_CODES.has(code) || namesQuotedValue(m.evidence, quoted))
        if (l.expect?.includes(code)) {
          if (hit) t.tp++
          else {
            t.fn++
            const why = here.length > 0 ? ` (found, but the evidence names ${here.flatMap((m) => m.evidence ?? []).map((e) => e.value).join(', ')})` : ''
            misses.push(`${set}/${name}: missed ${code}${why}: ${l.anchor.slice(0, 80)}`)
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
