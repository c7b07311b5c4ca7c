"""The HTML brief's one stylesheet: screen, phone width and A4 print.

System fonts only (no downloads). The font stack names CJK fonts after the
Latin ones (Noto Sans CJK on Linux, Apple SD Gothic Neo on macOS, Malgun
Gothic on Windows), so Korean names print in a real Hangul font rather than
as boxes. On a phone the wide tables stack their
cells under labels, and long URLs may break anywhere, so nothing scrolls
sideways. In print the type shrinks to 7.2pt, lists run in two columns and the
reserves chart sits beside the claims about it, so the brief fits on one A4
page; the --full brief's type is 6.6pt and its sources run in three columns,
so the bundled data's fits on two.
"""

CSS = """\
:root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --accent: #0b5cad; --hot: #c2410c; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; word-break: keep-all;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK KR", "Noto Sans KR",
    "Source Han Sans K", "Apple SD Gothic Neo", "Malgun Gothic", "NanumGothic", "Noto Sans CJK JP", "Noto Sans CJK SC",
    sans-serif; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1.25rem 2.5rem; }
h1 { font-size: 1.75rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 .5rem; padding-bottom: .2rem; border-bottom: 2px solid var(--line); }
p, ul, ol { margin: .4rem 0; }
ul, ol { padding-left: 1.25rem; }
li { margin: .15rem 0; }
ul.plain { list-style: none; padding-left: 0; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid var(--line);
  overflow-wrap: anywhere; }
thead th { border-bottom: 2px solid var(--ink); font-weight: 600; }
a { color: var(--accent); overflow-wrap: anywhere; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.nowrap { white-space: nowrap; }
.ref { color: var(--muted); font-size: .85em; }
.ref a { text-decoration: none; }
.lead { margin: .2rem 0; }
.docs { table-layout: fixed; }
.docs .c1 { width: 15%; } .docs .c2 { width: 31%; } .docs .c3 { width: 17%; } .docs .c4 { width: 37%; }
.chart { max-width: 44rem; }
.chart th, .chart td { white-space: nowrap; }
.chart td.bar { width: 45%; }
.bar span { display: block; height: .9em; margin-top: .25em; background: var(--accent);
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.chart tbody th { font-weight: 400; }
.chart tr.featured th, .chart tr.featured td { font-weight: 700; }
.chart tr.featured .bar span { background: var(--hot); }
.caveat, footer { color: var(--muted); font-size: .9em; }
q { font-style: italic; }
@media (min-width: 60rem) { .cols { columns: 2; column-gap: 2.5rem; } .cols li { break-inside: avoid; } }
@media (max-width: 40rem) {
  main { padding: 1rem .75rem 2rem; }
  h1 { font-size: 1.4rem; }
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; }
  table.stack tr { border-bottom: 1px solid var(--line); padding: .4rem 0; }
  table.stack td { border: 0; padding: .05rem 0; }
  table.stack td::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); }
  .chart { table-layout: fixed; font-size: .875em; }
  .chart th, .chart td { white-space: normal; padding: .25rem .3rem; }
  .chart .k1 { width: 13%; } .chart .k2 { width: 29%; } .chart .k3 { width: 25%; } .chart .k4 { width: 20%; }
  .chart thead th { overflow-wrap: normal; }
  .chart td.bar { width: auto; }
}
@page { size: A4; margin: 8mm 10mm 8mm; }
@page one-page { margin: 6mm 8mm; }
@page full { margin: 6mm 8mm; }
@media print {
  body { font-size: 7.2pt; line-height: 1.13; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 13pt; margin-bottom: 2pt; }
  h2 { font-size: 9.5pt; margin: 5pt 0 1.5pt; padding-bottom: 1pt; border-bottom-width: 1pt; break-after: avoid; }
  p, ul, ol { margin: 2pt 0; }
  li { margin: 0; }
  th, td { padding: .6pt 3pt; }
  thead th { border-bottom-width: 1pt; }
  .cols, .notes { columns: 2; column-gap: 12pt; }
  .notes, .claims, .reserves .caveat { font-size: 6.4pt; }
  .reserves { display: grid; grid-template-columns: 1fr 1fr; column-gap: 12pt; align-items: start; }
  .reserves > p:first-child { grid-column: 1 / -1; }
  .reserves .chart { width: 100%; }
  .claims p:first-child { margin-top: 0; }
  .chart caption { display: none; }
  a { color: inherit; text-decoration: none; }
  tr, li, .reserves { break-inside: avoid; }
  .one-page { font-size: 7pt; page: one-page; }
  .one-page .lead { display: inline; }
  .one-page .lead + .lead::before { content: " "; }
  .one-page .figures { padding-left: 1em; }
  .one-page .leaders { columns: 2; column-gap: 12pt; }
  .one-page .docs { font-size: 6.6pt; }
  .one-page .docs .c1 { width: 14%; } .one-page .docs .c2 { width: 31%; }
  .one-page .docs .c3 { width: 15%; } .one-page .docs .c4 { width: 40%; }
  .one-page .reserves .table { grid-column: 1 / -1; display: grid; grid-template-columns: 1fr 1fr; column-gap: 12pt; }
  .one-page .context p:first-child { margin-top: 0; }
  .one-page .disagree, .one-page .notes, .one-page footer { font-size: 6pt; }
  .full { font-size: 6.6pt; line-height: 1.1; page: full; }
  .full .docs { font-size: 6.2pt; }
  .full .claims, .full .reserves .caveat, .full .disagree { font-size: 6pt; }
  .full .notes { columns: 3; column-gap: 8pt; font-size: 5.8pt; }
}
"""
