import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {checkDraft} from '../../../server/src/engine/check'
import {DEFAULT_CONFIG} from '../../../server/src/engine/config'
import {loadCorpus} from '../../../server/src/engine/corpus/load'

/**
 * Figure-conflict precision and recall on a draft restating the real documents (issue #19):
 * a hit is a figure-conflict on a sentence whose figure was changed AND whose evidence gives the
 * figure the source states (draft-labels.json); any other figure-conflict is a false alarm.
 */
export async function scoreFigureConflicts(dir: string) {
  const labels = (JSON.parse(readFileSync(join(dir, 'draft-labels.json'), 'utf8')) as {sentences: Array<{line: number; changed: boolean; value: string}>}).sentences
  const corpus = await loadCorpus([join(dir, 'pdf')], {baseDir: dir})
  const messages = checkDraft(readFileSync(join(dir, 'draft.md'), 'utf8'), {corpus, config: DEFAULT_CONFIG}).messages.filter((m) => m.ruleId === 'figure-conflict')
  const digits = (s: string) => s.replace(/[^\d.]/g, '').replace(/\.0+$|\.$/, '')
  let hits = 0
  const details: string[] = []
  for (const m of messages) {
    const line = m.range.start.line + 1
    const label = labels.find((l) => l.line === line)
    const rightValue = label !== undefined && m.evidence.some((e) => e.agrees !== true && e.value !== undefined && digits(e.value) === digits(label.value))
    const hit = label?.changed === true && rightValue
    if (hit) hits++
    details.push(`${hit ? 'hit' : 'false alarm'} line ${line}: ${m.message}`)
  }
  const changed = labels.filter((l) => l.changed).length
  return {conflicts: messages.length, hits, changed, precision: messages.length === 0 ? 1 : hits / messages.length, recall: hits / changed, details}
}
