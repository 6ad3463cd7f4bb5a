// Grows each adversarial input of issue #13 tenfold and prints how the time to check it grows
// (a ratio near 10 is linear, near 100 quadratic). For the README and notes, not a test:
// timings depend on the machine; CPU time (user + system of the measuring process) is printed
// beside wall time because it moves far less on a shared, busy machine. Run: node --import tsx scripts/adversarial-growth.ts [name…]
// Each measurement runs in its own process with a deadline, so one slow case cannot stall the table.
import {spawnSync} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const CLAIM = 'The Harrow Dam stands 150 metres tall above the riverbed.'
/** Input builders: `n` is the repeat count at scale 1; the table compares n and 10n. */
export const CASES: Record<string, {n: number; make: (n: number) => string; source?: boolean}> = {
  'list markers': {n: 200, make: (n) => `${'- '.repeat(n)}${CLAIM}\n`},
  '`>` markers': {n: 400, make: (n) => `${'>'.repeat(n)} ${CLAIM}\n`},
  '`*` run': {n: 1000, make: (n) => `${'*'.repeat(n)}${CLAIM}${'*'.repeat(n)}\n`},
  'run of `1.`': {n: 10_000, make: (n) => `${CLAIM} ${'1.'.repeat(n)}\n`},
  'pin-cite `1-`': {n: 10_000, make: (n) => `${CLAIM.slice(0, -1)} [@c, p. ${'1-'.repeat(n)}].\n`},
  'spelled numbers': {n: 800, make: (n) => `${CLAIM} It rose by ${'eighty-five '.repeat(n)}metres.\n`},
  'one long line': {n: 2_000, make: (n) => `${CLAIM} ${'The dam rose by 5 percent in the north region '.repeat(n)}.\n`},
  'money amounts': {n: 3_200, make: (n) => `${CLAIM} It cost ${'$12.5 million, '.repeat(n)}in all.\n`},
  'bare numbers': {n: 16_000, make: (n) => `${CLAIM} Counts were ${'123 '.repeat(n)}in all.\n`},
  'chained fractions': {n: 5_000, make: (n) => `${CLAIM} The share was ${'1/2/'.repeat(n)}3.\n`},
  'setext headings': {n: 1_000, make: (n) => `${'Title\n=====\n\n'.repeat(n)}${CLAIM}\n`},
  'footnote references': {n: 5_000, make: (n) => `${CLAIM}${'[^1]'.repeat(n)}\n\n[^1]: Castell 2021.\n`},
  links: {n: 3_000, make: (n) => `${CLAIM} ${'[a](http://x.org) '.repeat(n)}\n`},
  'pandoc keys': {n: 3_000, make: (n) => `${CLAIM} [${Array.from({length: n}, (_, i) => `@k${i}`).join('; ')}]\n`},
  'nested list (indented)': {n: 70, make: (n) => Array.from({length: n}, (_, i) => `${'  '.repeat(i)}- ${CLAIM}`).join('\n') + '\n'},
  'table cells': {n: 5_000, make: (n) => { const c = 100; return `|${' h |'.repeat(c)}\n|${' --- |'.repeat(c)}\n${`|${' 12 tanks |'.repeat(c)}\n`.repeat(Math.max(1, n / c))}` }},
  'front matter keys (draft)': {n: 5_000, make: (n) => `---\n${Array.from({length: n}, (_, i) => `k${i}: ${i}`).join('\n')}\n---\n\n${CLAIM}\n`},
  'front matter keys (source)': {n: 5_000, source: true, make: (n) => `---\n${Array.from({length: n}, (_, i) => `k${i}: ${i}`).join('\n')}\n---\n\nThe Harrow Dam stands 120 metres tall.\n`},
}

const BRIEF = '---\nid: castell2021\ntitle: Annual Report\nauthor: Mira Castell\ndate: 2021-03-04\n---\nThe Harrow Dam stands 120 metres tall above the riverbed.\n'
const DEADLINE_MS = 120_000

/** One measurement, in this process: milliseconds to load the corpus and check the draft. */
async function measure(name: string, scale: number): Promise<void> {
  const {checkDraft} = await import('../server/src/engine/check')
  const {loadCorpus} = await import('../server/src/engine/corpus/load')
  const {readConfigFile} = await import('../server/src/workspace/config-file')
  const spec = CASES[name]
  const dir = mkdtempSync(join(tmpdir(), 'briefcheck-growth-'))
  const text = spec.make(spec.n * scale)
  writeFileSync(join(dir, 'brief.md'), BRIEF)
  if (spec.source) writeFileSync(join(dir, 'source.md'), text)
  const draft = spec.source ? `${CLAIM}\n` : text
  const config = readConfigFile(undefined, dir).config
  const start = performance.now()
  const cpu = process.cpuUsage()
  const corpus = await loadCorpus([dir], {baseDir: dir})
  checkDraft(draft, {corpus, config})
  const used = process.cpuUsage(cpu)
  process.stdout.write(JSON.stringify({ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, bytes: text.length}))
}

function run(name: string, scale: number): {ms?: number; cpuMs?: number; bytes?: number; failed?: string} {
  const child = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--measure', name, String(scale)], {encoding: 'utf8', timeout: DEADLINE_MS})
  if (child.error || child.status !== 0) return {failed: child.signal ? `over ${DEADLINE_MS / 1000} s` : (child.stderr.split('\n').find(Boolean) ?? 'failed')}
  return JSON.parse(child.stdout)
}

if (process.argv[2] === '--measure') {
  void measure(process.argv[3], Number(process.argv[4]))
} else {
  const names = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(CASES)
  const kb = (b?: number) => (b === undefined ? '?' : `${(b / 1024).toFixed(0)} KB`)
  console.log('| input | size ×1 | time ×1 (CPU) | size ×10 | time ×10 (CPU) | ratio (CPU) |')
  console.log('| --- | --- | --- | --- | --- | --- |')
  for (const name of names) {
    const one = run(name, 1)
    const ten = run(name, 10)
    const ms = (r: {ms?: number; cpuMs?: number; failed?: string}) => r.failed ?? `${r.ms!.toFixed(0)} ms (${r.cpuMs!.toFixed(0)})`
    const ratio = one.ms && ten.ms ? `${(ten.ms / one.ms).toFixed(1)} (${(ten.cpuMs! / one.cpuMs!).toFixed(1)})` : '—'
    console.log(`| ${name} | ${kb(one.bytes)} | ${ms(one)} | ${kb(ten.bytes)} | ${ms(ten)} | ${ratio} |`)
  }
}
