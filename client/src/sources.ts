import {documentFormat} from '../../server/src/engine/corpus/formats/registry'
// Shapes of the server's custom responses and how the pickers present them. No `vscode`
// import: validated and formatted here, unit-tested in tests/client/sources.test.ts.

import {REQUESTS, SERVER_COMMANDS, type AddedSource, type MatchingSource, type SourceInfo, type WirePosition as LspPosition, type WireRange as LspRange} from '../../server/src/contract'

export {REQUESTS}
export type {AddedSource, LspPosition, LspRange, MatchingSource, SourceInfo}

/** The server-side command the palette's "Re-index corpus" runs. */
export const SERVER_REINDEX = SERVER_COMMANDS.reindex

/** The server-side command "Add source from URL or file…" runs: `[{input}]` → `AddedSource`. */
export const SERVER_CAPTURE = SERVER_COMMANDS.captureSource

/** Validates the server's answer to `briefcheck.captureSource`. */
export function parseAddedSource(result: unknown): AddedSource | undefined {
  if (!isObject(result) || typeof result.path !== 'string') return undefined
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])
  return {
    path: result.path,
    original: optionalString(result.original),
    title: optionalString(result.title),
    authors: strings(result.authors),
    date: optionalString(result.date),
    warnings: strings(result.warnings),
  }
}

/** A PDF, HTML or Word source: opened as a file, not at a line of its extracted text. */
export function isDocumentPath(path: string): boolean {
  return documentFormat(path) !== undefined
}

/** What the user typed: a URL, a file path, or nothing (then a file picker opens). */
export function classifySourceInput(text: string): 'url' | 'file' | 'pick' | 'invalid' {
  const t = text.trim()
  if (t === '') return 'pick'
  if (/^https?:\/\//i.test(t)) return 'url'
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) return 'invalid'
  return 'file'
}

/** One item of `briefcheck/citationEdit`. */
export interface LspTextEdit {
  range: LspRange
  newText: string
}

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const optionalString = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

function asPosition(v: unknown): LspPosition | undefined {
  if (!isObject(v) || !Number.isInteger(v.line) || !Number.isInteger(v.character)) return undefined
  return {line: v.line as number, character: v.character as number}
}

function asRange(v: unknown): LspRange | undefined {
  if (!isObject(v)) return undefined
  const start = asPosition(v.start)
  const end = asPosition(v.end)
  return start && end ? {start, end} : undefined
}

/** Keeps the well-formed items of a `briefcheck/sources` response (a newer server may add fields). */
export function parseSources(result: unknown): SourceInfo[] {
  if (!Array.isArray(result)) return []
  const out: SourceInfo[] = []
  for (const item of result) {
    if (!isObject(item) || typeof item.key !== 'string' || typeof item.path !== 'string') continue
    const title = optionalString(item.title) ?? item.key
    const source: SourceInfo = {key: item.key, title, path: item.path, reference: optionalString(item.reference) ?? title}
    const author = optionalString(item.author)
    const date = optionalString(item.date)
    if (author) source.author = author
    if (date) source.date = date
    out.push(source)
  }
  return out
}

/** Keeps the well-formed items of a `briefcheck/matchingSources` response. */
export function parseMatchingSources(result: unknown): MatchingSource[] {
  if (!Array.isArray(result)) return []
  const out: MatchingSource[] = []
  for (const item of result) {
    if (!isObject(item) || typeof item.path !== 'string') continue
    const range = asRange(item.range)
    if (!range) continue
    out.push({path: item.path, range, title: optionalString(item.title) ?? item.path, text: typeof item.text === 'string' ? item.text : ''})
  }
  return out
}

/** Keeps the well-formed edits of a `briefcheck/citationEdit` response. */
export function parseTextEdits(result: unknown): LspTextEdit[] {
  if (!Array.isArray(result)) return []
  const out: LspTextEdit[] = []
  for (const item of result) {
    if (!isObject(item) || typeof item.newText !== 'string') continue
    const range = asRange(item.range)
    if (range) out.push({range, newText: item.newText})
  }
  return out
}

/** Longest title shown as a quick-pick label; the full reference is the detail line. */
export const SHORT_TITLE = 60

/** A title shortened for a label: the part before a subtitle colon, cut at a word. */
export function shortTitle(title: string): string {
  const main = title.split(/:\s/)[0].trim() || title.trim()
  if (main.length <= SHORT_TITLE) return main
  const cut = main.slice(0, SHORT_TITLE - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > SHORT_TITLE / 2 ? cut.slice(0, space) : cut).replace(/[\s,;.]+$/, '')}…`
}

/** The four-digit year of a date, if it has one. */
export function yearOf(date: string | undefined): string | undefined {
  return date ? /\b(1[5-9]\d\d|2\d\d\d)\b/.exec(date)?.[1] : undefined
}

/** How "Insert citation…" and "Show corpus sources" list a source. */
export function sourcePickItem(source: SourceInfo): {label: string; description: string; detail: string} {
  const description = [source.author, yearOf(source.date) ?? source.date].filter(Boolean).join(', ')
  return {label: shortTitle(source.title), description, detail: source.reference}
}

/** How "Open the matching source" lists a candidate when there are several. */
export function matchPickItem(match: MatchingSource): {label: string; description: string; detail: string} {
  const name = match.path.split(/[\\/]/).pop() ?? match.path
  return {label: shortTitle(match.title), description: `${name}:${match.range.start.line + 1}`, detail: match.text}
}

/** The kind of location a `path` in a response is: a URI, an absolute path or a workspace-relative one. */
export function classifyPath(path: string): 'uri' | 'absolute' | 'relative' {
  if (/^[a-zA-Z][\w+.-]+:\/\//.test(path)) return 'uri'
  if (path.startsWith('/') || path.startsWith('\\\\') || /^[a-zA-Z]:[\\/]/.test(path)) return 'absolute'
  return 'relative'
}
