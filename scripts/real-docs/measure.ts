import {join, resolve} from 'node:path'
import {loadLabels, measurePdf} from '../../tests/formats/real/measure'

// Prints the per-document extraction table of the committed real documents (issue #19):
// `npx tsx scripts/real-docs/measure.ts [--verbose]`. Needs pdftotext (poppler-utils).
const dir = resolve(__dirname, '../../tests/formats/real')
const verbose = process.argv.includes('--verbose')
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7)

async function main() {
  const rows: string[] = ['| document | publisher | sentences (6+ words) | verbatim | notes | notes leaked | tables leaked | number-only | pages wrong/sampled | title | author | date |', '|---|---|---|---|---|---|---|---|---|---|---|---|']
  let metaRight = 0
  let docs = 0
  for (const label of loadLabels(dir)) {
    if (only && !label.file.includes(only)) continue
    docs++
    let s: Awaited<ReturnType<typeof measurePdf>>
    try {
      s = await measurePdf(join(dir, label.file), label)
    } catch (error) {
      rows.push(`| ${label.file.replace(/^pdf\//, '')} | ${label.publisher} | not read: ${error instanceof Error ? error.message : String(error)} |`)
      continue
    }
    if (s.meta.title && s.meta.authors && s.meta.date) metaRight++
    const pct = s.sentences === 0 ? '–' : `${((100 * s.verbatim) / s.sentences).toFixed(1)}%`
    const yes = (b: boolean) => (b ? '✓' : '✗')
    rows.push(`| ${label.file.replace(/^pdf\//, '')} | ${s.publisher} | ${s.sentences} | ${pct} | ${s.notes} | ${s.notesLeaked.length} | ${s.tablesLeaked.length} | ${s.numberSentences.length} | ${s.pagesWrong.length}/${s.pagesSampled} | ${yes(s.meta.title)} | ${yes(s.meta.authors)} | ${yes(s.meta.date)} |`)
    if (verbose) {
      console.error(`\n## ${label.file}\nmeta: ${JSON.stringify(s.meta.got)}`)
      for (const m of s.missing) console.error(`  MISSING: ${m}`)
      for (const m of s.numberSentences) console.error(`  NUMBERS: ${m}`)
      for (const m of s.pagesWrong) console.error(`  PAGE: ${m}`)
      for (const m of [...s.notesLeaked, ...s.tablesLeaked]) console.error(`  LEAK: ${m}`)
    }
  }
  console.log(rows.join('\n'))
  console.log(`\nmetadata (title, author and date all right): ${metaRight} of ${docs}`)
}

void main()
