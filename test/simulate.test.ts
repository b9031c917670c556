/**
 * `jobshift simulate` as a user meets it: real processes over a real store (the small fixture
 * data; the whole US when JOBSHIFT_DATA is set), JSON contract, invariants, bad input.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { importData } from '../src/data/import.js';
import { Store } from '../src/data/store.js';
import { writeFixtureData } from '../src/data/testFixtures.js';
import { runScenario } from '../src/simulate/index.js';
import { jobshift } from './support/cli.js';
import { tempDirs } from './support/temp.js';

const tempDir = tempDirs('jobshift-sim-');

let home = '';
before(() => {
  home = tempDir();
  const data = tempDir();
  writeFixtureData(data);
  const imp = jobshift(['data', 'import', data, '--json'], { JOBSHIFT_HOME: home });
  assert.equal(imp.code, 0, imp.stderr);
});

type Band = { p5: number; p50: number; p95: number };

test('simulate --json follows the contract: years, occupations, flows, macro in workers', () => {
  const r = jobshift(['simulate', '--json', '--draws', '200', '--seed', '5'], { JOBSHIFT_HOME: home });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.scenario.name, 'central');
  assert.ok(out.scenario.parameters.every((p: { source: string }) => p.source.length > 0));
  assert.deepEqual(out.years.map((y: { year: number }) => y.year), [2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034, 2035]);
  for (const y of out.years) for (const k of ['displaced', 'augmented', 'created', 'net']) assert.ok(y[k].p5 <= y[k].p50 && y[k].p50 <= y[k].p95, `${y.year} ${k}`);
  const last = out.years.at(-1);
  assert.ok(last.displaced.p50 > 100, 'displaced in workers, not thousands');
  assert.ok(out.occupations.length >= 2);
  assert.ok(out.occupations.every((o: { code: string; displaced: Band }) => /^\d{2}-\d{4}$/.test(o.code) && o.displaced.p50 >= 0));
  assert.ok(Array.isArray(out.flows) && out.flows.length > 0);
  // Conservation on the medians of the totals (exact per draw; medians of sums close).
  const red = out.redistribution;
  assert.ok(Math.abs(red.displaced.p50 - (red.moved.p50 + red.unemployed.p50)) <= 0.05 * red.displaced.p50);
  assert.ok(out.macro.tfp.p50 > 0 && out.macro.gdp.p50 > out.macro.tfp.p50);
  assert.ok(out.macro.acemogluCheck.tfp > 0.0066 && out.macro.acemogluCheck.tfp < 0.007);
  assert.ok(out.coverage.employmentTotal >= out.coverage.employmentCovered);
});

test('--set adoption.ceiling=0 gives zero effects (same seed, same output: src/simulate/model.test.ts)', () => {
  const z = JSON.parse(jobshift(['simulate', '--json', '--draws', '50', '--set', 'adoption.ceiling=0'], { JOBSHIFT_HOME: home }).stdout);
  for (const y of z.years) assert.equal(y.displaced.p95 + y.created.p95 - y.augmented.p5, 0);
});

test('table and CSV output', () => {
  const t = jobshift(['simulate', '--draws', '20', '--scenario', 'slow', '--years', '2025-2030'], { JOBSHIFT_HOME: home });
  assert.equal(t.code, 0, t.stderr);
  assert.match(t.stdout, /Scenario "slow", 2025-2030/);
  assert.match(t.stdout, /^2030 /m);
  const c = jobshift(['simulate', '--draws', '20', '--csv'], { JOBSHIFT_HOME: home });
  assert.equal(c.code, 0, c.stderr);
  assert.match(c.stdout.split('\n')[0]!, /^level,year,code,title,employment,displaced_p5/);
});

test('bad input: one line naming the parameter, exit 2', () => {
  const dir = tempDir();
  const file = join(dir, 'bad.json');
  writeFileSync(file, JSON.stringify({ name: 'bad', adoption: { ceiling: { value: 0.5, source: 'x' } } }));
  const cases: [string[], RegExp][] = [
    [['--set', 'adoption.ceiling=1.2'], /field "adoption\.ceiling": value 1\.2 is out of range \[0, 1\]/],
    [['--set', 'augmentation.elasticity=-0.5'], /field "augmentation\.elasticity": value -0\.5 is out of range/],
    [['--set', 'foo.bar=1'], /field "foo\.bar": unknown parameter path/],
    [['--scenario', file], /bad\.json, field "adoption\.midpoint"/],
  ];
  for (const [args, pattern] of cases) {
    const r = jobshift(['simulate', '--draws', '10', ...args], { JOBSHIFT_HOME: home });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, pattern);
  }
});

const data = process.env.JOBSHIFT_DATA;
test('whole US (real data): central scenario is plausible and fast scenario displaces more than slow', { timeout: 90_000 }, async (t) => {
  if (!data) return t.skip('JOBSHIFT_DATA not set');
  const store = await Store.open(join(tempDir(), 'store.duckdb'));
  try {
    await importData(store, [data]);
    const run = (s: string) => runScenario(store, { scenario: s, draws: 200 });
    const [slow, central, fast] = [await run('slow'), await run('central'), await run('fast')];
    const d = (x: { years: { displaced: Band }[] }) => x.years.at(-1)!.displaced.p50;
    assert.ok(d(slow) < d(central) && d(central) < d(fast), `${d(slow)} ${d(central)} ${d(fast)}`);
    // Displaced by 2035 in the central case: between 0.5% and 10% of covered employment.
    const share = d(central) / central.coverage.employmentCovered;
    assert.ok(share > 0.005 && share < 0.1, `share ${share}`);
    assert.ok(central.occupations.length > 500);
    assert.ok(central.flows.length >= 50);
    assert.ok(central.macro.tfp.p50 > 0.001 && central.macro.tfp.p50 < 0.03);
    const red = central.redistribution;
    assert.ok(Math.abs(red.displaced.p50 - red.moved.p50 - red.unemployed.p50) < 0.05 * red.displaced.p50);
  } finally {
    store.close();
  }
});
