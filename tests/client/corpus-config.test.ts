import {describe, expect, it} from 'vitest'
import {corpusEntry, isOutsideWorkspace, mergeCorpus} from '../../client/src/corpus-config'

describe('corpusEntry', () => {
  it('is relative to the workspace folder, with forward slashes', () => {
    expect(corpusEntry('/w/project', '/w/project/sources/briefs')).toBe('sources/briefs')
    expect(corpusEntry('/w/project', '/w/project')).toBe('.')
    expect(corpusEntry('/w/project', '/w/shared/briefs')).toBe('../shared/briefs')
  })

  it('marks entries that leave the workspace', () => {
    expect(isOutsideWorkspace('../shared/briefs')).toBe(true)
    expect(isOutsideWorkspace('/srv/briefs')).toBe(true)
    expect(isOutsideWorkspace('sources/briefs')).toBe(false)
    expect(isOutsideWorkspace('..briefs')).toBe(false)
  })
})

describe('mergeCorpus', () => {
  it('creates the file when there is none', () => {
    expect(mergeCorpus(undefined, 'briefs')).toEqual({text: '{\n  "corpus": [\n    "briefs"\n  ]\n}\n'})
  })

  it('keeps the other keys, their order and the indentation', () => {
    const existing = '{\n    "citationStyle": "pandoc",\n    "corpus": [],\n    "rules": {"uncited-claim": "error"}\n}\n'
    const merged = mergeCorpus(existing, 'briefs')
    expect('text' in merged && JSON.parse(merged.text)).toEqual({citationStyle: 'pandoc', corpus: ['briefs'], rules: {'uncited-claim': 'error'}})
    expect('text' in merged && Object.keys(JSON.parse(merged.text))).toEqual(['citationStyle', 'corpus', 'rules'])
    expect('text' in merged && merged.text).toContain('\n    "citationStyle"')
  })

  it('refuses to overwrite a file that is not a JSON object', () => {
    expect(mergeCorpus('{"corpus": [', 'briefs')).toMatchObject({error: expect.stringContaining('not valid JSON')})
    expect(mergeCorpus('["briefs"]', 'briefs')).toEqual({error: 'briefcheck.json does not hold a JSON object'})
  })

  it('treats an empty file as a new one', () => {
    expect(mergeCorpus('  \n', 'briefs')).toEqual({text: '{\n  "corpus": [\n    "briefs"\n  ]\n}\n'})
  })
})
