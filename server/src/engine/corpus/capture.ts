import {existsSync} from 'node:fs'
import {mkdir, readFile, stat, writeFile} from 'node:fs/promises'
import {basename, extname, isAbsolute, join, resolve} from 'node:path'
import {stringify} from 'yaml'
import {asciiFold, familyName} from './keys'
import {documentFormat, extractDocument, ExtractError, type DocumentFormat, type ExtractedDocument} from './formats/index'

/**
 * `briefcheck add` (issue #9): fetch a web page, PDF or Word file (or read a local one), extract
 * its text and metadata with the corpus's own extractors, and write a Markdown source with YAML
 * front matter into a corpus folder, the original kept beside it. Network limits are explicit:
 * http/https only, a timeout over the whole exchange, a size cap, at most five redirects.
 */

export interface FetchLimits {
  /** Whole exchange, headers and body (ms). */
  timeoutMs: number
  maxBytes: number
  maxRedirects: number
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {timeoutMs: 30_000, maxBytes: 20 * 1024 * 1024, maxRedirects: 5}

/** A capture that cannot go on: the message says why, for the user. */
export class CaptureError extends Error {
  override name = 'CaptureError'
}

export interface FetchedDocument {
  bytes: Uint8Array
  format: DocumentFormat
  /** The URL after redirects. */
  url: string
  /** Charset the server declared (Content-Type), if any. */
  charset?: string
}

const MIME: Array<[RegExp, DocumentFormat]> = [
  [/^application\/pdf$|^application\/x-pdf$/, 'pdf'],
  [/^text\/html$|^application\/xhtml\+xml$/, 'html'],
  [/^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document$/, 'docx'],
]

/** Fetches a document over http(s) within `limits`; every failure is a `CaptureError` with a clear reason. */
export async function fetchDocument(input: string, limits: FetchLimits = DEFAULT_FETCH_LIMITS): Promise<FetchedDocument> {
  let url = parseHttpUrl(input)
  const signal = AbortSignal.timeout(limits.timeoutMs)
  const seconds = `${Math.round(limits.timeoutMs / 100) / 10} s`
  try {
    for (let hop = 0; ; hop++) {
      const response = await fetch(url, {redirect: 'manual', signal, headers: {accept: 'text/html,application/xhtml+xml,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document;q=0.9,*/*;q=0.1', 'user-agent': 'briefcheck (source capture)'}})
      if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
        await response.body?.cancel().catch(() => undefined)
        if (hop >= limits.maxRedirects) throw new CaptureError(`${input}: more than ${limits.maxRedirects} redirects`)
        url = parseHttpUrl(new URL(response.headers.get('location')!, url).toString())
        continue
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined)
        throw new CaptureError(`${url}: HTTP ${response.status}${response.status === 404 ? ' (not found)' : response.statusText ? ` (${response.statusText})` : ''}`)
      }
      const contentType = (response.headers.get('content-type') ?? '').toLowerCase()
      const mime = contentType.split(';')[0].trim()
      const charset = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1]
      const declared = Number(response.headers.get('content-length'))
      if (Number.isFinite(declared) && declared > limits.maxBytes) {
        await response.body?.cancel().catch(() => undefined)
        throw new CaptureError(`${url}: ${mb(declared)} MB, over the ${mb(limits.maxBytes)} MB limit`)
      }
      const bytes = await readCapped(response, limits.maxBytes, url)
      const format = MIME.find(([re]) => re.test(mime))?.[1] ?? sniffFormat(bytes, mime)
      if (!format) throw new CaptureError(`${url}: not a document (content type ${mime || 'missing'}); only web pages, PDF and Word files can be added`)
      return {bytes, format, url, charset}
    }
  } catch (error) {
    if (error instanceof CaptureError) throw error
    const name = (error as {name?: string}).name
    if (name === 'TimeoutError' || name === 'AbortError') throw new CaptureError(`${input}: no complete answer within ${seconds} (timed out)`)
    const cause = (error as {cause?: {code?: string; message?: string}}).cause
    throw new CaptureError(`${input}: could not be fetched: ${cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))}`)
  }
}

function parseHttpUrl(text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new CaptureError(`${text}: not a URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CaptureError(`${text}: only http and https URLs can be fetched`)
  return url.toString()
}

async function readCapped(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array()
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const {done, value} = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw new CaptureError(`${url}: more than ${mb(maxBytes)} MB, over the size limit`)
    }
    chunks.push(value)
  }
  const out = new Uint8Array(total)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.byteLength
  }
  return out
}

/** A format from the bytes when the content type is vague (octet-stream, missing). */
function sniffFormat(bytes: Uint8Array, mime: string): DocumentFormat | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024))
  if (head.startsWith('%PDF-')) return 'pdf'
  if ((mime === '' || mime === 'application/octet-stream' || mime === 'text/plain') && /<(!doctype html|html|head|body)\b/i.test(head)) return 'html'
  return undefined
}

const mb = (bytes: number) => (bytes / 1048576).toFixed(bytes < 1048576 ? 2 : 1).replace(/\.0+$/, '')

export interface CaptureOptions {
  /** Folder the Markdown source and the original are written to (created when missing). */
  folder: string
  limits?: FetchLimits
  /** Today, for `accessed` (tests pin it). */
  now?: Date
}

export interface CaptureResult {
  /** The Markdown source written. */
  markdown: string
  /** The original kept beside it. */
  original: string
  doc: ExtractedDocument
}

/** Captures a URL or a local PDF/HTML/Word file into `folder` as a Markdown source. */
export async function captureSource(input: string, options: CaptureOptions): Promise<CaptureResult> {
  const limits = options.limits ?? DEFAULT_FETCH_LIMITS
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(input)
  let bytes: Uint8Array
  let format: DocumentFormat
  let url: string | undefined
  let charset: string | undefined
  if (isUrl) {
    ;({bytes, format, url, charset} = await fetchDocument(input, limits))
  } else {
    const known = documentFormat(input)
    if (!known) throw new CaptureError(`${input}: not a PDF, HTML or Word (.docx) file`)
    const info = await stat(input).catch(() => undefined)
    if (!info?.isFile()) throw new CaptureError(`${input}: no such file`)
    if (info.size > limits.maxBytes) throw new CaptureError(`${input}: ${mb(info.size)} MB, over the ${mb(limits.maxBytes)} MB limit`)
    bytes = await readFile(input)
    format = known
  }
  let doc: ExtractedDocument
  try {
    doc = await extractDocument(format, bytes, {charset})
  } catch (error) {
    if (error instanceof ExtractError) throw new CaptureError(`${url ?? input}: ${error.message}`)
    throw error
  }
  if (url) doc.meta.url ??= url
  const accessed = url ? (options.now ?? new Date()).toISOString().slice(0, 10) : undefined
  await mkdir(options.folder, {recursive: true})
  const ext = format === 'html' ? '.html' : `.${format}`
  const stem = freeStem(options.folder, slug(doc, isUrl ? undefined : basename(input, extname(input))), ext)
  const markdown = join(options.folder, `${stem}.md`)
  const original = join(options.folder, `${stem}${ext}`)
  // `wx`: never overwrite, even if a file appeared since the name was chosen.
  await writeFile(original, bytes, {flag: 'wx'})
  await writeFile(markdown, renderMarkdown(doc, {original: basename(original), accessed}), {flag: 'wx'})
  return {markdown, original, doc}
}

/** "castell-2021-annual-report-harrow-river": family name, year, first title words; ASCII. */
export function slug(doc: ExtractedDocument, fallback?: string): string {
  const word = (s: string) => asciiFold(s.replace(/[-_]/g, ' ').replace(/\s+/g, '-')).replace(/^-+|-+$/g, '')
  const parts: string[] = []
  if (doc.meta.authors[0]) parts.push(asciiFold(familyName(doc.meta.authors[0])))
  const year = /^\d{4}/.exec(doc.meta.date ?? '')?.[0]
  if (year) parts.push(year)
  const titleWords = (doc.meta.title ?? fallback ?? '')
    .split(/[^\p{L}\p{N}]+/u)
    .map((w) => asciiFold(w))
    .filter((w) => w.length > 0 && !STOP.has(w))
    .slice(0, 5)
  parts.push(...titleWords)
  const out = parts.filter(Boolean).join('-').slice(0, 80).replace(/-+$/, '')
  return out || word(fallback ?? '') || 'source'
}

const STOP = new Set(['a', 'an', 'the', 'of', 'and', 'in', 'on', 'for', 'to', 'at', 'by', 'with', 'from'])

/** The stem itself, or with -2, -3… when a Markdown file or an original of that name exists. */
function freeStem(folder: string, stem: string, ext: string): string {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? stem : `${stem}-${n}`
    if (!existsSync(join(folder, `${candidate}.md`)) && !existsSync(join(folder, `${candidate}${ext}`))) return candidate
  }
}

/**
 * The Markdown source: YAML front matter (title, author or authors, date, url, publisher,
 * accessed, original), then the text — a `##` heading where the section changes and a
 * `<!-- page N -->` mark where the page does, so the Markdown keeps the PDF's pages.
 */
export function renderMarkdown(doc: ExtractedDocument, extra: {original?: string; accessed?: string} = {}): string {
  const meta = doc.meta
  const front: Record<string, unknown> = {title: meta.title ?? extra.original ?? 'Untitled'}
  if (meta.authors.length === 1) front.author = meta.authors[0]
  else if (meta.authors.length > 1) front.authors = meta.authors
  if (meta.date) front.date = meta.date
  if (meta.url) front.url = meta.url
  if (meta.publisher) front.publisher = meta.publisher
  if (extra.accessed) front.accessed = extra.accessed
  if (extra.original) front.original = extra.original
  const lines = ['---', stringify(front, {lineWidth: 0}).trimEnd(), '---', '']
  let section: string | undefined
  let page: number | undefined
  for (const block of doc.blocks) {
    if (block.page !== undefined && block.page !== page) {
      page = block.page
      lines.push(`<!-- page ${page} -->`, '')
    }
    if (block.section && block.section !== section) {
      section = block.section
      lines.push(`## ${escapeInline(section)}`, '')
    }
    if (!block.pageBreaks?.length) {
      lines.push(escapeBlock(block.text), '')
      continue
    }
    // A paragraph across a page break: the mark goes inside it, as an inline comment, so the
    // sentence stays whole and the words after it count on the next page.
    let text = ''
    let at = 0
    for (const [offset, p] of block.pageBreaks) {
      // After the word the break falls in (a word hyphenated across pages is whole again).
      let cut = Math.max(offset, at)
      while (cut < block.text.length && /\S/.test(block.text[cut])) cut++
      text += `${block.text.slice(at, cut)} <!-- page ${p} -->`
      at = cut
      page = p
    }
    text += block.text.slice(at)
    lines.push(escapeBlock(text), '')
  }
  return lines.join('\n')
}

/** Markdown syntax in extracted text escaped, so it reads back as the same words. */
function escapeInline(text: string): string {
  return text.replace(/([\\`*_[\]<>])/g, '\\$1')
}

function escapeBlock(text: string): string {
  const inline = text.replace(/([\\`*_[\]])/g, '\\$1').replace(/<(?!!-- page \d+ -->)/g, '\\<')
  // A paragraph that would start a heading, quote, list or rule.
  return inline.replace(/^(\s*)(>|[#+=-](?=\s|$)|\d+[.)](?=\s|$))/, '$1\\$2')
}

/**
 * The first folder corpus patterns name: a folder as given, or a glob's fixed part
 * ("sources/**\/*.md" → "sources"); a folder that does not exist yet counts (it is created).
 */
export async function firstCorpusFolder(patterns: string[], baseDir: string): Promise<string | undefined> {
  for (const pattern of patterns) {
    const parts = pattern.split('/')
    const glob = parts.findIndex((part) => /[*?[{]/.test(part))
    const fixed = (glob === -1 ? parts : parts.slice(0, glob)).join('/')
    if (!fixed) continue
    const folder = isAbsolute(fixed) ? fixed : resolve(baseDir, fixed)
    const info = await stat(folder).catch(() => undefined)
    if (info?.isDirectory()) return folder
    if (!info && extname(folder) === '') return folder
  }
  return undefined
}
