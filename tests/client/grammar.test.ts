import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {beforeAll, describe, expect, it} from 'vitest'
import oniguruma from 'vscode-oniguruma'
import textmate, {type IGrammar, type IRawGrammar, type StateStack} from 'vscode-textmate'

// The injection grammar tokenized the way VS Code does it (vscode-textmate + vscode-oniguruma),
// on top of a stub Markdown grammar that has the scopes the injection selector excludes.
const require = createRequire(import.meta.url)
const INJECTION = 'briefcheck.injection'
const injection: IRawGrammar & {injectionSelector?: string} = JSON.parse(readFileSync('syntaxes/briefcheck.injection.json', 'utf8'))

/** The least of VS Code's markdown grammar that matters here: fenced code, inline code, HTML comments. */
const stubMarkdown = {
  scopeName: 'text.html.markdown',
  patterns: [
    {begin: '^(```)\\s*(\\w*)$', end: '^(```)$', name: 'markup.fenced_code.block.markdown'},
    {match: '`[^`]+`', name: 'markup.inline.raw.string.markdown'},
    {begin: '<!--', end: '-->', name: 'comment.block.html'},
    {match: '^#{1,6} .*$', name: 'markup.heading.markdown'},
  ],
}

let grammar: IGrammar

beforeAll(async () => {
  await oniguruma.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')))
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName === 'text.html.markdown') return textmate.parseRawGrammar(JSON.stringify(stubMarkdown), 'markdown.json')
      if (scopeName === INJECTION) return textmate.parseRawGrammar(JSON.stringify(injection), 'briefcheck.injection.json')
      return null
    },
    getInjections: (scopeName) => (scopeName === 'text.html.markdown' ? [INJECTION] : undefined),
  })
  const loaded = await registry.loadGrammar('text.html.markdown')
  if (!loaded) throw new Error('stub grammar did not load')
  grammar = loaded
})

/** Tokenizes lines; returns each token's text with its scopes (state carried across lines). */
function tokenize(...lines: string[]): Array<{text: string; scopes: string[]}> {
  let state: StateStack = textmate.INITIAL
  const out: Array<{text: string; scopes: string[]}> = []
  for (const line of lines) {
    const result = grammar.tokenizeLine(line, state)
    for (const token of result.tokens) out.push({text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes})
    state = result.ruleStack
  }
  return out
}

/** The scopes of the first token whose text is `text`. */
function scopesOf(tokens: Array<{text: string; scopes: string[]}>, text: string): string[] {
  const token = tokens.find((t) => t.text === text)
  if (!token) throw new Error(`no token ${JSON.stringify(text)} in ${JSON.stringify(tokens.map((t) => t.text))}`)
  return token.scopes
}

/** The texts scoped with `scope`. */
function textsWith(tokens: Array<{text: string; scopes: string[]}>, scope: string): string[] {
  return tokens.filter((t) => t.scopes.includes(scope)).map((t) => t.text)
}

const KEY = 'entity.name.tag.citation-key.briefcheck'
const CITATION = 'meta.citation.pandoc.briefcheck'

describe('manifest wiring', () => {
  it('injects into Markdown outside code, as contributed in package.json', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'))
    expect(injection.injectionSelector).toBe('L:text.html.markdown -markup.fenced_code -markup.inline.raw')
    expect(pkg.contributes.grammars).toContainEqual({
      scopeName: injection.scopeName,
      path: './syntaxes/briefcheck.injection.json',
      injectTo: ['text.html.markdown'],
    })
  })
})

describe('pandoc citations', () => {
  it('scopes the key of a bracketed citation', () => {
    const tokens = tokenize('GDP grew 2% in 2023 [@ons-2024].')
    expect(scopesOf(tokens, 'ons-2024')).toEqual(expect.arrayContaining(['text.html.markdown', CITATION, KEY]))
    expect(scopesOf(tokens, '[')).toContain('punctuation.definition.citation.begin.briefcheck')
    expect(scopesOf(tokens, '.')).not.toContain(CITATION)
  })

  it('scopes every key of a citation with prefixes, locators and several items', () => {
    const tokens = tokenize('As argued [see @smith2020, p. 4; -@jones:water.2021] before.')
    expect(textsWith(tokens, KEY)).toEqual(['smith2020', 'jones:water.2021'])
    expect(scopesOf(tokens, 'p. 4')).toContain('constant.other.locator.briefcheck')
    expect(scopesOf(tokens, '-')).toContain('keyword.operator.suppress-author.briefcheck')
    expect(scopesOf(tokens, ';')).toContain('punctuation.separator.citation.briefcheck')
    expect(scopesOf(tokens, ' before.')).not.toContain(CITATION)
  })

  it('scopes a bare in-text key without trailing punctuation', () => {
    const tokens = tokenize('@hollis-2023 says 40% of homes lack broadband.')
    expect(scopesOf(tokens, 'hollis-2023')).toEqual(expect.arrayContaining([CITATION, KEY]))
    expect(textsWith(tokens, KEY)).toEqual(['hollis-2023'])
  })

  it('does not take an e-mail address or a link text for a citation', () => {
    const tokens = tokenize('Write to press@example.org or [mail us](mailto:a@b.org).')
    expect(textsWith(tokens, KEY)).toEqual([])
  })

  it('leaves code alone', () => {
    expect(textsWith(tokenize('Run `cite [@key]` now.'), KEY)).toEqual([])
    expect(textsWith(tokenize('```', 'See [@key] and [^1].', '```'), KEY)).toEqual([])
  })
})

describe('footnotes', () => {
  it('scopes a footnote reference and its label', () => {
    const tokens = tokenize('Water use fell 12%[^veyra].')
    expect(scopesOf(tokens, 'veyra')).toEqual(expect.arrayContaining(['meta.footnote.reference.briefcheck', 'entity.name.label.footnote.briefcheck']))
  })

  it('scopes a definition line as a definition, not a reference', () => {
    const tokens = tokenize('[^veyra]: Veyra Basin Authority, Water sharing, 2022.')
    expect(scopesOf(tokens, 'veyra')).toContain('meta.footnote.definition.briefcheck')
    expect(scopesOf(tokens, 'veyra')).not.toContain('meta.footnote.reference.briefcheck')
  })
})

describe('directive comments', () => {
  it('scopes the directive and the check ids', () => {
    const tokens = tokenize('<!-- briefcheck-disable-next-line uncited-claim, quote-mismatch -->')
    expect(scopesOf(tokens, 'briefcheck-disable-next-line')).toEqual(expect.arrayContaining(['comment.block.briefcheck', 'keyword.control.directive.briefcheck']))
    expect(textsWith(tokens, 'entity.name.function.check-id.briefcheck')).toEqual(['uncited-claim', 'quote-mismatch'])
  })

  it('scopes a directive comment spanning lines and ends it at -->', () => {
    const tokens = tokenize('<!-- briefcheck-disable', 'figure-conflict -->', 'Back to [@key].')
    expect(scopesOf(tokens, 'briefcheck-disable')).toContain('keyword.control.directive.briefcheck')
    expect(scopesOf(tokens, 'figure-conflict')).toContain('entity.name.function.check-id.briefcheck')
    expect(scopesOf(tokens, 'key')).not.toContain('comment.block.briefcheck')
  })

  it('leaves other HTML comments to Markdown', () => {
    const tokens = tokenize('<!-- a note on uncited-claim -->')
    expect(textsWith(tokens, 'keyword.control.directive.briefcheck')).toEqual([])
    expect(textsWith(tokens, 'entity.name.function.check-id.briefcheck')).toEqual([])
  })
})
