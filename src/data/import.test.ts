import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, test } from 'node:test';
import { InputError } from '../util/errors.js';
import { oewsMatch } from './codes.js';
import { compareRelease, importData } from './import.js';
import { dataStatus } from './status.js';
import { Store } from './store.js';
import { tsv, writeCpsFixtures, writeFixtureData, writeWorkbook } from './testFixtures.js';

const temp: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'jobshift-test-'));
  temp.push(d);
  return d;
}
after(() => {
  for (const d of temp) rmSync(d, { recursive: true, force: true });
});

async function freshStore(): Promise<Store> {
  return Store.open(join(tempDir(), 'store.duckdb'));
}

async function snapshot(store: Store): Promise<string> {
  const parts: string[] = [];
  for (const t of ['occupations', 'tasks', 'task_labels', 'employment', 'projections', 'task_dwas', 'alternate_titles']) {
    parts.push(JSON.stringify(await store.all(`SELECT * FROM ${t} ORDER BY ALL`)));
  }
  return parts.join('\n');
}

test('imports the official text formats into the store', async () => {
  const dir = tempDir();
  writeFixtureData(dir);
  const store = await freshStore();
  try {
    const summary = await importData(store, [dir]);
    assert.equal(summary.tables.occupations, 3);
    assert.equal(summary.tables.tasks, 7);
    assert.equal(summary.tables.task_labels, 14, 'a human and a gpt4 row per labelled task');
    const occ = await store.one<{ soc_code: string; major_group: string; job_zone: number }>(
      `SELECT soc_code, major_group, job_zone FROM occupations WHERE onet_code = '13-2011.00'`,
    );
    assert.deepEqual(occ, { soc_code: '13-2011', major_group: '13', job_zone: 4 });
    // Task IDs written as decimals in the labels file become integers.
    const label = await store.one<{ task_id: number; exposure: string; automation: string | null }>(
      `SELECT task_id, exposure, automation FROM task_labels WHERE source = 'gpt4' AND task_id = 2001`,
    );
    assert.deepEqual(label, { task_id: 2001, exposure: 'E1', automation: 'T3' });
    // OEWS: both years kept; thousands separators and '#' handled.
    const years = await store.all<{ year: number; employment: number; annual_p90: number | null }>(
      `SELECT year, employment, annual_p90 FROM employment WHERE soc_code = '13-2011' ORDER BY year`,
    );
    assert.deepEqual(years, [
      { year: 2021, employment: 1400000, annual_p90: null },
      { year: 2024, employment: 1540000, annual_p90: null },
    ]);
    // EP: thousands become workers.
    const proj = await store.one<{ base_employment: number; target_employment: number; openings: number; base_year: number; target_year: number }>(
      `SELECT base_employment, target_employment, openings, base_year, target_year FROM projections WHERE soc_code = '43-9021'`,
    );
    assert.deepEqual(proj, { base_employment: 150000, target_employment: 120000, openings: 15000, base_year: 2024, target_year: 2034 });
    const status = await dataStatus(store);
    assert.deepEqual(status.oews_years, [2021, 2024]);
    assert.deepEqual(status.ep_vintages, ['2024-34']);
    const match = await oewsMatch(store, 2024);
    assert.equal(match.totalEmployment, 2200000);
    assert.equal(match.matchedEmployment, 1540000 + 165000 + 495000);
  } finally {
    store.close();
  }
});

test('importing twice gives the same store', async () => {
  const dir = tempDir();
  writeFixtureData(dir);
  const store = await freshStore();
  try {
    await importData(store, [dir]);
    const first = await snapshot(store);
    await importData(store, [dir]);
    assert.equal(await snapshot(store), first);
  } finally {
    store.close();
  }
});

test('the Excel release works like the text release, and the newer release wins', async () => {
  const dir = tempDir();
  writeFixtureData(dir, { excelRelease: true });
  const store = await freshStore();
  try {
    const summary = await importData(store, [dir]);
    assert.equal(summary.tables.occupations, 3);
    assert.equal(summary.tables.tasks, 7);
    const files = summary.files.filter((f) => f.dataset === 'onet').map((f) => f.release);
    assert.ok(files.includes('30.1'));
  } finally {
    store.close();
  }
  assert.ok(compareRelease('30.1', '29.1') > 0);
  assert.ok(compareRelease('29.10', '29.9') > 0);
});

/** Copy the fixture, break one file, import: expect one InputError naming file/row/field, and the store unchanged. */
async function expectRejected(breakIt: (dir: string) => void, expected: RegExp): Promise<void> {
  const good = tempDir();
  writeFixtureData(good);
  const store = await freshStore();
  try {
    await importData(store, [good]);
    const before = await snapshot(store);
    const bad = tempDir();
    cpSync(good, bad, { recursive: true });
    breakIt(bad);
    await assert.rejects(importData(store, [bad]), (err: unknown) => {
      assert.ok(err instanceof InputError, `expected InputError, got ${err}`);
      assert.match(err.message, expected);
      assert.ok(!err.message.includes('\n'), 'one line');
      return true;
    });
    assert.equal(await snapshot(store), before, 'a failed import leaves the previous store untouched');
  } finally {
    store.close();
  }
}

const taskFile = (dir: string) => join(dir, 'onet', 'db_29_1_text', 'Task Statements.txt');

test('bad input: a missing column names the file, row and column', async () => {
  await expectRejected((dir) => {
    const text = readFileSync(taskFile(dir), 'utf8').replace('Task Type', 'Kind');
    writeFileSync(taskFile(dir), text);
  }, /Task Statements\.txt, row 1, field "Task Type": missing column/);
});

test('bad input: a wrong delimiter is recognised', async () => {
  await expectRejected((dir) => {
    const text = readFileSync(taskFile(dir), 'utf8').replace(/\t/g, ',');
    writeFileSync(taskFile(dir), text);
  }, /Task Statements\.txt, row 1: expected tab-delimited columns but the header is comma-delimited/);
});

test('bad input: a truncated file names the row and the first missing column', async () => {
  await expectRejected((dir) => {
    const text = readFileSync(taskFile(dir), 'utf8');
    writeFileSync(taskFile(dir), text.slice(0, text.lastIndexOf('\t') - 3));
  }, /Task Statements\.txt, row 8, field "Domain Source": row has 6 of 7 columns/);
});

test('bad input: non-UTF-8 bytes name the row', async () => {
  await expectRejected((dir) => {
    const buf = readFileSync(taskFile(dir));
    const lines = buf.toString('latin1').split('\r\n');
    lines[2] = lines[2]!.replace('financial', 'financi\xe9l');
    writeFileSync(taskFile(dir), Buffer.from(lines.join('\r\n'), 'latin1'));
  }, /Task Statements\.txt, row 3: not valid UTF-8/);
});

test('bad input: a workbook without the expected sheet', async () => {
  await expectRejected((dir) => {
    writeWorkbook(join(dir, 'bls', 'occupation_2024-34.xlsx'), { 'Table 9.9': [['nothing']] });
  }, /occupation_2024-34\.xlsx: has no sheet "Table 1\.2"/);
});

test('bad input: a duplicate key names both rows', async () => {
  await expectRejected((dir) => {
    const text = readFileSync(taskFile(dir), 'utf8');
    const lines = text.trimEnd().split('\r\n');
    writeFileSync(taskFile(dir), tsv([...lines.map((l) => l.split('\t')), lines[2]!.split('\t')]));
  }, /Task Statements\.txt, row 9, field "task_id": duplicate task_id "1002" \(first seen at row 3\)/);
});

test('bad input: a bad value names the row and field', async () => {
  await expectRejected((dir) => {
    const text = readFileSync(taskFile(dir), 'utf8').replace('\t1003\t', '\tabc\t');
    writeFileSync(taskFile(dir), text);
  }, /Task Statements\.txt, row 4, field "Task ID": not a number: "abc"/);
});

test('CPS tables are told apart by their layout; an unknown one is skipped with a warning, never fatal', async () => {
  const dir = tempDir();
  writeFixtureData(dir);
  writeCpsFixtures(dir, 2025);
  // A table BLS might add under the same name pattern, in a layout no importer knows.
  writeWorkbook(join(dir, 'bls', 'cps', 'cpsaat11c.xlsx'), {
    cpsaat11c: [['11c. Something new'], ['Occupation', '2025'], [null, 'Total', 'Full-time', 'Part-time'], ['Total employed', 2000, 1600, 400]],
  });
  const store = await freshStore();
  try {
    const summary = await importData(store, [dir]);
    assert.deepEqual(summary.skipped.map((s) => basename(s.file)), ['cpsaat11c.xlsx']);
    assert.match(summary.skipped[0]!.reason, /CPS table this importer does not know/);
    const sexRace = await store.one<{ year: number; soc_code: string; women: number }>(`SELECT year, soc_code, women FROM demographics WHERE cps_title = 'Data entry keyers'`);
    assert.deepEqual(sexRace, { year: 2025, soc_code: '43-9021', women: 0.75 });
    const age = await store.all<{ soc_code: string; employed: number; age_20_24: number; age_16_19: number; median_age: number | null }>(
      `SELECT soc_code, employed, age_20_24, age_16_19, median_age FROM demographics_age WHERE soc_code IS NOT NULL ORDER BY soc_code`);
    assert.deepEqual(age, [
      { soc_code: '13-2011', employed: 1400000, age_20_24: 0.1, age_16_19: 0, median_age: 40.2 },
      { soc_code: '43-9021', employed: 150000, age_20_24: 0.3, age_16_19: 0.1, median_age: 31.5 },
      { soc_code: '47-2061', employed: 450000, age_20_24: 0.1, age_16_19: 0.1, median_age: null },
    ]);
    const status = await dataStatus(store);
    assert.deepEqual(status.cps_years, [2025]);
    assert.deepEqual(status.cps_age_years, [2025]);
  } finally {
    store.close();
  }
});

test('a CPS table with its header but no occupation rows is refused', async () => {
  const dir = tempDir();
  writeFixtureData(dir);
  mkdirSync(join(dir, 'bls', 'cps'), { recursive: true });
  writeWorkbook(join(dir, 'bls', 'cps', 'cpsaat11b.xlsx'), {
    cpsaat11b: [['Occupation', '2025'], [null, 'Total, 16 years and over', '16 to 19 years', '20 to 24 years', '25 to 34 years', '35 to 44 years', '45 to 54 years', '55 to 64 years', '65 years and over', 'Median age']],
  });
  const store = await freshStore();
  try {
    await assert.rejects(importData(store, [dir]), /cpsaat11b\.xlsx: CPS table 11b has no occupation rows/);
    assert.equal((await dataStatus(store)).tables.occupations, 0, 'nothing written');
  } finally {
    store.close();
  }
});

test('a folder with no known files is an error', async () => {
  const store = await freshStore();
  try {
    await assert.rejects(importData(store, [tempDir()]), /no known data files/);
  } finally {
    store.close();
  }
});

const data = process.env.JOBSHIFT_DATA;
const readdirRecursive = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => basename(f));
test('integration: imports ../shared/data', { timeout: 180_000 }, async (t) => {
  if (!data) return t.skip('JOBSHIFT_DATA not set');
  const store = await freshStore();
  try {
    await importData(store, [data]);
    const s = await dataStatus(store);
    assert.ok(s.tables.occupations! >= 1000, `occupations ${s.tables.occupations}`);
    assert.ok(s.tables.tasks! >= 18000);
    assert.ok(s.tables.task_labels! / 2 >= 15000);
    assert.ok(s.tables.alternate_titles! > 40000);
    // Years and vintages come from the files present, never from a list pinned here: a new
    // release in the data folder must import and become the default without a test change.
    const oewsFiles = readdirRecursive(data).map((f) => /^national_(?:may|m)(\d{4})_dl\./i.exec(f)?.[1]).filter((y): y is string => !!y);
    assert.deepEqual(s.oews_years, [...new Set(oewsFiles.map(Number))].sort());
    const epFiles = readdirRecursive(data).map((f) => /^occupation_?(\d{4}-\d{2})\.xlsx$/i.exec(f)?.[1]).filter((v): v is string => !!v);
    assert.deepEqual(s.ep_vintages, [...new Set(epFiles)].sort());
    assert.ok(s.cps_age_years.length >= 1 || !readdirRecursive(data).some((f) => /^cpsaat11b/i.test(f)), 'CPS table 11b imported when present');
    assert.ok(s.measures.length >= 6);
    for (const m of ['aioe', 'lm_aioe', 'microsoft_ai_applicability', 'ilo_2025', 'frey_osborne', 'anthropic_conversation_share']) {
      assert.ok(s.measures.includes(m), m);
    }
    for (const m of s.oews_match) assert.ok(m.share >= 0.97, `OEWS ${m.year} employment matched: ${m.share}`);
    // The all-occupations row is the sum BLS publishes; the store keeps it as given, in workers.
    const total = await store.one<{ e: number; detailed: number }>(
      `SELECT max(CASE WHEN soc_code = '00-0000' THEN employment END) AS e, sum(CASE WHEN level = 'major' THEN employment END) AS detailed
       FROM employment WHERE year = ?`, [s.oews_years.at(-1)!]);
    assert.ok(total!.e > 1e8 && Math.abs(total!.detailed - total!.e) / total!.e < 0.01, `OEWS total ${total!.e}, sum of major groups ${total!.detailed}`);
    const ep = await store.one<{ e: number }>(`SELECT base_employment AS e FROM projections WHERE vintage = ? AND soc_code = '00-0000'`, [s.ep_vintages.at(-1)!]);
    assert.ok(ep!.e > 1e8 && Number.isInteger(ep!.e), `EP base employment in workers: ${ep?.e}`);
    const cps = await store.one<{ n: number }>(`SELECT count(*) AS n FROM demographics WHERE soc_code IS NOT NULL`);
    assert.ok(cps!.n > 450, `CPS rows placed on SOC codes: ${cps!.n}`);
    const age = await store.one<{ n: number; bad: number }>(
      `SELECT count(*) FILTER (WHERE soc_code IS NOT NULL) AS n,
              count(*) FILTER (WHERE abs(age_16_19 + age_20_24 + age_25_34 + age_35_44 + age_45_54 + age_55_64 + age_65_over - 1) * employed > 4000) AS bad
       FROM demographics_age`);
    if (s.cps_age_years.length) {
      assert.ok(age!.n > 450, `CPS age rows placed on SOC codes: ${age!.n}`);
      // Seven groups each rounded to the thousand: their sum is within 3,500 (+ the total's 500) of the total.
      assert.equal(age!.bad, 0, 'age groups of each occupation add up to its total');
    }
  } finally {
    store.close();
  }
});
