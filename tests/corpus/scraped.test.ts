import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parseScrapedText, type ScrapedBlock, type ScrapedDocument} from '../../server/src/engine/corpus/scraped'
import {findDates} from '../../server/src/engine/corpus/scraped-meta'

/** Every character of every block maps back to the same character (a join space to a line break). */
function expectExactOffsets(original: string, doc: ScrapedDocument): void {
  for (const b of doc.blocks) {
    for (let i = 0; i < b.text.length; i++) {
      const at = b.map.toOriginal(i)
      const ok = original[at] === b.text[i] || (b.text[i] === ' ' && /\s/.test(original[at] ?? ''))
      if (!ok) throw new Error(`offset ${i} of ${JSON.stringify(b.text.slice(0, 40))} maps to ${JSON.stringify(original.slice(at, at + 10))}`)
    }
    expect(b.start).toBe(b.map.toOriginal(0))
    expect(b.end).toBe(b.map.toOriginalEnd(b.text.length))
  }
}

const texts = (doc: ScrapedDocument, kind?: ScrapedBlock['kind']): string[] => doc.blocks.filter((b) => !kind || b.kind === kind).map((b) => b.text)

// An invented think-tank page with the usual debris.
const THINK_TANK = `

Skip to main content

Home / Analysis / Ports

Menu

Harbour Levies and the Future of Coastal Freight

by [Lena Marsh \\(/people/lena-marsh\\)](/people/lena-marsh) and [Tomas Ekberg \\(/people/tomas-ekberg\\)](/people/tomas-ekberg)

Mar 3, 2022

Also available in

[Español \\(/es/analysis/tasas-portuarias\\)](/es/analysis/tasas-portuarias)

ABOUT THE AUTHORS

[Lena Marsh \\(/people/lena-marsh\\)](/people/lena-marsh)

Lena Marsh is a senior fellow at the Coastal Policy Forum, where she studies port finance.

Policy Note

A levy on container traffic could fund sea walls without new borrowing, but only if ports cannot pass it on.

Three port authorities proposed last month that a levy of 4 euros per container should pay for flood defences. The idea is backed by the [regional assembly \\(/topics/assemblies\\)](/topics/assemblies), which voted 41 to 12 in favour (<https://example.org/votes/2022/levy>).

Freight operators object that the levy would raise shipping costs by 2.5 percent and that the money would be spent inland. A similar charge in 2015 raised 80 million euros in its first year, according to

the harbour board's annual accounts.

WHO PAYS IN THE END

Economists disagree about who would bear the charge. Most expect importers to absorb part of it.

❖

◆ • ■

Share

RECOMMENDED

ANALYSIS

[Dredging Budgets After the Storm Season](#)

Feb 11, 2022

◆
Pia Lund

[\\(/analysis/dredging-budgets\\)](#)

TOPICS

[Ports \\(/topics/ports\\)](#)

[Climate Adaptation \\(/topics/climate\\)](#)
`

// An invented report copied from a journal page.
const REPORT = `Lead Pipe Replacement and Childhood Blood Lead Levels — Three Cities, 2019–2021

Monthly / April 8, 2022 / 12(3);45–52

On April 1, 2022, this report was posted online as an early release.

Ingrid P. Solberg, MPH1,2; Karim Haddad3; Ruth Okafor, MD, PhD1; Dae-Jung Kim, DrPH3 (View author affiliations)

View suggested citation

Summary

What is already known about this topic?

Lead service lines are a major source of lead in drinking water in older homes.

What is added by this report?

In three cities that replaced most lead service lines, the share of children with elevated blood lead levels fell by 38 percent within two years.

Lead exposure harms cognitive development in children (1). Replacement programs in the three cities removed 61,000 service lines between 2019 and 2021.* Blood lead testing data were obtained from state registries.

Top

Discussion

The decline was largest in neighborhoods with the highest share of pre-1950 housing (2). Programs should prioritize these neighborhoods.

Top

* Counts exclude partial replacements.

† https://example.org/registry

Top

References

Abel T, Brand K, Chu L, et al. Lead service lines and blood lead levels. J Water Health 2020;18:101–9.
Diaz M. Housing age and lead exposure. Am J Public Health 2019;109:55–61.

Top

TABLE. Children with elevated blood lead levels, by city and year

City\t2019\t2021
Northport\t4.1\t2.4
Eastvale\t3.8\t2.5

Suggested citation for this article: Solberg IP, Haddad K, Okafor R, Kim D. Lead Pipe Replacement and Childhood Blood Lead Levels — Three Cities, 2019–2021. Monthly Rep 2022;12:45–52.
`

// An invented news analysis with no byline, no date and a trailing link block.
const NEWS = `Can Tidal Power Pay Its Way in the North Sea?

Tidal turbines have become cheaper, but grid connections remain the largest cost for developers.

Developers installed 40 megawatts of tidal capacity last year, double the year before. Most of it feeds island grids rather than the mainland.

The cost of a connection depends on distance to shore. Projects further out pay more, which is why the first arrays sit in narrow straits.

Check Also

Offshore Wind Auction Results, May 2, 2024

The auction closed with record bids for floating platforms, …
`

describe('parseScrapedText on an invented think-tank page', () => {
  const doc = parseScrapedText(THINK_TANK)

  it('finds title, linked byline authors and the date', () => {
    expect(doc.title).toBe('Harbour Levies and the Future of Coastal Freight')
    expect(THINK_TANK.slice(doc.titleSpan!.start, doc.titleSpan!.end)).toBe(doc.title)
    expect(doc.authors).toEqual(['Lena Marsh', 'Tomas Ekberg'])
    expect(doc.date).toBe('2022-03-03')
    expect(doc.dateText).toBe('Mar 3, 2022')
  })

  it('keeps the body, drops navigation, labels, bios, glyphs and the related block', () => {
    const all = texts(doc)
    expect(all).toEqual([
      'A levy on container traffic could fund sea walls without new borrowing, but only if ports cannot pass it on.',
      'Three port authorities proposed last month that a levy of 4 euros per container should pay for flood defences. The idea is backed by the regional assembly, which voted 41 to 12 in favour.',
      "Freight operators object that the levy would raise shipping costs by 2.5 percent and that the money would be spent inland. A similar charge in 2015 raised 80 million euros in its first year, according to the harbour board's annual accounts.",
      'WHO PAYS IN THE END',
      'Economists disagree about who would bear the charge. Most expect importers to absorb part of it.',
    ])
    expect(doc.blocks[3].kind).toBe('heading')
    expect(doc.blocks[4].section).toBe('WHO PAYS IN THE END')
    expect(doc.dropped).toBeGreaterThan(10)
  })

  it('maps every character back to the original', () => {
    expectExactOffsets(THINK_TANK, doc)
    const inline = doc.blocks[1]
    const at = inline.text.indexOf('regional assembly')
    expect(THINK_TANK.slice(inline.map.toOriginal(at), inline.map.toOriginalEnd(at + 'regional assembly'.length))).toBe('regional assembly')
    const first = doc.blocks[0]
    expect(THINK_TANK.slice(first.map.toOriginal(0), first.map.toOriginalEnd(first.text.length))).toBe(first.text)
  })
})

describe('parseScrapedText on an invented report page', () => {
  const doc = parseScrapedText(REPORT)

  it('reads title, affiliated author list and masthead date', () => {
    expect(doc.title).toBe('Lead Pipe Replacement and Childhood Blood Lead Levels — Three Cities, 2019–2021')
    expect(doc.authors).toEqual(['Ingrid P. Solberg', 'Karim Haddad', 'Ruth Okafor', 'Dae-Jung Kim'])
    expect(doc.date).toBe('2022-04-08')
  })

  it('keeps question headings, body, footnotes, references and table rows apart', () => {
    const all = texts(doc)
    expect(all).not.toContain('View suggested citation')
    expect(all).not.toContain('Summary')
    expect(all).not.toContain('Top')
    expect(all.some((t) => t.startsWith('On April 1, 2022'))).toBe(false)
    expect(all.some((t) => t.startsWith('Suggested citation'))).toBe(false)
    expect(doc.blocks.find((b) => b.text === 'What is added by this report?')?.kind).toBe('heading')
    const body = doc.blocks.find((b) => b.text.startsWith('Lead exposure harms'))
    expect(body?.kind).toBe('paragraph')
    expect(doc.blocks.find((b) => b.text.startsWith('The decline was largest'))?.section).toBe('Discussion')
    expect(doc.blocks.find((b) => b.text === 'Counts exclude partial replacements.')?.kind).toBe('list-item')
    expect(all.some((t) => t.includes('example.org/registry'))).toBe(false)
    const refs = doc.blocks.filter((b) => b.section === 'References' && b.kind === 'list-item')
    expect(refs.map((b) => b.text.slice(0, 6))).toEqual(['Abel T', 'Diaz M'])
    const rows = doc.blocks.filter((b) => b.kind === 'table-row')
    expect(rows.map((r) => r.text)).toEqual(['City\t2019\t2021', 'Northport\t4.1\t2.4', 'Eastvale\t3.8\t2.5'])
    expectExactOffsets(REPORT, doc)
  })
})

describe('parseScrapedText on an invented page without byline', () => {
  const doc = parseScrapedText(NEWS)

  it('has no authors, no date, and drops the trailing "Check Also" block', () => {
    expect(doc.title).toBe('Can Tidal Power Pay Its Way in the North Sea?')
    expect(doc.authors).toEqual([])
    expect(doc.date).toBeUndefined()
    expect(texts(doc)).toHaveLength(3)
    expect(texts(doc).join(' ')).not.toContain('Auction')
    expectExactOffsets(NEWS, doc)
  })
})

describe('parseScrapedText details', () => {
  it('joins a hard-wrapped paragraph and keeps offsets', () => {
    const text = 'Wrapped Title Here\n\nThe committee met on Tuesday to review the proposal for a\nnew ferry terminal and concluded that more study of the\ntidal data was needed before any money could be spent.\n'
    const doc = parseScrapedText(text)
    expect(texts(doc)).toEqual([
      'The committee met on Tuesday to review the proposal for a new ferry terminal and concluded that more study of the tidal data was needed before any money could be spent.',
    ])
    expectExactOffsets(text, doc)
  })

  it('handles CRLF line ends', () => {
    const text = 'A Title Line\r\n\r\nBy JANE ROE\r\n\r\nPublished: 12 June 2019 | Updated: June 20, 2019\r\n\r\nThe first paragraph is long enough to count as real prose in this document.\r\n'
    const doc = parseScrapedText(text)
    expect(doc.authors).toEqual(['Jane Roe'])
    expect(doc.date).toBe('2019-06-12')
    expect(texts(doc)).toEqual(['The first paragraph is long enough to count as real prose in this document.'])
    expectExactOffsets(text, doc)
  })

  it('prefers the published date over the updated one and reads ISO dates', () => {
    expect(parseScrapedText('T T\n\nUpdated 2021-05-02\n\nPosted on 2021-04-30\n\nBody text follows here.').date).toBe('2021-04-30')
  })

  it('keeps a paragraph that merely mentions a boilerplate word', () => {
    const doc = parseScrapedText('Some Title\n\nRelated\n\nRelated research shows that tariffs on steel raised prices by 3 percent in 2019, hurting carmakers.\n')
    expect(texts(doc)).toEqual(['Related research shows that tariffs on steel raised prices by 3 percent in 2019, hurting carmakers.'])
  })

  it('finds dates in their usual shapes', () => {
    expect(findDates('Jun 12, 2019').map((d) => d.iso)).toEqual(['2019-06-12'])
    expect(findDates('12 June 2019').map((d) => d.iso)).toEqual(['2019-06-12'])
    expect(findDates('Weekly / June 19, 2020 / 69(24);751–758').map((d) => d.iso)).toEqual(['2020-06-19'])
    expect(findDates('September 2020').map((d) => d.iso)).toEqual(['2020-09'])
    expect(findDates('2019-06-12T10:00').map((d) => d.iso)).toEqual(['2019-06-12'])
  })

  it('never throws on odd input', () => {
    for (const odd of ['', '\n\n\n', '[[[[[[[[', '](((((', '[a](b [c](d (<http://x', '❖', 'x'.repeat(10000)]) {
      expect(() => parseScrapedText(odd)).not.toThrow()
    }
  })

  // Speed is measured by `npm run bench`, not asserted here; this only guards against a hang
  // (the test timeout) on input built to make a backtracking pattern explode.
  it('handles large and adversarial input without hanging', () => {
    const big = (THINK_TANK + REPORT + NEWS).repeat(50)
    const adversarial = '['.repeat(50_000) + '](' + '('.repeat(50_000) + '\n' + '(<http://'.repeat(20_000)
    expect(parseScrapedText(big).blocks.length).toBeGreaterThan(0)
    expect(parseScrapedText(adversarial).blocks.every((b) => !b.text.includes('](('))).toBe(true)
  }, 600_000)
})

describe('parseScrapedText on the real scraped files', () => {
  const dirs = ['../shared/seeds', '../shared/devset/corpus']
  const files = dirs.flatMap((d) => {
    try {
      return readdirSync(d).filter((f) => f.endsWith('.txt')).map((f) => join(d, f))
    } catch {
      return []
    }
  })

  it.each(files)('%s', (path) => {
    const original = readFileSync(path, 'utf8')
    const doc = parseScrapedText(original)
    const firstLine = original.split('\n').find((l) => l.trim().length > 0)!.trim()
    expect(doc.title).toBe(firstLine)
    for (const b of doc.blocks) {
      expect(b.text).not.toContain('](')
      expect(b.text).not.toContain('(<http')
      expect(b.text.trim()).toBe(b.text)
      expect(/^(?:recommended|related|topics|tags|check also|share|top|about the authors?)$/i.test(b.text)).toBe(false)
    }
    const prose = doc.blocks.filter((b) => b.kind === 'paragraph' && b.text.length > 200)
    expect(prose.length).toBeGreaterThanOrEqual(5)
    expectExactOffsets(original, doc)
    // Blocks without removed syntax are verbatim slices of the original.
    for (const b of doc.blocks) {
      const slice = original.slice(b.map.toOriginal(0), b.map.toOriginalEnd(b.text.length))
      if (!slice.includes('\n') && !slice.includes('[') && !slice.includes('<http') && !slice.includes('\\')) expect(slice).toBe(b.text)
    }
    // Paragraphs broken mid-sentence by a blank line are rejoined.
    for (let i = 1; i < doc.blocks.length; i++) {
      const [a, b] = [doc.blocks[i - 1], doc.blocks[i]]
      if (a.kind === 'paragraph' && b.kind === 'paragraph' && /^\p{Ll}/u.test(b.text)) expect(a.text).toMatch(/[.!?:;…]["'”’)\]]*$/u)
    }
    // Metadata found where the page states it.
    if (/^by \[/m.test(original)) expect(doc.authors.length).toBeGreaterThan(0)
    if (/\(View author affiliations\)/.test(original)) expect(doc.authors.length).toBeGreaterThan(1)
    if (/^(?:Weekly|Monthly) \/ /m.test(original) || /^\w{3} \d{1,2}, \d{4}$/m.test(original.slice(0, 2000))) expect(doc.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    // Nothing after a terminal "Recommended" / "Check Also" heading survives.
    const cut = original.search(/^(?:RECOMMENDED|Check Also)$/m)
    if (cut !== -1) for (const b of doc.blocks) expect(b.start).toBeLessThan(cut)
    // Every author names someone, without degrees or affiliation digits.
    for (const a of doc.authors) expect(a).not.toMatch(/\d|\b(?:PhD|MPH|MD)\b/)
    // The date is one the top of the file states.
    if (doc.dateText) expect(original.slice(0, 3000)).toContain(doc.dateText)
  })
})
