// The HTML fact-check review (`briefcheck report`, issue #17) opened from a file in Debian
// Chromium, as a reviewer would open it from disk or a mail attachment: no console errors (a
// blocked inline style or script would log one), no request beyond the file itself, every
// claim of the JSON form shown with its status, working filters and keyboard moves, and no
// serious or critical axe-core violation. Screenshots go to tests/e2e/results/.
import {execFile} from 'node:child_process'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {mkdtemp, rm} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import {basename, join, resolve} from 'node:path'
import {pathToFileURL} from 'node:url'
import {promisify} from 'node:util'
import {chromium, type Browser} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {takeScreenshot} from './lib/code-server.mjs'

const run = promisify(execFile)
const REPO = resolve(import.meta.dirname, '../..')
const CLI = join(REPO, 'server/bin/briefcheck.js')
const DEVSET = resolve(REPO, '../shared/devset')
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** The example draft and every development-set draft, each with its corpus. */
const DRAFTS: Array<{name: string; draft: string; corpus: string}> = [
  {name: 'example', draft: join(REPO, 'examples/draft.md'), corpus: join(REPO, 'examples/briefs')},
  ...(existsSync(join(DEVSET, 'drafts')) ? readdirSync(join(DEVSET, 'drafts')) : [])
    .filter((n) => n.endsWith('.md'))
    .map((n) => ({name: `devset-${basename(n, '.md')}`, draft: join(DEVSET, 'drafts', n), corpus: join(DEVSET, 'corpus')})),
]

interface JsonClaim {
  id: string
  status: string
  text: string
}

describe('briefcheck report: the HTML page in Chromium', () => {
  let browser: Browser
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'briefcheck-report-'))
    browser = await chromium.launch({executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS})
  })
  afterAll(async () => {
    await browser?.close()
    if (dir) await rm(dir, {recursive: true, force: true})
  })

  it('covers the example draft and the three development-set drafts', () => {
    expect(DRAFTS.length).toBe(4)
  })

  it.each(DRAFTS)('$name: renders offline, shows every claim with its status, filters, keys and passes axe', async ({name, draft, corpus}) => {
    const html = join(dir, `${name}.html`)
    await run(process.execPath, [CLI, 'report', '--corpus', corpus, draft, '-o', html], {cwd: REPO})
    const {stdout} = await run(process.execPath, [CLI, 'report', '--corpus', corpus, draft, '--format', 'json'], {cwd: REPO, maxBuffer: 64 << 20})
    const claims: JsonClaim[] = JSON.parse(stdout).drafts[0].claims
    expect(claims.length).toBeGreaterThan(5)

    const context = await browser.newContext()
    const page = await context.newPage()
    const errors: string[] = []
    const requests: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('request', (r) => requests.push(r.url()))
    const url = pathToFileURL(html).href
    await page.goto(url)
    await page.locator('#shown').waitFor()

    // Every claim, in document order, with its status as text.
    const shown = await page.locator('article.claim').evaluateAll((nodes) =>
      nodes.map((n) => ({status: n.getAttribute('data-status'), badge: n.querySelector('.badge')?.textContent ?? '', text: n.querySelector('.claim-text')?.textContent ?? ''})),
    )
    expect(shown.map((c) => c.status)).toEqual(claims.map((c) => c.status))
    expect(shown.map((c) => c.text)).toEqual(claims.map((c) => c.text))
    for (const c of shown) expect(c.badge.length).toBeGreaterThan(0)
    await takeScreenshot(page, `report-${name}-1-all`)

    // Filters: turning one status off hides exactly its claims, and "Show all" brings them back.
    const statuses = [...new Set(claims.map((c) => c.status))]
    const off = statuses[0]
    const expectedCount = claims.filter((c) => c.status !== off).length
    await page.locator(`.filters button[data-status="${off}"]`).click()
    await expect.poll(() => page.locator('article.claim:visible').count()).toBe(expectedCount)
    expect(await page.locator(`article.claim[data-status="${off}"]:visible`).count()).toBe(0)
    expect(await page.locator('#shown').innerText()).toBe(`Showing ${expectedCount} of ${claims.length} claims`)
    await takeScreenshot(page, `report-${name}-2-filtered`)
    await page.locator('#filter-all').click()
    await expect.poll(() => page.locator('article.claim:visible').count()).toBe(claims.length)

    // Keyboard: j moves to the first claim, j again to the second, k back.
    await page.locator('h1').click()
    await page.keyboard.press('j')
    const focusedId = () => page.evaluate(() => (globalThis as unknown as {document: {activeElement: {id: string} | null}}).document.activeElement?.id ?? '')
    const first = await focusedId()
    await page.keyboard.press('j')
    const second = await focusedId()
    await page.keyboard.press('k')
    expect(first).toMatch(/-c1$/)
    expect(second).toMatch(/-c2$/)
    expect(await focusedId()).toBe(first)

    // Print: hidden claims come back and the filters go.
    await page.locator(`.filters button[data-status="${off}"]`).click()
    await page.emulateMedia({media: 'print'})
    expect(await page.locator('article.claim:visible').count()).toBe(claims.length)
    expect(await page.locator('.filters').isVisible()).toBe(false)
    await page.emulateMedia({media: 'screen'})

    // axe-core from node_modules, evaluated in the page (no network, not subject to the page's CSP).
    await page.evaluate(AXE)
    const violations: Array<{id: string; impact: string; help: string; nodes: unknown[]}> = await page.evaluate(async () => {
      const page = globalThis as unknown as {document: unknown; axe: {run: (ctx: unknown) => Promise<{violations: Array<{id: string; impact: string; help: string; nodes: unknown[]}>}>}}
      const result = await page.axe.run(page.document)
      return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3)}))
    })
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    console.log(`${name}: ${claims.length} claims; axe: ${violations.length} violation(s) (${violations.map((v) => `${v.id}/${v.impact}`).join(', ') || 'none'})`)
    expect(serious, JSON.stringify(serious, null, 2)).toEqual([])

    expect(errors).toEqual([])
    expect(requests).toEqual([url])
    await context.close()
  })
})
