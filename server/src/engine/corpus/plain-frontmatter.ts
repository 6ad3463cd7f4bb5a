/**
 * Front matter of the plainest shape, read without the `yaml` package: what `yaml`'s `parse`
 * (YAML 1.2, core schema, `YAML_OPTIONS`) returns for it, or undefined for anything else, which
 * frontmatter.ts then gives to `yaml`.
 *
 * Why: `yaml` builds a concrete syntax tree, a document and then the value; it was 7–12% of a
 * parse worker's time in a cold index of the benchmark's 10,000 briefs (README, lean index,
 * "Fourth round"), whose front matter is a handful of `key: value` lines. js-yaml was faster but
 * reads YAML differently (README), so this reads only what leaves no room for a difference:
 * - every line is empty, `key: value`, `key:` followed by the items of a block sequence
 *   (`  - value`, one indentation for all), with `key` a letter then letters, digits, `_`, `-`;
 * - every value is a double-quoted string without `\` or `"` inside (no escapes, no folding), a
 *   single-quoted one without `'` inside, or a plain scalar that can only be a string: it starts
 *   with a letter, holds only letters, digits, spaces and `. _ / , ( ) - ' ’ & + = ? % ~ :`, no
 *   `: ` and no `:` at its end, and is none of the core schema's null and boolean words; or an
 *   ISO date `YYYY-MM-DD` (a string in YAML 1.2's core schema, which has no timestamps);
 * - keys that are not null or boolean words either;
 * - at least one key; no tab, no carriage return, no comment, no trailing space.
 * tests/corpus/plain-frontmatter.test.ts compares it with `yaml` on every front matter of the
 * project's corpora and benchmark briefs and on thousands of generated and mutated ones. Linear.
 */
export function plainFrontMatter(yaml: string): Record<string, string | string[]> | undefined {
  const record: Record<string, string | string[]> = {}
  let keys = 0
  let list: string[] | undefined
  let listIndent = -1
  for (const line of yaml.split('\n')) {
    if (line.length === 0) continue
    const item = ITEM.exec(line)
    if (item) {
      if (!list || (listIndent >= 0 && item[1].length !== listIndent)) return undefined
      listIndent = item[1].length
      const value = scalar(item[2])
      if (value === undefined) return undefined
      list.push(value)
      continue
    }
    if (list && list.length === 0) return undefined
    list = undefined
    const entry = ENTRY.exec(line)
    if (!entry || CORE_WORDS.has(entry[1])) return undefined
    keys++
    if (entry[2] === undefined) {
      record[entry[1]] = list = []
      listIndent = -1
      continue
    }
    const value = scalar(entry[2])
    if (value === undefined) return undefined
    record[entry[1]] = value
  }
  if ((list && list.length === 0) || keys === 0) return undefined
  return record
}

/** `key: value` or `key:` alone (a sequence follows). */
const ENTRY = /^([A-Za-z][A-Za-z0-9_-]*):(?: (\S.*))?$/
/** `  - value`: an item of a block sequence. */
const ITEM = /^( *)- (\S.*)$/

/** A value's string when it is one of the plain shapes above, else undefined. */
function scalar(text: string): string | undefined {
  if (text.endsWith(' ')) return undefined
  const first = text.charCodeAt(0)
  if (first === 0x22) return DOUBLE_QUOTED.test(text) ? text.slice(1, -1) : undefined
  if (first === 0x27) return SINGLE_QUOTED.test(text) ? text.slice(1, -1) : undefined
  if (ISO_DATE.test(text)) return text
  if (!PLAIN.test(text) || text.includes(': ') || text.endsWith(':') || CORE_WORDS.has(text)) return undefined
  return text
}

/** Quoted strings of printable characters only (YAML refuses control characters; tabs left out). */
const DOUBLE_QUOTED = /^"[^"\\\0-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]*"$/
const SINGLE_QUOTED = /^'[^'\0-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]*'$/
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const PLAIN = /^\p{L}[\p{L}\p{N} ._/,()\-'’&+=?%~:]*$/u
/** Plain scalars the core schema reads as null or a boolean. */
const CORE_WORDS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE'])
