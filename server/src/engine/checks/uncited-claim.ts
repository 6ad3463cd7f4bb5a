import type {DraftAnalysis, SentenceAnalysis} from '../analysis'
import {defineCheck} from './define'

/**
 * Flags a sentence that asserts a checkable fact and carries no citation.
 *
 * Not flagged: opinions and advice, questions, sentences about the brief itself, headings,
 * table cells, footnote definitions, code. Cited means a footnote reference, a pandoc key,
 * a link to a source, or an author–date parenthetical in the sentence (or, with
 * `citationScope: "paragraph"`, at the end of its paragraph).
 *
 * @example ok      The ceasefire collapsed within four months.[^1]
 * @example not-ok  The ceasefire collapsed within four months.
 */
export const uncitedClaim = defineCheck(
  {id: 'uncited-claim', description: 'A factual sentence (figures, dates, named events, attributions, quotes) with no citation.', defaultSeverity: 'warning'},
  (s, analysis, report) => {
    if (!s.verdict.claim || s.citations.length > 0) return
    const keys = suggestions(analysis, s)
    report({
      start: s.sentence.start,
      end: s.sentence.end,
      reason: `Uncited claim (${s.verdict.signals.join(', ')}): add a citation`,
      note: 'A sentence that states a checkable fact should cite its source.',
      expected: keys,
      fixes: [{kind: 'cite', keys, preferred: true}, {kind: 'accept'}],
    })
  },
)

/** Citation keys of the sources that best match the sentence: the quick fix's candidates. */
function suggestions(analysis: DraftAnalysis, s: SentenceAnalysis): string[] {
  const keys: string[] = []
  for (const hit of analysis.corpus.retrieve(s.sentence.analysisText, 10)) {
    const key = analysis.corpus.sources[analysis.corpus.sentences[hit.sentence].source].key
    if (!keys.includes(key)) keys.push(key)
    if (keys.length === 3) break
  }
  return keys
}
