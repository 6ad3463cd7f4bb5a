import type {FrontMatterMeta} from '../frontmatter'
import {domBlocks, type DomNode} from './dom-blocks'
import {cleanText, isBylineOrDate, isJunkTitle, isoDate, naturalName} from './text'
import {ExtractError, type ExtractedDocument} from './types'

/**
 * Word (.docx) sources (issue #9): the body through mammoth (paragraph styles to HTML headings,
 * so sections survive), the metadata from `docProps/core.xml` (title, creator, created), which
 * mammoth does not expose, read with JSZip (mammoth's own zip library).
 */
export async function extractDocx(bytes: Uint8Array): Promise<ExtractedDocument> {
  const kind = sniff(bytes)
  if (kind) throw new ExtractError(`not a Word (.docx) file: ${kind}`)
  const [{default: JSZip}, mammothModule, {parseHTML}] = await Promise.all([import('jszip'), import('mammoth'), import('linkedom')])
  const mammoth = ((mammothModule as {default?: unknown}).default ?? mammothModule) as typeof import('mammoth')
  let zip: Awaited<ReturnType<typeof JSZip.loadAsync>>
  try {
    zip = await JSZip.loadAsync(bytes)
  } catch (error) {
    throw new ExtractError(`corrupt Word file: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (!zip.file('word/document.xml')) throw new ExtractError('not a Word (.docx) file: a zip archive without word/document.xml')
  // mammoth inflates every part it reads with no limit: a 1.36 MB file whose document.xml
  // inflates to 400 MB took the process down (issue #13). Each part is inflated here first,
  // as a stream, counting bytes and stopping at the cap.
  for (const name of Object.keys(zip.files)) {
    const inflated = await inflatedSize(zip as unknown as Zip, name, MAX_INFLATED_BYTES)
    if (inflated > MAX_INFLATED_BYTES) throw new ExtractError(`Word file not read: its part ${name} inflates past the ${MAX_INFLATED_BYTES / 1048576} MB cap (a zip bomb?)`)
  }
  const meta = coreMeta(await zip.file('docProps/core.xml')?.async('string'))
  let html: string
  const warnings: string[] = []
  try {
    // "Title" and "Subtitle" paragraph styles become headings mammoth would otherwise flatten.
    const result = await mammoth.convertToHtml({buffer: Buffer.from(bytes)}, {styleMap: ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"], ignoreEmptyParagraphs: true})
    html = result.value
  } catch (error) {
    throw new ExtractError(`corrupt Word file: ${error instanceof Error ? error.message : String(error)}`)
  }
  const {document} = parseHTML(`<html><body>${html}</body></html>`)
  if (isJunkTitle(meta.title)) {
    const heading = cleanText(document.querySelector('h1')?.textContent ?? '')
    meta.title = heading || undefined
  }
  const blocks = domBlocks(document.body as unknown as DomNode, meta.title).filter((b) => !isBylineOrDate(b.text))
  if (!meta.title && blocks.length > 0) meta.title = blocks.shift()!.text
  if (blocks.length === 0) throw new ExtractError('Word file holds no text')
  return {format: 'docx', meta, blocks, warnings}
}

/**
 * Bytes one part of a .docx may inflate to. The longest real reports (500 pages with tables)
 * have a document.xml of 20–30 MB; 64 MB leaves room and keeps a worker's heap small. A file
 * past the cap is refused whole: mammoth cannot convert part of a document.xml.
 */
export const MAX_INFLATED_BYTES = 64 * 1048576

type Zip = {file(name: string): {internalStream(type: 'uint8array'): InflateStream} | null}
interface InflateStream {
  on(event: 'data', cb: (chunk: Uint8Array) => void): InflateStream
  on(event: 'end', cb: () => void): InflateStream
  on(event: 'error', cb: (error: unknown) => void): InflateStream
  resume(): InflateStream
  pause(): InflateStream
}

/** Bytes a zip part inflates to, counted as it streams; stops counting once past `cap`. */
function inflatedSize(zip: Zip, name: string, cap: number): Promise<number> {
  const file = zip.file(name)
  if (!file) return Promise.resolve(0)
  return new Promise((resolve, reject) => {
    let total = 0
    const stream = file.internalStream('uint8array')
    stream
      .on('data', (chunk) => {
        total += chunk.length
        if (total > cap) {
          stream.pause()
          resolve(total)
        }
      })
      .on('end', () => resolve(total))
      .on('error', (error) => reject(new ExtractError(`corrupt Word file: ${error instanceof Error ? error.message : String(error)}`)))
      .resume()
  })
}

/** Why the bytes are not a .docx (a zip), or undefined when they may be one. */
function sniff(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return 'the file is empty'
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return undefined
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512))
  if (head.startsWith('%PDF')) return 'it is a PDF'
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'it is a legacy Word 97–2003 .doc; save it as .docx'
  if (head.startsWith('{\\rtf')) return 'it is RTF; save it as .docx'
  if (/^\s*</.test(head)) return /<html|<!doctype html/i.test(head) ? 'it is an HTML page' : 'it is XML or HTML, not a zip archive'
  return 'not a zip archive'
}

/** title, creator and created of `docProps/core.xml` (Dublin Core inside OPC core properties). */
function coreMeta(xml: string | undefined): FrontMatterMeta {
  if (!xml) return {authors: []}
  const field = (name: string) => {
    const m = new RegExp(`<${name}(?:\\s[^>]*)?>([^<]*)</${name}>`).exec(xml)
    return m ? cleanText(decodeXml(m[1])) || undefined : undefined
  }
  const creator = field('dc:creator')
  return {
    title: field('dc:title'),
    authors: creator ? creator.split(/\s*(?:;|\band\b|&)\s*/).map(naturalName).filter(Boolean) : [],
    date: isoDate(field('dcterms:created') ?? field('dcterms:modified')),
  }
}

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const lower = e.toLowerCase()
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16))
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10))
    return ({amp: '&', lt: '<', gt: '>', quot: '"', apos: "'"} as Record<string, string>)[lower]
  })
}
