import type {AcceptedClaim} from '../engine/accepted'
import type {CheckResult} from '../engine/check'
import type {BriefcheckConfig} from '../engine/config'
import type {CorpusView} from '../engine/store/types'

/**
 * What a feature may know about the workspace: the corpus, the configuration and the check
 * result for exactly the text of the document it is asked about. No Connection (STYLE.md:
 * only `protocol/` knows LSP transport); features turn engine results into LSP types.
 */
export interface FeatureState {
  corpus: CorpusView
  config: BriefcheckConfig
  /** The engine's result for the document's current text (the server re-checks when stale). */
  result: CheckResult
  /** Workspace root folder (file system path), when there is one. */
  workspaceRoot?: string
  /** `.briefcheck/accepted.json`: its path and current text (undefined when it does not exist). */
  acceptedFile?: {path: string; text: string | undefined}
  /** Whether the client applies `documentChanges` with resource operations (CreateFile). */
  canCreateFiles?: boolean
}

/** The accepted claims a state's file holds (used when merging a new acceptance). */
export type {AcceptedClaim}
