import {execFile} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {captureSource, DEFAULT_FETCH_LIMITS, fetchDocument} from '../../server/src/engine/corpus/capture'
import {loadCorpus} from '../../server/src/engine/corpus/load'
import {ROOT} from '../helpers/cli'
import {AUTHORITY, GAZETTE, PDF_LAYOUT} from '../formats/briefs'
import {makeDocx, makeHtml, makePdf, makeScannedPdf} from '../formats/make-fixtures'

let server: Server
let base: string
const dirs: string[] = []
const tmp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'briefcheck-capture-'))
  dirs.push(dir)
  return dir
}

beforeAll(async () => {
  const pdf = (await makePdf(AUTHORITY, {...PDF_LAYOUT.AUTHORITY, perPage: [2, 6], twoColumn: [2]})).bytes
  const scanned = await makeScannedPdf()
  const docx = await makeDocx(AUTHORITY)
  // A windows-1252 page declared in the HTTP header only.
  const article = Buffer.from(makeHtml({...GAZETTE, author: 'Tomás Reyes'}, 'highwire').replace('<meta charset="utf-8">', ''), 'latin1')
  server = createServer((req, res) => {
    const send = (status: number, type: string, body: string | Uint8Array) => {
      res.writeHead(status, {'content-type': type})
      res.end(body)
    }
    switch (req.url) {
      case '/article':
        return send(200, 'text/html; charset=windows-1252', article)
      case '/moved':
        res.writeHead(302, {location: '/article'})
        return res.end()
      case '/loop':
        res.writeHead(301, {location: '/loop'})
        return res.end()
      case '/report.pdf':
        return send(200, 'application/pdf', pdf)
      case '/download':
        return send(200, 'application/octet-stream', pdf)
      case '/memo':
        return send(200, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', docx)
      case '/scan.pdf':
        return send(200, 'application/pdf', scanned)
      case '/data.json':
        return send(200, 'application/json', '{"a": 1}')
      case '/app':
        return send(200, 'text/html', '<!doctype html><html><head><title>App</title></head><body><div id="root"></div><script src="/app.js"></script></body></html>')
      case '/slow':
        res.writeHead(200, {'content-type': 'text/html'})
        res.write('<html><body><p>')
        // Never finished (closed by closeAllConnections in afterAll): a timeout, however slow the machine.
        return
      case '/huge': {
        res.writeHead(200, {'content-type': 'text/html'})
        const chunk = Buffer.alloc(64 * 1024, 'a')
        let sent = 0
        const pump = () => {
          while (sent < 4 * 1024 * 1024) {
            sent += chunk.length
            if (!res.write(chunk)) return res.once('drain', pump)
          }
          res.end()
        }
        return pump()
      }
      default:
        return send(404, 'text/html', '<html><body><h1>Not found</h1></body></html>')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  for (const dir of dirs) rmSync(dir, {recursive: true, force: true})
})

// Generous: a busy machine must not turn a local answer into a timeout. The timeout case uses
// its own short budget against /slow, which never finishes its answer.
const limits = {...DEFAULT_FETCH_LIMITS, timeoutMs: 60_000, maxBytes: 1024 * 1024}

describe('fetching a source (issue #9)', () => {
  it('follows a redirect and reports where it ended', async () => {
    const got = await fetchDocument(`${base}/moved`, limits)
    expect(got).toMatchObject({url: `${base}/article`, format: 'html', charset: 'windows-1252'})
  })

  it('gives clear reasons for a 404, a redirect loop, a timeout, an oversized body and a non-document', async () => {
    await expect(fetchDocument(`${base}/nowhere`, limits)).rejects.toThrow(`${base}/nowhere: HTTP 404 (not found)`)
    await expect(fetchDocument(`${base}/loop`, limits)).rejects.toThrow('more than 5 redirects')
    await expect(fetchDocument(`${base}/slow`, {...limits, timeoutMs: 300})).rejects.toThrow(`${base}/slow: no complete answer within 0.3 s (timed out)`)
    await expect(fetchDocument(`${base}/huge`, limits)).rejects.toThrow('more than 1 MB, over the size limit')
    await expect(fetchDocument(`${base}/data.json`, limits)).rejects.toThrow('not a document (content type application/json)')
    await expect(fetchDocument('ftp://127.0.0.1/x', limits)).rejects.toThrow('only http and https URLs can be fetched')
    await expect(fetchDocument('file:///etc/passwd', limits)).rejects.toThrow('only http and https URLs can be fetched')
  })

  it('says when a page needs JavaScript or a PDF has no text layer', async () => {
    await expect(captureSource(`${base}/app`, {folder: tmp(), limits})).rejects.toThrow('no readable article body (the page may need JavaScript to show its text)')
    await expect(captureSource(`${base}/scan.pdf`, {folder: tmp(), limits})).rejects.toThrow('scanned PDF: no text layer (no OCR)')
  })
})

describe('capturing a source', () => {
  it('writes Markdown with front matter and keeps the original beside it', async () => {
    const folder = tmp()
    const now = new Date('2024-05-06T10:00:00Z')
    const result = await captureSource(`${base}/moved`, {folder, limits, now})
    expect(readdirSync(folder).sort()).toEqual(['reyes-2022-harrow-dam-marks-twenty-years.html', 'reyes-2022-harrow-dam-marks-twenty-years.md'])
    const md = readFileSync(result.markdown, 'utf8')
    expect(md).toContain(['---', 'title: Harrow Dam Marks Twenty Years', 'author: Tomás Reyes', 'date: 2022-06-10', `url: ${base}/article`, 'publisher: Valley Gazette', 'accessed: 2024-05-06', 'original: reyes-2022-harrow-dam-marks-twenty-years.html', '---'].join('\n'))
    expect(md).toContain('## A contested project')
    expect(md).not.toMatch(/quokkacookie|zanzibarnav|marmosetrelated|tapirsidebar/)
    // Indexed as one source: the Markdown, not also its original.
    const corpus = await loadCorpus([folder], {baseDir: folder})
    expect(corpus.problems).toEqual([])
    expect(corpus.sources).toMatchObject([{key: 'reyes2022harrow', title: GAZETTE.title, authors: ['Tomás Reyes'], date: '2022-06-10', url: `${base}/article`}])
  })

  it('never overwrites: a second capture gets -2', async () => {
    const folder = tmp()
    await captureSource(`${base}/article`, {folder, limits})
    const second = await captureSource(`${base}/article`, {folder, limits})
    expect(second.markdown).toMatch(/reyes-2022-harrow-dam-marks-twenty-years-2\.md$/)
    expect(second.original).toMatch(/reyes-2022-harrow-dam-marks-twenty-years-2\.html$/)
  })

  it('keeps the pages of a captured PDF (sniffed from octet-stream) in the Markdown', async () => {
    const folder = tmp()
    const result = await captureSource(`${base}/download`, {folder, limits})
    expect(result.original).toMatch(/castell-2021-annual-report-harrow-river-authority\.pdf$/)
    const md = readFileSync(result.markdown, 'utf8')
    expect(md).toContain('<!-- page 2 -->')
    const corpus = await loadCorpus([folder], {baseDir: folder})
    const dam = corpus.sentences.find((s) => s.text.startsWith('The Harrow Dam stands'))!
    expect(dam).toMatchObject({page: 2, section: 'The Harrow Dam'})
    expect(corpus.sentences.find((s) => s.text.startsWith('The authority manages'))!.page).toBe(1)
  })

  it('captures a Word file served with its MIME type, and a local file', async () => {
    const folder = tmp()
    const fromUrl = await captureSource(`${base}/memo`, {folder, limits})
    expect(fromUrl.original).toMatch(/\.docx$/)
    const local = join(tmp(), 'memo.docx')
    writeFileSync(local, await makeDocx(GAZETTE))
    const fromFile = await captureSource(local, {folder, limits})
    expect(readFileSync(fromFile.markdown, 'utf8')).not.toContain('accessed:')
    expect(existsSync(fromFile.original)).toBe(true)
  })
})

/** Runs the built CLI without blocking this process (the test server must keep answering). */
function cli(args: string[], cwd: string): Promise<{code: number; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'server', 'bin', 'briefcheck.js'), ...args], {cwd, timeout: 300_000}, (error, stdout, stderr) =>
      resolve({code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr}),
    )
  })
}

describe('briefcheck add', () => {
  it('captures a served page into the first corpus folder of briefcheck.json', async () => {
    const dir = tmp()
    writeFileSync(join(dir, 'briefcheck.json'), JSON.stringify({corpus: ['sources/**/*.md']}))
    const {code, stdout, stderr} = await cli(['add', `${base}/moved`], dir)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toContain(`added ${join('sources', 'reyes-2022-harrow-dam-marks-twenty-years.md')}`)
    expect(stdout).toContain('author: Tomás Reyes')
    expect(readdirSync(join(dir, 'sources'))).toHaveLength(2)
  })

  it('writes to --to, and exits 2 with the reason on a 404', async () => {
    const dir = tmp()
    const ok = await cli(['add', `${base}/report.pdf`, '--to', 'refs'], dir)
    expect(ok.code).toBe(0)
    expect(readdirSync(join(dir, 'refs')).sort()).toEqual(['castell-2021-annual-report-harrow-river-authority.md', 'castell-2021-annual-report-harrow-river-authority.pdf'])
    const missing = await cli(['add', `${base}/gone`, '--to', 'refs'], dir)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toBe(`briefcheck: add: ${base}/gone: HTTP 404 (not found)\n`)
  })

  it('says so when no corpus folder is configured', async () => {
    const dir = tmp()
    writeFileSync(join(dir, 'briefcheck.json'), '{}')
    const {code, stderr} = await cli(['add', `${base}/article`], dir)
    expect(code).toBe(2)
    expect(stderr).toMatch(/no corpus folder configured/)
  })
})
