import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {parse as parseYaml} from 'yaml'
import {briefText} from '../../bench/lib/generate'
import {Rng} from '../../bench/lib/prng'
import {YAML_OPTIONS} from '../../server/src/engine/corpus/frontmatter'
import {plainFrontMatter} from '../../server/src/engine/corpus/plain-frontmatter'
import {collectSourceProse} from '../../server/src/engine/markdown/source-prose'
import {breathe} from '../helpers/breathe'
import {CORPUS_DIRS, filesUnder} from '../helpers/corpus-files'
import {mutateText} from '../helpers/mutate'

const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown'])

/**
 * The front-matter fast path (plain-frontmatter.ts, issues #15 and #18: a faster cold index)
 * must return exactly what the `yaml` package returns wherever it answers: on every front
 * matter of the project's corpora and the benchmark's briefs, and on generated and mutated
 * front matter built from what YAML reads in special ways (numbers, dates, null and boolean
 * words, comments, quotes and escapes, indentation, flow collections, anchors, tags, tabs).
 */
function agrees(yaml: string): boolean {
  const fast = plainFrontMatter(yaml)
  if (fast) expect(fast, yaml).toStrictEqual(parseYaml(yaml, YAML_OPTIONS))
  return fast !== undefined
}

describe('front-matter fast path: corpus front matter', () => {
  it('agrees with yaml on every front matter of the fixtures, examples, seeds and devset', async () => {
    let seen = 0
    for (const path of CORPUS_DIRS.flatMap((d) => filesUnder(d, MARKDOWN_EXTENSIONS))) {
      await breathe()
      const yaml = collectSourceProse(readFileSync(path, 'utf8')).frontmatter
      if (yaml === undefined) continue
      agrees(yaml)
      seen++
    }
    expect(seen).toBeGreaterThan(20)
  })

  it('agrees on 300 benchmark briefs and answers for all of them', async () => {
    let answered = 0
    for (let i = 0; i < 300; i++) {
      if (i % 50 === 0) await breathe()
      const yaml = collectSourceProse(briefText(i).text).frontmatter
      if (yaml !== undefined && agrees(yaml)) answered++
    }
    expect(answered).toBe(300)
  })
})

const KEYS = ['title', 'date', 'authors', 'author', 'id', 'url', 'publisher', 'a_b-c', 'x', 'null', 'True', 'y', 'no', '__proto__', 'two words', '1st', 'key ', '"title"', '? k', '- k']
const VALUES = [
  '"Water sharing and drought: an update"', '"Quoted # not a comment"', '"Esc\\"aped"', '"Tab\there"', '"Line \\n break"', '""', '"Müller & Søn"', '"it\'s"',
  "'Single quoted'", "'It''s doubled'", "''", "'a\"b'",
  'Plain words', 'Plain: colon', 'https://example.org/water/2014/x-1500', 'a #comment', 'a#b', 'ends:', 'x: y', 'Café au lait', 'it\'s', 'a  b', 'trailing ',
  '2014-10-16', '2014-1-6', '2014-10-16T10:00:00Z', '12', '007', '1.5', '1e3', '0x1F', '0o17', '.inf', '-.Inf', '.nan', '+12', '-3',
  'null', 'Null', '~', 'true', 'False', 'yes', 'No', 'on', 'off', 'y', 'n', 'Infinity', 'NaN',
  '- item', '[a, b]', '{a: 1}', '&anchor x', '*alias', '!tag x', '!!str 12', '|', '>', '%x', '@x', '`x`', '? q', 'a, b', 'x (y)', 'a=b', '50%', '~x',
]

/** Values of the shapes the fast path reads: most lines draw from these. */
const USUAL = ['"Water sharing and drought: an update"', '"Quoted # not a comment"', '"Müller & Søn"', '"it\'s"', "'Single quoted'", 'Plain words', 'https://example.org/water/2014/x-1500', 'Café au lait', "it's", 'a  b', '2014-10-16', 'x (y)', 'a, b', 'a=b', 'a#b', 'Nullable']

function frontMatter(rng: Rng): string {
  const lines: string[] = []
  for (let n = rng.int(1, 8); n > 0; n--) {
    const key = rng.chance(0.95) ? rng.pick(KEYS.slice(0, 8)) : rng.pick(KEYS)
    if (rng.chance(0.2)) {
      lines.push(`${key}:`)
      const indent = rng.pick(['  ', '  ', '', '    ', ' '])
      for (let m = rng.int(0, 3); m > 0; m--) lines.push(`${rng.chance(0.95) ? indent : rng.pick(['  ', ' ', '\t'])}- ${rng.chance(0.9) ? rng.pick(USUAL) : rng.pick(VALUES)}`)
    } else {
      lines.push(`${key}:${rng.chance(0.95) ? ' ' : rng.pick(['  ', '\t', ''])}${rng.chance(0.9) ? rng.pick(USUAL) : rng.pick(VALUES)}`)
    }
    if (rng.chance(0.05)) lines.push(rng.pick(['', '', '# comment', '  ', '---', '...', '\r']))
  }
  return lines.join('\n')
}

/** `text` with a few characters inserted, replaced or deleted: what YAML reads in special ways. */
function mutate(rng: Rng, text: string): string {
  return mutateText(rng, text, 3, () => rng.pick([' ', '\n', ':', '-', '#', '"', "'", '\\', '\t', '0', 'a', '[', '&', '*', '!', '|', '>', '%', '@', '\u0085', '\ufeff']))
}

describe('front-matter fast path: generated front matter', () => {
  it('agrees with yaml on 10,000 generated front matters, whole and mutated', async () => {
    const rng = new Rng(2026)
    let answered = 0
    for (let i = 0; i < 5000; i++) {
      if (i % 250 === 0) await breathe()
      const yaml = frontMatter(rng)
      if (agrees(yaml)) answered++
      agrees(mutate(rng, yaml))
    }
    expect(answered).toBeGreaterThan(500)
  })

  it('agrees on 3,000 mutations of benchmark front matter', async () => {
    const rng = new Rng(15)
    const originals = Array.from({length: 100}, (_, i) => collectSourceProse(briefText(2000 + i).text).frontmatter!)
    let answered = 0
    for (let i = 0; i < 3000; i++) {
      if (i % 250 === 0) await breathe()
      const yaml = originals[i % originals.length]
      if (agrees(mutate(rng, yaml))) answered++
    }
    expect(answered).toBeGreaterThan(300)
  })
})
