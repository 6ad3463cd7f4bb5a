// Grid search over the figure-alignment settings on the TUNING fixture sets and the devset
// (never the holdout sets: tests/fixtures/README.md). Prints F1 per setting, best last:
//   npx tsx scripts/tune.ts
import {join} from 'node:path'
import {CONFLICT} from '../server/src/engine/checks/figure-conflict'
import {ALIGNMENT} from '../server/src/engine/matching/figures'
import {addTallies, loadSet, precisionRecall, scoreLoaded, type Tally} from '../tests/scoring/score'

const TUNING = ['seeds-draft', 'fisheries', 'transit', 'water-utility', 'ferry-services']

async function main() {
  const root = join(__dirname, '..', 'tests', 'fixtures')
  const sets = await Promise.all(TUNING.map((s) => loadSet(join(root, s), s)))
  sets.push(await loadSet(join(__dirname, '..', '..', 'shared', 'devset'), 'devset'))
  const grid = JSON.parse(process.argv[2] ?? '{}') as Record<string, number[]>
  const keys = Object.keys(grid)
  const combos: Array<Record<string, number>> = [{}]
  for (const key of keys) {
    const next: Array<Record<string, number>> = []
    for (const c of combos) for (const v of grid[key]) next.push({...c, [key]: v})
    combos.splice(0, combos.length, ...next)
  }
  const results: Array<{combo: Record<string, number>; f1: number; line: string}> = []
  for (const combo of combos) {
    for (const [k, v] of Object.entries(combo)) {
      if (k in ALIGNMENT) (ALIGNMENT as Record<string, number>)[k] = v
      else (CONFLICT as Record<string, number>)[k] = v
    }
    const total: Record<string, Tally> = {}
    const perSet: string[] = []
    for (const set of sets) {
      const score = scoreLoaded(set)
      addTallies(total, score.tallies)
      const fc = precisionRecall(score.tallies['figure-conflict'])
      perSet.push(`${set.set} ${fc.precision.toFixed(2)}/${fc.recall.toFixed(2)}`)
      if (process.env.MISSES) for (const m of score.misses) if (!m.includes('uncited')) console.log('   ', m)
    }
    const fc = precisionRecall(total['figure-conflict'])
    const sd = precisionRecall(total['sources-disagree'])
    const cm = precisionRecall(total['citation-mismatch'])
    const line = `${JSON.stringify(combo)} figure-conflict P ${fc.precision.toFixed(2)} R ${fc.recall.toFixed(2)} F1 ${fc.f1.toFixed(3)} | sources-disagree F1 ${sd.f1.toFixed(2)} | citation-mismatch F1 ${cm.f1.toFixed(2)} | ${perSet.join(', ')}`
    results.push({combo, f1: process.env.SORT === 'sd' ? sd.f1 : process.env.SORT === 'cm' ? cm.f1 : fc.f1, line})
  }
  results.sort((a, b) => a.f1 - b.f1)
  for (const r of results.slice(-15)) console.log(r.line)
}
void main()
