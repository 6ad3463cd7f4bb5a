import {isDraftDocument} from '../engine/markdown/languages'
import {zoteroWatchFiles} from '../engine/corpus/zotero/index'
import {LibraryWatch} from '../workspace/library-watch'
import {extname} from 'node:path'
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  ResponseError,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type Position,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver'
import {TextDocument} from 'vscode-languageserver-textdocument'
import {URI} from 'vscode-uri'
import {checkDraft, checkDraftInSlices, type CheckResult} from '../engine/check'
import {IncrementalReader} from '../engine/markdown/incremental'
import {SentenceCache} from '../engine/sentence-cache'
import {getCodeActions} from '../features/code-actions'
import {getCodeLenses, tally} from '../features/code-lens'
import {COMPLETION_TRIGGERS, getCompletions} from '../features/completion'
import {getDocumentSymbols} from '../features/document-symbols'
import {getHover} from '../features/hover'
import {citationEdit, listSources, matchingSources, searchSourceInfo} from '../features/sources'
import type {FeatureState} from '../features/state'
import {CaptureError, type CaptureResult} from '../engine/corpus/capture'
import {cacheFolder, DiskCorpusCache} from '../workspace/corpus-cache'
import {WorkspaceSession, type IndexOutcome} from '../workspace/session'
import {toDiagnostic} from './convert'
import {runSafe} from './runner'
import {REQUESTS, SERVER_COMMANDS, STATUS_NOTIFICATION, type StatusParams} from './contract'
import {validateSettings} from '../workspace/settings'

const REINDEX_COMMAND = SERVER_COMMANDS.reindex
const ADD_SOURCE_COMMAND = SERVER_COMMANDS.captureSource

/** Work a check does before it lets waiting requests (hover, completion) run. */
const CHECK_SLICE_MS = 15

/** Pause after the last keystroke before a draft is checked again. */
export const DEBOUNCE_MS = 200
/** Files the server asks the client to watch: corpus sources, bibliographies, briefcheck.json. */
export const WATCH_GLOB = '**/*.{md,markdown,txt,bib,json,pdf,html,htm,docx}'


interface InitOptions {
  workspaceTrusted?: boolean
  cacheDir?: string
  settings?: unknown
}

/**
 * Wires the connection to the engine and the features: thin handlers, analysis elsewhere
 * (STYLE.md; vscode's markdown server). Owns document results, the debounced check queue,
 * corpus indexing with progress and status, and the watchers.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument)
  const log = (message: string) => connection.console.log(message)
  const warn = (message: string) => connection.console.warn(message)
  const logFailure = (what: string) => (error: unknown) => warn(`${what} failed: ${error instanceof Error ? error.message : String(error)}`)
  let capabilities: ClientCapabilities = {}
  let session: WorkspaceSession | undefined
  let initOptions: InitOptions = {}
  let ready = false
  let toldNoCorpus = false

  const results = new Map<string, {version: number; generation: number; result: CheckResult}>()
  /** Per open document: its last parse and the findings of its sentences, reused after an edit. */
  const memories = new Map<string, {cache: SentenceCache; reader: IncrementalReader}>()
  const published = new Map<string, number>()
  const timers = new Map<string, NodeJS.Timeout>()
  const queue = new Set<string>()
  let draining = false

  const isDraft = (doc: TextDocument) => isDraftDocument(doc.languageId, URI.parse(doc.uri).path)

  /** A document's last parse and sentence findings, reused by the next check of it. */
  function memoryFor(uri: string): {cache: SentenceCache; reader: IncrementalReader; draftPath?: string} {
    let memory = memories.get(uri)
    if (!memory) memories.set(uri, (memory = {cache: new SentenceCache(), reader: new IncrementalReader()}))
    // The draft's file locates the bibliography files its front matter names (issue #16).
    const parsed = URI.parse(uri)
    return parsed.scheme === 'file' ? {...memory, draftPath: parsed.fsPath} : memory
  }

  /** The check result for the document's current text and the current corpus (computed when stale). */
  function resultFor(doc: TextDocument): CheckResult {
    const s = session!
    const cached = results.get(doc.uri)
    if (cached && cached.version === doc.version && cached.generation === s.generation) return cached.result
    const result = checkDraft(doc.getText(), {corpus: s.corpus, config: s.effective.config, accepted: s.accepted, ...memoryFor(doc.uri)})
    results.set(doc.uri, {version: doc.version, generation: s.generation, result})
    return result
  }

  function stateFor(doc: TextDocument): FeatureState {
    const s = session!
    return {
      corpus: s.corpus,
      config: s.effective.config,
      result: resultFor(doc),
      workspaceRoot: s.root,
      // Read only when a code action asks: hovers and completions never touch the disk.
      get acceptedFile() {
        return {path: s.acceptedPath, text: s.readAcceptedText()}
      },
      canCreateFiles: Boolean(
        capabilities.workspace?.workspaceEdit?.documentChanges && capabilities.workspace.workspaceEdit.resourceOperations?.includes('create'),
      ),
    }
  }

  function schedule(uri: string, delay: number): void {
    clearTimeout(timers.get(uri))
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri)
        queue.add(uri)
        void drain()
      }, delay),
    )
  }

  function checkAllOpen(): void {
    for (const doc of documents.all()) queue.add(doc.uri)
    void drain()
  }

  /** Checks queued documents one by one, yielding between them so requests are answered. */
  async function drain(): Promise<void> {
    if (draining || !ready) return
    draining = true
    try {
      while (queue.size > 0 && ready) {
        const [uri] = queue
        queue.delete(uri)
        await new Promise((resolve) => setImmediate(resolve))
        await validate(uri)
      }
    } finally {
      draining = false
    }
  }

  async function validate(uri: string): Promise<void> {
    const doc = documents.get(uri)
    if (!doc || !session || !isDraft(doc)) return
    const version = doc.version
    // Never publish older results over newer ones.
    const last = published.get(uri)
    if (last !== undefined && last > version) return
    let diagnostics: ReturnType<typeof toDiagnostic>[] = []
    if (session.effective.enable) {
      try {
        const result = await resultInSlices(uri, doc.getText(), version)
        if (!result) return // a newer version arrived; its own check is queued
        diagnostics = result.messages.map(toDiagnostic)
      } catch (error) {
        warn(`check failed for ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
        return
      }
    }
    if (documents.get(uri)?.version !== version) return
    published.set(uri, version)
    connection.sendDiagnostics({uri, version, diagnostics}).catch(logFailure('publish diagnostics'))
    refreshLensIfChanged(uri)
  }

  /** Editors ask for lenses on their own schedule; tell them when a draft's tally changed. */
  const tallies = new Map<string, string>()
  function refreshLensIfChanged(uri: string): void {
    const result = results.get(uri)?.result
    if (!result || !capabilities.workspace?.codeLens?.refreshSupport) return
    const now = JSON.stringify(tally(result))
    if (tallies.get(uri) === now) return
    tallies.set(uri, now)
    connection.sendRequest('workspace/codeLens/refresh').catch(logFailure('code lens refresh'))
  }

  /**
   * The check behind published diagnostics, in slices of `CHECK_SLICE_MS` so that hovers and
   * completions are answered meanwhile, dropped as soon as the document or the corpus moves on.
   */
  async function resultInSlices(uri: string, text: string, version: number): Promise<CheckResult | undefined> {
    const s = session!
    const cached = results.get(uri)
    if (cached && cached.version === version && cached.generation === s.generation) return cached.result
    const generation = s.generation
    const result = await checkDraftInSlices(
      text,
      {corpus: s.corpus, config: s.effective.config, accepted: s.accepted, ...memoryFor(uri)},
      {
        sliceMs: CHECK_SLICE_MS,
        yieldNow: () => new Promise((resolve) => setImmediate(resolve)),
        cancelled: () => documents.get(uri)?.version !== version || session?.generation !== generation,
      },
    )
    if (result) results.set(uri, {version, generation, result})
    return result
  }

  // Zotero libraries live outside the workspace: the server watches their databases (issue #16).
  const libraryWatch = new LibraryWatch(() => void reindex())
  // Indexing: one run at a time; a request during a run schedules exactly one more.
  let indexing: Promise<void> | undefined
  let indexAgain = false
  function reindex(): Promise<void> {
    if (indexing) {
      indexAgain = true
      return indexing
    }
    indexing = (async () => {
      try {
        do {
          indexAgain = false
          await indexOnce()
        } while (indexAgain)
      } finally {
        indexing = undefined
      }
    })()
    return indexing
  }

  async function indexOnce(): Promise<void> {
    const s = session!
    const sendStatus = (params: StatusParams) => void connection.sendNotification(STATUS_NOTIFICATION, params).catch(logFailure('status'))
    let reporter: WorkDoneProgressReporter | undefined
    if (s.effective.corpus.length > 0) {
      if (capabilities.window?.workDoneProgress) {
        try {
          reporter = await connection.window.createWorkDoneProgress()
        } catch (error) {
          log(`progress: ${error instanceof Error ? error.message : String(error)}`)
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
      const message = error instanceof Error ? error.message : String(error)
      warn(`corpus: indexing failed: ${message}`)
      outcome = {state: 'error', sources: s.corpus.sources.length, sentences: s.corpus.sentences.length, problems: [], message, cached: false}
    } finally {
      reporter?.done()
    }
    for (const p of outcome.problems) warn(`corpus: ${p.path}: ${p.reason}`)
    libraryWatch.update(zoteroWatchFiles(s.effective.corpus, s.effective.baseDir))
    if (outcome.cached) log(`corpus: loaded ${outcome.sources} sources from the cache`)
    if (outcome.state === 'no-corpus' && !toldNoCorpus) {
      toldNoCorpus = true
      // A notification (window/showMessage), not a request: nothing to answer, nothing to wait for.
      void connection
        .sendNotification(ShowMessageNotification.type, {
          type: MessageType.Info,
          message: 'Briefcheck: no corpus configured. Set "corpus" in briefcheck.json or the briefcheck.corpus setting; until then only citation checks run.',
        })
        .catch(logFailure('showMessage'))
    }
    sendStatus({
      state: outcome.state,
      sources: outcome.sources,
      sentences: outcome.sentences,
      problems: outcome.problems,
      message: outcome.message,
      cached: outcome.cached,
    })
    ready = true
    checkAllOpen()
    // Lenses asked for before the corpus loaded counted against an empty corpus: ask again.
    if (capabilities.workspace?.codeLens?.refreshSupport) connection.sendRequest('workspace/codeLens/refresh').catch(logFailure('code lens refresh'))
  }

  async function fetchSettings(): Promise<{reindex: boolean}> {
    if (!session) return {reindex: false}
    let raw: unknown = initOptions.settings
    if (capabilities.workspace?.configuration) {
      try {
        const [section] = await connection.workspace.getConfiguration([{section: 'briefcheck'}])
        raw = section
      } catch (error) {
        log(`settings: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
    return applySettings(raw)
  }

  function applySettings(raw: unknown): {reindex: boolean} {
    const {settings, problems} = validateSettings(raw)
    for (const p of problems) warn(p)
    return session!.updateSettings(settings)
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities
    initOptions = (params.initializationOptions && typeof params.initializationOptions === 'object' ? params.initializationOptions : {}) as InitOptions
    const folders = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath)
    const rootUri = params.rootUri ? URI.parse(params.rootUri).fsPath : undefined
    const root = folders[0] ?? rootUri ?? params.rootPath ?? process.cwd()
    let cache: DiskCorpusCache | undefined
    const {dir, problem} = cacheFolder(root, typeof initOptions.cacheDir === 'string' ? initOptions.cacheDir : undefined)
    if (problem) warn(`cache: ${problem}`)
    cache = new DiskCorpusCache(dir, warn)
    session = new WorkspaceSession({root, folders: folders.length > 0 ? folders : [root], trusted: initOptions.workspaceTrusted !== false, cache, log: warn})
    return {
      capabilities: {
        textDocumentSync: {openClose: true, change: TextDocumentSyncKind.Incremental},
        hoverProvider: true,
        codeActionProvider: {codeActionKinds: [CodeActionKind.QuickFix]},
        completionProvider: {triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false},
        documentSymbolProvider: true,
        codeLensProvider: {resolveProvider: false},
        executeCommandProvider: {commands: [REINDEX_COMMAND, ADD_SOURCE_COMMAND]},
      },
      serverInfo: {name: 'briefcheck-language-server'},
    }
  })

  connection.onInitialized(async () => {
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      connection.client.register(DidChangeWatchedFilesNotification.type, {watchers: [{globPattern: WATCH_GLOB}]}).catch(logFailure('register watcher'))
    }
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      connection.client.register(DidChangeConfigurationNotification.type, {section: 'briefcheck'}).catch(logFailure('register configuration'))
    }
    await fetchSettings()
    await reindex()
  })

  connection.onDidChangeConfiguration(async (change) => {
    if (!session) return
    let outcome: {reindex: boolean}
    if (capabilities.workspace?.configuration) {
      outcome = await fetchSettings()
    } else {
      const settings = change.settings && typeof change.settings === 'object' ? (change.settings as {briefcheck?: unknown}).briefcheck : undefined
      outcome = applySettings(settings)
    }
    if (outcome.reindex) await reindex()
    else checkAllOpen()
  })

  connection.onDidChangeWatchedFiles(async ({changes}) => {
    if (!session) return
    let config = false
    let accepted = false
    let corpus = false
    for (const change of changes) {
      const uri = URI.parse(change.uri)
      if (uri.scheme !== 'file') continue
      const path = uri.fsPath
      if (session.isConfigFile(path)) config = true
      else if (session.isAcceptedFile(path)) accepted = true
      else if (!corpus && /^\.(md|markdown|txt|bib|json|pdf|html?|docx)$/i.test(extname(path)) && (await session.isCorpusFile(path))) corpus = true
    }
    if (accepted) session.reloadAccepted()
    if (config && session.reloadConfig().reindex) corpus = true
    if (corpus) await reindex()
    else if (config || accepted) checkAllOpen()
  })

  connection.onExecuteCommand(async (params) => {
    if (params.command === REINDEX_COMMAND && session) {
      session.reloadConfig()
      await reindex()
    }
    if (params.command === ADD_SOURCE_COMMAND && session) {
      const input = (params.arguments?.[0] as {input?: unknown} | undefined)?.input
      if (typeof input !== 'string' || input.trim() === '') throw new ResponseError(ErrorCodes.InvalidParams, 'a URL or file path is required')
      let result: CaptureResult
      try {
        result = await session.addSource(input.trim())
      } catch (error) {
        if (error instanceof CaptureError) throw new ResponseError(ErrorCodes.InvalidRequest, error.message)
        throw error
      }
      // Indexed at once: the new source is citable as soon as the command returns.
      await reindex()
      const m = result.doc.meta
      return {path: result.markdown, original: result.original, title: m.title ?? null, authors: m.authors, date: m.date ?? null, warnings: result.doc.warnings}
    }
    return null
  })

  documents.onDidOpen((e) => schedule(e.document.uri, 0))
  documents.onDidChangeContent((e) => schedule(e.document.uri, DEBOUNCE_MS))
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri))
    timers.delete(e.document.uri)
    queue.delete(e.document.uri)
    results.delete(e.document.uri)
    memories.delete(e.document.uri)
    tallies.delete(e.document.uri)
    published.delete(e.document.uri)
    connection.sendDiagnostics({uri: e.document.uri, diagnostics: []}).catch(logFailure('clear diagnostics'))
  })

  /** A handler over a draft that is open: runs `fn` with its feature state. */
  const withDoc = <T>(name: string, uri: string, token: Parameters<typeof runSafe>[2], empty: T, fn: (state: FeatureState, doc: TextDocument) => T) =>
    runSafe(log, name, token, empty, () => {
      const doc = documents.get(uri)
      if (!doc || !session || !isDraft(doc) || !session.effective.enable) return empty
      return fn(stateFor(doc), doc)
    })

  connection.onHover((params, token) => withDoc('hover', params.textDocument.uri, token, null, (state, doc) => getHover(state, doc, params.position, token) ?? null))
  connection.onCodeAction((params, token) => withDoc('codeAction', params.textDocument.uri, token, [], (state, doc) => getCodeActions(state, doc, params, token)))
  connection.onCompletion((params, token) =>
    withDoc('completion', params.textDocument.uri, token, {isIncomplete: false, items: []}, (state, doc) => getCompletions(state, doc, params.position, token)),
  )
  connection.onDocumentSymbol((params, token) => withDoc('documentSymbol', params.textDocument.uri, token, [], (state, doc) => getDocumentSymbols(state, doc, token)))
  connection.onCodeLens((params, token) => withDoc('codeLens', params.textDocument.uri, token, [], (state) => getCodeLenses(state, token)))

  connection.onRequest(REQUESTS.sources, (_params: unknown, token) => runSafe(log, 'sources', token, [], () => (session ? listSources(session.corpus) : [])))
  connection.onRequest(REQUESTS.searchSources, (params: unknown, token) =>
    runSafe(log, 'searchSources', token, [], () => (session ? searchSourceInfo(session.corpus, (params as {query?: unknown} | null)?.query) : [])),
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

  documents.listen(connection)
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
