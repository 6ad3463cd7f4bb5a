import {InvalidArgumentError, Option, type Command} from 'commander'
import {stat} from 'node:fs/promises'
import {relative, resolve} from 'node:path'
import {captureSource, CaptureError, DEFAULT_FETCH_LIMITS, firstCorpusFolder} from '../engine/corpus/capture'
import {findConfigFile, readConfigFile} from '../workspace/config-file'
import {warn} from './stderr'

/**
 * `briefcheck add URL|FILE [--to FOLDER]` (issue #9): captures a web page, PDF or Word file as
 * a Markdown source (front matter + text, the original beside it) in the first corpus folder
 * of briefcheck.json, or in `--to`. Exit 0 on success, 2 with a one-line reason otherwise.
 */
export function registerAdd(cli: Command): void {
  cli
    .command('add')
    .description('capture a web page, PDF or Word file (URL or local file) as a Markdown source in the corpus')
    .argument('<source>', 'an http(s) URL, or a local .pdf, .html or .docx file')
    .option('--to <folder>', 'folder to write to (default: the first corpus folder in briefcheck.json)')
    .option('--config <file>', 'configuration file (default: briefcheck.json in this folder or a parent)')
    .addOption(new Option('--timeout <seconds>', 'give up on a URL after this long').default(30).argParser(positive))
    .addOption(new Option('--max-size <MB>', 'largest download or file accepted').default(20).argParser(positive))
    .action(async (source: string, options: {to?: string; config?: string; timeout: number; maxSize: number}) => {
      try {
        const folder = options.to ? await targetFolder(options.to) : await corpusFolder(options.config)
        const result = await captureSource(source, {
          folder,
          limits: {...DEFAULT_FETCH_LIMITS, timeoutMs: Math.min(options.timeout * 1000, MAX_TIMER_MS), maxBytes: Math.round(options.maxSize * 1048576)},
        })
        const m = result.doc.meta
        const cwd = process.cwd()
        const show = (p: string) => relative(cwd, p) || p
        process.stdout.write(`added ${show(result.markdown)} (original: ${show(result.original)})\n`)
        process.stdout.write(`  title: ${m.title ?? '(none)'}\n  author: ${m.authors.join('; ') || '(none)'}\n  date: ${m.date ?? '(none)'}\n`)
        for (const warning of result.doc.warnings) warn(`add: ${warning}`)
        process.exitCode = 0
      } catch (error) {
        if (!(error instanceof CaptureError)) throw error
        warn(`add: ${error.message}`)
        process.exitCode = 2
      }
    })
}

/**
 * Longest delay a Node timer can hold (2^31 - 1 ms, 24.8 days): a longer one fires at once, so
 * `--timeout` is clamped to it.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1

/** A positive finite number, else commander's one-line usage error (exit 2). */
function positive(value: string): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number.')
  return n
}

/** `--to` must name a folder, or a path where one can be made. */
async function targetFolder(to: string): Promise<string> {
  const folder = resolve(to)
  const info = await stat(folder).catch(() => undefined)
  if (info && !info.isDirectory()) throw new CaptureError(`--to ${to} is not a folder`)
  return folder
}

/** The first corpus folder of briefcheck.json (found from the current folder, or `--config`). */
async function corpusFolder(configFile?: string, cwd = process.cwd()): Promise<string> {
  const loaded = readConfigFile(configFile ? resolve(configFile) : findConfigFile(cwd), cwd)
  const folder = await firstCorpusFolder(loaded.config.corpus, loaded.baseDir)
  if (!folder) throw new CaptureError('no corpus folder configured: set "corpus" in briefcheck.json or pass --to FOLDER')
  return folder
}
