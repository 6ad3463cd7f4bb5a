// The status bar item and the corpus-problem log. No runtime `vscode` import: extension.ts
// hands in the item and the channel, so vitest can load this module without an editor.

import {STATUS_NOTIFICATION, type CorpusProblem, type StatusParams as BriefcheckStatus} from '../../server/src/contract'

export {STATUS_NOTIFICATION}
export type {BriefcheckStatus, CorpusProblem}

const STATES: readonly BriefcheckStatus['state'][] = ['indexing', 'ready', 'error', 'no-corpus']

/**
 * Validates the notification's params instead of casting them: a server from another version
 * may send fields we do not know, or miss some. Returns undefined for anything unusable.
 */
export function parseStatus(params: unknown): BriefcheckStatus | undefined {
  if (!params || typeof params !== 'object') return undefined
  const p = params as Record<string, unknown>
  const state = STATES.find((s) => s === p.state)
  if (!state) return undefined
  const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0)
  const problems: CorpusProblem[] = []
  if (Array.isArray(p.problems)) {
    for (const item of p.problems as unknown[]) {
      if (!item || typeof item !== 'object') continue
      const {path, reason} = item as Record<string, unknown>
      if (typeof path === 'string' && typeof reason === 'string') problems.push({path, reason})
    }
  }
  const status: BriefcheckStatus = {state, sources: count(p.sources), sentences: count(p.sentences), problems}
  if (typeof p.message === 'string' && p.message) status.message = p.message
  if (typeof p.progress === 'number' && Number.isFinite(p.progress)) status.progress = Math.min(100, Math.max(0, Math.round(p.progress)))
  return status
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

/** The status bar text, with a codicon: what the user most needs to know in a glance. */
export function statusText(status: BriefcheckStatus): string {
  switch (status.state) {
    case 'indexing':
      return status.progress === undefined ? '$(sync~spin) Briefcheck: indexing…' : `$(sync~spin) Briefcheck: indexing ${status.progress}%`
    case 'error':
      return '$(error) Briefcheck: corpus error'
    case 'no-corpus':
      return '$(book) Briefcheck: no corpus'
    case 'ready':
      if (status.problems.length > 0) return `$(warning) Briefcheck: ${plural(status.problems.length, 'corpus problem')}`
      return `$(book) Briefcheck: ${plural(status.sources, 'source')}`
  }
}

/** Most problems listed in a tooltip; the output channel has them all. */
export const TOOLTIP_PROBLEMS = 10

/** The tooltip: counts, then the problems (each as the output channel logs it). */
export function statusTooltip(status: BriefcheckStatus): string {
  const lines: string[] = []
  switch (status.state) {
    case 'indexing':
      lines.push(`Indexing the source corpus${status.progress === undefined ? '' : ` (${status.progress}%)`}…`)
      break
    case 'error':
      lines.push(`Briefcheck could not index the corpus${status.message ? `: ${status.message}` : '.'}`)
      break
    case 'no-corpus':
      lines.push('No source corpus is configured (setting "briefcheck.corpus" or briefcheck.json). Click to pick a folder.')
      break
    case 'ready':
      lines.push(`${plural(status.sources, 'source')}, ${plural(status.sentences, 'sentence')} indexed.`)
      if (status.message) lines.push(status.message)
      break
  }
  if (status.problems.length > 0) {
    lines.push('', `${plural(status.problems.length, 'corpus problem')}:`)
    for (const problem of status.problems.slice(0, TOOLTIP_PROBLEMS)) lines.push(problemLine(problem))
    if (status.problems.length > TOOLTIP_PROBLEMS) lines.push(`… and ${status.problems.length - TOOLTIP_PROBLEMS} more`)
    lines.push('', 'Click to open the Briefcheck output.')
  } else if (status.state === 'ready') {
    lines.push('Click to show the corpus sources.')
  }
  return lines.join('\n')
}

/** Command ids the status bar may run (contributed in package.json). */
export const COMMANDS = {
  reindexCorpus: 'briefcheck.reindexCorpus',
  insertCitation: 'briefcheck.insertCitation',
  showSources: 'briefcheck.showSources',
  openMatchingSource: 'briefcheck.openMatchingSource',
  pickCorpusFolder: 'briefcheck.pickCorpusFolder',
  showOutput: 'briefcheck.showOutput',
  addSource: 'briefcheck.addSource',
} as const

/** What a click on the item does: problems and errors open the log, a ready corpus lists its sources. */
export function statusCommand(status: BriefcheckStatus): string {
  if (status.problems.length > 0 || status.state === 'error' || status.state === 'indexing') return COMMANDS.showOutput
  if (status.state === 'no-corpus') return COMMANDS.pickCorpusFolder
  return COMMANDS.showSources
}

/** One output-channel line per problem. */
export function problemLine(problem: CorpusProblem): string {
  return `corpus: ${problem.path}: ${problem.reason}`
}

/** The parts of `vscode.StatusBarItem` this module sets (structural, so tests can pass a plain object). */
export interface StatusItemLike {
  text: string
  tooltip: unknown
  command: unknown
  show(): void
}

/** The part of `vscode.OutputChannel` this module uses. */
export interface LogLike {
  appendLine(line: string): void
}

/**
 * Shows each status on the item and logs each corpus problem once per session: the server
 * resends the full list after every re-index, and repeating it would bury the new ones.
 */
export class StatusView {
  private readonly logged = new Set<string>()
  private lastError: string | undefined
  current: BriefcheckStatus | undefined

  constructor(
    private readonly item: StatusItemLike,
    private readonly log: LogLike,
  ) {}

  /** Before the first notification (the server is starting). */
  starting(): void {
    this.item.text = '$(sync~spin) Briefcheck: starting'
    this.item.tooltip = 'Starting the Briefcheck language server…'
    this.item.command = COMMANDS.showOutput
    this.item.show()
  }

  /** The server could not be started at all. */
  failed(message: string): void {
    this.item.text = '$(error) Briefcheck: not running'
    this.item.tooltip = `The Briefcheck language server failed to start: ${message}`
    this.item.command = COMMANDS.showOutput
    this.item.show()
    this.log.appendLine(`server: failed to start: ${message}`)
  }

  update(status: BriefcheckStatus): void {
    this.current = status
    this.item.text = statusText(status)
    this.item.tooltip = statusTooltip(status)
    this.item.command = statusCommand(status)
    this.item.show()
    for (const problem of status.problems) {
      const line = problemLine(problem)
      if (this.logged.has(line)) continue
      this.logged.add(line)
      this.log.appendLine(line)
    }
    if (status.state === 'error' && status.message && status.message !== this.lastError) this.log.appendLine(`corpus: error: ${status.message}`)
    this.lastError = status.state === 'error' ? status.message : undefined
  }
}
