// Runs check.lua in a headless Neovim against a stdio language server and returns the
// parsed result: {diagnostics, diagnosticsMs, hover, codeActions}. Throws with the
// Lua-side error (and nvim's stderr) on failure or timeout.
import {spawn} from 'node:child_process'
import {mkdtemp, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join, dirname, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

const CHECK_LUA = join(dirname(fileURLToPath(import.meta.url)), 'check.lua')

export async function runNvimCheck({cmd, file, line = 0, character = 0, action, timeout = 10_000, nvim = 'nvim'}) {
  const dir = await mkdtemp(join(tmpdir(), 'briefcheck-nvim-'))
  const out = join(dir, 'result.json')
  // HOME/XDG in the temp dir: nvim writes its lsp.log under stdpath('cache').
  const env = {...process.env, HOME: dir, XDG_CONFIG_HOME: join(dir, 'config'), XDG_DATA_HOME: join(dir, 'data'),
    XDG_CACHE_HOME: join(dir, 'cache'), XDG_STATE_HOME: join(dir, 'state'),
    BRIEFCHECK_LSP_CMD: JSON.stringify(cmd), BRIEFCHECK_FILE: resolve(file), BRIEFCHECK_OUT: out,
    BRIEFCHECK_LINE: String(line), BRIEFCHECK_CHARACTER: String(character), BRIEFCHECK_TIMEOUT_MS: String(timeout),
    ...(action ? {BRIEFCHECK_ACTION_LINE: String(action.line), BRIEFCHECK_ACTION_CHARACTER: String(action.character)} : {})}
  try {
    const child = spawn(nvim, ['--headless', '-u', 'NONE', '-i', 'NONE', '-c', `luafile ${CHECK_LUA}`],
      {env, stdio: ['ignore', 'ignore', 'pipe']})
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    // Outer guard: the Lua waits are bounded, but a wedged nvim must not hang CI.
    const guard = setTimeout(() => child.kill('SIGKILL'), 3 * timeout + 5_000)
    const code = await new Promise((ok, ko) => child.once('error', ko).once('exit', (c, s) => ok(c ?? s)))
    clearTimeout(guard)
    const result = JSON.parse(await readFile(out, 'utf8').catch(() => '{"error":"no result file written"}'))
    if (code !== 0 || result.error) throw new Error(`nvim check failed (exit ${code}): ${result.error ?? ''}\n${stderr}`)
    return result
  } finally {
    await rm(dir, {recursive: true, force: true})
  }
}
