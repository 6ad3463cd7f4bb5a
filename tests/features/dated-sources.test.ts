import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {TextDocument} from 'vscode-languageserver-textdocument'
import {describe, expect, it} from 'vitest'
import {checkDraft} from '../../server/src/engine/check'
import {DEFAULT_CONFIG} from '../../server/src/engine/config'
import {loadCorpus} from '../../server/src/engine/corpus/load'
import {getHover} from '../../server/src/features/hover'
import {SEEDS} from '../helpers/cli'

/**
 * The seeds' pledge figure: one brief (June 2019) says 85 km, the other (2021, its date given
 * by a bibliography beside the seeds, since the scraped page prints none) says 60 km. The hover
 * lists them as a dated pair, newest first (issue #17).
 */
describe('hover: sources of different dates, newest first', () => {
  it('shows the seeds’ 60 km (2021) above their 85 km (Jun 12, 2019)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefcheck-dates-'))
    const bib = join(dir, 'dates.bib')
    writeFileSync(bib, '@article{canrussiahelp,\n  title = {Can Russia Help Biden Get a Comprehensive Agreement with Iran?},\n  date = {2021},\n}\n')
    const corpus = await loadCorpus([SEEDS, bib], {baseDir: dir})
    // Our own wording of the pledge. The draft agrees with the 2019 brief, so its findings list
    // that brief first (sources-disagree: the agreeing source, then the others).
    const text = "Russia promised that Iran-backed forces would stay at least 85 km from Israel's border after the July 2018 ceasefire.\n"
    const doc = TextDocument.create('file:///ws/draft.md', 'markdown', 1, text)
    const result = checkDraft(text, {corpus, config: DEFAULT_CONFIG})
    const hover = getHover({corpus, config: DEFAULT_CONFIG, result}, doc, doc.positionAt(text.indexOf('85 km')))
    const value = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : ''
    expect(result.messages.find((m) => m.ruleId === 'sources-disagree')?.evidence.map((e) => e.date)).toEqual(['2019-06-12', '2021'])
    expect(result.messages.find((m) => m.ruleId === 'outdated-figure')?.reason).toMatch(/^Possibly outdated: at least 85 km matches .*\(Jun 12, 2019\), but the newer "Can Russia Help Biden.*" \(2021\) says at least 60 km\.$/)
    const block = value.slice(value.indexOf('**Sources by date, newest first**'))
    expect(block).not.toBe('')
    const rows = block.split('\n\n')[0].split('\n').slice(1)
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatch(/^- 2021: \*\*Can Russia Help Biden.*\*\* says at least 60 kilometers$/)
    expect(rows[1]).toMatch(/^- Jun 12, 2019: \*\*What to Expect from the U\.S\.-Russia Meeting in Jerusalem\*\* says at least eighty-five kilometers$/)
  })
})
