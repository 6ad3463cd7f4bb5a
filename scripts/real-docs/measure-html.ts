import {readFileSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {parseHTML} from 'linkedom'
import {extractDocument} from '../../server/src/engine/corpus/formats/index'
import {normalise} from '../../tests/formats/real/measure'

// Third-party saved web pages (issue #19): each must yield its article body (never rejected),
// with title, author and date right where the page has them (and none made up where it has none). Pages come from
// scripts/real-docs/third-party.sh; the article each should yield is Readability's own expected
// output kept beside it. `npx tsx scripts/real-docs/measure-html.ts [PAGES_DIR]`.
const labels = JSON.parse(readFileSync(resolve(__dirname, '../../tests/formats/real/third-party.json'), 'utf8')) as {
  pages: Array<{page: string; publisher: string; title: string; authors: string[] | null; date: string | null}>
}
const dir = process.argv[2] ?? '/tmp/briefcheck-real-pages/test/test-pages'
const same = (a: string | undefined | null, b: string | undefined | null) => normalise(a ?? '').toLowerCase() === normalise(b ?? '').toLowerCase()

async function main() {
  const rows = ['| page | publisher | read | sentences (6+ words) | in the article | article paragraphs kept | title | author | date |', '|---|---|---|---|---|---|---|---|---|']
  let read = 0
  let metaRight = 0
  for (const label of labels.pages) {
    const html = readFileSync(join(dir, label.page, 'source.html'))
    const expected = normalise(parseHTML(readFileSync(join(dir, label.page, 'expected.html'), 'utf8')).document.documentElement?.textContent ?? '')
    const paragraphs = Array.from(parseHTML(readFileSync(join(dir, label.page, 'expected.html'), 'utf8')).document.querySelectorAll('p'))
      .map((p) => normalise((p as {textContent?: string}).textContent ?? ''))
      .filter((t) => t.split(' ').length >= 8)
    try {
      const doc = await extractDocument('html', new Uint8Array(html))
      read++
      const text = normalise(doc.blocks.map((b) => b.text).join(' '))
      const sentences = doc.blocks.flatMap((b) => b.text.split(/(?<=[.!?])\s+(?=[A-Z“"])/)).map(normalise).filter((s) => s.split(' ').length >= 6)
      const inArticle = sentences.filter((s) => expected.includes(s)).length
      const kept = paragraphs.filter((p) => text.includes(p)).length
      const title = same(doc.meta.title, label.title)
      const authors = label.authors ?? []
      const author = doc.meta.authors.length === authors.length && doc.meta.authors.every((a, i) => same(a, authors[i]))
      const date = (doc.meta.date ?? null) === label.date
      if (title && author && date) metaRight++
      const pct = (a: number, b: number) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(0)}%`)
      rows.push(`| ${label.page} | ${label.publisher} | yes | ${sentences.length} | ${pct(inArticle, sentences.length)} | ${pct(kept, paragraphs.length)} | ${title ? '✓' : `✗ (${doc.meta.title})`} | ${author ? '✓' : `✗ (${doc.meta.authors.join('; ')})`} | ${date ? '✓' : `✗ (${doc.meta.date})`} |`)
    } catch (error) {
      rows.push(`| ${label.page} | ${label.publisher} | REJECTED: ${error instanceof Error ? error.message : String(error)} |`)
    }
  }
  console.log(rows.join('\n'))
  console.log(`\nread ${read} of ${labels.pages.length}; title, author and date right: ${metaRight} of ${labels.pages.length}`)
}

void main()
