import {describe, expect, it} from 'vitest'
import {corpusOf, messagesOf} from '../helpers/engine'

// A figure alone in a table cell is described by its row and column header cells (issue #14).
const corpus = corpusOf({
  'branches.md': [
    '---',
    'id: orm2024branches',
    'title: "Orm Valley Libraries, 2023"',
    'author: Orm Valley Council',
    'date: 2024-04-02',
    '---',
    '',
    '# Branches',
    '',
    '| Branch | Visits | Weekly hours |',
    '|---|---|---|',
    '| Tarrow | 52,400 | 44 |',
    '| Edgecombe | 38,900 | 36 |',
    '| Lindle Cross | 17,300 | 28 |',
  ].join('\n'),
  'survey.md': ['---', 'id: ovs2024survey', 'title: "Library User Survey"', 'author: Orm Valley Council', 'date: 2024-05-01', '---', '', 'Satisfaction among Edgecombe users was 81%, against 74% at Tarrow.'].join('\n'),
})

const table = (rows: string[]) => ['| Branch | Visits | Weekly hours |', '|---|---|---|', ...rows].join('\n')

const conflicts = (text: string) =>
  messagesOf(text, corpus)
    .filter((m) => m.ruleId === 'figure-conflict' || m.ruleId === 'sources-disagree')
    .map((m) => `${m.ruleId}: ${m.actual} → ${(m.evidence ?? []).filter((e) => e.agrees === false).map((e) => e.value).join(', ')}`)

describe('draft table cells are aligned with the source cell under the same headers', () => {
  it('flags a transposed cell, naming the value under the same row and column', () => {
    expect(conflicts(table(['| Tarrow | 52,400 | 44 |', '| Edgecombe | 39,800 | 36 |']))).toEqual(['figure-conflict: 39,800 → 38,900'])
  })

  it("flags a cell holding the row above's value, naming its own row's", () => {
    expect(conflicts(table(['| Tarrow | 52,400 | 44 |', '| Edgecombe | 38,900 | 44 |']))).toEqual(['figure-conflict: 44 → 36'])
  })

  it('does not flag a table that agrees, nor call another measure of a row (satisfaction) a disagreeing source', () => {
    expect(conflicts(table(['| Tarrow | 52,400 | 44 |', '| Edgecombe | 38,900 | 36 |', '| Lindle Cross | 17,300 | 28 |']))).toEqual([])
  })

  it('shows the source cell with its headers as its place in the source', () => {
    const [m] = messagesOf(table(['| Lindle Cross | 17,300 | 26 |']), corpus).filter((m) => m.ruleId === 'figure-conflict')
    expect(m.evidence?.[0]).toMatchObject({value: '28', section: 'Branches › Lindle Cross › Weekly hours'})
  })
})
