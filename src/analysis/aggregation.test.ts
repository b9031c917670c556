/**
 * The two aggregations of O*NET occupations to employment, on a fixture where two O*NET
 * occupations share one SOC code (the case where they differ). Every number is hand-computed.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { importData } from '../data/import.js';
import { Store } from '../data/store.js';
import { csv, tsv, writeFixtureData } from '../data/testFixtures.js';
import { analyzeWorkforce } from './analyze.js';

let dir = '';
let store: Store;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jobshift-aggregation-'));
  const data = join(dir, 'data');
  writeFixtureData(data);
  // A second O*NET occupation under SOC 13-2011, with two unexposed core tasks (beta 0).
  const onet = join(data, 'onet', 'db_29_1_text');
  appendFileSync(join(onet, 'Occupation Data.txt'), tsv([['13-2011.01', 'Forensic Accountants', 'Investigate financial crimes.']]));
  appendFileSync(join(onet, 'Task Statements.txt'), tsv([
    ['13-2011.01', 4001, 'Testify in court as an expert witness.', 'Core', 50, '08/2023', 'Incumbent'],
    ['13-2011.01', 4002, 'Interview suspects about financial records.', 'Core', 50, '08/2023', 'Incumbent'],
  ]));
  appendFileSync(join(data, 'labels', 'full_labelset.tsv'), tsv([
    [7, '13-2011.01', '4001.0', 'Testify in court as an expert witness.', 'Core', 'Forensic Accountants', 'E0', 'E0', 'E0', 'False', 'T0', 0, 0, 0, 0, 'E0'],
    [8, '13-2011.01', '4002.0', 'Interview suspects about financial records.', 'Core', 'Forensic Accountants', 'E0', 'E0', 'E0', 'False', 'T0', 0, 0, 0, 0, 'E0'],
  ]).replace(/\r\n/g, '\n'));
  // The authors' own employment match (OEWS May 2021), by O*NET title: their numbers, not OEWS's.
  writeFileSync(join(data, 'labels', 'occupations_onet_bls_matched.csv'), csv([
    ['', 'occupation', 'onet_included', 'onet_bls_name', 'OCC_CODE', 'OCC_TITLE', 'TOT_EMP'],
    [0, 'Accountants and Auditors', '1.0', 'Accountants and Auditors', '13-2011', 'Accountants and Auditors', '1000000.0'],
    [1, 'Forensic Accountants', '1.0', 'Accountants and Auditors', '13-2011', 'Accountants and Auditors', '1000000.0'],
    [2, 'Data Entry Keyers', '1.0', 'Data Entry Keyers', '43-9021', 'Data Entry Keyers', '200000.0'],
    [3, 'Construction Laborers', '1.0', 'Construction Laborers', '47-2061', 'Construction Laborers', '800000.0'],
    [4, 'Astronauts', '0.0', '', '', '', ''],
  ]));
  store = await Store.open(join(dir, 'store.duckdb'));
  await importData(store, [data]);
});
after(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);

test('jobshift: O*NET occupations sharing a SOC code are averaged, each worker counted once', async () => {
  const r = await analyzeWorkforce(store, { resamples: 10, compareScorers: false });
  assert.equal(r.aggregation.method, 'jobshift');
  // 13-2011 (1.54M) averages beta 0.6 and 0 -> 0.3: below 50%. Only data entry keyers (165k, 0.75) of 2.2M.
  close(r.headline.beta.atLeast50, 165000 / 2200000);
  assert.match(r.aggregation.note, /averaged before the threshold/);
  assert.equal(r.aggregation.other.method, 'eloundou2024');
  close(r.aggregation.other.headline.atLeast50, (1540000 + 165000) / (2 * 1540000 + 165000 + 495000));
});

test('eloundou2024: each O*NET occupation thresholded alone and counted with its whole SOC employment', async () => {
  const r = await analyzeWorkforce(store, { resamples: 10, compareScorers: false, method: 'eloundou2024' });
  assert.equal(r.aggregation.method, 'eloundou2024');
  // Units: accountants 1.54M (0.6), forensic accountants 1.54M (0), keyers 165k (0.75), laborers 495k (0): 3.74M counted.
  close(r.headline.beta.atLeast50, (1540000 + 165000) / 3740000);
  close(r.headline.beta.atLeast10, (1540000 + 165000) / 3740000);
  assert.equal(r.coverage.employmentCovered, 3740000);
  assert.match(r.aggregation.note, /counted more than once/);
  close(r.aggregation.other.headline.atLeast50, 165000 / 2200000);
});

test("eloundou2024 with OEWS May 2021 uses the authors' own employment match", async () => {
  const r = await analyzeWorkforce(store, { resamples: 10, compareScorers: false, method: 'eloundou2024', oews: 2021 });
  // Their match: accountants 1M (0.6), forensic 1M (0), keyers 200k (0.75), laborers 800k (0) = 3M.
  close(r.headline.beta.atLeast50, 1200000 / 3000000);
  assert.equal(r.coverage.employmentCovered, 3000000);
});

test('an unknown method is refused, naming the choices', async () => {
  await assert.rejects(analyzeWorkforce(store, { method: 'paper' }), /unknown method "paper" \(available: jobshift, eloundou2024\)/);
});
