import {MessageType, ShowMessageNotification, type ClientCapabilities, type Connection, type WorkDoneProgressReporter} from 'vscode-languageserver'
import {URI} from 'vscode-uri'
import type {IndexOutcome, WorkspaceSession} from '../workspace/session'
import {STATUS_NOTIFICATION, type StatusParams} from '../contract'

/**
 * Indexing as the client sees it: `$/progress` while files are read, `briefcheck/status` for
 * the status bar, one "no corpus" message. One run per folder at a time; a request during a
 * run schedules exactly one more.
 */
export class IndexingReporter {
  private readonly runs = new Map<WorkspaceSession, {running: Promise<void>; again: boolean}>()
  private toldNoCorpus = false

  constructor(
    private readonly connection: Connection,
    private readonly capabilities: () => ClientCapabilities,
    private readonly onIndexed: (session: WorkspaceSession) => void,
  ) {}

  reindex(session: WorkspaceSession): Promise<void> {
    const current = this.runs.get(session)
    if (current) {
      current.again = true
      return current.running
    }
    const entry = {again: false, running: Promise.resolve()}
    entry.running = (async () => {
      try {
        do {
          entry.again = false
          await this.indexOnce(session)
        } while (entry.again)
      } finally {
        this.runs.delete(session)
      }
    })()
    this.runs.set(session, entry)
    return entry.running
  }

  private async indexOnce(s: WorkspaceSession): Promise<void> {
    const folder = URI.file(s.root).toString()
    const sendStatus = (params: StatusParams) => void this.connection.sendNotification(STATUS_NOTIFICATION, {...params, folder}).catch(this.logFailure('status'))
    let reporter: WorkDoneProgressReporter | undefined
    if (s.effective.corpus.length > 0) {
      if (this.capabilities().window?.workDoneProgress) {
        try {
          reporter = await this.connection.window.createWorkDoneProgress()
        } catch (error) {
          this.connection.console.log(`progress: ${message(error)}`)
        }
      }
      reporter?.begin('Briefcheck: indexing corpus', 0, undefined, false)
      sendStatus({state: 'indexing', sources: s.corpus.sources.length, sentences: s.corpus.sentences.length, problems: [], progress: 0})
    }
    let lastPercent = 0
    let outcome: IndexOutcome
    try {
      outcome = await s.index((done, total) => {
        const percent = total === 0 ? 100 : Math.floor((done / total) * 100)
        if (percent === lastPercent) return
        lastPercent = percent
        reporter?.report(percent, `${done}/${total} files`)
        sendStatus({state: 'indexing', sources: 0, sentences: 0, problems: [], progress: percent})
      })
    } catch (error) {
      this.connection.console.warn(`corpus: indexing failed: ${message(error)}`)
      outcome = {state: 'error', sources: s.corpus.sources.length, sentences: s.corpus.sentences.length, problems: [], message: message(error), cached: false}
    } finally {
      reporter?.done()
    }
    for (const p of outcome.problems) this.connection.console.warn(`corpus: ${p.path}: ${p.reason}`)
    if (outcome.cached) this.connection.console.log(`corpus: loaded ${outcome.sources} sources from the cache`)
    if (outcome.state === 'no-corpus' && !this.toldNoCorpus) {
      this.toldNoCorpus = true
      // A notification (window/showMessage), not a request: nothing to answer, nothing to wait for.
      void this.connection
        .sendNotification(ShowMessageNotification.type, {
          type: MessageType.Info,
          message: 'Briefcheck: no corpus configured. Set "corpus" in briefcheck.json or the briefcheck.corpus setting; until then only citation checks run.',
        })
        .catch(this.logFailure('showMessage'))
    }
    const {state, sources, sentences, problems, cached} = outcome
    sendStatus({state, sources, sentences, problems, message: outcome.message, cached})
    this.onIndexed(s)
  }

  private logFailure(what: string) {
    return (error: unknown) => this.connection.console.warn(`${what} failed: ${message(error)}`)
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
