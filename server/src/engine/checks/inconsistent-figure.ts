import type {DraftAnalysis, SentenceAnalysis} from '../analysis'
import {compareFigures, formatFigure} from '../figures/compare'
import type {Figure} from '../figures/types'
import {terms} from '../index/terms'
import {extractFigures} from '../figures/extract'
import {isGroupLabel} from '../matching/figures'
import {memoize} from '../text/memo'
import type {Pausable} from '../slices'
import {tokenize, windowTerms, type Window} from '../matching/words'
import {defineDraftCheck, type Report} from './define'

/** Tuning of the within-draft comparison, in one place (reasons beside each value). */
export const CONSISTENCY = {
  /** Words either side of a figure that say what it measures (as figure alignment uses). */
  window: 10,
  decay: 0.85,
  otherClause: 0.5,
  /**
   * Weighted overlap of the two figures' neighbourhoods needed to call them one quantity: the
   * same subject said twice shares most of its words ("electric buses ordered for 2026"),
   * two different counts in one brief share the topic words only.
   */
  sameSubject: 0.5,
  /** Content words, beyond the counted noun, both neighbourhoods must share. */
  minShared: 2,
  /** Quantities further apart than this factor are different things, not one fact restated. */
  maxRatio: 20,
  /** A neighbourhood word held by more figures of one kind than this is too common to pair them on. */
  maxPostings: 40,
  /** Other places named in one finding. */
  maxNamed: 3,
}

/** A figure of the draft that states a quantity, with what is needed to compare it. */
interface Stated {
  s: SentenceAnalysis
  figure: Figure
  window: Window
  years: Set<number>
  /** Numbers and ordinals that label what the figure is about ("phase two", "route 5", "the third round"). */
  labels: Set<string>
  /** Words between the number and its noun ("primary" in "64 primary schools"). */
  modifiers: Set<string>
  /** The counted noun's index term ("bus" for "electric buses"). */
  nounTerm?: string
  /** The sentence's first content word, most often what it measures ("punctuality on route A was …"). */
  lead?: string
  index: number
}

/**
 * Flags a figure the draft states twice with different values: the same quantity about the
 * same subject (the counted noun, when both name one, and most of the surrounding words), in
 * two sentences, neither of which is a comparison of two values. Each place is reported and
 * points at the other through related information. Needs no corpus.
 *
 * Not compared: dates, identifiers, bare numbers, bounds ("below 85%"), group labels ("aged
 * 65"), figures in sentences that give two values of one kind ("from 180 to 140"), and
 * figures whose sentences name different years (a time series, not a contradiction).
 *
 * @example ok      The city will buy 180 electric buses by 2026. … All 180 electric buses will run by 2026.
 * @example not-ok  The city will buy 180 electric buses by 2026. … The 140 electric buses due by 2026 …
 */
export const inconsistentFigure = defineDraftCheck(
  {id: 'inconsistent-figure', description: 'The draft gives two different values for the same quantity about the same subject.', defaultSeverity: 'warning'},
  // Pausable (define.ts): a pause after each sentence read, each pair compared, each finding.
  function* (analysis, report) {
    const stated = yield* statedFigures(analysis)
    if (stated.length < 2) return
    const df = yield* documentFrequency(analysis)
    const weight = (term: string) => Math.log(1 + analysis.sentences.length / (df.get(term) ?? 1))
    const others = new Map<Stated, Stated[]>()
    for (const [a, b] of candidatePairs(stated)) {
      yield
      if (!sameQuantity(a, b, weight)) continue
      others.set(a, [...(others.get(a) ?? []), b])
      others.set(b, [...(others.get(b) ?? []), a])
    }
    for (const [at, conflicting] of others) {
      report(finding(analysis, at, conflicting.slice(0, CONSISTENCY.maxNamed)))
      yield
    }
  },
)

/**
 * Pairs worth comparing, without comparing every figure with every other: figures of one kind
 * (dimension, unit, counted noun) that share a word of their neighbourhood which is not common
 * among that kind (at most `maxPostings` figures hold it). A word every figure of the kind has
 * ("district" in a brief about districts) cannot tell one subject from another anyway, and
 * skipping it keeps the work linear in the draft's length.
 */
function* candidatePairs(stated: Stated[]): Generator<[Stated, Stated]> {
  const byKind = new Map<string, Stated[]>()
  for (const f of stated) {
    const kind = `${f.figure.dimension}|${f.figure.unit}|${f.nounTerm ?? ''}`
    const list = byKind.get(kind)
    if (list) list.push(f)
    else byKind.set(kind, [f])
  }
  for (const list of byKind.values()) {
    if (list.length < 2) continue
    const postings = new Map<string, Stated[]>()
    for (const f of list) {
      for (const term of f.window.keys()) {
        if (term === f.nounTerm) continue
        const holders = postings.get(term)
        if (holders) holders.push(f)
        else postings.set(term, [f])
      }
    }
    const seen = new Set<string>()
    for (const holders of postings.values()) {
      if (holders.length < 2 || holders.length > CONSISTENCY.maxPostings) continue
      for (let i = 0; i < holders.length; i++) {
        for (let j = i + 1; j < holders.length; j++) {
          const id = `${holders[i].index}:${holders[j].index}`
          if (seen.has(id)) continue
          seen.add(id)
          yield [holders[i], holders[j]]
        }
      }
    }
  }
}

/** The figures of one sentence worth comparing, with their neighbourhoods (pure: memoised by text). */
const sentenceFigures = memoize((text: string): Array<Omit<Stated, 's' | 'index'>> => {
  const figures = extractFigures(text)
  const quantities = figures.filter((f) => isQuantity(f) && !isGroupLabel(text, f))
  if (quantities.length === 0) return []
  const years = new Set(figures.filter((f) => f.dimension === 'date' && f.date?.year !== undefined).map((f) => f.date!.year!))
  const tokens = tokenize(text)
  const out: Array<Omit<Stated, 's' | 'index'>> = []
  for (const figure of quantities) {
    // A sentence giving two values of one quantity compares them ("from 180 to 140", "140
    // of the 180 buses"): either may be the value another sentence gives.
    if (quantities.some((g) => g !== figure && sameKind(g, figure))) continue
    const window = windowTerms(tokens, figure.start, figure.end, CONSISTENCY.window, figures, CONSISTENCY.decay, CONSISTENCY.otherClause)
    const nounTerm = figure.noun ? lastTerm(figure.noun) : undefined
    out.push({figure, window, years, labels: labelsNear(text, figure, figures), modifiers: modifiersOf(text, figure), nounTerm, lead: leadTerm(tokens, figure)})
  }
  return out
})

function* statedFigures(analysis: DraftAnalysis): Pausable<Stated[]> {
  const out: Stated[] = []
  for (const s of analysis.sentences) {
    if (s.sentence.blockKind === 'heading' || s.sentence.blockKind === 'cell') continue
    for (const f of sentenceFigures(s.sentence.analysisText)) out.push({...f, s, index: out.length})
    yield
  }
  return out
}

/**
 * A stated value: not a date, label or bare number, and not a bound ("below 85%", "more than
 * 40"): two bounds rarely contradict each other, and a bound against a value is a claim
 * about a range the draft may well mean.
 */
function isQuantity(f: Figure): boolean {
  if (f.dimension === 'date' || f.dimension === 'identifier') return false
  if (f.approx !== 'exact' && f.approx !== 'about') return false
  return !(f.dimension === 'number' && !f.noun)
}

/** Two figures of one sentence that measure the same kind of thing (same noun, or neither has one). */
function sameKind(a: Figure, b: Figure): boolean {
  if (compareFigures(a, b) === 'incomparable') return false
  if (a.noun && b.noun) return lastTerm(a.noun) === lastTerm(b.noun)
  return !a.noun && !b.noun
}

function sameQuantity(a: Stated, b: Stated, weight: (term: string) => number): boolean {
  if (a.s === b.s) return false
  if (compareFigures(a.figure, b.figure) !== 'disagree') return false
  if (farApart(a.figure, b.figure)) return false
  if (Boolean(a.figure.noun) !== Boolean(b.figure.noun)) return false
  if (a.nounTerm !== b.nounTerm) return false
  if (a.years.size > 0 && b.years.size > 0 && ![...a.years].some((y) => b.years.has(y))) return false
  // "64 primary schools" and "19 secondary schools": the noun's modifiers name different things.
  if (a.modifiers.size > 0 && b.modifiers.size > 0 && ![...a.modifiers].some((m) => b.modifiers.has(m))) return false
  // "Phase one installs 40 turbines" and "phase two installs 34 turbines": numbered parts.
  if (a.labels.size > 0 && b.labels.size > 0 && ![...a.labels].some((l) => b.labels.has(l))) return false
  // "Punctuality on route A was 79%" and "satisfaction on route A stood at 84%": each sentence
  // leads with what it measures, and neither measure is in the other's words.
  if (a.lead && b.lead && a.lead !== b.lead && !b.window.has(a.lead) && !a.window.has(b.lead)) return false
  let shared = 0
  for (const term of a.window.keys()) if (term !== a.nounTerm && b.window.has(term)) shared++
  if (shared < CONSISTENCY.minShared) return false
  return overlap(a.window, b.window, weight) >= CONSISTENCY.sameSubject
}

/** The first content word of the sentence, when it comes before the figure and in the figure's window. */
function leadTerm(tokens: ReturnType<typeof tokenize>, figure: Figure): string | undefined {
  const first = tokens.find((t) => t.term !== undefined)
  return first && first.end <= figure.start ? first.term : undefined
}

/** How far before a figure a label of its subject is looked for (characters). */
const LABEL_REACH = 40
const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve']
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth']
// Bounded: fixed lists of words, matched in a slice of at most LABEL_REACH characters.
const LABEL_WORD = new RegExp(`\\b(${[...NUMBER_WORDS, ...ORDINALS].join('|')})\\b`, 'gi')

/**
 * Numbers and ordinals written shortly before a figure that name which part of a whole it
 * is about: "phase two", "district 12 reported", "the second round" (a figure other than a
 * date by its value, a number word or ordinal by its rank). Sentences labelled differently
 * speak of different parts.
 */
function labelsNear(text: string, figure: Figure, figures: Figure[]): Set<string> {
  const from = Math.max(0, figure.start - LABEL_REACH)
  const out = new Set<string>()
  for (const f of figures) {
    if (f === figure || f.end > figure.start || f.start < from) continue
    if (f.dimension !== 'date') out.add(String(f.value))
  }
  for (const m of text.slice(from, figure.start).matchAll(LABEL_WORD)) {
    const word = m[1].toLowerCase()
    out.add(String((NUMBER_WORDS.includes(word) ? NUMBER_WORDS.indexOf(word) : ORDINALS.indexOf(word)) + 1))
  }
  return out
}

/** How far after a figure its noun is looked for (characters): "180 new battery-electric buses". */
const NOUN_REACH = 40

/** Content words between a figure and its counted noun. */
function modifiersOf(text: string, figure: Figure): Set<string> {
  if (!figure.noun) return new Set()
  const after = text.slice(figure.end, figure.end + NOUN_REACH).toLowerCase()
  const at = after.indexOf(figure.noun)
  return new Set(at > 0 ? terms(after.slice(0, at)) : [])
}

/** Weighted Dice overlap of two neighbourhoods; words rare in the draft weigh more. */
function overlap(a: Window, b: Window, weight: (term: string) => number): number {
  let total = 0
  let shared = 0
  for (const [term, wa] of a) {
    const w = weight(term)
    total += w * wa
    const wb = b.get(term)
    if (wb) shared += 2 * w * Math.min(wa, wb)
  }
  for (const [term, wb] of b) total += weight(term) * wb
  return total === 0 ? 0 : shared / total
}

const termSet = memoize((text: string) => new Set(terms(text)))

/** In how many of the draft's sentences each term occurs. */
function* documentFrequency(analysis: DraftAnalysis): Pausable<Map<string, number>> {
  const df = new Map<string, number>()
  for (const s of analysis.sentences) {
    for (const t of termSet(s.sentence.analysisText)) df.set(t, (df.get(t) ?? 0) + 1)
    yield
  }
  return df
}

function lastTerm(noun: string): string | undefined {
  const t = terms(noun)
  return t[t.length - 1]
}

function farApart(a: Figure, b: Figure): boolean {
  const x = Math.abs(a.value)
  const y = Math.abs(b.value)
  if (x === 0 || y === 0) return false
  return Math.max(x, y) / Math.min(x, y) > CONSISTENCY.maxRatio
}

function finding(analysis: DraftAnalysis, at: Stated, conflicting: Stated[]): Report {
  const span = (f: Stated) => ({start: f.s.sentence.toDraftOffset(f.figure.start), end: f.s.sentence.toDraftOffset(f.figure.end - 1) + 1})
  const where = (f: Stated) => {
    const line = analysis.draft.lines.position(span(f).start).line + 1
    return `line ${line}${f.s.sentence.section ? ` (§ ${f.s.sentence.section})` : ''}`
  }
  const elsewhere = conflicting.map((c) => `${formatFigure(c.figure)} at ${where(c)}`)
  return {
    ...span(at),
    reason: `The draft says ${formatFigure(at.figure)} here and ${elsewhere.join('; ')}: make them agree`,
    actual: at.figure.text,
    expected: conflicting.map((c) => formatFigure(c.figure)),
    related: conflicting.map((c) => ({...span(c), message: `the draft says ${c.figure.text} here`})),
  }
}
