/**
 * Chart specs, one module for the dashboard (rendered in the browser by vega-embed) and the
 * written report (rendered to SVG by render.ts). Each chart is a pure function from facts to a
 * Vega-Lite (or, for the treemap, Vega) spec: plain data that can be printed, compared and
 * tested. Every chart has a title, axis titles with units, and a source line in its subtitle.
 *
 * This file is safe for the browser; render.ts (Node) is imported separately.
 */
import type { Spec } from 'vega';
import type { TopLevelSpec } from 'vega-lite';

export * from './employment.js';
export * from './exposure.js';
export * from './measures.js';
export * from './scenario.js';
export * from './theme.js';

/** Either kind of spec: Vega-Lite for most charts, Vega where Vega-Lite has no such mark. */
export type ChartSpec = TopLevelSpec | Spec;

export function isVegaLite(spec: ChartSpec): spec is TopLevelSpec {
  return typeof spec.$schema === 'string' ? spec.$schema.includes('vega-lite') : !('marks' in spec);
}

const wrap = (text: string, maxChars: number): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
};

/**
 * The spec drawn at a given total width in pixels: charts sized to their container get that
 * width (Vega-Lite: fitted including axes and legends), and title and source lines are wrapped
 * so they never widen the chart. Character widths are estimates (about 6 px at 11 px type).
 */
export function fitToWidth<S extends ChartSpec>(spec: S, width: number): S {
  const wrapTitle = (title: unknown) => {
    if (!title || typeof title !== 'object') return title;
    const t = title as { text?: string | string[]; subtitle?: string | string[] };
    const lines = (x: string | string[] | undefined, px: number) =>
      x === undefined ? undefined : (Array.isArray(x) ? x : [x]).flatMap((l) => wrap(l, Math.max(20, Math.floor((width - 24) / px))));
    return { ...t, text: lines(t.text, 8.6), subtitle: lines(t.subtitle, 5.9) };
  };
  if (isVegaLite(spec)) {
    const container = (spec as { width?: unknown }).width === 'container';
    return {
      ...spec,
      title: wrapTitle(spec.title),
      ...(container ? { width, autosize: { type: 'fit-x', contains: 'padding' } } : {}),
    } as S;
  }
  const vg = spec as Spec;
  return {
    ...vg,
    title: wrapTitle(vg.title),
    signals: vg.signals?.map((s) => (s.name === 'width' && 'init' in s ? { name: 'width', value: Math.max(100, width - 16) } : s)),
  } as S;
}
