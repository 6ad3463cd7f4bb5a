// Issue #7: a corpus full of bad files. Each one is named with its reason (engine problems, CLI
// stderr, the server's log and `briefcheck/status`), the good source keeps working, nothing crashes.
import {spawnSync} from 'node:child_process'
import {chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, truncateSync, unlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadCorpus} from '../../server/src/engine/corpus/load'
import {ROOT, runCli, workspace} from '../helpers/cli'
import {LspClient} from '../lsp/harness'

const GOOD = `---
id: rva2021
title: Annual Report of the Harrow River Authority
author: Mira Castell
date: 2021-03-04
---
The Harrow Dam stands 120 metres tall above the riverbed.
`
const CLI = join(ROOT, 'server', 'bin', 'briefcheck.js')
const DRAFT = 'The Harrow Dam stands 150 metres tall above the riverbed.\n'
const UTF16 = '---\ntitle: Sixteen Bit Source\n---\nThe Harrow spillway was widened by 14 metres in 2019.\n'

/** root = tests run as root, where chmod 000 does not stop a read (CAP_DAC_OVERRIDE). */
const isRoot = process.getuid?.() === 0

/** Bad file → the reason it must be reported with. */
const EXPECTED: Record<string, RegExp> = {
  'binary.md': /binary file/,
  'latin1.md': /not valid UTF-8/,
  'huge.md': /50\.0 MB, over the 20 MB limit/,
  'front-matter.md': /broken front matter/,
  'broken.bib': /bibliography could not be parsed: BibTeX/,
  'references.json': /bibliography could not be parsed/,
  'broken.csl.json': /bibliography could not be parsed: CSL-JSON must be an array/,
  'loop.md': /symbolic link loop/,
}

/** Writes the bad corpus under `briefs/` of a fresh workspace. */
function badCorpus(): string {
  const root = workspace({
    'briefcheck.json': JSON.stringify({corpus: ['briefs']}),
    'draft.md': DRAFT,
    'briefs/good.md': GOOD,
    'briefs/front-matter.md': '---\ntitle: [unclosed\nauthor: {\n---\nThe dam was 99 metres tall in 1990.\n',
    'briefs/empty.md': '',
    'briefs/empty.txt': '',
    'briefs/broken.bib': '@article{key1,\n  title = {Unclosed\n  author = Someone and\n',
    'briefs/references.json': '{"items": [ {"id": "x", ',
    'briefs/broken.csl.json': '{"not": "an array"}',
  })
  mkdirSync(join(root, '.git'), {recursive: true})
  const briefs = join(root, 'briefs')
  writeFileSync(join(briefs, 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]))
  writeFileSync(join(briefs, 'latin1.md'), Buffer.from('Caf\xe9 na\xefve: the dam was 99 metres tall.\n', 'latin1'))
  writeFileSync(join(briefs, 'utf16le.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(UTF16, 'utf16le')]))
  const be = Buffer.from(UTF16.replace('Sixteen Bit', 'Big Endian'), 'utf16le').swap16()
  writeFileSync(join(briefs, 'utf16be.md'), Buffer.concat([Buffer.from([0xfe, 0xff]), be]))
  // 50 MB, sparse: the size cap must refuse it from its size alone, without reading it.
  writeFileSync(join(briefs, 'huge.md'), '')
  truncateSync(join(briefs, 'huge.md'), 50 * 1024 * 1024)
  symlinkSync('loop.md', join(briefs, 'loop.md'))
  // A directory loop: globbing must not walk it forever.
  symlinkSync('.', join(briefs, 'self'))
  if (!isRoot) {
    writeFileSync(join(briefs, 'locked.md'), GOOD.replace('rva2021', 'locked'))
    chmodSync(join(briefs, 'locked.md'), 0o000)
  }
  return root
}

describe('a corpus of bad files', () => {
  let root: string
  beforeAll(() => {
    root = badCorpus()
  })

  it('engine: names every bad file with its reason and indexes the good ones', async () => {
    const corpus = await loadCorpus(['briefs'], {baseDir: root})
    const problems = new Map(corpus.problems.map((p) => [p.path.slice(join(root, 'briefs').length + 1), p.reason]))
    for (const [file, reason] of Object.entries(EXPECTED)) expect(problems.get(file), file).toMatch(reason)
    const titles = corpus.sources.map((s) => s.title).sort()
    expect(titles).toContain('Annual Report of the Harrow River Authority')
    // UTF-16 with a BOM (both byte orders) is read, not refused.
    expect(titles).toContain('Sixteen Bit Source')
    expect(titles).toContain('Big Endian Source')
    // Broken front matter: reported, and its body still indexed.
    expect(corpus.sentences.some((s) => s.text.includes('99 metres'))).toBe(true)
    // Empty files are harmless: no problem, no crash.
    expect(problems.has('empty.md')).toBe(false)
    // The directory symlink loop was not followed into duplicates of the same files.
    expect(corpus.sources.filter((s) => s.title === 'Annual Report of the Harrow River Authority').length).toBeLessThanOrEqual(2)
  })

  it.skipIf(isRoot)('engine: reports a file it has no permission to read', async () => {
    const corpus = await loadCorpus(['briefs'], {baseDir: root})
    expect(corpus.problems.find((p) => p.path.endsWith('locked.md'))?.reason).toBe('permission denied')
  })

  // As root chmod 000 stops nothing, so the same check runs the CLI as `nobody` via setpriv
  // (util-linux), where the permission bits apply. `nobody` may not reach the checkout (a clone
  // inside a 0700 folder), so the built CLI and the workspace are copied into a folder `nobody`
  // can reach, found by asking `nobody`; skipped, with the reason, only when none exists.
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p))
  const asNobody = (args: string[], cwd: string) =>
    spawnSync(setpriv!, ['--reuid=65534', '--regid=65534', '--clear-groups', ...args], {cwd, encoding: 'utf8', timeout: 120_000, env: {...process.env, HOME: cwd}})
  it.skipIf(!isRoot || !setpriv)('CLI as an unprivileged user: a chmod 000 file is reported as permission denied', (context) => {
    const base = [tmpdir(), '/tmp', '/var/tmp'].map((parent) => reachableByNobody(parent, asNobody)).find(Boolean)
    if (!base) return context.skip('no folder that the user nobody can reach (or node is out of its reach)')
    cpSync(join(ROOT, 'dist'), join(base, 'dist'), {recursive: true, filter: (src) => !src.endsWith('.map')})
    const dir = join(base, 'work')
    for (const [name, text] of Object.entries({'briefs/good.md': GOOD, 'briefs/locked.md': GOOD.replace('rva2021', 'locked'), 'draft.md': DRAFT})) {
      mkdirSync(dirname(join(dir, name)), {recursive: true, mode: 0o755})
      writeFileSync(join(dir, name), text, {mode: 0o644})
    }
    for (const d of [dir, join(dir, 'briefs')]) chmodSync(d, 0o755)
    chmodSync(join(dir, 'briefs', 'locked.md'), 0o000)
    const run = asNobody([process.execPath, join(base, 'dist', 'cli.js'), 'check', '--corpus', 'briefs', 'draft.md'], dir)
    expect(run.stderr).toContain(`briefcheck: corpus: ${join(dir, 'briefs', 'locked.md')}: permission denied`)
    expect(run.stdout).toContain('figure-conflict')
  })

  it('engine: a file deleted between listing and reading is reported, the rest indexed', async () => {
    const dir = workspace({'a.md': GOOD, 'b.md': GOOD.replace('rva2021', 'vanishing').replace('Annual Report', 'Vanishing Report'), 'c.md': GOOD.replace('rva2021', 'third')})
    // onProgress(done) runs just before file `done` is read: delete b.md (index 1) right then.
    const corpus = await loadCorpus(['.'], {
      baseDir: dir,
      onProgress: (done) => {
        if (done === 1) unlinkSync(join(dir, 'b.md'))
      },
    })
    expect(corpus.problems).toEqual([{path: join(dir, 'b.md'), reason: 'file disappeared while indexing'}])
    expect(corpus.sources.map((s) => s.key).sort()).toEqual(['rva2021', 'third'])
  })

  it('CLI: one stderr line per bad file, naming it and the reason, and still checks the draft', async () => {
    const run = await runCli(['check', 'draft.md'], root)
    expect(run.code).toBe(1)
    for (const [file, reason] of Object.entries(EXPECTED)) {
      const line = run.stderr.split('\n').find((l) => l.startsWith('briefcheck: corpus: ') && l.includes(`briefs/${file}: `))
      expect(line, `${file} in\n${run.stderr}`).toMatch(reason)
    }
    expect(run.stdout).toContain('figure-conflict')
  })

  describe('language server', () => {
    let lsp: LspClient
    beforeAll(async () => {
      lsp = await LspClient.start({root})
    })
    afterAll(async () => {
      await lsp?.stop()
    })

    it('lists every bad file in briefcheck/status problems and the log, and keeps checking', async () => {
      const status = await lsp.next('status', (s) => s.state === 'ready' || s.state === 'error')
      expect(status.state).toBe('ready')
      for (const [file, reason] of Object.entries(EXPECTED)) {
        expect(status.problems.find((p) => p.path.endsWith(`briefs/${file}`))?.reason, file).toMatch(reason)
        await lsp.next('log', (l) => l.message.startsWith('corpus: ') && l.message.includes(`briefs/${file}: `))
      }
      const uri = lsp.open('draft.md', DRAFT)
      const diagnostics = await lsp.diagnostics(uri)
      expect(diagnostics.diagnostics.map((d) => d.code)).toContain('figure-conflict')
    })
  })
})

/**
 * A fresh world-readable folder under `parent` that `nobody` can enter, and from which
 * `nobody` can run node, else undefined.
 */
function reachableByNobody(parent: string, asNobody: (args: string[], cwd: string) => {status: number | null}): string | undefined {
  try {
    const dir = mkdtempSync(join(parent, 'briefcheck-nobody-'))
    chmodSync(dir, 0o755)
    const probe = asNobody([process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(dir)}, require('fs').constants.R_OK | require('fs').constants.X_OK)`], '/')
    return probe.status === 0 ? dir : undefined
  } catch {
    return undefined
  }
}
