import {readFile} from 'node:fs/promises'
import {resolve} from 'node:path'
import type {AcceptedClaim} from '../engine/accepted'
import type {BriefcheckConfig} from '../engine/config'
import {Corpus} from '../engine/corpus/corpus'
import {loadCorpus} from '../engine/corpus/load'
import {acceptedFileFor, findConfigFile, readAcceptedFile, readConfigFile} from '../workspace/config-file'
import {DEFAULT_SETTINGS, mergeSettings} from '../workspace/settings'

/** A usage or input error: the CLI prints its message on one line and exits 2. */
export class UsageError extends Error {}

/** What a CLI command that checks drafts needs: the drafts, the corpus, the config, the accepted claims. */
export interface CheckInputs {
  drafts: Array<{path: string; text: string}>
  corpus: Corpus
  config: BriefcheckConfig
  accepted: AcceptedClaim[]
  /** Whether a corpus was configured at all (the text format then prints its size). */
  hasCorpus: boolean
}

/**
 * Reads the drafts, the configuration (`--config` or briefcheck.json found upwards), the corpus
 * (`--corpus` replaces the config's) and `.briefcheck/accepted.json`, reporting problems on
 * stderr as the README's CLI section describes. Shared by `check` and `report`.
 */
export async function readCheckInputs(files: string[], options: {corpus?: string[]; config?: string}): Promise<CheckInputs> {
  const cwd = process.cwd()
  const configPath = options.config ? resolve(options.config) : findConfigFile(cwd)
  if (options.config && !(await readFile(configPath!).catch(() => undefined))) throw new UsageError(`config file not found: ${options.config}`)
  const loaded = readConfigFile(configPath, cwd)
  for (const problem of loaded.problems) process.stderr.write(`briefcheck: config: ${problem}\n`)
  // `--corpus` overrides briefcheck.json exactly as the editor's briefcheck.corpus setting does.
  const effective = mergeSettings(loaded, {...DEFAULT_SETTINGS, corpus: options.corpus ?? []}, cwd)
  const {corpus: patterns, baseDir} = effective

  const drafts: Array<{path: string; text: string}> = []
  for (const file of files) {
    const path = resolve(file)
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`)
    })
    drafts.push({path, text})
  }

  let corpus: Corpus
  if (patterns.length === 0) {
    process.stderr.write('briefcheck: no corpus configured (pass --corpus or set "corpus" in briefcheck.json); only citation checks run\n')
    corpus = new Corpus()
  } else {
    corpus = await loadCorpus(patterns, {baseDir})
    for (const p of corpus.problems) process.stderr.write(`briefcheck: corpus: ${p.path}: ${p.reason}\n`)
    if (corpus.isEmpty) {
      if (corpus.problems.some((p) => p.reason === 'corpus path does not exist') && corpus.problems.length === patterns.length) {
        throw new UsageError(`unreadable corpus: ${patterns.join(', ')}`)
      }
      process.stderr.write('briefcheck: the corpus holds no sources; only citation checks run\n')
    }
  }
  const {accepted, problem} = readAcceptedFile(acceptedFileFor(configPath, cwd))
  if (problem) process.stderr.write(`briefcheck: accepted claims: ${problem}\n`)
  return {drafts, corpus, config: effective.config, accepted, hasCorpus: patterns.length > 0}
}
