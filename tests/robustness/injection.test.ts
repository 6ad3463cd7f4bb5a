// Issue #7: corpus text cannot inject links, HTML or commands into hovers and completions; an
// untrusted workspace's settings cannot point the corpus outside it; and no regular expression
// in the server can be made to backtrack catastrophically.
import {readdirSync, readFileSync} from 'node:fs'
import {join, relative} from 'node:path'
import {check as recheck} from 'recheck'
import ts from 'typescript'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {CompletionList, Hover, MarkupContent} from 'vscode-languageserver-protocol'
import {ROOT} from '../helpers/cli'
import {LspClient, workspace} from '../lsp/harness'

const EVIL = `---
id: evil2020
title: "Evil [click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> **bold**"
author: "<script>alert(1)</script>"
date: 2020-01-01
---
The Harrow Dam stands 135 metres tall, see [run](command:workbench.action.openSettings?%5B%5D) <a href="command:x">x</a> ![i](https://evil.example/p.png) and \`code\`.
`

describe('corpus text is inert in hovers and completions', () => {
  let lsp: LspClient
  let outside: string
  beforeAll(async () => {
    outside = workspace({'secret/leak.md': '---\ntitle: Leaked Secret\n---\nThe Harrow Dam stands 999 metres tall above the riverbed.\n'})
    const root = workspace({'briefs/evil.md': EVIL, 'briefcheck.json': JSON.stringify({corpus: ['briefs']})})
    // Untrusted: the workspace settings also name a folder outside the workspace.
    lsp = await LspClient.start({root, trusted: false, settings: {corpus: ['briefs', join(outside, 'secret'), '../../..' + join(outside, 'secret')]}})
  })
  afterAll(async () => {
    await lsp?.stop()
  })

  const inert = (markdown: string) => {
    expect(markdown).not.toMatch(/\]\(command:|<img|<script|<a |!\[i\]\(/)
    expect(markdown).not.toMatch(/(?<!\\)\[click\]/)
  }

  it('reads nothing outside the workspace and says why', async () => {
    const status = await lsp.next('status', (s) => s.state === 'ready')
    expect(status.sources).toBe(1)
    expect(status.problems.some((p) => p.path.startsWith(outside) && /outside the workspace/.test(p.reason))).toBe(true)
    const uri = lsp.open('draft.md', 'The Harrow Dam stands 150 metres tall above the riverbed.\n')
    const diagnostics = await lsp.diagnostics(uri)
    expect(JSON.stringify(diagnostics)).not.toContain('Leaked Secret')
  })

  it('hover: escaped Markdown, never trusted', async () => {
    const uri = lsp.uri('draft.md')
    const hover = await lsp.request<Hover>('textDocument/hover', {textDocument: {uri}, position: {line: 0, character: 23}})
    const contents = hover.contents as MarkupContent & {isTrusted?: boolean}
    expect(contents.value).toContain('135 metres')
    expect(contents.isTrusted).toBeUndefined()
    inert(contents.value)
  })

  it('completion documentation: escaped, never trusted', async () => {
    const uri = lsp.open('cite.md', 'The dam [@\n')
    const list = await lsp.request<CompletionList>('textDocument/completion', {textDocument: {uri}, position: {line: 0, character: 10}})
    expect(list.items.map((i) => i.label)).toContain('evil2020')
    const quoteUri = lsp.open('quote.md', 'He said "The Harrow Dam stands\n')
    const quotes = await lsp.request<CompletionList>('textDocument/completion', {textDocument: {uri: quoteUri}, position: {line: 0, character: 30}})
    expect(quotes.items.length).toBeGreaterThan(0)
    for (const item of [...list.items, ...quotes.items]) {
      const doc = item.documentation as (MarkupContent & {isTrusted?: boolean}) | undefined
      expect(doc?.isTrusted).toBeUndefined()
      inert(doc?.value ?? '')
    }
  })
})

/**
 * recheck with its pure-JS backend (no JAR or native binary, so it runs offline); `backend` is
 * a documented option its typings leave out. Every limit is a step count, never a clock: a fixed
 * random seed and no time limits (`timeout`, `incubationTimeout`) make the verdict the same on an
 * idle machine and a busy one. With a 10 s clock the fuzzer explored less under load, so the
 * same pattern passed or failed with the machine's load (issue #13).
 */
const check = (source: string, flags: string) =>
  recheck(source, flags, {backend: 'pure', randomSeed: 1, timeout: null, incubationTimeout: null} as Parameters<typeof recheck>[2])

/** Every regular expression literal in server/src, with where it is. */
function regexLiterals(): Array<{where: string; source: string; flags: string}> {
  const out: Array<{where: string; source: string; flags: string}> = []
  const dir = join(ROOT, 'server', 'src')
  const files = (readdirSync(dir, {recursive: true}) as string[]).filter((f) => f.endsWith('.ts'))
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8')
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
    const visit = (node: ts.Node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText(source)
        const end = literal.lastIndexOf('/')
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1
        out.push({where: `${relative(ROOT, join(dir, file))}:${line}`, source: literal.slice(1, end), flags: literal.slice(end + 1)})
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return out
}

/**
 * Regexes excluded from the check, with the reason. Keyed by source text so a new pattern is
 * never excluded by accident.
 */
const EXCLUDED: Record<string, string> = {}

describe('regular expressions over user and corpus text', () => {
  const literals = regexLiterals()
  it('finds the regex literals of server/src', () => {
    expect(literals.length).toBeGreaterThan(100)
  })
  // Exponential backtracking (or a pattern recheck cannot decide) fails the test. Polynomial
  // ones (mostly `/\s+$/`-style trims: quadratic on a run of spaces not followed by the end) are
  // tolerated up to the 3rd degree: they run over single lines, titles and sentences, not whole
  // files, and are listed in the issue #7 report for follow-up.
  // One test per pattern: each runs in a bounded number of fuzzing steps, and the worker answers
  // vitest between them (a single 70 s synchronous loop tripped vitest's own RPC timeout).
  it.each(literals.filter((r) => !EXCLUDED[r.source]).map((r) => [r.where, r] as const))('%s never backtracks catastrophically', async (_where, r) => {
    const result = await check(r.source, r.flags.replace(/[gy]/g, ''))
    const tolerated = result.status === 'safe' || (result.status === 'vulnerable' && result.complexity.type === 'polynomial' && result.complexity.degree <= 3)
    const detail = result.status === 'vulnerable' ? `${result.complexity.summary}, attack ${result.attack.pattern}` : result.status === 'unknown' ? String(result.error?.kind) : ''
    expect(tolerated ? 'tolerated' : `/${r.source}/${r.flags}: ${result.status} ${detail}`).toBe('tolerated')
  })
})
