import type {Check, CheckMeta, DraftCheck} from './define'
import {figureConflict, sourcesDisagree, citationMismatch} from './figure-conflict'
import {inconsistentFigure} from './inconsistent-figure'
import {outdatedFigure} from './outdated-figure'
import {quoteMismatch, quoteNotFound} from './quote-mismatch'
import {uncitedClaim} from './uncited-claim'
import {unknownCitation} from './unknown-citation'
import {unsupportedCitation} from './unsupported-citation'

/** Every check, one line each, alphabetical (as harper's lint group lists its linters). */
export const CHECKS: Check[] = [figureConflict, quoteMismatch, uncitedClaim, unknownCitation, unsupportedCitation]

/** Checks over the whole draft (they compare its sentences with each other), alphabetical. */
export const DRAFT_CHECKS: DraftCheck[] = [inconsistentFigure]

/** Ids that checks report under without running on their own (siblings of a check above). */
export const SIBLINGS: CheckMeta[] = [citationMismatch, outdatedFigure, quoteNotFound, sourcesDisagree]

export const ALL_CHECKS: CheckMeta[] = [...CHECKS, ...DRAFT_CHECKS, ...SIBLINGS].sort((a, b) => a.id.localeCompare(b.id))
export const CHECK_IDS: string[] = ALL_CHECKS.map((c) => c.id)
