import {cleanText} from './text'

/**
 * Page layout of a PDF page from pdf.js text items (issue #19): lines rebuilt from baselines,
 * note-marker superscripts taken out, then the page cut into text blocks by whitespace and the
 * blocks put in reading order by a recursive XY-cut.
 *
 * Why this is written here: pdf.js gives positioned runs, not blocks; the maintained JavaScript
 * PDF text tools (unpdf's `extractText`, pdf-parse, pdf2json) concatenate runs in content-stream
 * order or by rows, which is what read three-column notices line by line across columns. The
 * layout analysers that do segment pages (pdfminer.six's LAParams grouping, pdfplumber's word
 * and cluster helpers) are Python. What follows learns from them — pdfminer's idea of grouping
 * lines into boxes by proximity and ordering boxes, pdfplumber's tolerance-based word joining —
 * without porting either: cuts are chosen where whitespace runs through a region, and a region
 * whose gutter is blocked only by a few spanning lines (a title, a figure caption) is first cut
 * into bands around them, so a full-width title above two columns, a sidebar beside the body
 * and a box inside a column each come out whole.
 */

/** A run of text on one baseline without a wide gap: part of one line of one block. */
export interface Fragment {
  x0: number
  x1: number
  /** Baseline, page coordinates growing downwards. */
  y: number
  size: number
  text: string
  /** The line starts with a note marker set as a superscript ("¹ See …"). */
  marker?: boolean
}

/** A text block in reading order: its lines top to bottom, fragments on one baseline joined. */
export interface Block {
  lines: Fragment[]
  x0: number
  x1: number
  top: number
  bottom: number
}

/** A pdf.js text item, typed loosely (the parts read here). */
export interface RawItem {
  str?: string
  transform?: number[]
  width?: number
  height?: number
}

const top = (f: Fragment) => f.y - f.size * 0.8
const bottom = (f: Fragment) => f.y + f.size * 0.25
/** Short raised text that marks a note or a reference: "3", "12,13", "*", "a". */
const MARKER = /^(?:\d{1,3}(?:[,–-]\d{1,3})*|[*†‡§]|[a-z])$/

/**
 * Text items → fragments. `pageTransform` is the viewport transform (so rotated pages read
 * upright). Items on one baseline whose gap is under `JOIN_GAP` em are one fragment; a wider
 * gap starts another (a column gutter or a table cell). Raised small items beside a line
 * (note markers) are dropped; one that starts a line of smaller type marks that line as a note.
 */
export function fragmentsOf(items: RawItem[], pageTransform: number[]): Fragment[] {
  const runs: Fragment[] = []
  for (const item of items) {
    if (typeof item.str !== 'string' || !item.transform) continue
    const [a, b, c, d, e, f] = multiply(pageTransform, item.transform)
    // Rotated text (margin notes, stamps, axis titles) is not body text.
    if (Math.abs(b) > 0.01 * Math.abs(a) || Math.abs(c) > 0.01 * Math.abs(d) || a <= 0) continue
    const size = Math.abs(d) || item.height || 10
    const text = item.str.replace(/\s+/g, ' ')
    if (text.trim() === '') continue
    const width = (item.width ?? 0) * (a / Math.max(1e-6, Math.hypot(item.transform[0], item.transform[1])))
    runs.push({x0: e, x1: e + width, y: f, size, text})
  }
  runs.sort((p, q) => p.y - q.y || p.x0 - q.x0)
  // Lines: runs whose baselines are within 0.4 of the smaller size.
  const lines: Fragment[][] = []
  for (const run of runs) {
    const line = lines[lines.length - 1]
    if (line && Math.abs(run.y - line[0].y) <= Math.min(run.size, line[0].size) * 0.4) line.push(run)
    else lines.push([run])
  }
  const raised = new Set<Fragment[]>()
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const size = Math.max(...line.map((r) => r.size))
    const text = cleanText(line.map((r) => r.text).join(''))
    const ordinal = /^(?:st|nd|rd|th)$/.test(text)
    if (!MARKER.test(text) && !ordinal) continue
    // The line it is raised above: the next one down, in larger type, within 0.7 of its size.
    const host = lines.slice(i + 1, i + 4).find((l) => l[0].y > line[0].y && l[0].y - line[0].y < l[0].size * 0.7 && l[0].size > size * 1.2)
    if (!host) continue
    const x0 = Math.min(...line.map((r) => r.x0))
    // A raised ordinal ("118th") belongs to the number before it: moved down onto its line.
    if (ordinal) host.push(...line.map((r) => ({...r, y: host[0].y})))
    const hostStart = Math.min(...host.map((r) => r.x0))
    if (x0 <= hostStart + 1) host[0] = {...host[0], marker: true}
    raised.add(line)
  }
  const fragments: Fragment[] = []
  for (const line of lines) {
    if (raised.has(line)) continue
    const big = Math.max(...line.map((r) => r.size))
    line.sort((p, q) => p.x0 - q.x0)
    let current: Fragment | undefined
    let marker = false
    for (const run of line) {
      // A superscript in the same baseline cluster (small, marker-shaped) is a note call, not
      // text; at the start of a line it marks the line as a note.
      if (run.size < big * 0.75 && MARKER.test(run.text.trim())) {
        if (!current) marker = true
        continue
      }
      const gap = current ? run.x0 - current.x1 : 0
      if (current && gap < Math.max(current.size, run.size) * JOIN_GAP) {
        const join = gap > current.size * 0.12 && !/\s$/.test(current.text) && !/^\s/.test(run.text) ? ' ' : ''
        current.text += join + run.text
        current.x1 = Math.max(current.x1, run.x1)
        current.size = Math.max(current.size, run.size)
        current.y = run.size >= current.size ? run.y : current.y
      } else {
        if (current) fragments.push(current)
        current = {...run, ...(marker && !current ? {marker: true} : {})}
      }
    }
    if (current) fragments.push(current)
  }
  return fragments.map((f) => ({...f, text: cleanText(f.text)})).filter((f) => f.text !== '')
}

/**
 * Gap between runs on one baseline, in ems, below which they are one fragment. Word spaces
 * in justified text stay under about half an em; the narrowest gutters met (Federal Register,
 * three columns of 9-point type 10 points apart) are over one: 0.6 keeps them apart.
 */
const JOIN_GAP = 0.6

function multiply(m: number[], n: number[]): number[] {
  return [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3], m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]]
}

/** Recursion depth of the XY-cut: each level removes at least one gap, real pages need < 20. */
const MAX_CUT_DEPTH = 40

/**
 * Blocks of a page in reading order. A region is cut at every vertical gap (gutter) of at least
 * `minGutter` that no fragment crosses, and read left to right; when the best gutter is crossed
 * only by a few lines (under a quarter of the region's), the region is first cut across into
 * bands that separate those lines from the columns; a region with no gutter is one block.
 */
export function layoutBlocks(fragments: Fragment[], body: number): Block[] {
  const minGutter = Math.max(3, body * 0.55)
  const blocks: Block[] = []
  const visit = (region: Fragment[], depth: number) => {
    if (region.length === 0) return
    if (region.length === 1 || depth >= MAX_CUT_DEPTH) return void blocks.push(toBlock(region))
    const gutter = bestGutter(region, minGutter)
    if (gutter && gutter.crossing.length === 0) {
      for (const part of splitColumns(region, minGutter)) visit(part, depth + 1)
      return
    }
    if (gutter) {
      const spanning = new Set(gutter.crossing)
      const bands = splitBands(region, spanning)
      if (bands.length > 1) {
        for (const band of bands) visit(band, depth + 1)
        return
      }
      // The spanning lines sit level with column text (a table beside a column's last lines):
      // the columns are read on their own, the spanning lines as a block before or after them.
      const rest = region.filter((f) => !spanning.has(f))
      const mid = (fs: Fragment[]) => fs.reduce((sum, f) => sum + f.y, 0) / fs.length
      const spans = toBlock(gutter.crossing)
      if (mid(gutter.crossing) < mid(rest)) blocks.push(spans)
      visit(rest, depth + 1)
      if (mid(gutter.crossing) >= mid(rest)) blocks.push(spans)
      return
    }
    blocks.push(toBlock(region))
  }
  visit(fragments, 0)
  return blocks
}

/** The emptiest vertical gap of a region at least `min` wide, with the fragments crossing it. */
function bestGutter(region: Fragment[], min: number): {crossing: Fragment[]} | undefined {
  const x0 = Math.min(...region.map((f) => f.x0))
  const x1 = Math.max(...region.map((f) => f.x1))
  const width = Math.ceil(x1 - x0)
  if (width < min * 3 || width > 20000) return undefined
  const cover = new Int32Array(width + 1)
  for (const f of region) {
    const from = Math.max(0, Math.floor(f.x0 - x0))
    const to = Math.min(width, Math.ceil(f.x1 - x0))
    cover[from]++
    if (to + 1 <= width) cover[to + 1]--
  }
  for (let i = 1; i <= width; i++) cover[i] += cover[i - 1]
  // Candidate gaps: runs of x where coverage stays at or below a level, wide enough, inside.
  let best: {from: number; to: number; level: number} | undefined
  const limit = Math.max(1, Math.floor(region.length / 4))
  for (let level = 0; level <= limit && !best; level = level === 0 ? 1 : level * 2) {
    let start = -1
    for (let i = 0; i <= width; i++) {
      const free = cover[i] <= level
      if (free && start < 0) start = i
      if ((!free || i === width) && start >= 0) {
        const end = free ? i : i - 1
        if (end - start + 1 >= min && start > 0 && end < width) {
          if (!best || end - start > best.to - best.from) best = {from: start, to: end, level}
        }
        start = -1
      }
    }
  }
  if (!best) return undefined
  const gx0 = x0 + best.from
  const gx1 = x0 + best.to
  const crossing = region.filter((f) => f.x0 < gx1 && f.x1 > gx0)
  const left = region.filter((f) => f.x1 <= gx0).length
  const right = region.filter((f) => f.x0 >= gx1).length
  if (left === 0 || right === 0) return undefined
  // A gutter crossed by lines is only worth banding when the columns hold most of the text.
  if (crossing.length > 0 && (left < 2 || right < 2 || crossing.length > (left + right) / 2)) return undefined
  return {crossing}
}

/** A region cut at every gutter no fragment crosses, left to right. */
function splitColumns(region: Fragment[], min: number): Fragment[][] {
  const sorted = [...region].sort((p, q) => p.x0 - q.x0)
  const parts: Fragment[][] = []
  let reach = -Infinity
  for (const f of sorted) {
    if (parts.length === 0 || f.x0 - reach >= min) parts.push([])
    parts[parts.length - 1].push(f)
    reach = Math.max(reach, f.x1)
  }
  return parts
}

/**
 * A region cut across into bands so that the `spanning` fragments sit in bands of their own:
 * a cut falls in a horizontal gap between a spanning fragment and a column fragment.
 */
function splitBands(region: Fragment[], spanning: Set<Fragment>): Fragment[][] {
  const sorted = [...region].sort((p, q) => top(p) - top(q))
  const bands: Array<{items: Fragment[]; spans: boolean; bottom: number}> = []
  for (const f of sorted) {
    const band = bands[bands.length - 1]
    const spans = spanning.has(f)
    if (band && (top(f) < band.bottom - 0.5 || band.spans === spans)) {
      band.items.push(f)
      band.bottom = Math.max(band.bottom, bottom(f))
      band.spans ||= spans
    } else bands.push({items: [f], spans, bottom: bottom(f)})
  }
  return bands.map((b) => b.items)
}

function toBlock(region: Fragment[]): Block {
  const sorted = [...region].sort((p, q) => p.y - q.y || p.x0 - q.x0)
  const lines: Fragment[] = []
  for (const f of sorted) {
    const last = lines[lines.length - 1]
    if (last && Math.abs(last.y - f.y) < Math.min(last.size, f.size) * 0.4) {
      last.text += ' ' + f.text
      last.x1 = Math.max(last.x1, f.x1)
      last.size = Math.max(last.size, f.size)
    } else lines.push({...f})
  }
  return {
    lines,
    x0: Math.min(...region.map((f) => f.x0)),
    x1: Math.max(...region.map((f) => f.x1)),
    top: Math.min(...region.map(top)),
    bottom: Math.max(...region.map(bottom)),
  }
}
