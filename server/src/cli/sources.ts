import {Option, type Command} from 'commander'
import {relative, resolve} from 'node:path'
import type {Corpus} from '../engine/corpus/corpus'
import {loadCorpus} from '../engine/corpus/load'
import {findConfigFile, readConfigFile} from '../workspace/config-file'

/**
 * `briefcheck sources [--corpus PATH]... [--sentences] [--format text|json]` (issue #19): what
 * the corpus read — every source with its key, title, authors, date, publisher, url, path and
 * problems, and with `--sentences` every sentence with its page and section — so a user can
 * see why a source was or was not matched, and tests can measure extraction. JSON:
 * `{"version": 1, "sources": [{key, title, author, date, publisher, url, path, problems,
 * sentences?: [{text, page, section}]}]}`. Exit 0, or 2 with a one-line reason.
 */
export function registerSources(cli: Command): void {
  cli
    .command('sources')
    .description('list what the corpus read: each source with its metadata and problems (and --sentences, every sentence)')
    .option('--corpus <path>', 'a corpus folder, file or glob (repeatable; replaces "corpus" in briefcheck.json)', (v: string, p: string[] = []) => [...p, v])
    .option('--config <file>', 'configuration file (default: briefcheck.json in this folder or a parent)')
    .option('--sentences', 'list every sentence of every source with its page and section')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (options: {corpus?: string[]; config?: string; sentences?: boolean; format: 'text' | 'json'}) => {
      const cwd = process.cwd()
      const loaded = readConfigFile(options.config ? resolve(options.config) : findConfigFile(cwd), cwd)
      const patterns = options.corpus && options.corpus.length > 0 ? options.corpus : loaded.config.corpus
      if (patterns.length === 0) {
        process.stderr.write('briefcheck: no corpus configured (pass --corpus or set "corpus" in briefcheck.json)\n')
        process.exitCode = 2
        return
      }
      const corpus = await loadCorpus(patterns, {baseDir: options.corpus && options.corpus.length > 0 ? cwd : loaded.baseDir})
      if (corpus.isEmpty && corpus.problems.length === patterns.length && corpus.problems.every((p) => p.reason === 'corpus path does not exist')) {
        process.stderr.write(`briefcheck: unreadable corpus: ${patterns.join(', ')}\n`)
        process.exitCode = 2
        return
      }
      const listing = sourcesListing(corpus, cwd, options.sentences === true)
      process.stdout.write(options.format === 'json' ? `${JSON.stringify(listing, null, 2)}\n` : sourcesText(listing))
      process.exitCode = 0
    })
}

interface SourceEntry {
  key: string
  title: string
  author: string[]
  date: string | null
  publisher: string | null
  url: string | null
  path: string
  problems: string[]
  sentences?: Array<{text: string; page: number | null; section: string | null}>
}

/** The listing of the JSON contract; files that could not be read appear with their problem only. */
export function sourcesListing(corpus: Corpus, cwd: string, withSentences: boolean): {version: 1; sources: SourceEntry[]} {
  const show = (p: string) => relative(cwd, p) || p
  const byPath = new Map<string, string[]>()
  for (const p of corpus.problems) byPath.set(p.path, [...(byPath.get(p.path) ?? []), p.reason])
  const sentences = new Map<number, SourceEntry['sentences']>()
  if (withSentences) {
    for (const s of corpus.sentences) {
      let list = sentences.get(s.source)
      if (!list) sentences.set(s.source, (list = []))
      list.push({text: s.text, page: s.page ?? null, section: s.section ?? null})
    }
  }
  const sources: SourceEntry[] = corpus.sources.map((m, i) => ({
    key: m.key,
    title: m.title,
    author: m.authors,
    date: m.date ?? null,
    publisher: m.publisher ?? null,
    url: m.url ?? null,
    path: show(m.path),
    problems: byPath.get(m.path) ?? [],
    ...(withSentences ? {sentences: sentences.get(i) ?? []} : {}),
  }))
  const listed = new Set(corpus.sources.map((m) => m.path))
  for (const [path, problems] of byPath) {
    if (!listed.has(path)) sources.push({key: '', title: '', author: [], date: null, publisher: null, url: null, path: show(path), problems})
  }
  return {version: 1, sources}
}

function sourcesText(listing: {sources: SourceEntry[]}): string {
  const lines: string[] = []
  for (const s of listing.sources) {
    if (s.key === '') {
      lines.push(`${s.path}: not read: ${s.problems.join('; ')}`)
      continue
    }
    lines.push(`${s.key}  ${s.path}`)
    lines.push(`  title: ${s.title}`)
    lines.push(`  author: ${s.author.join('; ') || '(none)'}`)
    lines.push(`  date: ${s.date ?? '(none)'}`)
    if (s.publisher) lines.push(`  publisher: ${s.publisher}`)
    if (s.url) lines.push(`  url: ${s.url}`)
    for (const p of s.problems) lines.push(`  problem: ${p}`)
    for (const sentence of s.sentences ?? []) {
      const where = [sentence.page !== null ? `p. ${sentence.page}` : '', sentence.section ?? ''].filter(Boolean).join(', ')
      lines.push(`  - ${where ? `[${where}] ` : ''}${sentence.text}`)
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : ''
}
