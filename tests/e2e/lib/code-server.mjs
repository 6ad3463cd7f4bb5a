// A real VS Code (code-server 1.100) driven by Debian Chromium through playwright-core.
// Plain Node ESM so scripts run it with `node` and vitest/tsx tests import it alike
// (types in code-server.d.mts). Install the tools first: scripts/e2e/install.sh.
//
// Each session is hermetic: its own temp HOME/XDG dirs, user-data-dir, extensions-dir
// and Chromium profile, so tests never see each other's state or the developer's.
import {spawn, execFile} from 'node:child_process'
import {openSync, closeSync} from 'node:fs'
import {mkdtemp, mkdir, writeFile, readFile, rm} from 'node:fs/promises'
import {createServer} from 'node:net'
import {tmpdir, homedir} from 'node:os'
import {join, resolve, dirname} from 'node:path'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'
import {chromium} from 'playwright-core'

const execFileP = promisify(execFile)
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
export const RESULTS_DIR = join(REPO, 'tests/e2e/results')
export const CODE_SERVER_BIN =
  process.env.BRIEFCHECK_CODE_SERVER ??
  join(process.env.BRIEFCHECK_E2E_CACHE ?? join(homedir(), '.cache/briefcheck-e2e'), 'code-server/node_modules/.bin/code-server')

const SETTINGS = {
  'security.workspace.trust.enabled': false, // Restricted Mode would keep the extension from activating
  'workbench.startupEditor': 'none', // the walkthrough tab steals keyboard focus from Quick Open
  'telemetry.telemetryLevel': 'off',
  // VS Code wraps Markdown by default; one logical line per .view-line keeps editorText() exact.
  '[markdown]': {'editor.wordWrap': 'off'},
}
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** Env for every child: HOME/XDG in the session folder; VSCODE_* removed because
 *  VSCODE_IPC_HOOK_CLI (set in VS Code terminals) makes the code-server CLI hand
 *  --install-extension to the *outer* editor instead of our extensions-dir. */
function hermeticEnv(home) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VSCODE_')))
  return {...env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local/share'),
    XDG_CACHE_HOME: join(home, '.cache'), XDG_STATE_HOME: join(home, '.local/state')}
}

function freePort() {
  return new Promise((ok, ko) => {
    const srv = createServer().once('error', ko)
    srv.listen(0, '127.0.0.1', () => { const {port} = srv.address(); srv.close(() => ok(port)) })
  })
}

/** Polls `check` (async, truthy = done) until it passes; the *condition* decides, not a sleep. */
export async function waitUntil(check, {timeout = 30_000, interval = 100, what = 'condition'} = {}) {
  const end = Date.now() + timeout
  let last
  for (;;) {
    try { const v = await check(); if (v) return v } catch (e) { last = e }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? `: ${last.message}` : ''}`)
    await new Promise((r) => setTimeout(r, interval))
  }
}

/**
 * Starts code-server + Chromium with `vsix` installed and `workspace` open.
 * Returns {page, url, dir, log, timings, screenshot(name), stop()}; always call stop().
 */
export async function startCodeServer({vsix, workspace, bin = CODE_SERVER_BIN, settings = {}, timeout = 60_000} = {}) {
  const timings = {}
  const t0 = Date.now()
  const dir = await mkdtemp(join(tmpdir(), 'briefcheck-e2e-'))
  const home = join(dir, 'home'), userData = join(dir, 'user-data'), extensions = join(dir, 'extensions')
  await mkdir(join(userData, 'User'), {recursive: true})
  await mkdir(extensions, {recursive: true})
  await writeFile(join(userData, 'User/settings.json'), JSON.stringify({...SETTINGS, ...settings}, null, 2))
  const env = hermeticEnv(home)
  const common = ['--user-data-dir', userData, '--extensions-dir', extensions]
  let server, browser
  const log = join(dir, 'code-server.log')

  const stop = async () => {
    await browser?.close().catch(() => {})
    if (server?.pid) await killGroup(server.pid)
    if (!process.env.BRIEFCHECK_E2E_KEEP) await rm(dir, {recursive: true, force: true})
  }
  try {
    const port = await freePort()
    const out = openSync(log, 'a')
    // detached => setsid: code-server forks file watchers and extension hosts; only a
    // kill of the whole process group reliably stops them all.
    server = spawn(bin, ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
      '--disable-update-check', ...common, resolve(workspace)], {env, detached: true, stdio: ['ignore', out, out]})
    closeSync(out) // the child holds its own copy
    // Safety net: a crashed test must not leave a detached server group running.
    const reap = () => { try { process.kill(-server.pid, 'SIGKILL') } catch {} }
    process.once('exit', reap)
    let exited = null
    server.once('exit', (code, sig) => { exited = `exited early (code ${code}, signal ${sig})` })
    const url = `http://127.0.0.1:${port}`
    // An early exit ends the wait at once (waitUntil would retry a thrown error until timeout).
    const up = await waitUntil(async () => exited || (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)),
      {timeout, what: `${url}/healthz`}).catch((e) => e)
    if (exited || up instanceof Error) {
      throw new Error(`code-server ${exited ?? up.message}; log:\n${await readFile(log, 'utf8').catch(() => '')}`)
    }
    timings.healthz = Date.now() - t0

    // Installed after /healthz (the server is up) but before any browser connects, so the
    // extension host that the browser starts scans it in: no window reload needed.
    if (vsix) {
      const t = Date.now()
      await execFileP(bin, [...common, '--install-extension', resolve(vsix), '--force'], {env, timeout})
      timings.installExtension = Date.now() - t
    }

    const t = Date.now()
    browser = await chromium.launchPersistentContext(join(dir, 'chromium'), {
      executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, env,
      viewport: {width: 1280, height: 800},
    })
    const page = browser.pages()[0] ?? (await browser.newPage())
    await page.goto(`${url}/?folder=${encodeURIComponent(resolve(workspace))}`)
    // The status-bar Problems item appears once the workbench has restored its parts.
    await page.locator('[id="status.problems"]').waitFor({timeout})
    timings.workbench = Date.now() - t
    const screenshot = (name) => takeScreenshot(page, name)
    return {page, url, dir, log, timings, screenshot, stop}
  } catch (e) {
    await stop()
    throw e
  }
}

async function killGroup(pid) {
  const alive = () => { try { process.kill(-pid, 0); return true } catch { return false } }
  try { process.kill(-pid, 'SIGTERM') } catch { return }
  await waitUntil(() => !alive(), {timeout: 5_000, what: 'code-server process group to exit'}).catch(() => {
    try { process.kill(-pid, 'SIGKILL') } catch {}
  })
}

/** Opens a workspace file by name through Quick Open and waits for its editor tab. */
export async function openFile(page, name, {timeout = 15_000} = {}) {
  await page.keyboard.press('Control+P')
  const input = page.locator('.quick-input-widget input')
  await input.waitFor({timeout})
  await input.fill(name)
  // The list fills asynchronously (file search); Enter before a row exists does nothing.
  await page.locator('.quick-input-list .monaco-list-row', {hasText: name}).first().waitFor({timeout})
  await page.keyboard.press('Enter')
  await page.locator('.tab.active', {hasText: name}).waitFor({timeout})
  await page.locator('.editor-instance .monaco-editor .view-line').first().waitFor({timeout})
}

/** Waits for a squiggle of the given kind ('warning' | 'error' | 'info') in the editor. */
export async function waitForSquiggle(page, kind = 'warning', {timeout = 15_000} = {}) {
  await page.locator(`.monaco-editor .squiggly-${kind}`).first().waitFor({timeout})
}

/** Reads the status-bar Problems item: {errors, warnings, infos}. Its aria-label reads
 *  e.g. "Errors: 0, Warnings: 1" (infos only when non-zero); missing kinds count as 0. */
export async function problemsCount(page) {
  const label = (await page.locator('[id="status.problems"] a, [id="status.problems"]').first().getAttribute('aria-label')) ?? ''
  const n = (word) => Number(label.match(new RegExp(`${word}:\\s*(\\d+)`, 'i'))?.[1] ?? 0)
  return {errors: n('Errors'), warnings: n('Warnings'), infos: n('Infos'), label}
}

/** Waits until the Problems count satisfies `pred` (counts are updated asynchronously). */
export function waitForProblems(page, pred, {timeout = 15_000} = {}) {
  return waitUntil(async () => { const c = await problemsCount(page); return pred(c) && c }, {timeout, what: 'Problems count'})
}

/** Screen point at the middle of the first occurrence of `text` in the visible editor, or
 *  null. `text` must lie within one rendered token (Monaco splits lines into spans). */
export function textPoint(page, text) {
  return page.evaluate((needle) => {
    for (const line of document.querySelectorAll('.editor-instance .monaco-editor .view-line')) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT)
      for (let node; (node = walker.nextNode());) {
        // Monaco renders spaces as U+00A0.
        const at = node.textContent.replace(/\u00a0/g, ' ').indexOf(needle)
        if (at < 0) continue
        const range = document.createRange()
        range.setStart(node, at); range.setEnd(node, Math.min(at + needle.length, node.textContent.length))
        const r = range.getBoundingClientRect()
        return {x: r.x + r.width / 2, y: r.y + r.height / 2}
      }
    }
    return null
  }, text)
}

/** The visible editor's text as rendered: `.view-line`s in screen order, joined with "\n".
 *  Only lines in the viewport are rendered, and a wrapped line would come out as several
 *  (start the session with word wrap off, as startCodeServer does). */
export function editorText(page) {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')]
    return lines.map((el) => ({top: parseFloat(el.style.top) || 0, text: el.textContent.replace(/\u00a0/g, ' ')}))
      .sort((a, b) => a.top - b.top).map((l) => l.text).join('\n')
  })
}

/** Where hoverText() last put the mouse, per page: scrollHoverTo() moves straight down from
 *  there, since a path across other text could start a new hover. */
const lastHoverX = new WeakMap()

/** Hovers the first occurrence of `text` in the visible editor and returns the hover's text.
 *  Retries: about one first hover in six never shows, so move away and come back. */
export async function hoverText(page, text, {attempts = 5, timeout = 3_000} = {}) {
  const hover = page.locator('.monaco-hover:not(.hidden)') // a hidden hover is always in the DOM
  for (let i = 1; ; i++) {
    const box = await textPoint(page, text)
    if (!box) throw new Error(`text ${JSON.stringify(text)} not found in a single token of the visible editor`)
    await page.mouse.move(1, 1)
    await page.mouse.move(box.x, box.y, {steps: 3})
    lastHoverX.set(page, box.x)
    try {
      await hover.first().waitFor({timeout})
      return (await hover.first().innerText()).trim()
    } catch (e) {
      if (i >= attempts) throw new Error(`no hover over ${JSON.stringify(text)} after ${attempts} attempts`)
    }
  }
}

/** With a hover showing, moves the mouse straight down into it (hovers are sticky) and
 *  scrolls it with the wheel until the line holding `text` is inside its visible frame:
 *  diagnostics come first in a hover, and a long one hides the provider's card below them. */
export async function scrollHoverTo(page, text, {timeout = 10_000} = {}) {
  const hover = page.locator('.monaco-hover:not(.hidden)').first()
  const box = await hover.boundingBox()
  if (!box) throw new Error('no hover is showing')
  const x = lastHoverX.get(page) ?? box.x + box.width / 2
  await page.mouse.move(x, box.y + 20, {steps: 4})
  await waitUntil(async () => {
    const visible = await page.evaluate((needle) => {
      const h = document.querySelector('.monaco-hover:not(.hidden) .monaco-scrollable-element') ?? document.querySelector('.monaco-hover:not(.hidden)')
      if (!h) return false
      const frame = h.getBoundingClientRect()
      const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT)
      for (let node; (node = walker.nextNode());) {
        if (!node.textContent.includes(needle)) continue
        const r = node.parentElement.getBoundingClientRect()
        return r.top >= frame.top && r.bottom <= frame.bottom
      }
      return false
    }, text)
    if (!visible) await page.mouse.wheel(0, 40)
    return visible
  }, {timeout, what: `${JSON.stringify(text)} scrolled into view in the hover`})
}

/** Saves a PNG under tests/e2e/results/ (git-ignored) and returns its path. */
export async function takeScreenshot(page, name) {
  await mkdir(RESULTS_DIR, {recursive: true})
  const path = join(RESULTS_DIR, name.endsWith('.png') ? name : `${name}.png`)
  await page.screenshot({path})
  return path
}
