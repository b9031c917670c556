/**
 * Chart specs to SVG in Node, for the written report: Vega-Lite is compiled to Vega, then a
 * headless Vega view (no canvas) renders SVG markup.
 */
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { type ChartSpec, fitToWidth, isVegaLite } from './index.js';

/**
 * Without a canvas Vega estimates text at 0.8 em a character, about half again as wide as
 * sans-serif text really is: labels get cut short and titles pad the SVG with blank space.
 * 0.56 em is the average advance of common sans-serif faces; Vega supports replacing its
 * estimate this way (vl-convert does the same).
 */
interface TextItem {
  text?: unknown;
  fontSize?: number;
  limit?: number;
}
const metrics = (vega as unknown as { textMetrics?: { width: (item: TextItem, text?: unknown) => number } }).textMetrics;
if (metrics) {
  metrics.width = (item, text) => {
    const s = String(text ?? item.text ?? '').trim();
    const w = 0.56 * s.length * (item.fontSize ?? 11);
    return item.limit && item.limit > 0 ? Math.min(w, item.limit) : w;
  };
}

export interface RenderOptions {
  /** Width for specs sized to their container ('container' has no meaning outside a page). Default 640. */
  width?: number;
}

export async function renderSvg(spec: ChartSpec, options: RenderOptions = {}): Promise<string> {
  const width = options.width ?? 640;
  const fitted = fitToWidth(spec, width);
  const vg: vega.Spec = isVegaLite(fitted) ? compile(fitted).spec : fitted;
  const view = new vega.View(vega.parse(vg), { renderer: 'none', logLevel: vega.Warn });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
