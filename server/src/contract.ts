/**
 * Briefcheck's own additions to LSP, shared by the server and the VS Code client (and
 * documented for other editors): method names and the shapes they carry. Types and string
 * constants only, so the client bundle takes nothing else from the server.
 */

/** Server → client notification: corpus state for the status bar. */
export const STATUS_NOTIFICATION = 'briefcheck/status'

/** Client → server requests. */
export const REQUESTS = {
  /** → `SourceInfo[]` */
  sources: 'briefcheck/sources',
  /** `{textDocument: {uri}, position, key}` → `TextEdit[]` inserting a citation in the configured style. */
  citationEdit: 'briefcheck/citationEdit',
  /** `{textDocument: {uri}, position}` → `MatchingSource[]` */
  matchingSources: 'briefcheck/matchingSources',
} as const

/** `workspace/executeCommand` commands the server registers. */
export const SERVER_COMMANDS = {
  reindex: 'briefcheck.reindex',
  /** `[{input: url or path}]` → `AddedSource` */
  captureSource: 'briefcheck.captureSource',
} as const

export type {CorpusProblem} from './engine/corpus/types'
import type {CorpusProblem} from './engine/corpus/types'

/** Params of `briefcheck/status`. */
export interface StatusParams {
  state: 'indexing' | 'ready' | 'error' | 'no-corpus'
  sources: number
  sentences: number
  problems: CorpusProblem[]
  message?: string
  /** 0..100 while indexing. */
  progress?: number
  /** The index came whole from the disk cache. */
  cached?: boolean
  /** The workspace folder (URI) whose corpus this is: each folder of a multi-root workspace has its own. */
  folder?: string
}

/** One item of `briefcheck/sources`. */
export interface SourceInfo {
  key: string
  title: string
  author?: string
  date?: string
  path: string
  reference: string
}

export interface WirePosition {
  line: number
  character: number
}

export interface WireRange {
  start: WirePosition
  end: WirePosition
}

/** One item of `briefcheck/matchingSources`. */
export interface MatchingSource {
  path: string
  range: WireRange
  title: string
  text: string
}

/** What the server answers after capturing and indexing a source. */
export interface AddedSource {
  path: string
  original?: string
  title?: string
  authors: string[]
  date?: string
  warnings: string[]
}
