// Issue #7: the disk cache survives a SIGKILL mid-index, a corrupt file and an older format.
import {existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {CACHE_FILE, CACHE_FORMAT_VERSION} from '../../server/src/workspace/corpus-cache'
import {decodeCacheFile} from '../../server/src/workspace/cache-file'
import {LspClient, workspace} from '../lsp/harness'

const FILES = 300
const DRAFT = 'The Harrow Dam stands 150 metres tall above the riverbed.\n'

/** A corpus large enough that indexing reports progress for a while: `FILES` briefs of a few paragraphs. */
function bigWorkspace(): string {
  const files: Record<string, string> = {'briefcheck.json': JSON.stringify({corpus: ['briefs']})}
  files['briefs/000-dam.md'] = '---\nid: rva2021\ntitle: Annual Report of the Harrow River Authority\n---\nThe Harrow Dam stands 120 metres tall above the riverbed.\n'
  for (let i = 1; i < FILES; i++) {
    const paragraphs = Array.from(
      {length: 12},
      (_, p) => `In ${1990 + (p % 30)} the district ${i} council spent $${i * 3 + p} million on ${p + 2} new bridges over the river, officials said. About ${p + 10}% of residents used them.`,
    )
    files[`briefs/${String(i).padStart(3, '0')}-district.md`] = `---\ntitle: District ${i} Report\nauthor: Writer ${i}\ndate: 2020-01-0${(i % 9) + 1}\n---\n${paragraphs.join('\n\n')}\n`
  }
  return workspace(files)
}

async function checkRecovered(lsp: LspClient): Promise<void> {
  const status = await lsp.next('status', (s) => s.state === 'ready' || s.state === 'error')
  expect(status).toMatchObject({state: 'ready', sources: FILES})
  const uri = lsp.open('draft.md', DRAFT)
  const diagnostics = await lsp.diagnostics(uri)
  expect(diagnostics.diagnostics.map((d) => d.code)).toContain('figure-conflict')
}

describe('cache safety', () => {
  const root = bigWorkspace()
  const cacheDir = mkdtempSync(join(tmpdir(), 'briefcheck-cache-'))

  it('a server killed mid-index leaves nothing the next start trips on', async () => {
    const first = await LspClient.start({root, cacheDir, workDoneProgress: true})
    await first.next('progress', (p) => p.kind === 'report')
    const readyBeforeKill = first.events.some((e) => e.kind === 'status' && e.params.state === 'ready')
    first.child.kill('SIGKILL')
    await new Promise((done) => (first.child.exitCode !== null || first.child.signalCode !== null ? done(null) : first.child.once('exit', done)))
    first.conn.dispose()
    // The kill landed while indexing was still under way.
    expect(readyBeforeKill).toBe(false)
    expect(first.child.signalCode).toBe('SIGKILL')
    // Writes are atomic (temp file + rename): no half-written entry is left behind under its real name.
    if (existsSync(join(cacheDir, CACHE_FILE))) expect(() => decodeCacheFile(readFileSync(join(cacheDir, CACHE_FILE)), CACHE_FORMAT_VERSION)).not.toThrow()

    const second = await LspClient.start({root, cacheDir, workDoneProgress: true})
    try {
      await checkRecovered(second)
    } finally {
      await second.stop()
    }
    // The recovered run wrote a complete cache: a third start takes everything from it.
    expect(existsSync(join(cacheDir, CACHE_FILE))).toBe(true)
    const third = await LspClient.start({root, cacheDir})
    try {
      expect(await third.next('status', (s) => s.state === 'ready')).toMatchObject({sources: FILES, cached: true})
    } finally {
      await third.stop()
    }
  })

  it('detects a corrupt cache (and a stray partial temp file) and rebuilds it', async () => {
    // Cut off mid-way (as a full disk might leave it), plus a stray temp file of an interrupted write.
    const whole = readFileSync(join(cacheDir, CACHE_FILE))
    writeFileSync(join(cacheDir, CACHE_FILE), whole.subarray(0, Math.floor(whole.length / 2)))
    writeFileSync(join(cacheDir, `${CACHE_FILE}.1234.abcd.tmp`), whole.subarray(0, 100))
    const lsp = await LspClient.start({root, cacheDir})
    try {
      await lsp.next('log', (l) => /cache: ignoring corrupt .*briefcheck-corpus\.bin/.test(l.message))
      await checkRecovered(lsp)
      expect(lsp.events.find((e) => e.kind === 'status' && e.params.state === 'ready')?.params).toMatchObject({cached: false})
    } finally {
      await lsp.stop()
    }
    expect(decodeCacheFile(readFileSync(join(cacheDir, CACHE_FILE)), CACHE_FORMAT_VERSION).header.version).toBe(CACHE_FORMAT_VERSION)
  })

  it('detects a cache of another format version and rebuilds it', async () => {
    const older = readFileSync(join(cacheDir, CACHE_FILE))
    older.writeUInt32LE(CACHE_FORMAT_VERSION + 41, 4)
    writeFileSync(join(cacheDir, CACHE_FILE), older)
    const lsp = await LspClient.start({root, cacheDir})
    try {
      await lsp.next('log', (l) => l.message.includes(`format ${CACHE_FORMAT_VERSION + 41}, expected ${CACHE_FORMAT_VERSION}; rebuilding`))
      await checkRecovered(lsp)
    } finally {
      await lsp.stop()
    }
    expect(decodeCacheFile(readFileSync(join(cacheDir, CACHE_FILE)), CACHE_FORMAT_VERSION).header.version).toBe(CACHE_FORMAT_VERSION)
  })
})
