import {evidenceFor} from '../evidence'
import {findQuotes, lookUpQuote} from '../matching/quotes'
import {defineCheck, type CheckMeta} from './define'

export const quoteNotFound: CheckMeta = {
  id: 'quote-not-found',
  description: 'A quotation that no corpus source contains, even approximately.',
  defaultSeverity: 'information',
}

/**
 * Flags a quoted phrase of three or more words that no source contains verbatim while a
 * source holds a close variant; shows the source's exact words. A quote found nowhere is
 * reported as `quote-not-found` (information).
 *
 * @example ok      Sazhin said Moscow lacked "any mechanisms that would force Tehran".
 * @example not-ok  Sazhin said Moscow lacked "any means that would force Tehran".
 */
export const quoteMismatch = defineCheck(
  {id: 'quote-mismatch', description: 'A quotation worded differently from the source it comes from.', defaultSeverity: 'warning'},
  (s, analysis, report) => {
    if (analysis.corpus.isEmpty) return
    for (const quote of findQuotes(s.sentence.text)) {
      const lookup = lookUpQuote(analysis.corpus, quote.text)
      const start = s.sentence.toDraftOffset(quote.start)
      const end = s.sentence.toDraftOffset(quote.end - 1) + 1
      if (lookup.status === 'verbatim') continue
      if (lookup.status === 'variant') {
        const evidence = evidenceFor(analysis.corpus, lookup.sentence, lookup.words, false)
        report({
          start,
          end,
          reason: `Quote differs from the source: "${evidence.title}" has "${lookup.words}"`,
          actual: quote.text,
          expected: [lookup.words],
          evidence: [evidence],
          fixes: [{kind: 'replace', title: "Use the source's wording", start, end, text: lookup.words, preferred: true}],
        })
      } else {
        report({ruleId: 'quote-not-found', start, end, reason: `Quote not found in any corpus source: "${quote.text}"`, actual: quote.text})
      }
    }
  },
)
