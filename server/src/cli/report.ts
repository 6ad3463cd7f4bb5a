import {relative} from 'node:path'
import type {CorpusView} from '../engine/store/types'
import type {BriefcheckMessage, Evidence} from '../engine/messages'

/** One checked file and its findings, as the formatters see it. */
export interface FileReport {
  path: string
  messages: BriefcheckMessage[]
}

/** The evidence object of the JSON contract (README, "JSON output"). */
export function evidenceJson(e: Evidence, cwd: string) {
  return {
    source: {key: e.key, title: e.title, author: e.author ?? null, date: e.date ?? null, path: relative(cwd, e.path) || e.path},
    text: e.text,
    range: e.range,
    value: e.value ?? null,
    agrees: e.agrees ?? null,
    ...(e.page !== undefined ? {page: e.page} : {}),
    ...(e.section ? {section: e.section} : {}),
  }
}

export function corpusSummary(corpus: CorpusView): string {
  return `${corpus.sources.length} source${corpus.sources.length === 1 ? '' : 's'}, ${corpus.sentences.length} sentences`
}
