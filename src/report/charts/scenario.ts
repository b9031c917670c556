/**
 * Charts of a scenario run (src/simulate): a fan chart of jobs displaced, created and net by
 * year with 90% bands, redistribution flows between major occupation groups as a heat map (a
 * Sankey needs a layout Vega-Lite does not have; the dashboard draws one in SVG), and the
 * largest occupation-to-occupation flows as bars. Inputs are the engine's JSON (workers, bands
 * p5/p50/p95), so the report and the dashboard pass what they received.
 */
import type { TopLevelSpec } from 'vega-lite';
import { type ChartOptions, config, titleWith } from './theme.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export interface ScenarioBand {
  p5: number;
  p50: number;
  p95: number;
}

export interface ScenarioYear {
  year: number;
  displaced: ScenarioBand;
  created: ScenarioBand;
  net: ScenarioBand;
  augmented?: ScenarioBand;
}

export interface ScenarioFlow {
  from: string;
  fromTitle?: string;
  to: string;
  toTitle?: string;
  workers: ScenarioBand;
}

/** What the source line of a scenario chart states. */
export interface ScenarioFacts {
  scenario: string;
  draws: number;
  /** e.g. "2024-34" */
  baselineVintage?: string;
  oewsYear?: number;
}

export function scenarioSource(f: ScenarioFacts): string {
  return `Source: jobshift scenario "${f.scenario}", ${f.draws.toLocaleString('en-US')} Monte Carlo draws; difference from BLS Employment Projections ${f.baselineVintage ?? '2024-34'}; GPTs-are-GPTs task labels; BLS OEWS${f.oewsYear ? ` May ${f.oewsYear}` : ''}; O*NET.`;
}

const SERIES = [
  { key: 'displaced', label: 'Displaced', color: '#c2410c' },
  { key: 'created', label: 'Created', color: '#2f855a' },
  { key: 'net', label: 'Net (created + augmentation - displaced)', color: '#2b6cb0' },
] as const;

/** Fan chart: median line and 5th-95th percentile band for displaced, created and net jobs by year. */
export function scenarioFanChart(years: ScenarioYear[], facts: ScenarioFacts, options: ChartOptions = {}): TopLevelSpec {
  const values = years.flatMap((y) => SERIES.map((s) => ({ year: y.year, series: s.label, p5: y[s.key].p5, p50: y[s.key].p50, p95: y[s.key].p95 })));
  const color = { field: 'series', type: 'nominal' as const, title: null, scale: { domain: SERIES.map((s) => s.label), range: SERIES.map((s) => s.color) }, legend: { direction: options.compact ? ('vertical' as const) : ('horizontal' as const), symbolOpacity: 1, symbolType: 'stroke', symbolStrokeWidth: 3 } };
  return {
    $schema: SCHEMA,
    config,
    title: titleWith('Jobs displaced, created and net, year by year', [
      'Cumulative difference from the BLS baseline path, in workers. Lines: median; bands: 5th-95th percentile of the draws.',
      options.source ?? scenarioSource(facts),
    ]),
    description: 'Fan chart: median and 90% band of jobs displaced, created and net change by year under the scenario.',
    width: options.width ?? 560,
    height: options.height ?? 280,
    data: { values },
    encoding: {
      x: { field: 'year', type: 'quantitative', title: 'Year', axis: { format: 'd', tickMinStep: 1 } },
      color,
    },
    layer: [
      { mark: { type: 'area', opacity: 0.18 }, encoding: { y: { field: 'p5', type: 'quantitative', title: 'Workers (difference from baseline)', axis: { format: '~s' } }, y2: { field: 'p95' } } },
      {
        mark: { type: 'line', strokeWidth: 2, point: { size: 18 } },
        encoding: {
          y: { field: 'p50', type: 'quantitative' },
          tooltip: [
            { field: 'series', title: 'Series' },
            { field: 'year', title: 'Year' },
            { field: 'p50', title: 'Median (workers)', format: ',.0f' },
            { field: 'p5', title: '5th percentile', format: ',.0f' },
            { field: 'p95', title: '95th percentile', format: ',.0f' },
          ],
        },
      },
      { mark: { type: 'rule', color: '#888', strokeDash: [3, 3] }, encoding: { y: { datum: 0 }, color: { value: '#888' } } },
    ],
  } as TopLevelSpec;
}

/** Heat map of workers moving between major occupation groups (median of the draws). */
export function groupFlowsHeatmap(flows: ScenarioFlow[], facts: ScenarioFacts, options: ChartOptions = {}): TopLevelSpec {
  const label = (code: string, title?: string) => (options.compact ? code : title ? `${title} (${code})` : code);
  const values = flows.map((f) => ({ from: label(f.from, f.fromTitle), to: label(f.to, f.toTitle), workers: f.workers.p50, p5: f.workers.p5, p95: f.workers.p95 }));
  return {
    $schema: SCHEMA,
    config,
    title: titleWith('Where displaced workers go, by occupation group', [
      'Workers moving from the group of the job they lose (rows) to the group of the job they take (columns), by the last year; median of the draws.',
      options.source ?? scenarioSource(facts),
    ]),
    description: 'Heat map: displaced workers moving between major occupation groups.',
    width: options.width ?? 520,
    height: options.height ?? 420,
    data: { values },
    mark: { type: 'rect' },
    encoding: {
      x: { field: 'to', type: 'nominal', title: 'To (occupation group of the new job)', axis: { labelAngle: -45, labelLimit: 160 } },
      y: { field: 'from', type: 'nominal', title: 'From (occupation group of the lost job)', axis: { labelLimit: 200 } },
      color: { field: 'workers', type: 'quantitative', title: 'Workers (median)', scale: { scheme: 'blues', type: 'sqrt' }, legend: { format: '~s' } },
      tooltip: [
        { field: 'from', title: 'From' },
        { field: 'to', title: 'To' },
        { field: 'workers', title: 'Workers (median)', format: ',.0f' },
        { field: 'p5', title: '5th percentile', format: ',.0f' },
        { field: 'p95', title: '95th percentile', format: ',.0f' },
      ],
    },
  } as TopLevelSpec;
}

/** The largest occupation-to-occupation flows as horizontal bars with their 90% range. */
export function topFlowsChart(flows: ScenarioFlow[], facts: ScenarioFacts, options: ChartOptions & { top?: number } = {}): TopLevelSpec {
  const top = [...flows].sort((a, b) => b.workers.p50 - a.workers.p50).slice(0, options.top ?? 15);
  const values = top.map((f, i) => ({ rank: i, pair: `${f.fromTitle ?? f.from} → ${f.toTitle ?? f.to}`, p5: f.workers.p5, p50: f.workers.p50, p95: f.workers.p95 }));
  return {
    $schema: SCHEMA,
    config,
    title: titleWith('Largest moves between occupations', ['Displaced workers re-employed in another occupation by the last year. Bars: median; lines: 5th-95th percentile.', options.source ?? scenarioSource(facts)]),
    description: 'Bar chart: the largest flows of displaced workers from one occupation to another.',
    width: options.width ?? 560,
    height: options.height ?? Math.max(120, values.length * 22),
    data: { values },
    encoding: { y: { field: 'pair', type: 'nominal', sort: values.map((v) => v.pair), title: null, axis: { labelLimit: options.compact ? 180 : 420 } } },
    layer: [
      {
        mark: { type: 'bar', color: '#2b6cb0' },
        encoding: {
          x: { field: 'p50', type: 'quantitative', title: 'Workers', axis: { format: '~s' } },
          tooltip: [
            { field: 'pair', title: 'Move' },
            { field: 'p50', title: 'Median (workers)', format: ',.0f' },
            { field: 'p5', title: '5th percentile', format: ',.0f' },
            { field: 'p95', title: '95th percentile', format: ',.0f' },
          ],
        },
      },
      { mark: { type: 'rule', color: '#1a365d' }, encoding: { x: { field: 'p5', type: 'quantitative' }, x2: { field: 'p95' } } },
    ],
  } as TopLevelSpec;
}
