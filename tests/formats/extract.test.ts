import {describe, expect, it} from 'vitest'
import {parseSource, parsedSentences} from '../../server/src/engine/corpus/corpus'
import {documentSource, extractDocument} from '../../server/src/engine/corpus/formats/index'
import {decodeHtml} from '../../server/src/engine/corpus/formats/html'
import {joinLines} from '../../server/src/engine/corpus/formats/pdf'
import {AUTHORITY, FISHERIES, GAZETTE, PDF_LAYOUT} from './briefs'
import {makeDocx, makeHtml, makePdf, type Brief} from './make-fixtures'

const enc = (s: string) => new TextEncoder().encode(s)

describe('PDF sources', () => {
  it('reads title, author and date from the document info', async () => {
    const {bytes} = await makePdf(AUTHORITY, {...PDF_LAYOUT.AUTHORITY, perPage: [2, 6], twoColumn: [2]})
    const doc = await extractDocument('pdf', bytes)
    expect(doc.meta).toMatchObject({title: AUTHORITY.title, authors: ['Mira Castell'], date: '2021-03-04'})
  })

  it('reads them from the first page when the document info is empty (largest type = title)', async () => {
    const {bytes} = await makePdf(AUTHORITY, {info: false, perPage: [2, 6], twoColumn: [2]})
    const doc = await extractDocument('pdf', bytes)
    expect(doc.meta).toMatchObject({title: AUTHORITY.title, authors: ['Mira Castell'], date: '2021-03-04'})
  })

  it('keeps each paragraph whole, on its page, in column order, without running heads or page numbers', async () => {
    const {bytes, paragraphs} = await makePdf(AUTHORITY, {header: 'Harrow River Authority - Annual Report 2021', perPage: [2, 6], twoColumn: [2]})
    const doc = await extractDocument('pdf', bytes)
    expect(doc.blocks.map((b) => ({text: b.text, page: b.page}))).toEqual(paragraphs)
    expect(doc.blocks.find((b) => b.text.startsWith('The Harrow Dam'))!.section).toBe('The Harrow Dam')
    expect(doc.blocks.find((b) => b.text.startsWith('Monitoring'))!.section).toBe('Water Quality')
  })

  it('mends words hyphenated at line ends (the layout hyphenates long words)', async () => {
    const words = 'Hydroelectricity, decommissioning, reconstruction and electrification programmes transformed the catchment considerably, while environmental assessments documented biodiversity improvements downstream of the embankments.'
    const narrow: Brief = {...FISHERIES, sections: [{paragraphs: [words, words.replace('Hydroelectricity', 'Meanwhile hydroelectricity')]}]}
    // Narrow columns: long words meet line ends.
    const {bytes, hyphenated} = await makePdf(narrow, {perPage: [2], twoColumn: [1]})
    expect(hyphenated).toBeGreaterThan(0)
    const doc = await extractDocument('pdf', bytes)
    expect(doc.blocks.map((b) => b.text)).toEqual(narrow.sections[0].paragraphs)
    expect(joinLines('eco-', 'nomy')).toBe('economy')
    expect(joinLines('Iran-', 'Backed')).toBe('Iran- Backed')
  })

  it('gives every sentence the page it is on', async () => {
    const {bytes} = await makePdf(AUTHORITY, {...PDF_LAYOUT.AUTHORITY, perPage: [2, 6], twoColumn: [2]})
    const {text, read} = documentSource(await extractDocument('pdf', bytes))
    const parsed = parseSource({path: '/c/a.pdf', text}, read)
    expect(parsedSentences(parsed).find((s) => s.text.startsWith('The authority manages'))!.page).toBe(1)
    expect(parsedSentences(parsed).find((s) => s.text.startsWith('The Harrow Dam stands'))!.page).toBe(2)
  })
})

describe('HTML sources', () => {
  for (const scheme of ['highwire', 'jsonld', 'dublincore', 'opengraph', 'title-byline'] as const) {
    it(`reads title, author and date from ${scheme} metadata`, async () => {
      const doc = await extractDocument('html', enc(makeHtml(GAZETTE, scheme)))
      expect(doc.meta).toMatchObject({title: GAZETTE.title, authors: ['Tomas Reyes'], date: '2022-06-10'})
    })
  }

  it('prefers Highwire over Open Graph when both are present', async () => {
    const html = makeHtml(GAZETTE, 'highwire').replace('<title>', '<meta property="og:title" content="Twenty years on: a photo gallery"><title>')
    expect((await extractDocument('html', enc(html))).meta.title).toBe(GAZETTE.title)
  })

  it('keeps the article and its sections, not the navigation, banners, sidebars or related links', async () => {
    const doc = await extractDocument('html', enc(makeHtml(GAZETTE, 'jsonld')))
    expect(doc.blocks.map((b) => b.text)).toEqual(GAZETTE.sections.flatMap((s) => s.paragraphs))
    expect(doc.blocks[2].section).toBe('A contested project')
  })

  it('decodes windows-1252 and ISO-8859-1 pages by their declared charset', async () => {
    const brief = {...FISHERIES, sections: [{paragraphs: ['Ana Sepúlveda counted the salmon at the weir, and the café owners – who sell permits – kept the tally of 2,300 fish with great care and patience.'.repeat(2)]}]}
    for (const charset of ['windows-1252', 'ISO-8859-1']) {
      const html = makeHtml(brief, 'dublincore', {charset})
      const bytes = Uint8Array.from([...html].map((c) => (c === '–' ? 0x96 : c.charCodeAt(0))))
      const doc = await extractDocument('html', bytes)
      expect(doc.meta.authors).toEqual(['Ana Sepúlveda'])
      expect(doc.blocks[0].text).toContain('café owners – who')
      expect(doc.warnings).toEqual([])
    }
  })

  it('reads a page whose declared charset is wrong, and says so', () => {
    const warnings: string[] = []
    const latin = Uint8Array.from([...'<meta charset="utf-8"><p>café</p>'].map((c) => c.charCodeAt(0)))
    expect(decodeHtml(latin, undefined, warnings)).toContain('café')
    expect(warnings[0]).toMatch(/declared charset utf-8 is wrong/)
    const utf8 = enc('<meta charset="iso-8859-1"><p>café – naïve</p>')
    expect(decodeHtml(utf8, undefined, warnings)).toContain('café – naïve')
    expect(warnings[1]).toMatch(/declared charset iso-8859-1 is wrong: the bytes are UTF-8/)
  })

  it('refuses a page with no readable body (a JavaScript shell)', async () => {
    const shell = '<!doctype html><html><head><title>App</title></head><body><div id="root"></div><script src="/app.js"></script><noscript>You need to enable JavaScript to run this app.</noscript></body></html>'
    await expect(extractDocument('html', enc(shell))).rejects.toThrow('no readable article body (the page may need JavaScript to show its text)')
  })
})

describe('Word sources', () => {
  it('reads metadata from docProps/core.xml and sections from heading styles', async () => {
    const doc = await extractDocument('docx', await makeDocx(FISHERIES))
    expect(doc.meta).toMatchObject({title: FISHERIES.title, authors: ['Ana Sepúlveda'], date: '2020-09-15'})
    expect(doc.blocks.map((b) => [b.section, b.text])).toEqual(FISHERIES.sections.flatMap((s) => s.paragraphs.map((p) => [s.heading, p])))
  })

  it('falls back to the Title paragraph without core properties', async () => {
    const doc = await extractDocument('docx', await makeDocx(FISHERIES, {core: false}))
    expect(doc.meta.title).toBe(FISHERIES.title)
  })

  it('names what a false .docx really is', async () => {
    await expect(extractDocument('docx', enc('<html><body>hi</body></html>'))).rejects.toThrow('not a Word (.docx) file: it is an HTML page')
    await expect(extractDocument('docx', enc('%PDF-1.7 ...'))).rejects.toThrow('not a Word (.docx) file: it is a PDF')
    await expect(extractDocument('docx', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).rejects.toThrow(/legacy Word 97–2003/)
  })
})

describe('PDF text that flows across columns and pages', () => {
  it('rejoins paragraphs split across a column or page break and pages each sentence where it starts', async () => {
    const {makeFlowPdf} = await import('./make-fixtures')
    const {bytes, sentencePages, hyphenated} = await makeFlowPdf(AUTHORITY, {linesPerColumn: 5, columns: 2, header: 'Harrow River Authority Annual Report'})
    expect(new Set(sentencePages.map((s) => s.page)).size).toBeGreaterThan(1)
    const {text, read} = documentSource(await extractDocument('pdf', bytes))
    const parsed = parseSource({path: '/c/flow.pdf', text}, read)
    const got = parsedSentences(parsed).map((s) => ({text: s.text.trim(), page: s.page}))
    expect(got).toEqual(sentencePages)
    expect(hyphenated).toBeGreaterThan(0)
  })
})
