/**
 * The page's only style sheet and script, inline. The Content-Security-Policy allows exactly these two (by
 * hash) and nothing else: no network, and an injected `<script>` could not run even if escaping failed.
 */
import {createHash} from 'node:crypto'

export const STYLE = `
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --panel: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header, main, footer { max-width: 1200px; margin: 0 auto; padding: 16px 24px; }
header { border-bottom: 1px solid var(--line); }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 16px 0 8px; }
.meta, figcaption, .muted { color: var(--muted); }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--panel); padding: 1px 4px; border-radius: 4px; overflow-wrap: anywhere; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 16px; }
.card { flex: 1 1 160px; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; background: var(--panel); }
.card .value { font-size: 26px; font-weight: 600; }
.warning { border: 1px solid #d4a72c; background: #fff8c5; border-radius: 8px; padding: 8px 12px; margin-top: 16px; }
.charts { display: grid; grid-template-columns: 1fr; gap: 24px; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; overflow-x: auto; }
figure h3 { margin-top: 0; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg.chart text { font: 12px system-ui, sans-serif; fill: var(--fg); }
svg.chart text.value { fill: var(--muted); }
.legend { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
.legend svg { vertical-align: -1px; margin-right: 4px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--panel); }
.scroll { overflow-x: auto; }
td.num, th.num { text-align: right; }
td:first-child code { white-space: nowrap; overflow-wrap: normal; }
th button { font: inherit; font-weight: 600; border: 0; background: none; padding: 0; cursor: pointer; color: inherit; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; }
th[aria-sort="descending"] button::after { content: " \\25BC"; }
details { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; margin: 8px 0; }
details[open] > summary { margin-bottom: 8px; }
summary { cursor: pointer; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
dt { font-weight: 600; }
dd { margin: 0; }
.badge { display: inline-block; min-width: 64px; text-align: center; border-radius: 12px; padding: 0 8px; color: #fff; font-weight: 600; font-size: 12px; }
.sev-critical { background: #8e24aa; }
.sev-high { background: #c62828; }
.sev-medium { background: #b26a00; }
.sev-low { background: #1565c0; }
.sev-info { background: #607d8b; }
.base-new { background: #fff8c5; color: #6a4b00; border: 1px solid #d4a72c; min-width: 0; }
.base-updated { background: #ffebe9; color: #a40e26; border: 1px solid #cf222e; min-width: 0; }
.unknown { color: var(--muted); font-style: italic; }
.mark { font-size: 0.8em; border: 1px solid var(--line); border-radius: 3px; padding: 0 4px; color: var(--muted); white-space: nowrap; }
footer { color: var(--muted); border-top: 1px solid var(--line); margin-top: 32px; }
.summary { border: 1px solid var(--line); border-radius: 8px; padding: 4px 16px 8px; margin-top: 16px; }
.summary h2 { margin-top: 8px; }
.verdict { font-size: 16px; }
mark.listed { background: #ffebe9; color: #a40e26; border: 1px solid #cf222e; border-radius: 3px; padding: 0 3px; font-weight: 600; }
a code { color: #0969da; }
@media print {
  body { font-size: 11px; }
  header, main, footer { max-width: none; padding: 8px 0; }
  .screen-only { display: none; }
  th button { cursor: auto; }
  th[aria-sort] button::after { content: none; }
  .scroll, figure { overflow: visible; }
  figure, tr, .card { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  a code { color: inherit; }
  details { border: 0; padding: 0; }
  details::details-content { content-visibility: visible; display: block; }
  summary { list-style: none; font-weight: 600; }
  summary::-webkit-details-marker { display: none; }
  mark.listed { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .badge { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`

/** Sorts `table.sortable` by the clicked column: `data-sort` values, numbers when the header says so, blanks last. */
export const SCRIPT = `
(function () {
  'use strict';
  function key(cell, numeric) {
    var raw = cell.getAttribute('data-sort');
    if (raw === null) raw = cell.textContent || '';
    if (!numeric) return raw.toLowerCase();
    var n = parseFloat(raw);
    return isNaN(n) ? null : n;
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, column) {
      var button = th.querySelector('button');
      if (!button) return;
      button.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var numeric = th.getAttribute('data-type') === 'number';
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[column], numeric);
          var y = key(b.cells[column], numeric);
          if (x === y) return 0;
          if (x === null) return 1;
          if (y === null) return -1;
          return (x < y ? -1 : 1) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  // Printing shows every evidence block (browsers without ::details-content in the print style sheet too), then
  // closes again those the reader had not opened.
  var opened = [];
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details:not([open])'), function (d) {
      d.open = true;
      opened.push(d);
    });
  });
  window.addEventListener('afterprint', function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
`

function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
}

/** Nothing may load; only the two inline blocks above may apply. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${cspHash(STYLE)}`,
  `script-src ${cspHash(SCRIPT)}`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')
