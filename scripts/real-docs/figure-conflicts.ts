import {resolve} from 'node:path'
import {scoreFigureConflicts} from '../../tests/formats/real/figure-score'

// Prints figure-conflict precision and recall on tests/formats/real/draft.md (issue #19).
void scoreFigureConflicts(resolve(__dirname, '../../tests/formats/real')).then((s) => {
  for (const d of s.details) console.log(d)
  console.log(`\nfigure-conflict on the real-document draft: ${s.hits} right of ${s.conflicts} reported (precision ${(100 * s.precision).toFixed(0)}%), ${s.hits} of ${s.changed} changed figures caught with the source's value (recall ${(100 * s.recall).toFixed(0)}%)`)
})
