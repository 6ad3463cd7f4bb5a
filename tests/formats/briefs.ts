// Five short invented briefs on one invented river, each later written as PDF, HTML, Word,
// Markdown or text, and a draft whose figures conflict with one sentence of each.
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {stringify} from 'yaml'
import {makeDocx, makeHtml, makePdf, type Brief, type MetaScheme} from './make-fixtures'

export const AUTHORITY: Brief = {
  title: 'Annual Report of the Harrow River Authority',
  author: 'Mira Castell',
  date: '2021-03-04',
  publisher: 'Harrow River Authority',
  sections: [
    {
      paragraphs: [
        'The authority manages the river basin and its infrastructure, including embankments, sluices and monitoring stations along the whole catchment.',
        'This report summarises operations during the financial year and sets out the priorities for maintenance and investment.',
      ],
    },
    {
      heading: 'The Harrow Dam',
      paragraphs: [
        'The Harrow Dam stands 120 metres tall above the riverbed and impounds the largest reservoir in the region.',
        'Maintenance expenditure reached 4.2 million euros in 2020, an increase of 12 percent on the previous year.',
        'Inspections found minor seepage in the eastern abutment, which contractors sealed within three weeks.',
        'Hydroelectric generation at the dam produced 310 gigawatt hours, enough for roughly ninety thousand households.',
      ],
    },
    {
      heading: 'Water Quality',
      paragraphs: [
        'Monitoring stations recorded phosphate concentrations below the regulatory threshold at every sampling point during the summer months.',
        'The authority replaced eleven automatic samplers and extended continuous turbidity monitoring to the upper tributaries.',
      ],
    },
  ],
}

export const GAZETTE: Brief = {
  title: 'Harrow Dam Marks Twenty Years',
  author: 'Tomas Reyes',
  date: '2022-06-10',
  publisher: 'Valley Gazette',
  sections: [
    {
      paragraphs: [
        'Residents gathered at the crest of the Harrow Dam on Saturday to mark twenty years since the structure was completed.',
        'The reservoir behind the Harrow Dam covers 14 square kilometres and supplies drinking water to the towns downstream.',
      ],
    },
    {
      heading: 'A contested project',
      paragraphs: [
        'Construction displaced two hamlets, and compensation claims from former residents took nine years to settle.',
        'Local historians have collected the recollections of families who moved away from the flooded valley.',
      ],
    },
  ],
}

export const FISHERIES: Brief = {
  title: 'Fisheries on the Lower Harrow',
  author: 'Ana Sepúlveda',
  date: '2020-09-15',
  sections: [
    {
      heading: 'Salmon runs',
      paragraphs: [
        'Salmon counts at the Orrin weir fell to 2,300 fish in 2019, the lowest figure since records began.',
        'Anglers attribute the decline to low summer flows, while biologists point to warmer water in the estuary.',
      ],
    },
    {
      heading: 'Restoration',
      paragraphs: ['A fish pass completed in 2018 lets migrating fish climb past the weir during spring floods.'],
    },
  ],
}

export const DEFENCES: Brief = {
  title: 'Flood Defences on the Harrow',
  author: 'Grace Okafor',
  date: '2019-11-02',
  sections: [
    {
      paragraphs: [
        'The embankment upgrade on the Harrow cost 18 million euros and protects about four thousand homes.',
        'Engineers raised the embankments by half a metre along the most exposed stretches of the lower river.',
      ],
    },
  ],
}

export const TOURISM: Brief = {
  title: 'Harrow Valley Tourism Survey',
  author: 'Erik Lindqvist',
  date: '2023-02-20',
  sections: [
    {
      paragraphs: [
        'Visitors to the Harrow valley numbered 410,000 in 2022, most of them on day trips from the coast.',
        'Guesthouse owners reported that the summer season now extends well into October.',
      ],
    },
  ],
}

export const BRIEFS = {AUTHORITY, GAZETTE, FISHERIES, DEFENCES, TOURISM}

/** Conflicts with one figure of each brief (and agrees with one). */
export const DRAFT = `# The Harrow after twenty years

The Harrow Dam stands 150 metres tall above the riverbed.

The reservoir behind the Harrow Dam covers 20 square kilometres.

Salmon counts at the Orrin weir fell to 3,100 fish in 2019.

The embankment upgrade on the Harrow cost 25 million euros.

Visitors to the Harrow valley numbered 520,000 in 2022.

Hydroelectric generation at the Harrow Dam produced 310 gigawatt hours.
`

/** A brief as a Markdown source with front matter. */
export function toMarkdown(brief: Brief): string {
  const front = stringify({title: brief.title, author: brief.author, date: brief.date, ...(brief.publisher ? {publisher: brief.publisher} : {})}).trimEnd()
  const body = brief.sections.flatMap((s) => [...(s.heading ? [`## ${s.heading}`, ''] : []), ...s.paragraphs.flatMap((p) => [p, ''])])
  return `---\n${front}\n---\n\n${body.join('\n')}`
}

/** A brief as a page copied from the web into a .txt: title, byline, date line, paragraphs. */
export function toText(brief: Brief): string {
  const date = new Date(`${brief.date}T12:00:00Z`).toLocaleDateString('en-US', {year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC'})
  const body = brief.sections.flatMap((s) => [...(s.heading ? [s.heading, ''] : []), ...s.paragraphs.flatMap((p) => [p, ''])])
  return [brief.title, '', `by ${brief.author}`, '', date, '', ...body].join('\n')
}

export type Form = 'md' | 'pdf' | 'html' | 'docx' | 'txt'

/** PDF options that exercise the layout: a running head, two pages, the second in two columns. */
export const PDF_LAYOUT = {
  AUTHORITY: {header: 'Harrow River Authority - Annual Report 2021', perPage: [2, 6], twoColumn: [2]},
} as const

/** Writes `brief` in `form` to `dir`; returns the file name. */
export async function writeBrief(dir: string, name: string, brief: Brief, form: Form, scheme: MetaScheme = 'highwire'): Promise<string> {
  const file = `${name}.${form}`
  const path = join(dir, file)
  if (form === 'md') writeFileSync(path, toMarkdown(brief))
  else if (form === 'txt') writeFileSync(path, toText(brief))
  else if (form === 'html') writeFileSync(path, makeHtml(brief, scheme))
  else if (form === 'docx') writeFileSync(path, await makeDocx(brief))
  else {
    const layout = name === 'authority' ? PDF_LAYOUT.AUTHORITY : {header: `${brief.publisher ?? brief.author} briefing`, perPage: [countParagraphs(brief)]}
    writeFileSync(path, (await makePdf(brief, {...layout, perPage: [...layout.perPage], twoColumn: 'twoColumn' in layout ? [...layout.twoColumn] : []})).bytes)
  }
  return file
}

export function countParagraphs(brief: Brief): number {
  return brief.sections.reduce((n, s) => n + s.paragraphs.length, 0)
}

/** A corpus folder holding the five briefs, each in the form given. */
export async function corpusFolder(forms: Record<keyof typeof BRIEFS, Form>): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'briefcheck-forms-'))
  mkdirSync(join(dir, 'corpus'))
  for (const [name, brief] of Object.entries(BRIEFS)) await writeBrief(join(dir, 'corpus'), name.toLowerCase(), brief, forms[name as keyof typeof BRIEFS])
  writeFileSync(join(dir, 'draft.md'), DRAFT)
  return dir
}

export const ALL = (form: Form): Record<keyof typeof BRIEFS, Form> => ({AUTHORITY: form, GAZETTE: form, FISHERIES: form, DEFENCES: form, TOURISM: form})
export const MIXED: Record<keyof typeof BRIEFS, Form> = {AUTHORITY: 'pdf', GAZETTE: 'html', FISHERIES: 'docx', DEFENCES: 'md', TOURISM: 'txt'}
