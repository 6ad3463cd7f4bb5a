/**
 * Measures one corpus size in its own process (so peak RSS is this size's alone): cold index,
 * cache-populating index, warm load through the language server's disk cache, full check and
 * re-check of each draft paired with remark-parse / textlint / markdownlint, hover and
 * completion. Started by bench/run.ts; writes its result as JSON to the path it is given.
 *
 *   node --import tsx --expose-gc bench/worker.ts '{"briefs":1000,"drafts":[1000,5000],"budgetMs":120000,"out":"/tmp/r.json"}'
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {TextDocument} from 'vscode-languageserver-textdocument'
import {createEngine} from '../server/src/engine/service'
import {MemoryStore} from '../server/src/engine/store/memory'
import {DEFAULT_CONFIG} from '../server/src/engine/config'
import {loadCorpus} from '../server/src/engine/corpus/load'
import {defaultWorkerCount, parsePool} from '../server/src/engine/corpus/parse-pool'
import {measureServer, type ServerRun} from './lib/server'
import type {Corpus} from '../server/src/engine/corpus/corpus'
import {completionInputOf, getCompletions} from '../server/src/features/completion'
import {getHover} from '../server/src/features/hover'
import type {FeatureState} from '../server/src/features/state'
import {DiskCorpusCache} from '../server/src/workspace/corpus-cache'
import {corpusDir, type CorpusManifest} from './lib/corpora'
import {draftText, editOneSentence} from './lib/generate'
import {repeat, round, rounds, type Timing} from './lib/measure'
import {loadPeers, remarkParseOnly, type Peers} from './lib/peers'

export interface WorkerInput {
  briefs: number
  manifest: CorpusManifest
  drafts: number[]
  /** Time this worker may spend on measuring (ms); every measurement runs at least once. */
  budgetMs: number
  maxRuns: number
  /** Also time textlint and markdownlint in the rounds. */
  peers: boolean
  /** Also start the language server over stdio on a cold and a warm cache. */
  server: boolean
  out: string
}

export interface DraftResult {
  words: number
  chars: number
  findings: number
  /**
   * The draft's first check in this process: the corpus's per-sentence memos (terms, figures,
   * alignment windows) and retrieval cache still empty, as at a server's first diagnostics.
   */
  firstCheckMs: number
  /** Retrieval work of that first check: queries, postings walked, candidate–term lookups (`SentenceIndex.stats`). */
  firstCheckSearch: {queries: number; postings: number; completions: number}
  /** Full check of the draft through the engine service (a document it has not seen; later rounds: the corpus's memos are warm). */
  check: Timing
  /** Check after a one-sentence edit: the engine keeps the document's parse and findings (as in the server). */
  recheck: Timing
  remarkParse: Timing
  textlint?: Timing
  markdownlint?: Timing
  /** Medians of per-round ratios. */
  ratios: {checkVsRemark: number; recheckVsRemark: number; checkVsTextlint?: number; checkVsMarkdownlint?: number}
}

export interface WorkerResult {
  briefs: number
  corpus: {sources: number; sentences: number; words: number; megabytes: number; problems: number}
  cold: Timing & {mbPerSecond: number}
  coldWithCacheWrite: Timing
  warm: Timing & {indexHit: boolean; sourceHits: number; sourceMisses: number}
  cacheMegabytes: number
  drafts: DraftResult[]
  hover: {claim: Timing; finding: Timing}
  completion: {key: Timing; quote: Timing; keyItems: number; quoteItems: number}
  heapAfterLoadMb: number
  peakRssMb: number
  peakRssAfterColdMb: number
  /** The language server over stdio (bench/lib/server.ts): a cold and a warm cache. */
  server?: {cold: ServerRun; warm: ServerRun}
  /** Parse workers the cold index ran. */
  workers: number
  notes: string[]
}

const gc = (globalThis as {gc?: () => void}).gc ?? (() => {})

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2]) as WorkerInput
  const started = performance.now()
  const left = () => input.budgetMs - (performance.now() - started)
  const notes: string[] = []
  const dir = corpusDir(input.briefs)
  const patterns = [dir]
  const opts = {baseDir: dir}
  const config = DEFAULT_CONFIG
  const log = (s: string) => process.stderr.write(`  [${input.briefs}] ${s}\n`)

  // Cold: parse every file and build the index, no cache. The parse workers are started
  // first: a cold index is timed, not the start of threads (or, from the sources, their bundling).
  const workers = defaultWorkerCount(false)
  await parsePool(workers).start()
  // Each worker loads its parsers and compiles them on its first files: the first 20 briefs warm them.
  await loadCorpus([join(dir, '000', 'brief-0000*.md'), join(dir, '000', 'brief-0001*.md')], opts)
  let corpus: Corpus | undefined
  const cold = await repeat(
    async () => {
      corpus = undefined
      gc()
      corpus = await loadCorpus(patterns, opts)
    },
    {max: input.maxRuns, min: 1, budgetMs: input.budgetMs * 0.15},
  )
  const mb = input.manifest.bytes / 1e6
  log(`cold index ${cold.medianMs} ms (${cold.runs} runs)`)
  const peakRssAfterColdMb = round(process.resourceUsage().maxRSS / 1024, 0)

  // Populate the language server's disk cache, then load from it (warm).
  const cacheDir = mkdtempSync(join(tmpdir(), 'briefcheck-bench-cache-'))
  let warm: WorkerResult['warm']
  let coldWithCacheWrite: Timing
  let cacheMegabytes = 0
  try {
    corpus = undefined
    gc()
    coldWithCacheWrite = await repeat(
      async () => {
        const cache = new DiskCorpusCache(cacheDir)
        cache.beginLoad()
        corpus = await loadCorpus(patterns, {...opts, cache})
        await cache.flush()
      },
      {max: 1, min: 1, budgetMs: 0},
    )
    cacheMegabytes = round(dirBytes(cacheDir) / 1e6, 1)
    let stats = {indexHit: false, sourceHits: 0, sourceMisses: 0}
    const warmTiming = await repeat(
      async () => {
        corpus = undefined
        gc()
        const cache = new DiskCorpusCache(cacheDir)
        cache.beginLoad()
        corpus = await loadCorpus(patterns, {...opts, cache})
        stats = cache.stats
      },
      {max: input.maxRuns, min: 3, budgetMs: Math.max(0, Math.min(input.budgetMs * 0.15, left() * 0.2))},
    )
    warm = {...warmTiming, ...stats}
    if (!stats.indexHit) notes.push('warm load did not hit the cached index (rebuilt it)')
    log(`warm load ${warm.medianMs} ms (${warm.runs} runs, index hit ${stats.indexHit})`)
  } finally {
    rmSync(cacheDir, {recursive: true, force: true})
  }
  const loaded = corpus!
  gc()
  const heapAfterLoadMb = round(process.memoryUsage().heapUsed / 1e6, 0)

  // Drafts: full check, re-check after an edit, and the peer tools, round by round.
  const peers: Peers | undefined = input.peers ? await loadPeers() : undefined
  const drafts: DraftResult[] = []
  let state: FeatureState | undefined
  let doc: TextDocument | undefined
  const sorted = [...input.drafts].sort((a, b) => a - b)
  // Every check goes through the engine service, as the server's and the CLI's do (issue #12).
  const engine = createEngine({store: new MemoryStore(loaded), config})
  let fresh = 0
  /** A full check: a document the engine has not seen, forgotten afterwards. */
  const checkFresh = async (text: string) => {
    const uri = `file:///ws/fresh-${fresh++}.md`
    try {
      return await engine.check(uri, 1, text)
    } finally {
      engine.close(uri)
    }
  }
  for (let i = 0; i < sorted.length; i++) {
    const words = sorted[i]
    const text = draftText(words)
    const edited = editOneSentence(text).text
    const searched = {...loaded.index.stats}
    const firstStarted = performance.now()
    const first = await checkFresh(text)
    const firstCheckMs = round(performance.now() - firstStarted)
    const {queries, postings, completions} = loaded.index.stats
    const firstCheckSearch = {queries: queries - searched.queries, postings: postings - searched.postings, completions: completions - searched.completions}
    if (words === 5000 || (i === sorted.length - 1 && !state)) {
      doc = TextDocument.create('file:///ws/draft.md', 'markdown', 1, text)
      state = {corpus: loaded, config, result: first, workspaceRoot: '/ws'}
    }
    // A re-check as the language server does it: the engine keeps the document's previous
    // parse and sentence findings, and each round alternates between the two versions so every
    // timed call follows a real one-sentence edit.
    const uri = `file:///ws/recheck-${words}.md`
    let version = 1
    await engine.check(uri, version, text)
    let showEdited = false
    const fns: Record<string, () => unknown> = {
      check: () => checkFresh(text),
      recheck: () => {
        showEdited = !showEdited
        return engine.check(uri, ++version, showEdited ? edited : text)
      },
      remarkParse: () => remarkParseOnly(text),
    }
    if (peers) {
      fns.textlint = () => peers.textlint(text)
      fns.markdownlint = () => peers.markdownlint(text)
    }
    // Warm-up (JIT, lazy imports): the engine was run once above; the peers once here.
    remarkParseOnly(text)
    if (peers) {
      await peers.textlint(text)
      peers.markdownlint(text)
    }
    const share = left() / (sorted.length - i) - 2000
    const r = await rounds(fns, 'remarkParse', {max: input.maxRuns, min: 3, budgetMs: Math.max(0, share * 0.85)})
    engine.close(uri)
    drafts.push({
      words,
      chars: text.length,
      findings: first.messages.length,
      firstCheckMs,
      firstCheckSearch,
      check: r.timings.check,
      recheck: r.timings.recheck,
      remarkParse: r.timings.remarkParse,
      textlint: r.timings.textlint,
      markdownlint: r.timings.markdownlint,
      ratios: {
        checkVsRemark: r.ratios.check,
        recheckVsRemark: r.ratios.recheck,
        checkVsTextlint: peers ? round(r.ratios.check / r.ratios.textlint) : undefined,
        checkVsMarkdownlint: peers ? round(r.ratios.check / r.ratios.markdownlint) : undefined,
      },
    })
    log(`draft ${words}: first check ${firstCheckMs} ms, check ${r.timings.check.medianMs} ms, recheck ${r.timings.recheck.medianMs} ms, ${r.timings.check.runs} rounds`)
  }

  // The language server over stdio: time to first diagnostics and its own memory, cold then warm.
  let server: WorkerResult['server']
  if (input.server) {
    const serverCache = mkdtempSync(join(tmpdir(), 'briefcheck-bench-server-'))
    try {
      const text = draftText(5000)
      const cold = await measureServer(dir, text, serverCache)
      const warm = await measureServer(dir, text, serverCache)
      server = {cold, warm}
      if (!warm.cached) notes.push('the server did not load the corpus from its cache on the second start')
      log(`server: first diagnostics cold ${cold.firstDiagnosticsMs} ms, warm ${warm.firstDiagnosticsMs} ms; RSS ${warm.rssMb} MB (peak ${warm.peakRssMb} MB warm, ${cold.peakRssMb} MB cold)`)
    } finally {
      rmSync(serverCache, {recursive: true, force: true})
    }
  }

  // Hover and completion on the 5,000-word draft, with a state built like tests/features.
  const hover = measureHover(state!, doc!)
  const hoverClaim = await repeat(hover.claim, {max: 15, min: 5, budgetMs: 5000})
  const hoverFinding = await repeat(hover.finding, {max: 15, min: 5, budgetMs: 5000})
  const typed = `${doc!.getText()}\nAs the ministry put it, "${hover.quoteStart}`
  const typedDoc = TextDocument.create('file:///ws/draft.md', 'markdown', 2, typed)
  const end = typedDoc.positionAt(typed.length)
  const keyText = `${doc!.getText()}\nThe figure comes from the council [@`
  const keyDoc = TextDocument.create('file:///ws/draft.md', 'markdown', 2, keyText)
  const keyEnd = keyDoc.positionAt(keyText.length)
  let keyItems = 0
  let quoteItems = 0
  const completionKey = await repeat(() => (keyItems = getCompletions(completionInputOf(state!), keyDoc, keyEnd).items.length), {max: 15, min: 5, budgetMs: 5000})
  const completionQuote = await repeat(() => (quoteItems = getCompletions(completionInputOf(state!), typedDoc, end).items.length), {max: 15, min: 5, budgetMs: 5000})
  if (!hover.claimFound) notes.push('no claim without a finding in the 5,000-word draft: hover timed on the first sentence')

  const result: WorkerResult = {
    briefs: input.briefs,
    corpus: {sources: loaded.sources.length, sentences: loaded.sentences.length, words: input.manifest.words, megabytes: round(mb, 1), problems: loaded.problems.length},
    cold: {...cold, mbPerSecond: round(mb / (cold.medianMs / 1000))},
    coldWithCacheWrite,
    warm,
    cacheMegabytes,
    drafts,
    hover: {claim: hoverClaim, finding: hoverFinding},
    completion: {key: completionKey, quote: completionQuote, keyItems, quoteItems},
    heapAfterLoadMb,
    peakRssMb: round(process.resourceUsage().maxRSS / 1024, 0),
    peakRssAfterColdMb,
    server,
    workers,
    notes,
  }
  writeFileSync(input.out, JSON.stringify(result, null, 2))
  await parsePool(workers).close()
}

/** Hover targets: a claim with no finding (the retrieval path) and a figure with a finding. */
function measureHover(state: FeatureState, doc: TextDocument): {claim: () => unknown; finding: () => unknown; claimFound: boolean; quoteStart: string} {
  const messages = state.result.messages
  const claim = state.result.analysis.sentences.find(
    (s) => s.verdict.claim && !messages.some((m) => m.startOffset < s.sentence.end && m.endOffset > s.sentence.start),
  )
  const any = claim ?? state.result.analysis.sentences[0]
  const claimPos = doc.positionAt(Math.floor((any.sentence.start + any.sentence.end) / 2))
  const finding = messages.find((m) => m.ruleId !== 'uncited-claim') ?? messages[0]
  const findingPos = doc.positionAt(finding ? finding.startOffset + 1 : 0)
  const corpusSentence = state.corpus.sentences[Math.floor(state.corpus.sentences.length / 3)]
  const quoteStart = corpusSentence.text.split(/\s+/).slice(0, 4).join(' ')
  return {claim: () => getHover(state, doc, claimPos), finding: () => getHover(state, doc, findingPos), claimFound: Boolean(claim), quoteStart}
}

function dirBytes(dir: string): number {
  const {readdirSync, statSync} = require('node:fs') as typeof import('node:fs')
  let total = 0
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name)
    total += entry.isDirectory() ? dirBytes(path) : statSync(path).size
  }
  return total
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error)
  process.exit(1)
})
