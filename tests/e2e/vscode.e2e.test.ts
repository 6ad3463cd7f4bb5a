// VS Code (code-server 1.100 in headless Chromium) driven as a writer would: the packaged
// briefcheck.vsix installed with --install-extension, a workspace with briefcheck.json and a
// two-source corpus, every step waiting for what the writer would see. Screenshots go to
// tests/e2e/results/ (git-ignored). Needs `npm run package` and scripts/e2e/install.sh first
// (npm run test:e2e does both).
import {existsSync} from 'node:fs'
import {rm} from 'node:fs/promises'
import {join, resolve} from 'node:path'
import type {Page} from 'playwright-core'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import {
  editorText, hoverText, openFile, scrollHoverTo, problemsCount, startCodeServer, textPoint, waitForProblems, waitForSquiggle, waitUntil,
  type CodeServerSession,
} from './lib/code-server.mjs'
import {EXPECT, FIGURE, createWorkspace} from './fixture'

const REPO = resolve(import.meta.dirname, '../..')
const VSIX = join(REPO, 'briefcheck.vsix')

/** Clicks the first occurrence of `text` in the editor (places the caret, or selects a word on a double click). */
async function clickText(page: Page, text: string, clickCount = 1): Promise<void> {
  const point = await waitUntil(() => textPoint(page, text), {timeout: 10_000, what: `${JSON.stringify(text)} in the editor`})
  await page.mouse.click(point!.x, point!.y, {clickCount})
}

describe('VS Code (code-server) with the packaged extension', () => {
  let ws: {dir: string; draft: string}
  let s: CodeServerSession
  let page: Page
  const shots: string[] = []
  const shot = async (name: string) => shots.push(await s.screenshot(`vscode-${name}`))

  beforeAll(async () => {
    if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` (npm run test:e2e does)`)
    ws = await createWorkspace()
    s = await startCodeServer({vsix: VSIX, workspace: ws.dir})
    page = s.page
    console.log(`code-server: /healthz ${s.timings.healthz} ms, --install-extension ${s.timings.installExtension} ms, browser→workbench ${s.timings.workbench} ms`)
  })
  afterEach(async ({task}) => {
    if (task.result?.state === 'fail' && page) console.log(`failure screenshot: ${await s.screenshot(`vscode-FAILED-${task.name.slice(0, 40).replace(/\W+/g, '-')}`)}`)
  })
  afterAll(async () => {
    await s?.stop()
    if (ws) await rm(ws.dir, {recursive: true, force: true})
    if (shots.length) console.log(`screenshots:\n  ${shots.join('\n  ')}`)
  })

  it('(a) opening the draft shows squiggles and the warnings in the Problems count', async () => {
    const t0 = Date.now()
    await openFile(page, 'draft.md')
    const tEditor = Date.now()
    await waitForSquiggle(page, 'warning', {timeout: 30_000}) // first open: activation, server start, corpus index
    const tSquiggle = Date.now()
    const count = await waitForProblems(page, (c) => c.warnings === 2)
    expect(count.errors).toBe(0)
    console.log(`TIMING open→diagnostics: ${tSquiggle - t0} ms from Quick Open (${tSquiggle - tEditor} ms after the editor showed); Problems: ${count.label}`)
    await shot('1-diagnostics')
  })

  it('(b) the hover card on the conflicting figure names both sources and their values', async () => {
    const text = await hoverText(page, FIGURE)
    // The diagnostics' messages come first in the hover; the card itself (authors, the source
    // sentences with the figure in bold) follows them. Authors appear only in the card.
    for (const author of EXPECT.authors) expect(text).toContain(author)
    for (const title of EXPECT.titles) expect(text).toContain(title)
    for (const value of EXPECT.values) expect(text).toContain(value)
    expect(text).toContain('Draft says 180')
    expect(text).toMatch(/disagrees/)
    // Scroll the hover to the card, as a reader would, so the screenshot shows it.
    await scrollHoverTo(page, EXPECT.authors[0])
    await shot('2-hover')
    await page.mouse.move(1, 1)
    await page.keyboard.press('Escape')
  })

  it('an edited figure updates the diagnostics', async () => {
    await clickText(page, FIGURE, 2) // a double click selects the word "180"
    await waitUntil(async () => (await page.locator('.monaco-editor .selected-text').count()) > 0, {what: 'the figure selected'})
    const before = await problemsCount(page)
    expect(before.warnings).toBe(2)
    // 140: the older source agrees, so the conflict becomes "sources disagree" and, since the newer
    // audit says 112, "outdated figure" (both information).
    await page.keyboard.type(EXPECT.values[0])
    const t0 = Date.now()
    const after = await waitForProblems(page, (c) => c.warnings === 1 && c.infos === 2, {timeout: 15_000})
    console.log(`TIMING edit→diagnostics: ${Date.now() - t0} ms (Problems: ${before.label} → ${after.label})`)
    expect(await editorText(page)).toContain(`operated ${EXPECT.values[0]} electric buses.`)
    await waitForSquiggle(page, 'info')
    await shot('3-edited')
  })

  it('(c) Quick Fix "Cite …" on the uncited sentence inserts [^1] and its definition', async () => {
    await clickText(page, 'Larchmont Transit Authority')
    await page.keyboard.press('Control+.')
    // Cite the source that gives the draft's (edited) figure, as a writer would.
    const cite = page.locator('.action-widget .monaco-list-row', {hasText: /^\s*Cite .*\(Halloran, 2023\)\s*$/}).first()
    await cite.waitFor({timeout: 10_000})
    const title = (await cite.innerText()).trim()
    expect(title).toMatch(/^Cite Charging Ahead.* \(Halloran, 2023\)$/)
    await shot('4-quick-fix')
    // Keyboard, as a writer would: a pointer-block layer covers the widget while it settles.
    // The preferred fix starts focused; walk down to the first "Cite" row if it is not.
    const focused = page.locator('.action-widget .monaco-list-row.focused')
    await waitUntil(async () => {
      if ((await focused.innerText().catch(() => '')).trim() === title) return true
      await page.keyboard.press('ArrowDown')
      return false
    }, {timeout: 5_000, what: `"${title}" focused in the Quick Fix list`})
    await page.keyboard.press('Enter')
    await page.locator('.action-widget').waitFor({state: 'hidden'})
    const text = await waitUntil(async () => {
      const t = await editorText(page)
      return /electric buses\.\[\^1\]$/m.test(t) && /^\[\^1\]: Maren Halloran, "Charging Ahead/m.test(t) && t
    }, {timeout: 10_000, what: 'the footnote reference and definition in the editor'})
    console.log(`applied "${title}"; editor now reads:\n${text}`)
    // Cited by a source that agrees: no warning left, only "sources disagree" and "outdated figure" (information).
    await waitForProblems(page, (c) => c.warnings === 0 && c.infos === 2)
    await shot('5-footnote')
  })

  it('(d) typing [@ offers the corpus keys and inserts the picked one', async () => {
    await page.keyboard.press('Control+End')
    await page.keyboard.press('Enter')
    await page.keyboard.type('Further reading: [@')
    const row = page.locator('.suggest-widget.visible .monaco-list-row', {hasText: EXPECT.keys[1]}).first()
    await row.waitFor({timeout: 10_000})
    for (const key of EXPECT.keys) await page.locator('.suggest-widget.visible .monaco-list-row', {hasText: key}).first().waitFor()
    await shot('6-completion-list')
    await row.click()
    await page.locator('.suggest-widget.visible').waitFor({state: 'hidden'})
    await shot('6-completed')
    const text = await waitUntil(async () => {
      const t = await editorText(page)
      return t.includes(`Further reading: [@${EXPECT.keys[1]}]`) && t
    }, {what: `[@${EXPECT.keys[1]}] in the editor`})
    expect(text).not.toContain(`[@${EXPECT.keys[1]}]]`)
  })

  it('(e) "Briefcheck: Show corpus sources" from the palette lists both sources', async () => {
    await page.keyboard.press('F1')
    const input = page.locator('.quick-input-widget input')
    await input.waitFor()
    await input.fill('>Briefcheck: Show corpus sources')
    await page.locator('.quick-input-list .monaco-list-row', {hasText: 'Briefcheck: Show corpus sources'}).first().waitFor()
    await page.keyboard.press('Enter')
    for (const title of EXPECT.titles) await page.locator('.quick-input-list .monaco-list-row', {hasText: title}).first().waitFor({timeout: 10_000})
    await expect.poll(() => page.locator('.quick-input-widget .quick-input-title').innerText()).toContain('Corpus sources (2)')
    await shot('7-sources')
    await page.keyboard.press('Escape')
  })

  it('(f) the status bar item shows "Briefcheck: 2 sources"', async () => {
    const item = page.locator('.statusbar-item', {hasText: 'Briefcheck: 2 sources'})
    await item.waitFor({timeout: 10_000})
    expect(await item.innerText()).toContain('Briefcheck: 2 sources')
    await shot('8-status')
  })
})
