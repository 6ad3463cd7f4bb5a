// The layering of docs/architecture.md, enforced: walks every import in server/src and
// client/src and fails when a folder imports what its layer may not (issue #12).
import {readdirSync, readFileSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'
import {describe, expect, it} from 'vitest'

const ROOT = resolve(__dirname, '../..')
const SERVER = join(ROOT, 'server/src')

/** Folders (relative to the repository) and what their files may not import: folders of server/src, or package prefixes. */
const RULES: Array<{from: string; forbidden: string[]; why: string}> = [
  {from: 'server/src/engine', forbidden: ['vscode', 'server/src/protocol', 'server/src/workspace', 'server/src/features', 'server/src/cli', 'server/src/contract.ts', 'client'], why: 'the engine is editor-free and knows no front end'},
  {from: 'server/src/features', forbidden: ['server/src/protocol', 'server/src/workspace', 'server/src/cli'], why: 'features are pure: engine results in, LSP types out, no connection'},
  {from: 'server/src/workspace', forbidden: ['vscode-languageserver', 'server/src/protocol', 'server/src/features', 'server/src/cli'], why: 'a workspace (config, corpus, scheduling) is the same for every front end'},
  {from: 'server/src/cli', forbidden: ['vscode-languageserver', 'server/src/protocol', 'server/src/features'], why: 'the CLI reaches the checks through the engine service, not the server'},
  {from: 'server/src/contract.ts', forbidden: ['vscode', 'server/src/protocol', 'server/src/workspace', 'server/src/features', 'server/src/cli'], why: 'the contract is shared with the client: types and constants only'},
  {from: 'client/src', forbidden: ['server/src/protocol', 'server/src/workspace', 'server/src/features', 'server/src/cli', 'server/src/engine/service.ts'], why: 'the client talks to the server over LSP only'},
]

function files(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))
}

/** Every module a file imports (static, dynamic, re-export, type-only), as a repository path or a package name. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4])
  return specifiers.map((s) => {
    if (!s.startsWith('.')) return s
    const target = relative(ROOT, resolve(dirname(file), s))
    return /\.(ts|js|json)$/.test(target) ? target : `${target}.ts`
  })
}

const inside = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}.`) || (prefix.endsWith('.ts') && path === prefix)

describe('import rules (docs/architecture.md)', () => {
  const all = [...files(SERVER), ...files(join(ROOT, 'client/src'))]

  it('finds the imports it judges', () => {
    const edges = all.flatMap(importsOf)
    expect(all.length).toBeGreaterThan(80)
    expect(edges).toContain('server/src/engine/service.ts')
    expect(edges).toContain('vscode-languageserver')
  })

  it.each(RULES.map((r) => [r.from, r] as const))('%s imports nothing its layer may not', (_from, rule) => {
    const broken: string[] = []
    for (const file of all) {
      const path = relative(ROOT, file)
      if (!inside(path, rule.from)) continue
      for (const target of importsOf(file)) {
        if (rule.forbidden.some((f) => (f.includes('/') || f.endsWith('.ts') ? inside(target, f) : target === f || target.startsWith(`${f}-`) || target.startsWith(`${f}/`)))) {
          broken.push(`${path} imports ${target} (${rule.why})`)
        }
      }
    }
    expect(broken).toEqual([])
  })

  it('keeps every file in server/src under 500 lines', () => {
    // figures/extract.ts is being split into the figure reader's files (issue #12, its own change).
    const long = files(SERVER)
      .filter((f) => !f.endsWith('figures/extract.ts'))
      .map((f) => [relative(ROOT, f), readFileSync(f, 'utf8').split('\n').length] as const)
      .filter(([, lines]) => lines > 500)
    expect(long).toEqual([])
  })
})
