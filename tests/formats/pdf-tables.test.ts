import {describe, expect, it} from 'vitest'
import type {Block, Fragment} from '../../server/src/engine/corpus/formats/pdf-layout'
import {tableBlocks} from '../../server/src/engine/corpus/formats/pdf-tables'

// Tables found by their rows (issue #19), on laid-out blocks as pdf-layout.ts gives them.

const line = (x0: number, x1: number, y: number, text: string, size = 9): Fragment => ({x0, x1, y, size, text})
const block = (lines: Fragment[]): Block => ({
  lines,
  x0: Math.min(...lines.map((l) => l.x0)),
  x1: Math.max(...lines.map((l) => l.x1)),
  top: Math.min(...lines.map((l) => l.y - l.size)),
  bottom: Math.max(...lines.map((l) => l.y)),
})
const rows = (n: number, from = 100, step = 12) => Array.from({length: n}, (_, i) => from + i * step)

describe('table columns found by their rows', () => {
  it('finds a ledger read as one block per column, wrapped description cells and header included', () => {
    const ys = rows(8)
    const payees = block(ys.map((y, i) => line(40, 140, y, ['HALE, ROSA M', 'ORTIZ, BEN', 'QUINN, ADA L'][i % 3])))
    // Each description wraps onto a second line that no other column has a cell beside.
    const descriptions = block(ys.flatMap((y) => [line(160, 420, y, 'STAFF TRAVEL RAIL FARE FOR R HALE HARBOUR CITY TO'), line(160, 300, y + 6, 'CAPITAL AND RETURN')]))
    const amounts = block(ys.map((y, i) => line(450, 500, y, `${(1200 + i * 37).toLocaleString('en-US')}.50`)))
    const header = block([line(160, 220, 88, 'DESCRIPTION')])
    const headerAmount = block([line(450, 500, 88, 'AMOUNT ($)'), line(40, 100, 88, 'PAYEE')])
    const found = tableBlocks([payees, descriptions, amounts, header, headerAmount])
    expect([payees, descriptions, amounts, header, headerAmount].map((b) => found.has(b))).toEqual([true, true, true, true, true])
  })

  it('leaves three columns of prose on a shared baseline grid as prose', () => {
    const ys = rows(30)
    const column = (x0: number, words: string) => block(ys.map((y) => line(x0, x0 + 150, y, words)))
    const blocks = [
      column(40, 'the harbour board heard the cooperatives for two years before it'),
      column(200, 'voted on the breakwater, which closes the northern channel for'),
      column(360, 'one season while 2,400 tonnes of rock are set along the spit'),
    ]
    expect(tableBlocks(blocks).size).toBe(0)
  })

  it('keeps the prose of a page that is mostly table, drops its chart and cell labels', () => {
    const ys = rows(12)
    const labels = block(ys.map((y, i) => line(40, 140, y, ['North Basin', 'South Basin', 'East Weir'][i % 3])))
    const now = block(ys.map((y, i) => line(200, 240, y, `${10 + i}.25 - ${11 + i}.50`)))
    const before = block(ys.map((y, i) => line(260, 300, y, `${9 + i}.75 - ${10 + i}.10`)))
    const chartTitle = block([line(400, 520, 100, 'Harbour Dredging Volume')])
    const prose = block([line(40, 500, 300, 'Prices are assessed weekly from the reports of buyers and sellers along the coast.')])
    const found = tableBlocks([labels, now, before, chartTitle, prose])
    expect([labels, now, before, chartTitle, prose].map((b) => found.has(b))).toEqual([true, true, true, true, false])
  })
})
