/**
 * What a figure's number measures. Two figures are only compared when their dimensions are
 * compatible (see compare.ts): a length never agrees or disagrees with a duration.
 *
 * Beyond the usual physical dimensions:
 * - 'count'  a number with a counted noun ("4,000 troops");
 * - 'number' a bare number with neither unit nor noun;
 * - 'ratio'  "one in five", "two thirds", "half": stored as a fraction (0.2), comparable to percent;
 * - 'rate'   "37.4 cases per 100,000": unit carries the denominator ('per 100000');
 * - 'points' percentage points (and basis points, converted);
 * - 'identifier' labels such as "Resolution 2254" or "S-300": never quantities.
 */
export type Dimension =
  | 'length' | 'area' | 'mass' | 'volume' | 'duration' | 'speed' | 'power' | 'energy'
  | 'count' | 'percent' | 'points' | 'money' | 'date' | 'number' | 'identifier' | 'ratio' | 'rate'

/** How the writer qualified the figure. Ranges are 'exact' with low/high set. */
export type Approx = 'exact' | 'about' | 'at-least' | 'at-most' | 'more-than' | 'less-than'

/** A calendar date as written: any field may be missing ("mid-June", "2019", "May 24"). */
export interface DateParts {
  year?: number
  month?: number
  day?: number
}

/**
 * One figure found in prose. All offsets are UTF-16 code units into the text given to
 * extractFigures (plain JavaScript string indices).
 */
export interface Figure {
  /** Span of the whole expression, approximation word and unit included ("at least eighty-five kilometers"). */
  start: number
  end: number
  /** text.slice(start, end) */
  text: string
  /** Span of the number and its unit only ("eighty-five kilometers"): what a quick fix replaces. */
  valueStart: number
  valueEnd: number
  dimension: Dimension
  /**
   * Value in the dimension's base unit (m, m2, kg, l, day, m/s, W, Wh, %, pp, currency unit,
   * fraction for 'ratio'). For a range, the midpoint of low and high. For dates, a sortable key
   * year*10000 + month*100 + day with missing parts as 0; use `date` rather than this.
   * For identifiers, the last number in the label (NaN when there is none).
   */
  value: number
  /** Range ends in base units ("81–100 days", "between 92.1% and 97.4%"). */
  low?: number
  high?: number
  /** Base unit label: 'm', 'm2', 'kg', 'l', 'day', 'm/s', 'W', 'Wh', '%', 'pp', 'USD', 'per 100000', '' ... */
  unit: string
  /** The unit as written, normalised ("km", "miles", "months", "$"). */
  displayUnit?: string
  approx: Approx
  /** Counted or measured noun, lower-cased ("troops", "counties", "cases"). */
  noun?: string
  /**
   * Size of the last significant digit, in base units: 85 km -> 1000, 3.5 -> 0.1,
   * "two million" -> 1e6. Comparison tolerances are built on it.
   */
  precision: number
  /** Written (at least partly) in words. */
  spelled: boolean
  /** For 'date': the date, or the start of a date range. */
  date?: DateParts
  /** For 'date' ranges ("May 5–12, 2020", "2021–22"): the end. */
  dateEnd?: DateParts
  /** For identifiers: the lower-cased label ('resolution', 's-', 'covid-', 'g', 'section'). */
  label?: string
}
