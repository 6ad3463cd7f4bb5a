import {spawn} from 'node:child_process'
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

/** What a finished command printed and its exit code (null when a signal ended it). */
export interface CommandRun {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs a command to its end without blocking the test worker: a synchronous spawn would keep
 * vitest's progress RPC unanswered, and on a busy machine past its 60 s limit (see breathe.ts).
 * Killed after `timeoutMs` (generous: the assertion is on the output, never the time).
 */
export function runCommand(command: string, args: string[], cwd: string, timeoutMs = 300_000): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {cwd, stdio: ['ignore', 'pipe', 'pipe']})
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8')})
    })
  })
}

/** Runs the installed `briefcheck` bin as a user would (the built bundle). */
export function runCli(args: string[], cwd = ROOT): Promise<CommandRun> {
  return runCommand(BIN, args, cwd)
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
