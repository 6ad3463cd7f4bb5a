// Proves the e2e harnesses with throw-away fixtures generated in a temp folder, so a
// failure here means "the tooling is broken", never "Briefcheck is broken".
//   node scripts/e2e/smoke.mjs [vscode|nvim]   (default: both)
// vscode: a 10-line extension that publishes one warning on markdown, packaged with the
//         project's vsce, installed into code-server; asserts squiggle + Problems + hover.
// nvim:   a tiny vscode-languageserver stdio server; asserts diagnostics + hover via Neovim.
import {execFileSync} from 'node:child_process'
import {mkdtemp, mkdir, writeFile, rm} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import {join, resolve, dirname} from 'node:path'
import {fileURLToPath} from 'node:url'
import assert from 'node:assert/strict'

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const which = process.argv[2] ?? 'all'
const tmp = await mkdtemp(join(tmpdir(), 'briefcheck-smoke-'))
const BRIEF = '# Brief\n\nUnemployment fell to 3.9% in 2024. TODO cite\n'
const MESSAGE = 'smoke: uncited claim'
const ms = (t) => `${Date.now() - t} ms`

try {
  if (which === 'all' || which === 'vscode') await smokeVscode()
  if (which === 'all' || which === 'nvim') await smokeNvim()
  console.log('smoke: OK')
} finally {
  if (!process.env.BRIEFCHECK_E2E_KEEP) await rm(tmp, {recursive: true, force: true})
}

async function smokeVscode() {
  // The install script is a no-op (~0.5 s) when cached; it prints the binary path last.
  let t = Date.now()
  const bin = execFileSync(join(REPO, 'scripts/e2e/install.sh'), {stdio: ['ignore', 'pipe', 'inherit']})
    .toString().trim().split('\n').pop()
  console.log(`install.sh: ${ms(t)}`)
  process.env.BRIEFCHECK_CODE_SERVER = bin
  const h = await import('../../tests/e2e/lib/code-server.mjs')

  // Throw-away extension. repository + LICENSE: without them vsce stops at a y/N prompt.
  const ext = join(tmp, 'ext')
  await mkdir(ext, {recursive: true})
  await writeFile(join(ext, 'package.json'), JSON.stringify({
    name: 'smoke-diag', publisher: 'briefcheck-smoke', version: '0.0.1', license: 'MIT',
    repository: 'https://example.invalid/smoke', engines: {vscode: '^1.91.0'},
    activationEvents: ['onLanguage:markdown'], main: './extension.js',
  }))
  await writeFile(join(ext, 'LICENSE'), 'MIT\n')
  await writeFile(join(ext, 'README.md'), '# smoke-diag\n')
  await writeFile(join(ext, 'extension.js'), `const vscode = require('vscode')
exports.activate = (ctx) => {
  const diags = vscode.languages.createDiagnosticCollection('smoke')
  const check = (doc) => {
    if (doc.languageId !== 'markdown') return
    const at = doc.getText().indexOf('TODO')
    if (at < 0) return
    const range = new vscode.Range(doc.positionAt(at), doc.positionAt(at + 4))
    diags.set(doc.uri, [new vscode.Diagnostic(range, ${JSON.stringify(MESSAGE)}, vscode.DiagnosticSeverity.Warning)])
  }
  vscode.workspace.textDocuments.forEach(check)
  ctx.subscriptions.push(diags, vscode.workspace.onDidOpenTextDocument(check))
}
`)
  // The project's vsce, by path: `npx @vscode/vsce` from a temp cwd would try to download it.
  t = Date.now()
  execFileSync(join(REPO, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '-o', 'smoke.vsix'], {cwd: ext, stdio: 'pipe'})
  console.log(`vsce package: ${ms(t)}`)

  const ws = join(tmp, 'workspace')
  await mkdir(ws, {recursive: true})
  await writeFile(join(ws, 'brief.md'), BRIEF)

  const s = await h.startCodeServer({vsix: join(ext, 'smoke.vsix'), workspace: ws})
  try {
    console.log(`code-server /healthz: ${s.timings.healthz} ms, --install-extension: ${s.timings.installExtension} ms, browser→workbench: ${s.timings.workbench} ms`)
    t = Date.now()
    await h.openFile(s.page, 'brief.md')
    const tOpen = Date.now()
    await h.waitForSquiggle(s.page, 'warning')
    console.log(`Quick Open→editor: ${tOpen - t} ms, editor→squiggle: ${ms(tOpen)}`)
    const count = await h.waitForProblems(s.page, (c) => c.warnings === 1)
    assert.equal(count.errors, 0, count.label)
    t = Date.now()
    const hover = await h.hoverText(s.page, 'TODO')
    console.log(`hover: ${ms(t)}: ${JSON.stringify(hover.slice(0, 80))}`)
    assert.match(hover, new RegExp(MESSAGE))
    console.log(`Problems: ${count.label}; screenshot: ${await s.screenshot('smoke-vscode')}`)
  } catch (e) {
    await s.screenshot('smoke-vscode-failure').catch(() => {})
    throw e
  } finally {
    await s.stop()
  }
}

async function smokeNvim() {
  // Absolute path to the project's vscode-languageserver: the server file lives in /tmp.
  const lsNode = createRequire(join(REPO, 'package.json')).resolve('vscode-languageserver/node')
  const server = join(tmp, 'tiny-server.cjs')
  await writeFile(server, `const ls = require(${JSON.stringify(lsNode)})
const conn = ls.createConnection(ls.ProposedFeatures.all)
conn.onInitialize(() => ({capabilities: {textDocumentSync: ls.TextDocumentSyncKind.Full, hoverProvider: true, codeActionProvider: true}}))
const publish = ({textDocument: {uri, text}}) => {
  const lines = text.split('\\n'), line = lines.findIndex((l) => l.includes('TODO'))
  if (line < 0) return
  const character = lines[line].indexOf('TODO')
  conn.sendDiagnostics({uri, diagnostics: [{range: {start: {line, character}, end: {line, character: character + 4}},
    severity: ls.DiagnosticSeverity.Warning, source: 'smoke', message: ${JSON.stringify(MESSAGE)}}]})
}
conn.onDidOpenTextDocument(publish)
conn.onDidChangeTextDocument(({textDocument, contentChanges}) => publish({textDocument: {...textDocument, text: contentChanges.at(-1).text}}))
conn.onHover(({position}) => ({contents: {kind: 'markdown', value: 'smoke hover at ' + position.line + ':' + position.character}}))
conn.onCodeAction(({context}) => context.diagnostics.map((d) => ({title: 'smoke: add citation', kind: 'quickfix', diagnostics: [d]})))
conn.listen()
`)
  const file = join(tmp, 'brief.md')
  await writeFile(file, BRIEF)
  const {runNvimCheck} = await import('../../tests/e2e/nvim/run.mjs')
  const t = Date.now()
  const r = await runNvimCheck({cmd: ['node', server, '--stdio'], file, line: 2, character: 38})
  console.log(`nvim: ${ms(t)} total, diagnostics after ${r.diagnosticsMs} ms: ${JSON.stringify(r.diagnostics[0]?.message)}, hover: ${JSON.stringify(r.hover)}, actions: ${JSON.stringify(r.codeActions.map((a) => a.title))}`)
  assert.equal(r.diagnostics.length, 1)
  assert.equal(r.diagnostics[0].message, MESSAGE)
  assert.match(JSON.stringify(r.hover), /smoke hover at 2:38/)
  assert.deepEqual(r.codeActions.map((a) => a.title), ['smoke: add citation'])
}
