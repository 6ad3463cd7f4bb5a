import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {briefText} from '../../bench/lib/generate'
import {parsedSentences, parseSource, SPAN_FIELDS, type ParsedSource} from '../../server/src/engine/corpus/parsed-source'
import {lastAtMost} from '../../server/src/engine/text/sorted'
import {CopyBinary} from '../../server/src/store/postgres/copy'
import {PostingsBuilder, RECORD_BYTES} from '../../server/src/store/postgres/postings'
import {appendSource} from '../../server/src/store/postgres/rows'
import {breathe} from '../helpers/breathe'
import {CORPUS_DIRS, filesUnder} from '../helpers/corpus-files'

/**
 * The rows ingestion sends to PostgreSQL (`COPY … FROM STDIN (FORMAT binary)`) are byte for byte
 * what the obvious construction gives. `appendSource` copies each sentence's UTF-8 from the parse
 * and `PostingsBuilder` writes postings in place after counting them, both to spare the ingest
 * thread's CPU and garbage; the references below decode every sentence to a string and encode it
 * again, and push each posting onto a list per term, as the first versions did.
 */
function referenceSentences(rows: CopyBinary, sourceId: number, parsed: ParsedSource): void {
  const starts = parsed.lineStarts
  parsedSentences(parsed).forEach((s, ord) => {
    const startLine = lastAtMost(starts, s.start)
    const endLine = lastAtMost(starts, s.end)
    rows
      .row(11)
      .int8(sourceId)
      .int4(ord)
      .text(s.text)
      .int4(s.start)
      .int4(s.end)
      .int4(startLine)
      .int4(s.start - starts[startLine])
      .int4(endLine)
      .int4(s.end - starts[endLine])
      .textOrNull(s.section)
      .int4OrNull(s.page)
  })
}

function referencePostings(sources: Array<[number, ParsedSource]>, batch: number): CopyBinary {
  const byTerm = new Map<string, number[]>()
  for (const [sourceId, parsed] of sources) {
    const vocabulary = parsed.vocabulary === '' ? [] : parsed.vocabulary.split('\n')
    for (let ord = 0; ord < parsed.termStarts.length - 1; ord++) {
      for (let p = parsed.termStarts[ord]; p < parsed.termStarts[ord + 1]; p++) {
        const term = vocabulary[parsed.termIds[p]]
        if (!byTerm.has(term)) byTerm.set(term, [])
        byTerm.get(term)!.push(sourceId, ord, parsed.termTfs[p], parsed.spans[ord * SPAN_FIELDS + 6])
      }
    }
  }
  const rows = new CopyBinary()
  for (const [term, list] of byTerm) {
    const data = Buffer.alloc((list.length / 4) * RECORD_BYTES)
    for (let i = 0; i < list.length; i += 4) {
      const at = (i / 4) * RECORD_BYTES
      data.writeUInt32LE(list[i], at)
      data.writeUInt32LE(list[i + 1], at + 4)
      data.writeUInt8(list[i + 2], at + 8)
      data.writeUInt16LE(Math.min(list[i + 3], 0xffff), at + 9)
    }
    rows.row(3).text(term).int8(batch).bytes(data)
  }
  return rows
}

const bytesOf = (rows: CopyBinary): Buffer => Buffer.concat(rows.finish())

/** Every Markdown and text source of the project's fixtures, seeds and devset, 300 benchmark briefs, and edge cases of encoding. */
function sources(): Array<{path: string; text: string}> {
  const files = CORPUS_DIRS.flatMap((dir) => filesUnder(dir, new Set(['.md', '.txt'])))
  const out = files.map((path) => ({path, text: readFileSync(path, 'utf8')}))
  for (let i = 0; i < 300; i++) out.push({path: `/bench/brief-${i}.md`, text: briefText(i).text})
  out.push({path: '/edge/encoding.md', text: '<!-- page 1 -->\n\n# Édition\n\nLa dette a baissé 😀 de 3 %.\r\nالدين ارتفع بنسبة 4٪.\tTabs\there.\n\n<!-- page 2 -->\n\nA lone \ud83d surrogate ends. Another one \ude00.\n'})
  out.push({path: '/edge/table.md', text: '# T\n\n| Year | Debt |\n| --- | --- |\n| 2020 | It rose 4%. It fell. |\n'})
  out.push({path: '/edge/empty.md', text: ''})
  return out
}

describe('COPY rows of an ingestion batch', () => {
  it('are the bytes the obvious construction gives, for sentences and postings, batch by batch', async () => {
    const all = sources()
    expect(all.length).toBeGreaterThan(303)
    let sentences = 0
    for (let from = 0, batch = 1; from < all.length; from += 40, batch++) {
      await breathe()
      const parsed = all.slice(from, from + 40).map((f, i): [number, ParsedSource] => [from + i + 1_000_000, parseSource(f)])
      const got = new CopyBinary()
      const want = new CopyBinary()
      const postings = new PostingsBuilder()
      for (const [id, p] of parsed) {
        appendSource(id, p, got)
        referenceSentences(want, id, p)
        postings.add(id, p)
        sentences += p.spans.length / SPAN_FIELDS
      }
      expect(got.rows).toBe(want.rows)
      expect(bytesOf(got).equals(bytesOf(want))).toBe(true)
      const gotPostings = postings.finish(batch)
      const wantPostings = referencePostings(parsed, batch)
      expect(gotPostings.rows).toBe(wantPostings.rows)
      expect(bytesOf(gotPostings).equals(bytesOf(wantPostings))).toBe(true)
    }
    expect(sentences).toBeGreaterThan(20_000)
  })
})
