/**
 * The flows of a scenario as a diagram: exposed work is substituted or augmented, new work is
 * created, and displaced workers are redistributed to other occupations (or into
 * unemployment). Acemoglu & Restrepo (2019) frame: displacement, productivity and
 * reinstatement effects.
 *
 * One flow graph, two renderings: Mermaid flowchart source (for Markdown viewers that draw
 * Mermaid) and an SVG drawn here, since the HTML and PDF must work without network access
 * and so without the Mermaid runtime.
 */
import { workers } from './format.js';
import type { Band, Simulation } from './simulation.js';

export interface FlowNode {
  id: string;
  label: string;
  column: number;
}

export interface FlowEdge {
  from: string;
  to: string;
  /** Median workers, for the stroke width. */
  value: number;
  label: string;
}

export interface FlowGraph {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** "4.51 million (3.01–6.68 million)"; "486,000 (315,000–725,000)"; negative ends joined by "to". */
export function rangeLabel(lo: number, hi: number): string {
  const sep = lo < 0 || hi < 0 ? ' to ' : '–';
  if (Math.abs(lo) >= 1e6 && Math.abs(hi) >= 1e6) return `${(lo / 1e6).toFixed(2)}${sep}${(hi / 1e6).toFixed(2)} million`;
  return `${workers(lo)}${sep}${workers(hi)}`;
}

const bandLabel = (b: Band) => (b.p5 === b.p95 ? workers(b.p50) : `${workers(b.p50)} (${rangeLabel(b.p5, b.p95)})`);

const sum = (bands: Band[]): Band => bands.reduce((a, b) => ({ p5: a.p5 + b.p5, p50: a.p50 + b.p50, p95: a.p95 + b.p95 }), { p5: 0, p50: 0, p95: 0 });

const UNEMPLOYED = /unemploy|jobless|out of work/i;
const EXIT = /exit|labou?r force|retire|leave/i;
const DISPLACED = /displac|substitut/i;

/** The scenario's last year as a flow graph: substitution, augmentation, creation, redistribution. */
export function scenarioFlowGraph(sim: Simulation, topDestinations = 4): FlowGraph {
  const last = sim.years[sim.years.length - 1];
  if (!last) return { nodes: [], edges: [] };
  const nodes: FlowNode[] = [
    { id: 'exposed', label: 'Work exposed to LLMs', column: 0 },
    { id: 'newwork', label: 'New tasks and AI-complementary work', column: 0 },
    { id: 'substituted', label: 'Jobs substituted', column: 1 },
    { id: 'augmented', label: 'Augmented work: change in jobs', column: 1 },
    { id: 'created', label: 'Jobs created', column: 1 },
  ];
  const edges: FlowEdge[] = [
    { from: 'exposed', to: 'substituted', value: last.displaced.p50, label: bandLabel(last.displaced) },
    { from: 'exposed', to: 'augmented', value: last.augmented.p50, label: bandLabel(last.augmented) },
    { from: 'newwork', to: 'created', value: last.created.p50, label: bandLabel(last.created) },
  ];
  // Where the substituted go: other occupations, unemployment, out of the labour force. The
  // engine's end-year totals when it gives them, otherwise the sum of its flows.
  const pairs = sim.groupFlows.length ? sim.groupFlows : sim.flows;
  const moves = pairs.filter((f) => !UNEMPLOYED.test(f.to) && !EXIT.test(f.to));
  const moved = sim.redistribution.moved ?? (moves.length ? sum(moves.map((f) => f.workers)) : null);
  if (moved) {
    nodes.push({ id: 'moved', label: 'Moved to other occupations', column: 2 });
    edges.push({ from: 'substituted', to: 'moved', value: moved.p50, label: bandLabel(moved) });
    const byDest = new Map<string, Band[]>();
    for (const f of moves) if (!DISPLACED.test(f.to)) byDest.set(f.to, [...(byDest.get(f.to) ?? []), f.workers]);
    const top = [...byDest].map(([to, bs]) => ({ to, band: sum(bs) })).sort((a, b) => b.band.p50 - a.band.p50).slice(0, topDestinations);
    top.forEach((d, i) => {
      const id = `dest${i + 1}`;
      nodes.push({ id, label: d.to, column: 3 });
      edges.push({ from: 'moved', to: id, value: d.band.p50, label: bandLabel(d.band) });
    });
  }
  const unemployedFlows = pairs.filter((f) => UNEMPLOYED.test(f.to));
  const unemployed = sim.redistribution.unemployed ?? sim.unemployed ?? (unemployedFlows.length ? sum(unemployedFlows.map((f) => f.workers)) : null);
  if (unemployed) {
    nodes.push({ id: 'unemployed', label: 'Not re-employed (unemployed)', column: 2 });
    edges.push({ from: 'substituted', to: 'unemployed', value: unemployed.p50, label: bandLabel(unemployed) });
  }
  const exits = pairs.filter((f) => EXIT.test(f.to) && !UNEMPLOYED.test(f.to));
  if (exits.length) {
    const b = sum(exits.map((f) => f.workers));
    nodes.push({ id: 'exited', label: 'Left the labour force', column: 2 });
    edges.push({ from: 'substituted', to: 'exited', value: b.p50, label: bandLabel(b) });
  }
  return { nodes, edges };
}

const mermaidText = (s: string) => s.replace(/"/g, '#quot;').replace(/[\r\n]+/g, ' ');

/** Mermaid flowchart source, left to right, with the numbers on the edges. */
export function mermaidSource(g: FlowGraph, title?: string): string {
  const lines: string[] = [];
  if (title) lines.push('---', `title: ${mermaidText(title)}`, '---');
  lines.push('flowchart LR');
  for (const n of g.nodes) lines.push(`  ${n.id}["${mermaidText(n.label)}"]`);
  for (const e of g.edges) lines.push(`  ${e.from} -- "${mermaidText(e.label)}" --> ${e.to}`);
  return lines.join('\n');
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w of text.split(/\s+/)) {
    if (line && line.length + 1 + w.length > max) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The flow graph drawn as SVG: columns of boxes joined by curves whose width shows workers.
 * Each box states the flow into it (median and band), so no label sits on a crowded curve.
 */
export function flowSvg(g: FlowGraph, options: { width?: number; title?: string; source?: string } = {}): string {
  const width = options.width ?? 720;
  const columns = Math.max(1, ...g.nodes.map((n) => n.column + 1));
  const boxW = Math.min(170, (width - 40 - (columns - 1) * 34) / columns);
  const boxH = 62;
  const gapY = 16;
  const top = options.title ? 44 : 12;
  const colX = (c: number) => 20 + (c * (width - 40 - boxW)) / Math.max(1, columns - 1);
  const byCol = new Map<number, FlowNode[]>();
  for (const n of g.nodes) byCol.set(n.column, [...(byCol.get(n.column) ?? []), n]);
  const tallest = Math.max(1, ...[...byCol.values()].map((l) => l.length));
  const innerH = tallest * boxH + (tallest - 1) * gapY;
  const pos = new Map<string, { x: number; y: number }>();
  for (const [c, list] of byCol) {
    const h = list.length * boxH + (list.length - 1) * gapY;
    list.forEach((n, i) => pos.set(n.id, { x: colX(c), y: top + (innerH - h) / 2 + i * (boxH + gapY) }));
  }
  const incoming = new Map<string, FlowEdge>();
  for (const e of g.edges) incoming.set(e.to, e);
  const footer = options.source ? 28 : 8;
  const height = top + innerH + footer + 8;
  const max = Math.max(1, ...g.edges.map((e) => Math.abs(e.value)));
  const colorOf = (id: string) => (id === 'substituted' || id === 'unemployed' ? '#c2410c' : id === 'augmented' ? '#2b6cb0' : id === 'created' ? '#2f855a' : '#718096');
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(options.title ?? 'Flow diagram')}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif">`);
  parts.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  if (options.title) {
    wrap(options.title, Math.floor((width - 40) / 8.4)).slice(0, 2).forEach((l, i) => parts.push(`<text x="20" y="${22 + i * 17}" font-size="14" font-weight="600" fill="#111">${esc(l)}</text>`));
  }
  parts.push('<g class="edges">');
  for (const e of g.edges) {
    const a = pos.get(e.from);
    const b = pos.get(e.to);
    if (!a || !b) continue;
    const x1 = a.x + boxW;
    const y1 = a.y + boxH / 2;
    const x2 = b.x;
    const y2 = b.y + boxH / 2;
    const mx = (x1 + x2) / 2;
    const sw = (1.5 + 14 * (Math.abs(e.value) / max)).toFixed(1);
    parts.push(`<path class="flow" d="M${x1.toFixed(1)},${y1.toFixed(1)} C${mx.toFixed(1)},${y1.toFixed(1)} ${mx.toFixed(1)},${y2.toFixed(1)} ${x2.toFixed(1)},${y2.toFixed(1)}" fill="none" stroke="${colorOf(e.to)}" stroke-opacity="0.45" stroke-width="${sw}" aria-label="${esc(`${e.from} to ${e.to}: ${e.label}`)}"/>`);
  }
  parts.push('</g>');
  parts.push('<g class="nodes">');
  for (const n of g.nodes) {
    const p = pos.get(n.id)!;
    const inflow = incoming.get(n.id);
    parts.push(`<rect class="node" x="${p.x.toFixed(1)}" y="${p.y.toFixed(1)}" width="${boxW.toFixed(1)}" height="${boxH}" rx="6" fill="#f7fafc" stroke="${inflow ? colorOf(n.id) : '#4a5568'}"/>`);
    const name = wrap(n.label, Math.floor(boxW / 6)).slice(0, inflow ? 2 : 3);
    const lines: { text: string; size: number; weight: number; fill: string }[] = name.map((t) => ({ text: t, size: 10.5, weight: 500, fill: '#111' }));
    if (inflow) {
      const m = /^(.*?)(?: \((.*)\))?$/.exec(inflow.label)!;
      lines.push({ text: m[1]!, size: 12, weight: 700, fill: '#111' });
      if (m[2]) lines.push({ text: m[2], size: 9.5, weight: 400, fill: '#444' });
    }
    const lineH = 12.5;
    const y0 = p.y + boxH / 2 - ((lines.length - 1) * lineH) / 2 + 4;
    lines.forEach((l, i) => parts.push(`<text x="${(p.x + boxW / 2).toFixed(1)}" y="${(y0 + i * lineH).toFixed(1)}" font-size="${l.size}" font-weight="${l.weight}" text-anchor="middle" fill="${l.fill}">${esc(l.text)}</text>`));
  }
  parts.push('</g>');
  if (options.source) {
    wrap(options.source, Math.floor((width - 40) / 5.4)).slice(0, 2).forEach((l, i) => parts.push(`<text x="20" y="${height - footer + 10 + i * 12}" font-size="9.5" fill="#555">${esc(l)}</text>`));
  }
  parts.push('</svg>');
  return parts.join('');
}
