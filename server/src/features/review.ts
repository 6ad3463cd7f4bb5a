import {basename, relative} from 'node:path'
import type {CancellationToken} from 'vscode-languageserver'
import type {TextDocument} from 'vscode-languageserver-textdocument'
import {URI} from 'vscode-uri'
import {parseAccepted, type AcceptedClaim} from '../engine/accepted'
import {buildReport} from '../engine/report/model'
import type {ReviewResult} from '../contract'
import {renderHtml} from '../report/html'
import type {FeatureState} from './state'

/**
 * `briefcheck/review`: the fact-check review of one open draft as the page the VS Code panel
 * shows (the same page as `briefcheck report`, with action buttons), built from the draft's
 * current check result. The panel posts the buttons' clicks back to the extension.
 */
export function getReview(state: FeatureState, doc: TextDocument, token?: CancellationToken): ReviewResult | undefined {
  if (token?.isCancellationRequested) return undefined
  const report = buildReport(state.result, acceptedClaims(state))
  const path = URI.parse(doc.uri).scheme === 'file' ? URI.parse(doc.uri).fsPath : doc.uri
  const show = (p: string) => (state.workspaceRoot ? relative(state.workspaceRoot, p) || p : p)
  const html = renderHtml([{path: doc.uri, report}], {title: `Fact-check review: ${basename(path)}`, displayPath: show, actions: true})
  return {uri: doc.uri, version: doc.version, claims: report.claims.length, html}
}

function acceptedClaims(state: FeatureState): AcceptedClaim[] {
  const text = state.acceptedFile?.text
  if (!text) return []
  try {
    return parseAccepted(text)
  } catch {
    return []
  }
}
