/**
 * The scenario chart specs (src/report/charts/scenario.ts) render to SVG with their title,
 * source line and axis titles, from a small run of the model's JSON shape.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupFlowsHeatmap, scenarioFanChart, topFlowsChart } from '../report/charts/index.js';
import { renderSvg } from '../report/charts/render.js';

const b = (x: number) => ({ p5: 0.7 * x, p50: x, p95: 1.4 * x });
const years = [2025, 2026, 2027].map((year, i) => ({ year, displaced: b(1e5 * (i + 1)), created: b(6e4 * (i + 1)), net: { p5: -9e4 * (i + 1), p50: -4e4 * (i + 1), p95: 1e4 }, augmented: b(-1e4) }));
const flows = [
  { from: '43', fromTitle: 'Office and administrative support', to: '41', toTitle: 'Sales and related', workers: b(30_000) },
  { from: '43', fromTitle: 'Office and administrative support', to: '43', toTitle: 'Office and administrative support', workers: b(50_000) },
  { from: '13', fromTitle: 'Business and financial operations', to: '11', toTitle: 'Management', workers: b(12_000) },
];
const facts = { scenario: 'central', draws: 1000, baselineVintage: '2024-34', oewsYear: 2024 };

test('scenario charts render to SVG with title, source and axis titles', async () => {
  const cases: [ReturnType<typeof scenarioFanChart>, RegExp[]][] = [
    [scenarioFanChart(years, facts), [/Jobs displaced, created and net/, /Source: jobshift scenario "central", 1,000 Monte Carlo draws/, /Workers \(difference from baseline\)/, /Year/]],
    [groupFlowsHeatmap(flows, facts), [/Where displaced workers go/, /From \(occupation group/, /To \(occupation group/]],
    [topFlowsChart(flows, facts), [/Largest moves between occupations/, /Office and administrative support → Sales and related/]],
  ];
  for (const [spec, patterns] of cases) {
    const svg = await renderSvg(spec);
    assert.match(svg, /^<svg/);
    const text = svg.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
    for (const p of patterns) assert.match(text, p);
  }
});
