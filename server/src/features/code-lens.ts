import type {CancellationToken, CodeLens} from 'vscode-languageserver'
import type {CheckResult} from '../engine/check'
import type {FeatureState} from './state'

/** Findings counted as conflicts with the sources in the lens. */
export const CONFLICT_RULES = new Set(['figure-conflict', 'citation-mismatch', 'quote-mismatch'])

/** The draft's tally: claims, how many cite a source, how many conflict with the corpus. */
export function tally(result: CheckResult): {claims: number; cited: number; conflicts: number} {
  const claims = result.analysis.sentences.filter((s) => s.verdict.claim)
  return {
    claims: claims.length,
    cited: claims.filter((s) => s.citations.length > 0).length,
    conflicts: result.messages.filter((m) => CONFLICT_RULES.has(m.ruleId)).length,
  }
}

/** One lens at the top of the draft: "N claims, M cited, K conflicts" (display only). */
export function getCodeLenses(state: FeatureState, token?: CancellationToken): CodeLens[] {
  if (token?.isCancellationRequested) return []
  const {claims, cited, conflicts} = tally(state.result)
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  const top = {start: {line: 0, character: 0}, end: {line: 0, character: 0}}
  // An empty command id: the lens is a label, clicking it does nothing.
  return [{range: top, command: {title: `${plural(claims, 'claim')}, ${cited} cited, ${plural(conflicts, 'conflict')}`, command: ''}}]
}
