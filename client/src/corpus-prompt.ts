import * as vscode from 'vscode'
import {CONFIG_FILE, corpusEntry, isOutsideWorkspace, mergeCorpus} from './corpus-config'

const QUESTION = 'Briefcheck: no source corpus is configured. Pick a folder of source briefs?'
const PICK = 'Pick folder…'
const NOT_NOW = 'Not now'

/**
 * Offers, once per session, to pick the corpus folder when the server reports `no-corpus`.
 * Nothing is written unless the user picks a folder: an extension that creates files in a
 * workspace on its own is a surprise nobody asked for.
 */
export class CorpusPrompt {
  private asked = false

  constructor(
    private readonly reindex: () => Promise<void>,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Called on every `no-corpus` status; asks the first time only. */
  async onNoCorpus(): Promise<void> {
    if (this.asked) return
    this.asked = true
    const answer = await vscode.window.showInformationMessage(QUESTION, PICK, NOT_NOW)
    if (answer === PICK) await this.pickFolder()
  }

  /** Lets the user pick a folder and writes it into `<workspace>/briefcheck.json`. */
  async pickFolder(): Promise<void> {
    const folder = currentWorkspaceFolder()
    if (!folder) {
      void vscode.window.showWarningMessage(`Briefcheck: open a folder first; the corpus is saved in its ${CONFIG_FILE}.`)
      return
    }
    const picked = await vscode.window.showOpenDialog({
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      defaultUri: folder.uri,
      openLabel: 'Use as corpus',
      title: 'Briefcheck: folder of source briefs',
    })
    const target = picked?.[0]
    if (!target) return
    const entry = corpusEntry(folder.uri.fsPath, target.fsPath)
    const file = vscode.Uri.joinPath(folder.uri, CONFIG_FILE)
    let existing: string | undefined
    try {
      existing = new TextDecoder().decode(await vscode.workspace.fs.readFile(file))
    } catch {
      existing = undefined // no file yet
    }
    const merged = mergeCorpus(existing, entry)
    if ('error' in merged) {
      void vscode.window.showErrorMessage(`Briefcheck: could not add the corpus: ${merged.error}. Fix the file or add "corpus": ["${entry}"] by hand.`)
      return
    }
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(merged.text))
    this.log.appendLine(`corpus: set to ${JSON.stringify(entry)} in ${file.fsPath}`)
    if (!vscode.workspace.isTrusted && isOutsideWorkspace(entry)) {
      void vscode.window.showWarningMessage('Briefcheck: this folder is outside the workspace; it is ignored until you trust the workspace.')
    }
    if (explicitCorpusSetting(folder)) {
      void vscode.window.showWarningMessage(`Briefcheck: the "briefcheck.corpus" setting is set and overrides ${CONFIG_FILE}.`)
    }
    await this.reindex()
  }
}

/** The folder of the active draft, else the first workspace folder. */
function currentWorkspaceFolder(): vscode.WorkspaceFolder | undefined {
  const active = vscode.window.activeTextEditor?.document.uri
  return (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0]
}

/** Whether the user set `briefcheck.corpus` anywhere (it then wins over briefcheck.json). */
function explicitCorpusSetting(folder: vscode.WorkspaceFolder): boolean {
  const inspected = vscode.workspace.getConfiguration('briefcheck', folder.uri).inspect<string[]>('corpus')
  return [inspected?.globalValue, inspected?.workspaceValue, inspected?.workspaceFolderValue].some((v) => Array.isArray(v) && v.length > 0)
}
