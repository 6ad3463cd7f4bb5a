import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, mkdirSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'

export const ROOT = join(__dirname, '..', '..')
/**
 * The seed briefs live beside the checkout (../shared/seeds), not in it; BRIEFCHECK_SEEDS names
 * them from anywhere. A clone made elsewhere has none: the tests that read them are skipped,
 * and say why (SEEDS_MISSING).
 */
export const SEEDS = process.env.BRIEFCHECK_SEEDS ?? join(ROOT, '..', 'shared', 'seeds')
export const SEEDS_MISSING = !existsSync(SEEDS)
if (SEEDS_MISSING) console.warn(`seed briefs not found at ${SEEDS} (set BRIEFCHECK_SEEDS): the tests that read them are skipped`)
const BIN = join(ROOT, 'node_modules', '.bin', 'briefcheck')

/** Runs the installed `briefcheck` bin as a user would (the built bundle). */
export function runCli(args: string[], cwd = ROOT) {
  const result = spawnSync(BIN, args, {cwd, encoding: 'utf8', timeout: 300_000})
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

/** A temporary workspace with the given files (paths relative to it). */
export function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefcheck-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), {recursive: true})
    writeFileSync(join(dir, name), text)
  }
  return dir
}
