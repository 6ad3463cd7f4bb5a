import {isDraftDocument} from '../engine/markdown/languages'
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver'
import {TextDocument} from 'vscode-languageserver-textdocument'
import {URI} from 'vscode-uri'
import {corpusWatchGlob} from '../engine/corpus/file-kinds'
import {SERVER_COMMANDS} from '../contract'
import {COMPLETION_TRIGGERS} from '../features/completion'
import {tally} from '../features/code-lens'
import {ChangeBatcher, effectsOf} from '../workspace/file-changes'
import {WorkspaceFolders} from '../workspace/folders'
import {CheckScheduler} from '../workspace/scheduler'
import {WorkspaceSession} from '../workspace/session'
import {validateSettings} from '../workspace/settings'
import {executeCommand} from './commands'
import {toDiagnostic} from './convert'
import {IndexingReporter} from './indexing'
import {registerRequests} from './requests'

/** Files the server asks the client to watch (one watcher, derived from the corpus's file kinds). */
export const WATCH_GLOB = corpusWatchGlob()

interface InitOptions {
  workspaceTrusted?: boolean
  cacheDir?: string
  settings?: unknown
}

/**
 * Wires the connection to the engine service: LSP in, service calls, LSP out (STYLE.md; the
 * vscode markdown server). Scheduling lives in workspace/scheduler.ts, indexing reports in
 * indexing.ts, request handlers in requests.ts; each workspace folder has its own session.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument)
  const warn = (message: string) => connection.console.warn(message)
  const logFailure = (what: string) => (error: unknown) => warn(`${what} failed: ${error instanceof Error ? error.message : String(error)}`)
  let capabilities: ClientCapabilities = {}
  let initOptions: InitOptions = {}
  let folders: WorkspaceFolders | undefined

  const pathOf = (uri: string) => (URI.parse(uri).scheme === 'file' ? URI.parse(uri).fsPath : undefined)
  const isDraft = (doc: TextDocument) => isDraftDocument(doc.languageId, URI.parse(doc.uri).path)
  const sessionOf = (uri: string) => folders?.sessionFor(pathOf(uri))
  const draftAt = (uri: string) => {
    const doc = documents.get(uri)
    const session = sessionOf(uri)
    return doc && session && isDraft(doc) && session.effective.enable ? {doc, session} : undefined
  }
  const openDrafts = (session?: WorkspaceSession) => documents.all().filter((d) => isDraft(d) && (!session || sessionOf(d.uri) === session)).map((d) => d.uri)

  /** Editors ask for lenses on their own schedule: ask again when a published tally differs from the last one shown. */
  const lensTallies = new Map<string, string>()
  const refreshLens = () => {
    if (capabilities.workspace?.codeLens?.refreshSupport) connection.sendRequest('workspace/codeLens/refresh').catch(logFailure('code lens refresh'))
  }

  const scheduler = new CheckScheduler({
    current: (uri) => {
      const doc = documents.get(uri)
      return doc && isDraft(doc) ? {version: doc.version, text: doc.getText()} : undefined
    },
    // A folder added at run time: its drafts wait for its first index (published empty until then).
    engineFor: (uri) => {
      const session = draftAt(uri)?.session
      return session && indexedOnce.has(session) ? session.engine : undefined
    },
    publish: (uri, version, result) => {
      connection.sendDiagnostics({uri, version, diagnostics: result ? result.messages.map((m) => toDiagnostic(m, uri)) : []}).catch(logFailure('publish diagnostics'))
      const now = result ? JSON.stringify(tally(result)) : undefined
      if (now === undefined || lensTallies.get(uri) === now) return
      lensTallies.set(uri, now)
      refreshLens()
    },
    log: warn,
  })
  const indexedOnce = new Set<WorkspaceSession>()
  const indexer = new IndexingReporter(connection, () => capabilities, (session) => {
    // Drafts wait for their folder's first index: checked against an empty corpus they would flash findings.
    indexedOnce.add(session)
    if (folders?.all().every((s) => indexedOnce.has(s))) scheduler.start()
    scheduler.checkAll(openDrafts(session))
    // Lenses asked for before the corpus loaded counted against an empty corpus: ask again.
    refreshLens()
  })

  async function fetchSettings(session: WorkspaceSession, pushed?: unknown): Promise<{reindex: boolean}> {
    let raw: unknown = pushed ?? initOptions.settings
    if (capabilities.workspace?.configuration) {
      try {
        ;[raw] = await connection.workspace.getConfiguration([{scopeUri: URI.file(session.root).toString(), section: 'briefcheck'}])
      } catch (error) {
        connection.console.log(`settings: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
    const {settings, problems} = validateSettings(raw)
    for (const p of problems) warn(p)
    return session.updateSettings(settings)
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities
    initOptions = (params.initializationOptions && typeof params.initializationOptions === 'object' ? params.initializationOptions : {}) as InitOptions
    const roots = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath)
    if (roots.length === 0) roots.push(params.rootUri ? URI.parse(params.rootUri).fsPath : (params.rootPath ?? process.cwd()))
    const cacheDir = typeof initOptions.cacheDir === 'string' ? initOptions.cacheDir : undefined
    // A shared store's publication re-checks as an index does.
    folders = new WorkspaceFolders(roots, {trusted: initOptions.workspaceTrusted !== false, cacheDir, log: warn, onStoreChange: (s) => void indexer.reindex(s)})
    return {
      capabilities: {
        textDocumentSync: {openClose: true, change: TextDocumentSyncKind.Incremental},
        hoverProvider: true,
        codeActionProvider: {codeActionKinds: [CodeActionKind.QuickFix]},
        completionProvider: {triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false},
        documentSymbolProvider: true,
        codeLensProvider: {resolveProvider: false},
        executeCommandProvider: {commands: Object.values(SERVER_COMMANDS)},
        workspace: {workspaceFolders: {supported: true, changeNotifications: true}},
      },
      serverInfo: {name: 'briefcheck-language-server'},
    }
  })

  connection.onInitialized(async () => {
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      connection.client.register(DidChangeWatchedFilesNotification.type, {watchers: [{globPattern: WATCH_GLOB}]}).catch(logFailure('register watcher'))
    }
    if (capabilities.workspace?.workspaceFolders) connection.workspace.onDidChangeWorkspaceFolders((event) => void foldersChanged(event).catch(logFailure('workspace folders')))
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      connection.client.register(DidChangeConfigurationNotification.type, {section: 'briefcheck'}).catch(logFailure('register configuration'))
    }
    await Promise.all((folders?.all() ?? []).map(async (session) => {
      await fetchSettings(session)
      await indexer.reindex(session)
    }))
  })

  /** Folders added get their own settings, corpus and engine; drafts that change folders are checked again. */
  async function foldersChanged(event: WorkspaceFoldersChangeEvent): Promise<void> {
    if (!folders) return
    const before = documents.all().map((d) => ({uri: d.uri, owner: sessionOf(d.uri)}))
    for (const f of event.removed) folders.remove(URI.parse(f.uri).fsPath)
    const added = event.added.flatMap((f) => folders?.add(URI.parse(f.uri).fsPath) ?? [])
    const moved = before.filter((d) => sessionOf(d.uri) !== d.owner)
    for (const d of moved) d.owner?.engine.close(d.uri)
    scheduler.checkAll(moved.map((d) => d.uri))
    await Promise.all(added.map(async (session) => {
      await fetchSettings(session)
      await indexer.reindex(session)
    }))
  }

  connection.onDidChangeConfiguration(async (change) => {
    const pushed = change.settings && typeof change.settings === 'object' ? ((change.settings as {briefcheck?: unknown}).briefcheck ?? null) : null
    for (const session of folders?.all() ?? []) {
      if ((await fetchSettings(session, pushed)).reindex) await indexer.reindex(session)
      else scheduler.checkAll(openDrafts(session))
    }
  })

  const changes = new ChangeBatcher(async (paths) => {
    for (const session of folders?.all() ?? []) {
      const effects = await effectsOf(session, paths)
      if (effects.accepted) session.reloadAccepted()
      if (effects.config && session.reloadConfig().reindex) effects.corpus = true
      if (effects.corpus) await indexer.reindex(session)
      else if (effects.config || effects.accepted) scheduler.checkAll(openDrafts(session))
    }
  })
  connection.onDidChangeWatchedFiles(({changes: events}) => {
    void changes.add(events.flatMap((e) => pathOf(e.uri) ?? []))
  })

  connection.onExecuteCommand((params) => executeCommand(params, {sessions: () => folders?.all() ?? [], reindex: (s) => indexer.reindex(s)}))

  documents.onDidOpen((e) => scheduler.opened(e.document.uri))
  documents.onDidChangeContent((e) => scheduler.changed(e.document.uri))
  documents.onDidClose((e) => {
    scheduler.closed(e.document.uri)
    sessionOf(e.document.uri)?.engine.close(e.document.uri)
    lensTallies.delete(e.document.uri)
    connection.sendDiagnostics({uri: e.document.uri, diagnostics: []}).catch(logFailure('clear diagnostics'))
  })

  registerRequests(connection, {
    draftAt,
    sessions: () => folders?.all() ?? [],
    capabilities: () => capabilities,
    lensAnswered: (uri, shown) => lensTallies.set(uri, shown),
  })
  documents.listen(connection)
}
