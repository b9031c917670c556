/**
 * The command line as a user meets it: real processes, real store files, exit codes.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeFixtureData } from '../src/data/testFixtures.js';
import { jobshift } from './support/cli.js';
import { tempDirs } from './support/temp.js';

const tempDir = tempDirs('jobshift-cli-');

test('data import then data status --json', () => {
  const home = tempDir();
  const data = tempDir();
  writeFixtureData(data);
  const imp = jobshift(['data', 'import', data, '--json'], { JOBSHIFT_HOME: home });
  assert.equal(imp.code, 0, imp.stderr);
  const status = JSON.parse(jobshift(['data', 'status', '--json'], { JOBSHIFT_HOME: home }).stdout);
  assert.equal(status.tables.occupations, 3);
  assert.equal(status.tables.tasks, 7);
  assert.deepEqual(status.oews_years, [2021, 2024]);
  assert.deepEqual(status.ep_vintages, ['2024-34']);
  assert.ok(Array.isArray(status.measures));
  assert.ok(status.missing.some((m: { what: string }) => /Skills and Knowledge/.test(m.what)));
});

test('bad input: one line on stderr, exit code 2, no stack trace', () => {
  const home = tempDir();
  const data = tempDir();
  writeFixtureData(data);
  writeFileSync(join(data, 'onet', 'db_29_1_text', 'Occupation Data.txt'), 'O*NET-SOC Code\tTitle\r\n13-2011.00\tAccountants\r\n');
  const r = jobshift(['data', 'import', data], { JOBSHIFT_HOME: home });
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /Occupation Data\.txt, row 1, field "Description": missing column/);
  assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/);
});

test('usage errors exit 2; a missing folder is a clear error', () => {
  const home = tempDir();
  assert.equal(jobshift(['data', 'import', '--no-such-flag'], { JOBSHIFT_HOME: home }).code, 2);
  const r = jobshift(['data', 'import', join(home, 'nope')], { JOBSHIFT_HOME: home });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not a folder/);
  const none = jobshift(['data', 'import'], { JOBSHIFT_HOME: home });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /JOBSHIFT_DATA/);
});

test('start imports $JOBSHIFT_DATA into an empty store, then shows the main view', () => {
  const home = tempDir();
  const data = tempDir();
  writeFixtureData(data);
  const r = jobshift(['start', '--json'], { JOBSHIFT_HOME: home, JOBSHIFT_DATA: data });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.scorer, 'human');
  assert.equal(out.oewsYear, 2024);
  assert.ok(out.headline.beta.atLeast50 > 0 && out.headline.beta.atLeast50 < 1);
  // A second start uses the store as it is.
  const again = jobshift(['start', '--no-serve'], { JOBSHIFT_HOME: home, JOBSHIFT_DATA: data });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /Workers in occupations with >= 50% of tasks exposed/);
});

test('analyze: bad input names what is available', () => {
  const home = tempDir();
  const data = tempDir();
  writeFixtureData(data);
  assert.equal(jobshift(['data', 'import', data], { JOBSHIFT_HOME: home }).code, 0);
  const r = jobshift(['analyze', '--scorer', 'oracle'], { JOBSHIFT_HOME: home });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown scorer "oracle"/);
  const y = jobshift(['analyze', '--oews', '2019'], { JOBSHIFT_HOME: home });
  assert.equal(y.code, 2);
  assert.match(y.stderr, /available: 2021, 2024/);
  const csv = jobshift(['analyze', '--level', 'occupation', '--csv'], { JOBSHIFT_HOME: home });
  assert.equal(csv.code, 0, csv.stderr);
  const lines = csv.stdout.trim().split('\n');
  assert.ok(lines[0]!.startsWith('O*NET-SOC Code,Title,alpha,beta,gamma,automation'));
  assert.ok(lines[0]!.includes('employment'));
  assert.equal(lines.length, 4);
});
