/**
 * The report as Markdown: headings, prose, tables with units in their headers, charts as
 * image links to charts/<id>.svg, and the flow diagram as a ```mermaid block (with its SVG
 * linked below for viewers that do not draw Mermaid).
 */
import type { Block, ReportDocument, Table } from './document.js';

/** Escape characters Markdown would read as emphasis or links ("O*NET" stays O*NET). */
export const mdText = (s: string): string => s.replace(/([\\*_`[\]<>])/g, '\\$1');
const mdCell = (s: string) => mdText(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(t: Table, n: number): string {
  const header = t.columns.map((c) => mdCell(c.unit ? `${c.label} (${c.unit})` : c.label));
  const align = t.columns.map((c) => (c.align === 'right' ? '---:' : ':---'));
  const lines = [`**Table ${n}. ${mdText(t.caption)}**`, '', `| ${header.join(' | ')} |`, `| ${align.join(' | ')} |`];
  for (const r of t.rows) lines.push(`| ${r.map(mdCell).join(' | ')} |`);
  lines.push('', `*Source: ${mdText(t.source)}*`);
  return lines.join('\n');
}

export function renderMarkdown(doc: ReportDocument): string {
  let tables = 0;
  let figures = 0;
  const out: string[] = [`# ${mdText(doc.title)}`, '', `*${mdText(doc.subtitle)}*`, '', '## Contents', ''];
  doc.sections.forEach((s, i) => out.push(`${i + 1}. [${mdText(s.title)}](#${s.id})`));
  const block = (b: Block): string => {
    switch (b.kind) {
      case 'paragraph':
        return mdText(b.text);
      case 'narrative': {
        const parts = b.paragraphs.map(mdText);
        if (b.author !== 'template') parts.push(`*Prose written by ${mdText(b.author)}; every number checked against the computed facts.*`);
        if (b.flag) parts.push(`> **Flagged:** ${mdText(b.flag)}`);
        return parts.join('\n\n');
      }
      case 'list':
        return b.items.map((x) => `- ${mdText(x)}`).join('\n');
      case 'note':
        return `> ${mdText(b.text)}`;
      case 'table':
        return table(b, ++tables);
      case 'chart':
        figures++;
        return `![${mdText(b.caption)}](charts/${b.id}.svg)\n\n*Figure ${figures}. ${mdText(b.caption)}*`;
      case 'mermaid':
        figures++;
        return ['```mermaid', b.source, '```', '', `![${mdText(b.caption)}](charts/${b.id}.svg)`, '', `*Figure ${figures}. ${mdText(b.caption)}*`].join('\n');
    }
  };
  doc.sections.forEach((s, i) => {
    out.push('', `<a id="${s.id}"></a>`, '', `## ${i + 1}. ${mdText(s.title)}`);
    for (const b of s.blocks) out.push('', block(b));
  });
  return `${out.join('\n')}\n`;
}
