import {DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation} from 'vscode-languageserver'
import {URI} from 'vscode-uri'
import {agreement, evidenceLocation} from '../engine/evidence'
import type {BriefcheckMessage, Severity} from '../engine/messages'
import type {DiagnosticData} from '../features/diagnostic-data'

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
}

/**
 * The only place engine messages become LSP diagnostics (as unified-language-server's
 * vfileMessageToDiagnostic): zero-based range, code, source, codeDescription,
 * relatedInformation pointing at source sentences, and data for quick fixes.
 */
export function toDiagnostic(message: BriefcheckMessage): Diagnostic {
  const related: DiagnosticRelatedInformation[] = message.evidence.map((e) => ({
    location: {uri: URI.file(e.path).toString(), range: e.range},
    message: `${agreement(e)}: ${e.title}${e.value ? ` — ${e.value}` : ''}${evidenceLocation(e) ? ` (${evidenceLocation(e)})` : ''}`,
  }))
  const data: DiagnosticData = {fixes: message.fixes}
  return {
    range: message.range,
    severity: SEVERITY[message.severity],
    code: message.ruleId,
    codeDescription: message.url ? {href: message.url} : undefined,
    source: 'briefcheck',
    message: message.reason,
    relatedInformation: related.length > 0 ? related : undefined,
    data,
  }
}
