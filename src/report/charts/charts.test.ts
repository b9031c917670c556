/**
 * Chart specs rendered to SVG in Node, as the report will: each must parse as SVG and carry its
 * marks, title, source line and axis titles. Structure is asserted, not bytes (Vega versions
 * move pixels).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile } from 'vega-lite';
import {
  type AnalysisFacts,
  type ChartSpec,
  classesChart,
  correlationHeatmap,
  employmentTreemap,
  exposureByGroupChart,
  exposureDistributionChart,
  exposureVsWageScatter,
  fitToWidth,
  isVegaLite,
  measureScatter,
} from './index.js';
import { renderSvg } from './render.js';

const facts: AnalysisFacts = { measure: 'beta', scorer: 'human', oewsYear: 2024 };

/** Text of every <text> element, entities decoded. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)].map((m) =>
    m[1]!
      .replace(/<\/tspan>/g, ' ')
      .replace(/<[^>]+>/g, '')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&#39;|&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .trim(),
  );
}

function assertValidSvg(svg: string): void {
  assert.match(svg, /^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg, /<\/svg>$/);
  const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1]);
  const height = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1]);
  assert.ok(width > 100 && height > 100, `size ${width}x${height}`);
  // Balanced groups: a cheap well-formedness check.
  assert.equal((svg.match(/<g[\s>]/g) ?? []).length, (svg.match(/<\/g>/g) ?? []).length);
  assert.doesNotMatch(svg, /NaN|undefined/);
}

async function rendered(spec: ChartSpec) {
  const svg = await renderSvg(spec);
  assertValidSvg(svg);
  const t = texts(svg);
  const all = t.join('\n');
  return { svg, t, all };
}

const bins = Array.from({ length: 10 }, (_, i) => ({ from: i / 10, to: (i + 1) / 10, employment: 1000 * (10 - i), share: (10 - i) / 55 }));
const groups = [
  { group: '13', label: 'Business and Financial Operations Occupations', employment: 1_540_000, mean: 0.6, atLeast50: 1 },
  { group: '43', label: 'Office and Administrative Support Occupations', employment: 165_000, mean: 0.75, atLeast50: 1 },
  { group: '47', label: 'Construction and Extraction Occupations', employment: 495_000, mean: 0, atLeast50: 0 },
];
const occupations = [
  { code: '13-2011.00', title: 'Accountants and Auditors', exposure: 0.6, wage: 80000, employment: 1_540_000, class: 'augmentation' as const, majorGroup: '13' },
  { code: '43-9021.00', title: 'Data Entry Keyers', exposure: 0.75, wage: 38000, employment: 165_000, class: 'automation' as const, majorGroup: '43' },
  { code: '47-2061.00', title: 'Construction Laborers', exposure: 0, wage: 45000, employment: 495_000, class: 'low' as const, majorGroup: '47' },
  { code: '99-0000.00', title: 'Not scored', exposure: null, wage: 50000, employment: 10_000, class: null, majorGroup: '47' },
];

test('exposure distribution: ten bars, title, source, axis titles with units', async () => {
  const spec = exposureDistributionChart(bins, facts);
  assert.ok(isVegaLite(spec));
  const { svg, all } = await rendered(spec);
  assert.equal((svg.match(/aria-roledescription="bar"/g) ?? []).length, 10, 'ten bars');
  assert.match(svg, /aria-label="[^"]*Tasks exposed \(%\): 10–20; Share of workers: 16\.4%/);
  assert.match(all, /How much of each job is exposed to LLMs/);
  assert.match(all, /Source: GPTs-are-GPTs task labels \(Eloundou et al\. 2024\), human ratings; .*BLS OEWS May 2024/);
  assert.match(all, /Share of US workers \(%\)/);
  assert.match(all, /Share of the occupation's tasks exposed \(beta, %\)/);
  assert.match(all, /0–10/);
});

test('exposure by group: one bar per group in the given order, labels without "Occupations"', async () => {
  const spec = exposureByGroupChart(groups, { ...facts, groupTitle: 'Major occupation group' });
  const { t, all } = await rendered(spec);
  assert.match(all, /Exposure by major occupation group/);
  assert.match(all, /Average share of tasks exposed \(beta, %\)/);
  const labels = t.filter((x) => groups.some((g) => g.label.startsWith(x.replace(/…$/, ''))));
  assert.deepEqual(labels.map((l) => l.slice(0, 8)), ['Business', 'Office a', 'Construc']);
  assert.ok(t.includes('60%') && t.includes('75%') && t.includes('0%'), 'value labels');
  assert.doesNotMatch(all, /Support Occupations/);
});

test('classes: four classes in a fixed order with their thresholds stated', async () => {
  const classes = (['low', 'automation', 'moderate', 'augmentation'] as const).map((c, i) => ({ class: c, employment: 100 * (i + 1), share: (i + 1) / 10, occupations: i + 1 }));
  const { t, all } = await rendered(classesChart(classes, { ...facts, thresholds: { high: 0.4, low: 0.2, automation: 0.35 } }));
  assert.match(all, /Substitution or augmentation\?/);
  assert.match(all, /beta ≥ 40%/);
  assert.match(all, /Share of US workers \(%\)/);
  const order = ['High automation potential', 'Augmentation-dominant', 'Moderate exposure', 'Low exposure'].map((l) => t.findIndex((x) => x === l));
  assert.ok(order.every((i) => i >= 0), `labels: ${t.join(' | ')}`);
  assert.deepEqual([...order].sort((a, b) => a - b), order, 'automation first, low last');
});

test('exposure vs wage: one dot per scored occupation with a wage, log axis in dollars', async () => {
  const { svg, all } = await rendered(exposureVsWageScatter(occupations, facts));
  assert.equal((svg.match(/aria-roledescription="circle"/g) ?? []).length, 3, 'unscored occupations are left out');
  assert.match(svg, /aria-label="[^"]*Occupation: Data Entry Keyers; O\*NET-SOC: 43-9021\.00; Exposure \(beta\): 75%; Median wage: \$38,000/);
  assert.match(all, /Median annual wage \(US\$, log scale\)/);
  assert.match(all, /\$50,000/);
  assert.match(all, /Share of tasks exposed \(beta, %\)/);
  assert.match(all, /Wages: BLS OEWS May 2024 median annual wage/);
});

test('employment treemap (Vega): one rectangle per occupation with employment, group outlines, legend', async () => {
  const spec = employmentTreemap(occupations, { '13': 'Business and Financial Operations Occupations', '43': 'Office and Administrative Support Occupations', '47': 'Construction and Extraction Occupations' }, facts);
  assert.equal(isVegaLite(spec), false);
  const { svg, all } = await rendered(spec);
  const leaves = [...svg.matchAll(/aria-label="Occupation: ([^;"]+); workers: /g)].map((m) => m[1]);
  assert.deepEqual(leaves.sort(), ['Accountants and Auditors', 'Construction Laborers', 'Data Entry Keyers', 'Not scored']);
  assert.match(all, /Where the workers are/);
  assert.match(all, /Share of tasks exposed \(beta\)/);
  assert.match(all, /Business and Financial Operations/);
  assert.match(all, /Source: /);
  const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)![1]);
  assert.ok(width >= 600 && width <= 680, `about 640 px wide outside the browser, got ${width}`);
});

test('correlation heat map: n x n cells with their correlations', async () => {
  const measures = [
    { id: 'human', label: 'jobshift human beta' },
    { id: 'aioe', label: 'AIOE' },
    { id: 'frey_osborne', label: 'Frey–Osborne' },
  ];
  const pairs = [
    { a: 'human', b: 'aioe', n: 640, pearson: 0.86, spearman: 0.85 },
    { a: 'human', b: 'frey_osborne', n: 560, pearson: -0.38, spearman: -0.35 },
    { a: 'aioe', b: 'frey_osborne', n: 700, pearson: -0.42, spearman: -0.4 },
  ];
  const { svg, t, all } = await rendered(correlationHeatmap(pairs, measures));
  assert.equal((svg.match(/aria-roledescription="rect mark"/g) ?? []).length, 9);
  assert.equal(t.filter((x) => x === '0.86').length, 2, 'symmetric');
  assert.equal(t.filter((x) => x === '1.00').length, 3, 'diagonal');
  assert.match(all, /Pearson correlation/);
  assert.match(all, /Felten, Raj & Seamans/);
  const spearman = await rendered(correlationHeatmap(pairs, measures, { statistic: 'spearman' }));
  assert.ok(spearman.t.includes('0.85'));
});

test('measure scatter: dots, a fitted line, r in the subtitle, both measures on the axes', async () => {
  const points = Array.from({ length: 30 }, (_, i) => ({ code: `11-${1000 + i}`, title: `Occupation ${i}`, a: i / 30, b: (i / 30) * 2 - 1 + (i % 3) * 0.05 }));
  const { svg, all } = await rendered(
    measureScatter(points, { id: 'human', label: 'jobshift human beta', source: 'GPTs-are-GPTs.' }, { id: 'lm_aioe', label: 'LM-AIOE', source: 'Felten et al. (2023).' }, { pearson: 0.9 }),
  );
  assert.equal((svg.match(/aria-roledescription="circle"/g) ?? []).length, 30);
  assert.equal((svg.match(/aria-roledescription="line mark"/g) ?? []).length, 1);
  assert.match(all, /Pearson r = 0\.90/);
  assert.match(all, /jobshift human beta \(score as published\)/);
  assert.match(all, /LM-AIOE \(score as published\)/);
  assert.match(all, /Source: GPTs-are-GPTs; Felten et al\. \(2023\)\./);
});

test('specs are plain data: JSON round trip, valid Vega-Lite, container width resolved by fitToWidth', () => {
  const spec = exposureByGroupChart(groups, { ...facts, groupTitle: 'Wage quintile' }, { width: 'container' });
  assert.deepEqual(JSON.parse(JSON.stringify(spec)), spec);
  assert.ok(compile(spec).spec.marks!.length > 0);
  const fitted = fitToWidth(spec, 360) as { width: number; autosize: unknown; title: { subtitle: string[] } };
  assert.equal(fitted.width, 360);
  assert.deepEqual(fitted.autosize, { type: 'fit-x', contains: 'padding' });
  assert.ok(fitted.title.subtitle.every((l) => l.length <= Math.floor((360 - 24) / 5.9)), 'source lines wrapped to the width');
  assert.equal((spec as { width: unknown }).width, 'container', 'the input is not changed');
});
