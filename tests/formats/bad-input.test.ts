import {closeSync, mkdtempSync, openSync, rmSync, truncateSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadCorpus} from '../../server/src/engine/corpus/load'
import {AUTHORITY, GAZETTE, toMarkdown} from './briefs'
import {makeEncryptedPdf, makeHtml, makePdf, makeScannedPdf} from './make-fixtures'

let dir: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'briefcheck-bad-'))
  const {bytes} = await makePdf(AUTHORITY, {perPage: [2, 6], twoColumn: [2]})
  writeFileSync(join(dir, 'good.md'), toMarkdown(GAZETTE))
  writeFileSync(join(dir, 'good.pdf'), bytes)
  writeFileSync(join(dir, 'encrypted.pdf'), await makeEncryptedPdf())
  writeFileSync(join(dir, 'corrupt.pdf'), Buffer.concat([Buffer.from(bytes.subarray(0, 400)), Buffer.from('\u0000garbage'.repeat(50))]))
  writeFileSync(join(dir, 'not-a-pdf.pdf'), 'Just some text that someone named .pdf')
  writeFileSync(join(dir, 'scanned.pdf'), await makeScannedPdf())
  writeFileSync(join(dir, 'shell.html'), '<!doctype html><html><head><title>App</title></head><body><div id="root"></div><script src="/app.js"></script></body></html>')
  writeFileSync(join(dir, 'fake.docx'), makeHtml(GAZETTE, 'highwire'))
  // Declares UTF-8, holds windows-1252 bytes: read anyway, with a warning.
  const latin = makeHtml({...GAZETTE, title: 'Café society on the Harrow', sections: [{paragraphs: GAZETTE.sections[0].paragraphs.map((p) => p.replace('Residents', 'Café residents'))}]}, 'dublincore')
  writeFileSync(join(dir, 'wrong-charset.html'), Buffer.from(latin, 'latin1'))
  // 200 MB without writing 200 MB: a sparse file.
  closeSync(openSync(join(dir, 'huge.pdf'), 'w'))
  truncateSync(join(dir, 'huge.pdf'), 200 * 1024 * 1024)
})

afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe('bad corpus files (issue #9)', () => {
  it('names each file and its reason, and indexes the rest', async () => {
    const corpus = await loadCorpus([dir], {baseDir: dir})
    const reasons = Object.fromEntries(corpus.problems.map((p) => [p.path.slice(dir.length + 1), p.reason]))
    expect(reasons['encrypted.pdf']).toBe('encrypted PDF: needs a password to open')
    expect(reasons['corrupt.pdf']).toMatch(/^(corrupt|unreadable) PDF: /)
    expect(reasons['not-a-pdf.pdf']).toBe('not a PDF (no %PDF header)')
    expect(reasons['scanned.pdf']).toBe('scanned PDF: no text layer (no OCR)')
    expect(reasons['shell.html']).toBe('no readable article body (the page may need JavaScript to show its text)')
    expect(reasons['fake.docx']).toBe('not a Word (.docx) file: it is an HTML page')
    expect(reasons['huge.pdf']).toBe('file is 200.0 MB, over the 20 MB limit (raise the briefcheck.maxFileSizeMB setting to read it)')
    expect(reasons['wrong-charset.html']).toMatch(/declared charset utf-8 is wrong: the bytes are not UTF-8; read as windows-1252/)
    expect(corpus.sources.map((s) => s.title).sort()).toEqual(['Annual Report of the Harrow River Authority', 'Café society on the Harrow', GAZETTE.title])
    expect(corpus.sentences.some((s) => s.text.includes('Café residents gathered'))).toBe(true)
  })

  it('reads a large PDF when maxFileSizeMB is raised', async () => {
    const big = join(mkdtempSync(join(tmpdir(), 'briefcheck-big-')), 'big.pdf')
    writeFileSync(big, '')
    truncateSync(big, 21 * 1024 * 1024)
    expect((await loadCorpus([big], {baseDir: dir})).problems[0].reason).toMatch(/over the 20 MB limit/)
    const corpus = await loadCorpus([big], {baseDir: dir, maxFileBytes: 25 * 1024 * 1024})
    rmSync(big)
    expect(corpus.problems).toHaveLength(1)
    // No longer the size cap: the file is read (and found not to be a PDF at all).
    expect(corpus.problems[0].reason).toBe('not a PDF (no %PDF header)')
  })
})
