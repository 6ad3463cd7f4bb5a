import {stringify as stringifyYaml} from 'yaml'
import type {CslItem} from './csl-item'
import {citationJs, type BibliographyFormat} from './draft-bibliography'

/**
 * The text that adds one entry to a draft's bibliography file (issue #16: citing a corpus source
 * whose key the file lacks appends the entry in the same edit), in the file's own format:
 * BibTeX written by citation.js, a CSL-JSON object inserted before the closing bracket of the
 * file's array, or a CSL YAML list item indented like the file's. `at` is the offset to insert at.
 */
export function appendEntry(fileText: string, format: BibliographyFormat, item: CslItem): {at: number; text: string} {
  const clean = {...item}
  delete clean.abstract // long, and no style prints it in a note
  switch (format) {
    case 'bibtex': {
      const {plugins} = citationJs()
      const entry = plugins.output.format('bibtex', [{...clean, 'citation-key': item.id}]).trim()
      const sep = fileText.length === 0 ? '' : fileText.endsWith('\n\n') ? '' : fileText.endsWith('\n') ? '\n' : '\n\n'
      return {at: fileText.length, text: `${sep}${entry}\n`}
    }
    case 'csl-json': {
      const close = fileText.lastIndexOf(']')
      const json = JSON.stringify(clean, null, 2).replace(/\n/g, '\n  ')
      if (close < 0) return {at: fileText.length, text: `[\n  ${json}\n]\n`}
      const before = fileText.slice(0, close).trimEnd()
      const empty = before.endsWith('[')
      // Insert right after the last value, keeping the file's closing line as it is.
      return {at: before.length, text: `${empty ? '' : ','}\n  ${json}`}
    }
    case 'csl-yaml': {
      const indent = /^([ \t]*)- /m.exec(fileText)?.[1] ?? ''
      const hasList = /^references\s*:/m.test(fileText)
      const body = stringifyYaml([clean]).trimEnd().split('\n').map((line) => indent + line).join('\n')
      const sep = fileText.length === 0 || fileText.endsWith('\n') ? '' : '\n'
      return {at: fileText.length, text: `${sep}${hasList ? '' : 'references:\n'}${body}\n`}
    }
  }
}
