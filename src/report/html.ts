/**
 * The report as one standalone HTML file: styles inline, charts inline as SVG, no scripts and
 * no network requests, so it opens anywhere and prints (headless Chromium makes the PDF from
 * it). Print CSS: A4 pages, each section from a new page, figures and table rows kept whole.
 */
import { renderSvg } from './charts/render.js';
import type { Block, ReportDocument, Table } from './document.js';

export const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Chart width in the page (A4 text width at 96 dpi is about 680 px). */
export const CHART_WIDTH = 680;

/** Render every chart of the document to SVG (in place). */
export async function renderCharts(doc: ReportDocument, width = CHART_WIDTH): Promise<void> {
  for (const s of doc.sections) for (const b of s.blocks) if (b.kind === 'chart' && !b.svg) b.svg = await renderSvg(b.spec, { width });
}

/**
 * Several SVGs inline in one page share one id space: Vega's clip paths and gradients
 * ("clip1", "gradient_0") would collide. Prefix every id and reference with the chart's id.
 */
export function scopeSvgIds(svg: string, prefix: string): string {
  const ids = new Set([...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
  if (ids.size === 0) return svg;
  return svg
    .replace(/\sid="([^"]+)"/g, (_, id: string) => ` id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (m, id: string) => (ids.has(id) ? `url(#${prefix}-${id})` : m))
    .replace(/href="#([^"]+)"/g, (m, id: string) => (ids.has(id) ? `href="#${prefix}-${id}"` : m));
}

const CSS = `
:root { --ink: #1a202c; --muted: #555; --rule: #d9dde3; --accent: #2b6cb0; --flag: #b7791f; }
* { box-sizing: border-box; }
body { font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; color: var(--ink); max-width: 760px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .4rem; }
h2 { font-size: 1.35rem; margin: 2.4rem 0 .8rem; padding-top: .4rem; border-top: 2px solid var(--ink); }
.subtitle { color: var(--muted); margin: 0 0 1.2rem; }
nav ol { columns: 2; padding-left: 1.4rem; margin: 0; }
nav a { color: var(--accent); text-decoration: none; }
p { margin: .6rem 0; }
.narrative .author { color: var(--muted); font-size: .85rem; font-style: italic; }
.flag { border-left: 4px solid var(--flag); background: #fffaf0; padding: .5rem .8rem; margin: .8rem 0; font-size: .92rem; }
.note { border-left: 4px solid var(--rule); background: #f7fafc; padding: .5rem .8rem; margin: .8rem 0; color: #333; }
figure { margin: 1.2rem 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { font-size: .85rem; color: var(--muted); margin-top: .3rem; }
table { border-collapse: collapse; width: 100%; font-size: .82rem; margin: .4rem 0; }
caption { text-align: left; font-weight: 600; font-size: .9rem; padding-bottom: .3rem; caption-side: top; }
th, td { border-bottom: 1px solid var(--rule); padding: .25rem .4rem; vertical-align: top; text-align: left; }
th { border-bottom: 2px solid #999; font-weight: 600; }
th .unit { display: block; font-weight: 400; color: var(--muted); font-size: .75rem; }
td.nowrap { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; page-break-inside: avoid; }
.table { margin: 1.2rem 0; }
.source { font-size: .78rem; color: var(--muted); margin: .2rem 0 0; }
ul { padding-left: 1.3rem; }
li { margin: .2rem 0; }
details.mermaid-source summary { font-size: .8rem; color: var(--muted); cursor: pointer; }
pre.mermaid { font-size: .75rem; background: #f7fafc; padding: .6rem; overflow-x: auto; white-space: pre-wrap; }
@page { size: A4; margin: 16mm 15mm 18mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  section.report-section ~ section.report-section { break-before: page; page-break-before: always; }
  h2 { border-top: none; margin-top: 0; }
  nav a { color: var(--ink); }
  details.mermaid-source { display: none; }
  thead { display: table-header-group; }
}
`;

function table(t: Table, n: number): string {
  const head = t.columns
    .map((c) => `<th${c.align === 'right' ? ' class="num"' : ''}>${escapeHtml(c.label)}${c.unit ? `<span class="unit">${escapeHtml(c.unit)}</span>` : ''}</th>`)
    .join('');
  const cls = (i: number) => {
    const c = [t.columns[i]?.align === 'right' ? 'num' : '', t.columns[i]?.nowrap ? 'nowrap' : ''].filter(Boolean).join(' ');
    return c ? ` class="${c}"` : '';
  };
  const body = t.rows.map((r) => `<tr>${r.map((cell, i) => `<td${cls(i)}>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<div class="table"><table><caption>Table ${n}. ${escapeHtml(t.caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table><p class="source">Source: ${escapeHtml(t.source)}</p></div>`;
}

export function renderHtml(doc: ReportDocument): string {
  let tables = 0;
  let figures = 0;
  const block = (b: Block): string => {
    switch (b.kind) {
      case 'paragraph':
        return `<p>${escapeHtml(b.text)}</p>`;
      case 'narrative':
        return `<div class="narrative">${b.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}${b.author !== 'template' ? `<p class="author">Prose written by ${escapeHtml(b.author)}; every number checked against the computed facts.</p>` : ''}${b.flag ? `<p class="flag"><strong>Flagged:</strong> ${escapeHtml(b.flag)}</p>` : ''}</div>`;
      case 'list':
        return `<ul>${b.items.map((x) => `<li>${escapeHtml(x)}</li>`).join('\n')}</ul>`;
      case 'note':
        return `<p class="note">${escapeHtml(b.text)}</p>`;
      case 'table':
        return table(b, ++tables);
      case 'chart':
        if (!b.svg) throw new Error(`chart ${b.id} was not rendered`);
        return `<figure id="fig-${b.id}">${scopeSvgIds(b.svg, b.id)}<figcaption>Figure ${++figures}. ${escapeHtml(b.caption)}</figcaption></figure>`;
      case 'mermaid':
        return `<figure id="fig-${b.id}">${scopeSvgIds(b.svg, b.id)}<figcaption>Figure ${++figures}. ${escapeHtml(b.caption)}</figcaption><details class="mermaid-source"><summary>Mermaid source of this diagram</summary><pre class="mermaid">${escapeHtml(b.source)}</pre></details></figure>`;
    }
  };
  const nav = `<nav aria-label="Contents"><ol>${doc.sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`).join('')}</ol></nav>`;
  const sections = doc.sections
    .map((s, i) => `<section class="report-section" id="${s.id}"><h2>${i + 1}. ${escapeHtml(s.title)}</h2>\n${s.blocks.map(block).join('\n')}\n</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(doc.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>${escapeHtml(doc.title)}</h1><p class="subtitle">${escapeHtml(doc.subtitle)}</p>${nav}</header>
<main>
${sections}
</main>
</body>
</html>
`;
}
