import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {ALL_CHECKS} from '../../server/src/engine/checks'
import {DEFAULT_CONFIG} from '../../server/src/engine/config'
import {COMMANDS} from '../../client/src/status'

// The settings are written out in package.json (VS Code reads them from there, never at runtime);
// this test diffs them with the check registry (STYLE.md, "Add a check", step 3).

const pkg = JSON.parse(readFileSync('package.json', 'utf8'))
const properties: Record<string, Record<string, unknown>> = pkg.contributes.configuration.properties
const RULE = 'briefcheck.rules.'
const SEVERITIES = ['off', 'hint', 'information', 'warning', 'error']

describe('briefcheck.rules.* settings', () => {
  const rules = Object.keys(properties).filter((key) => key.startsWith(RULE))

  it('are exactly the registry’s check ids', () => {
    expect(rules.map((key) => key.slice(RULE.length)).sort()).toEqual(ALL_CHECKS.map((c) => c.id).sort())
  })

  it.each(ALL_CHECKS.map((c) => [c.id, c] as const))('%s defaults to the check’s severity, with every level on offer', (id, check) => {
    const setting = properties[RULE + id]
    expect(setting).toMatchObject({type: 'string', enum: SEVERITIES, default: check.defaultSeverity})
    expect(String(setting.markdownDescription ?? setting.description)).toContain(check.description)
  })
})

describe('other settings', () => {
  it('default to the engine’s defaults', () => {
    expect(properties['briefcheck.enable']).toMatchObject({type: 'boolean', default: true})
    expect(properties['briefcheck.corpus']).toMatchObject({type: 'array', items: {type: 'string'}, default: DEFAULT_CONFIG.corpus})
    expect(properties['briefcheck.citationStyle']).toMatchObject({enum: ['footnote', 'pandoc'], default: DEFAULT_CONFIG.citationStyle})
    expect(properties['briefcheck.citationScope']).toMatchObject({enum: ['sentence', 'paragraph'], default: DEFAULT_CONFIG.citationScope})
    expect(properties['briefcheck.maxFileSizeMB']).toMatchObject({type: 'number', default: 20})
    expect(properties['briefcheck.trace.server']).toMatchObject({enum: ['off', 'messages', 'verbose'], default: 'off'})
  })

  it('all have a description and a type', () => {
    for (const [key, setting] of Object.entries(properties)) {
      expect(key).toMatch(/^briefcheck\./)
      expect(setting.type, key).toBeTypeOf('string')
      expect(setting.description ?? setting.markdownDescription, key).toBeTypeOf('string')
      if (Array.isArray(setting.enum)) expect(setting.enum, key).toContain(setting.default)
    }
  })
})

describe('manifest', () => {
  it('contributes every command the client registers, in the Briefcheck category', () => {
    const commands: Array<{command: string; title: string; category: string}> = pkg.contributes.commands
    expect(commands.map((c) => c.command).sort()).toEqual(Object.values(COMMANDS).sort())
    for (const c of commands) expect(c.category).toBe('Briefcheck')
    // The server registers `briefcheck.reindex` itself (executeCommandProvider); a palette
    // entry of the same id would clash with the language client's registration.
    expect(commands.map((c) => c.command)).not.toContain('briefcheck.reindex')
  })

  it('activates on Markdown, limits itself in untrusted workspaces and restricts the corpus and store settings', () => {
    expect(pkg.main).toBe('./dist/client.js')
    expect(pkg.activationEvents).toEqual(['onLanguage:markdown', 'onLanguage:quarto', 'onLanguage:rmd'])
    expect(pkg.capabilities.untrustedWorkspaces).toMatchObject({supported: 'limited', restrictedConfigurations: ['briefcheck.corpus', 'briefcheck.store.postgres']})
    expect(pkg.repository).toEqual({type: 'git', url: 'https://github.com/briefcheck/briefcheck'})
  })

  it('contributes the snippets and grammar files that exist', () => {
    expect(pkg.contributes.snippets).toEqual([{language: 'markdown', path: './snippets/markdown.json'}])
    for (const {path} of [...pkg.contributes.snippets, ...pkg.contributes.grammars]) expect(() => JSON.parse(readFileSync(path, 'utf8'))).not.toThrow()
  })
})
