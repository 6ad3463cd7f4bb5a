// The e2e workspace: an invented two-source corpus whose sources disagree on one figure,
// and a draft whose one factual sentence is uncited and gives a third figure. Written to a
// fresh temp folder per test so editors never share state (or a disk cache) between tests.
import {mkdir, mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

/** Front matter with title, author, date and id, as a writer's corpus would have. */
export const SOURCES = {
  'briefs/larch-transit-2023.md': `---
id: halloran2023buses
title: "Charging Ahead: Electric Buses in the City of Larchmont"
author: "Maren Halloran"
date: 2023-03-14
publisher: "Larch Institute for Urban Policy (fictional)"
---

# Charging Ahead: Electric Buses in the City of Larchmont

*An invented example brief; Larchmont and every figure in it are fictional.*

In 2019 the Larchmont Transit Authority began replacing its diesel buses with battery-electric ones. By the end of 2022 the authority operated 140 electric buses, about a third of its fleet.

The conversion cost the city 96 million dollars, most of it from a state clean-transport grant. Riders reported quieter trips, and maintenance costs per kilometre fell by 18%.
`,
  'briefs/larch-audit-2023.md': `---
id: ferreira2023audit
title: "Audit of the Larchmont Fleet Transition"
author: "Tomas Ferreira"
date: 2023-09-02
publisher: "Office of the Larchmont City Auditor (fictional)"
---

# Audit of the Larchmont Fleet Transition

*An invented example audit; Larchmont and every figure in it are fictional.*

The auditor found that by the end of 2022 the Larchmont Transit Authority operated 112 electric buses, well short of its published target.

Charging depots were finished eleven months late, and two of the four depots still lack backup power.
`,
}

/** What the tests expect the corpus to say (kept next to the text that says it). */
export const EXPECT = {
  keys: ['halloran2023buses', 'ferreira2023audit'],
  authors: ['Maren Halloran', 'Tomas Ferreira'],
  titles: ['Charging Ahead: Electric Buses in the City of Larchmont', 'Audit of the Larchmont Fleet Transition'],
  values: ['140', '112'],
}

/** Line 5 (0-based 4) is the uncited claim; its figure 180 conflicts with both sources. */
export const CLAIM = 'By the end of 2022 the Larchmont Transit Authority operated 180 electric buses.'
export const DRAFT = `# Larchmont's Electric Bus Programme

This note looks at how far Larchmont has come in replacing its diesel buses.

${CLAIM}

We recommend that the city publish its charging data every quarter.
`
export const CLAIM_LINE = 4
export const FIGURE = '180'
export const FIGURE_CHARACTER = CLAIM.indexOf(FIGURE)

/** Creates the workspace (briefs/, briefcheck.json, draft.md) in a new temp folder. */
export async function createWorkspace(): Promise<{dir: string; draft: string}> {
  const dir = await mkdtemp(join(tmpdir(), 'briefcheck-ws-'))
  await mkdir(join(dir, 'briefs'))
  for (const [path, text] of Object.entries(SOURCES)) await writeFile(join(dir, path), text)
  await writeFile(join(dir, 'briefcheck.json'), JSON.stringify({corpus: ['briefs']}, null, 2) + '\n')
  await writeFile(join(dir, 'draft.md'), DRAFT)
  return {dir, draft: join(dir, 'draft.md')}
}
