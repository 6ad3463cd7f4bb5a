// Issue #13: bad input, generated here at run time (no large fixtures). Each case states what the
// user sees: findings, a one-line error and its exit code, or a reason reported once. "Bounded"
// is asserted as "finishes" (the run ends with the expected output), never as a duration.
import {spawnSync} from 'node:child_process'
import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT, runCommand, workspace} from '../helpers/cli'
import {LspClient} from '../lsp/harness'

const CLI = join(ROOT, 'server', 'bin', 'briefcheck.js')
const BRIEF = `---
id: castell2021
title: Annual Report of the Harrow River Authority
author: Mira Castell
date: 2021-03-04
---
The Harrow Dam stands 120 metres tall above the riverbed.
`
const CLAIM = 'The Harrow Dam stands 150 metres tall above the riverbed.'

/** Runs the built CLI; generous timeout: the machine may be busy, the assertion is on output. */
function cli(args: string[], cwd: string) {
  return runCommand(process.execPath, [CLI, ...args], cwd, 240_000)
}

/** Every stderr line is one `briefcheck:` line (or commander's `error:` line): no stack trace. */
function expectOneLineErrors(stderr: string): void {
  for (const line of stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^(briefcheck: |error: )/)
  expect(stderr).not.toMatch(/^\s+at /m)
  expect(stderr).not.toContain('internal error')
}

/** Checks `draft` against the one-source corpus; the claim's sentence is on `line` (1-based). */
async function checkDraft(draft: string | Buffer, extra: Record<string, string> = {}) {
  const dir = workspace({'briefs/castell.md': BRIEF, ...extra})
  writeFileSync(join(dir, 'draft.md'), draft)
  return {dir, ...(await cli(['check', '--corpus', 'briefs', 'draft.md'], dir))}
}

describe('a draft built to break the checker is still checked', () => {
  const cases: Array<[string, () => string]> = [
    ['a figure of 101 digits', () => `The dam rose 1${'7'.repeat(101)} metres. ${CLAIM}\n`],
    ['a figure with 101 decimals', () => `The dam rose 1.${'7'.repeat(101)} metres. ${CLAIM}\n`],
    ['2,000 list markers before the sentence', () => `${'- '.repeat(2000)}${CLAIM}\n`],
    ['4,000 `>` before the sentence', () => `${'>'.repeat(4000)} ${CLAIM}\n`],
    ['10,000 `*` around the sentence', () => `${'*'.repeat(10_000)}${CLAIM}${'*'.repeat(10_000)}\n`],
    ['a 200 KB run of `1.`', () => `${CLAIM} ${'1.'.repeat(100_000)}\n`],
    ['a pin-cite of 100,000 `1-`', () => `${CLAIM.slice(0, -1)} [@castell2021, p. ${'1-'.repeat(100_000)}].\n`],
    ['8,000 spelled numbers', () => `${CLAIM} It rose by ${'eighty-five '.repeat(8000)}metres.\n`],
    ['32,000 money amounts', () => `${CLAIM} It cost ${'$12.5 million, '.repeat(32_000)}in all.\n`],
    ['160,000 bare numbers', () => `${CLAIM} Counts were ${'123 '.repeat(160_000)}in all.\n`],
    ['chained fractions', () => `${CLAIM} The share was ${'1/2/'.repeat(50_000)}3.\n`],
  ]
  for (const [name, make] of cases) {
    it(`${name}: finishes, exit 1, the claim reported at its place`, async () => {
      const text = make()
      const run = await checkDraft(text)
      expectOneLineErrors(run.stderr)
      expect(run.code).toBe(1)
      // The claim keeps its exact column, however much came before it on the line.
      const column = text.split('\n')[0].indexOf('150 metres') + 1
      expect(run.stdout).toContain(`draft.md:1:${column}: warning figure-conflict`)
    })
  }

  it('a figure of 101 digits in a corpus file breaks nothing: the other sources are still compared', async () => {
    const run = await checkDraft(`${CLAIM}\n`, {'briefs/digits.md': `---\ntitle: Digits\n---\nThe dam rose 1.${'9'.repeat(101)} metres tall in 1${'9'.repeat(101)}.\n`})
    expectOneLineErrors(run.stderr)
    expect(run.stdout).toContain('draft.md:1:23: warning figure-conflict')
  })

  it('reports a cap once: deep nesting names the limit in one stderr line', async () => {
    const run = await checkDraft(`${'- '.repeat(2000)}${CLAIM}\n\n${'- '.repeat(2000)}${CLAIM}\n`)
    expect(run.stderr.match(/briefcheck: limit: nesting deeper than \d+ lists or block quotes/g)).toHaveLength(1)
  })

  it('a UTF-8 BOM does not shift the columns of line 1', async () => {
    const plain = await checkDraft(`${CLAIM}\n`)
    const bom = await checkDraft(`\uFEFF${CLAIM}\n`)
    expect(bom.stdout).toBe(plain.stdout)
    expect(bom.stdout).toContain('draft.md:1:23: warning figure-conflict')
  })

  it('a UTF-16 draft (with BOM) is read as the corpus reads it', async () => {
    const plain = await checkDraft(`${CLAIM}\n`)
    const le = await checkDraft(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${CLAIM}\n`, 'utf16le')]))
    expect(le.stdout).toBe(plain.stdout)
  })
})

describe('bad files and arguments: a one-line error, exit 2', () => {
  it('a FIFO given as a draft is refused at once', async () => {
    const dir = workspace({})
    spawnSync('mkfifo', [join(dir, 'draft.md')])
    const run = await cli(['check', 'draft.md'], dir)
    expect(run.code).toBe(2)
    expect(run.stderr.trim()).toBe('briefcheck: cannot read draft.md: a named pipe (FIFO), not a regular file: not read')
  })

  it('briefcheck.json as a FIFO or a link to /dev/zero, accepted.json as a link to /dev/zero: reported, the draft still checked', async () => {
    for (const make of [(p: string) => spawnSync('mkfifo', [p]), (p: string) => symlinkSync('/dev/zero', p)]) {
      const dir = workspace({'briefs/castell.md': BRIEF, 'draft.md': `${CLAIM}\n`})
      make(join(dir, 'briefcheck.json'))
      mkdirSync(join(dir, '.briefcheck'))
      symlinkSync('/dev/zero', join(dir, '.briefcheck', 'accepted.json'))
      const run = await cli(['check', '--corpus', 'briefs', 'draft.md'], dir)
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(/briefcheck: config: .*briefcheck\.json: (a named pipe \(FIFO\), not a regular file|\/dev is a virtual file system): not read/)
      expect(run.stderr).toMatch(/briefcheck: accepted claims: .*accepted\.json: \/dev is a virtual file system: not read/)
      expect(run.stdout).toContain('figure-conflict')
    }
  })

  it('the language server answers initialize in an untrusted workspace whose briefcheck.json is a FIFO', async () => {
    const root = workspace({'briefs/castell.md': BRIEF})
    spawnSync('mkfifo', [join(root, 'briefcheck.json')])
    mkdirSync(join(root, '.briefcheck'))
    symlinkSync('/dev/zero', join(root, '.briefcheck', 'accepted.json'))
    const lsp = await LspClient.start({root, trusted: false})
    try {
      const uri = lsp.open('draft.md', `${CLAIM}\n`)
      expect((await lsp.diagnostics(uri)).diagnostics.length).toBeGreaterThan(0)
    } finally {
      await lsp.stop()
    }
  })

  const usage: Array<[string, string[], RegExp]> = [
    ['--output into a missing folder', ['check', '--output', 'missing/report.txt', 'draft.md'], /^briefcheck: cannot write missing\/report\.txt: no such folder /],
    ['add --to a file', ['add', 'paper.pdf', '--to', 'draft.md'], /^briefcheck: add: --to draft\.md is not a folder$/],
    ['add --max-size abc', ['add', 'paper.pdf', '--max-size', 'abc'], /^error: option '--max-size <MB>' argument 'abc' is invalid/],
    ['add --timeout 1e309', ['add', 'paper.pdf', '--timeout', '1e309'], /^error: option '--timeout <seconds>' argument '1e309' is invalid/],
  ]
  for (const [name, args, expected] of usage) {
    it(name, async () => {
      const dir = workspace({'draft.md': `${CLAIM}\n`, 'paper.pdf': '%PDF-1.4 not really'})
      const run = await cli(args, dir)
      expect(run.code).toBe(2)
      expect(run.stderr.trim().split('\n')).toHaveLength(1)
      expect(run.stderr.trim()).toMatch(expected)
    })
  }

  it('a newline in a file name cannot forge a stderr line', async () => {
    const dir = workspace({'briefs/castell.md': BRIEF, 'draft.md': `${CLAIM}\n`})
    writeFileSync(join(dir, 'briefs', 'bad\nbriefcheck: corpus: forged.md'), Buffer.from([0, 1, 2, 3]))
    const run = await cli(['check', '--corpus', 'briefs', 'draft.md'], dir)
    const lines = run.stderr.split('\n').filter(Boolean)
    expect(lines.filter((l) => l.includes('forged'))).toHaveLength(1)
    expect(lines.find((l) => l.includes('forged'))).toContain('bad\\nbriefcheck: corpus: forged.md: binary file')
  })
})

describe('bibliographies and front matter built to exhaust the parser', () => {
  it('a 620-byte .bib of doubling @string macros is refused with the reason, the rest indexed', async () => {
    let bib = '@string{m0 = "abcdefghijklmnopqrstuvwxyz"}\n'
    for (let i = 1; i < 23; i++) bib += `@string{m${i} = m${i - 1} # m${i - 1}}\n`
    bib += '@article{castell2021, title = m22, author = {Castell, Mira}, year = 2021}\n'
    const run = await checkDraft(`${CLAIM}\n`, {'briefs/refs.bib': bib})
    expect(run.stderr).toMatch(/refs\.bib: bibliography could not be parsed: BibTeX: @string m\d+ expands to more than 100,000 characters: file not read/)
    expect(run.stdout).toContain('figure-conflict')
  })

  it('a BibTeX error quotes at most a short line, not the 30 KB entry', async () => {
    const run = await checkDraft(`${CLAIM}\n`, {'briefs/broken.bib': `@article{k, title = {${'x'.repeat(30_000)}}, year = 2019 @@@\n`})
    const line = run.stderr.split('\n').find((l) => l.includes('broken.bib'))!
    expect(line).toContain('BibTeX')
    expect(line.length).toBeLessThan(400)
  })

  it('front matter of 50,000 keys: in a source it is refused with the reason, in a draft it is skipped; both finish', async () => {
    const yaml = `---\n${Array.from({length: 50_000}, (_, i) => `k${i}: ${i}`).join('\n')}\n---\n\n`
    const run = await checkDraft(`${yaml}${CLAIM}\n`, {'briefs/keys.md': `${yaml}The Harrow Dam stands 120 metres tall.\n`})
    expect(run.stderr).toMatch(/keys\.md: broken front matter: front matter longer than 64 KB: not read/)
    expect(run.stdout).toContain('figure-conflict')
  })
})
