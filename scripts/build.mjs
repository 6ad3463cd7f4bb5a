// One esbuild config for the three entry points (client, language server, CLI):
// a single config avoids the twin-config drift STYLE.md warns about.
import {build} from 'esbuild'
import {copyFileSync, existsSync, mkdirSync} from 'node:fs'
import {createRequire} from 'node:module'
import {writeCslData} from './csl-data.mjs'
import {writeWordnetData} from './wordnet-data.mjs'

const entries = {
  client: 'client/src/extension.ts',
  server: 'server/src/protocol/main.ts',
  cli: 'server/src/cli/main.ts',
  // Corpus files are parsed in worker threads (issue #15: both cores; issue #13: a bomb costs one worker).
  'parse-worker': 'server/src/engine/corpus/parse-worker.ts',
}
const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)))

// Document parsers (issue #9: PDF, HTML, Word) and the PostgreSQL client (issue #18) are large
// and needed only when a corpus holds such files or lives in a database: each is bundled on its
// own into dist/vendor/ and required from there on first use, so the server and CLI bundles stay
// small and start fast. sql.js (Zotero libraries, issue #16) and citeproc (CSL styles) are loaded
// the same way; sql.js finds its .wasm beside its bundle.
const VENDOR = ['unpdf', 'linkedom', '@mozilla/readability', 'mammoth', 'jszip', 'pg', 'sql.js', 'citeproc']
const vendorFile = (name) => `vendor/${name.replace(/^@/, '').replace(/\//g, '-')}`
const require = createRequire(import.meta.url)
const vendor = {
  name: 'vendor',
  setup(b) {
    const filter = new RegExp(`^(${VENDOR.map((n) => n.replace(/[/.]/g, '\\$&')).join('|')})$`)
    b.onResolve({filter}, (args) => ({path: `./${vendorFile(args.path)}.js`, external: true}))
  },
}
await build({
  entryPoints: Object.fromEntries(VENDOR.map((name) => [vendorFile(name), require.resolve(name)])),
  outdir: 'dist',
  // pg's optional native binding: we use the pure JavaScript client.
  external: ['pg-native'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  define: {'import.meta.url': '__briefcheckImportMetaUrl'},
  banner: {js: "const __briefcheckImportMetaUrl = require('url').pathToFileURL(__filename).href;"},
  logLevel: 'error',
})

mkdirSync('dist/vendor', {recursive: true})
copyFileSync(require.resolve('sql.js/dist/sql-wasm.wasm'), 'dist/vendor/sql-wasm.wasm')
writeCslData('dist/csl')
writeWordnetData('dist/wordnet')

const result = await build({
  plugins: [vendor],
  entryPoints,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  sourcemap: 'linked',
  minify: process.argv.includes('--minify'),
  legalComments: 'none',
  // Some ESM dependencies (fdir via tinyglobby) read import.meta.url, which a CJS bundle lacks.
  define: {'import.meta.url': '__briefcheckImportMetaUrl'},
  banner: {js: "const __briefcheckImportMetaUrl = require('url').pathToFileURL(__filename).href;"},
  metafile: true,
  logLevel: 'warning',
})

if (process.argv.includes('--analyze')) {
  const {analyzeMetafile} = await import('esbuild')
  console.log(await analyzeMetafile(result.metafile))
}
