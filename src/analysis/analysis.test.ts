import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { importData } from '../data/import.js';
import { Store } from '../data/store.js';
import { writeCpsFixtures, writeFixtureData } from '../data/testFixtures.js';
import { loadTaskScores, type ScoredTask } from '../scoring/taskScores.js';
import { InputError } from '../util/errors.js';
import { analyzeWorkforce } from './analyze.js';
import { classify } from './classes.js';
import { compareSeries, type MeasureSeries, onetToSoc } from './compare.js';
import { exposureOf, occupationExposure } from './exposure.js';
import { matchDemographics } from './frame.js';
import { invert, pearson, quantile, ranks, spearman, topDecileOverlap, wls } from './stats.js';
import { bootstrapExposure } from './uncertainty.js';
import { headline, type UnitExposure, wageQuintiles } from './workforce.js';

const task = (onetCode: string, exposure: ScoredTask['exposure'], taskType: string | null = 'Core', automation: ScoredTask['automation'] = null, taskId = 0): ScoredTask => ({
  onetCode, taskId, text: 't', taskType, exposure, automation, origin: 'published',
});

test('alpha, beta, gamma with core 2 / supplemental 1 weights (hand-computed)', () => {
  // Core E1 (w2), Core E2 (w2), Supplemental E0 (w1), untyped E2 (w1): total weight 6.
  const tasks = [task('a', 'E1'), task('a', 'E2'), task('a', 'E0', 'Supplemental'), task('a', 'E2', null)];
  const [o] = occupationExposure(tasks);
  assert.equal(o!.alpha, 2 / 6);
  assert.equal(o!.beta, (2 + 0.5 * 3) / 6);
  assert.equal(o!.gamma, 5 / 6);
});

test('automation vs augmentation shares', () => {
  const tasks = [task('a', 'E1', 'Core', 'T3'), task('a', 'E2', 'Core', 'T1'), task('a', 'E0', 'Core', 'T4'), task('a', 'E0', 'Core', 'T0')];
  const e = exposureOf(tasks, [1, 1, 1, 1]);
  assert.equal(e.automation, 0.5, 'T3 and T4 tasks: half the weight');
  assert.equal(e.automationExposed, 0.25, 'exposed and T3-T4');
  assert.equal(e.augmentation, 0.25, 'exposed and T0-T2');
});

test('statistics: correlations, ranks, quantiles, top-decile overlap, regression', () => {
  assert.equal(pearson([1, 2, 3, 4], [2, 4, 6, 8]), 1);
  assert.ok(Math.abs(pearson([1, 2, 3, 4], [4, 3, 2, 1]) + 1) < 1e-12);
  assert.deepEqual(Array.from(ranks([10, 20, 20, 5])), [2, 3.5, 3.5, 1]);
  // Monotone but non-linear: Spearman 1, Pearson below 1.
  const x = [1, 2, 3, 4, 5];
  const y = x.map((v) => v ** 4);
  assert.equal(spearman(x, y), 1);
  assert.ok(pearson(x, y) < 0.99);
  assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
  const xs = Array.from({ length: 100 }, (_, i) => i);
  assert.equal(topDecileOverlap(xs, xs), 1);
  assert.equal(topDecileOverlap(xs, xs.map((v) => -v)), 0);
  // y = 1 + 2x exactly: coefficients recovered, zero standard errors.
  const X = [0, 1, 2, 3, 4].map((v) => [1, v]);
  const fit = wls(X, [1, 3, 5, 7, 9], [1, 1, 1, 1, 1]);
  assert.ok(Math.abs(fit.coefficients[0]! - 1) < 1e-9 && Math.abs(fit.coefficients[1]! - 2) < 1e-9);
  assert.ok(fit.se[1]! < 1e-9);
  assert.deepEqual(invert([[2, 0], [0, 4]]), [[0.5, 0], [0, 0.25]]);
});

const unit = (socCode: string, employment: number, beta: number, annualMedian: number | null = 50000): UnitExposure => ({
  socCode, title: socCode, majorGroup: socCode.slice(0, 2), employment, annualMean: annualMedian, annualMedian, onetCodes: [`${socCode}.00`],
  jobZone: 2, education: null, demographics: null, ages: null, alpha: beta, beta, gamma: beta, automation: null, augmentation: 0, automationExposed: null, scored: [],
});

test('headline shares are employment-weighted', () => {
  const units = [unit('11-1011', 100, 0.6), unit('13-2011', 300, 0.2), unit('47-2061', 600, 0.05)];
  const h = headline(units, 'beta');
  assert.equal(h.atLeast50, 0.1);
  assert.equal(h.atLeast10, 0.4);
  assert.ok(Math.abs(h.mean - (60 + 60 + 30) / 1000) < 1e-12);
  const q = wageQuintiles([unit('a', 100, 0, 10), unit('b', 100, 0, 20), unit('c', 100, 0, 30), unit('d', 100, 0, 40), unit('e', 100, 0, 50)]);
  assert.deepEqual([...q.values()], [1, 2, 3, 4, 5]);
});

test('CPS codes: exact, broad and X-pattern matches', () => {
  const d = (women: number) => ({ women, white: null, black: null, asian: null, hispanic: null });
  const m = new Map([['11-1011', d(0.3)], ['11-9030', d(0.6)], ['13-20XX', d(0.5)]]);
  assert.equal(matchDemographics('11-1011', m)?.women, 0.3);
  assert.equal(matchDemographics('11-9032', m)?.women, 0.6);
  assert.equal(matchDemographics('13-2011', m)?.women, 0.5);
  assert.equal(matchDemographics('47-2061', m), null);
});

test('classes', () => {
  assert.equal(classify(0.1, 0.9), 'low');
  assert.equal(classify(0.3, 0.9), 'moderate');
  assert.equal(classify(0.6, 0.5), 'automation');
  assert.equal(classify(0.6, 0.1), 'augmentation');
});

test('bootstrap: deterministic for a seed; an occupation with identical tasks has a zero-width interval', () => {
  const tasks = [
    ...Array.from({ length: 10 }, (_, i) => task('11-1011.00', i % 2 ? 'E1' : 'E0', 'Core', null, i)),
    ...Array.from({ length: 5 }, (_, i) => task('13-2011.00', 'E1', 'Core', null, 100 + i)),
  ];
  const units = [
    { ...unit('11-1011', 100, 0), onetCodes: ['11-1011.00'] },
    { ...unit('13-2011', 100, 0), onetCodes: ['13-2011.00'] },
  ];
  const a = bootstrapExposure(tasks, units, { resamples: 200, seed: 7 });
  const b = bootstrapExposure(tasks, units, { resamples: 200, seed: 7 });
  assert.deepEqual(a.national, b.national);
  const fixed = a.occupations.get('13-2011.00')!;
  assert.deepEqual(fixed, { lo: 1, hi: 1 });
  const mixed = a.occupations.get('11-1011.00')!;
  assert.ok(mixed.lo < 0.5 && mixed.hi > 0.5, `interval ${JSON.stringify(mixed)} around 0.5`);
});

test('compare: O*NET codes roll up to SOC, pairs compared on common codes', () => {
  const soc = onetToSoc([['11-1011.00', 0.2], ['11-1011.03', 0.4], ['13-2011.00', 0.5]]);
  assert.ok(Math.abs(soc.get('11-1011')! - 0.3) < 1e-12);
  const s = (id: string, entries: [string, number][]): MeasureSeries => ({ id, label: id, source: '', codeSystem: 'SOC2018', values: new Map(entries) });
  const [p] = compareSeries([s('a', [['1', 1], ['2', 2], ['3', 3], ['4', 4]]), s('b', [['2', 20], ['3', 30], ['4', 40], ['5', 0]])]);
  assert.equal(p!.n, 3);
  assert.equal(p!.pearson, 1);
});

let dir = '';
let store: Store;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jobshift-analysis-'));
  writeFixtureData(join(dir, 'data'));
  writeCpsFixtures(join(dir, 'data'), 2025);
  store = await Store.open(join(dir, 'store.duckdb'));
  await importData(store, [join(dir, 'data')]);
});
after(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('analyzeWorkforce on the fixture store', async () => {
  const r = await analyzeWorkforce(store, { scorer: 'human', resamples: 50 });
  assert.equal(r.oewsYear, 2024);
  // Accountants: core E1 (2), core E2 (2), supplemental E0 (1) -> beta = (2 + 1) / 5 = 0.6.
  const acc = r.occupations.find((o) => o.onetCode === '13-2011.00')!;
  assert.ok(Math.abs(acc.beta - 0.6) < 1e-12);
  // Workers at >= 50% beta: accountants (1.54M) and data entry keyers (beta 0.75, 165k) of 2.2M.
  assert.ok(Math.abs(r.headline.beta.atLeast50 - (1540000 + 165000) / 2200000) < 1e-12);
  assert.equal(r.coverage.missing.length, 0);
  assert.ok(r.scorerRange, 'gpt4 labels give a second scorer');
});

test('exposure by age: each age group weighted by its CPS 11b share of each occupation (hand-computed)', async () => {
  const r = await analyzeWorkforce(store, { scorer: 'human', resamples: 10, by: ['age'], compareScorers: false });
  assert.deepEqual(r.cpsYears, { sexRace: 2025, age: 2025 });
  const age = new Map(r.breakdowns.age!.map((g) => [g.group, g]));
  // Aged 20-24: accountants 10% of 1.54M, data entry keyers 30% of 165k, construction laborers 10% of 495k.
  const young = age.get('age_20_24')!;
  assert.equal(young.label, 'Aged 20 to 24');
  assert.ok(Math.abs(young.employment - (154000 + 49500 + 49500)) < 1e-6);
  // Highly exposed (beta >= 50%): accountants (0.6) and data entry keyers (0.75), not laborers (0).
  assert.ok(Math.abs(young.atLeast50 - (154000 + 49500) / 253000) < 1e-12);
  // Aged 16-19: no accountants; keyers 10% of 165k, laborers 10% of 495k.
  assert.ok(Math.abs(age.get('age_16_19')!.atLeast50 - 16500 / 66000) < 1e-12);
  assert.equal(age.get('all')!.employment, 2200000);
  assert.ok(r.sources.some((x) => /Current Population Survey 2025 annual averages, table 11b/.test(x)));
});

test('bad input: unknown scorer, measure, year, and missing scores', async () => {
  await assert.rejects(analyzeWorkforce(store, { scorer: 'oracle' }), (e: unknown) => e instanceof InputError && /unknown scorer "oracle" \(available: human, gpt4, local, llm, llama\)/.test(e.message));
  await assert.rejects(analyzeWorkforce(store, { measure: 'delta' }), /unknown measure "delta" \(available: alpha, beta, gamma\)/);
  await assert.rejects(analyzeWorkforce(store, { oews: 2019 }), /OEWS 2019 is not imported \(available: 2021, 2024\)/);
  await assert.rejects(loadTaskScores(store, 'llm'), /no llm scores in the store yet/);
});

const data = process.env.JOBSHIFT_DATA;
test('integration: reproduces GPTs-are-GPTs occ_level.csv to 1e-9 for every occupation', { timeout: 180_000 }, async (t) => {
  if (!data) return t.skip('JOBSHIFT_DATA not set');
  const real = await Store.open(join(dir, 'real.duckdb'));
  try {
    await importData(real, [data]);
    for (const source of ['human', 'gpt4'] as const) {
      const scores = await loadTaskScores(real, source);
      const computed = new Map(occupationExposure(scores.tasks.filter((x) => x.origin === 'published')).map((o) => [o.onetCode, o]));
      const published = await real.all<{ measure: string; code: string; value: number }>(
        `SELECT measure, code, value FROM measures WHERE measure LIKE ?`,
        [`gptsgpts_${source}_%`],
      );
      assert.equal(published.length, 738 * 3);
      for (const p of published) {
        const m = p.measure.split('_').pop() as 'alpha' | 'beta' | 'gamma';
        const o = computed.get(p.code);
        assert.ok(o, `occupation ${p.code} computed`);
        assert.ok(Math.abs(o[m] - p.value) <= 1e-9, `${source} ${m} ${p.code}: ${o[m]} vs ${p.value}`);
      }
    }
    const r = await analyzeWorkforce(real, { scorer: 'human', resamples: 100 });
    // METHODS.md A11 (computed locally): human beta, employment-weighted, about 0.31.
    assert.ok(r.headline.beta.mean > 0.25 && r.headline.beta.mean < 0.37, `human beta ${r.headline.beta.mean}`);
    assert.ok(r.intervals.mean.lo <= r.headline.beta.mean + 0.02 && r.intervals.mean.hi >= r.headline.beta.mean - 0.02);
  } finally {
    real.close();
  }
});
