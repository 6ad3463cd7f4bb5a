#!/usr/bin/env node
// Thin launcher for editors other than VS Code: `briefcheck-language-server --stdio`.
require('../../dist/server.js')
