import {createHash} from 'node:crypto'
import {displayDate} from '../engine/evidence'
import type {Evidence} from '../engine/messages'
import {CLAIM_STATUSES, STATUS_LABELS, type DraftReport, type ReportClaim, type ReportFinding, type StatusCounts} from '../engine/report/model'
import {REPORT_CSS, REPORT_JS} from './assets'

/** One draft's review as the page shows it. */
export interface ReportPage {
  /** The draft's path as the reader should see it (relative to where the report was made). */
  path: string
  report: DraftReport
}

export interface HtmlOptions {
  /** The page's title. */
  title?: string
  /** Shows a path as the reader should see it (the CLI makes corpus paths relative). */
  displayPath?: (path: string) => string
  /**
   * For the VS Code panel: claims carry action buttons (cite, accept, open source) whose
   * clicks the page posts to the extension. The standalone page has none.
   */
  actions?: boolean
}

/** Escapes text for HTML content and attribute values: corpus text is never trusted. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`)
}

function hash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
}

/**
 * The policy: nothing may be loaded from anywhere (`default-src 'none'`); the one inline
 * style and the one inline script run because their hashes are listed; no forms, no base
 * URL, no frames. A page opened from a file or a mail attachment makes no request.
 */
export function contentSecurityPolicy(): string {
  return [`default-src 'none'`, `style-src ${hash(REPORT_CSS)}`, `script-src ${hash(REPORT_JS)}`, `img-src data:`, `base-uri 'none'`, `form-action 'none'`, `frame-ancestors 'none'`].join('; ')
}

/**
 * The fact-check review as one self-contained HTML page: summary (counts by status and per
 * section), status filters, and every claim in document order with its findings and
 * evidence (title, author, date, page, section, the passage with the value marked).
 */
export function renderHtml(pages: ReportPage[], options: HtmlOptions = {}): string {
  const title = options.title ?? (pages.length === 1 ? `Fact-check review: ${pages[0].path}` : `Fact-check review: ${pages.length} drafts`)
  const show = options.displayPath ?? ((p: string) => p)
  const totals = addCounts(pages.map((p) => p.report.summary.byStatus))
  const total = pages.reduce((n, p) => n + p.report.summary.total, 0)
  // The policy is set by a meta element: a page read from a file has no HTTP header. (A
  // frame-ancestors directive is ignored there, harmlessly.)
  const csp = contentSecurityPolicy().replace(`; frame-ancestors 'none'`, '')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header class="page">
<h1>${escapeHtml(title)}</h1>
<p class="meta">${total} claim${total === 1 ? '' : 's'} in ${pages.length} draft${pages.length === 1 ? '' : 's'}. Briefcheck lists every claim with what the sources say about it.</p>
<fieldset class="filters" aria-describedby="shown">
<legend>Show claims that are</legend>
${CLAIM_STATUSES.map((s) => `<button type="button" data-status="${s}" aria-pressed="true">${escapeHtml(STATUS_LABELS[s])} (${totals[s]})</button>`).join('\n')}
<button type="button" id="filter-all">Show all</button>
</fieldset>
<p id="shown" class="meta keys" role="status" aria-live="polite">Showing ${total} of ${total} claims</p>
<p class="meta keys">Keys: <kbd>j</kbd> / <kbd>k</kbd> or the arrow keys move between claims.</p>
</header>
<main>
${pages.map((p, i) => draftSection(p, i, pages.length, show, options.actions === true)).join('\n')}
</main>
<script>${REPORT_JS}</script>
</body>
</html>
`
}

function draftSection(page: ReportPage, index: number, count: number, show: (p: string) => string, actions: boolean): string {
  const {report} = page
  const heading = count > 1 ? `<h2 id="draft-${index + 1}">${escapeHtml(page.path)}</h2>` : ''
  const h = count > 1 ? 'h3' : 'h2'
  return `<section aria-label="${escapeHtml(page.path)}">
${heading}
<${h}>Summary</${h}>
${summaryTable(report.summary.byStatus, report.summary.total)}
${sectionTable(report, h)}
<${h}>Claims</${h}>
${report.claims.length === 0 ? '<p>No claims found in this draft.</p>' : report.claims.map((c) => claimBlock(c, index, page.path, show, actions)).join('\n')}
</section>`
}

function summaryTable(counts: StatusCounts, total: number): string {
  const rows = CLAIM_STATUSES.map((s) => `<tr><th scope="row">${escapeHtml(STATUS_LABELS[s])}</th><td class="n">${counts[s]}</td></tr>`).join('')
  return `<table><caption class="visually-hidden">Claims by status</caption><thead><tr><th scope="col">Status</th><th scope="col">Claims</th></tr></thead><tbody>${rows}<tr><th scope="row">All claims</th><td class="n">${total}</td></tr></tbody></table>`
}

function sectionTable(report: DraftReport, h: string): string {
  if (report.summary.sections.length === 0) return ''
  const head = CLAIM_STATUSES.map((s) => `<th scope="col">${escapeHtml(STATUS_LABELS[s])}</th>`).join('')
  const rows = report.summary.sections
    .map((r) => `<tr><th scope="row">${escapeHtml(r.section)}</th><td class="n">${r.total}</td>${CLAIM_STATUSES.map((s) => `<td class="n">${r.byStatus[s]}</td>`).join('')}</tr>`)
    .join('')
  const sub = h === 'h2' ? 'h3' : 'h4'
  return `<${sub}>By section</${sub}><table><thead><tr><th scope="col">Section</th><th scope="col">Claims</th>${head}</tr></thead><tbody>${rows}</tbody></table>`
}

function claimBlock(c: ReportClaim, draftIndex: number, draftPath: string, show: (p: string) => string, actions: boolean): string {
  const id = `d${draftIndex + 1}-${c.id}`
  const where = `line ${c.range.start.line + 1}${c.section ? ` · § ${c.section}` : ''}`
  const evidence = uniqueEvidence(c)
  const data = `data-status="${c.status}" data-draft="${escapeHtml(draftPath)}" data-line="${c.range.start.line}" data-character="${c.range.start.character}" data-end-line="${c.range.end.line}" data-end-character="${c.range.end.character}"`
  return `<article class="claim st-${c.status}" id="${id}" ${data} tabindex="0" aria-labelledby="${id}-status ${id}-text">
<div class="claim-head"><span class="badge st-${c.status}" id="${id}-status">${escapeHtml(STATUS_LABELS[c.status])}</span> <a class="where" href="#${id}">${escapeHtml(where)}</a></div>
<p class="claim-text" id="${id}-text">${escapeHtml(c.text)}</p>
<p class="note">${escapeHtml(c.statusNote)}</p>
${c.citations.length > 0 ? `<p class="meta">Cites: ${c.citations.map((x) => escapeHtml(x.key ? `${x.text} → ${x.key}` : `${x.text} (${x.resolved === 'external' ? 'outside the corpus' : 'unknown'})`)).join(', ')}</p>` : ''}
${c.findings.length > 0 ? `<ul class="findings">${c.findings.map(findingItem).join('')}</ul>` : ''}
${evidence.length > 0 ? `<details${c.status === 'supported' ? '' : ' open'}><summary>Evidence (${evidence.length})</summary><ul class="evidence">${evidence.map((e) => evidenceItem(e, show, actions)).join('')}</ul></details>` : ''}
${actions ? claimActions(c) : ''}
</article>`
}

function findingItem(f: ReportFinding): string {
  const related = f.related.map((r) => `<br><span class="meta">Also at line ${r.range.start.line + 1}: ${escapeHtml(r.message)}</span>`).join('')
  return `<li><strong>${escapeHtml(f.ruleId)}</strong> (${escapeHtml(f.severity)}): ${escapeHtml(f.message)}${related}</li>`
}

/** The claim's evidence, each source sentence once (findings often share it), support first. */
function uniqueEvidence(c: ReportClaim): Evidence[] {
  const out: Evidence[] = []
  const seen = new Set<string>()
  for (const e of [...(c.passage ? [c.passage] : []), ...c.findings.flatMap((f) => f.evidence)]) {
    const id = `${e.path}:${e.range.start.line}:${e.range.start.character}:${e.value ?? ''}`
    if (seen.has(id)) continue
    seen.add(id)
    out.push(e)
  }
  return out
}

function evidenceItem(e: Evidence, show: (p: string) => string, actions: boolean): string {
  const mark = e.agrees === true ? 'Agrees' : e.agrees === false ? 'Disagrees' : 'Source'
  const date = displayDate(e.asOf && e.asOf !== e.date ? e.asOf : e.date)
  const byline = [e.author, date ? (e.asOf && e.asOf !== e.date ? `as of ${date}` : date) : undefined, e.page !== undefined ? `p. ${e.page}` : undefined, e.section ? `§ ${e.section}` : undefined]
    .filter((x): x is string => Boolean(x))
    .map(escapeHtml)
    .join(' · ')
  const open = actions
    ? ` <button type="button" data-action="openSource" data-path="${escapeHtml(e.path)}" data-source-line="${e.range.start.line}"${e.page !== undefined ? ` data-page="${e.page}"` : ''}>Open source</button>`
    : ''
  return `<li><strong>${mark}:</strong> <cite>${escapeHtml(e.title)}</cite>${byline ? ` — ${byline}` : ''}<blockquote>${markValue(e.text, e.value)}</blockquote><span class="source-line">${escapeHtml(show(e.path))}, line ${e.range.start.line + 1} · key ${escapeHtml(e.key)}</span>${open}</li>`
}

/** Escaped passage with the first occurrence of the figure or words at issue marked. */
function markValue(text: string, value: string | undefined): string {
  const at = value ? text.indexOf(value) : -1
  if (!value || at < 0) return escapeHtml(text)
  return `${escapeHtml(text.slice(0, at))}<mark>${escapeHtml(value)}</mark>${escapeHtml(text.slice(at + value.length))}`
}

function claimActions(c: ReportClaim): string {
  const buttons = [`<button type="button" data-action="reveal">Show in draft</button>`]
  const uncited = c.findings.some((f) => f.ruleId === 'uncited-claim')
  if (uncited || c.status === 'cited-unsupported') buttons.push(`<button type="button" data-action="cite">Cite…</button>`)
  if (uncited) buttons.push(`<button type="button" data-action="accept">Accept</button>`)
  return `<div class="actions">${buttons.join('')}</div>`
}

function addCounts(list: StatusCounts[]): StatusCounts {
  const out = Object.fromEntries(CLAIM_STATUSES.map((s) => [s, 0])) as StatusCounts
  for (const counts of list) for (const s of CLAIM_STATUSES) out[s] += counts[s]
  return out
}
