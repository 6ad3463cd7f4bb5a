import {terms} from './index/terms'

/** A claim the writer accepted as common knowledge (`.briefcheck/accepted.json`). */
export interface AcceptedClaim {
  text: string
  rule?: string
  file?: string
}

/** How alike two sentences' content words must be for an acceptance to carry over an edit. */
export const ACCEPT_SIMILARITY = 0.75

/**
 * Matches a sentence against accepted claims by the overlap of stemmed content words
 * (Jaccard), so that fixing a typo or a comma keeps the acceptance while a changed
 * figure or a new subject does not.
 */
export function isAccepted(sentence: string, accepted: AcceptedClaim[], rule: string): boolean {
  if (accepted.length === 0) return false
  const mine = new Set(terms(sentence))
  if (mine.size === 0) return false
  return accepted.some((a) => (a.rule ?? 'uncited-claim') === rule && jaccard(mine, new Set(terms(a.text))) >= ACCEPT_SIMILARITY)
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0
  for (const t of a) if (b.has(t)) shared++
  return shared / (a.size + b.size - shared)
}

/** Parses the accepted-claims file; tolerant of an empty or missing list. */
export function parseAccepted(json: string): AcceptedClaim[] {
  const data: unknown = JSON.parse(json)
  const list = Array.isArray(data) ? data : data && typeof data === 'object' ? (data as {accepted?: unknown}).accepted : undefined
  if (!Array.isArray(list)) return []
  return list.filter((a): a is AcceptedClaim => Boolean(a) && typeof a === 'object' && typeof (a as AcceptedClaim).text === 'string')
}
