// Issue #13: Markdown built to make the parser superlinear (each under 1 MB, generated here). Each
// case runs the built CLI and asserts what the user sees: the run finishes, the claim on line 1 is
// still reported at its column, and a cap that was reached is named once on stderr. Speed is
// measured by scripts/adversarial-growth.ts, never here.
import {spawn} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT, workspace} from '../helpers/cli'

const CLI = join(ROOT, 'server', 'bin', 'briefcheck.js')
const BRIEF = '---\nid: castell2021\ntitle: Annual Report of the Harrow River Authority\nauthor: Mira Castell\ndate: 2021-03-04\n---\nThe Harrow Dam stands 120 metres tall above the riverbed.\n'
const CLAIM = 'The Harrow Dam stands 150 metres tall above the riverbed.'

/**
 * Runs the built CLI without blocking the test worker (a synchronous spawn of half a minute on a
 * busy machine starves vitest's worker RPC, which then reports "Timeout calling onTaskUpdate").
 */
function check(draft: string): Promise<{code: number | null; stdout: string; stderr: string}> {
  const dir = workspace({'briefs/castell.md': BRIEF})
  writeFileSync(join(dir, 'draft.md'), draft)
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, 'check', '--corpus', 'briefs', 'draft.md'], {cwd: dir})
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c))
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
    child.on('error', fail)
    child.on('close', (code) => done({code, stdout, stderr}))
  })
}

const cases: Array<{name: string; draft: () => string; notice?: RegExp}> = [
  {name: '10,000 setext headings', draft: () => `${CLAIM}\n\n${'Title\n=====\n\n'.repeat(10_000)}`, notice: /more than 256 headings underlined/},
  {name: '50,000 footnote references', draft: () => `${CLAIM}${'[^1]'.repeat(50_000)}\n\n[^1]: Castell 2021.\n`},
  {name: '30,000 links', draft: () => `${CLAIM} ${'[a](http://x.org) '.repeat(30_000)}\n`},
  {name: '30,000 pandoc keys in one bracket', draft: () => `${CLAIM} [${Array.from({length: 30_000}, (_, i) => `@k${i}`).join('; ')}]\n`, notice: /a bracket spanning more than 2000 characters/},
  {name: 'a 700-deep indented list', draft: () => Array.from({length: 700}, (_, i) => `${'  '.repeat(i)}- ${CLAIM}`).join('\n') + '\n', notice: /indented more than 128 columns/},
  {name: 'a 500 × 100 table', draft: () => `${CLAIM}\n\n|${' h |'.repeat(100)}\n|${' --- |'.repeat(100)}\n${`|${' 12 tanks |'.repeat(100)}\n`.repeat(500)}`},
]

describe('Markdown that made the parser superlinear is still checked', () => {
  for (const {name, draft, notice} of cases) {
    it(`${name}: finishes, exit 1, the claim on line 1 reported${notice ? ', the cap named once' : ''}`, async () => {
      const text = draft()
      expect(text.length).toBeLessThan(1048576)
      const run = await check(text)
      expect(run.code).toBe(1)
      const column = text.split('\n')[0].indexOf('150 metres') + 1
      expect(run.stdout).toContain(`draft.md:1:${column}: warning figure-conflict`)
      for (const line of run.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^briefcheck: /)
      if (notice) expect(run.stderr.split('\n').filter((l) => notice.test(l))).toHaveLength(1)
    })
  }

  it('below the caps nothing is blanked: a setext heading, a link and an indented list read as Markdown', async () => {
    const run = await check(`Dams\n====\n\n${CLAIM} See [the report](http://x.org).\n\n- a\n  - ${CLAIM}\n`)
    expect(run.code).toBe(1)
    expect(run.stderr).not.toMatch(/limit/)
    expect(run.stdout).toContain('draft.md:4:23: warning figure-conflict')
    expect(run.stdout).toContain('draft.md:7:27: warning figure-conflict')
  })
})
