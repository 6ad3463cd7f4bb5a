// Pure helpers for writing the corpus into briefcheck.json; no `vscode` import, so they are
// unit-tested without an editor (tests/client/corpus-config.test.ts).
import {isAbsolute, relative, sep} from 'node:path'

/** The workspace config file the server (and the CLI) read. */
export const CONFIG_FILE = 'briefcheck.json'

/**
 * The corpus entry for a picked folder: relative to the workspace folder, with forward slashes
 * so the file works on every platform; `.` for the folder itself. A folder on another drive
 * (no relative path exists) stays absolute.
 */
export function corpusEntry(workspaceFolder: string, picked: string): string {
  const rel = relative(workspaceFolder, picked)
  if (rel === '') return '.'
  if (isAbsolute(rel)) return picked.split(sep).join('/')
  return rel.split(sep).join('/')
}

/** Whether a corpus entry leaves the workspace folder (untrusted workspaces ignore those). */
export function isOutsideWorkspace(entry: string): boolean {
  return entry === '..' || entry.startsWith('../') || isAbsolute(entry) || /^[A-Za-z]:\//.test(entry)
}

/**
 * Sets `corpus` in the text of an existing briefcheck.json (undefined: no file yet), keeping
 * every other key and its order. A file that is not a JSON object is left alone: overwriting
 * a config the user is halfway through editing would lose their work.
 */
export function mergeCorpus(existing: string | undefined, entry: string): {text: string} | {error: string} {
  let config: Record<string, unknown> = {}
  if (existing !== undefined && existing.trim() !== '') {
    let parsed: unknown
    try {
      parsed = JSON.parse(existing)
    } catch (error) {
      return {error: `${CONFIG_FILE} is not valid JSON (${error instanceof Error ? error.message : String(error)})`}
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {error: `${CONFIG_FILE} does not hold a JSON object`}
    config = parsed as Record<string, unknown>
  }
  const indent = existing ? detectIndent(existing) : 2
  return {text: `${JSON.stringify({...config, corpus: [entry]}, null, indent)}\n`}
}

function detectIndent(text: string): string | number {
  const match = /^([ \t]+)"/m.exec(text)
  return match ? match[1] : 2
}
