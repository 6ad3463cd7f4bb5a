import type {Fix} from '../engine/messages'

/** What a diagnostic carries for code actions: its fixes, validated again when it comes back. */
export interface DiagnosticData {
  fixes: Fix[]
  /** Pages of the evidence (key, page), for pin-cites; only from the engine's own message, never read back from a client. */
  evidencePages?: Array<{key: string; page?: number}>
}

/** Reads `Diagnostic.data` back without trusting it: a client may send anything. */
export function readDiagnosticData(value: unknown): DiagnosticData {
  if (!value || typeof value !== 'object') return {fixes: []}
  const fixes = (value as {fixes?: unknown}).fixes
  return {fixes: Array.isArray(fixes) ? fixes.flatMap((f) => readFix(f) ?? []) : []}
}

function readFix(value: unknown): Fix | undefined {
  if (!value || typeof value !== 'object') return undefined
  const f = value as Record<string, unknown>
  const preferred = f.preferred === true ? {preferred: true} : {}
  if (f.kind === 'replace') {
    if (typeof f.title !== 'string' || typeof f.text !== 'string' || !Number.isInteger(f.start) || !Number.isInteger(f.end)) return undefined
    return {kind: 'replace', title: f.title, start: f.start as number, end: f.end as number, text: f.text, ...preferred}
  }
  if (f.kind === 'cite') {
    const keys = Array.isArray(f.keys) ? f.keys.filter((k): k is string => typeof k === 'string') : []
    return keys.length > 0 ? {kind: 'cite', keys, ...preferred} : undefined
  }
  if (f.kind === 'accept') return {kind: 'accept', ...preferred}
  return undefined
}
