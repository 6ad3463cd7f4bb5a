import type {Figure} from '../figures/types'

/**
 * Which words of a sentence speak of which figure, when the sentence lists parallel results:
 * "United States, 79.5%; New York City, 86.7%", "five in elementary cohorts and two in
 * secondary ones", "14% in counties with the rule and 30% in counties without". Each value is
 * paired with its own subject, so a draft figure is compared with the value given for the same
 * subject and not with its neighbour's (issue #14: "figure roles").
 *
 * The sentence is cut into items, one per figure (or per group of figures that share their
 * words: "from 12% to 40%", "30%, 21% and 48% … respectively"). Between two items the cut falls
 * at the separator in the gap: after a ";" or ")", after a comma that opens the gap (the label
 * comes before its value: "A, 79.5%, B, 86.7%"), else before the last comma or conjunction
 * ("… in counties with the rule and 30% …"). A parenthesis holding figures is one item of the
 * sentence, cut again inside; the words before it are the head its figures share.
 *
 * Hand-written rather than a parser's: no maintained JavaScript dependency parser ships here,
 * and the cut needs only separators, parentheses and figure spans, all linear to find.
 */
export interface Ownership {
  /** For each figure passed in (same order), its own character regions `[start, end)`. */
  regions: Array<Array<[number, number]>>
  /** Whether any cut was made: a sentence with one item owns everything jointly. */
  parallel: boolean
}

interface Item {
  start: number
  end: number
  figures: number[]
  /** For a parenthesis: where it opens and closes. */
  group?: {open: number; close: number}
}

// Separators between items, looked for in the gap between two figures. Bounded alternations,
// no nested quantifiers: linear on any input.
const CONJUNCTION = /,|\b(?:and|or|but|whereas|while|versus|vs\.?|than|compared with|against)\b/gi
const PARTITIVE = /^\s*(?:out\s+)?of\b[^,;()]{0,40}$/i

// "Of 212 piers inspected, 58 …": the words between a leading whole and its part, ending at the comma.
const LEADING_PART = /^[^,;.()]{0,60},\s*$/
const OF_BEFORE = /\bof\s+(?:the\s+|all\s+|those\s+)?$/i

/**
 * What a figure counts: its own noun, or, for the part after a leading whole ("Of 212 piers
 * inspected, 58 reported damaged rings"), the whole's noun. The noun four words on ("rings")
 * is what the part did, not what it counts.
 */
export function countedNoun(text: string, figure: Figure, figures: readonly Figure[]): string | undefined {
  const previous = figures.filter((f) => f.end <= figure.start).sort((a, b) => b.end - a.end)[0]
  if (previous?.noun && OF_BEFORE.test(text.slice(Math.max(0, previous.start - 12), previous.start)) && LEADING_PART.test(text.slice(previous.end, figure.start))) {
    return previous.noun
  }
  return figure.noun
}

/**
 * The whole a figure is a part of in its own sentence ("58 of the 212 services" → 212), if any:
 * the next figure, with only "of …" between them.
 */
export function partitiveWhole(text: string, figure: Figure, figures: readonly Figure[]): Figure | undefined {
  const next = figures.filter((f) => f.start >= figure.end).sort((a, b) => a.start - b.start)[0]
  return next && PARTITIVE.test(text.slice(figure.end, next.start)) ? next : undefined
}
const FUNCTION_ONLY = /^(?:[\s,;:()–—-]|\b(?:and|or|to|from|the|of|a|was|were|is|are|in|respectively|by|with)\b)*$/i

/**
 * Cuts a sentence into items and returns each figure's own regions. `figures` are the
 * sentence's comparable figures in text order (offsets into `text`).
 */
export function ownRegions(text: string, figures: readonly Figure[]): Ownership {
  const whole: Array<[number, number]> = [[0, text.length]]
  if (figures.length < 2) return {regions: figures.map(() => whole), parallel: false}
  const groups = parentheses(text)
  const top = topItems(text, figures, groups)
  if (top.length < 2 && !top.some((item) => item.group && groupItems(text, figures, item).length > 1)) {
    return {regions: figures.map(() => whole), parallel: false}
  }
  const regions: Array<Array<[number, number]>> = figures.map(() => [])
  const topRegions = cutItems(text, top, 0, text.length)
  top.forEach((item, i) => {
    if (!item.group) {
      for (const f of item.figures) regions[f].push(...topRegions[i])
      return
    }
    const [[from, to], ...shared] = topRegions[i]
    // The head and tail of a parenthesis (outside it) belong to all its figures; inside, each
    // figure owns its own cut.
    const inner = groupItems(text, figures, item)
    const innerRegions = cutItems(text, inner, item.group.open + 1, item.group.close)
    for (const f of item.figures) {
      regions[f].push([from, item.group.open + 1], [item.group.close, to], ...shared)
    }
    inner.forEach((sub, k) => {
      for (const f of sub.figures) regions[f].push(...innerRegions[k])
    })
  })
  return {regions, parallel: true}
}

/** Whether `[start, end)` lies in one of the regions. */
export function owns(regions: ReadonlyArray<readonly [number, number]>, start: number, end: number): boolean {
  for (const [from, to] of regions) if (start >= from && end <= to) return true
  return false
}

/** Top-level parentheses (depth one), as `[open, close]` offsets; unbalanced ones are ignored. */
function parentheses(text: string): Array<{open: number; close: number}> {
  const out: Array<{open: number; close: number}> = []
  let depth = 0
  let open = -1
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 40) {
      if (depth === 0) open = i
      depth++
    } else if (c === 41 && depth > 0) {
      depth--
      if (depth === 0) out.push({open, close: i})
    }
  }
  return out
}

/** The sentence's items: figures outside parentheses, and parentheses holding figures. */
function topItems(text: string, figures: readonly Figure[], groups: Array<{open: number; close: number}>): Item[] {
  const items: Item[] = []
  figures.forEach((f, i) => {
    const group = groups.find((g) => f.start > g.open && f.end <= g.close)
    const last = items[items.length - 1]
    if (group) {
      if (last?.group === group) {
        last.figures.push(i)
        return
      }
      items.push({start: group.open, end: group.close + 1, figures: [i], group})
      return
    }
    items.push({start: f.start, end: f.end, figures: [i]})
  })
  return mergeBare(text, items)
}

/** The items inside a parenthesis item: its figures, merged where nothing but function words parts them. */
function groupItems(text: string, figures: readonly Figure[], item: Item): Item[] {
  return mergeBare(text, item.figures.map((i) => ({start: figures[i].start, end: figures[i].end, figures: [i]})))
}

/**
 * Items with only function words between them share their words: "from 12% to 40%",
 * "30%, 21%, and 48% had …, respectively"; so do a part and its whole ("24 of the state's 105
 * counties").
 */
function mergeBare(text: string, items: Item[]): Item[] {
  const out: Item[] = []
  for (const item of items) {
    const last = out[out.length - 1]
    const gap = text.slice(last?.end ?? 0, item.start)
    if (last && !last.group && !item.group && (FUNCTION_ONLY.test(gap) || PARTITIVE.test(gap))) {
      last.end = item.end
      last.figures.push(...item.figures)
      continue
    }
    out.push({...item, figures: [...item.figures]})
  }
  return out
}

/**
 * Regions of consecutive items within `[from, to)`. Where each label follows its value ("68% on
 * route A and 84% on route B") the words before the first value are the head all items share;
 * where each label comes before its value ("A, 68%; B, 84%") the words after the last are.
 */
function cutItems(text: string, items: Item[], from: number, to: number): Array<Array<[number, number]>> {
  const cuts = items.slice(1).map((item, i) => cutBetween(text, items[i].end, item.start))
  const labelsAfter = items.slice(1).filter((item, i) => cuts[i] - items[i].end > item.start - cuts[i]).length * 2 >= cuts.length
  return items.map((item, i) => {
    const own: [number, number] = [i === 0 ? from : cuts[i - 1], i === items.length - 1 ? to : cuts[i]]
    if (labelsAfter && i > 0) return [own, [from, items[0].start]]
    if (!labelsAfter && i < items.length - 1) return [own, [items[items.length - 1].end, to]]
    return [own]
  })
}

/** Where the words between two items change owner (see the module comment). */
function cutBetween(text: string, a: number, b: number): number {
  const gap = text.slice(a, b)
  if (FUNCTION_ONLY.test(gap)) return a
  const semicolon = gap.lastIndexOf(';')
  const close = gap.indexOf(')')
  if (close >= 0 || semicolon >= 0) return a + Math.max(close, semicolon) + 1
  if (/^\s*,/.test(gap)) return a + gap.indexOf(',') + 1
  let last = -1
  CONJUNCTION.lastIndex = 0
  for (let m = CONJUNCTION.exec(gap); m; m = CONJUNCTION.exec(gap)) {
    // A comma between digits is a thousands separator, not a list's.
    if (m[0] === ',' && /\d/.test(gap[m.index - 1] ?? '') && /\d/.test(gap[m.index + 1] ?? '')) continue
    last = m.index
  }
  if (last >= 0) return a + last
  // No separator: the words go to the nearer figure.
  return a + Math.floor(gap.length / 2)
}
