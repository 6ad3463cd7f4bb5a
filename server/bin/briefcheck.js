#!/usr/bin/env node
// Thin launcher: the CLI is bundled to dist/cli.js by `npm run build` (run on `npm ci` via `prepare`).
require('../../dist/cli.js')
