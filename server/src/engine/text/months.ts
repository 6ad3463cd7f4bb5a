// One list per fact (issue #12): the English month names. Short forms, the name → number table
// and the regex alternation are derived from it, so readers of dates cannot drift apart.

/** Month names in calendar order. */
export const MONTH_NAMES: readonly string[] = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** Three-letter forms ("Jan"…"Dec"), as datelines and hovers print them. */
export const MONTH_SHORT: readonly string[] = MONTH_NAMES.map((name) => name.slice(0, 3))

/** Lower-case full names, three-letter forms and "sept" → month number (1–12). */
export const MONTH_NUMBERS: ReadonlyMap<string, number> = new Map(
  MONTH_NAMES.flatMap((name, i) => {
    const lower = name.toLowerCase()
    const forms = [lower, lower.slice(0, 3), ...(lower === 'september' ? ['sept'] : [])]
    return forms.map((form) => [form, i + 1] as [string, number])
  }),
)

/**
 * A capturing group matching any month as written in prose ("Jan", "January", "Sept"…),
 * longest form first; literal alternatives only, so it never backtracks badly.
 */
export const MONTH_PATTERN = `(${[...MONTH_NUMBERS.keys()].sort((a, b) => b.length - a.length).map((m) => m[0].toUpperCase() + m.slice(1)).join('|')})`
