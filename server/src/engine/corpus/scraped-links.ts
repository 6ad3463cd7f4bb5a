/**
 * Cleans one line of web-scraped plain text: Markdown-ish link residue left by HTML-to-text
 * converters (`[text \(/path\)](/path)`, `[text](#)`, `![alt](src)`, `(<https://…>)`,
 * `<https://…>`) and backslash escapes (`\(`, `\*`). The result is a list of kept ranges of the
 * original string, so every kept character still knows where it came from.
 *
 * Written as a single left-to-right scan instead of regexes: link text may hold escaped
 * parentheses and URLs may hold balanced parentheses, which regexes only handle with nested
 * quantifiers (the backtracking risk this corpus-wide pass must avoid). Every scan that looks
 * ahead is bounded (`MAX_URL`) or cached (`closeBracket`), so a line costs O(length).
 */

/** A kept run `[start, end)` of the original text; `link` when it was the text of a link. */
export interface Piece {
  start: number
  end: number
  link: boolean
}

export interface CleanLine {
  pieces: Piece[]
  text: string
  /** Letters and digits inside link texts, and in the whole kept line. */
  linkAlnum: number
  alnum: number
  /** The line held link or URL residue (even if its text was kept). */
  hadLinks: boolean
}

/** Longest URL we look for a closing parenthesis in; bounds the look-ahead (linear time). */
const MAX_URL = 1024
const ALNUM = /[\p{L}\p{N}]/u
/** Decorative glyphs that end articles or separate items; never punctuation. */
const ORNAMENT = /[❖◆◇■□▪▫●○◉►▶▸✦✧★☆※⁂∎]/u

function isAsciiPunct(c: string): boolean {
  const code = c.charCodeAt(0)
  return (code >= 33 && code <= 47) || (code >= 58 && code <= 64) || (code >= 91 && code <= 96) || (code >= 123 && code <= 126)
}

/**
 * Index of the `)` closing the `(` at `open`, honouring nesting and backslash escapes;
 * -1 if none within MAX_URL characters or before `limit`.
 */
function closeParen(s: string, open: number, limit: number): number {
  let depth = 0
  const stop = Math.min(limit, open + MAX_URL)
  for (let i = open; i < stop; i++) {
    const c = s[i]
    if (c === '\\') {
      i++
      continue
    }
    if (c === '(') depth++
    else if (c === ')') {
      depth--
      if (depth === 0) return i
    } else if (c === '\n' || c === '[' || c === ']' || c === '<') return -1
    // A destination has no spaces, except before a quoted title: `(url "title")`.
    else if (c === ' ' && s[i + 1] !== '"' && s[i + 1] !== "'") return -1
  }
  return -1
}

/** True when `s` at `i` starts a URL scheme such as `https://` or `mailto:`. */
function startsUrl(s: string, i: number): boolean {
  // Bounded: looks at most 12 characters ahead.
  const head = s.slice(i, i + 12).toLowerCase()
  return head.startsWith('http://') || head.startsWith('https://') || head.startsWith('mailto:') || head.startsWith('www.') || head.startsWith('ftp://')
}

/**
 * Cleans `s.slice(start, end)` (one line, no line break inside).
 */
export function cleanLine(s: string, start: number, end: number): CleanLine {
  const pieces: Piece[] = []
  let hadLinks = false
  // Start of the pending plain-text run.
  let runStart = start

  const pushRange = (from: number, to: number, link: boolean): void => {
    // Split out backslash escapes before ASCII punctuation (`\(` → `(`).
    let a = from
    for (let i = from; i < to - 1; i++) {
      if (s[i] === '\\' && isAsciiPunct(s[i + 1])) {
        if (i > a) pieces.push({start: a, end: i, link})
        a = i + 1
        i++
      }
    }
    if (to > a) pieces.push({start: a, end: to, link})
  }
  const flush = (to: number): void => {
    if (to > runStart) pushRange(runStart, to, false)
  }
  /** Drops trailing spaces of the pending run (the space before removed residue). */
  const trimRunEnd = (to: number): number => {
    let t = to
    while (t > runStart && (s[t - 1] === ' ' || s[t - 1] === '\t')) t--
    return t
  }

  // Cache of the first `]` at or after a position: a failed `[` scan tells later `[` where
  // the bracket closes, so runs of `[[[[` cost O(n) in total.
  let cachedCloseFrom = -1
  let cachedClose = -1
  const closeBracket = (from: number): number => {
    if (cachedCloseFrom !== -1 && from >= cachedCloseFrom && (cachedClose === -1 || from <= cachedClose)) return cachedClose
    let found = -1
    for (let i = from; i < end; i++) {
      const c = s[i]
      if (c === '\\') {
        i++
        continue
      }
      if (c === ']') {
        found = i
        break
      }
    }
    cachedCloseFrom = from
    cachedClose = found
    return found
  }

  let failedParen = -1
  let i = start
  while (i < end) {
    const c = s[i]
    if (c === '\\' && i + 1 < end) {
      i += 2
      continue
    }
    // `(<https://…>)` and `<https://…>`: URL residue, dropped with the space before it.
    if ((c === '(' && s[i + 1] === '<' && startsUrl(s, i + 2)) || (c === '<' && startsUrl(s, i + 1))) {
      const paren = c === '('
      // Bounded look-ahead for `>` (never past the line or MAX_URL characters).
      let close = -1
      const stop = Math.min(end, i + MAX_URL)
      for (let k = i + 2; k < stop; k++) {
        const ch = s[k]
        if (ch === '>') {
          close = k
          break
        }
        if (ch === ' ' || ch === '<') break
      }
      if (close !== -1 && (!paren || s[close + 1] === ')')) {
        hadLinks = true
        flush(trimRunEnd(i))
        i = paren ? close + 2 : close + 1
        runStart = i
        continue
      }
    }
    if (c === '[' || (c === '!' && s[i + 1] === '[')) {
      const image = c === '!'
      const open = image ? i + 1 : i
      const close = closeBracket(open + 1)
      if (close !== -1 && s[close + 1] === '(' && close !== failedParen) {
        const urlEnd = closeParen(s, close + 1, end)
        // Remember a failed destination: every `[` before this `]` would rescan it.
        if (urlEnd === -1) failedParen = close
        if (urlEnd !== -1) {
          hadLinks = true
          flush(image ? trimRunEnd(i) : i)
          if (!image) {
            // Link text, minus a trailing escaped path `\(/path\)` some converters append.
            let textEnd = close
            let t = textEnd
            while (t > open + 1 && s[t - 1] === ' ') t--
            if (t - 2 > open && s[t - 1] === ')' && s[t - 2] === '\\') {
              const esc = s.lastIndexOf('\\(', t - 3)
              if (esc > open && !/\s/.test(s.slice(esc + 2, t - 2))) textEnd = esc
            }
            let a = open + 1
            while (a < textEnd && /\s/.test(s[a])) a++
            let b = textEnd
            while (b > a && /\s/.test(s[b - 1])) b--
            if (b > a) pushRange(a, b, true)
          }
          i = urlEnd + 1
          runStart = i
          continue
        }
      }
    }
    i++
  }
  flush(end)

  // Trim whitespace at both ends of the kept text.
  while (pieces.length > 0) {
    const p = pieces[0]
    let a = p.start
    while (a < p.end && /\s/.test(s[a])) a++
    if (a === p.end) pieces.shift()
    else {
      p.start = a
      break
    }
  }
  while (pieces.length > 0) {
    const p = pieces[pieces.length - 1]
    let b = p.end
    // Trailing whitespace and end-of-article ornaments (`… matters. ❖`).
    while (b > p.start && (/\s/.test(s[b - 1]) || ORNAMENT.test(s[b - 1]))) b--
    if (b === p.start) pieces.pop()
    else {
      p.end = b
      break
    }
  }

  let text = ''
  let alnum = 0
  let linkAlnum = 0
  for (const p of pieces) {
    const chunk = s.slice(p.start, p.end)
    text += chunk
    for (const ch of chunk) {
      if (ALNUM.test(ch)) {
        alnum++
        if (p.link) linkAlnum++
      }
    }
  }
  return {pieces, text, alnum, linkAlnum, hadLinks}
}

/** Pieces of `pieces` after dropping the first `n` characters of their concatenated text. */
export function dropPrefix(pieces: Piece[], n: number): Piece[] {
  const out: Piece[] = []
  let left = n
  for (const p of pieces) {
    const len = p.end - p.start
    if (left >= len) {
      left -= len
      continue
    }
    out.push({start: p.start + left, end: p.end, link: p.link})
    left = 0
  }
  return out
}
