// The report's look: a plain A4 document (print) that reads as well on a screen (the HTML file).
// System fonts only (nothing is fetched); the customer's accent for headings and chart lines;
// each page's foot carries the PC, the date and the page number (Chromium's @page margin boxes).
// No ligatures: a PDF reader would otherwise copy and search "ﬁ le" for "file".

/** `accent` is #rrggbb (html.ts accentOf); `footer` a CSS string literal (html.ts cssString). */
export function reportCss(accent: string, footer: string): string {
  return `
@page { size: A4; margin: 16mm 16mm 18mm;
  @bottom-left { content: ${footer}; font: 8pt system-ui, sans-serif; color: #555; }
  @bottom-right { content: counter(page) " / " counter(pages); font: 8pt system-ui, sans-serif; color: #555; } }
:root { --accent: ${accent}; color: #1b1b1f; background: #fff; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 180mm; padding: 12mm 0; font: 10.5pt/1.45 system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; font-variant-ligatures: none; }
@media print { body { padding: 0; max-width: none; } }
header.title { border-bottom: 3px solid var(--accent); padding-bottom: 4mm; margin-bottom: 5mm; }
.logo { display: block; max-height: 14mm; width: auto; margin-bottom: 3mm; }
.wordmark { margin: 0 0 2mm; font-weight: 700; font-size: 16pt; color: var(--accent); }
h1 { margin: 0 0 2mm; font-size: 20pt; color: var(--accent); }
h2 { margin: 7mm 0 2mm; font-size: 13pt; color: var(--accent); border-bottom: 1px solid #ddd; padding-bottom: 1mm; break-after: avoid; }
h3 { margin: 4mm 0 1.5mm; font-size: 11pt; break-after: avoid; }
p { margin: 0 0 2mm; }
.who { font-size: 11.5pt; }
.muted { color: #555; }
.summary { font-size: 12pt; font-weight: 600; padding: 3mm 4mm; border-left: 4px solid var(--accent); background: #f5f5f8; }
dl.fields { display: grid; grid-template-columns: 45mm 1fr; gap: 1mm 4mm; margin: 0; }
dl.fields div { display: contents; }
dt { color: #555; }
dd { margin: 0; overflow-wrap: anywhere; }
ul.checks, ul.plain { list-style: none; margin: 0; padding: 0; }
li.check { display: grid; grid-template-columns: 22mm 1fr; gap: 3mm; padding: 1.5mm 0; border-bottom: 1px solid #eee; break-inside: avoid; }
li.check p { margin: 0; }
.advice { color: #555; font-size: 9.5pt; }
.sev { font-weight: 600; font-size: 9pt; }
.sev-ok .sev { color: #1d6b34; }
.sev-attention .sev { color: #8a5300; }
.sev-problem .sev { color: #b00020; }
.sev-unknown .sev { color: #555; }
ul.plain li { padding: 0.5mm 0; }
table { width: 100%; border-collapse: collapse; font-size: 9.5pt; }
th { text-align: left; color: #555; font-weight: 600; border-bottom: 1px solid #ccc; padding: 1mm 2mm 1mm 0; }
td { vertical-align: top; border-bottom: 1px solid #eee; padding: 1mm 2mm 1mm 0; overflow-wrap: anywhere; }
tr { break-inside: avoid; }
.date { white-space: nowrap; }
.keep { break-inside: avoid; }
figure.chart { margin: 0 0 4mm; break-inside: avoid; }
figure.chart svg { display: block; width: 100%; height: 22mm; border: 1px solid #ddd; background: #fafafa; }
.grid { stroke: #ddd; stroke-width: 1; vector-effect: non-scaling-stroke; }
.line { fill: none; stroke: var(--accent); stroke-width: 1.5; vector-effect: non-scaling-stroke; }
.axis { display: flex; justify-content: space-between; font-size: 8pt; color: #555; }
figcaption { font-size: 9.5pt; }
footer { margin-top: 8mm; border-top: 1px solid #ddd; padding-top: 2mm; font-size: 9pt; }
`;
}
