import {resolve} from 'node:path'
import type {AcceptedClaim} from '../engine/accepted'
import type {BriefcheckConfig} from '../engine/config'
import {Corpus} from '../engine/corpus/corpus'
import {loadCorpus} from '../engine/corpus/load'
import {MemoryStore} from '../engine/store/memory'
import type {CorpusStore} from '../engine/store/types'
import {acceptedFileFor, findConfigFile, readAcceptedFile, readConfigFile} from '../workspace/config-file'
import {MAX_DRAFT_BYTES, MAX_SETTINGS_BYTES, readRegularFileSync, readRegularTextSync} from '../workspace/read-regular'
import {DEFAULT_SETTINGS, mergeSettings} from '../workspace/settings'
import {openSharedStore} from './index-store'
import {warn} from './stderr'

/** A usage or input error: the CLI prints its message on one line and exits 2. */
export class UsageError extends Error {}

/** What a CLI command that checks drafts needs: the drafts, the corpus, the config, the accepted claims. */
export interface CheckInputs {
  drafts: Array<{path: string; text: string}>
  /** The corpus: the embedded index of the configured folders, or a shared PostgreSQL store. */
  store: CorpusStore
  /** Releases the store's connections (a no-op for the embedded one). */
  close: () => Promise<void>
  config: BriefcheckConfig
  accepted: AcceptedClaim[]
  /** Whether a corpus was configured at all, folders or a store (the text format then prints its size). */
  hasCorpus: boolean
}

/**
 * Reads the drafts, the configuration (`--config` or briefcheck.json found upwards), the corpus
 * (`--corpus` replaces the config's) and `.briefcheck/accepted.json`, reporting problems on
 * stderr as the README's CLI section describes. Shared by `check` and `report`.
 */
export async function readCheckInputs(files: string[], options: {corpus?: string[]; config?: string; store?: string}): Promise<CheckInputs> {
  const cwd = process.cwd()
  const configPath = options.config ? resolve(options.config) : findConfigFile(cwd)
  if (options.config) {
    // Only a regular file within its size cap is read: a FIFO or /dev/zero never hangs the CLI (issue #13).
    try {
      readRegularFileSync(configPath!, MAX_SETTINGS_BYTES)
    } catch (error) {
      throw new UsageError(`config file ${options.config}: ${(error as Error).message}`)
    }
  }
  const loaded = readConfigFile(configPath, cwd)
  for (const problem of loaded.problems) warn(`config: ${problem}`)
  // `--corpus` overrides briefcheck.json exactly as the editor's briefcheck.corpus setting does.
  const effective = mergeSettings(loaded, {...DEFAULT_SETTINGS, corpus: options.corpus ?? []}, cwd)
  const {corpus: patterns, baseDir} = effective

  const drafts: Array<{path: string; text: string}> = []
  for (const file of files) {
    const path = resolve(file)
    try {
      drafts.push({path, text: readRegularTextSync(path, MAX_DRAFT_BYTES)})
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as Error).message}`)
    }
  }

  // A shared PostgreSQL corpus (issue #18): --store, or "store" in briefcheck.json unless --corpus names folders.
  const storeUrl = options.store ?? (options.corpus && options.corpus.length > 0 ? undefined : loaded.config.store?.postgres)
  let store: CorpusStore
  let close = async () => {}
  if (storeUrl) {
    const shared = await openSharedStore(storeUrl).catch((error: Error) => {
      throw new UsageError(error.message)
    })
    store = shared.store
    close = shared.close
    for (const p of store.problems()) warn(`corpus: ${p.path}: ${p.reason}`)
  } else if (patterns.length === 0) {
    warn('no corpus configured (pass --corpus or set "corpus" in briefcheck.json); only citation checks run')
    store = new MemoryStore(new Corpus())
  } else {
    const corpus = await loadCorpus(patterns, {baseDir})
    for (const p of corpus.problems) warn(`corpus: ${p.path}: ${p.reason}`)
    if (corpus.isEmpty) {
      if (corpus.problems.some((p) => p.reason === 'corpus path does not exist') && corpus.problems.length === patterns.length) {
        throw new UsageError(`unreadable corpus: ${patterns.join(', ')}`)
      }
      warn('the corpus holds no sources; only citation checks run')
    }
    store = new MemoryStore(corpus)
  }
  const {accepted, problem} = readAcceptedFile(acceptedFileFor(configPath, cwd))
  if (problem) warn(`accepted claims: ${problem}`)
  return {drafts, store, close, config: effective.config, accepted, hasCorpus: patterns.length > 0 || storeUrl !== undefined}
}
