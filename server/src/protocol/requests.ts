import type {CancellationToken, ClientCapabilities, Connection, Position} from 'vscode-languageserver'
import type {TextDocument} from 'vscode-languageserver-textdocument'
import type {DraftDocument} from '../engine/markdown/draft'
import {CheckDropped} from '../engine/service'
import type {CorpusView} from '../engine/store/types'
import {REQUESTS} from '../contract'
import {getCodeActions} from '../features/code-actions'
import {getCodeLenses, tally} from '../features/code-lens'
import {getCompletions, needsFootnotes} from '../features/completion'
import {getDocumentSymbols} from '../features/document-symbols'
import {getHover} from '../features/hover'
import {getReview} from '../features/review'
import {citationEdit, listSources, searchSourceInfo, matchingSources} from '../features/sources'
import type {FeatureState} from '../features/state'
import type {WorkspaceSession} from '../workspace/session'
import {CHECK_SLICE_MS, yieldToRequests} from '../workspace/scheduler'
import {runSafe} from './runner'

/** What the handlers need from the server: the open draft and its folder, the client's capabilities. */
export interface RequestContext {
  /** The open Markdown draft at `uri` with its folder's session, when checking is on there. */
  draftAt(uri: string): {doc: TextDocument; session: WorkspaceSession} | undefined
  sessions(): readonly WorkspaceSession[]
  capabilities(): ClientCapabilities
  /** The tally a code lens was last answered with, per draft (see `lensAnswered`). */
  lensAnswered(uri: string, tally: string): void
}

/**
 * One handler per request, each only translating: find the draft, get the engine's result for
 * its current text (joining a check under way, in slices, so other documents' requests are
 * answered meanwhile), call the feature.
 */
/** Times a request checks again when re-indexes keep dropping its check (see withDoc). */
const CORPUS_CHANGE_RETRIES = 3

export function registerRequests(connection: Connection, ctx: RequestContext): void {
  const log = (message: string) => connection.console.log(message)

  /** Runs engine work in slices for a request, aborted when the client cancels the request. */
  async function inSlices<T>(token: CancellationToken, work: (options: {sliceMs: number; yieldNow: () => Promise<void>; signal: AbortSignal}) => Promise<T>): Promise<T> {
    const controller = new AbortController()
    const listener = token.onCancellationRequested(() => controller.abort())
    try {
      return await work({sliceMs: CHECK_SLICE_MS, yieldNow: yieldToRequests, signal: controller.signal})
    } finally {
      listener.dispose()
    }
  }

  /** The feature state for the draft's current text: the engine's result for exactly its version. */
  async function stateFor(doc: TextDocument, session: WorkspaceSession, token: CancellationToken): Promise<FeatureState> {
    const result = await inSlices(token, (options) => session.engine.check(doc.uri, doc.version, doc.getText(), options))
    return baseState(session, result)
  }

  /** The draft's read for its current text, never waiting for a check; undefined when a newer text replaced it. */
  async function readDraft(doc: TextDocument, session: WorkspaceSession, token: CancellationToken): Promise<DraftDocument | undefined> {
    try {
      return await inSlices(token, (options) => session.engine.draft(doc.uri, doc.version, doc.getText(), options))
    } catch (error) {
      if (error instanceof CheckDropped) return undefined
      throw error
    }
  }

  function baseState(session: WorkspaceSession, result: FeatureState['result']): FeatureState {
    const capabilities = ctx.capabilities()
    return {
      corpus: session.engine.view(),
      config: session.engine.config,
      result,
      workspaceRoot: session.root,
      // Read only when a code action asks: hovers and completions never touch the disk.
      get acceptedFile() {
        return {path: session.acceptedPath, text: session.readAcceptedText()}
      },
      canCreateFiles: Boolean(capabilities.workspace?.workspaceEdit?.documentChanges && capabilities.workspace.workspaceEdit.resourceOperations?.includes('create')),
    }
  }

  /**
   * A handler over an open draft; a check dropped because the text moved on answers empty. A
   * check dropped because the corpus changed under it (a re-index published) while the text
   * stayed is run again against the new corpus: a hover sent during a re-index gets an answer.
   * Bounded, since re-indexes may follow one another.
   */
  const withDoc = <T>(name: string, uri: string, token: CancellationToken, empty: T, fn: (state: FeatureState, doc: TextDocument) => T) =>
    runSafe(log, name, token, empty, async () => {
      for (let attempt = 0; ; attempt++) {
        const found = ctx.draftAt(uri)
        if (!found) return empty
        try {
          return await answer(found.session, await stateFor(found.doc, found.session, token), token, (state) => fn(state, found.doc))
        } catch (error) {
          if (!(error instanceof CheckDropped)) throw error
          const sameText = ctx.draftAt(uri)?.doc.version === found.doc.version
          if (!sameText || token.isCancellationRequested || attempt >= CORPUS_CHANGE_RETRIES) return empty
        }
      }
    })

  /**
   * Runs a feature; when it retrieved for a text the store had not fetched (a shared store
   * holds only what checks asked for), fetches those queries and runs it once more.
   */
  async function answer<T>(session: WorkspaceSession, state: FeatureState, token: CancellationToken, fn: (state: FeatureState) => T): Promise<T> {
    return refetching(session, token, (corpus) => fn(corpus === state.corpus ? state : baseState(session, state.result)))
  }

  /** `answer` for features given the corpus alone (completion): the same fetch of missed queries and second run. */
  async function refetching<T>(session: WorkspaceSession, token: CancellationToken, fn: (corpus: CorpusView) => T): Promise<T> {
    const corpus = session.engine.view()
    corpus.takeMissed?.()
    const first = fn(corpus)
    const missed = corpus.takeMissed?.() ?? []
    if (missed.length === 0 || token.isCancellationRequested) return first
    await session.store.prefetch(missed)
    return fn(session.engine.view())
  }

  connection.onHover((params, token) => withDoc('hover', params.textDocument.uri, token, null, (state, doc) => getHover(state, doc, params.position, token) ?? null))
  connection.onCodeAction((params, token) => withDoc('codeAction', params.textDocument.uri, token, [], (state, doc) => getCodeActions(state, doc, params, token)))
  connection.onCompletion((params, token) =>
    runSafe(log, 'completion', token, {isIncomplete: false, items: []}, async () => {
      const found = ctx.draftAt(params.textDocument.uri)
      if (!found) return {isIncomplete: false, items: []}
      const {doc, session} = found
      const {engine} = session
      // Never after a check (issue #12): keys need the corpus and the front matter, `[^` the parse.
      const footnotes = needsFootnotes(doc, params.position) ? (await readDraft(doc, session, token))?.footnotes : undefined
      const bibliography = engine.bibliography(doc.uri, doc.version, doc.getText())
      return refetching(session, token, (corpus) => getCompletions({corpus, config: engine.config, bibliography, footnotes}, doc, params.position, token))
    }),
  )
  connection.onDocumentSymbol((params, token) =>
    runSafe(log, 'documentSymbol', token, [], async () => {
      const found = ctx.draftAt(params.textDocument.uri)
      const draft = found && (await readDraft(found.doc, found.session, token))
      return draft ? getDocumentSymbols(draft, found.doc, token) : []
    }),
  )
  connection.onCodeLens((params, token) =>
    withDoc('codeLens', params.textDocument.uri, token, [], (state) => {
      ctx.lensAnswered(params.textDocument.uri, JSON.stringify(tally(state.result)))
      return getCodeLenses(state, token)
    }),
  )

  connection.onRequest(REQUESTS.sources, (_params: unknown, token) => runSafe(log, 'sources', token, [], () => ctx.sessions().flatMap((s) => listSources(s.engine.view()))))
  connection.onRequest(REQUESTS.searchSources, (params: unknown, token) =>
    runSafe(log, 'searchSources', token, [], () => ctx.sessions().flatMap((s) => searchSourceInfo(s.engine.view(), (params as {query?: unknown} | null)?.query))),
  )
  connection.onRequest(REQUESTS.citationEdit, (params: unknown, token) => {
    const p = readPositionParams(params)
    const key = params && typeof params === 'object' ? (params as {key?: unknown}).key : undefined
    if (!p || typeof key !== 'string') return []
    return withDoc('citationEdit', p.uri, token, [], (state, doc) => citationEdit(state, doc, p.position, key))
  })
  connection.onRequest(REQUESTS.matchingSources, (params: unknown, token) => {
    const p = readPositionParams(params)
    if (!p) return []
    return withDoc('matchingSources', p.uri, token, [], (state, doc) => matchingSources(state, doc, p.position, token))
  })
  connection.onRequest(REQUESTS.review, (params: unknown, token) => {
    const uri = params && typeof params === 'object' ? (params as {textDocument?: {uri?: unknown}}).textDocument?.uri : undefined
    return typeof uri === 'string' ? withDoc('review', uri, token, null, (state, doc) => getReview(state, doc, token) ?? null) : null
  })
}

/** `{textDocument: {uri}, position}` from untrusted params. */
function readPositionParams(params: unknown): {uri: string; position: Position} | undefined {
  if (!params || typeof params !== 'object') return undefined
  const p = params as {textDocument?: {uri?: unknown}; position?: {line?: unknown; character?: unknown}}
  const uri = p.textDocument?.uri
  const line = p.position?.line
  const character = p.position?.character
  if (typeof uri !== 'string' || !Number.isInteger(line) || !Number.isInteger(character)) return undefined
  return {uri, position: {line: line as number, character: character as number}}
}
