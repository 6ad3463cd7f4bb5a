/**
 * Units of measure and their conversion to each dimension's base unit, matched over the token
 * pool. Phrases are stored as token sequences keyed by their first token, so matching a unit is
 * one Map lookup plus a short comparison, never a regex.
 */
import type {Dimension} from './types'
import {MIXED, NUM, PUNCT, WORD, type TokenBuffer} from './tokenize'

export interface UnitDef {
  dim: Dimension
  /** Base unit label. */
  unit: string
  /** Multiply a value in this unit by factor to get base units. */
  factor: number
  /** Normalised display form ("km", "miles"). */
  display: string
  /** Calendar units whose length varies (months, years): see compare.ts. */
  calendar?: 'month' | 'year'
  /** Matches only when a percent sign or word appears earlier in the text ("3.0 points"). */
  needsPercentContext?: boolean
}

const DAY = 1
const MONTH_DAYS = 30.436875 // mean Gregorian month: 365.2425 / 12
const YEAR_DAYS = 365.2425

interface Phrase {
  words: string[]
  def: UnitDef
}

const byFirst = new Map<string, Phrase[]>()

/** Display unit -> factor to the base unit, for printing a figure in the unit it was written in. */
export const DISPLAY_FACTOR = new Map<string, number>()

function add(dim: Dimension, unit: string, factor: number, display: string, phrases: string[],
  extra?: Partial<UnitDef>): void {
  const def: UnitDef = {dim, unit, factor, display, ...extra}
  DISPLAY_FACTOR.set(display, factor)
  for (const p of phrases) {
    // Phrases are written with spaces between tokens: "km / h", "per cent", "sq mi".
    const words = p.split(' ')
    let list = byFirst.get(words[0])
    if (!list) byFirst.set(words[0], list = [])
    list.push({words, def})
    // Longest phrase first, so "square miles" beats "square".
    list.sort((a, b) => b.words.length - a.words.length)
  }
}

// Length (base: metre)
add('length', 'm', 1000, 'km', ['km', 'kms', 'kilometer', 'kilometers', 'kilometre', 'kilometres'])
add('length', 'm', 1609.344, 'miles', ['mile', 'miles', 'mi'])
add('length', 'm', 1852, 'nautical miles', ['nautical mile', 'nautical miles', 'nmi'])
add('length', 'm', 1, 'm', ['m', 'meter', 'meters', 'metre', 'metres'])
add('length', 'm', 0.01, 'cm', ['cm', 'centimeter', 'centimeters', 'centimetre', 'centimetres'])
add('length', 'm', 0.001, 'mm', ['mm', 'millimeter', 'millimeters', 'millimetre', 'millimetres'])
add('length', 'm', 0.3048, 'feet', ['ft', 'foot', 'feet'])
add('length', 'm', 0.9144, 'yards', ['yard', 'yards', 'yd', 'yds'])
add('length', 'm', 0.0254, 'inches', ['inch', 'inches'])
// Area (base: square metre)
add('area', 'm2', 1e6, 'km²', ['km²', 'km2', 'sq km', 'sq . km', 'sq km .', 'square km', 'square kilometer',
  'square kilometers', 'square kilometre', 'square kilometres'])
add('area', 'm2', 2589988.110336, 'square miles', ['sq mi', 'sq . mi', 'sq . mi .', 'square mile', 'square miles', 'mi²', 'mi2'])
add('area', 'm2', 1, 'm²', ['m²', 'm2', 'sq m', 'square meter', 'square meters', 'square metre', 'square metres'])
add('area', 'm2', 0.09290304, 'square feet', ['sq ft', 'square foot', 'square feet', 'ft²', 'ft2'])
add('area', 'm2', 1e4, 'hectares', ['ha', 'hectare', 'hectares'])
add('area', 'm2', 4046.8564224, 'acres', ['acre', 'acres'])
// Mass (base: kilogram). "ton(s)" is read as the metric tonne: briefs and their international
// sources use the two words interchangeably far more often than they mean the US short ton.
add('mass', 'kg', 1, 'kg', ['kg', 'kgs', 'kilogram', 'kilograms', 'kilogramme', 'kilogrammes'])
add('mass', 'kg', 0.001, 'g', ['gram', 'grams', 'gramme', 'grammes'])
add('mass', 'kg', 1000, 'tonnes', ['tonne', 'tonnes', 'ton', 'tons', 'metric ton', 'metric tons', 'metric tonne', 'metric tonnes'])
add('mass', 'kg', 0.45359237, 'pounds', ['pound', 'pounds', 'lb', 'lbs'])
// Volume (base: litre)
add('volume', 'l', 1, 'litres', ['liter', 'liters', 'litre', 'litres'])
add('volume', 'l', 0.001, 'ml', ['ml', 'milliliter', 'milliliters', 'millilitre', 'millilitres'])
add('volume', 'l', 158.987294928, 'barrels', ['barrel', 'barrels', 'bbl'])
add('volume', 'l', 3.785411784, 'gallons', ['gallon', 'gallons', 'gal'])
add('volume', 'l', 1000, 'm³', ['m³', 'm3', 'cubic meter', 'cubic meters', 'cubic metre', 'cubic metres'])
// Duration (base: day). Months and years are calendar units: compare.ts gives them the spread
// of real month and year lengths instead of pretending they are fixed.
add('duration', 'day', 1 / 86400, 'seconds', ['second', 'seconds', 'sec', 'secs'])
add('duration', 'day', 1 / 1440, 'minutes', ['minute', 'minutes', 'min', 'mins'])
add('duration', 'day', 1 / 24, 'hours', ['hour', 'hours', 'hr', 'hrs'])
add('duration', 'day', DAY, 'days', ['day', 'days'])
add('duration', 'day', 7, 'weeks', ['week', 'weeks', 'wk', 'wks'])
add('duration', 'day', 14, 'fortnights', ['fortnight', 'fortnights'])
add('duration', 'day', MONTH_DAYS, 'months', ['month', 'months', 'mo', 'mos'], {calendar: 'month'})
add('duration', 'day', YEAR_DAYS, 'years', ['year', 'years', 'yr', 'yrs'], {calendar: 'year'})
add('duration', 'day', YEAR_DAYS * 10, 'decades', ['decade', 'decades'], {calendar: 'year'})
add('duration', 'day', YEAR_DAYS * 100, 'centuries', ['century', 'centuries'], {calendar: 'year'})
// Speed (base: metre per second)
add('speed', 'm/s', 1000 / 3600, 'km/h', ['km / h', 'kph', 'kmh', 'km / hr', 'kilometers per hour', 'kilometres per hour'])
add('speed', 'm/s', 1609.344 / 3600, 'mph', ['mph', 'miles per hour', 'mi / h'])
add('speed', 'm/s', 1852 / 3600, 'knots', ['knot', 'knots', 'kn', 'kt', 'kts'])
add('speed', 'm/s', 1, 'm/s', ['m / s', 'meters per second', 'metres per second'])
// Power (base: watt) and energy (base: watt-hour): energy briefs quote plant sizes and output.
add('power', 'W', 1, 'W', ['watt', 'watts'])
add('power', 'W', 1e3, 'kW', ['kw', 'kilowatt', 'kilowatts'])
add('power', 'W', 1e6, 'MW', ['mw', 'megawatt', 'megawatts'])
add('power', 'W', 1e9, 'GW', ['gw', 'gigawatt', 'gigawatts'])
add('energy', 'Wh', 1e3, 'kWh', ['kwh', 'kilowatt - hour', 'kilowatt - hours', 'kilowatt hour', 'kilowatt hours'])
add('energy', 'Wh', 1e6, 'MWh', ['mwh', 'megawatt - hour', 'megawatt - hours', 'megawatt hour', 'megawatt hours'])
add('energy', 'Wh', 1e9, 'GWh', ['gwh', 'gigawatt - hour', 'gigawatt - hours', 'gigawatt hour', 'gigawatt hours'])
add('energy', 'Wh', 1e12, 'TWh', ['twh', 'terawatt - hour', 'terawatt - hours', 'terawatt hour', 'terawatt hours'])
// Percent and percentage points
add('percent', '%', 1, '%', ['%', 'percent', 'per cent', 'pct'])
add('points', 'pp', 1, 'percentage points', ['percentage point', 'percentage points', 'pp', 'p.p.', 'ppt', 'ppts'])
// Briefs say "points" for percentage points ("fell 5.6 points"); other points are rare in them.
add('points', 'pp', 1, 'points', ['point', 'points'])
add('points', 'pp', 0.01, 'basis points', ['basis point', 'basis points', 'bp', 'bps'])
// Currencies written after the number ("5 million dollars").
add('money', 'USD', 1, 'dollars', ['dollar', 'dollars', 'us dollars', 'usd'])
add('money', 'EUR', 1, 'euros', ['euro', 'euros', 'eur'])
add('money', 'GBP', 1, 'pounds sterling', ['pounds sterling', 'pound sterling', 'gbp'])
add('money', 'JPY', 1, 'yen', ['yen', 'jpy'])

/** Where matchUnit writes its result (one per scanner, reused: no allocation per call). */
export interface UnitMatch {
  def: UnitDef | null
  /** First token after the unit phrase. */
  next: number
}

/**
 * Matches a unit phrase at token i (a glued hyphen before it is allowed: "10-kilometre zone").
 * Tokens inside a phrase may be spaced or glued ("km/h", "km / h"). On success fills `into`.
 */
export function matchUnit(b: TokenBuffer, i: number, percentContext: boolean, into: UnitMatch): boolean {
  const {toks, count} = b
  if (i >= count) return false
  let t = toks[i]
  if (t.kind === PUNCT && t.lower === '-' && !t.sp && i + 1 < count && !toks[i + 1].sp) {
    i++
    t = toks[i]
  }
  const key = t.kind === NUM ? '' : t.lower
  const list = byFirst.get(key)
  if (!list) return false
  outer: for (const p of list) {
    if (i + p.words.length > count) continue
    for (let k = 1; k < p.words.length; k++) {
      const u = toks[i + k]
      if (u.kind !== WORD && u.kind !== PUNCT && u.kind !== MIXED) continue outer
      if (u.lower !== p.words[k]) continue outer
    }
    if (p.def.needsPercentContext && !percentContext) continue
    into.def = p.def
    into.next = i + p.words.length
    return true
  }
  return false
}

/** Currency symbols and codes written before the number. */
export const CURRENCY_PREFIX: ReadonlyMap<string, string> = new Map([
  ['$', 'USD'], ['€', 'EUR'], ['£', 'GBP'], ['¥', 'JPY'], ['usd', 'USD'], ['eur', 'EUR'],
  ['gbp', 'GBP'], ['jpy', 'JPY'], ['chf', 'CHF'], ['cad', 'CAD'], ['aud', 'AUD'],
])

/** Letters glued before '$' that name the dollar: "US$", "A$", "C$". */
export const DOLLAR_PREFIX: ReadonlyMap<string, string> = new Map([
  ['us', 'USD'], ['a', 'AUD'], ['au', 'AUD'], ['c', 'CAD'], ['ca', 'CAD'], ['nz', 'NZD'], ['hk', 'HKD'], ['s', 'SGD'],
])
