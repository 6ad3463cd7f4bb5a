/**
 * `npm run bench [-- --quick] [-- --budget SECONDS] [-- --sizes 100,1000] [-- --force]`
 *
 * Generates the corpora (once; cached under bench/corpora/), measures each corpus size in its
 * own child process (bench/worker.ts), prints a compact table, and writes bench/results.json.
 * The whole run keeps to a time budget (default 480 s, 240 s with --quick): repetitions are
 * adaptive, and each size leaves the larger ones the time their single runs are projected (from
 * the smaller sizes' log-log growth) to take. The peer tools (textlint, markdownlint) do not read
 * the corpus, so they are timed at the smallest size only. A size is never skipped by default:
 * when it does not fit, it runs each measurement once. Only with an explicit `--budget` is a size
 * that does not fit skipped and reported with its projected figures. `--force` measures every
 * size with full repetitions whatever it costs.
 */
import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {BENCH_DIR, ensureCorpora} from './lib/corpora'
import {round, slopes} from './lib/measure'
import type {WorkerInput, WorkerResult} from './worker'
import {measureLatency} from './lsp-latency'

interface Args {
  quick: boolean
  budgetS: number
  /** `--budget` was given: a size that does not fit it is skipped rather than run once. */
  budgetGiven: boolean
  sizes: number[]
  drafts: number[]
  force: boolean
  maxRuns: number
  peers: boolean
  server: boolean
  out: string
}

function parseArgs(argv: string[]): Args {
  const quick = argv.includes('--quick')
  const value = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined)
  const list = (s: string | undefined) => s?.split(',').map((x) => Number(x.replace(/_/g, '')))
  return {
    quick,
    budgetS: Number(value('--budget') ?? (quick ? 240 : 480)),
    budgetGiven: value('--budget') !== undefined,
    sizes: list(value('--sizes')) ?? (quick ? [100, 1000] : [100, 1000, 10000]),
    drafts: list(value('--drafts')) ?? (quick ? [1000, 5000] : [1000, 5000, 20000]),
    force: argv.includes('--force'),
    maxRuns: Number(value('--max-runs') ?? (quick ? 3 : 15)),
    peers: !argv.includes('--no-peers'),
    server: !argv.includes('--no-server'),
    out: value('--out') ?? join(BENCH_DIR, 'results.json'),
  }
}

type SizeResult = WorkerResult | {briefs: number; skipped: string; projected?: Record<string, number>}

const isMeasured = (r: SizeResult | undefined): r is WorkerResult => Boolean(r && !('skipped' in r))

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const started = Date.now()
  const deadline = started + args.budgetS * 1000
  const say = (s: string) => process.stderr.write(`${s}\n`)
  const manifests = ensureCorpora(args.sizes, say)
  // The server is measured as users run it, from the bundle: build it from these sources first.
  if (args.server) {
    const build = spawnSync(process.execPath, [join(BENCH_DIR, '..', 'scripts', 'build.mjs')], {stdio: 'inherit'})
    if (build.status !== 0) throw new Error('npm run build failed: cannot measure the language server')
  }
  const results: SizeResult[] = []
  const sizes = [...args.sizes].sort((a, b) => a - b)
  const weight = (n: number) => Math.log10(n)
  for (let i = 0; i < sizes.length; i++) {
    const briefs = sizes[i]
    const remainingMs = deadline - Date.now() - 5000
    const weights = sizes.slice(i).map(weight)
    const measured = results.filter(isMeasured)
    // What the larger sizes need at least (nothing known before the first size is measured).
    const reserveMs = sizes.slice(i + 1).reduce((sum, n) => sum + (project(measured, n, args.drafts, false)?.minimumMs ?? 0), 0)
    const shareMs = (remainingMs * weights[0]) / weights.reduce((a, b) => a + b, 0)
    const budgetMs = Math.max(10_000, Math.min(shareMs, remainingMs - reserveMs))
    // The peers' rounds at the smallest size only: they do not read the corpus, and textlint on
    // the 20,000-word draft takes half a minute a round.
    const peers = args.peers && i === 0
    const projected = project(measured, briefs, args.drafts, peers)
    let maxRuns = args.maxRuns
    if (!args.force && projected && projected.minimumMs > remainingMs) {
      if (args.budgetGiven) {
        const reason = `skipped: one run of each measurement is projected to take ${round(projected.minimumMs / 1000, 0)} s, over the ${round(Math.max(0, remainingMs) / 1000, 0)} s left of the budget (--force, or no --budget, to measure it)`
        say(`${briefs} briefs ${reason}`)
        results.push({briefs, skipped: reason, projected: projected.figures})
        continue
      }
      maxRuns = 1
      say(`${briefs} briefs: one run of each measurement (projected ${round(projected.minimumMs / 1000, 0)} s, ${round(Math.max(0, remainingMs) / 1000, 0)} s left of the budget)`)
    }
    say(`${briefs} briefs: measuring (budget ${round(budgetMs / 1000, 0)} s)…`)
    const out = join(tmpdir(), `briefcheck-bench-${process.pid}-${briefs}.json`)
    const input: WorkerInput = {briefs, manifest: manifests.get(briefs)!, drafts: args.drafts, budgetMs, maxRuns, peers, server: args.server, out}
    const heapMb = briefs >= 10000 ? 8192 : 4096
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--expose-gc', `--max-old-space-size=${heapMb}`, join(BENCH_DIR, 'worker.ts'), JSON.stringify(input)],
      // A safety net against a hung worker only: a size is not given up for running late.
      {stdio: ['ignore', 'inherit', 'inherit'], timeout: args.force ? undefined : Math.max(0, remainingMs) + 20 * 60_000},
    )
    if (child.status === 0 && existsSync(out)) {
      results.push(JSON.parse(readFileSync(out, 'utf8')) as WorkerResult)
      rmSync(out, {force: true})
    } else {
      const why = child.error ? String(child.error.message) : child.signal ? `killed by ${child.signal}` : `exit code ${child.status}`
      say(`${briefs} briefs: worker failed (${why})`)
      results.push({briefs, skipped: `worker failed: ${why}`, projected: projected?.figures})
    }
  }
  const report = summarise(results, args, (Date.now() - started) / 1000)
  // Hover and [@ completion over stdio while a 20,000-word draft is checked (issue #12).
  Object.assign(report, {lspLatency: await measureLatency()})
  say(`stdio latency during a 20,000-word check: ${JSON.stringify((report as {lspLatency?: unknown}).lspLatency)}`)
  writeFileSync(args.out, JSON.stringify(report, null, 2))
  console.log(table(report))
  console.log(`\nwrote ${args.out} (${round((Date.now() - started) / 1000, 0)} s)`)
}

/** Figures for `briefs` projected from the measured sizes (log-log slope of the last two, or linear). */
function project(measured: WorkerResult[], briefs: number, drafts: number[], peers: boolean): {minimumMs: number; figures: Record<string, number>} | undefined {
  if (measured.length === 0) return undefined
  const last = measured[measured.length - 1]
  const prev = measured.length > 1 ? measured[measured.length - 2] : undefined
  const grow = (get: (r: WorkerResult) => number | undefined): number => {
    const y1 = get(last) ?? 0
    const y0 = prev ? get(prev) : undefined
    const slope = y0 && y1 && prev ? Math.max(0, Math.log(y1 / y0) / Math.log(last.briefs / prev.briefs)) : 1
    return y1 * (briefs / last.briefs) ** slope
  }
  const figures: Record<string, number> = {
    coldMs: round(grow((r) => r.cold.medianMs), 0),
    warmMs: round(grow((r) => r.warm.medianMs), 0),
    peakRssMb: round(grow((r) => r.peakRssMb), 0),
  }
  let checks = 0
  for (const words of drafts) {
    const get = (r: WorkerResult) => r.drafts.find((d) => d.words === words)
    const check = grow((r) => get(r)?.check.medianMs)
    const recheck = grow((r) => get(r)?.recheck.medianMs)
    figures[`check${words}Ms`] = round(check, 0)
    figures[`recheck${words}Ms`] = round(recheck, 0)
    checks += check * 2 + recheck + (peers ? (get(last)?.textlint?.medianMs ?? 0) : 0)
  }
  // Cold index, cold index with the cache written, warm load, and the server's cold and warm starts.
  return {minimumMs: figures.coldMs * 3 + figures.warmMs * 2 + checks, figures}
}

/** A target on the language-server measurements of one size (n/a when that size or the server was not measured). */
function serverTarget(what: string, target: string, r: WorkerResult | undefined, get: (s: NonNullable<WorkerResult['server']>) => number, unit: string, limit: number): Target {
  if (!r?.server) return {what, target, measured: 'not measured', met: null}
  const value = get(r.server)
  return {what, target, measured: `${value} ${unit}`, met: value < limit}
}

interface Target {
  what: string
  target: string
  measured: string
  met: boolean | null
}

function summarise(results: SizeResult[], args: Args, seconds: number) {
  const measured = results.filter(isMeasured)
  const series = (get: (r: WorkerResult) => number | undefined): Array<[number, number]> =>
    measured.map((r) => [r.briefs, get(r)] as [number, number | undefined]).filter((p): p is [number, number] => typeof p[1] === 'number')
  const growth: Record<string, number[]> = {
    coldMs: slopes(series((r) => r.cold.medianMs)),
    warmMs: slopes(series((r) => r.warm.medianMs)),
    hoverClaimMs: slopes(series((r) => r.hover.claim.medianMs)),
    hoverFindingMs: slopes(series((r) => r.hover.finding.medianMs)),
    completionKeyMs: slopes(series((r) => r.completion.key.medianMs)),
    completionQuoteMs: slopes(series((r) => r.completion.quote.medianMs)),
    peakRssMb: slopes(series((r) => r.peakRssMb)),
  }
  for (const words of args.drafts) {
    growth[`check${words}Ms`] = slopes(series((r) => r.drafts.find((d) => d.words === words)?.check.medianMs))
    growth[`recheck${words}Ms`] = slopes(series((r) => r.drafts.find((d) => d.words === words)?.recheck.medianMs))
  }
  const largest = measured[measured.length - 1]
  const at10k = measured.find((r) => r.briefs === 10000)
  const skipped10k = results.find((r) => r.briefs === 10000 && !isMeasured(r)) as {projected?: Record<string, number>} | undefined
  const d5 = (r: WorkerResult | undefined) => r?.drafts.find((d) => d.words === 5000)
  const fmt = (x: number | undefined, unit: string) => (x === undefined ? 'not measured' : `${x} ${unit}`)
  const proj = (key: string) => (skipped10k?.projected?.[key] !== undefined ? ` (10,000 briefs not measured; projected ${skipped10k.projected[key]})` : '')
  const ratios = measured.map((r) => d5(r)?.ratios.checkVsRemark).filter((x): x is number => x !== undefined)
  const targets: Target[] = [
    {
      what: 'Re-check after a one-sentence edit, 5,000-word draft, 10,000 briefs',
      target: '< 30 ms',
      measured: at10k ? fmt(d5(at10k)?.recheck.medianMs, 'ms') : `${fmt(d5(largest)?.recheck.medianMs, 'ms')} at ${largest?.briefs} briefs${proj('recheck5000Ms')}`,
      met: at10k ? (d5(at10k)?.recheck.medianMs ?? Infinity) < 30 : (d5(largest)?.recheck.medianMs ?? Infinity) < 30 ? null : false,
    },
    {
      what: 'Full check of a 5,000-word draft vs remark-parse, independent of corpus size',
      target: '≤ 4×',
      measured: measured.map((r) => `${d5(r)?.ratios.checkVsRemark}× at ${r.briefs}`).join(', '),
      met: ratios.length > 0 ? ratios.every((x) => x <= 4) : null,
    },
    {
      what: 'Hover (claim, retrieval) with 10,000 briefs',
      target: '< 10 ms',
      measured: at10k ? fmt(at10k.hover.claim.medianMs, 'ms') : `${fmt(largest?.hover.claim.medianMs, 'ms')} at ${largest?.briefs} briefs`,
      met: at10k ? at10k.hover.claim.medianMs < 10 : (largest?.hover.claim.medianMs ?? Infinity) < 10 ? null : false,
    },
    {
      what: 'Completion (quote, retrieval; `[@` keys) with 10,000 briefs',
      target: '< 10 ms',
      measured: at10k
        ? `${at10k.completion.quote.medianMs} ms; keys ${at10k.completion.key.medianMs} ms`
        : `${largest?.completion.quote.medianMs} ms; keys ${largest?.completion.key.medianMs} ms at ${largest?.briefs} briefs`,
      met: at10k
        ? Math.max(at10k.completion.quote.medianMs, at10k.completion.key.medianMs) < 10
        : Math.max(largest?.completion.quote.medianMs ?? Infinity, largest?.completion.key.medianMs ?? Infinity) < 10
          ? null
          : false,
    },
    {
      what: 'Cold index throughput, wall time, parse workers on every core',
      target: '≥ 5 MB/s',
      measured: measured.map((r) => `${r.cold.mbPerSecond} MB/s at ${r.briefs} (${r.workers} workers)`).join(', '),
      met: measured.length > 0 ? measured.every((r) => r.cold.mbPerSecond >= 5) : null,
    },
    {
      what: 'Warm load of a 10,000-brief index from the disk cache',
      target: '< 1.5 s',
      measured: at10k ? fmt(at10k.warm.medianMs, 'ms') : `${largest?.warm.medianMs} ms at ${largest?.briefs} briefs${proj('warmMs')}`,
      met: at10k ? at10k.warm.medianMs < 1500 : (largest?.warm.medianMs ?? Infinity) < 1500 ? null : false,
    },
    serverTarget('First diagnostics over stdio, warm cache, 10,000 briefs', '< 2 s', at10k, (s) => s.warm.firstDiagnosticsMs, 'ms', 2000),
    serverTarget('Peak RSS of the language server (warm start, draft checked), 10,000 briefs', '< 500 MB', at10k, (s) => s.warm.peakRssMb, 'MB', 500),
    serverTarget('Peak RSS of the language server (warm start, draft checked), 1,000 briefs', '< 200 MB', measured.find((r) => r.briefs === 1000), (s) => s.warm.peakRssMb, 'MB', 200),
  ]
  return {
    version: 1,
    date: new Date().toISOString(),
    node: process.version,
    cpus: (require('node:os') as typeof import('node:os')).cpus().length,
    mode: args.quick ? 'quick' : 'full',
    budgetSeconds: args.budgetS,
    elapsedSeconds: round(seconds, 0),
    notes: [
      'ratios are medians of per-round ratios, each round timing every tool once on the same draft in the same process.',
      'growth: log-log slope between consecutive corpus sizes (1 = linear in corpus size, 0 = flat).',
      'textlint and markdownlint are timed at the smallest size only (they do not read the corpus): — at the others.',
      'first check: the one run of a draft with the corpus memos and retrieval cache empty (what a server pays before its first diagnostics); check: the median of later runs.',
    ],
    targets,
    growth,
    sizes: results,
  }
}

function table(report: ReturnType<typeof summarise>): string {
  const rows: string[][] = []
  const measured = report.sizes.filter(isMeasured)
  const head = ['', ...report.sizes.map((r) => `${r.briefs} briefs`), 'slope']
  const get = (label: string, f: (r: WorkerResult) => string | number | undefined, slope?: number[]) =>
    rows.push([label, ...report.sizes.map((r) => (isMeasured(r) ? String(f(r) ?? '—') : 'skipped')), slope ? slope.map((s) => s.toFixed(2)).join(' / ') : ''])
  get('corpus MB / sentences', (r) => `${r.corpus.megabytes} / ${r.corpus.sentences}`)
  get('cold index ms (MB/s)', (r) => `${r.cold.medianMs} (${r.cold.mbPerSecond})`, report.growth.coldMs)
  get('warm load ms', (r) => r.warm.medianMs, report.growth.warmMs)
  const words = [...new Set(measured.flatMap((r) => r.drafts.map((d) => d.words)))]
  for (const w of words) {
    const d = (r: WorkerResult) => r.drafts.find((x) => x.words === w)
    get(`check ${w}w ms (×remark)`, (r) => `${d(r)?.check.medianMs} (${d(r)?.ratios.checkVsRemark}×)`, report.growth[`check${w}Ms`])
    get(`  first check ${w}w ms (memos empty)`, (r) => d(r)?.firstCheckMs)
    get(`  first check: queries / postings / lookups`, (r) => (d(r)?.firstCheckSearch ? `${d(r)!.firstCheckSearch.queries} / ${d(r)!.firstCheckSearch.postings} / ${d(r)!.firstCheckSearch.completions}` : undefined))
    get(`re-check ${w}w ms`, (r) => d(r)?.recheck.medianMs, report.growth[`recheck${w}Ms`])
    get(`  remark / textlint / mdlint ms`, (r) => `${d(r)?.remarkParse.medianMs} / ${d(r)?.textlint?.medianMs ?? '—'} / ${d(r)?.markdownlint?.medianMs ?? '—'}`)
    get(`  check ÷ textlint / mdlint`, (r) => `${d(r)?.ratios.checkVsTextlint ?? '—'} / ${d(r)?.ratios.checkVsMarkdownlint ?? '—'}`)
  }
  get('hover claim / finding ms', (r) => `${r.hover.claim.medianMs} / ${r.hover.finding.medianMs}`, report.growth.hoverClaimMs)
  get('completion quote / [@ ms', (r) => `${r.completion.quote.medianMs} / ${r.completion.key.medianMs}`, report.growth.completionQuoteMs)
  get('peak RSS MB (bench process)', (r) => r.peakRssMb, report.growth.peakRssMb)
  get('server: ready / 1st diagnostics, cold ms', (r) => (r.server ? `${r.server.cold.readyMs} / ${r.server.cold.firstDiagnosticsMs}` : undefined))
  get('server: ready / 1st diagnostics, warm ms', (r) => (r.server ? `${r.server.warm.readyMs} / ${r.server.warm.firstDiagnosticsMs}` : undefined))
  get('server RSS / peak warm / peak cold MB', (r) => (r.server ? `${r.server.warm.rssMb} / ${r.server.warm.peakRssMb} / ${r.server.cold.peakRssMb}` : undefined))
  const widths = head.map((_, i) => Math.max(head[i].length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')
  const out = [line(head), ...rows.map(line), '', ...report.notes.map((n) => `note: ${n}`), '', 'targets:']
  for (const t of report.targets) out.push(`  ${t.met === true ? 'met   ' : t.met === false ? 'MISSED' : 'n/a   '} ${t.what}: ${t.target}; measured ${t.measured}`)
  for (const r of report.sizes) if (!isMeasured(r)) out.push(`  ${r.briefs} briefs ${r.skipped}${r.projected ? ` — projected ${JSON.stringify(r.projected)}` : ''}`)
  return out.join('\n')
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error)
  process.exit(1)
})
