import JSZip from 'jszip'
import {PDFDocument, StandardFonts} from 'pdf-lib'
import {describe, expect, it} from 'vitest'
import {extractDocument} from '../../server/src/engine/corpus/formats/index'
import {MAX_INFLATED_BYTES} from '../../server/src/engine/corpus/formats/docx'
import {MAX_DOM_DEPTH, MAX_DOM_NODES} from '../../server/src/engine/corpus/formats/html'
import {MAX_ITEMS_PER_PAGE, MAX_PAGES} from '../../server/src/engine/corpus/formats/pdf'
import {MAX_PDF_INFLATED_BYTES} from '../../server/src/engine/corpus/formats/pdf-inflate'
import {deflateSync} from 'node:zlib'

// Issue #13 (in the document readers): inputs built at run time that used to exhaust memory or
// time. Each is read with what fits under its cap, or refused with a one-line reason; the
// tests assert the outcome, never a duration.

const PROSE = 'The river authority measured the flow at the weir every morning for twenty years.'

async function pdf(pages: number, linesOnFirst: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  for (let n = 0; n < pages; n++) {
    const page = doc.addPage([612, 792])
    if (n === 0) {
      page.drawText(PROSE, {x: 72, y: 700, size: 11, font})
      for (let i = 0; i < linesOnFirst; i++) page.drawText('x', {x: 72 + (i % 400), y: 100 + ((i * 7) % 500) / 10, size: 1, font})
    }
  }
  return doc.save()
}

describe('document readers stay within their caps (issue #13)', () => {
  it(`refuses a .docx whose document.xml inflates past ${MAX_INFLATED_BYTES / 1048576} MB, with the reason`, async () => {
    const zip = new JSZip()
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    const paragraph = `<w:p><w:r><w:t>${PROSE}</w:t></w:r></w:p>`
    const body = paragraph.repeat(Math.ceil((MAX_INFLATED_BYTES + 1048576) / paragraph.length))
    zip.file('word/document.xml', `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`)
    const bytes = await zip.generateAsync({type: 'uint8array', compression: 'DEFLATE'})
    expect(bytes.length).toBeLessThan(2 * 1048576)
    await expect(extractDocument('docx', bytes)).rejects.toThrow(/word\/document\.xml inflates past the 64 MB cap/)
  }, 120_000)

  it(`reads the first ${MAX_PAGES} pages of a longer PDF and says so once`, async () => {
    const doc = await extractDocument('pdf', await pdf(MAX_PAGES + 50, 0))
    expect(doc.blocks.map((b) => b.text)).toContain(PROSE)
    expect(doc.warnings.filter((w) => w.includes('page cap'))).toEqual([`only the first ${MAX_PAGES} of ${MAX_PAGES + 50} pages are read (page cap)`])
  }, 240_000)

  it(`refuses a PDF whose streams inflate past ${MAX_PDF_INFLATED_BYTES / 1048576} MB, with the reason; images are not counted`, async () => {
    // A small file (the zeros deflate a thousandfold) holding one stream that inflates past the cap.
    const bomb = async (dict: Record<string, string>) => {
      const doc = await PDFDocument.create()
      const font = await doc.embedFont(StandardFonts.Helvetica)
      doc.addPage([612, 792]).drawText(PROSE, {x: 72, y: 700, size: 11, font})
      const zeros = deflateSync(Buffer.alloc(MAX_PDF_INFLATED_BYTES + 1048576))
      doc.context.register(doc.context.stream(zeros, {Filter: 'FlateDecode', ...dict}))
      return doc.save({useObjectStreams: false})
    }
    const bytes = await bomb({})
    expect(bytes.length).toBeLessThan(2 * 1048576)
    await expect(extractDocument('pdf', bytes)).rejects.toThrow(`its streams inflate past the ${MAX_PDF_INFLATED_BYTES / 1048576} MB cap: not read`)
    // The same stream as an image XObject: text extraction never decodes it, so the file is read.
    const image = await extractDocument('pdf', await bomb({Type: 'XObject', Subtype: 'Image', Width: '1', Height: '1'}))
    expect(image.blocks.map((b) => b.text)).toContain(PROSE)
  }, 240_000)

  it(`reads ${MAX_ITEMS_PER_PAGE} text items of a page holding more, and says so`, async () => {
    const doc = await extractDocument('pdf', await pdf(1, MAX_ITEMS_PER_PAGE + 100))
    expect(doc.warnings).toContainEqual(expect.stringMatching(new RegExp(`^page 1: only the first ${MAX_ITEMS_PER_PAGE} of \\d+ text items are read \\(item cap\\)$`)))
  }, 240_000)

  it(`reads a page nested over ${MAX_DOM_DEPTH} deep without article detection, and says so`, async () => {
    const html = `<html><head><title>Deep</title></head><body><p>${PROSE}</p><p>${'<b>'.repeat(40_000)}${PROSE}${'</b>'.repeat(40_000)}</p></body></html>`
    const doc = await extractDocument('html', new TextEncoder().encode(html))
    expect(doc.blocks[0].text).toBe(PROSE)
    expect(doc.warnings).toEqual([`page too large for article detection (nesting over ${MAX_DOM_DEPTH} deep); its whole text is read`])
  }, 600_000)

  it(`reads a page of over ${MAX_DOM_NODES} elements without article detection, and says so`, async () => {
    const html = `<html><head><title>Wide</title></head><body><p>${PROSE}</p>${'<div></div>'.repeat(100_000)}</body></html>`
    const doc = await extractDocument('html', new TextEncoder().encode(html))
    expect(doc.blocks.map((b) => b.text)).toEqual([PROSE])
    expect(doc.warnings).toEqual([`page too large for article detection (over ${MAX_DOM_NODES} elements); its whole text is read`])
  }, 600_000)
})
