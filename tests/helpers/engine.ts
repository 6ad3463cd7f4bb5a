import {checkDraft} from '../../server/src/engine/check'
import {DEFAULT_CONFIG, type BriefcheckConfig} from '../../server/src/engine/config'
import {buildCorpus, type Corpus} from '../../server/src/engine/corpus/corpus'

/** A corpus built from in-memory files: `{'dam.md': '---\ntitle: …\n---\nText.'}`. */
export function corpusOf(files: Record<string, string>): Corpus {
  return buildCorpus(Object.entries(files).map(([name, text]) => ({path: `/corpus/${name}`, text})))
}

/** Runs every check and returns `line:col-line:col ruleId` strings (one-based, as vfile prints). */
export function findings(text: string, corpus: Corpus, config: Partial<BriefcheckConfig> = {}): string[] {
  return checkDraft(text, {corpus, config: {...DEFAULT_CONFIG, ...config}}).messages.map(
    (m) => `${m.range.start.line + 1}:${m.range.start.character + 1}-${m.range.end.line + 1}:${m.range.end.character + 1} ${m.ruleId}`,
  )
}

export function messagesOf(text: string, corpus: Corpus, config: Partial<BriefcheckConfig> = {}) {
  return checkDraft(text, {corpus, config: {...DEFAULT_CONFIG, ...config}}).messages
}
