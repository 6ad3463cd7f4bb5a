// A small LSP client for the protocol tests: spawns the built server over stdio, records every
// notification, and lets a test await the first one matching a predicate (never sleeps).
import {spawn, type ChildProcess} from 'node:child_process'
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  type ClientCapabilities,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextEdit,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol/node'
import {TextDocument} from 'vscode-languageserver-textdocument'
import {URI} from 'vscode-uri'

export const SERVER = fileURLToPath(new URL('../../server/bin/briefcheck-language-server.js', import.meta.url))

export interface Status {
  state: string
  sources: number
  sentences: number
  problems: Array<{path: string; reason: string}>
  message?: string
  progress?: number
  cached?: boolean
  /** The workspace folder (URI) the status is about. */
  folder?: string
}

interface EventParams {
  diagnostics: PublishDiagnosticsParams
  status: Status
  progress: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd
  log: {type: number; message: string}
  showMessage: {type: number; message: string}
  /** A `workspace/codeLens/refresh` request from the server. */
  lensRefresh: null
}
type Kind = keyof EventParams
type Event = {[K in Kind]: {kind: K; params: EventParams[K]}}[Kind]

export interface StartOptions {
  root: string
  cacheDir?: string
  /** The `briefcheck` settings section the client answers workspace/configuration with. */
  settings?: Record<string, unknown>
  workDoneProgress?: boolean
  trusted?: boolean
  /** Workspace folders (default: just `root`): a multi-root workspace. */
  folders?: string[]
  /** Declare `workspace.codeLens.refreshSupport` and record the server's refresh requests. */
  codeLensRefresh?: boolean
}

/** Writes files (relative path → text) under a fresh temporary folder and returns it. */
export function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'briefcheck-lsp-'))
  // Stops briefcheck.json discovery from walking above the workspace.
  mkdirSync(join(root, '.git'))
  for (const [path, text] of Object.entries(files)) writeFile(join(root, path), text)
  return root
}

export function writeFile(path: string, text: string): void {
  mkdirSync(dirname(path), {recursive: true})
  writeFileSync(path, text)
}

export class LspClient {
  readonly events: Event[] = []
  private waiters: Array<() => void> = []
  private docs = new Map<string, TextDocument>()
  private exited = false
  settings: Record<string, unknown>

  private constructor(
    readonly child: ChildProcess,
    readonly conn: ProtocolConnection,
    readonly root: string,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings
  }

  static async start(options: StartOptions): Promise<LspClient> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], {stdio: ['pipe', 'pipe', 'inherit']})
    const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!))
    const client = new LspClient(child, conn, options.root, options.settings ?? {})
    child.once('exit', () => {
      client.exited = true
      for (const wake of client.waiters.splice(0)) wake()
    })
    conn.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => client.push({kind: 'diagnostics', params}))
    conn.onNotification('briefcheck/status', (params: Status) => client.push({kind: 'status', params}))
    conn.onNotification('window/logMessage', (params: {type: number; message: string}) => client.push({kind: 'log', params}))
    conn.onNotification('window/showMessage', (params: {type: number; message: string}) => client.push({kind: 'showMessage', params}))
    conn.onRequest('window/workDoneProgress/create', (params: {token: string | number}) => {
      conn.onProgress(WorkDoneProgress.type, params.token, (value) => client.push({kind: 'progress', params: value}))
      return null
    })
    conn.onRequest('client/registerCapability', () => null)
    conn.onRequest('workspace/codeLens/refresh', () => {
      client.push({kind: 'lensRefresh', params: null})
      return null
    })
    conn.onRequest('workspace/configuration', (params: {items: unknown[]}) => params.items.map(() => client.settings))
    conn.listen()
    const capabilities: ClientCapabilities = {
      window: {workDoneProgress: options.workDoneProgress ?? false},
      workspace: {
        configuration: true,
        workspaceFolders: true,
        didChangeWatchedFiles: {dynamicRegistration: true},
        workspaceEdit: {documentChanges: true, resourceOperations: ['create']},
        ...(options.codeLensRefresh ? {codeLens: {refreshSupport: true}} : {}),
      },
      textDocument: {publishDiagnostics: {relatedInformation: true, codeDescriptionSupport: true, versionSupport: true}},
    }
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: URI.file(options.root).toString(),
      workspaceFolders: (options.folders ?? [options.root]).map((f, i) => ({uri: URI.file(f).toString(), name: `ws${i}`})),
      capabilities,
      initializationOptions: {cacheDir: options.cacheDir ?? mkdtempSync(join(tmpdir(), 'briefcheck-cache-')), workspaceTrusted: options.trusted ?? true},
    })
    await conn.sendNotification('initialized', {})
    return client
  }

  private push(event: Event): void {
    this.events.push(event)
    for (const wake of this.waiters.splice(0)) wake()
  }

  /** The first event of `kind` from index `from` on that satisfies `test`; waits for it. */
  async next<K extends Kind>(kind: K, test: (params: EventParams[K]) => boolean = () => true, from = 0): Promise<EventParams[K]> {
    for (;;) {
      for (let i = from; i < this.events.length; i++) {
        const e = this.events[i]
        if (e.kind === kind && test(e.params as EventParams[K])) return e.params as EventParams[K]
      }
      from = this.events.length
      if (this.exited) throw new Error(`the server exited before sending the awaited ${kind}`)
      await new Promise<void>((wake) => this.waiters.push(wake))
    }
  }

  /** The next diagnostics for `uri` (after event index `from`) that satisfy `test`. */
  diagnostics(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true, from = 0): Promise<PublishDiagnosticsParams> {
    return this.next('diagnostics', (p) => p.uri === uri && test(p), from)
  }

  uri(path: string): string {
    return URI.file(join(this.root, path)).toString()
  }

  open(path: string, text: string, languageId = 'markdown'): string {
    const uri = this.uri(path)
    this.docs.set(uri, TextDocument.create(uri, languageId, 1, text))
    void this.conn.sendNotification('textDocument/didOpen', {textDocument: {uri, languageId, version: 1, text}})
    return uri
  }

  text(uri: string): string {
    return this.docs.get(uri)!.getText()
  }

  version(uri: string): number {
    return this.docs.get(uri)!.version
  }

  /** Sends the edits as an incremental change and returns the new version (next after the current, unless given). */
  edit(uri: string, edits: TextEdit[], version = this.docs.get(uri)!.version + 1): number {
    const doc = this.docs.get(uri)!
    const newText = TextDocument.applyEdits(doc, edits)
    // One change replacing the whole range: incremental sync with a full-range edit.
    const range = {start: {line: 0, character: 0}, end: doc.positionAt(doc.getText().length)}
    this.docs.set(uri, TextDocument.create(uri, 'markdown', version, newText))
    void this.conn.sendNotification('textDocument/didChange', {textDocument: {uri, version}, contentChanges: [{range, text: newText}]})
    return version
  }

  /**
   * Sends notifications as one write to the server's stdin, so that they reach it together
   * whatever the load on this process: sent one by one, they leave as fast as this process's
   * event loop turns, which a busy machine slows down (each would then arrive alone).
   */
  burst(method: string, paramsList: unknown[]): void {
    const frames = paramsList.map((params) => {
      const body = Buffer.from(JSON.stringify({jsonrpc: '2.0', method, params}), 'utf8')
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body])
    })
    this.child.stdin!.write(Buffer.concat(frames))
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.conn.sendRequest(method, params) as Promise<T>
  }

  async stop(): Promise<void> {
    try {
      await this.conn.sendRequest('shutdown')
      await this.conn.sendNotification('exit')
    } catch {
      // The server may already be gone.
    }
    this.conn.dispose()
    if (this.child.exitCode === null) await new Promise((done) => this.child.once('exit', done))
  }
}

/** Applies a WorkspaceEdit's text edits for `uri` (from `changes` or `documentChanges`) to `text`. */
export function applyWorkspaceEdit(text: string, uri: string, edit: {changes?: Record<string, TextEdit[]>; documentChanges?: unknown[]}): string {
  const edits: TextEdit[] = [...(edit.changes?.[uri] ?? [])]
  for (const change of edit.documentChanges ?? []) {
    const c = change as {textDocument?: {uri: string}; edits?: TextEdit[]}
    if (c.textDocument?.uri === uri && c.edits) edits.push(...c.edits)
  }
  return TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 0, text), edits)
}
