import {describe, expect, it} from 'vitest'
import {extractDocument} from '../../server/src/engine/corpus/formats/index'

// Metadata rules learnt from real news pages (issue #19), on invented pages: each page states
// its metadata in one scheme and contradicts it in another, as the measured pages did.

const BODY = [
  'The harbour board approved the new breakwater after two years of hearings with the fishing cooperatives.',
  'Construction will start in the spring and close the northern channel to pleasure boats for one season.',
  'Engineers expect the structure to cut winter wave heights inside the harbour by more than a third.',
].map((p) => `<p>${p}</p>`).join('\n')

const page = (head: string, header: string, extra = ''): Uint8Array =>
  new TextEncoder().encode(`<!doctype html><html><head>${head}</head><body>
<header><h1><a href="/">The Coast Ledger</a></h1></header>
<main><article>${header}${BODY}</article></main>
<aside><ul><li><a href="/other">Another story entirely about tides</a> <span class="byline">Petra Lind</span> <span>March 2, 2011</span></li></ul></aside>
${extra}</body></html>`)

const read = async (bytes: Uint8Array) => (await extractDocument('html', bytes)).meta

describe('HTML metadata on real pages', () => {
  it('reads JSON-LD wrapped in CDATA, so its headline beats a different share title', async () => {
    const ld = '{"@context":"http://schema.org","@type":"NewsArticle","headline":"Harbour board approves breakwater","datePublished":"2021-05-04T09:00:00Z","author":[{"@type":"Person","name":"Ines Varga"}]}'
    const meta = await read(page(`<script type="application/ld+json">\n<![CDATA[\n${ld}\n]]>\n</script><meta property="og:title" content="Why the harbour is changing forever">`, '<h1>Why the harbour is changing forever</h1>'))
    expect(meta).toMatchObject({title: 'Harbour board approves breakwater', authors: ['Ines Varga'], date: '2021-05-04'})
  })

  it("prefers schema.org datePublished (microdata) over JSON-LD's dateCreated", async () => {
    const ld = '{"@type":"NewsArticle","headline":"Harbour board approves breakwater","dateCreated":"2021-05-05T10:41:00Z"}'
    const meta = await read(page(`<script type="application/ld+json">${ld}</script>`, '<h1>Harbour board approves breakwater</h1><time itemprop="datePublished" datetime="2021-05-04T14:15+0000">4 May 2021</time>'))
    expect(meta.date).toBe('2021-05-04')
  })

  it('takes the date printed beside the headline when the head names none, not a date in a side list', async () => {
    const above = await read(page('<title>Harbour board approves breakwater</title>', '<span class="dateline">Tuesday, May 4, 2021 11:57 AM UTC</span><h1>Harbour board approves breakwater</h1>'))
    expect(above.date).toBe('2021-05-04')
    const below = await read(page('<title>Harbour board approves breakwater</title>', '<h1>Harbour board approves breakwater</h1><ul><li>by: Ines Varga</li><li>From: The Coast Ledger</li><li><span>May 4, 2021</span> <span>9:00PM</span></li></ul>'))
    expect(below.date).toBe('2021-05-04')
    const none = await read(page('<title>Harbour board approves breakwater</title>', '<h1>Harbour board approves breakwater</h1>'))
    expect(none.date).toBeUndefined()
  })

  it('ends a byline at the job title: the unit named after it is not more authors', async () => {
    const meta = await read(page('<title>Harbour board approves breakwater</title>', '<h1>Harbour board approves breakwater</h1><div class="byline">By <a href="/bio/iv">Ines Varga</a>, Senior Staff Engineer, Coast Ledger Ports, Shipping, and Fisheries Project</div>'))
    expect(meta.authors).toEqual(['Ines Varga'])
  })

  it('reads a byline name with a parenthesised nickname, before a side list of other bylines', async () => {
    const meta = await read(page('<title>Harbour board approves breakwater</title>', '<h1>Harbour board approves breakwater</h1><span class="byline"><a rel="author" href="/w/ok">Oskar (O.J.) Kell</a></span>'))
    expect(meta.authors).toEqual(['Oskar (O.J.) Kell'])
  })

  it('names no author for a newsroom credit', async () => {
    const ld = '{"@type":"NewsArticle","headline":"Harbour board approves breakwater","author":[{"@type":"Person","name":"Our Harbour Staff"}]}'
    const meta = await read(page(`<script type="application/ld+json">${ld}</script>`, '<h1>Harbour board approves breakwater</h1>'))
    expect(meta.authors).toEqual([])
  })
})
