import {defineCheck} from './define'

/**
 * Flags a pandoc key that names no corpus source, or a footnote reference with no definition.
 *
 * @example ok      Fell 16% [@vandyke2020trends].
 * @example not-ok  Fell 16% [@nosuchkey2020].
 */
export const unknownCitation = defineCheck(
  {id: 'unknown-citation', description: 'A pandoc key or footnote that resolves to no corpus source and has no definition.', defaultSeverity: 'warning'},
  (s, analysis, report) => {
    // A citation a sentence inherits from its paragraph is reported by its own sentence.
    for (const {citation, resolution, inherited} of s.citations) {
      if (resolution.status !== 'unknown' || inherited) continue
      const known = [...analysis.corpus.sources.map((source) => source.key), ...analysis.bibliography.entries.map((e) => e.key)]
      const where = analysis.bibliography.files.length > 0 || analysis.bibliography.entries.length > 0 ? 'no corpus source or bibliography entry has this key' : 'no corpus source has this key'
      report({
        start: citation.start,
        end: citation.end,
        reason:
          citation.kind === 'footnote'
            ? `Footnote [^${citation.target}] has no definition`
            : `Unknown citation key @${citation.target}: ${where}`,
        actual: citation.target,
        expected: citation.kind === 'pandoc' ? closest(citation.target, known) : [],
      })
    }
  },
)

/** Known keys sharing the longest prefix with the unknown one: likely typos. */
function closest(key: string, known: string[]): string[] {
  const score = (k: string) => {
    let i = 0
    while (i < k.length && i < key.length && k[i] === key[i]) i++
    return i
  }
  return known
    .map((k) => ({k, s: score(k)}))
    .filter((x) => x.s >= 3)
    .sort((a, b) => b.s - a.s)
    .slice(0, 3)
    .map((x) => x.k)
}
