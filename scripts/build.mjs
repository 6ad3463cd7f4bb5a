// One esbuild config for the three entry points (client, language server, CLI):
// a single config avoids the twin-config drift STYLE.md warns about.
import {build} from 'esbuild'
import {existsSync} from 'node:fs'

const entries = {
  client: 'client/src/extension.ts',
  server: 'server/src/protocol/main.ts',
  cli: 'server/src/cli/main.ts',
}
const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)))

const result = await build({
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
