/**
 * The backtest on small stores written here, where the answer is known: employment built so
 * that the regression coefficient is exact (or checked against a hand computation), the
 * placebo window, the effect's units in words, the --json contract and bad input.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Store } from '../data/store.js';
import { InputError } from '../util/errors.js';
import { backtest, backtestJson, backtestReading, backtestWindow, type BacktestWindow, effectSentence, PLACEBO_WINDOW, percentPer10pp, PRE_CHATGPT_YEAR } from './backtest.js';
import type { UnitExposure } from './workforce.js';

const dir = mkdtempSync(join(tmpdir(), 'jobshift-backtest-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** 30 occupations in three major groups, exposure spread over [0, 0.97]. */
const GROUPS = ['11', '13', '43'];
const occupations = Array.from({ length: 30 }, (_, i) => ({
  soc: `${GROUPS[i % 3]}-${String(1000 + i).padStart(4, '0')}`,
  group: GROUPS[i % 3]!,
  beta: ((i * 7) % 30) / 31,
  base: 10_000 + 1_000 * i,
  noise: 0.03 * Math.sin(i * 1.7),
}));
const unit = (o: (typeof occupations)[number]): UnitExposure =>
  ({ socCode: o.soc, title: `Occupation ${o.soc}`, majorGroup: o.group, employment: o.base, alpha: o.beta / 2, beta: o.beta, gamma: o.beta, onetCodes: [`${o.soc}.00`], scored: [`${o.soc}.00`] }) as unknown as UnitExposure;
const units = occupations.map(unit);

/** Group effects: each window has its own, unrelated to exposure. */
const groupEffect = (year: number, g: string) => ({ '11': 0.02, '13': -0.01, '43': 0.04 })[g as '11']! * (year - 2020);
/** Known slopes (log points per unit of beta) of each step between years. */
const MAIN_SLOPE = 0.05;
const NOISY_SLOPE = -0.2;
/** The newest year is not 2025: the default end year must come from the store. */
const LATEST = 2026;

function employment(o: (typeof occupations)[number]): Record<number, number> {
  const e2021 = o.base;
  const e2022 = e2021 * Math.exp(groupEffect(2022, o.group)); // placebo: exposure plays no part
  const e2023 = e2022 * Math.exp(NOISY_SLOPE * o.beta + groupEffect(2023, o.group) + o.noise);
  const eLatest = e2022 * Math.exp(MAIN_SLOPE * o.beta + groupEffect(LATEST, o.group));
  return { 2021: e2021, 2022: e2022, 2023: e2023, [LATEST]: eLatest };
}

async function storeWith(name: string, years: number[]): Promise<Store> {
  const store = await Store.open(join(dir, `${name}.duckdb`));
  for (const o of occupations) {
    const e = employment(o);
    for (const y of years) await store.run(`INSERT INTO employment (year, soc_code, title, level, employment) VALUES (?, ?, ?, 'detailed', ?)`, [y, o.soc, `Occupation ${o.soc}`, e[y]!]);
  }
  return store;
}

let store: Store;
before(async () => {
  store = await storeWith('all', [2021, 2022, 2023, LATEST]);
});
after(() => store.close());

test('the sentence states the effect of exposure higher by 0.1 in percent, from the coefficient', () => {
  // The case: a coefficient of 0.050 per unit of beta is 0.005 log points per 0.1, about 0.5%.
  assert.ok(Math.abs(percentPer10pp(0.05) - (Math.exp(0.005) - 1) * 100) < 1e-12);
  assert.ok(Math.abs(percentPer10pp(0.05) - 0.5012520859) < 1e-9);
  const w = (coefficient: number, se: number): Omit<BacktestWindow, 'interpretation'> => ({
    fromYear: 2022,
    toYear: 2025,
    occupations: 700,
    quintiles: [],
    regression: { coefficient, se, ci95: [coefficient - 1.96 * se, coefficient + 1.96 * se], r2: 0.1, n: 700, fixedEffects: '22 SOC major groups' },
    effectPer10pp: percentPer10pp(coefficient),
    effectPer10ppCi95: [percentPer10pp(coefficient - 1.96 * se), percentPer10pp(coefficient + 1.96 * se)],
  });
  const s = effectSentence(w(0.05, 0.02), 'beta');
  assert.match(s, /^Between May 2022 and May 2025, an occupation whose exposure \(beta\) was 10 percentage points higher ended the period with 0\.50% more employment/);
  // CI: 0.05 ± 0.0392 -> exp(0.1 x 0.0108) - 1 = 0.11%, exp(0.1 x 0.0892) - 1 = 0.90%.
  assert.match(s, /\(95% confidence interval: 0\.11% more to 0\.90% more; 700 occupations\)\.$/);
  assert.doesNotMatch(s, /0\.50 log points/);
  // A negative coefficient reads as less employment; above 1% one decimal.
  const neg = effectSentence(w(-0.3, 0.1), 'gamma');
  // -0.3 per unit: exp(-0.03) - 1 = -2.96%; CI -0.496 and -0.104 per unit: -4.84% and -1.03%.
  assert.match(neg, /exposure \(gamma\) was 10 percentage points higher ended the period with 3\.0% less employment/);
  assert.match(neg, /\(95% confidence interval: 4\.8% less to 1\.0% less;/);
});

test('the reading: a placebo that excludes zero says the main window cannot be read as an LLM effect', () => {
  const w = (fromYear: number, toYear: number, coefficient: number, se: number): BacktestWindow => {
    const ci95: [number, number] = [coefficient - 1.96 * se, coefficient + 1.96 * se];
    const base = { fromYear, toYear, occupations: 700, quintiles: [], regression: { coefficient, se, ci95, r2: 0.1, n: 700, fixedEffects: '22 SOC major groups' }, effectPer10pp: percentPer10pp(coefficient), effectPer10ppCi95: [percentPer10pp(ci95[0]), percentPer10pp(ci95[1])] as [number, number] };
    return { ...base, interpretation: effectSentence(base, 'beta') };
  };
  const main = w(2022, 2025, 0.02, 0.06);
  assert.equal(
    backtestReading(main, { available: true, window: w(2021, 2022, -0.1, 0.02) }),
    'In the main window the confidence interval includes zero: no relation between exposure and employment change is detectable. ' +
      "Before ChatGPT (May 2021 to May 2022, 1 year against the main window's 3 years), the same regression gives 1.00% less employment per 10 points (interval excludes zero): exposure already went with employment change before ChatGPT, so the main window's figure cannot be read as an LLM effect.",
  );
  assert.match(backtestReading(main, { available: true, window: w(2021, 2022, 0.047, 0.025) }), /gives 0\.47% more employment per 10 points \(interval includes zero\): differences at least as large as the main window's arose before LLMs could play a part\.$/);
  assert.match(backtestReading(w(2022, 2025, 0.3, 0.05), { available: true, window: w(2021, 2022, 0.01, 0.05) }), /^In the main window the confidence interval excludes zero.*gives 0\.10% more employment per 10 points \(interval includes zero\)\.$/);
});

test('default window: May 2022 to the latest imported year; the regression recovers the slope built in', async () => {
  const r = await backtest(store, units, 'beta');
  assert.equal(r.fromYear, PRE_CHATGPT_YEAR);
  assert.equal(r.toYear, LATEST);
  assert.equal(r.occupations, occupations.length);
  assert.equal(r.regression.n, occupations.length);
  assert.equal(r.regression.fixedEffects, '3 SOC major groups');
  assert.ok(Math.abs(r.regression.coefficient - MAIN_SLOPE) < 1e-9, `coefficient ${r.regression.coefficient}`);
  assert.ok(r.regression.se < 1e-6, `an exact fit has no error: se ${r.regression.se}`);
  assert.ok(Math.abs(r.effectPer10pp - (Math.exp(MAIN_SLOPE / 10) - 1) * 100) < 1e-7);
  assert.match(r.interpretation, /^Between May 2022 and May 2026, .* 0\.50% more employment .*30 occupations\)\.$/);
  // Quintiles: weighted by 2022 employment, ordered by exposure, every job counted once.
  assert.equal(r.quintiles.length, 5);
  const e2022 = occupations.reduce((s, o) => s + employment(o)[2022]!, 0);
  const eLatest = occupations.reduce((s, o) => s + employment(o)[LATEST]!, 0);
  assert.ok(Math.abs(r.quintiles.reduce((s, q) => s + q.fromEmployment, 0) - e2022) < 1e-6);
  assert.ok(Math.abs(r.quintiles.reduce((s, q) => s + q.toEmployment, 0) - eLatest) < 1e-6);
  for (let i = 1; i < 5; i++) assert.ok(r.quintiles[i]!.meanExposure > r.quintiles[i - 1]!.meanExposure);
  for (const q of r.quintiles) assert.ok(Math.abs(q.change - (q.toEmployment / q.fromEmployment - 1)) < 1e-12);
  assert.ok(r.caveats.some((c) => /May 2026 is 42 months after ChatGPT's release/.test(c)), r.caveats.join('\n'));
});

test('placebo: May 2021 to May 2022, where exposure was built to play no part, beside the main window', async () => {
  const r = await backtest(store, units, 'beta');
  assert.ok(r.placebo.available);
  const p = r.placebo.window;
  assert.deepEqual([p.fromYear, p.toYear], [PLACEBO_WINDOW.from, PLACEBO_WINDOW.to]);
  assert.ok(Math.abs(p.regression.coefficient) < 1e-9, `placebo coefficient ${p.regression.coefficient}`);
  assert.equal(p.regression.n, occupations.length);
  // The placebo uses its own base year (2021) for weights and quintiles.
  assert.ok(Math.abs(p.quintiles.reduce((s, q) => s + q.fromEmployment, 0) - occupations.reduce((s, o) => s + o.base, 0)) < 1e-6);
  assert.match(p.interpretation, /^Between May 2021 and May 2022, /);
  // The main window is an exact fit (its interval excludes zero); the placebo's figure is 0.00%.
  assert.match(r.reading, /^In the main window the confidence interval excludes zero/);
  assert.match(r.reading, /Before ChatGPT \(May 2021 to May 2022, 1 year against the main window's 4 years\), the same regression gives 0\.00% (more|less) employment per 10 points/);
  // The placebo does not follow the user's main window.
  const chosen = await backtest(store, units, 'beta', { from: 2022, to: 2023 });
  assert.ok(chosen.placebo.available);
  assert.deepEqual([chosen.placebo.window.fromYear, chosen.placebo.window.toYear], [2021, 2022]);
  // Skipped on request.
  const skipped = await backtest(store, units, 'beta', { placebo: false });
  assert.deepEqual(skipped.placebo, { available: false, fromYear: 2021, toYear: 2022, reason: 'skipped on request' });
});

test('a noisy window: coefficient and HC1 standard error as computed by hand (Frisch–Waugh–Lovell)', async () => {
  const r = await backtest(store, units, 'beta', { from: 2022, to: 2023 });
  // Partial the group effects out of x and y (weighted demeaning within group), then one slope.
  const rows = occupations.map((o) => ({ g: o.group, x: o.beta, y: Math.log(employment(o)[2023]! / employment(o)[2022]!), w: employment(o)[2022]! }));
  const demean = (k: 'x' | 'y') => {
    const m = new Map(GROUPS.map((g) => {
      const rs = rows.filter((r) => r.g === g);
      return [g, rs.reduce((s, r) => s + r.w * r[k], 0) / rs.reduce((s, r) => s + r.w, 0)];
    }));
    return rows.map((r) => r[k] - m.get(r.g)!);
  };
  const xt = demean('x');
  const yt = demean('y');
  const sxx = rows.reduce((s, r, i) => s + r.w * xt[i]! ** 2, 0);
  const b = rows.reduce((s, r, i) => s + r.w * xt[i]! * yt[i]!, 0) / sxx;
  const e = yt.map((y, i) => y - b * xt[i]!);
  const n = rows.length;
  const k = 1 + GROUPS.length;
  const se = Math.sqrt(((n / (n - k)) * rows.reduce((s, r, i) => s + r.w ** 2 * xt[i]! ** 2 * e[i]! ** 2, 0)) / sxx ** 2);
  assert.ok(Math.abs(r.regression.coefficient - b) < 1e-9, `${r.regression.coefficient} vs ${b}`);
  assert.ok(Math.abs(r.regression.coefficient - NOISY_SLOPE) < 0.1, 'near the slope built in');
  assert.ok(Math.abs(r.regression.se - se) < 1e-9, `${r.regression.se} vs ${se}`);
  assert.ok(se > 0.001);
  assert.ok(Math.abs(r.effectPer10ppCi95[0] - percentPer10pp(b - 1.96 * se)) < 1e-9);
  assert.ok(Math.abs(r.effectPer10ppCi95[1] - percentPer10pp(b + 1.96 * se)) < 1e-9);
});

test('--json contract: from, to, n, coefficient, se, effectPer10pp, placebo {from, to, coefficient, se}, quintiles', async () => {
  const r = await backtest(store, units, 'beta');
  const j = backtestJson(r);
  assert.deepEqual(
    { from: j.from, to: j.to, n: j.n, coefficient: j.coefficient, se: j.se, effectPer10pp: j.effectPer10pp },
    { from: r.fromYear, to: r.toYear, n: occupations.length, coefficient: r.regression.coefficient, se: r.regression.se, effectPer10pp: r.effectPer10pp },
  );
  assert.ok(Math.abs(j.effectPer10pp - 0.50125) < 1e-4, 'percent, not a fraction or log points');
  assert.equal(j.placebo.from, 2021);
  assert.equal(j.placebo.to, 2022);
  assert.equal(j.placebo.available, true);
  assert.equal(typeof j.placebo.coefficient, 'number');
  assert.equal(typeof j.placebo.se, 'number');
  assert.equal(j.quintiles.length, 5);
  assert.deepEqual(Object.keys(j.quintiles[0]!), ['quintile', 'meanExposure', 'fromEmployment', 'toEmployment', 'changePct']);
  assert.ok(Math.abs(j.quintiles[0]!.changePct - r.quintiles[0]!.change * 100) < 1e-12);
  // Plain JSON: survives a round trip unchanged.
  assert.deepEqual(JSON.parse(JSON.stringify(j)), j);
});

test('placebo unavailable when May 2021 is not imported: reported with the reason, an error only when asked for', async () => {
  const s = await storeWith('no2021', [2022, LATEST]);
  try {
    const r = await backtest(s, units, 'beta');
    assert.ok(!r.placebo.available);
    assert.equal(r.placebo.reason, `it needs OEWS May 2021 and May 2022, and 2021 is not imported (available: 2022, ${LATEST})`);
    assert.ok(Math.abs(r.regression.coefficient - MAIN_SLOPE) < 1e-9);
    assert.match(r.reading, /The placebo \(May 2021 to May 2022\) is not available: it needs OEWS May 2021/);
    const j = backtestJson(r);
    assert.deepEqual({ from: j.placebo.from, to: j.placebo.to, coefficient: j.placebo.coefficient, se: j.placebo.se }, { from: 2021, to: 2022, coefficient: null, se: null });
    await assert.rejects(backtest(s, units, 'beta', { placebo: true }), (e: unknown) => e instanceof InputError && e.field === 'placebo' && /the placebo cannot run: it needs OEWS May 2021 and May 2022, and 2021 is not imported/.test(e.message));
  } finally {
    s.close();
  }
});

test('bad input: the window named by field, with the imported years', async () => {
  const years = [2021, 2022, 2023, 2025];
  const fails = (options: { from?: number; to?: number }, field: string, message: RegExp, ys = years) =>
    assert.throws(() => backtestWindow(ys, options), (e: unknown) => e instanceof InputError && e.field === field && message.test(e.message), JSON.stringify(options));
  assert.deepEqual(backtestWindow(years, {}), { from: 2022, to: 2025 });
  assert.deepEqual(backtestWindow(years, { from: 2021, to: 2023 }), { from: 2021, to: 2023 });
  fails({ from: 2023, to: 2022 }, 'from', /^field "from": the start year must be before the end year \(from 2023, to 2022\)$/);
  fails({ from: 2023, to: 2023 }, 'from', /start year must be before the end year/);
  fails({ from: 2019 }, 'from', /^field "from": OEWS 2019 is not imported \(available: 2021, 2022, 2023, 2025\)$/);
  fails({ to: 2030 }, 'to', /^field "to": OEWS 2030 is not imported \(available: 2021, 2022, 2023, 2025\)$/);
  fails({ from: 2022.5 }, 'from', /not a year: "2022.5"/);
  // The default start year missing: say which year and why.
  fails({}, 'from', /^field "from": OEWS 2022 is not imported \(available: 2021, 2024\); the backtest starts at May 2022, the last OEWS reference period before ChatGPT/, [2021, 2024]);
  // Nothing after 2022.
  fails({}, 'to', /^field "to": no OEWS year after 2022 is imported \(available: 2021, 2022\)$/, [2021, 2022]);
  assert.throws(() => backtestWindow([2024], {}), /the backtest needs two OEWS years \(available: 2024\)/);
  // Through backtest() on a store: the same messages.
  await assert.rejects(backtest(store, units, 'beta', { from: LATEST, to: 2022 }), /field "from": the start year must be before the end year/);
});
