import * as vscode from 'vscode'
import type {LanguageClient} from 'vscode-languageclient/node'
import {REQUESTS} from './sources'

/** What the review page posts when a claim or one of its buttons is clicked (untrusted: validated). */
export interface ReviewMessage {
  type: 'reveal' | 'cite' | 'accept' | 'openSource'
  range: vscode.Range
  path?: string
  sourceLine?: number
  page?: number
}

/** Reads a message from the webview; undefined for anything malformed. */
export function parseReviewMessage(value: unknown): ReviewMessage | undefined {
  if (!value || typeof value !== 'object') return undefined
  const m = value as Record<string, unknown>
  if (m.type !== 'reveal' && m.type !== 'cite' && m.type !== 'accept' && m.type !== 'openSource') return undefined
  const n = (k: string) => (Number.isInteger(m[k]) && (m[k] as number) >= 0 ? (m[k] as number) : undefined)
  const [line, character, endLine, endCharacter] = [n('line'), n('character'), n('endLine'), n('endCharacter')]
  if (line === undefined || character === undefined || endLine === undefined || endCharacter === undefined) return undefined
  return {
    type: m.type,
    range: new vscode.Range(line, character, endLine, endCharacter),
    path: typeof m.path === 'string' ? m.path : undefined,
    sourceLine: n('sourceLine'),
    page: n('page'),
  }
}

/**
 * *Briefcheck: Open fact-check review*: a webview beside the draft showing the server's review
 * page for it, refreshed whenever the draft's diagnostics change (the server re-checked it).
 * A click on a claim reveals it in the editor; its buttons cite (the server's "Cite" quick
 * fixes), accept (the "Accept" quick fix) or open a source. The page's script runs under the
 * page's own hash-based Content-Security-Policy and loads nothing.
 */
export class ReviewPanel {
  private static current: ReviewPanel | undefined
  private readonly disposables: vscode.Disposable[] = []
  private lastHtml = ''
  private refreshTimer: ReturnType<typeof setTimeout> | undefined

  static async open(client: LanguageClient): Promise<void> {
    const editor = vscode.window.activeTextEditor
    if (!editor || editor.document.languageId !== 'markdown') {
      void vscode.window.showInformationMessage('Briefcheck: open a Markdown draft to review it.')
      return
    }
    if (ReviewPanel.current) {
      ReviewPanel.current.dispose()
    }
    const panel = vscode.window.createWebviewPanel('briefcheck.review', `Review: ${editor.document.fileName.split(/[\\/]/).pop()}`, {viewColumn: vscode.ViewColumn.Beside, preserveFocus: true}, {
      enableScripts: true,
      localResourceRoots: [],
      retainContextWhenHidden: true,
    })
    ReviewPanel.current = new ReviewPanel(client, panel, editor.document.uri, editor.viewColumn ?? vscode.ViewColumn.One)
    await ReviewPanel.current.refresh()
  }

  private constructor(
    private readonly client: LanguageClient,
    private readonly panel: vscode.WebviewPanel,
    private readonly draft: vscode.Uri,
    private readonly column: vscode.ViewColumn,
  ) {
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m) => void this.onMessage(m).catch((error) => void vscode.window.showErrorMessage(`Briefcheck: ${String(error)}`))),
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === this.draft.toString())) this.scheduleRefresh()
      }),
    )
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer)
    this.refreshTimer = setTimeout(() => void this.refresh(), 150)
  }

  private async refresh(): Promise<void> {
    const answer: unknown = await this.client.sendRequest(REQUESTS.review, {textDocument: {uri: this.client.code2ProtocolConverter.asUri(this.draft)}})
    const html = answer && typeof answer === 'object' && typeof (answer as {html?: unknown}).html === 'string' ? (answer as {html: string}).html : undefined
    if (!html || html === this.lastHtml) return
    this.lastHtml = html
    this.panel.webview.html = html
  }

  private async onMessage(value: unknown): Promise<void> {
    const message = parseReviewMessage(value)
    if (!message) return
    if (message.type === 'openSource') {
      if (!message.path) return
      const uri = vscode.Uri.file(message.path)
      const line = message.sourceLine ?? 0
      await vscode.commands.executeCommand('vscode.open', uri, {viewColumn: this.column, selection: new vscode.Range(line, 0, line, 0)})
      return
    }
    const editor = await this.reveal(message.range)
    if (message.type === 'cite') await this.applyQuickFix(editor, message.range, /^Cite /, true)
    if (message.type === 'accept') await this.applyQuickFix(editor, message.range, /^Accept /, false)
  }

  /** Shows the draft beside the panel with the claim selected and centred. */
  private async reveal(range: vscode.Range): Promise<vscode.TextEditor> {
    const doc = await vscode.workspace.openTextDocument(this.draft)
    const editor = await vscode.window.showTextDocument(doc, {viewColumn: this.column, selection: range, preserveFocus: false})
    editor.revealRange(range, vscode.TextEditorRevealType.InCenter)
    return editor
  }

  /** Runs one of the server's quick fixes for the claim (asking which when there are several). */
  private async applyQuickFix(editor: vscode.TextEditor, range: vscode.Range, title: RegExp, pick: boolean): Promise<void> {
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, range)) ?? []
    const fitting = actions.filter((a) => title.test(a.title))
    if (fitting.length === 0) {
      if (pick) await vscode.commands.executeCommand('briefcheck.insertCitation')
      else void vscode.window.showInformationMessage('Briefcheck: this claim has nothing to accept.')
      return
    }
    const chosen = pick && fitting.length > 1 ? (await vscode.window.showQuickPick(fitting.map((a) => ({label: a.title, action: a})), {title: 'Cite a source'}))?.action : fitting[0]
    if (!chosen) return
    if (chosen.edit) await vscode.workspace.applyEdit(chosen.edit)
    if (chosen.command) await vscode.commands.executeCommand(chosen.command.command, ...(chosen.command.arguments ?? []))
  }

  dispose(): void {
    clearTimeout(this.refreshTimer)
    if (ReviewPanel.current === this) ReviewPanel.current = undefined
    for (const d of this.disposables.splice(0)) d.dispose()
    this.panel.dispose()
  }
}
