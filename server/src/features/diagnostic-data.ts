/** What a diagnostic carries for code actions: validated again when it comes back. */
export interface DiagnosticData {
  expected: string[]
  edits: Array<{title: string; start: number; end: number; text: string}>
  evidenceKeys: string[]
  /** Pages of the evidence (key, page), for pin-cites; only from the engine's own message, never read back from a client. */
  evidencePages?: Array<{key: string; page?: number}>
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
