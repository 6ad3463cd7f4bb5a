/**
 * Closed word lists used by the extractor: months, approximation phrases, identifier labels,
 * words that end a noun search. Kept apart from the parser so they can be reviewed as data.
 */
import type {Approx} from './types'

/** Month names and abbreviations (matched only when capitalised: "may", "march" are verbs). */
export const MONTHS: ReadonlyMap<string, number> = new Map([
  ['january', 1], ['jan', 1], ['february', 2], ['feb', 2], ['march', 3], ['mar', 3], ['april', 4],
  ['apr', 4], ['may', 5], ['june', 6], ['jun', 6], ['july', 7], ['jul', 7], ['august', 8],
  ['aug', 8], ['september', 9], ['sep', 9], ['sept', 9], ['october', 10], ['oct', 10],
  ['november', 11], ['nov', 11], ['december', 12], ['dec', 12],
])

/** Words before a bare month that make it a date ("in May", "since June"), not a verb or name. */
export const MONTH_CONTEXT: ReadonlySet<string> = new Set([
  'in', 'since', 'until', 'till', 'by', 'during', 'from', 'through', 'before', 'after', 'of',
  'last', 'next', 'this', 'early', 'late', 'mid', 'end', 'beginning', 'throughout',
])

/** Prefixes glued by a hyphen to a month or year: "mid-June", "pre-2008". */
export const DATE_PREFIX: ReadonlySet<string> = new Set(['mid', 'early', 'late', 'pre', 'post'])

/**
 * Approximation phrases written before a number, in reading order. Matched backwards from the
 * number, longest first. "nearly"/"almost" count as 'about' (the brief's rule): writers use them
 * for round-downs of a value that is close, and treating them as strict upper bounds raises
 * false alarms when the source figure is itself rounded.
 */
export const APPROX_BEFORE: ReadonlyArray<readonly [string[], Approx]> = [
  [['an', 'estimated'], 'about'], [['estimated'], 'about'], [['about'], 'about'],
  [['roughly'], 'about'], [['approximately'], 'about'], [['approx', '.'], 'about'],
  [['approx'], 'about'], [['around'], 'about'], [['nearly'], 'about'], [['almost'], 'about'],
  [['some'], 'about'], [['circa'], 'about'], [['ca', '.'], 'about'], [['c', '.'], 'about'],
  [['close', 'to'], 'about'], [['~'], 'about'], [['≈'], 'about'], [['an', 'approximate'], 'about'],
  [['at', 'least'], 'at-least'], [['no', 'fewer', 'than'], 'at-least'],
  [['no', 'less', 'than'], 'at-least'], [['a', 'minimum', 'of'], 'at-least'], [['≥'], 'at-least'],
  [['more', 'than'], 'more-than'], [['over'], 'more-than'], [['greater', 'than'], 'more-than'],
  [['upwards', 'of'], 'more-than'], [['in', 'excess', 'of'], 'more-than'], [['above'], 'more-than'],
  [['just', 'over'], 'more-than'], [['well', 'over'], 'more-than'], [['>'], 'more-than'],
  [['fewer', 'than'], 'less-than'], [['less', 'than'], 'less-than'], [['under'], 'less-than'],
  [['below'], 'less-than'], [['just', 'under'], 'less-than'], [['<'], 'less-than'],
  [['up', 'to'], 'at-most'], [['at', 'most'], 'at-most'], [['no', 'more', 'than'], 'at-most'],
  [['as', 'many', 'as'], 'at-most'], [['as', 'much', 'as'], 'at-most'],
  [['a', 'maximum', 'of'], 'at-most'], [['≤'], 'at-most'],
]

/** Same phrases indexed by their last word, longest first (built once at load). */
export const APPROX_BY_LAST: ReadonlyMap<string, ReadonlyArray<readonly [string[], Approx]>> = (() => {
  const m = new Map<string, Array<readonly [string[], Approx]>>()
  for (const e of APPROX_BEFORE) {
    const last = e[0][e[0].length - 1]
    let l = m.get(last)
    if (!l) m.set(last, l = [])
    l.push(e)
    l.sort((a, b) => b[0].length - a[0].length)
  }
  return m
})()

/**
 * Words that label a number as an identifier: "Resolution 2254", "Section 230", "Title 42".
 * Value true: the label must be capitalised to count ("Part 2" but not "part 2 of the plan").
 */
export const ID_LABELS: ReadonlyMap<string, boolean> = new Map([
  ['resolution', false], ['resolutions', false], ['section', false], ['sections', false],
  ['article', false], ['articles', false], ['title', true], ['chapter', false],
  ['amendment', false], ['paragraph', false], ['para', false], ['clause', false],
  ['regulation', true], ['directive', true], ['protocol', true], ['annex', false],
  ['appendix', false], ['schedule', true], ['table', false], ['figure', false], ['fig', false],
  ['box', true], ['phase', true], ['category', true], ['tier', true], ['route', true],
  ['highway', true], ['interstate', true], ['flight', true], ['bill', true],
  ['proposition', true], ['prop', true], ['measure', true], ['district', true],
  ['precinct', true], ['ward', true], ['item', true], ['rule', true], ['order', true],
  ['act', true], ['part', true], ['level', true], ['stage', true], ['unit', true],
  ['line', true], ['page', false], ['pp', false], ['no', true], ['h.r.', false],
  ['h.res.', false], ['s.res.', false], ['s', true], ['hr', true], ['sb', true], ['ab', true],
  ['lot', true], ['block', true], ['volume', true], ['vol', true], ['issue', true], ['grade', true],
])

/** Chemical formulae and similar short letter-digit tokens that are not identifiers worth comparing. */
export const NOT_IDENTIFIERS: ReadonlySet<string> = new Set([
  'co2', 'h2o', 'ch4', 'no2', 'so2', 'n2o', 'o3', 'pm2', 'pm10', 'h2', 'o2', 'nox',
])

/** Irregular plurals (and mass nouns) that make good counted nouns. */
export const IRREGULAR_NOUNS: ReadonlySet<string> = new Set([
  'people', 'children', 'men', 'women', 'staff', 'personnel', 'police', 'cattle', 'fish',
  'sheep', 'deer', 'aircraft', 'livestock', 'youth', 'offspring', 'militia', 'feet', 'teeth',
  'mice', 'geese', 'salmon', 'cod', 'trout', 'tuna', 'vessels', 'data',
])

/** Words that end the search for a counted noun after a number. */
export const NOUN_STOP: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'from', 'with', 'and', 'or',
  'but', 'was', 'were', 'is', 'are', 'be', 'been', 'being', 'has', 'have', 'had', 'will',
  'would', 'could', 'should', 'may', 'might', 'must', 'can', 'that', 'which', 'who', 'whom',
  'this', 'these', 'those', 'than', 'as', 'per', 'since', 'until', 'after', 'before', 'during',
  'while', 'when', 'where', 'it', 'its', 'their', 'his', 'her', 'our', 'we', 'they', 'he', 'she',
  'i', 'you', 'also', 'more', 'less', 'fewer', 'each', 'every', 'only', 'about', 'around', 'over',
  'under', 'between', 'into', 'out', 'up', 'down', 'off', 'not', 'no', 'there', 'so', 'if',
  'then', 'across', 'within', 'without', 'through', 'ago', 'later', 'earlier', 'away', 'old',
  'long', 'wide', 'high', 'tall', 'deep', 'or', 'nor', 'yet', 'against', 'among', 'toward',
  'towards', 'upon', 'via', 'did', 'do', 'does', 'percent', 'times', 'plus', 'minus', 'whereas',
  'respectively', 'alone', 'apiece', 'each', 'total', 'overall', 'annually', 'yearly', 'daily',
])

/** Verbs and prepositions before "X to Y" that make it a change, not a range ("rose 5% to 7%"). */
export const CHANGE_WORDS: ReadonlySet<string> = new Set([
  'rose', 'rise', 'rising', 'risen', 'fell', 'fall', 'falling', 'fallen', 'increased', 'increase',
  'increasing', 'decreased', 'decrease', 'decreasing', 'grew', 'grow', 'growing', 'grown',
  'declined', 'decline', 'declining', 'dropped', 'drop', 'dropping', 'climbed', 'climb',
  'jumped', 'jump', 'surged', 'soared', 'plunged', 'slipped', 'cut', 'raised', 'raise',
  'reduced', 'reduce', 'lowered', 'by', 'from', 'doubled', 'tripled', 'went', 'shrank',
])

/** Verbs of spread: "ranged from X to Y" is a range, though "from X to Y" is usually a change. */
export const SPREAD_WORDS: ReadonlySet<string> = new Set([
  'ranged', 'range', 'ranges', 'ranging', 'varied', 'vary', 'varies', 'varying', 'spanned', 'spanning', 'spans',
])
