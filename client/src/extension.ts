import * as vscode from 'vscode'
import {LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions} from 'vscode-languageclient/node'
import {addSource, insertCitation, openMatchingSource, reindexCorpus, showSources} from './commands'
import {CorpusPrompt} from './corpus-prompt'
import {COMMANDS, STATUS_NOTIFICATION, StatusView, parseStatus} from './status'

/**
 * Starts the Briefcheck language server and adapts it to the editor: status bar, palette
 * commands, the corpus prompt. No analysis happens here (STYLE.md: the client is thin).
 */

let client: LanguageClient | undefined

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Briefcheck', {log: true})
  const item = vscode.window.createStatusBarItem('briefcheck.status', vscode.StatusBarAlignment.Right, 100)
  item.name = 'Briefcheck'
  const status = new StatusView(item, output)
  context.subscriptions.push(output, item)

  const serverModule = context.asAbsolutePath('dist/server.js')
  const serverOptions: ServerOptions = {
    run: {module: serverModule, transport: TransportKind.ipc},
    debug: {module: serverModule, transport: TransportKind.ipc, options: {execArgv: ['--nolazy', '--inspect=6009']}},
  }
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      {language: 'markdown', scheme: 'file'},
      {language: 'markdown', scheme: 'untitled'},
    ],
    // File events come from the one watcher the server registers (its glob derives from the
    // corpus's file kinds); a second watcher here delivered every event twice (issue #12).
    synchronize: {configurationSection: 'briefcheck'},
    // A function: read again on every (re)start, so granting trust takes effect on restart.
    initializationOptions: () => ({workspaceTrusted: vscode.workspace.isTrusted}),
    outputChannel: output,
  }
  // The id `briefcheck` makes the client honour the `briefcheck.trace.server` setting.
  const lsp = new LanguageClient('briefcheck', 'Briefcheck', serverOptions, clientOptions)
  client = lsp

  const reindex = async () => {
    await reindexCorpus(lsp)
  }
  const prompt = new CorpusPrompt(reindex, output)
  const run = (name: string, action: () => Promise<void>) => async () => {
    try {
      await action()
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      output.appendLine(`${name}: ${message}`)
      void vscode.window.showErrorMessage(`Briefcheck: ${name} failed: ${message}`)
    }
  }
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.reindexCorpus, run('re-index', reindex)),
    vscode.commands.registerCommand(COMMANDS.insertCitation, run('insert citation', () => insertCitation(lsp))),
    vscode.commands.registerCommand(COMMANDS.showSources, run('show sources', () => showSources(lsp))),
    vscode.commands.registerCommand(COMMANDS.openMatchingSource, run('open matching source', () => openMatchingSource(lsp))),
    vscode.commands.registerCommand(COMMANDS.pickCorpusFolder, run('pick corpus folder', () => prompt.pickFolder())),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(COMMANDS.addSource, run('add source', () => addSource(lsp))),
    lsp.onNotification(STATUS_NOTIFICATION, (params: unknown) => {
      const parsed = parseStatus(params)
      if (!parsed) return
      status.update(parsed)
      if (parsed.state === 'no-corpus') void prompt.onNoCorpus().catch((error) => output.appendLine(`corpus prompt: ${String(error)}`))
    }),
    // The server reads trust once, at initialize; restart it so it may read outside corpora.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void lsp.restart().catch((error) => status.failed(String(error)))),
  )

  status.starting()
  try {
    await lsp.start()
  } catch (error) {
    status.failed(error instanceof Error ? error.message : String(error))
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop()
  client = undefined
}
