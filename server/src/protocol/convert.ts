import {DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation} from 'vscode-languageserver'
import {URI} from 'vscode-uri'
import {evidenceLocation} from '../engine/evidence'
import type {BriefcheckMessage, Severity} from '../engine/messages'

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
}

/** What a diagnostic carries for code actions: validated again when it comes back. */
export interface DiagnosticData {
  expected: string[]
  edits: Array<{title: string; start: number; end: number; text: string}>
  evidenceKeys: string[]
  /** Pages of the evidence (key, page), for pin-cites; only from the engine's own message, never read back from a client. */
  evidencePages?: Array<{key: string; page?: number}>
}

/**
 * The only place engine messages become LSP diagnostics (as unified-language-server's
 * vfileMessageToDiagnostic): zero-based range, code, source, codeDescription,
 * relatedInformation pointing at source sentences (and, given the draft's `uri`, at other
 * places of the draft), and data for quick fixes.
 */
export function toDiagnostic(message: BriefcheckMessage, uri?: string): Diagnostic {
  // Other places of the same draft (inconsistent-figure points at the other value).
  const inDraft: DiagnosticRelatedInformation[] = uri ? (message.related ?? []).map((r) => ({location: {uri, range: r.range}, message: r.message})) : []
  const related: DiagnosticRelatedInformation[] = message.evidence.map((e) => ({
    location: {uri: URI.file(e.path).toString(), range: e.range},
    message: `${e.agrees === true ? 'agrees' : e.agrees === false ? 'disagrees' : 'source'}: ${e.title}${e.value ? ` — ${e.value}` : ''}${evidenceLocation(e) ? ` (${evidenceLocation(e)})` : ''}`,
  }))
  const data: DiagnosticData = {
    expected: message.expected ?? [],
    edits: message.edits,
    evidenceKeys: message.evidence.map((e) => e.key),
  }
  return {
    range: message.range,
    severity: SEVERITY[message.severity],
    code: message.ruleId,
    codeDescription: message.url ? {href: message.url} : undefined,
    source: 'briefcheck',
    message: message.reason,
    relatedInformation: inDraft.length + related.length > 0 ? [...inDraft, ...related] : undefined,
    data,
  }
}

/** Reads `Diagnostic.data` back without trusting it: a client may send anything. */
export function readDiagnosticData(value: unknown): DiagnosticData {
  const empty: DiagnosticData = {expected: [], edits: [], evidenceKeys: []}
  if (!value || typeof value !== 'object') return empty
  const record = value as Record<string, unknown>
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])
  const edits = Array.isArray(record.edits)
    ? record.edits.filter(
        (e): e is DiagnosticData['edits'][number] =>
          Boolean(e) &&
          typeof e === 'object' &&
          typeof (e as {title?: unknown}).title === 'string' &&
          Number.isInteger((e as {start?: unknown}).start) &&
          Number.isInteger((e as {end?: unknown}).end) &&
          typeof (e as {text?: unknown}).text === 'string',
      )
    : []
  return {expected: strings(record.expected), edits, evidenceKeys: strings(record.evidenceKeys)}
}
