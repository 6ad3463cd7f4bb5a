/**
 * Characters a segment grows to before the next safe boundary closes it. remark parses a
 * 20,000-word draft (about 120 kB) in one synchronous call of 300–700 ms (measured on the
 * two-core CI machine, `bench/lsp-latency.ts`); in pieces of this size one piece takes a few
 * milliseconds, so the language server can answer requests between them (issue #12). Smaller
 * pieces cost throughput: each parse sets up micromark and mdast-util-from-markdown again, and
 * a 5,000-word draft read in pieces of 1,024 took 40–60% more CPU than one whole parse, in
 * pieces of 2,048 20–30% (both cores busy). The longest piece left is the first parse of a
 * server's first long draft, before micromark's code is optimised (`bench/slice-trace.ts`).
 */
export const SEGMENT_CHARS = 2048

/** A run of whole top-level blocks: `[start, end)` offsets in the draft. */
export interface Segment {
  start: number
  end: number
}

/**
 * Cuts a draft into runs of top-level blocks that remark parses the same apart as together,
 * so a first read can parse them one by one with yields between (incremental.ts). remark has
 * no resumable parse, hence this scan; it is deliberately conservative and only finds places
 * where CommonMark closes every open block:
 *
 * - a blank line followed by a line at column 0 (a blank line then an unindented line ends
 *   every list, block quote, footnote definition, indented code and HTML block of kinds 6–7);
 * - not before a list marker, `-`, `+` or `*` (a loose list goes on after a blank line; a `---`
 *   at the top of a piece would read as front matter);
 * - not inside front matter, a fenced code block or an HTML block of kinds 1–5 (comments,
 *   `<pre>`, `<script>`, `<?`, `<!X`, CDATA), which blank lines do not end.
 *
 * Where the scan is unsure it finds no boundary, which costs speed, never results: tests read
 * fixtures and random drafts both ways. Link and footnote definitions are handled by the
 * reader (a piece is parsed with the definitions it names). Linear in the text, one pass.
 */
export function blockSegments(text: string, target = SEGMENT_CHARS, limit = Number.POSITIVE_INFINITY): Segment[] {
  const out: Segment[] = []
  let start = 0
  let pos = 0
  let blankBefore = false
  const front = frontMatterOpener(text)
  let closes = front?.closes
  if (front) pos = front.length
  while (pos < text.length) {
    const newline = text.indexOf('\n', pos)
    const end = newline < 0 ? text.length : newline + 1
    const line = text.slice(pos, newline < 0 ? text.length : newline)
    if (closes) {
      if (closes(line)) closes = undefined
      blankBefore = false
    } else {
      const blank = /^[ \t]*\r?$/.test(line)
      if (!blank && blankBefore && pos - start >= target && startsTopLevel(line)) {
        out.push({start, end: pos})
        start = pos
        if (out.length >= limit) return out
      }
      closes = opener(line)
      blankBefore = blank
    }
    pos = end
  }
  out.push({start, end: text.length})
  return out
}

/**
 * Front matter opening the text (`---` or `+++` on its first line): the length of that line and
 * the test for the line that closes it. Both line scans (`blockSegments`, source-prose.ts's
 * `plainParagraphs`) skip front matter this way.
 */
export function frontMatterOpener(text: string): {length: number; closes: (line: string) => boolean} | undefined {
  const front = /^(---|\+\+\+)[ \t]*\r?(?:\n|$)/.exec(text)
  if (!front) return undefined
  const close = new RegExp(`^\\${front[1][0]}{3}[ \\t]*\\r?$`)
  return {length: front[0].length, closes: (line) => close.test(line)}
}

/** An unindented line that cannot continue the block before a blank line (see `blockSegments`). */
function startsTopLevel(line: string): boolean {
  return /^[^\s\-+*]/.test(line) && !/^\d{1,9}[.)](?:[ \t]|\r?$)/.test(line)
}

const FENCE = /^ {0,3}(`{3,})[^`]*$|^ {0,3}(~{3,})/
const RAW_HTML = /^ {0,3}<(script|pre|style|textarea)(?:[\s>]|$)/i

/**
 * When `line` opens a block that blank lines do not close, the test for the line that closes
 * it; undefined otherwise (or when it closes on the same line).
 */
export function opener(line: string): ((line: string) => boolean) | undefined {
  const fence = FENCE.exec(line)
  if (fence) {
    const marks = fence[1] ?? fence[2]
    const close = new RegExp(`^ {0,3}\\${marks[0]}{${marks.length},}[ \\t]*\\r?$`)
    return (next) => close.test(next)
  }
  const raw = RAW_HTML.exec(line)
  if (raw) return untilContains(line, `</${raw[1].toLowerCase()}>`, true)
  const indent = /^ {0,3}</.exec(line)
  if (!indent) return undefined
  const rest = line.slice(indent[0].length - 1)
  if (rest.startsWith('<!--')) return untilContains(rest.slice(4), '-->')
  if (rest.startsWith('<?')) return untilContains(rest.slice(2), '?>')
  if (rest.startsWith('<![CDATA[')) return untilContains(rest.slice(9), ']]>')
  if (/^<![A-Za-z]/.test(rest)) return untilContains(rest.slice(2), '>')
  return undefined
}

/** Open until a line holds `end` (already closed when `first`, the rest of the opening line, holds it). */
function untilContains(first: string, end: string, ignoreCase = false): ((line: string) => boolean) | undefined {
  const holds = (s: string) => (ignoreCase ? s.toLowerCase() : s).includes(end)
  if (holds(first)) return undefined
  return holds
}
