import type {ParsedSource} from '../corpus'
import type {CorpusCache} from '../load'
import type {CorpusProblem} from '../types'
import {loadZoteroSources} from './load'
import {isZoteroSpec, parseZoteroSpec} from './spec'

export {isZoteroSpec, parseZoteroSpec, type ZoteroSpec} from './spec'

/** 20 MB, as for corpus files (load.ts). */
const DEFAULT_MAX_BYTES = 20 * 1024 * 1024

/**
 * Reads every `zotero:` corpus entry (issue #16) into parsed sources; an unreadable library is a
 * problem naming the reason, and the rest of the corpus keeps working.
 */
export async function loadZoteroSpecs(
  patterns: string[],
  options: {baseDir: string; maxFileBytes?: number; cache?: CorpusCache},
): Promise<{parsed: ParsedSource[]; problems: CorpusProblem[]}> {
  const parsed: ParsedSource[] = []
  const problems: CorpusProblem[] = []
  for (const pattern of patterns.filter(isZoteroSpec)) {
    const spec = parseZoteroSpec(pattern, options.baseDir)
    const loaded = await loadZoteroSources(spec, {maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_BYTES, cache: options.cache})
    parsed.push(...loaded.parsed)
    problems.push(...loaded.problems)
  }
  return {parsed, problems}
}

/** Files whose change means a Zotero library changed: each database and its write-ahead log. */
export function zoteroWatchFiles(patterns: string[], baseDir: string): string[] {
  const files = new Set<string>()
  for (const pattern of patterns.filter(isZoteroSpec)) {
    const spec = parseZoteroSpec(pattern, baseDir)
    files.add(spec.database)
    files.add(spec.database + '-wal')
    files.add(spec.dataDir + '/better-bibtex.sqlite')
  }
  return [...files]
}
