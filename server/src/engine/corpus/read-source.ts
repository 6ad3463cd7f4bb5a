import {basename, extname} from 'node:path'
import {boundContainerNesting, nestingReason} from '../markdown/nesting'
import {collectSourceProse} from '../markdown/source-prose'
import {cellSection} from '../markdown/table-headers'
import type {OffsetMap} from '../text/offset-map'
import {readFrontMatter, type FrontMatterMeta} from './frontmatter'
import {pageLookup} from './formats/registry'
import {parseScrapedText} from './scraped'

/** One source file read into prose blocks and whatever metadata it states. */
export interface ReadSource {
  meta: FrontMatterMeta
  blocks: Array<{text: string; map: OffsetMap; section?: string}>
  /** Non-fatal trouble (broken front matter): reported, the body is still indexed. */
  warnings: string[]
  /** One-based page of an offset in the file's text, for paged sources (PDF; `<!-- page N -->` in Markdown). */
  pageAt?: (offset: number) => number | undefined
}

export {SOURCE_EXTENSIONS} from './file-kinds'

/** How a source is read; the default is what the corpus uses. */
export interface ReadOptions {
  /**
   * false: parse the whole Markdown with remark, without the plain-paragraph shortcut of
   * source-prose.ts (the equivalence test's reference; the results are the same).
   */
  shortcut?: boolean
}

/** Reads a Markdown (YAML front matter) or scraped plain-text source. */
export function readSource(path: string, text: string, options: ReadOptions = {}): ReadSource {
  const ext = extname(path).toLowerCase()
  return ext === '.txt' ? readScraped(text) : readMarkdownSource(path, text, options)
}

function readMarkdownSource(path: string, text: string, options: ReadOptions): ReadSource {
  const bounded = boundContainerNesting(text)
  const prose = collectSourceProse(bounded.text, options)
  const warnings: string[] = bounded.lines.length > 0 ? [nestingReason(bounded.lines)] : []
  let meta: FrontMatterMeta = {authors: []}
  if (prose.frontmatter !== undefined) {
    try {
      meta = readFrontMatter(prose.frontmatter)
    } catch (error) {
      warnings.push(`broken front matter: ${firstLine(error)}`)
    }
  }
  const firstHeading = prose.blocks.find((b) => b.kind === 'heading')?.text.trim()
  if (!meta.title) meta.title = firstHeading || titleFromFileName(path)
  const blocks = prose.blocks
    .filter((b) => b.kind !== 'heading' && !(b.kind === 'paragraph' && b.text.trim() === meta.title))
    .map((b) => ({text: b.text, map: b.map, section: cellSection(b.section, b.headers)}))
  // Page marks `briefcheck add` writes for a captured PDF keep its sentences' pages (issue #9).
  const pages = prose.comments.map((c) => [c.end, Number(/^\s*page:?\s*(\d+)\s*$/i.exec(c.value)?.[1])] as [number, number]).filter(([, n]) => n > 0)
  return pages.length > 0 ? {meta, blocks, warnings, pageAt: pageLookup(pages)} : {meta, blocks, warnings}
}

function readScraped(text: string): ReadSource {
  const doc = parseScrapedText(text)
  return {
    meta: {title: doc.title, authors: doc.authors, date: doc.date},
    blocks: doc.blocks.filter((b) => b.kind === 'paragraph' || b.kind === 'list-item').map((b) => ({text: b.text, map: b.map, section: b.section})),
    warnings: [],
  }
}

function titleFromFileName(path: string): string {
  return basename(path, extname(path)).replace(/[-_]+/g, ' ').trim()
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0]
}
