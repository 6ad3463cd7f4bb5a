import type {Root} from 'mdast'
import {gfmFootnoteFromMarkdown} from 'mdast-util-gfm-footnote'
import {gfmTableFromMarkdown} from 'mdast-util-gfm-table'
import {gfmFootnote} from 'micromark-extension-gfm-footnote'
import {gfmTable} from 'micromark-extension-gfm-table'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified, type Processor} from 'unified'

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml'])

/** Parses a draft with remark (+ GFM, front matter); positions carry UTF-16 offsets. */
export function parseMarkdown(text: string): Root {
  return processor.parse(text)
}

/**
 * Only the GFM parts a source's prose needs: tables (their cells hold figures) and footnotes.
 * Autolink literals, strikethrough and task lists change no sentence of a source, and the
 * full GFM set halved parsing speed when indexing (measured 1.3 against 2.4 MB/s on the
 * benchmark corpus), the largest cost of a cold index.
 */
function sourceSyntax(this: Processor): void {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(gfmTable(), gfmFootnote())
  ;(data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmFootnoteFromMarkdown())
}

const sourceProcessor = unified().use(remarkParse).use(sourceSyntax).use(remarkFrontmatter, ['yaml', 'toml'])

/** Parses a Markdown source of the corpus (see `sourceSyntax`). */
export function parseSourceMarkdown(text: string): Root {
  return sourceProcessor.parse(text)
}
