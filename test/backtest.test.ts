/**
 * `jobshift backtest` as a user runs it: bad window flags on the fixture store (one line,
 * exit 2, the field named), and on the real data (JOBSHIFT_DATA) the --json contract with the
 * window derived from the imported OEWS years and the sentence checked against the coefficient.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { writeFixtureData } from '../src/data/testFixtures.js';
import { jobshift } from './support/cli.js';
import { tempDirs } from './support/temp.js';

const data = process.env.JOBSHIFT_DATA;
const tempDir = tempDirs('jobshift-backtest-cli-');

let fixtureHome = '';
before(() => {
  fixtureHome = tempDir();
  const dir = tempDir();
  writeFixtureData(dir);
  const r = jobshift(['data', 'import', dir], { JOBSHIFT_HOME: fixtureHome });
  assert.equal(r.code, 0, r.stderr);
});

test('bad input: one line naming the field, exit 2 (fixture store: OEWS 2021 and 2024)', () => {
  const cases: [string[], RegExp][] = [
    [[], /field "from": OEWS 2022 is not imported \(available: 2021, 2024\); the backtest starts at May 2022, the last OEWS reference period before ChatGPT/],
    [['--from', '2024', '--to', '2021'], /field "from": the start year must be before the end year \(from 2024, to 2021\)/],
    [['--from', '2021', '--to', '2021'], /field "from": the start year must be before the end year \(from 2021, to 2021\)/],
    [['--to', '2030', '--from', '2021'], /field "to": OEWS 2030 is not imported \(available: 2021, 2024\)/],
    [['--from', '2019'], /field "from": OEWS 2019 is not imported \(available: 2021, 2024\)/],
    [['--from', 'last-year'], /field "from": not a year: "last-year"/],
    [['--to', ''], /field "to": not a year: ""/],
  ];
  for (const [args, message] of cases) {
    const r = jobshift(['backtest', ...args], { JOBSHIFT_HOME: fixtureHome });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, message, args.join(' '));
    assert.equal(r.stdout, '');
  }
  // A valid window on three occupations: too few to say anything (after the analysis's progress line).
  const few = jobshift(['backtest', '--from', '2021'], { JOBSHIFT_HOME: fixtureHome });
  assert.equal(few.code, 2, few.stderr);
  assert.match(few.stderr.trim().split('\n').at(-1)!, /^jobshift: too few occupations in both 2021 and 2024 to backtest \(3, at least 20 needed\)$/);
});

test('real data: --json contract, May 2022 to the newest OEWS year, the placebo beside it', { timeout: 300_000 }, (t) => {
  if (!data) return t.skip('JOBSHIFT_DATA not set');
  const home = tempDir();
  const imported = jobshift(['data', 'import', data], { JOBSHIFT_HOME: home });
  assert.equal(imported.code, 0, imported.stderr);
  const years: number[] = JSON.parse(jobshift(['data', 'status', '--json'], { JOBSHIFT_HOME: home }).stdout).oews_years;
  const r = jobshift(['backtest', '--json'], { JOBSHIFT_HOME: home });
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  const latest = Math.max(...years);
  assert.equal(j.from, 2022);
  assert.equal(j.to, latest);
  for (const k of ['n', 'coefficient', 'se', 'effectPer10pp']) assert.equal(typeof j[k], 'number', k);
  assert.ok(j.n >= 500, `occupations in both years: ${j.n}`);
  assert.ok(j.se > 0);
  // effectPer10pp is percent for exposure higher by 0.1: (exp(0.1 b) - 1) x 100, not b x 10.
  assert.ok(Math.abs(j.effectPer10pp - (Math.exp(j.coefficient / 10) - 1) * 100) < 1e-9);
  const words = (x: number) => `${Math.abs(x).toFixed(Math.abs(x) < 1 ? 2 : 1)}% ${x < 0 ? 'less' : 'more'} employment`;
  assert.ok(j.interpretation.includes(`Between May 2022 and May ${latest},`), j.interpretation);
  assert.ok(j.interpretation.includes(words(j.effectPer10pp)), j.interpretation);
  assert.doesNotMatch(j.interpretation, /log points/);
  // The placebo: May 2021 -> May 2022, when both are imported.
  assert.equal(j.placebo.from, 2021);
  assert.equal(j.placebo.to, 2022);
  if (years.includes(2021) && years.includes(2022)) {
    assert.equal(j.placebo.available, true);
    for (const k of ['coefficient', 'se', 'effectPer10pp']) assert.equal(typeof j.placebo[k], 'number', `placebo ${k}`);
    assert.ok(Math.abs(j.placebo.effectPer10pp - (Math.exp(j.placebo.coefficient / 10) - 1) * 100) < 1e-9);
  } else {
    assert.equal(j.placebo.available, false);
    assert.match(j.placebo.reason, /not imported/);
  }
  assert.deepEqual(j.quintiles.map((q: { quintile: number }) => q.quintile), [1, 2, 3, 4, 5]);
  for (const q of j.quintiles) assert.ok(Math.abs(q.changePct - (q.toEmployment / q.fromEmployment - 1) * 100) < 1e-9);
  t.diagnostic(`main ${j.from}-${j.to}: b ${j.coefficient.toFixed(4)} (se ${j.se.toFixed(4)}), ${j.effectPer10pp.toFixed(3)}% per 0.1; placebo: ${j.placebo.available ? `b ${j.placebo.coefficient.toFixed(4)} (se ${j.placebo.se.toFixed(4)}), ${j.placebo.effectPer10pp.toFixed(3)}%` : j.placebo.reason}`);
});
