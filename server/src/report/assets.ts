/**
 * The report page's stylesheet and script, inlined into the page (no file or network
 * request: the page must work as an email attachment) and allowed by their hashes in the
 * page's Content-Security-Policy. Plain ES2017 in the browser, no framework.
 */

/** Styles: readable on screen and in print; status shown by text as well as colour. */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #4a4a4a; --rule: #c9c9c9; --bg: #ffffff; --panel: #f4f4f4; --focus: #0b57d0; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header.page, main { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
header.page { padding-top: 1rem; }
h1 { font-size: 1.5rem; margin: 0.5rem 0; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 1rem 0 0.5rem; }
.meta, .where, .source-line { color: var(--muted); font-size: 0.9rem; }
table { border-collapse: collapse; margin: 0.5rem 0; }
th, td { border: 1px solid var(--rule); padding: 0.2rem 0.5rem; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.filters { display: flex; flex-wrap: wrap; gap: 0.4rem; margin: 0.5rem 0; padding: 0; border: 0; }
.filters legend { font-weight: 600; margin-bottom: 0.25rem; }
.filters button { font: inherit; padding: 0.2rem 0.6rem; border: 1px solid #6b6b6b; border-radius: 1rem; background: #ffffff; color: var(--ink); cursor: pointer; }
.filters button[aria-pressed="false"] { background: #e8e8e8; color: #3a3a3a; text-decoration: line-through; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.claim { border: 1px solid var(--rule); border-left-width: 6px; border-radius: 4px; padding: 0.5rem 0.75rem; margin: 0.6rem 0; break-inside: avoid; }
.claim[hidden] { display: none; }
.claim-head { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: baseline; }
.badge { font-weight: 700; font-size: 0.85rem; padding: 0 0.45rem; border-radius: 3px; }
.claim-text { margin: 0.4rem 0; font-size: 1rem; }
.note { margin: 0.2rem 0; }
.findings { margin: 0.3rem 0; padding-left: 1.2rem; }
.evidence { margin: 0.3rem 0; padding-left: 0; list-style: none; }
.evidence li { background: var(--panel); border-radius: 3px; padding: 0.4rem 0.6rem; margin: 0.3rem 0; }
.evidence blockquote { margin: 0.25rem 0 0.25rem 0.5rem; }
mark { background: #fff1a8; color: inherit; }
.actions { display: flex; gap: 0.4rem; margin-top: 0.3rem; }
.actions button { font: inherit; font-size: 0.85rem; padding: 0.1rem 0.5rem; border: 1px solid #6b6b6b; border-radius: 3px; background: #ffffff; color: var(--ink); cursor: pointer; }
.st-conflicting { border-left-color: #b3261e; } .badge.st-conflicting { background: #fde2e1; color: #7a1212; }
.st-quote-differs { border-left-color: #a14a00; } .badge.st-quote-differs { background: #fde7d3; color: #6b3000; }
.st-cited-unsupported { border-left-color: #8a4d00; } .badge.st-cited-unsupported { background: #fbedc9; color: #5c3400; }
.st-sources-disagree { border-left-color: #5b4bb7; } .badge.st-sources-disagree { background: #e7e3fb; color: #33277a; }
.st-uncited { border-left-color: #6b6b6b; } .badge.st-uncited { background: #ececec; color: #2e2e2e; }
.st-accepted { border-left-color: #2d6a8a; } .badge.st-accepted { background: #dcecf4; color: #1d4a61; }
.st-supported { border-left-color: #1e7a3a; } .badge.st-supported { background: #dcf2e2; color: #14542a; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media print {
  .filters, .actions, .keys { display: none; }
  .claim[hidden] { display: block; }
  details > * { display: block; }
  body { font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
}
`

/**
 * Behaviour: status filters (toggle buttons; counts announced in a live region), keyboard
 * moves between claims (j / k or the arrow keys), and in the VS Code panel (when
 * `acquireVsCodeApi` exists) clicks and actions are posted to the extension. Without script
 * (mail readers that strip it) every claim is shown.
 */
export const REPORT_JS = `
(function () {
  var vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  var claims = Array.prototype.slice.call(document.querySelectorAll('.claim'));
  var buttons = Array.prototype.slice.call(document.querySelectorAll('.filters button[data-status]'));
  var live = document.getElementById('shown');
  function apply() {
    var on = {};
    buttons.forEach(function (b) { on[b.getAttribute('data-status')] = b.getAttribute('aria-pressed') === 'true'; });
    var shown = 0;
    claims.forEach(function (c) { var visible = on[c.getAttribute('data-status')] !== false; c.hidden = !visible; if (visible) shown++; });
    if (live) live.textContent = 'Showing ' + shown + ' of ' + claims.length + ' claims';
  }
  buttons.forEach(function (b) {
    b.addEventListener('click', function () { b.setAttribute('aria-pressed', b.getAttribute('aria-pressed') === 'true' ? 'false' : 'true'); apply(); });
  });
  var all = document.getElementById('filter-all');
  if (all) all.addEventListener('click', function () { buttons.forEach(function (b) { b.setAttribute('aria-pressed', 'true'); }); apply(); });
  function visible() { return claims.filter(function (c) { return !c.hidden; }); }
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA')) return;
    var step = e.key === 'j' || (e.key === 'ArrowDown' && t && t.classList && t.classList.contains('claim')) ? 1 : e.key === 'k' || (e.key === 'ArrowUp' && t && t.classList && t.classList.contains('claim')) ? -1 : 0;
    if (!step) return;
    var list = visible();
    if (!list.length) return;
    var at = list.indexOf(t && t.closest ? t.closest('.claim') : null);
    var next = list[Math.max(0, Math.min(list.length - 1, at < 0 ? 0 : at + step))];
    next.focus();
    e.preventDefault();
  });
  if (vscode) {
    document.addEventListener('click', function (e) {
      var target = e.target && e.target.closest ? e.target : null;
      if (!target) return;
      var action = target.closest('[data-action]');
      var claim = target.closest('.claim');
      if (!claim) return;
      var message = { claim: claim.id, draft: claim.getAttribute('data-draft'), line: Number(claim.getAttribute('data-line')), character: Number(claim.getAttribute('data-character')), endLine: Number(claim.getAttribute('data-end-line')), endCharacter: Number(claim.getAttribute('data-end-character')) };
      if (action) {
        message.type = action.getAttribute('data-action');
        message.path = action.getAttribute('data-path') || undefined;
        message.sourceLine = Number(action.getAttribute('data-source-line') || 0);
        message.page = action.getAttribute('data-page') ? Number(action.getAttribute('data-page')) : undefined;
        vscode.postMessage(message);
        e.preventDefault();
        return;
      }
      if (target.closest('a, button, summary')) return;
      message.type = 'reveal';
      vscode.postMessage(message);
    });
    document.addEventListener('keydown', function (e) {
      if (e.key !== 'Enter' || !e.target || !e.target.classList || !e.target.classList.contains('claim')) return;
      e.target.click();
    });
  }
  apply();
})();
`
