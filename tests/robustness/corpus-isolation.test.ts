// Issue #13: only regular files are read, a link cannot smuggle a file out of an untrusted
// workspace, a file that exhausts its parse worker costs that worker only, and the cache never
// deletes or replaces a file it did not write. Every input is generated here at run time.
import {execFileSync, spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import JSZip from 'jszip'
import {describe, expect, it} from 'vitest'
import {loadCorpus} from '../../server/src/engine/corpus/load'
import {CACHE_FILE, DiskCorpusCache} from '../../server/src/workspace/corpus-cache'
import {ROOT, workspace} from '../helpers/cli'
import {LspClient} from '../lsp/harness'

const GOOD = '---\nid: rva2021\ntitle: Annual Report of the Harrow River Authority\n---\nThe Harrow Dam stands 120 metres tall above the riverbed.\n'
const CLI = join(ROOT, 'server', 'bin', 'briefcheck.js')

function reasonsOf(problems: Array<{path: string; reason: string}>, dir: string): Record<string, string> {
  return Object.fromEntries(problems.map((p) => [p.path.slice(dir.length + 1), p.reason]))
}

describe('only regular files are read', () => {
  it('refuses a FIFO, a link to a FIFO and a link to /dev/zero with a reason, and indexes the rest', async () => {
    const dir = workspace({'good.md': GOOD})
    execFileSync('mkfifo', [join(dir, 'pipe.md')])
    execFileSync('mkfifo', [join(dir, 'hidden-pipe')])
    symlinkSync(join(dir, 'hidden-pipe'), join(dir, 'linked-pipe.md'))
    symlinkSync('/dev/zero', join(dir, 'zero.md'))
    const corpus = await loadCorpus([dir], {baseDir: dir})
    const reasons = reasonsOf(corpus.problems, dir)
    expect(reasons['pipe.md']).toMatch(/named pipe \(FIFO\), not a regular file/)
    expect(reasons['linked-pipe.md']).toMatch(/named pipe \(FIFO\), not a regular file/)
    expect(reasons['zero.md']).toMatch(/\/dev is a virtual file system/)
    expect(corpus.sources.map((s) => s.key)).toEqual(['rva2021'])
  })

  it('refuses --corpus /proc with a one-line reason instead of reading it', () => {
    const dir = workspace({'draft.md': 'The Harrow Dam stands 150 metres tall.\n'})
    const run = spawnSync(process.execPath, [CLI, 'check', '--corpus', '/proc', join(dir, 'draft.md')], {cwd: dir, encoding: 'utf8', timeout: 60_000})
    expect(run.stderr).toContain('briefcheck: corpus: /proc: /proc is a virtual file system: not read')
    expect(run.status).not.toBeNull()
  })

  it('the language server reaches ready with a corpus link to a FIFO', async () => {
    const root = workspace({'briefcheck.json': JSON.stringify({corpus: ['briefs']}), 'briefs/good.md': GOOD})
    execFileSync('mkfifo', [join(root, 'fifo')])
    symlinkSync(join(root, 'fifo'), join(root, 'briefs', 'pipe.md'))
    const lsp = await LspClient.start({root})
    try {
      const status = await lsp.next('status', (s) => s.state === 'ready' || s.state === 'error')
      expect(status).toMatchObject({state: 'ready', sources: 1})
      expect(status.problems.map((p) => p.reason)).toEqual([expect.stringMatching(/named pipe/)])
    } finally {
      await lsp.stop()
    }
  })
})

describe('untrusted workspaces', () => {
  it('does not index a corpus link to a file or folder outside the workspace', async () => {
    const outside = workspace({'secret.md': '---\ntitle: Outside\n---\nThe outside dam stands 999 metres tall.\n'})
    const root = workspace({'briefs/good.md': GOOD})
    symlinkSync('/etc/passwd', join(root, 'briefs', 'passwd.txt'))
    symlinkSync(outside, join(root, 'briefs', 'elsewhere'))
    const corpus = await loadCorpus(['briefs'], {baseDir: root, allowedRoots: [root]})
    expect(corpus.sources.map((s) => s.key)).toEqual(['rva2021'])
    const reasons = reasonsOf(corpus.problems, join(root, 'briefs'))
    expect(reasons['passwd.txt']).toBe('outside the workspace: not read in an untrusted workspace')
    expect(reasons[join('elsewhere', 'secret.md')]).toBe('outside the workspace: not read in an untrusted workspace')
    expect(corpus.sentences.some((s) => s.text.includes('root:'))).toBe(false)
  })
})

describe('parse workers', () => {
  it('a Word file that inflates past the worker heap costs that worker only', async () => {
    const dir = workspace({'good.md': GOOD, 'after.md': GOOD.replace('rva2021', 'after2021')})
    writeFileSync(join(dir, 'bomb.docx'), await inflatingDocx())
    const corpus = await loadCorpus([dir], {baseDir: dir, limits: {heapMb: 48}})
    expect(reasonsOf(corpus.problems, dir)['bomb.docx']).toMatch(/needed more than 48 MB to read: skipped|could not be read/)
    expect(corpus.sources.map((s) => s.key).sort()).toEqual(['after2021', 'rva2021'])
  })

  it('files sent to a worker behind one that exhausts it are read by its replacement', async () => {
    // One worker: the pool sends it the next file ahead (parse-pool.ts), so files wait in it
    // behind the bomb, which sorts first.
    const files: Record<string, string> = {}
    for (let i = 0; i < 6; i++) files[`b${i}.md`] = GOOD.replace('rva2021', `source${i}`)
    const dir = workspace(files)
    writeFileSync(join(dir, 'a-bomb.docx'), await inflatingDocx())
    const corpus = await loadCorpus([dir], {baseDir: dir, workers: 1, limits: {heapMb: 48}})
    expect(Object.keys(reasonsOf(corpus.problems, dir))).toEqual(['a-bomb.docx'])
    expect(corpus.sources.map((s) => s.key)).toEqual(['source0', 'source1', 'source2', 'source3', 'source4', 'source5'])
  })

  it('a file past its deadline is reported and skipped, and loading finishes', async () => {
    const dir = workspace({'good.md': GOOD})
    const corpus = await loadCorpus([dir], {baseDir: dir, limits: {deadlineMs: () => 0}})
    expect(corpus.problems).toEqual([{path: join(dir, 'good.md'), reason: 'took longer than 0 s to read: skipped'}])
    // The pool recovers: the next load with ordinary limits reads the file.
    expect((await loadCorpus([dir], {baseDir: dir})).sources.map((s) => s.key)).toEqual(['rva2021'])
  })
})

describe('the cache never deletes or replaces what it did not write', () => {
  it('keeps user files in a cache folder that holds corpus files, and writes nothing there', async () => {
    const dir = workspace({'good.md': GOOD, 'references.json': '[]', 'notes.json': '{"mine": true}'})
    const logs: string[] = []
    for (let round = 0; round < 2; round++) {
      const cache = new DiskCorpusCache(dir, (m) => logs.push(m))
      cache.beginLoad()
      await loadCorpus([dir], {baseDir: dir, cache})
      await cache.flush()
    }
    expect(readFileSync(join(dir, 'references.json'), 'utf8')).toBe('[]')
    expect(readFileSync(join(dir, 'notes.json'), 'utf8')).toBe('{"mine": true}')
    expect(existsSync(join(dir, CACHE_FILE))).toBe(false)
    expect(logs.some((l) => /holds corpus files/.test(l))).toBe(true)
  })

  it('does not replace a file of its own name that it did not write', async () => {
    const dir = workspace({'good.md': GOOD})
    const cacheDir = mkdtempSync(join(tmpdir(), 'briefcheck-shared-'))
    mkdirSync(cacheDir, {recursive: true})
    writeFileSync(join(cacheDir, CACHE_FILE), 'a user file that happens to have this name')
    const logs: string[] = []
    const cache = new DiskCorpusCache(cacheDir, (m) => logs.push(m))
    cache.beginLoad()
    expect((await loadCorpus([dir], {baseDir: dir, cache})).sources).toHaveLength(1)
    await cache.flush()
    expect(readFileSync(join(cacheDir, CACHE_FILE), 'utf8')).toBe('a user file that happens to have this name')
    expect(logs.some((l) => /is not a Briefcheck cache file/.test(l))).toBe(true)
  })
})

/** A .docx whose document.xml inflates to 40 MB of paragraphs from a few hundred KB. */
async function inflatingDocx(): Promise<Buffer> {
  const paragraph = '<w:p><w:r><w:t>The reservoir held water.</w:t></w:r></w:p>'
  const body = paragraph.repeat(Math.ceil((40 * 1048576) / paragraph.length))
  const zip = new JSZip()
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
  zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
  zip.file('word/document.xml', `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`)
  return zip.generateAsync({type: 'nodebuffer', compression: 'DEFLATE'})
}
