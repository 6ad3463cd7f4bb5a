import {readdirSync, statSync} from 'node:fs'
import {extname, join} from 'node:path'

/** Folders holding every source document the project can read: its fixtures, examples, and ../shared's seeds and devset. */
export const CORPUS_DIRS: readonly string[] = ['tests/fixtures', 'tests/fixtures-review', 'examples', '../shared/seeds', '../shared/devset']

/**
 * Files under `dir` (recursively, skipping node_modules and dot folders) whose extension, lower
 * case, is in `extensions`. A missing folder gives none: ../shared is not part of a clone made
 * elsewhere. The equivalence tests of the parse's fast paths compare them on every such file.
 */
export function filesUnder(dir: string, extensions: ReadonlySet<string>, out: string[] = []): string[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return out
  }
  for (const name of names) {
    const path = join(dir, name)
    if (name === 'node_modules' || name.startsWith('.')) continue
    if (statSync(path).isDirectory()) filesUnder(path, extensions, out)
    else if (extensions.has(extname(name).toLowerCase())) out.push(path)
  }
  return out
}
