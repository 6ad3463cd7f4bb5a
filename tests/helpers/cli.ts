import {spawnSync} from 'node:child_process'
import {mkdtempSync, mkdirSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'

export const ROOT = join(__dirname, '..', '..')
export const SEEDS = join(ROOT, '..', 'shared', 'seeds')
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
