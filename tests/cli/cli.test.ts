import {describe, expect, it} from 'vitest'
import {runCli, SEEDS, SEEDS_MISSING, workspace} from '../helpers/cli'

const WITHDRAWAL = [
  '# Russia and the Golan',
  '',
  'In 2018 Moscow promised that Iran-backed forces would withdraw at least 40 kilometers from Israel\'s border.',
  '',
].join('\n')

const BRIEF = [
  '---',
  'id: quint2021dam',
  'title: "The Orrin Dam: Costs and Schedule"',
  'author: Mara Quint',
  'date: 2021-03-04',
  '---',
  '',
  'The Orrin Dam will stand 120 metres tall.',
  '',
].join('\n')

describe('briefcheck check', () => {
  it.skipIf(SEEDS_MISSING)('reports a figure conflict naming both seed sources and their values (issue #3)', async () => {
    const dir = workspace({'draft.md': WITHDRAWAL})
    const {code, stdout} = await runCli(['check', '--corpus', SEEDS, 'draft.md'], dir)
    expect(code).toBe(1)
    const line = stdout.split('\n').find((l) => l.includes('figure-conflict'))
    expect(line).toMatch(/^draft\.md:3:\d+: warning figure-conflict: Draft says at least 40 kilometers; "What to Expect from the U\.S\.-Russia Meeting in Jerusalem" \(Jun 12, 2019\) says at least 85 km; "Can Russia Help Biden.*" says at least 60 km\.$/)
    expect(stdout).toMatch(/disagrees: .*000_617eecc24e587abd\.txt:\d+:\d+ borshchevskaya2019what: .*eighty-five kilometers/)
    expect(stdout).toMatch(/disagrees: .*002_d9c47c556853c1e4\.txt:\d+:\d+ canrussiahelp: .*60 kilometers/)
  })

  it('prints the JSON contract with zero-based UTF-16 positions and evidence', async () => {
    const dir = workspace({'briefs/dam.md': BRIEF, 'draft.md': '# Dam\n\n😀 The Orrin Dam will stand 90 metres tall.\n'})
    const {code, stdout} = await runCli(['check', '--corpus', 'briefs', '--format', 'json', 'draft.md'], dir)
    expect(code).toBe(1)
    const json = JSON.parse(stdout)
    expect(json.version).toBe(1)
    expect(json.files).toHaveLength(1)
    expect(json.files[0].path).toBe('draft.md')
    const conflict = json.files[0].diagnostics.find((d: {code: string}) => d.code === 'figure-conflict')
    // "😀 " is two UTF-16 code units plus a space: "90 metres" starts at character 3 + 25 = 28.
    expect(conflict).toMatchObject({
      range: {start: {line: 2, character: 28}, end: {line: 2, character: 37}},
      severity: 'warning',
      code: 'figure-conflict',
      message: 'Draft says 90 metres; "The Orrin Dam: Costs and Schedule" (Mar 4, 2021) says 120 m.',
      evidence: [
        {
          source: {key: 'quint2021dam', title: 'The Orrin Dam: Costs and Schedule', author: 'Mara Quint', date: '2021-03-04', path: 'briefs/dam.md'},
          text: 'The Orrin Dam will stand 120 metres tall.',
          range: {start: {line: 7, character: 0}, end: {line: 7, character: 41}},
          value: '120 metres',
        },
      ],
    })
    const uncited = json.files[0].diagnostics.find((d: {code: string}) => d.code === 'uncited-claim')
    expect(uncited.range).toEqual({start: {line: 2, character: 0}, end: {line: 2, character: 43}})
  })

  it('writes SARIF 2.1.0 with one-based regions', async () => {
    const dir = workspace({'briefs/dam.md': BRIEF, 'draft.md': 'The Orrin Dam will stand 90 metres tall.\n'})
    const {stdout} = await runCli(['check', '--corpus', 'briefs', '--format', 'sarif', 'draft.md'], dir)
    const sarif = JSON.parse(stdout)
    expect(sarif.version).toBe('2.1.0')
    const result = sarif.runs[0].results.find((r: {ruleId: string}) => r.ruleId === 'figure-conflict')
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: {uri: 'draft.md', uriBaseId: 'SRCROOT'},
      region: {startLine: 1, startColumn: 26, endLine: 1, endColumn: 35},
    })
    expect(sarif.runs[0].tool.driver.rules.map((r: {id: string}) => r.id)).toContain('uncited-claim')
  })

  it('exits 0 when no finding reaches --fail-on, 1 when one does', async () => {
    const dir = workspace({'draft.md': 'The fleet had 40 ships in 2019.\n'})
    expect((await runCli(['check', 'draft.md'], dir)).code).toBe(1)
    expect((await runCli(['check', '--fail-on', 'error', 'draft.md'], dir)).code).toBe(0)
  })

  it('exits 2 with a one-line message for a missing draft or an unreadable corpus', async () => {
    const dir = workspace({'draft.md': 'Text.\n'})
    const missing = await runCli(['check', 'nope.md'], dir)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toBe('briefcheck: cannot read nope.md: no such file\n')
    const corpus = await runCli(['check', '--corpus', 'no-such-folder', 'draft.md'], dir)
    expect(corpus.code).toBe(2)
    expect(corpus.stderr).toContain('briefcheck: unreadable corpus: no-such-folder')
    expect((await runCli(['check', '--format', 'xml', 'draft.md'], dir)).code).toBe(2)
  })

  it('says that no corpus is configured and still runs the citation checks', async () => {
    const dir = workspace({'draft.md': 'The fleet had 40 ships in 2019 [@nobody2020].\n\nThe port opened in 1990.\n'})
    const {code, stdout, stderr} = await runCli(['check', 'draft.md'], dir)
    expect(code).toBe(1)
    expect(stderr).toContain('no corpus configured')
    expect(stdout).toContain('draft.md:1:32: warning unknown-citation')
    expect(stdout).toContain('draft.md:3:1: warning uncited-claim')
  })

  it('reads briefcheck.json: corpus relative to it, rule severities, citation scope; --corpus replaces its corpus', async () => {
    const dir = workspace({
      'briefcheck.json': JSON.stringify({corpus: ['briefs'], rules: {'uncited-claim': 'off', 'figure-conflict': 'error'}}),
      'briefs/dam.md': BRIEF,
      'drafts/draft.md': 'The Orrin Dam will stand 90 metres tall.\n',
    })
    const run = await runCli(['check', 'drafts/draft.md'], dir)
    expect(run.stdout.trim().split('\n')).toEqual([
      'drafts/draft.md:1:26: error figure-conflict: Draft says 90 metres; "The Orrin Dam: Costs and Schedule" (Mar 4, 2021) says 120 m.',
      '    disagrees: briefs/dam.md:8:1 quint2021dam: The Orrin Dam will stand 120 metres tall.',
      '1 finding (1 error) in 1 file',
    ])
    const empty = workspace({'other/readme.md': 'Nothing here.\n'})
    const replaced = await runCli(['check', '--corpus', `${empty}/other`, 'drafts/draft.md'], dir)
    expect(replaced.stdout).not.toContain('figure-conflict')
  })

  it('honours claims accepted in .briefcheck/accepted.json despite a small edit', async () => {
    const dir = workspace({
      '.briefcheck/accepted.json': JSON.stringify({version: 1, accepted: [{text: 'The port of Ardel opened in 1990.', rule: 'uncited-claim'}]}),
      'briefcheck.json': '{}',
      'draft.md': 'The port of Ardel was opened in 1990.\n\nThe fleet had 40 ships in 2019.\n',
    })
    const {stdout} = await runCli(['check', 'draft.md'], dir)
    expect(stdout).not.toContain('draft.md:1:1')
    expect(stdout).toContain('draft.md:3:1: warning uncited-claim')
  })

  it('reports corpus files it cannot read and keeps the rest', async () => {
    const dir = workspace({'briefs/dam.md': BRIEF, 'briefs/broken.md': '---\ntitle: [unclosed\n---\n\nThe dam was 99 metres tall.\n', 'draft.md': 'The Orrin Dam will stand 90 metres tall.\n'})
    const {stdout, stderr} = await runCli(['check', '--corpus', 'briefs', 'draft.md'], dir)
    expect(stderr).toMatch(/briefcheck: corpus: .*broken\.md: broken front matter: /)
    expect(stdout).toContain('says 120 m')
  })
})
