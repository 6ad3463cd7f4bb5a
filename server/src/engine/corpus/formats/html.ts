import type {FrontMatterMeta} from '../frontmatter'
import {bylineNames} from '../scraped-meta'
import {domBlocks, type DomNode} from './dom-blocks'
import {headlineDate} from './html-dateline'
import {cleanText, isBylineOrDate, isJunkTitle, isoDate, naturalName} from './text'
import {ExtractError, type ExtractedDocument} from './types'

/**
 * Web pages as sources (issue #9): the bytes decoded by their declared charset, the article
 * body found by Mozilla Readability over linkedom (no browser, no jsdom's weight), and the
 * metadata read in the order publishers are most reliable in: Highwire/Google Scholar
 * `citation_*`, JSON-LD schema.org Article, Dublin Core, Open Graph / `article:*`, then
 * `<title>` and visible bylines.
 */

/**
 * Less readable text than this, or no paragraph of eight words ending a sentence, is not an
 * article (a shell filled in by JavaScript, a menu). Short press notes are still articles.
 */
const MIN_ARTICLE_CHARS = 100
/** Readability's default `charThreshold`, for the page as published: see extractHtml. */
const READABILITY_CHARS = 500

/**
 * Parts of a page that are never the article, by what they are (elements and ARIA roles), not by
 * class names: a wrapper named "sidebar" or "related" may hold the whole article (issue #19).
 */
const BOILERPLATE = [
  'script', 'style', 'noscript', 'template', 'nav', 'aside', 'form', 'iframe', 'dialog', 'button', 'figcaption',
  '[role=navigation]', '[role=banner]', '[role=contentinfo]', '[role=complementary]', '[role=dialog]', '[aria-hidden=true]', '[hidden]',
]

/**
 * Elements in a page at most before article detection is skipped. Readability scores every
 * element and walks up ancestors: 100,000 <div>s or 40,000 nested <b> took 30 s and more
 * (issue #13). Real article pages hold 1,000–20,000 elements; past the cap the page body is read
 * as it is, without Readability, and a warning says so.
 */
export const MAX_DOM_NODES = 60_000
/** Nesting depth at most before article detection is skipped (real pages stay under 60). */
export const MAX_DOM_DEPTH = 400
/** Cleaning must keep at least this share of the text Readability finds in the untouched page. */
const KEEP_SHARE = 0.6

type Article = {title?: string | null; content?: string | null; textContent?: string | null; byline?: string | null; publishedTime?: string | null}

export async function extractHtml(bytes: Uint8Array, headerCharset?: string): Promise<ExtractedDocument> {
  const warnings: string[] = []
  const html = decodeHtml(bytes, headerCharset, warnings)
  if (!/<(html|body|head|p|div|article|title|meta)\b/i.test(html.slice(0, 65536))) throw new ExtractError('not an HTML page (no HTML elements)')
  const [{parseHTML}, {Readability}] = await Promise.all([import('linkedom'), import('@mozilla/readability')])
  const parse = () => parseHTML(html) as unknown as {document: QueryRoot & {body?: unknown}}
  const {document} = parse()
  const meta = pageMeta(document)
  const shape = domShape(document.body as unknown as DomNode | undefined)
  let article: Article | null = null
  if (shape.nodes > MAX_DOM_NODES || shape.depth > MAX_DOM_DEPTH) {
    warnings.push(`page too large for article detection (${shape.nodes > MAX_DOM_NODES ? `over ${MAX_DOM_NODES} elements` : `nesting over ${MAX_DOM_DEPTH} deep`}); its whole text is read`)
    removeBoilerplate(document)
    const body = document.body as unknown as DomNode | undefined
    article = {content: null, textContent: body?.textContent ?? ''}
    const blocks = body ? domBlocks(body, meta.title).filter((b) => !isBylineOrDate(b.text)) : []
    if (blocks.length === 0) throw new ExtractError('no readable article body (the page may need JavaScript to show its text)')
    return {format: 'html', meta, blocks, warnings}
  }
  const readability = (doc: unknown, charThreshold: number): Article | null => {
    try {
      return new Readability(doc as never, {charThreshold, keepClasses: false}).parse()
    } catch (error) {
      throw new ExtractError(`HTML could not be read: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  // Readability on the page as published, and on the page without its boilerplate: cleaning
  // helps Readability past menus, but must never lose the article (keep whichever says more
  // when the cleaned one is much shorter).
  // The page as published is read with Readability's own threshold (500 characters: a pass
  // below it retries with relaxed filters, and the longest pass is kept): a low threshold
  // accepts a first pass that found only a footer or print notice because it stripped the
  // article's container as unlikely. The cleaned page keeps the low one, so short notes with
  // no boilerplate left around them still come back as they are.
  const plain = readability(parse().document, READABILITY_CHARS)
  removeBoilerplate(document)
  const cleaned = readability(document, MIN_ARTICLE_CHARS)
  const length = (a: Article | null) => cleanText(a?.textContent ?? '').length
  article = length(cleaned) >= length(plain) * KEEP_SHARE ? cleaned : plain
  const text = cleanText(article?.textContent ?? '')
  if (!article?.content || text.length < MIN_ARTICLE_CHARS) {
    throw new ExtractError('no readable article body (the page may need JavaScript to show its text)')
  }
  if (!meta.title && article.title && !isJunkTitle(article.title)) meta.title = cleanText(article.title)
  if (meta.authors.length === 0 && article.byline) meta.authors = bylineNames(article.byline.replace(/^\s*by\s+/i, ''))
  meta.date ??= isoDate(article.publishedTime ?? undefined)
  const body = parseHTML(`<html><body>${article.content}</body></html>`).document
  const blocks = domBlocks(body.body as unknown as DomNode, meta.title).filter((b) => !isBylineOrDate(b.text))
  if (!blocks.some((b) => b.text.split(' ').length >= 8 && /[.!?…"”)]$/.test(b.text))) {
    throw new ExtractError('no readable article body (the page may need JavaScript to show its text)')
  }
  return {format: 'html', meta, blocks, warnings}
}

function removeBoilerplate(document: QueryRoot): void {
  for (const selector of BOILERPLATE) for (const el of Array.from(document.querySelectorAll(selector) as unknown as ArrayLike<PageElement>)) el.remove()
}

/** Element count and nesting depth of a page, counted without recursion and stopping past the caps. */
function domShape(root: DomNode | undefined): {nodes: number; depth: number} {
  if (!root) return {nodes: 0, depth: 0}
  let nodes = 0
  let depth = 0
  const stack: Array<[DomNode, number]> = [[root, 1]]
  while (stack.length > 0 && nodes <= MAX_DOM_NODES && depth <= MAX_DOM_DEPTH) {
    const [node, d] = stack.pop()!
    nodes++
    depth = Math.max(depth, d)
    const children = node.childNodes
    for (let i = 0; i < children.length; i++) if (children[i].nodeType === 1) stack.push([children[i], d + 1])
  }
  return {nodes, depth}
}

/**
 * Decodes HTML bytes: a BOM wins, then the HTTP header's charset, then `<meta charset>` or the
 * http-equiv Content-Type in the first 4 KB, else UTF-8. When the declared charset is wrong —
 * bytes that are not UTF-8 under a UTF-8 label, or UTF-8 mojibake ("Ã©") under a single-byte
 * label — the other reading is used and a warning says so.
 */
export function decodeHtml(bytes: Uint8Array, headerCharset: string | undefined, warnings: string[]): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3))
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2))
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096))
  const declared = headerCharset ?? metaCharset(head)
  const label = normaliseLabel(declared ?? 'utf-8')
  let decoder: InstanceType<typeof TextDecoder>
  try {
    decoder = new TextDecoder(label)
  } catch {
    warnings.push(`unknown charset "${declared}"; read as UTF-8`)
    decoder = new TextDecoder('utf-8')
  }
  const strictUtf8 = (): string | undefined => {
    try {
      return new TextDecoder('utf-8', {fatal: true}).decode(bytes)
    } catch {
      return undefined
    }
  }
  if (decoder.encoding === 'utf-8') {
    const text = strictUtf8()
    if (text !== undefined) return text
    warnings.push(`declared charset ${declared ?? 'utf-8 (default)'} is wrong: the bytes are not UTF-8; read as windows-1252`)
    return decodeWindows1252(bytes)
  }
  const text = decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes)
  if (/[ÃÂâ][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/.test(text) && /[\u0080-\uffff]/.test(new TextDecoder('latin1').decode(bytes))) {
    const utf8 = strictUtf8()
    if (utf8 !== undefined) {
      warnings.push(`declared charset ${declared} is wrong: the bytes are UTF-8; read as UTF-8`)
      return utf8
    }
  }
  return text
}

/** 0x80–0x9F of windows-1252 (Node 20's TextDecoder gives C1 controls there, as Latin-1 would). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192)
    out += String.fromCharCode(...chunk).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80])
  }
  return out
}

function metaCharset(head: string): string | undefined {
  const direct = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)
  return direct?.[1]
}

function normaliseLabel(label: string): string {
  const l = label.trim().toLowerCase()
  // Browsers read Latin-1 labels as windows-1252 (the WHATWG Encoding Standard); so do we.
  return l === 'iso-8859-1' || l === 'latin1' || l === 'latin-1' || l === 'us-ascii' || l === 'ascii' ? 'windows-1252' : l
}

interface PageElement {
  tagName: string
  getAttribute(name: string): string | null
  remove(): void
}

interface QueryRoot {
  querySelectorAll(selector: string): ArrayLike<{getAttribute(name: string): string | null; textContent: string | null}>
  querySelector(selector: string): {getAttribute(name: string): string | null; textContent: string | null} | null
}

/** Metadata from the page head and visible bylines, each field from the first scheme that has it. */
export function pageMeta(doc: QueryRoot): FrontMatterMeta {
  const metas = Array.from(doc.querySelectorAll('meta'))
  const all = (...names: string[]): string[] => {
    const wanted = new Set(names.map((n) => n.toLowerCase()))
    return metas
      .filter((m) => wanted.has((m.getAttribute('name') ?? m.getAttribute('property') ?? '').toLowerCase()))
      .map((m) => cleanText(m.getAttribute('content') ?? ''))
      .filter(Boolean)
  }
  const one = (...names: string[]) => all(...names)[0]
  const ld = jsonLdArticle(doc)
  const itemprop = (name: string): string | undefined => {
    const el = doc.querySelector(`[itemprop="${name}"]`)
    const value = el?.getAttribute('content') ?? el?.getAttribute('datetime') ?? el?.textContent
    return value ? cleanText(value) || undefined : undefined
  }
  const notUrl = (s: string) => !/^https?:\/\//i.test(s)

  const titleTag = cleanText(doc.querySelector('title')?.textContent ?? '')
  const siteName = one('og:site_name')
  const authorSchemes: string[][] = [
    all('citation_author').map(naturalName),
    ld.authors,
    all('dc.creator', 'dcterms.creator').map(naturalName),
    all('article:author').filter(notUrl),
    Array.from(doc.querySelectorAll('[itemprop="author"] [itemprop="name"], [itemprop="author"]:not(:has([itemprop="name"]))'))
      .map((el) => cleanText(el.getAttribute('content') ?? el.textContent ?? '').replace(/^by\s+/i, ''))
      .filter((a) => a !== '' && a.length < 80),
    all('author').flatMap((a) => a.split(/\s*(?:;|\band\b|&)\s*/)).filter(Boolean),
    visibleByline(doc),
  ]
  const authors = (authorSchemes.find((a) => a.length > 0) ?? []).map(cleanText).filter((a) => a !== '' && !STAFF_CREDIT.test(a))
  const strip = (t: string | undefined) => (t ? stripSiteName(t, siteName, authors) : t)
  const titles = [
    one('citation_title'),
    ld.title,
    one('dc.title', 'dcterms.title'),
    itemprop('headline'),
    strip(one('og:title', 'twitter:title')),
    strip(titleTag),
    cleanText(doc.querySelector('h1')?.textContent ?? ''),
  ]
  // schema.org's datePublished, in JSON-LD or microdata, before JSON-LD's dateCreated: a page
  // may record when its JSON was generated a day after the date it prints (issue #19).
  const dates = [
    one('citation_publication_date', 'citation_date', 'citation_online_date'),
    ld.published,
    itemprop('datePublished'),
    ld.created,
    one('dc.date', 'dcterms.date', 'dcterms.issued', 'dc.date.issued', 'dcterms.created'),
    one('article:published_time', 'og:published_time'),
    doc.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined,
    one('date', 'pubdate'),
  ]
  const canonical = Array.from(doc.querySelectorAll('link[rel=canonical]'))[0]?.getAttribute('href') ?? undefined
  const title = titles.find((t): t is string => Boolean(t) && !isJunkTitle(t))
  return {
    title,
    authors,
    date: dates.map((d) => isoDate(d ?? undefined)).find(Boolean) ?? headlineDate(doc, title),
    url: [one('citation_abstract_html_url', 'citation_public_url'), ld.url, canonical, one('og:url')].find((u) => u && /^https?:\/\//i.test(u)),
    publisher: [one('citation_publisher', 'citation_journal_title'), ld.publisher, one('dc.publisher', 'dcterms.publisher'), siteName].find(Boolean),
  }
}

/**
 * A newsroom credit in an author field ("Our Foreign Staff", "Telegraph Reporters", "Metro
 * Desk"): the publisher's own staff, unnamed, so no author of the page (issue #19).
 */
const STAFF_CREDIT = /^our\s|\s(?:staff|reporters|desk|correspondents|newsroom)$/i

/**
 * "Headline | Site" or "Headline – Author Name" → "Headline": a trailing part that is the site's
 * name, an author's name, or short (a brand) is dropped; so is a leading site name.
 */
export function stripSiteName(title: string, site: string | undefined, authors: string[] = []): string {
  if (!title) return title
  const parts = title.split(/\s+[|–—·:-]\s+|\s+[|–—·]\s*/)
  if (parts.length < 2) return title
  const known = new Set([site, ...authors].filter((x): x is string => Boolean(x)).map((x) => x.toLowerCase()))
  const last = parts[parts.length - 1]
  if (known.has(last.toLowerCase()) || (last.length < 30 && last.split(' ').length <= 4 && parts.slice(0, -1).join(' ').length >= 20)) return parts.slice(0, -1).join(' – ')
  if (known.has(parts[0].toLowerCase())) return parts.slice(1).join(' – ')
  return title
}

function visibleByline(doc: QueryRoot): string[] {
  for (const selector of ['[rel=author]', '[itemprop=author]', '.byline', '.author', '.article-author', '[class*=byline]']) {
    const el = doc.querySelector(selector)
    const text = cleanText(el?.textContent ?? '')
    if (!text) continue
    const names = bylineNames(text.replace(/^\s*by\s+/i, ''))
    if (names.length > 0) return names
  }
  return []
}

/**
 * The JSON inside a script element written for XHTML parsers: pages wrap JSON-LD in
 * `<![CDATA[ … ]]>` (or `//<![CDATA[` with comment slashes) and older ones in `<!-- … -->`,
 * which JSON.parse rejects, so the Article node was lost and a share title won (issue #19).
 */
export function unwrapScript(text: string): string {
  const trimmed = text.trim()
  const open = /^(?:\/\/\s{0,4})?(?:<!\[CDATA\[|<!--)/.exec(trimmed)
  if (!open) return trimmed
  const close = /(?:\/\/\s{0,4})?(?:\]\]>|-->)$/.exec(trimmed)
  return trimmed.slice(open[0].length, close ? close.index : trimmed.length).trim()
}

const ARTICLE_TYPE = /^(Article|NewsArticle|ScholarlyArticle|Report|BlogPosting|AnalysisNewsArticle|OpinionNewsArticle|TechArticle|Legislation)$/
const PAGE_TYPE = /^(WebPage|CreativeWork)$/

/** The first schema.org Article node of the page's JSON-LD (a WebPage when there is none). */
function jsonLdArticle(doc: QueryRoot): {title?: string; authors: string[]; published?: string; created?: string; publisher?: string; url?: string} {
  const nodes: Array<Record<string, unknown>> = []
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit)
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>
      nodes.push(record)
      if (record['@graph']) visit(record['@graph'])
    }
  }
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse(unwrapScript(script.textContent ?? '')))
    } catch {
      // Broken JSON-LD is common; the other schemes still count.
    }
  }
  const types = (n: Record<string, unknown>) => (Array.isArray(n['@type']) ? n['@type'] : [n['@type']]).filter((t): t is string => typeof t === 'string')
  const node = nodes.find((n) => types(n).some((t) => ARTICLE_TYPE.test(t))) ?? nodes.find((n) => types(n).some((t) => PAGE_TYPE.test(t)))
  if (!node) return {authors: []}
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? cleanText(v) || undefined : undefined)
  const name = (v: unknown): string | undefined => str(v) ?? (v && typeof v === 'object' ? str((v as {name?: unknown}).name) : undefined)
  const authorList = Array.isArray(node.author) ? node.author : node.author ? [node.author] : []
  return {
    title: str(node.headline) ?? str(node.name),
    authors: authorList.map(name).filter((a): a is string => Boolean(a) && !/^https?:/.test(a!)),
    published: str(node.datePublished),
    created: str(node.dateCreated),
    publisher: name(node.publisher),
    url: str(node.url),
  }
}
