// Neovim 0.7 (headless) as a writer's LSP editor: the stdio server started with
// vim.lsp.start_client, root_dir at a workspace with briefcheck.json and a two-source corpus.
import {rm} from 'node:fs/promises'
import {join, resolve} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runNvimCheck, type NvimCheckResult} from './nvim/run.mjs'
import {CLAIM_LINE, EXPECT, FIGURE_CHARACTER, createWorkspace} from './fixture'

const REPO = resolve(import.meta.dirname, '../..')
// The npm bin link, as an editor's config would name it (it loads the bundled dist/server.js).
const SERVER = [join(REPO, 'node_modules/.bin/briefcheck-language-server'), '--stdio']

describe('Neovim with briefcheck-language-server --stdio', () => {
  let ws: {dir: string; draft: string}
  let result: NvimCheckResult
  beforeAll(async () => {
    ws = await createWorkspace()
    const t = Date.now()
    // The server publishes only once the corpus is indexed, so the first diagnostics are the real ones.
    result = await runNvimCheck({
      cmd: SERVER, file: ws.draft, timeout: 20_000,
      line: CLAIM_LINE, character: FIGURE_CHARACTER + 1, // hover: inside "180"
      action: {line: CLAIM_LINE, character: 10}, // code actions: the cursor in the uncited sentence
    })
    console.log(`nvim: attach→first diagnostics ${result.diagnosticsMs} ms (whole run ${Date.now() - t} ms)`)
  })
  afterAll(async () => {
    if (ws) await rm(ws.dir, {recursive: true, force: true})
  })

  it('publishes figure-conflict and uncited-claim on the claim line, from source briefcheck', () => {
    const found = result.diagnostics.map((d) => `${d.source}/${d.code}@${d.range.start.line}`)
    expect(found).toContain(`briefcheck/figure-conflict@${CLAIM_LINE}`)
    expect(found).toContain(`briefcheck/uncited-claim@${CLAIM_LINE}`)
    const conflict = result.diagnostics.find((d) => d.code === 'figure-conflict')!
    expect(conflict.range.start.character).toBe(FIGURE_CHARACTER)
  })

  it('hovers the conflicting figure with both sources and their values', () => {
    const hover = result.hover as {contents?: {kind?: string; value?: string}} | null
    const text = hover?.contents?.value ?? ''
    expect(hover?.contents?.kind).toBe('markdown')
    for (const title of EXPECT.titles) expect(text).toContain(title)
    for (const value of EXPECT.values) expect(text).toContain(`**${value}**`)
    expect(text).toContain('Draft says 180')
  })

  it('offers "Cite …" on the uncited sentence with an edit inserting [^1] and its definition', () => {
    const cite = result.codeActions.find((a) => a.title.startsWith('Cite '))
    expect(cite, JSON.stringify(result.codeActions.map((a) => a.title))).toBeDefined()
    expect(cite!.title).toMatch(/^Cite .+ \((Ferreira|Halloran), 2023\)$/)
    const edit = cite!.edit as {changes?: Record<string, Array<{newText: string; range: {start: {line: number}}}>>}
    const edits = Object.values(edit.changes ?? {}).flat()
    expect(edits.find((e) => e.newText === '[^1]')?.range.start.line).toBe(CLAIM_LINE)
    expect(edits.some((e) => /^\n?\[\^1\]: (Tomas Ferreira|Maren Halloran), [“"]/.test(e.newText))).toBe(true)
  })
})
