import type {Root} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml'])

/** Parses Markdown with remark (+ GFM, front matter); positions carry UTF-16 offsets. */
export function parseMarkdown(text: string): Root {
  return processor.parse(text)
}
