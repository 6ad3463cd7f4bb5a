// Issue #13: the stdio server reads past malformed frames and keeps the LSP lifecycle rules.
// Raw bytes are written to its stdin (no client library would send them); responses are awaited
// by id, never by time.
import {spawn} from 'node:child_process'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT} from '../helpers/cli'

const SERVER = join(ROOT, 'server', 'bin', 'briefcheck-language-server.js')

/** The server over raw stdio: write bytes, await responses by id. */
function rawServer() {
  const child = spawn(process.execPath, [SERVER, '--stdio'], {stdio: ['pipe', 'pipe', 'pipe']})
  let out = Buffer.alloc(0)
  let log = ''
  const responses = new Map<number, {result?: unknown; error?: {code: number; message: string}}>()
  const waiters: Array<() => void> = []
  child.stderr.on('data', (d) => (log += d))
  child.stdout.on('data', (d: Buffer) => {
    out = Buffer.concat([out, d])
    for (;;) {
      const at = out.indexOf('\r\n\r\n')
      if (at < 0) break
      const length = Number(/Content-Length: (\d+)/i.exec(out.subarray(0, at).toString())![1])
      if (out.length < at + 4 + length) break
      const message = JSON.parse(out.subarray(at + 4, at + 4 + length).toString())
      out = out.subarray(at + 4 + length)
      if (typeof message.id === 'number' && !message.method) responses.set(message.id, message)
    }
    for (const wake of waiters.splice(0)) wake()
  })
  const frame = (message: object, length?: number) => {
    const body = JSON.stringify({jsonrpc: '2.0', ...message})
    return `Content-Length: ${length ?? Buffer.byteLength(body)}\r\n\r\n${body}`
  }
  return {
    child,
    log: () => log,
    send: (bytes: string) => child.stdin.write(bytes),
    frame,
    async response(id: number) {
      while (!responses.has(id)) await new Promise<void>((wake) => waiters.push(wake))
      return responses.get(id)!
    },
    // 'close', not 'exit': stderr may still hold the last log lines when the process has exited.
    exited: new Promise<number | null>((resolve) => child.on('close', resolve)),
  }
}

const INIT = {processId: null, rootUri: null, capabilities: {}}

describe('the stdio server under malformed frames and lifecycle errors', () => {
  it('skips frames with no or a wrong Content-Length, logs them, and answers the next request', async () => {
    const s = rawServer()
    s.send(s.frame({id: 1, method: 'initialize', params: INIT}))
    expect((await s.response(1)).result).toBeTruthy()
    s.send(s.frame({method: 'initialized', params: {}}))
    s.send(`\r\n\r\n${JSON.stringify({jsonrpc: '2.0', id: 2, method: 'workspace/executeCommand', params: {command: 'x'}})}`)
    s.send(s.frame({id: 3, method: 'textDocument/documentSymbol', params: {textDocument: {uri: 'file:///nowhere.md'}}}, 5))
    s.send(s.frame({id: 4, method: 'textDocument/documentSymbol', params: {textDocument: {uri: 'file:///nowhere.md'}}}, 5000))
    s.send('Content-Length: abc\r\n\r\n{"jsonrpc":"2.0","id":5,"method":"shutdown"}')
    s.send(s.frame({id: 6, method: 'shutdown'}))
    expect(await s.response(6)).toMatchObject({result: null})
    s.send(s.frame({method: 'exit'}))
    expect(await s.exited).toBe(0)
    // The skipped frames were never answered, and each was logged once.
    expect(s.log().match(/skipped a frame without a Content-Length header/g)).toHaveLength(2)
    expect(s.log().match(/skipped a frame whose Content-Length \(\d+\) is not its body's length/g)).toHaveLength(2)
  })

  it('answers ServerNotInitialized before initialize, refuses a second initialize and requests after shutdown', async () => {
    const s = rawServer()
    s.send(s.frame({id: 1, method: 'textDocument/hover', params: {textDocument: {uri: 'file:///a.md'}, position: {line: 0, character: 0}}}))
    expect((await s.response(1)).error?.code).toBe(-32002)
    s.send(s.frame({id: 2, method: 'initialize', params: INIT}))
    expect((await s.response(2)).result).toBeTruthy()
    s.send(s.frame({id: 3, method: 'initialize', params: INIT}))
    expect((await s.response(3)).error?.code).toBe(-32600)
    s.send(s.frame({method: 'initialized', params: {}}))
    s.send(s.frame({id: 4, method: 'shutdown'}))
    expect(await s.response(4)).toMatchObject({result: null})
    s.send(s.frame({id: 5, method: 'textDocument/hover', params: {textDocument: {uri: 'file:///a.md'}, position: {line: 0, character: 0}}}))
    expect((await s.response(5)).error?.code).toBe(-32600)
    s.send(s.frame({method: 'exit'}))
    expect(await s.exited).toBe(0)
  })
})
