/**
 * A bounded memo for pure functions of a string (sentence splitting, figure extraction,
 * claim classification): a re-check after an edit meets the same paragraphs again, and
 * their analysis is the bulk of a check. When full, it is emptied rather than evicted one by
 * one — simple, and the next check refills it with what is current. Results are shared, so
 * callers must not mutate them.
 */
export function memoize<T>(fn: (key: string) => T, limit = 20_000): (key: string) => T {
  const table = new Map<string, T>()
  return (key: string) => {
    let value = table.get(key)
    if (value === undefined && !table.has(key)) {
      value = fn(key)
      if (table.size >= limit) table.clear()
      table.set(key, value)
    }
    return value as T
  }
}
