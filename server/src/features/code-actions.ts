import {relative, sep} from 'node:path'
import {
  CodeActionKind,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver'
import type {TextDocument} from 'vscode-languageserver-textdocument'
import {URI} from 'vscode-uri'
import {parseAccepted, type AcceptedClaim} from '../engine/accepted'
import {readDiagnosticData, type DiagnosticData} from './diagnostic-data'
import {citeSentenceEdits, citeTitle, pinCite, sentenceAt} from './citations'
import type {FeatureState} from './state'

/** Command-free quick fixes: every action carries its edit, so nothing runs on the server. */
export function getCodeActions(state: FeatureState, doc: TextDocument, params: CodeActionParams, token?: CancellationToken): CodeAction[] {
  const actions: CodeAction[] = []
  const only = params.context.only
  if (only && !only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(kind))) return actions
  for (const diagnostic of params.context.diagnostics) {
    if (token?.isCancellationRequested) return []
    if (diagnostic.source !== 'briefcheck' || typeof diagnostic.code !== 'string') continue
    actions.push(...actionsFor(state, doc, diagnostic, diagnostic.code))
  }
  return actions
}

/**
 * The one converter from a message's fixes (data the check declared) to code actions, plus
 * the two actions every finding has: disable it for the line, or for the file.
 */
function actionsFor(state: FeatureState, doc: TextDocument, diagnostic: Diagnostic, code: string): CodeAction[] {
  const out: CodeAction[] = []
  const data = currentData(state, doc, diagnostic)
  const start = doc.offsetAt(diagnostic.range.start)
  const end = doc.offsetAt(diagnostic.range.end)
  const fix = (title: string, edits: TextEdit[], preferred = false): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: preferred || undefined,
    edit: textEdit(doc, edits),
  })
  const sentence = sentenceAt(state.result, start)
  for (const f of data.fixes) {
    if (f.kind === 'replace') {
      // Offset edits apply only inside the flagged range: stale data cannot reach elsewhere.
      if (f.start < start || f.end > end || f.start > f.end) continue
      out.push(fix(f.title, [{range: {start: doc.positionAt(f.start), end: doc.positionAt(f.end)}, newText: f.text}], f.preferred))
    } else if (f.kind === 'cite') {
      const keys = f.keys.filter((k, i, all) => all.indexOf(k) === i).slice(0, MAX_CITE_FIXES)
      keys.forEach((key, i) => {
        const index = state.corpus.sourceByKey(key)
        if (index === undefined) return
        const source = state.corpus.sources[index]
        const pin = pinCite(state.corpus, key, data.evidencePages ?? [], sentence?.sentence.analysisText ?? '')
        const edits = citeSentenceEdits(doc, sentence?.sentence.start ?? start, sentence?.sentence.end ?? end, source, state.config.citationStyle, pin)
        out.push(fix(`${citeTitle(source)}${pin ? `, ${pin}` : ''}`, edits, f.preferred && i === 0))
      })
    } else if (f.kind === 'accept') {
      const accept = acceptAction(state, doc, diagnostic, code)
      if (accept) out.push(accept)
    }
  }
  out.push(fix(`Disable ${code} for this line`, [
      disableLineEdit(doc, diagnostic.range, code, {comments: state.result.analysis.draft.comments, tableRow: sentence?.sentence.blockKind === 'cell'}),
    ]))
  out.push(fix(`Disable ${code} for this file`, [disableFileEdit(doc, code)]))
  return out
}

/** Sources a cite fix offers at most: more would bury the first in the light-bulb menu. */
const MAX_CITE_FIXES = 3

/**
 * The diagnostic's data, preferring the engine's current message at the same place (fresh
 * offsets) and falling back to the validated `data` the client sent back.
 */
function currentData(state: FeatureState, doc: TextDocument, diagnostic: Diagnostic): DiagnosticData {
  const start = doc.offsetAt(diagnostic.range.start)
  const end = doc.offsetAt(diagnostic.range.end)
  const fresh = state.result.messages.find((m) => m.ruleId === diagnostic.code && m.startOffset === start && m.endOffset === end)
  if (fresh) return {fixes: fresh.fixes, evidencePages: fresh.evidence}
  return readDiagnosticData(diagnostic.data)
}

function textEdit(doc: TextDocument, edits: TextEdit[]): WorkspaceEdit {
  return {changes: {[doc.uri]: edits}}
}

/**
 * ` <!-- briefcheck-disable-line code -->` at the end of the diagnostic's first line: inline,
 * so a list item or paragraph is not split the way a comment line above it would split it.
 */
export function disableLineEdit(
  doc: TextDocument,
  range: Range,
  code: string,
  context: {comments?: ReadonlyArray<{start: number; end: number}>; tableRow?: boolean} = {},
): TextEdit {
  const line = range.start.line
  const next = line + 1 < doc.lineCount ? doc.offsetAt({line: line + 1, character: 0}) : doc.getText().length
  // A lone CR ends a line too (LSP, micromark): the position must stay before it (issue #7).
  const lineText = doc.getText().slice(doc.offsetAt({line, character: 0}), next).replace(/(?:\r\n|\r|\n)$/, '')
  // A line that ends inside an HTML comment (one running on to the next line): the directive
  // would be comment text there, so it goes just before that comment (issue #7).
  const lineStart = doc.offsetAt({line, character: 0})
  const lineEnd = lineStart + lineText.length
  const open = (context.comments ?? []).find((c) => c.start >= lineStart && c.start < lineEnd && c.end > lineEnd)
  if (open) {
    const before = doc.positionAt(open.start)
    return {range: {start: before, end: before}, newText: `<!-- briefcheck-disable-line ${code} --> `}
  }
  // After a table row's closing pipe the comment would be an extra cell (and in the header row
  // it unmakes the table): it goes inside the last cell instead (issue #7).
  const pipe = context.tableRow ? /\|[ \t]*$/.exec(lineText) : null
  if (pipe && !lineText.slice(0, pipe.index).endsWith('\\')) {
    const before = {line, character: pipe.index}
    return {range: {start: before, end: before}, newText: `<!-- briefcheck-disable-line ${code} --> `}
  }
  const at = {line, character: lineText.length}
  return {range: {start: at, end: at}, newText: ` <!-- briefcheck-disable-line ${code} -->`}
}

/** `<!-- briefcheck-disable-file code -->` on its own line after the front matter, else at the top. */
export function disableFileEdit(doc: TextDocument, code: string): TextEdit {
  const text = doc.getText()
  const eol = text.includes('\r\n') ? '\r\n' : '\n'
  const frontMatter = /^(?:---|\+\+\+)[ \t]*\r?\n[^]*?\r?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text)
  const comment = `<!-- briefcheck-disable-file ${code} -->`
  if (frontMatter) {
    const offset = frontMatter[0].length
    const at = doc.positionAt(offset)
    const needsEol = !/\n$/.test(frontMatter[0])
    return {range: {start: at, end: at}, newText: `${needsEol ? eol : ''}${comment}${eol}`}
  }
  const top = {line: 0, character: 0}
  return {range: {start: top, end: top}, newText: `${comment}${eol}`}
}

/**
 * "Accept this claim as uncited": adds the sentence to the workspace's accepted-claims file
 * (`.briefcheck/accepted.json`, created when missing), merged with what the file already holds. Not offered
 * when the file is unreadable: rewriting it would lose the user's entries.
 */
function acceptAction(state: FeatureState, doc: TextDocument, diagnostic: Diagnostic, rule: string): CodeAction | undefined {
  const file = state.acceptedFile
  if (!file || !state.workspaceRoot || !state.canCreateFiles) return undefined
  let existing: AcceptedClaim[] = []
  if (file.text !== undefined && file.text.trim() !== '') {
    try {
      existing = parseAccepted(file.text)
    } catch {
      return undefined
    }
  }
  const text = doc.getText(diagnostic.range)
  const draftPath = URI.parse(doc.uri).scheme === 'file' ? relative(state.workspaceRoot, URI.parse(doc.uri).fsPath).split(sep).join('/') : doc.uri
  const entry: AcceptedClaim = {text, rule, file: draftPath}
  const accepted = [entry, ...existing.filter((a) => !(a.text === text && (a.rule ?? 'uncited-claim') === rule && a.file === draftPath))]
  const content = `${JSON.stringify({version: 1, accepted}, null, 2)}\n`
  const uri = URI.file(file.path).toString()
  const whole = {start: {line: 0, character: 0}, end: endPosition(file.text ?? '')}
  return {
    title: 'Accept this claim as uncited (common knowledge)',
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: {
      documentChanges: [
        {kind: 'create', uri, options: {ignoreIfExists: true}},
        {textDocument: {uri, version: null}, edits: [{range: whole, newText: content}]},
      ],
    },
  }
}

/** The position just past the last character of `text` (LSP line/character). */
function endPosition(text: string): {line: number; character: number} {
  const lines = text.split(/\r\n|\r|\n/)
  return {line: lines.length - 1, character: lines[lines.length - 1].length}
}
