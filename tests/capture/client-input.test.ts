import {describe, expect, it} from 'vitest'
import {classifySourceInput, parseAddedSource} from '../../client/src/sources'

describe('"Add source from URL or file…" in the client (issue #9)', () => {
  it('tells URLs, paths and an empty answer (open a file picker) apart', () => {
    expect(classifySourceInput('https://example.org/a.pdf')).toBe('url')
    expect(classifySourceInput(' http://127.0.0.1:8080/x ')).toBe('url')
    expect(classifySourceInput('refs/report.pdf')).toBe('file')
    expect(classifySourceInput('')).toBe('pick')
    expect(classifySourceInput('ftp://host/x.pdf')).toBe('invalid')
  })

  it('validates the server answer', () => {
    expect(parseAddedSource({path: '/w/a.md', title: 'T', authors: ['A', 3], date: null, warnings: []})).toEqual({path: '/w/a.md', original: undefined, title: 'T', authors: ['A'], date: undefined, warnings: []})
    expect(parseAddedSource(null)).toBeUndefined()
    expect(parseAddedSource({title: 'no path'})).toBeUndefined()
  })
})
