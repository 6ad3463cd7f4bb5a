// Builds PDF, Word and HTML fixtures at test time from our own short briefs (no third-party
// text): pdf-lib lays out pages (two columns, running heads, page numbers, hyphenated line
// ends), JSZip writes a minimal .docx. CI needs nothing beyond the npm packages.
import JSZip from 'jszip'
import {PDFDocument, StandardFonts, type PDFFont} from 'pdf-lib'

export interface Brief {
  title: string
  author: string
  /** ISO date. */
  date: string
  publisher?: string
  url?: string
  /** Paragraphs under optional section headings. */
  sections: Array<{heading?: string; paragraphs: string[]}>
}

export interface PdfOptions {
  /** Write Title/Author/CreationDate into the document info (else only the first page shows them). */
  info?: boolean
  /** Running head on every page. */
  header?: string
  /** Paragraphs per page, in order: how the brief is cut into pages. */
  perPage?: number[]
  /** Pages (one-based) set in two columns. */
  twoColumn?: number[]
}

/** Where each paragraph landed: its text and page, for scoring page accuracy. */
export interface PdfLayout {
  bytes: Uint8Array
  paragraphs: Array<{text: string; page: number}>
  /** Lines the layout ended with a hyphen it added (a word broken across lines). */
  hyphenated: number
}

const PAGE = {width: 612, height: 792, margin: 72}
const BODY = 10.5
const LEADING = 14

/** Greedy line breaking; a long word that does not fit is hyphenated when both parts have 3+ letters. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = []
  let line = ''
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word
    if (fits(candidate)) {
      line = candidate
      continue
    }
    if (/^[a-z]{7,}[,.;]?$/i.test(word)) {
      const bare = word.replace(/[,.;]$/, '')
      let split = false
      for (let cut = bare.length - 3; cut >= 3 && !split; cut--) {
        const head = `${line ? `${line} ` : ''}${word.slice(0, cut)}-`
        if (fits(head)) {
          lines.push(head)
          line = word.slice(cut)
          split = true
        }
      }
      if (split) continue
    }
    if (line) lines.push(line)
    line = word
  }
  if (line) lines.push(line)
  return lines
}

export async function makePdf(brief: Brief, options: PdfOptions = {}): Promise<PdfLayout> {
  const doc = await PDFDocument.create()
  if (options.info !== false) {
    doc.setTitle(brief.title)
    doc.setAuthor(brief.author)
    doc.setCreationDate(new Date(`${brief.date}T12:00:00Z`))
  }
  doc.setProducer('briefcheck tests')
  const font = await doc.embedFont(StandardFonts.Helvetica)
  const bold = await doc.embedFont(StandardFonts.HelveticaBold)
  const items: Array<{heading?: string; text?: string}> = []
  for (const s of brief.sections) {
    if (s.heading) items.push({heading: s.heading})
    for (const p of s.paragraphs) items.push({text: p})
  }
  const paragraphs = items.filter((i) => i.text).map((i) => i.text!)
  const perPage = options.perPage ?? [paragraphs.length]
  const layout: PdfLayout['paragraphs'] = []
  let next = 0
  let itemIndex = 0
  let hyphenated = 0
  for (let pageNo = 1; pageNo <= perPage.length; pageNo++) {
    const page = doc.addPage([PAGE.width, PAGE.height])
    if (options.header) page.drawText(options.header, {x: PAGE.margin, y: PAGE.height - 40, size: 8, font})
    page.drawText(String(pageNo), {x: PAGE.width / 2, y: 36, size: 8, font})
    let y = PAGE.height - PAGE.margin
    if (pageNo === 1) {
      for (const line of wrap(brief.title, bold, 20, PAGE.width - 2 * PAGE.margin)) {
        page.drawText(line, {x: PAGE.margin, y, size: 20, font: bold})
        y -= 26
      }
      y -= 4
      page.drawText(`By ${brief.author}`, {x: PAGE.margin, y, size: BODY, font})
      y -= LEADING
      page.drawText(new Date(`${brief.date}T12:00:00Z`).toLocaleDateString('en-US', {year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC'}), {x: PAGE.margin, y, size: BODY, font})
      y -= LEADING * 2
    }
    const two = options.twoColumn?.includes(pageNo)
    const gutter = 24
    const colWidth = two ? (PAGE.width - 2 * PAGE.margin - gutter) / 2 : PAGE.width - 2 * PAGE.margin
    const top = y
    let column = 0
    const bottom = PAGE.margin
    const quota = perPage[pageNo - 1]
    // Each page holds `quota` paragraphs; a two-column page fills the left column, then the right.
    const pageItems: Array<{heading?: string; text?: string}> = []
    let count = 0
    while (itemIndex < items.length && (count < quota || !items[itemIndex].text)) {
      if (items[itemIndex].heading && count >= quota) break
      pageItems.push(items[itemIndex])
      if (items[itemIndex].text) count++
      itemIndex++
    }
    const half = two ? Math.ceil(pageItems.length / 2) : pageItems.length
    pageItems.forEach((item, i) => {
      if (two && i === half && column === 0) {
        column = 1
        y = top
      }
      const x = PAGE.margin + column * (colWidth + gutter)
      if (item.heading) {
        y -= 4
        page.drawText(item.heading, {x, y, size: 13, font: bold})
        y -= LEADING + 6
        return
      }
      for (const line of wrap(item.text!, font, BODY, colWidth)) {
        if (/\p{L}-$/u.test(line) && !item.text!.includes(line.split(' ').pop()!)) hyphenated++
        if (y < bottom) throw new Error(`fixture overflows page ${pageNo}`)
        page.drawText(line, {x, y, size: BODY, font})
        y -= LEADING
      }
      y -= LEADING * 0.8
      layout.push({text: item.text!, page: pageNo})
      next++
    })
  }
  if (next !== paragraphs.length) throw new Error(`fixture placed ${next} of ${paragraphs.length} paragraphs`)
  return {bytes: await doc.save(), paragraphs: layout, hyphenated}
}

/** A PDF whose only page is a drawn rectangle: what a scan without OCR looks like to a text extractor. */
export async function makeScannedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const page = doc.addPage([PAGE.width, PAGE.height])
  page.drawRectangle({x: 50, y: 50, width: 500, height: 700, borderWidth: 2})
  return doc.save()
}

/** A PDF with an /Encrypt dictionary whose password is not empty: pdf.js asks for a password. */
export async function makeEncryptedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  doc.addPage().drawText('Secret text of the brief.', {x: 50, y: 700, size: 12, font})
  const context = doc.context
  const hex = (n: number) => `<${'ab'.repeat(n)}>`
  const encrypt = context.obj({Filter: 'Standard', V: 1, R: 2, Length: 40, P: -44})
  const dict = encrypt as unknown as {set(k: unknown, v: unknown): void}
  const {PDFName, PDFHexString} = await import('pdf-lib')
  dict.set(PDFName.of('O'), PDFHexString.of(hex(32).slice(1, -1)))
  dict.set(PDFName.of('U'), PDFHexString.of(hex(32).slice(1, -1)))
  context.trailerInfo.Encrypt = context.register(encrypt)
  context.trailerInfo.ID = context.obj([PDFHexString.of('0123456789abcdef0123456789abcdef'), PDFHexString.of('0123456789abcdef0123456789abcdef')])
  return doc.save({useObjectStreams: false})
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** A minimal .docx: Title-styled title, Heading 1 sections, paragraphs, and core properties. */
export async function makeDocx(brief: Brief, options: {core?: boolean} = {}): Promise<Uint8Array> {
  const para = (text: string, style?: string) =>
    `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${xmlEscape(text)}</w:t></w:r></w:p>`
  const body = [para(brief.title, 'Title'), para(`By ${brief.author}`)]
  for (const s of brief.sections) {
    if (s.heading) body.push(para(s.heading, 'Heading1'))
    for (const p of s.paragraphs) body.push(para(p))
  }
  const zip = new JSZip()
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
  )
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
  )
  zip.file(
    'word/_rels/document.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
  )
  const style = (id: string, name: string) => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/></w:style>`
  zip.file(
    'word/styles.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${style('Title', 'Title')}${style('Heading1', 'heading 1')}</w:styles>`,
  )
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body.join('')}</w:body></w:document>`,
  )
  if (options.core !== false) {
    zip.file(
      'docProps/core.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${xmlEscape(brief.title)}</dc:title><dc:creator>${xmlEscape(brief.author)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${brief.date}T09:00:00Z</dcterms:created></cp:coreProperties>`,
    )
  }
  return zip.generateAsync({type: 'uint8array'})
}

/** The metadata schemes publishers use (issue #9), one per page shape. */
export type MetaScheme = 'highwire' | 'jsonld' | 'dublincore' | 'opengraph' | 'title-byline'

/** Words that appear only in page furniture: any of them in a corpus sentence is leaked boilerplate. */
export const BOILERPLATE_WORDS = ['zanzibarnav', 'quokkacookie', 'marmosetrelated', 'tapirsidebar', 'okapifooter', 'narwhalnewsletter', 'wombatshare']

/** A publisher-shaped page: nav, cookie banner, sidebar, related articles, footer, and one metadata scheme. */
export function makeHtml(brief: Brief, scheme: MetaScheme, options: {charset?: string} = {}): string {
  const iso = brief.date
  const head: string[] = [options.charset ? `<meta charset="${options.charset}">` : '<meta charset="utf-8">']
  const site = brief.publisher ?? 'Valley Gazette'
  switch (scheme) {
    case 'highwire':
      head.push(`<meta name="citation_title" content="${brief.title}">`, `<meta name="citation_author" content="${brief.author.split(' ').reverse().join(', ')}">`, `<meta name="citation_publication_date" content="${iso.replace(/-/g, '/')}">`, `<meta name="citation_publisher" content="${site}">`)
      break
    case 'jsonld':
      head.push(`<script type="application/ld+json">${JSON.stringify({'@context': 'https://schema.org', '@graph': [{'@type': 'WebSite', name: site}, {'@type': 'NewsArticle', headline: brief.title, author: [{'@type': 'Person', name: brief.author}], datePublished: `${iso}T08:30:00+02:00`, publisher: {'@type': 'Organization', name: site}}]})}</script>`)
      break
    case 'dublincore':
      head.push(`<meta name="DC.title" content="${brief.title}">`, `<meta name="DC.creator" content="${brief.author}">`, `<meta name="DC.date" content="${iso}">`, `<meta name="DC.publisher" content="${site}">`)
      break
    case 'opengraph':
      head.push(`<meta property="og:title" content="${brief.title}">`, `<meta property="og:site_name" content="${site}">`, `<meta property="article:published_time" content="${iso}T10:00:00Z">`, `<meta name="author" content="${brief.author}">`)
      break
    case 'title-byline':
      break
  }
  const title = scheme === 'title-byline' ? `${brief.title} | ${site}` : `${site}: latest news`
  const body: string[] = []
  for (const s of brief.sections) {
    if (s.heading) body.push(`<h2>${s.heading}</h2>`)
    for (const p of s.paragraphs) body.push(`<p>${p}</p>`)
  }
  const byline = scheme === 'title-byline' ? `<p class="byline">By <a rel="author" href="/people/x">${brief.author}</a></p><time datetime="${iso}">${iso}</time>` : ''
  return `<!DOCTYPE html>
<html lang="en"><head>${head.join('\n')}<title>${title}</title>
<script>window.analytics = {zanzibarnav: true}</script><style>.x{color:red}</style></head>
<body>
<div class="cookie-banner" id="cookie-consent"><p>We use quokkacookie cookies to improve your experience on this site. Accept all quokkacookie cookies or manage your preferences in the settings.</p><button>Accept</button></div>
<header class="site-header"><nav><ul><li><a href="/">Home zanzibarnav</a></li><li><a href="/news">News zanzibarnav</a></li><li><a href="/about">About zanzibarnav</a></li></ul></nav></header>
<main>
<article>
<h1>${brief.title}</h1>
${byline}
${body.join('\n')}
<div class="share-tools"><a href="#">Share on wombatshare</a> <a href="#">Email this wombatshare story</a></div>
</article>
<aside class="sidebar"><h3>Most read</h3><p>The tapirsidebar column lists popular stories from this week that readers enjoyed, with many words to look like prose.</p></aside>
<section class="related-articles"><h3>Related articles</h3><ul><li><a href="/a">The marmosetrelated bridge opens to traffic after years of delays and cost overruns</a></li><li><a href="/b">Council debates marmosetrelated budget for the coming year in a long session</a></li></ul></section>
<div class="newsletter-signup"><p>Sign up for the narwhalnewsletter newsletter to get our best stories every morning in your inbox, free of charge.</p></div>
</main>
<footer><p>Copyright okapifooter 2024. All rights reserved. okapifooter terms and privacy policy apply to this website.</p></footer>
</body></html>`
}

/**
 * A PDF whose text flows: a column holds `linesPerColumn` lines, then the text goes on in the
 * next column or on the next page, mid-paragraph and mid-sentence (hyphenated words included).
 * Returns, for every sentence, the page its first word is printed on.
 */
export async function makeFlowPdf(brief: Brief, options: {linesPerColumn: number; columns: 1 | 2; header?: string}): Promise<{bytes: Uint8Array; sentencePages: Array<{text: string; page: number}>; hyphenated: number}> {
  const doc = await PDFDocument.create()
  doc.setTitle(brief.title)
  doc.setAuthor(brief.author)
  doc.setCreationDate(new Date(`${brief.date}T12:00:00Z`))
  const font = await doc.embedFont(StandardFonts.Helvetica)
  const bold = await doc.embedFont(StandardFonts.HelveticaBold)
  const gutter = 24
  const colWidth = options.columns === 2 ? (PAGE.width - 2 * PAGE.margin - gutter) / 2 : PAGE.width - 2 * PAGE.margin
  let page = doc.addPage([PAGE.width, PAGE.height])
  let pageNo = 1
  let column = 0
  let line = 0
  const top = PAGE.height - PAGE.margin - 40
  const furnish = () => {
    if (options.header) page.drawText(options.header, {x: PAGE.margin, y: PAGE.height - 40, size: 8, font})
    page.drawText(`Page ${pageNo}`, {x: PAGE.width - PAGE.margin - 40, y: 36, size: 8, font})
  }
  furnish()
  page.drawText(brief.title, {x: PAGE.margin, y: PAGE.height - PAGE.margin, size: 18, font: bold})
  const advance = () => {
    line++
    if (line < options.linesPerColumn) return
    line = 0
    if (options.columns === 2 && column === 0) column = 1
    else {
      column = 0
      page = doc.addPage([PAGE.width, PAGE.height])
      pageNo++
      furnish()
    }
  }
  const sentencePages: Array<{text: string; page: number}> = []
  let hyphenated = 0
  for (const section of brief.sections) {
    for (const paragraph of section.paragraphs) {
      const lineStarts: Array<[number, number]> = []
      let cursor = 0
      for (const text of wrap(paragraph, font, BODY, colWidth)) {
        const first = text.split(' ')[0].replace(/-$/, '')
        cursor = paragraph.indexOf(first, cursor)
        lineStarts.push([cursor, pageNo])
        cursor += first.length
        if (/\p{L}-$/u.test(text) && !paragraph.includes(text.split(' ').pop()!)) hyphenated++
        page.drawText(text, {x: PAGE.margin + column * (colWidth + gutter), y: top - line * LEADING, size: BODY, font})
        advance()
      }
      let from = 0
      for (const sentence of paragraph.split(/(?<=\.)\s+(?=[A-Z])/)) {
        const at = paragraph.indexOf(sentence, from)
        from = at + sentence.length
        sentencePages.push({text: sentence, page: lineStarts.filter(([offset]) => offset <= at).pop()![1]})
      }
      advance()
    }
  }
  return {bytes: await doc.save(), sentencePages, hyphenated}
}
