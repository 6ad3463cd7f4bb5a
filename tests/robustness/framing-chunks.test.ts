// Issue #13: how a pipe cuts the server's input into chunks is up to the operating system and the
// machine's load. The malformed-frame reader must give the same messages and the same log lines
// wherever the cuts fall (a frame declaring more bytes than its JSON once scanned on into the
// next frame when the cut fell right after its JSON).
import {PassThrough} from 'node:stream'
import {describe, expect, it} from 'vitest'
import type {Message} from 'vscode-languageserver/node'
import {TolerantMessageReader} from '../../server/src/protocol/framing'
import {breathe} from '../helpers/breathe'

const frame = (message: object, length?: number) => {
  const body = JSON.stringify({jsonrpc: '2.0', ...message})
  return `Content-Length: ${length ?? Buffer.byteLength(body)}\r\n\r\n${body}`
}

const symbols = (id: number) => ({id, method: 'textDocument/documentSymbol', params: {textDocument: {uri: 'file:///n.md'}}})

// Good frames around each kind of bad one: no header, a short and a long declared length,
// an unreadable length, white space the header counts, a body that is not JSON.
const INPUT = Buffer.from(
  [
    frame({id: 1, method: 'initialize', params: {}}),
    `\r\n\r\n${JSON.stringify({jsonrpc: '2.0', id: 2, method: 'x'})}`,
    frame(symbols(3), 5),
    frame(symbols(4), 5000),
    'Content-Length: abc\r\n\r\n{"jsonrpc":"2.0","id":5,"method":"shutdown"}',
    frame(symbols(6)),
    `Content-Length: ${Buffer.byteLength(JSON.stringify({jsonrpc: '2.0', id: 7, method: 'y'})) + 2}\r\n\r\n${JSON.stringify({jsonrpc: '2.0', id: 7, method: 'y'})}\r\n`,
    'Content-Length: 3\r\n\r\nnul',
    frame({id: 8, method: 'shutdown'}),
  ].join(''),
)

/** Feeds `chunks` one by one and returns what the reader delivered and logged. */
async function read(chunks: Buffer[]): Promise<{ids: unknown[]; log: string[]}> {
  const stream = new PassThrough()
  const log: string[] = []
  const ids: unknown[] = []
  new TolerantMessageReader(stream, (m) => log.push(m)).listen((message: Message) => ids.push((message as {id?: unknown}).id))
  for (const chunk of chunks) {
    stream.write(chunk)
    await breathe()
  }
  return {ids, log}
}

describe('reading frames from a pipe', () => {
  it('gives the same messages and log lines wherever the chunks are cut', async () => {
    const whole = await read([INPUT])
    expect(whole.ids).toEqual([1, 6, 7, 8])
    expect(whole.log.filter((l) => l.includes('without a Content-Length'))).toHaveLength(2)
    expect(whole.log.filter((l) => l.includes('is not its body')).length).toBeGreaterThanOrEqual(2)
    for (let cut = 1; cut < INPUT.length; cut++) {
      expect(await read([INPUT.subarray(0, cut), INPUT.subarray(cut)]), `cut at byte ${cut}`).toEqual(whole)
    }
    // And byte by byte.
    expect(await read([...INPUT].map((b) => Buffer.from([b])))).toEqual(whole)
  })
})
