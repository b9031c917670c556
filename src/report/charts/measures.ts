/**
 * jobshift's scores beside the published exposure measures (src/analysis/compare.ts): a
 * correlation heat map of every pair, and a scatter of any two on SOC 2018 codes.
 */
import type { TopLevelSpec } from 'vega-lite';
import { type ChartOptions, config, joinSources, titleWith } from './theme.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export interface MeasureInfo {
  id: string;
  label: string;
  source?: string;
}

export interface MeasurePair {
  a: string;
  b: string;
  n: number;
  pearson: number | null;
  spearman: number | null;
}

const COMPARE_SOURCE =
  'Source: jobshift scores (GPTs-are-GPTs labels, Eloundou et al. 2024); AIOE, LM-AIOE, IG-AIOE (Felten, Raj & Seamans); Microsoft AI applicability (Tomlinson et al. 2025); ILO (Gmyrek et al.); Frey & Osborne (2017); Anthropic Economic Index (2025). On SOC 2018 codes via BLS crosswalks.';

/** Correlation of every pair of measures (Pearson or Spearman), on the SOC codes both cover. */
export function correlationHeatmap(pairs: MeasurePair[], measures: MeasureInfo[], options: ChartOptions & { statistic?: 'pearson' | 'spearman' } = {}): TopLevelSpec {
  const stat = options.statistic ?? 'pearson';
  const label = new Map(measures.map((m) => [m.id, m.label]));
  const order = measures.map((m) => m.label);
  const cells: { a: string; b: string; r: number | null; n: number | null }[] = [];
  for (const m of measures) cells.push({ a: m.label, b: m.label, r: 1, n: null });
  for (const p of pairs) {
    const a = label.get(p.a) ?? p.a;
    const b = label.get(p.b) ?? p.b;
    cells.push({ a, b, r: p[stat], n: p.n }, { a: b, b: a, r: p[stat], n: p.n });
  }
  const side = Math.max(200, 34 * measures.length);
  return {
    $schema: SCHEMA,
    config,
    title: titleWith('How far the exposure measures agree', [
      `${stat === 'pearson' ? 'Pearson' : 'Spearman rank'} correlation between measures across occupations (1 = same ranking of occupations, 0 = unrelated).`,
      options.source ?? COMPARE_SOURCE,
    ]),
    description: 'Heat map of correlations between pairs of exposure measures.',
    width: options.width ?? side,
    height: options.height ?? side,
    data: { values: cells },
    encoding: {
      x: { field: 'a', type: 'nominal', sort: order, title: 'Measure', axis: { labelAngle: -40, labelLimit: options.compact ? 110 : 220 } },
      y: { field: 'b', type: 'nominal', sort: order, title: 'Measure', axis: { labelLimit: options.compact ? 110 : 220 } },
    },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          color: { field: 'r', type: 'quantitative', title: 'Correlation (r)', scale: { scheme: 'redblue', domain: [-1, 1], reverse: false }, legend: { format: '.1f', gradientLength: 160 } },
          tooltip: [
            { field: 'a', title: 'Measure' },
            { field: 'b', title: 'Against' },
            { field: 'r', title: 'Correlation', format: '.2f' },
            { field: 'n', title: 'Codes compared' },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          text: { field: 'r', type: 'quantitative', format: '.2f' },
          color: { condition: { test: 'abs(datum.r) > 0.6', value: 'white' }, value: '#222' },
        },
      },
    ],
  };
}

export interface MeasurePoint {
  code: string;
  title: string;
  a: number;
  b: number;
}

/** Two measures against each other, one dot per SOC code, with a least-squares line. */
export function measureScatter(points: MeasurePoint[], a: MeasureInfo, b: MeasureInfo, options: ChartOptions & { pearson?: number | null } = {}): TopLevelSpec {
  const r = options.pearson;
  return {
    $schema: SCHEMA,
    config,
    title: titleWith(`${a.label} vs ${b.label}`, [
      `One dot per occupation (SOC 2018 code covered by both): ${points.length.toLocaleString('en-US')} codes${r === undefined || r === null ? '' : `, Pearson r = ${r.toFixed(2)}`}. Line: least-squares fit.`,
      options.source ?? `Source: ${joinSources([a.source ?? a.label, b.source ?? b.label])}`,
    ]),
    description: `Scatter plot of ${a.label} against ${b.label} across occupations.`,
    width: options.width ?? 480,
    height: options.height ?? 360,
    data: { values: points },
    layer: [
      {
        mark: { type: 'circle', opacity: 0.55, size: 28, color: '#2b6cb0' },
        encoding: {
          x: { field: 'a', type: 'quantitative', title: `${a.label} (score as published)`, scale: { zero: false } },
          y: { field: 'b', type: 'quantitative', title: `${b.label} (score as published)`, scale: { zero: false } },
          tooltip: [
            { field: 'title', title: 'Occupation' },
            { field: 'code', title: 'SOC' },
            { field: 'a', title: a.label, format: '.3f' },
            { field: 'b', title: b.label, format: '.3f' },
          ],
        },
      },
      {
        mark: { type: 'line', color: '#c2410c', strokeWidth: 2 },
        transform: [{ regression: 'b', on: 'a' }],
        encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } },
      },
    ],
  };
}
