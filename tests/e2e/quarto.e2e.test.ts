// A Quarto draft in VS Code (code-server + Chromium) with the packaged extension (issue #16):
// the extension activates on the `quarto` language, reads the draft's `bibliography: refs.bib`,
// checks the sentence inside a callout, skips the R chunk, and reports only the key that is
// defined nowhere. Needs `npm run package` and scripts/e2e/install.sh (npm run test:e2e).
import {existsSync} from 'node:fs'
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {dirname, join, resolve} from 'node:path'
import type {Page} from 'playwright-core'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import {startCodeServer, waitForProblems, waitForSquiggle, waitUntil, type CodeServerSession} from './lib/code-server.mjs'
import {SOURCES} from './fixture'

const REPO = resolve(import.meta.dirname, '../..')
const VSIX = join(REPO, 'briefcheck.vsix')

const REFS = `@book{okoro2021survey,
  title = {Riding in Larchmont: A Survey of Bus Users},
  author = {Okoro, Ada},
  year = {2021},
  publisher = {Larch Press (fictional)}
}
`

const DRAFT = `---
title: "Larchmont's buses"
format: html
bibliography: refs.bib
---

\`\`\`{r}
#| echo: false
#| label: fig-fleet
plot(fleet, main = "Fleet grew to 500 buses in 2022")
\`\`\`

::: {.callout-note}
By the end of 2022 the Larchmont Transit Authority operated 180 electric buses [@halloran2023buses].
:::

As @fig-fleet shows, riders were surveyed in 2021 [@okoro2021survey]. Fares fell in 2020 [@nowhere2020fares].
`

describe('VS Code (code-server): a Quarto draft', () => {
  let dir: string
  let s: CodeServerSession
  let page: Page

  beforeAll(async () => {
    if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` (npm run test:e2e does)`)
    dir = await mkdtemp(join(tmpdir(), 'briefcheck-e2e-quarto-'))
    const files: Record<string, string> = {...SOURCES, 'briefcheck.json': JSON.stringify({corpus: ['briefs']}), 'refs.bib': REFS, 'report.qmd': DRAFT}
    for (const [name, text] of Object.entries(files)) {
      await mkdir(dirname(join(dir, name)), {recursive: true})
      await writeFile(join(dir, name), text)
    }
    s = await startCodeServer({vsix: VSIX, workspace: dir})
    page = s.page
  })
  afterEach(async ({task}) => {
    if (task.result?.state === 'fail' && page) console.log(`failure screenshot: ${await s.screenshot(`quarto-FAILED-${task.name.slice(0, 40).replace(/\W+/g, '-')}`)}`)
  })
  afterAll(async () => {
    await s?.stop()
    if (dir) await rm(dir, {recursive: true, force: true})
  })

  it('checks the callout, knows refs.bib and reports only the key defined nowhere', async () => {
    // From the Explorer, as a writer would: Quick Open's file search can lag on a loaded machine.
    await page.locator('.explorer-folders-view .monaco-list-row', {hasText: 'report.qmd'}).first().click({timeout: 30_000})
    await page.locator('.tab.active', {hasText: 'report.qmd'}).waitFor({timeout: 30_000})
    await waitForSquiggle(page, 'warning', {timeout: 60_000})
    // The callout's 180 conflicts with the cited source (140); @nowhere2020fares is defined nowhere.
    const count = await waitForProblems(page, (c) => c.warnings === 2, {timeout: 30_000})
    expect(count.errors).toBe(0)
    await page.keyboard.press('Control+Shift+M')
    const rows = page.locator('.markers-panel .monaco-list-row')
    await waitUntil(async () => (await rows.allInnerTexts()).join('\n').includes('@nowhere2020fares'), {timeout: 15_000, what: 'the unknown key in the Problems panel'})
    const text = (await rows.allInnerTexts()).join('\n')
    expect(text).toMatch(/Draft says 180/)
    expect(text).not.toContain('okoro2021survey')
    expect(text).not.toContain('fig-fleet')
    expect(text).not.toContain('500')
    console.log(`screenshot: ${await s.screenshot('quarto-problems')}`)
  })
})
