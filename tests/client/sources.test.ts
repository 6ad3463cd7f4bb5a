import {describe, expect, it} from 'vitest'
import {classifyPath, matchPickItem, parseMatchingSources, parseSources, parseTextEdits, shortTitle, sourcePickItem, yearOf} from '../../client/src/sources'

const range = {start: {line: 4, character: 0}, end: {line: 4, character: 42}}

describe('pick items', () => {
  it('lists a source by short title, author and year, with the reference below', () => {
    expect(
      sourcePickItem({
        key: 'veyra-2022',
        title: 'Veyra Basin water sharing: options for the 2023 treaty review',
        author: 'Veyra Basin Authority',
        date: '2022-06-30',
        path: '/w/briefs/veyra.md',
        reference: 'Veyra Basin Authority (2022). Veyra Basin water sharing.',
      }),
    ).toEqual({label: 'Veyra Basin water sharing', description: 'Veyra Basin Authority, 2022', detail: 'Veyra Basin Authority (2022). Veyra Basin water sharing.'})
  })

  it('leaves out what a source lacks', () => {
    expect(sourcePickItem({key: 'k', title: 'Untitled', path: 'a.md', reference: 'k'}).description).toBe('')
    expect(sourcePickItem({key: 'k', title: 'T', date: 'Spring', path: 'a.md', reference: 'k'}).description).toBe('Spring')
  })

  it('cuts long titles at a word', () => {
    const short = shortTitle('Can Russia help Biden with Iran and what would it want in return from Washington and Tehran')
    expect(short.length).toBeLessThanOrEqual(60)
    expect(short).toMatch(/\w…$/)
    expect(short).not.toMatch(/ …$/)
  })

  it('finds the year in a date', () => {
    expect(yearOf('2019-03-21')).toBe('2019')
    expect(yearOf('March 2019')).toBe('2019')
    expect(yearOf(undefined)).toBeUndefined()
  })

  it('lists a matching passage by title, file and line, with its text', () => {
    expect(matchPickItem({path: '/w/briefs/hollis.md', range, title: 'Hollis County broadband', text: 'About 40% of homes lack broadband.'})).toEqual({
      label: 'Hollis County broadband',
      description: 'hollis.md:5',
      detail: 'About 40% of homes lack broadband.',
    })
  })
})

describe('responses are validated, not cast', () => {
  it('keeps well-formed sources and fills a missing title and reference from the key', () => {
    expect(parseSources([{key: 'a', path: 'a.md'}, {title: 'no key'}, 7, {key: 'b', title: 'B', path: 'b.md', reference: 'B (2020)', author: ''}])).toEqual([
      {key: 'a', title: 'a', path: 'a.md', reference: 'a'},
      {key: 'b', title: 'B', path: 'b.md', reference: 'B (2020)'},
    ])
    expect(parseSources(null)).toEqual([])
  })

  it('keeps matching sources with a valid range', () => {
    expect(parseMatchingSources([{path: 'a.md', range, title: 'A', text: 't'}, {path: 'b.md', range: {start: {line: 1}}, title: 'B', text: ''}])).toEqual([
      {path: 'a.md', range, title: 'A', text: 't'},
    ])
  })

  it('keeps text edits with a range and new text', () => {
    expect(parseTextEdits([{range, newText: '[^3]'}, {range, newText: 3}, {newText: 'x'}])).toEqual([{range, newText: '[^3]'}])
    expect(parseTextEdits(undefined)).toEqual([])
  })
})

describe('classifyPath', () => {
  it.each([
    ['file:///w/briefs/a.md', 'uri'],
    ['/w/briefs/a.md', 'absolute'],
    ['C:\\w\\briefs\\a.md', 'absolute'],
    ['briefs/a.md', 'relative'],
  ] as const)('%s is %s', (path, kind) => {
    expect(classifyPath(path)).toBe(kind)
  })
})
