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

await build({
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
  logLevel: 'warning',
})
