// The fact-check review panel (issue #17) in VS Code (code-server + Chromium, the packaged
// .vsix): *Briefcheck: Open fact-check review* opens a webview beside a long draft; clicking a
// claim far down moves the editor's cursor to it and scrolls it into view; an edit of the
// draft updates the panel; the panel's "Cite…" button inserts a citation, "Accept" accepts a
// claim, and "Open source" opens the source file. Screenshots go to
// tests/e2e/results/. Needs `npm run package` and scripts/e2e/install.sh (npm run test:e2e).
import {existsSync} from 'node:fs'
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import type {FrameLocator, Page} from 'playwright-core'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import {editorText, openFile, startCodeServer, waitForProblems, waitUntil, type CodeServerSession} from './lib/code-server.mjs'
import {CLAIM, SOURCES} from './fixture'

const REPO = resolve(import.meta.dirname, '../..')
const VSIX = join(REPO, 'briefcheck.vsix')

/** Advice (not claims) for 60 lines, then the fixture's uncited, conflicting claim. */
const FILLER = Array.from({length: 30}, (_, i) => `We recommend that the council review item ${String.fromCharCode(97 + (i % 26))} of its plan.\n`).join('\n')
/** A second claim no source speaks of: the one the panel accepts. */
const COMMON = 'Larchmont opened its first bus depot in 1961.'
const DRAFT = `# Review panel draft\n\n${FILLER}\n${CLAIM}\n\n${COMMON}\n`
const CLAIM_LINE = DRAFT.split('\n').indexOf(CLAIM) + 1

/** The review page inside the webview's two iframes. */
function reviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame')
}

async function cursorLine(page: Page): Promise<number> {
  const text = await page.locator('[id="status.editor.selection"]').innerText().catch(() => '')
  const m = /Ln (\d+)/.exec(text)
  return m ? Number(m[1]) : 0
}

describe('VS Code: the fact-check review panel', () => {
  let dir: string
  let s: CodeServerSession
  let page: Page
  const shots: string[] = []

  beforeAll(async () => {
    if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` (npm run test:e2e does)`)
    dir = await mkdtemp(join(tmpdir(), 'briefcheck-review-ws-'))
    await mkdir(join(dir, 'briefs'))
    for (const [path, text] of Object.entries(SOURCES)) await writeFile(join(dir, path), text)
    await writeFile(join(dir, 'briefcheck.json'), JSON.stringify({corpus: ['briefs']}) + '\n')
    await writeFile(join(dir, 'draft.md'), DRAFT)
    s = await startCodeServer({vsix: VSIX, workspace: dir})
    page = s.page
  })
  afterEach(async ({task}) => {
    if (task.result?.state === 'fail' && page) console.log(`failure screenshot: ${await s.screenshot(`review-FAILED-${task.name.slice(0, 40).replace(/\W+/g, '-')}`)}`)
  })
  afterAll(async () => {
    await s?.stop()
    if (dir) await rm(dir, {recursive: true, force: true})
    if (shots.length) console.log(`screenshots:\n  ${shots.join('\n  ')}`)
  })

  it('opens beside the draft and lists the claim with its status', async () => {
    await openFile(page, 'draft.md', {timeout: 60_000})
    // The claim is below the first screen, so wait for the Problems count rather than a squiggle.
    await waitForProblems(page, (c) => c.warnings > 0, {timeout: 60_000})
    await page.keyboard.press('F1')
    const input = page.locator('.quick-input-widget input')
    await input.waitFor()
    await input.fill('>Briefcheck: Open fact-check review')
    await page.locator('.quick-input-list .monaco-list-row', {hasText: 'Briefcheck: Open fact-check review'}).first().waitFor()
    await page.keyboard.press('Enter')
    const frame = reviewFrame(page)
    const claim = frame.locator('article.claim').filter({has: frame.locator('.claim-text', {hasText: '180 electric buses'})})
    await claim.waitFor({timeout: 30_000})
    expect(await claim.getAttribute('data-status')).toBe('conflicting')
    expect(await claim.locator('.badge').innerText()).toBe('Conflicting')
    shots.push(await s.screenshot('review-1-panel'))
  })

  it('clicking a claim moves the editor to it', async () => {
    await page.locator('.monaco-editor .view-lines').first().click()
    await page.keyboard.press('Control+Home')
    await waitUntil(async () => (await cursorLine(page)) === 1, {what: 'the cursor at line 1'})
    await reviewFrame(page).locator('.claim-text', {hasText: '180 electric buses'}).click()
    await waitUntil(async () => (await cursorLine(page)) === CLAIM_LINE, {timeout: 15_000, what: `the cursor at line ${CLAIM_LINE}`})
    // The claim's line is on screen in the editor (it was far below the first screen).
    await page.locator('.monaco-editor .view-line', {hasText: '180 electric buses'}).first().waitFor({timeout: 10_000})
    shots.push(await s.screenshot('review-2-revealed'))
  })

  it('updates when the draft changes, and "Cite…" cites a source from the panel', async () => {
    // The editor has the claim selected: replace the figure with the audit's, as a writer would.
    await page.keyboard.press('End')
    for (let i = 0; i < ' electric buses.'.length; i++) await page.keyboard.press('ArrowLeft')
    for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace')
    await page.keyboard.type('112')
    const frame = reviewFrame(page)
    const claim = frame.locator('article.claim').filter({has: frame.locator('.claim-text', {hasText: '112 electric buses'})})
    await claim.waitFor({timeout: 30_000})
    expect(await claim.getAttribute('data-status')).not.toBe('conflicting')
    shots.push(await s.screenshot('review-3-updated'))
    await claim.locator('button[data-action="cite"]').click()
    const row = page.locator('.quick-input-list .monaco-list-row', {hasText: /Cite .*Ferreira/}).first()
    if (await row.waitFor({timeout: 10_000}).then(() => true, () => false)) await row.click()
    const text = await waitUntil(async () => {
      const t = await editorText(page)
      return /112 electric buses\.\[\^1\]/.test(t) && t
    }, {timeout: 15_000, what: 'the citation inserted after the claim'})
    expect(text).toMatch(/^\[\^1\]: Tomas Ferreira/m)
    shots.push(await s.screenshot('review-4-cited'))
  })

  it('"Accept" accepts an uncited claim, and "Open source" opens the source file', async () => {
    const frame = reviewFrame(page)
    const common = frame.locator('article.claim').filter({has: frame.locator('.claim-text', {hasText: COMMON})})
    await common.waitFor({timeout: 30_000})
    expect(await common.getAttribute('data-status')).toBe('uncited')
    await common.locator('button[data-action="accept"]').click()
    await waitUntil(async () => (await common.getAttribute('data-status').catch(() => '')) === 'accepted', {timeout: 30_000, what: 'the claim shown as accepted'})
    shots.push(await s.screenshot('review-5-accepted'))
    const cited = frame.locator('article.claim').filter({has: frame.locator('.claim-text', {hasText: '112 electric buses'})})
    await cited.locator('button[data-action="openSource"]').first().click()
    await page.locator('.tab.active', {hasText: /larch-(audit|transit)-2023\.md/}).waitFor({timeout: 15_000})
    shots.push(await s.screenshot('review-6-source'))
  })
})
