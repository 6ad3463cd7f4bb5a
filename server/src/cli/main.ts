import {Command, InvalidArgumentError, Option} from 'commander'
import {stat, writeFile} from 'node:fs/promises'
import {dirname, resolve} from 'node:path'
import {version} from '../../../package.json'
import {URI} from 'vscode-uri'
import {onLimit} from '../engine/limits'
import {createEngine} from '../engine/service'
import {registerAdd} from './add'
import {registerIndex} from './index-store'
import {registerSources} from './sources'
import {printable, warn} from './stderr'
import {formatJson} from './format-json'
import {formatSarif} from './format-sarif'
import {formatText} from './format-text'
import {readCheckInputs, UsageError} from './inputs'
import {corpusSummary, type FileReport} from './report'
import {registerReport} from './report-command'

const SEVERITY_RANK = {hint: 0, information: 1, warning: 2, error: 3} as const
type FailOn = 'error' | 'warning' | 'information'

/** Exit codes of the CLI contract: findings below --fail-on, findings at or above, usage/input error. */
const EXIT = {ok: 0, findings: 1, usage: 2}

/** The folder `--output` writes into must exist and be a folder: checked before any work. */
async function checkOutputFolder(output: string): Promise<void> {
  const folder = dirname(resolve(output))
  const info = await stat(folder).catch(() => undefined)
  if (!info) throw new UsageError(`cannot write ${output}: no such folder ${folder}`)
  if (!info.isDirectory()) throw new UsageError(`cannot write ${output}: ${folder} is not a folder`)
}

async function runCheck(files: string[], options: {corpus?: string[]; store?: string; config?: string; format: string; failOn: FailOn; output?: string}): Promise<number> {
  const cwd = process.cwd()
  onLimit((reason) => warn(`limit: ${reason}`))
  if (options.output) await checkOutputFolder(options.output)
  const {drafts, store, close, config, accepted, hasCorpus} = await readCheckInputs(files, options)
  const engine = createEngine({store, config, accepted})
  const reports: FileReport[] = []
  try {
    for (const d of drafts) reports.push({path: d.path, messages: (await engine.check(URI.file(d.path).toString(), 0, d.text)).messages})
  } finally {
    await close()
  }
  const out =
    options.format === 'json' ? formatJson(reports, cwd) : options.format === 'sarif' ? formatSarif(reports, cwd, version) : formatText(reports, cwd)
  if (options.output) {
    await writeFile(options.output, out).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot write ${options.output}: ${error.code === 'ENOENT' ? 'no such folder' : (error.message.split('\n')[0])}`)
    })
  }
  else process.stdout.write(out)
  if (options.format === 'text' && hasCorpus) process.stderr.write(`briefcheck: corpus: ${corpusSummary(store.view())}\n`)
  const threshold = SEVERITY_RANK[options.failOn]
  const failing = reports.some((r) => r.messages.some((m) => SEVERITY_RANK[m.severity] >= threshold))
  return failing ? EXIT.findings : EXIT.ok
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}

function program(): Command {
  const cli = new Command('briefcheck')
    .description('Checks the facts in Markdown policy briefs against a corpus of sources.')
    .version(version)
    .exitOverride()
    .configureOutput({writeErr: (s) => process.stderr.write(s)})
  cli
    .command('check')
    .description('check drafts: uncited claims, conflicting figures, misquotes, unknown citations')
    .argument('<files...>', 'Markdown drafts to check')
    .option('--corpus <path>', 'a corpus folder, file or glob (repeatable; replaces "corpus" in briefcheck.json)', collect)
    .option('--store <url>', 'read the corpus from a PostgreSQL store written by `briefcheck index` (default: "store" in briefcheck.json)')
    .option('--config <file>', 'configuration file (default: briefcheck.json in this folder or a parent)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding reaches this severity').choices(['error', 'warning', 'information']).default('warning'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .action(async (files: string[], options) => {
      process.exitCode = await runCheck(files, options)
    })
  registerAdd(cli)
  registerSources(cli)
  registerReport(cli)
  registerIndex(cli)
  return cli
}

async function main(): Promise<void> {
  try {
    await program().parseAsync(process.argv)
  } catch (error) {
    const code = (error as {code?: string}).code
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') {
      process.exitCode = EXIT.ok
      return
    }
    if (code?.startsWith('commander.')) {
      process.exitCode = EXIT.usage
      return
    }
    if (error instanceof UsageError || error instanceof InvalidArgumentError) {
      warn(error.message)
      process.exitCode = EXIT.usage
      return
    }
    // One line, as for every other error; BRIEFCHECK_DEBUG=1 shows the stack for a bug report.
    const detail = error instanceof Error ? (process.env.BRIEFCHECK_DEBUG ? (error.stack ?? error.message) : error.message) : String(error)
    process.stderr.write(`briefcheck: internal error: ${process.env.BRIEFCHECK_DEBUG ? detail : printable(detail)}\n`)
    process.exitCode = EXIT.usage
  }
}

void main()
