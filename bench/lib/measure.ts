/** Timing helpers: medians over adaptive repetitions, paired ratios, log-log slopes. */

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

export function round(x: number, digits = 2): number {
  if (!Number.isFinite(x)) return x
  const f = 10 ** digits
  return Math.round(x * f) / f
}

/** The nearest-rank `p`th percentile of ascending `sorted`, to 0.1 (NaN when empty): what the PostgreSQL benchmarks report as p50 and p95. */
export function percentileOf(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? NaN : round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))], 1)
}

/** Median and 95th percentile (nearest rank, `percentileOf`) of unsorted samples. */
export function p50p95(samples: readonly number[]): {p50: number; p95: number} {
  const sorted = [...samples].sort((a, b) => a - b)
  return {p50: percentileOf(sorted, 50), p95: percentileOf(sorted, 95)}
}

/** How many samples hold each distinct value, by value ascending (e.g. statements per edit). */
export function histogram(samples: readonly number[]): Record<number, number> {
  return Object.fromEntries([...new Set(samples)].sort((a, b) => a - b).map((n) => [n, samples.filter((x) => x === n).length]))
}

export interface Timing {
  medianMs: number
  runs: number
  samplesMs: number[]
}

export interface RepeatOptions {
  /** Stop after this many runs. */
  max: number
  /** At least this many runs, unless the budget is spent after the first. */
  min?: number
  /** Stop starting runs once this much time (ms) has been spent here. */
  budgetMs: number
}

/** Runs `fn` until `max` runs or the budget is spent (always once): adaptive repetition. */
export async function repeat(fn: () => unknown, options: RepeatOptions): Promise<Timing> {
  const samples: number[] = []
  const started = performance.now()
  const min = options.min ?? 3
  while (samples.length < options.max) {
    const t0 = performance.now()
    await fn()
    samples.push(performance.now() - t0)
    const spent = performance.now() - started
    const next = median(samples)
    if (spent + next > options.budgetMs && samples.length >= Math.min(min, 1)) {
      if (samples.length >= min || spent + next > options.budgetMs * 1.5) break
    }
  }
  return {medianMs: round(median(samples)), runs: samples.length, samplesMs: samples.map((s) => round(s, 1))}
}

export interface PairTiming {
  a: Timing
  b: Timing
  /** Median over pairs of a/b, each pair timed back to back. */
  ratio: number
}

/** Times `a` and `b` back to back, pair by pair (alternating order), for a ratio robust to machine noise. */
export async function pairs(a: () => unknown, b: () => unknown, options: RepeatOptions): Promise<PairTiming> {
  const as: number[] = []
  const bs: number[] = []
  const ratios: number[] = []
  const started = performance.now()
  const min = options.min ?? 3
  while (as.length < options.max) {
    const i = as.length
    let ta = 0
    let tb = 0
    const runA = async () => {
      const t = performance.now()
      await a()
      ta = performance.now() - t
    }
    const runB = async () => {
      const t = performance.now()
      await b()
      tb = performance.now() - t
    }
    if (i % 2 === 0) {
      await runA()
      await runB()
    } else {
      await runB()
      await runA()
    }
    as.push(ta)
    bs.push(tb)
    ratios.push(ta / tb)
    const spent = performance.now() - started
    if (spent + median(as) + median(bs) > options.budgetMs && (as.length >= min || spent > options.budgetMs * 1.5)) break
  }
  const t = (xs: number[]): Timing => ({medianMs: round(median(xs)), runs: xs.length, samplesMs: xs.map((s) => round(s, 1))})
  return {a: t(as), b: t(bs), ratio: round(median(ratios))}
}

/** Slope of log(y) against log(x) between consecutive points: 1 = linear, 0 = flat. */
export function slopes(points: Array<[number, number]>): number[] {
  const out: number[] = []
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1]
    const [x1, y1] = points[i]
    out.push(y0 > 0 && y1 > 0 ? round(Math.log(y1 / y0) / Math.log(x1 / x0)) : NaN)
  }
  return out
}

/** Least-squares slope of log(y) on log(x) over all points. */
export function fitSlope(points: Array<[number, number]>): number {
  const ps = points.filter(([x, y]) => x > 0 && y > 0).map(([x, y]) => [Math.log(x), Math.log(y)])
  if (ps.length < 2) return NaN
  const mx = ps.reduce((s, p) => s + p[0], 0) / ps.length
  const my = ps.reduce((s, p) => s + p[1], 0) / ps.length
  let num = 0
  let den = 0
  for (const [x, y] of ps) {
    num += (x - mx) * (y - my)
    den += (x - mx) ** 2
  }
  return round(num / den)
}

export interface RoundTiming {
  timings: Record<string, Timing>
  /** Per name, the median over rounds of (that name's time / the base's time in the same round). */
  ratios: Record<string, number>
}

/**
 * Times several functions in rounds (each once per round, the order rotating), until `max`
 * rounds or the budget is spent; ratios against `base` are taken round by round, so the
 * machine's noise hits both sides of each ratio alike.
 */
export async function rounds(fns: Record<string, () => unknown>, base: string, options: RepeatOptions): Promise<RoundTiming> {
  const names = Object.keys(fns)
  const samples = new Map(names.map((n) => [n, [] as number[]]))
  const ratios = new Map(names.map((n) => [n, [] as number[]]))
  const started = performance.now()
  const min = options.min ?? 3
  for (let r = 0; r < options.max; r++) {
    const order = names.map((_, i) => names[(i + r) % names.length])
    const took: Record<string, number> = {}
    for (const name of order) {
      const t = performance.now()
      await fns[name]()
      took[name] = performance.now() - t
      samples.get(name)!.push(took[name])
    }
    for (const name of names) ratios.get(name)!.push(took[name] / took[base])
    const spent = performance.now() - started
    const perRound = spent / (r + 1)
    if (spent + perRound > options.budgetMs && (r + 1 >= min || spent + perRound > options.budgetMs * 1.5)) break
  }
  const timings: Record<string, Timing> = {}
  const out: Record<string, number> = {}
  for (const name of names) {
    const xs = samples.get(name)!
    timings[name] = {medianMs: round(median(xs)), runs: xs.length, samplesMs: xs.map((s) => round(s, 1))}
    out[name] = round(median(ratios.get(name)!))
  }
  return {timings, ratios: out}
}
