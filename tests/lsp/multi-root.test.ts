// A multi-root workspace (issue #12): each folder has its own briefcheck.json and corpus, and
// its drafts are checked against that corpus only, as VS Code's Markdown and ESLint servers do;
// folders added at run time get theirs, folders removed take their drafts' diagnostics along.
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {CompletionList} from 'vscode-languageserver-protocol'
import {URI} from 'vscode-uri'
import {LspClient, workspace} from './harness'

const SOURCE = (id: string, height: number) =>
  `---\nid: ${id}\ntitle: Report on the Harrow Dam\nauthor: Mira Castell\ndate: 2021-03-04\n---\nThe Harrow Dam stands ${height} metres tall above the riverbed.\n`
const CLAIM = 'The Harrow Dam stands 150 metres tall above the riverbed.\n'

describe('a two-folder workspace', () => {
  it("checks each folder's drafts against its own corpus and offers its own keys", async () => {
    const root = workspace({
      'north/briefcheck.json': JSON.stringify({corpus: ['sources']}),
      'north/sources/north.md': SOURCE('north2021', 120),
      'south/briefcheck.json': JSON.stringify({corpus: ['refs'], rules: {'uncited-claim': 'off'}}),
      'south/refs/south.md': SOURCE('south2021', 150),
    })
    const lsp = await LspClient.start({root, folders: [join(root, 'north'), join(root, 'south')]})
    try {
      for (const folder of ['north', 'south']) {
        const ready = await lsp.next('status', (s) => s.state === 'ready' && s.folder === URI.file(join(root, folder)).toString())
        expect(ready.sources).toBe(1)
      }
      const north = lsp.open('north/draft.md', CLAIM)
      const south = lsp.open('south/draft.md', CLAIM)
      const codes = async (uri: string) => (await lsp.diagnostics(uri)).diagnostics.map((d) => d.code)
      // North's source says 120 m: a conflict, and the claim is uncited.
      expect((await codes(north)).sort()).toEqual(['figure-conflict', 'uncited-claim'])
      // South's source says 150 m (no conflict) and south's briefcheck.json turns uncited-claim off.
      expect(await codes(south)).toEqual([])
      const keys = async (uri: string) => {
        lsp.edit(uri, [{range: {start: {line: 1, character: 0}, end: {line: 1, character: 0}}, newText: 'See [@'}])
        const list = await lsp.request<CompletionList>('textDocument/completion', {textDocument: {uri}, position: {line: 1, character: 6}})
        return list.items.map((i) => i.label)
      }
      expect(await keys(north)).toEqual(['north2021'])
      expect(await keys(south)).toEqual(['south2021'])
    } finally {
      await lsp.stop()
    }
  })

  it('serves a folder added at run time with its own corpus and clears its drafts when it is removed', async () => {
    const root = workspace({
      'north/briefcheck.json': JSON.stringify({corpus: ['sources']}),
      'north/sources/north.md': SOURCE('north2021', 120),
      'south/briefcheck.json': JSON.stringify({corpus: ['refs'], rules: {'uncited-claim': 'off'}}),
      'south/refs/south.md': SOURCE('south2021', 135),
    })
    const lsp = await LspClient.start({root, folders: [join(root, 'north')]})
    try {
      await lsp.next('status', (s) => s.state === 'ready')
      const codes = (p: {diagnostics: Array<{code?: unknown}>}) => p.diagnostics.map((d) => String(d.code)).sort()
      // Outside every folder, the draft is served by the only one: north's corpus and rules.
      const south = lsp.open('south/draft.md', CLAIM)
      expect(codes(await lsp.diagnostics(south))).toEqual(['figure-conflict', 'uncited-claim'])
      const folder = {uri: URI.file(join(root, 'south')).toString(), name: 'south'}
      let from = lsp.events.length
      await lsp.conn.sendNotification('workspace/didChangeWorkspaceFolders', {event: {added: [folder], removed: []}})
      const ready = await lsp.next('status', (s) => s.state === 'ready' && s.folder === folder.uri, from)
      expect(ready.sources).toBe(1)
      // South's own corpus (135 m) and rules (uncited-claim off).
      const own = await lsp.diagnostics(south, (p) => p.diagnostics.length > 0, from)
      expect(codes(own)).toEqual(['figure-conflict'])
      expect(JSON.stringify(own)).toContain('135')
      from = lsp.events.length
      await lsp.conn.sendNotification('workspace/didChangeWorkspaceFolders', {event: {added: [], removed: [folder]}})
      expect((await lsp.diagnostics(south, () => true, from)).diagnostics).toEqual([])
      const keys = await lsp.request<CompletionList>('textDocument/completion', {textDocument: {uri: south}, position: {line: 0, character: 0}})
      expect(keys.items).toEqual([])
    } finally {
      await lsp.stop()
    }
  })
})
