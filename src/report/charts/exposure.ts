/**
 * Charts of the workforce analysis: how exposure is distributed over workers, by group, by
 * substitution vs augmentation class, and against wages. Each function takes the facts as the
 * analysis gives them (src/analysis/analyze.ts) and returns a Vega-Lite spec as plain data.
 */
import type { TopLevelSpec } from 'vega-lite';
import { workersLabel } from './employment.js';
import {
  type AnalysisFacts,
  analysisSource,
  CLASS_COLORS,
  CLASS_ORDER,
  CLASS_SHORT,
  type ChartOptions,
  type ClassName,
  config,
  MEASURE_LABELS,
  shortGroupLabel,
  titleWith,
} from './theme.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export interface DistributionBin {
  from: number;
  to: number;
  employment: number;
  share: number;
}

/** Share of workers by how much of their occupation's task weight is exposed (10-point bins). */
export function exposureDistributionChart(bins: DistributionBin[], facts: AnalysisFacts, options: ChartOptions = {}): TopLevelSpec {
  const values = bins.map((b) => ({
    bin: `${Math.round(b.from * 100)}–${Math.round(b.to * 100)}`,
    from: b.from,
    share: b.share,
    employment: b.employment,
    high: b.from >= 0.5 ? 'Half or more of tasks exposed' : 'Less than half',
  }));
  return {
    $schema: SCHEMA,
    config,
    title: titleWith('How much of each job is exposed to LLMs', [
      `Share of US workers by the share of their occupation's tasks exposed (${MEASURE_LABELS[facts.measure]}).`,
      options.source ?? analysisSource(facts),
    ]),
    description: 'Bar chart: share of US workers in each 10-point band of occupation exposure.',
    width: options.width ?? 560,
    height: options.height ?? 240,
    data: { values },
    mark: { type: 'bar', cornerRadiusEnd: 2 },
    encoding: {
      x: { field: 'bin', type: 'ordinal', sort: { field: 'from' }, title: options.compact ? `Tasks exposed (${facts.measure}, %)` : `Share of the occupation's tasks exposed (${facts.measure}, %)`, axis: { labelAngle: options.compact ? -45 : 0 } },
      y: { field: 'share', type: 'quantitative', title: 'Share of US workers (%)', axis: { format: '.0%' } },
      color: {
        field: 'high',
        type: 'nominal',
        title: null,
        scale: { domain: ['Less than half', 'Half or more of tasks exposed'], range: ['#93b5d6', '#2b6cb0'] },
        legend: { direction: options.compact ? 'vertical' : 'horizontal' },
      },
      tooltip: [
        { field: 'bin', title: 'Tasks exposed (%)' },
        { field: 'share', title: 'Share of workers', format: '.1%' },
        { field: 'employment', title: 'Workers', format: ',.0f' },
      ],
    },
  };
}

export interface GroupRowInput {
  group: string;
  label: string;
  employment: number;
  mean: number;
  atLeast50: number;
}

/**
 * Mean exposure by group (major occupation group, wage quintile, education, demographic),
 * in the order given, as horizontal bars. `groupTitle` names the grouping ("Wage quintile").
 */
export function exposureByGroupChart(rows: GroupRowInput[], facts: AnalysisFacts & { groupTitle: string }, options: ChartOptions = {}): TopLevelSpec {
  const values = rows.map((r, i) => ({ ...r, label: shortGroupLabel(r.label), order: i }));
  return {
    $schema: SCHEMA,
    config,
    title: titleWith(`Exposure by ${facts.groupTitle.toLowerCase()}`, [
      `Average share of tasks exposed (${MEASURE_LABELS[facts.measure]}), weighted by employment.`,
      options.source ?? analysisSource(facts),
    ]),
    description: `Horizontal bar chart: average exposure for each ${facts.groupTitle.toLowerCase()}.`,
    width: options.width ?? 560,
    height: options.height ?? { step: 20 },
    data: { values },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: { field: 'order', op: 'min' }, title: null, axis: { labelLimit: options.compact ? 120 : 300 } },
    },
    layer: [
      {
        mark: { type: 'bar', color: '#2b6cb0', cornerRadiusEnd: 2 },
        encoding: {
          x: { field: 'mean', type: 'quantitative', title: `Average share of tasks exposed (${facts.measure}, %)`, axis: { format: '.0%', tickCount: 6 }, scale: { domain: [0, Math.max(0.5, ...rows.map((r) => r.mean))] } },
          tooltip: [
            { field: 'label', title: facts.groupTitle },
            { field: 'mean', title: `Average ${facts.measure}`, format: '.1%' },
            { field: 'atLeast50', title: 'Workers with ≥50% of tasks exposed', format: '.1%' },
            { field: 'employment', title: 'Workers', format: ',.0f' },
          ],
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: '#333' },
        encoding: { x: { field: 'mean', type: 'quantitative' }, text: { field: 'mean', type: 'quantitative', format: '.0%' } },
      },
    ],
  };
}

export interface ClassRowInput {
  class: ClassName;
  employment: number;
  share: number;
  occupations: number;
}

/** Substitution vs augmentation: share of workers in each exposure class. */
export function classesChart(classes: ClassRowInput[], facts: AnalysisFacts & { thresholds: { high: number; low: number; automation: number } }, options: ChartOptions = {}): TopLevelSpec {
  const t = facts.thresholds;
  const values = classes.map((c) => ({ ...c, label: CLASS_SHORT[c.class], order: CLASS_ORDER.indexOf(c.class) }));
  return {
    $schema: SCHEMA,
    config,
    title: titleWith('Substitution or augmentation?', [
      `Highly exposed: beta ≥ ${t.high * 100}%. Of those, automation-prone when ≥ ${t.automation * 100}% of task weight is rated T3–T4 (the model does it with little oversight). Low: beta < ${t.low * 100}%.`,
      options.source ?? analysisSource(facts),
    ]),
    description: 'Horizontal bar chart: share of US workers in each exposure class.',
    width: options.width ?? 560,
    height: options.height ?? { step: 28 },
    data: { values },
    encoding: { y: { field: 'label', type: 'nominal', sort: { field: 'order', op: 'min' }, title: null, axis: { labelLimit: options.compact ? 120 : 300 } } },
    layer: [
      {
        mark: { type: 'bar', cornerRadiusEnd: 2 },
        encoding: {
          x: { field: 'share', type: 'quantitative', title: 'Share of US workers (%)', axis: { format: '.0%', tickCount: 5 } },
          color: { field: 'label', type: 'nominal', legend: null, scale: { domain: CLASS_ORDER.map((c) => CLASS_SHORT[c]), range: CLASS_ORDER.map((c) => CLASS_COLORS[c]) } },
          tooltip: [
            { field: 'label', title: 'Class' },
            { field: 'share', title: 'Share of workers', format: '.1%' },
            { field: 'employment', title: 'Workers', format: ',.0f' },
            { field: 'occupations', title: 'Occupations' },
          ],
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: '#333' },
        encoding: { x: { field: 'share', type: 'quantitative' }, text: { field: 'share', type: 'quantitative', format: '.0%' } },
      },
    ],
  };
}

export interface OccupationPoint {
  code: string;
  title: string;
  exposure: number | null;
  wage: number | null;
  /** The dot's size: the equal share of the OEWS figure (sizes add up to the workforce). */
  employment: number | null;
  /** What the tooltip says (src/analysis/employment.ts): the OEWS figure of the SOC code, and what it covers when shared. */
  employmentSoc?: number | null;
  employmentNote?: string | null;
  class: ClassName | null;
}

/** Each occupation's exposure against its median wage (log scale), sized by employment. */
export function exposureVsWageScatter(occupations: OccupationPoint[], facts: AnalysisFacts, options: ChartOptions = {}): TopLevelSpec {
  const values = occupations
    .filter((o) => o.exposure !== null && o.wage !== null && o.wage > 0)
    .map((o) => ({ ...o, classLabel: o.class ? CLASS_SHORT[o.class] : 'Not classified', employment: o.employment ?? 0, workers: workersLabel(o) }));
  return {
    $schema: SCHEMA,
    config,
    title: titleWith('Exposure and pay', [
      `Each dot is an occupation: its median annual wage and the share of its tasks exposed (${facts.measure}); size shows workers.`,
      options.source ?? `${analysisSource(facts)} Wages: BLS OEWS May ${facts.oewsYear} median annual wage.`,
    ]),
    description: 'Scatter plot of occupation exposure against median annual wage.',
    width: options.width ?? 560,
    height: options.height ?? 340,
    data: { values },
    mark: { type: 'circle', opacity: 0.6, stroke: 'white', strokeWidth: 0.5, clip: true },
    encoding: {
      x: { field: 'wage', type: 'quantitative', scale: { type: 'log', nice: false, domain: [20000, 300000] }, title: 'Median annual wage (US$, log scale)', axis: { format: '$,.0f', values: [20000, 30000, 50000, 75000, 100000, 150000, 300000] } },
      y: { field: 'exposure', type: 'quantitative', title: `Share of tasks exposed (${facts.measure}, %)`, axis: { format: '.0%' }, scale: { domain: [0, 1] } },
      // Size is explained in the subtitle; a size legend would crowd narrow screens.
      size: { field: 'employment', type: 'quantitative', title: 'Workers', scale: { range: [8, 400] }, legend: null },
      color: {
        field: 'classLabel',
        type: 'nominal',
        title: 'Class',
        legend: { columns: options.compact ? 1 : 3 },
        scale: { domain: [...CLASS_ORDER.map((c) => CLASS_SHORT[c]), 'Not classified'], range: [...CLASS_ORDER.map((c) => CLASS_COLORS[c]), '#999'] },
      },
      tooltip: [
        { field: 'title', title: 'Occupation' },
        { field: 'code', title: 'O*NET-SOC' },
        { field: 'exposure', title: `Exposure (${facts.measure})`, format: '.0%' },
        { field: 'wage', title: 'Median wage', format: '$,.0f' },
        { field: 'workers', title: 'Workers' },
      ],
    },
  };
}
