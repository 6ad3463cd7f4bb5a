// The CLI and the language server give the same findings for the same workspace (issue #12):
// both go through the engine service, find briefcheck.json and .briefcheck/accepted.json the
// same way, and override the corpus the same way (--corpus / the briefcheck.corpus setting).
import {cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import type {Diagnostic} from 'vscode-languageserver-protocol'
import {LspClient, workspace} from '../lsp/harness'
import {ROOT, runCli} from '../helpers/cli'

const SETS = ['fisheries', 'transit']
const show = (d: {range: Diagnostic["range"]; code?: unknown; message: unknown}) =>
  `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.code)} ${String(d.message)}`

interface Case {
  root: string
  drafts: string[]
  /** Passed to the CLI as --corpus and to the server as the briefcheck.corpus setting. */
  override?: string[]
}

/** A workspace with a fixture set's corpus and drafts, briefcheck.json at its root and one accepted claim. */
function fixtureWorkspace(set: string): Case {
  const root = workspace({'briefcheck.json': JSON.stringify({corpus: ['corpus']})})
  cpSync(join(ROOT, 'tests/fixtures', set, 'corpus'), join(root, 'corpus'), {recursive: true})
  cpSync(join(ROOT, 'tests/fixtures', set, 'drafts'), join(root, 'drafts'), {recursive: true, filter: (p) => !p.endsWith('.json')})
  const draft = `drafts/${readdirSync(join(root, 'drafts')).find((f) => f.endsWith('.md'))}`
  return {root, drafts: [draft]}
}

/** Accepts the first uncited claim the CLI reports, so both front ends must honour the file; returns that finding. */
async function acceptFirstUncited(c: Case): Promise<string> {
  const run = await runCli(['check', '--format', 'json', ...(c.override ?? []).flatMap((o) => ['--corpus', o]), ...c.drafts], c.root)
  const report = JSON.parse(run.stdout) as {files: Array<{path: string; diagnostics: Array<Diagnostic & {code: string}>}>}
  const first = report.files[0].diagnostics.find((d) => d.code === 'uncited-claim')!
  const lines = readFileSync(join(c.root, report.files[0].path), 'utf8').split('\n')
  const text = lines[first.range.start.line].slice(first.range.start.character, first.range.start.line === first.range.end.line ? first.range.end.character : undefined)
  mkdirSync(join(c.root, '.briefcheck'), {recursive: true})
  writeFileSync(join(c.root, '.briefcheck/accepted.json'), JSON.stringify({version: 1, accepted: [{text, rule: 'uncited-claim'}]}))
  return show(first)
}

async function cliFindings(c: Case): Promise<string[]> {
  const run = await runCli(['check', '--format', 'json', ...(c.override ?? []).flatMap((o) => ['--corpus', o]), ...c.drafts], c.root)
  expect(run.code).toBeLessThanOrEqual(1)
  const report = JSON.parse(run.stdout) as {files: Array<{diagnostics: Array<Diagnostic & {message: string}>}>}
  return report.files.flatMap((f) => f.diagnostics.map(show))
}

async function serverFindings(c: Case): Promise<string[]> {
  const lsp = await LspClient.start({root: c.root, settings: c.override ? {corpus: c.override} : {}})
  try {
    await lsp.next('status', (s) => s.state === 'ready')
    const out: string[] = []
    for (const draft of c.drafts) {
      const uri = lsp.open(draft, readFileSync(join(c.root, draft), 'utf8'))
      out.push(...(await lsp.diagnostics(uri)).diagnostics.map(show))
    }
    return out
  } finally {
    await lsp.stop()
  }
}

describe('the CLI and the language server agree', () => {
  const cases: Case[] = []
  beforeAll(() => {
    for (const set of SETS) cases.push(fixtureWorkspace(set))
  })

  it.each(SETS.map((set, i) => [set, i] as const))('on the %s fixtures, with a claim accepted in .briefcheck/accepted.json', async (_set, i) => {
    const c = cases[i]
    const accepted = await acceptFirstUncited(c)
    const cli = await cliFindings(c)
    expect(cli.length).toBeGreaterThan(3)
    // The accepted claim is no longer flagged (by the CLI, and so by the server below).
    expect(cli).not.toContain(accepted)
    expect(await serverFindings(c)).toEqual(cli)
  })

  it('with the corpus overridden (--corpus and the briefcheck.corpus setting) to part of it', async () => {
    const c = cases[0]
    mkdirSync(join(c.root, 'override'))
    for (const file of readdirSync(join(c.root, 'corpus')).sort().slice(0, 2)) cpSync(join(c.root, 'corpus', file), join(c.root, 'override', file))
    const override = {...c, override: ['override']}
    const cli = await cliFindings(override)
    // The override changes what is found: fewer sources, other findings.
    expect(cli).not.toEqual(await cliFindings(c))
    expect(await serverFindings(override)).toEqual(cli)
  })
})
