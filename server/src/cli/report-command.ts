import {Option, type Command} from 'commander'
import {writeFile} from 'node:fs/promises'
import {relative} from 'node:path'
import {URI} from 'vscode-uri'
import {buildReport} from '../engine/report/model'
import {createEngine} from '../engine/service'
import {MemoryStore} from '../engine/store/memory'
import {renderHtml, type ReportPage} from '../report/html'
import {renderJson} from '../report/json'
import {readCheckInputs} from './inputs'

/**
 * `briefcheck report DRAFT… [--format html|json] [-o FILE]` (issue #17): the fact-check review
 * of the drafts — every claim with its status and evidence — as one self-contained HTML page
 * or as JSON. Exits 0 once written (the review is for people; `check` is the gate), 2 on a
 * usage or input error.
 */
export function registerReport(cli: Command): void {
  cli
    .command('report')
    .description('write the fact-check review of drafts: every claim with its status and evidence (HTML or JSON)')
    .argument('<drafts...>', 'Markdown drafts to review')
    .option('--corpus <path>', 'a corpus folder, file or glob (repeatable; replaces "corpus" in briefcheck.json)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--config <file>', 'configuration file (default: briefcheck.json in this folder or a parent)')
    .addOption(new Option('--format <format>', 'output format').choices(['html', 'json']).default('html'))
    .option('-o, --output <file>', 'write the review to a file instead of stdout')
    .action(async (files: string[], options: {corpus?: string[]; config?: string; format: 'html' | 'json'; output?: string}) => {
      const cwd = process.cwd()
      const show = (p: string) => relative(cwd, p) || p
      const {drafts, corpus, config, accepted} = await readCheckInputs(files, options)
      const engine = createEngine({store: new MemoryStore(corpus), config, accepted})
      const pages: ReportPage[] = []
      for (const d of drafts) pages.push({path: show(d.path), report: buildReport(await engine.check(URI.file(d.path).toString(), 0, d.text), accepted)})
      const out = options.format === 'json' ? renderJson(pages, show) : renderHtml(pages, {displayPath: show})
      if (options.output) await writeFile(options.output, out)
      else process.stdout.write(out)
      process.exitCode = 0
    })
}
