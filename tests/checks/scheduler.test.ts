// When the scheduler checks a draft (issue #12), asserted by what is published and in what
// order, never by durations: an open is checked at once even though vscode-languageserver
// reports every open as a change too, and a check lets requests that arrived during a slice
// finish before its next slice.
import {describe, expect, it} from 'vitest'
import type {CheckResult} from '../../server/src/engine/check'
import {DEFAULT_CONFIG} from '../../server/src/engine/config'
import {createEngine} from '../../server/src/engine/service'
import {MemoryStore} from '../../server/src/engine/store/memory'
import {CheckScheduler, type OpenDraft} from '../../server/src/workspace/scheduler'
import {tinyCorpus} from '../helpers/tiny-corpus'

const DRAFT = 'The Orrin Dam will stand 90 metres tall.\n'
/** Longer than any test may run: a check that waited for it would never be published. */
const HOUR = 3_600_000

function host(drafts: Map<string, OpenDraft>, corpus = tinyCorpus()) {
  const engine = createEngine({store: new MemoryStore(corpus), config: DEFAULT_CONFIG})
  const published: Array<{uri: string; version: number; result: CheckResult | undefined}> = []
  let onPublish = () => {}
  return {
    published,
    next: () => new Promise<void>((resolve) => (onPublish = resolve)),
    host: {
      current: (uri: string) => drafts.get(uri),
      engineFor: () => engine,
      publish: (uri: string, version: number, result: CheckResult | undefined) => {
        published.push({uri, version, result})
        onPublish()
      },
      log: () => {},
    },
  }
}

describe('the check scheduler', () => {
  it('checks a draft as soon as it is opened, though the open also arrives as a change', async () => {
    const drafts = new Map([['file:///a.md', {version: 1, text: DRAFT}]])
    const h = host(drafts)
    const scheduler = new CheckScheduler(h.host, {debounceMs: HOUR, sliceMs: 15})
    scheduler.start()
    const published = h.next()
    // What TextDocuments fires on didOpen: onDidOpen, then onDidChangeContent.
    scheduler.opened('file:///a.md')
    scheduler.changed('file:///a.md')
    await published
    expect(h.published.map((p) => [p.uri, p.version, p.result?.messages.some((m) => m.ruleId === 'figure-conflict')])).toEqual([['file:///a.md', 1, true]])
    scheduler.closed('file:///a.md')
  })

  it('still debounces the edits that follow an open', async () => {
    const drafts = new Map([['file:///b.md', {version: 1, text: DRAFT}]])
    const h = host(drafts)
    const scheduler = new CheckScheduler(h.host, {debounceMs: HOUR, sliceMs: 15})
    scheduler.start()
    const first = h.next()
    scheduler.opened('file:///b.md')
    scheduler.changed('file:///b.md')
    await first
    drafts.set('file:///b.md', {version: 2, text: `${DRAFT}More text.\n`})
    scheduler.changed('file:///b.md')
    // Turns enough for an undebounced check of this one-sentence draft to be published.
    for (let i = 0; i < 200; i++) await new Promise((resolve) => setImmediate(resolve))
    expect(h.published.map((p) => p.version)).toEqual([1])
    scheduler.closed('file:///b.md')
  })

  it('lets a request that arrived during a slice be dispatched and answered before the next slice', async () => {
    const text = Array.from({length: 60}, (_, i) => `The Orrin Dam will stand ${90 + (i % 40)} metres tall, officials in district ${i} said.`).join('\n\n')
    const drafts = new Map([['file:///c.md', {version: 1, text}]])
    // Each sentence's check retrieves from the corpus: counting retrievals counts slices.
    let retrievals = 0
    let request: Promise<{before: number; after: number}> | undefined
    const corpus = tinyCorpus()
    const counting = new Proxy(corpus, {
      get(target, key) {
        if (key === 'retrieve') {
          return (query: string, limit?: number) => {
            // The request arrives during the tenth retrieval's slice.
            if (++retrievals === 10) request = answered(retrievals)
            return target.retrieve(query, limit)
          }
        }
        const value = Reflect.get(target, key, target)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    // A request's way through the server: one setImmediate after another. A hover and a
    // completion sent together take six: two dispatches by vscode-jsonrpc (one message a
    // turn), runSafe's turn for each, the writer's turn for each response.
    const answered = (before: number) =>
      new Promise<{before: number; after: number}>((resolve) => {
        let turns = 0
        const turn = () => (++turns === 6 ? resolve({before, after: retrievals}) : setImmediate(turn))
        setImmediate(turn)
      })
    const h = host(drafts, counting as typeof corpus)
    // Slices of no length: a pause after every sentence.
    const scheduler = new CheckScheduler(h.host, {debounceMs: HOUR, sliceMs: 0})
    scheduler.start()
    const published = h.next()
    scheduler.opened('file:///c.md')
    await published
    expect(request).toBeDefined()
    // No sentence was checked between the request's arrival and its answer, and the check went on after.
    const {before, after} = await request!
    expect(after).toBe(before)
    expect(retrievals).toBeGreaterThan(before)
    scheduler.closed('file:///c.md')
  })
})
