// Prints the scores of every fixture set (tuning and holdout) and the misses:
//   npx tsx tests/scoring/run.ts [set ...]
import {join} from 'node:path'
import {addTallies, fixtureSets, precisionRecall, scoreSet, type Tally} from './score'

const root = join(__dirname, '..', 'fixtures')
const only = process.argv.slice(2)
async function main() {
const total: Record<string, Tally> = {}
for (const set of fixtureSets(root).filter((s) => only.length === 0 || only.includes(s))) {
  const score = await scoreSet(root, set)
  addTallies(total, score.tallies)
  for (const m of score.misses) console.log('  ' + m)
  console.log(set, Object.entries(score.tallies).filter(([, t]) => t.tp + t.fn + t.fp > 0).map(([c, t]) => `${c} ${t.tp}/${t.fp}/${t.fn}`).join('  '))
}
for (const [code, t] of Object.entries(total)) {
  if (t.tp + t.fn + t.fp === 0) continue
  const {precision, recall} = precisionRecall(t)
  console.log(`${code}: precision ${precision.toFixed(2)} recall ${recall.toFixed(2)} (tp ${t.tp} fp ${t.fp} fn ${t.fn})`)
}
}
void main()
