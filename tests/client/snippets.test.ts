import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'

const snippets: Record<string, {prefix: string; body: string[] | string; description: string}> = JSON.parse(readFileSync('snippets/markdown.json', 'utf8'))
const body = (name: string) => [snippets[name].body].flat().join('\n')

describe('snippets/markdown.json', () => {
  it.each(Object.keys(snippets))('%s has a prefix, a body and a description', (name) => {
    const snippet = snippets[name]
    expect(snippet.prefix).toMatch(/^\w+$/)
    expect(snippet.description).toBeTypeOf('string')
    expect(body(name).length).toBeGreaterThan(0)
    // Every ${ opens a placeholder that closes (an unbalanced one inserts literally).
    let depth = 0
    for (const [i, ch] of [...body(name)].entries()) {
      if (ch === '$' && body(name)[i + 1] === '{') depth++
      else if (ch === '}' && depth > 0) depth--
    }
    expect(depth).toBe(0)
  })

  it('offers brief, fn and bq', () => {
    expect(Object.values(snippets).map((s) => s.prefix).sort()).toEqual(['bq', 'brief', 'fn'])
  })

  it('lays out a brief with front matter and the standard sections', () => {
    const text = body('Brief skeleton')
    expect(text).toMatch(/^---\ntitle: .*\nauthor: .*\ndate: .*\n---\n/)
    const headings = text.split('\n').filter((line) => line.startsWith('#'))
    expect(headings).toEqual(['# ${1:Title}', '## Bottom line', '## Background', '## Analysis', '## Recommendations', '## Conclusion', '## Notes'])
  })

  it('writes a footnote reference and its definition with the same label', () => {
    expect(body('Footnote citation')).toMatch(/^\[\^\$\{1:n\}\]\n\n\[\^\$\{1:n\}\]: /)
  })

  it('attributes a block quote to a speaker, source and footnote', () => {
    expect(body('Block quote with attribution')).toBe('> "${1:quote}"\n>\n> — ${2:Speaker}, ${3:Source}[^${4:n}]$0')
  })
})
