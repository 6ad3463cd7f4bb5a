import {describe, expect, it} from 'vitest'
import {findings} from '../helpers/engine'
import {tinyCorpus} from '../helpers/tiny-corpus'

describe('unknown-citation', () => {
  const corpus = tinyCorpus()
  it('flags a pandoc key that no source has', () => {
    expect(findings('The dam cost $2.4 billion [@nosuch2020].', corpus)).toEqual(['1:27-1:40 unknown-citation'])
  })
  it('flags a footnote reference with no definition', () => {
    expect(findings('The dam cost $2.4 billion.[^9]', corpus)).toEqual(['1:27-1:31 unknown-citation'])
  })
  it('accepts a known key, also in another case, and a defined footnote', () => {
    expect(findings('The dam cost $2.4 billion [@Basin2021Dam]. It employed 3,200 workers.[^a]\n\n[^a]: Somewhere else.', corpus)).toEqual([])
  })
})
