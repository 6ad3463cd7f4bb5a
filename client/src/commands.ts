import * as vscode from 'vscode'
import {pickCitation} from './citation-pick'
import {isDraftLanguage} from './languages'
import {ExecuteCommandRequest, type LanguageClient} from 'vscode-languageclient/node'
import {
  REQUESTS,
  SERVER_CAPTURE,
  SERVER_REINDEX,
  classifySourceInput,
  isDocumentPath,
  parseAddedSource,
  classifyPath,
  matchPickItem,
  parseMatchingSources,
  parseSources,
  parseTextEdits,
  sourcePickItem,
  type MatchingSource,
} from './sources'

/**
 * The palette commands. Each is a thin adapter: ask the server, show a picker, open or edit.
 * The server owns the analysis (the citation text, footnote numbering, matching).
 */

/** Runs the server's `briefcheck.reindex` command (registered by the server, not by us). */
export async function reindexCorpus(client: LanguageClient): Promise<void> {
  await client.sendRequest(ExecuteCommandRequest.type, {command: SERVER_REINDEX, arguments: []})
}

/** Asks the server for the corpus sources and lets the user pick one (undefined: none or cancelled). */
async function pickSource(client: LanguageClient, title: (count: number) => string, placeHolder: string) {
  const sources = parseSources(await client.sendRequest(REQUESTS.sources))
  if (sources.length === 0) {
    void vscode.window.showInformationMessage('Briefcheck: the corpus has no sources yet.')
    return undefined
  }
  return vscode.window.showQuickPick(
    sources.map((source) => ({...sourcePickItem(source), source})),
    {title: title(sources.length), placeHolder, matchOnDescription: true, matchOnDetail: true},
  )
}

/** "Insert citation…": pick a source, let the server write the citation at the cursor. */
export async function insertCitation(client: LanguageClient): Promise<void> {
  const editor = markdownEditor()
  if (!editor) return
  const sources = parseSources(await client.sendRequest(REQUESTS.sources))
  if (sources.length === 0) {
    void vscode.window.showInformationMessage('Briefcheck: the corpus has no sources yet.')
    return
  }
  const source = await pickCitation(client, sources)
  if (!source) return
  const picked = {source}
  // The cursor as it is now, not as it was before the picker: the user may have moved it.
  const position = editor.selection.active
  const edits = parseTextEdits(
    await client.sendRequest(REQUESTS.citationEdit, {
      textDocument: {uri: client.code2ProtocolConverter.asUri(editor.document.uri)},
      position: client.code2ProtocolConverter.asPosition(position),
      key: picked.source.key,
    }),
  )
  if (edits.length === 0) {
    void vscode.window.showWarningMessage(`Briefcheck: could not insert a citation of ${picked.source.key} here.`)
    return
  }
  // One WorkspaceEdit: a footnote citation adds its marker and its definition in one undo step.
  const edit = new vscode.WorkspaceEdit()
  edit.set(editor.document.uri, await client.protocol2CodeConverter.asTextEdits(edits))
  if (!(await vscode.workspace.applyEdit(edit))) void vscode.window.showWarningMessage('Briefcheck: the citation could not be inserted (the draft changed).')
}

/** "Show corpus sources": pick a source, open its file. */
export async function showSources(client: LanguageClient): Promise<void> {
  const picked = await pickSource(client, (count) => `Corpus sources (${count})`, 'Source to open')
  if (picked) await openSource(picked.source.path)
}

/** "Open the matching source": the source passage the sentence at the cursor matches. */
export async function openMatchingSource(client: LanguageClient): Promise<void> {
  const editor = markdownEditor()
  if (!editor) return
  const matches = parseMatchingSources(
    await client.sendRequest(REQUESTS.matchingSources, {
      textDocument: {uri: client.code2ProtocolConverter.asUri(editor.document.uri)},
      position: client.code2ProtocolConverter.asPosition(editor.selection.active),
    }),
  )
  if (matches.length === 0) {
    void vscode.window.showInformationMessage('Briefcheck: no corpus source matches the sentence at the cursor.')
    return
  }
  let match: MatchingSource | undefined = matches[0]
  if (matches.length > 1) {
    const picked = await vscode.window.showQuickPick(
      matches.map((m) => ({...matchPickItem(m), match: m})),
      {title: 'Matching sources', placeHolder: 'Source passage to open', matchOnDetail: true},
    )
    match = picked?.match
  }
  if (!match) return
  // A PDF, web page or Word file: its lines are not the extracted text's; open it as a whole.
  if (isDocumentPath(match.path)) return openSource(match.path)
  const range = client.protocol2CodeConverter.asRange(match.range)
  const shown = await vscode.window.showTextDocument(resolvePath(match.path), {selection: range, preview: true})
  shown.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport)
}

/**
 * "Add source from URL or file…": a URL or path typed in an input box (empty opens a file
 * picker for PDF, HTML and Word files); the server fetches or reads it, writes the Markdown
 * source and its original into the corpus folder and indexes it before answering.
 */
export async function addSource(client: LanguageClient): Promise<void> {
  const typed = await vscode.window.showInputBox({
    title: 'Add source to the corpus',
    prompt: 'A web page, PDF or Word URL (http/https), or a file path. Leave empty to pick a file.',
    placeHolder: 'https://example.org/report.pdf',
    ignoreFocusOut: true,
    validateInput: (text) => (classifySourceInput(text) === 'invalid' ? 'Only http and https URLs can be fetched.' : undefined),
  })
  if (typed === undefined) return
  let input = typed.trim()
  if (classifySourceInput(input) === 'pick') {
    const picked = await vscode.window.showOpenDialog({
      title: 'Add source to the corpus',
      canSelectMany: false,
      openLabel: 'Add source',
      filters: {'Documents (PDF, HTML, Word)': ['pdf', 'html', 'htm', 'docx']},
    })
    if (!picked?.[0]) return
    input = picked[0].fsPath
  } else if (classifySourceInput(input) === 'file' && !input.startsWith('/') && !/^[a-z]:[\\/]/i.test(input)) {
    input = resolvePath(input).fsPath
  }
  const answer = await vscode.window.withProgress(
    {location: vscode.ProgressLocation.Notification, title: `Briefcheck: adding ${input}…`},
    () => client.sendRequest(ExecuteCommandRequest.type, {command: SERVER_CAPTURE, arguments: [{input}]}),
  )
  const added = parseAddedSource(answer)
  if (!added) throw new Error('the server gave no result')
  const who = [added.authors.join(', '), added.date].filter(Boolean).join(', ')
  const open = await vscode.window.showInformationMessage(
    `Briefcheck: added "${added.title ?? added.path}"${who ? ` (${who})` : ''}.${added.warnings.length > 0 ? ` ${added.warnings.join('; ')}` : ''}`,
    'Open',
  )
  if (open) await vscode.window.showTextDocument(vscode.Uri.file(added.path), {preview: true})
}

/** Opens a source: text in an editor, a PDF, web page or Word file with whatever VS Code opens it with. */
async function openSource(path: string): Promise<void> {
  const uri = resolvePath(path)
  if (isDocumentPath(path)) await vscode.commands.executeCommand('vscode.open', uri)
  else await vscode.window.showTextDocument(uri, {preview: true})
}

/** The active editor when it holds Markdown; otherwise says why nothing happens. */
function markdownEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor
  if (!editor || !isDraftLanguage(editor.document.languageId)) {
    void vscode.window.showInformationMessage('Briefcheck: open a Markdown draft first.')
    return undefined
  }
  return editor
}

/** A `path` from the server as a URI: absolute paths as is, relative ones under the first workspace folder. */
function resolvePath(path: string): vscode.Uri {
  switch (classifyPath(path)) {
    case 'uri':
      return vscode.Uri.parse(path)
    case 'absolute':
      return vscode.Uri.file(path)
    case 'relative': {
      const folder = vscode.workspace.workspaceFolders?.[0]
      return folder ? vscode.Uri.joinPath(folder.uri, path) : vscode.Uri.file(path)
    }
  }
}
