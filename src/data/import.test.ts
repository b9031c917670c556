import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { InputError } from '../util/errors.js';
import { oewsMatch } from './codes.js';
import { compareRelease, importData } from './import.js';
import { dataStatus } from './status.js';
import { Store } from './store.js';
import { tsv, writeFixtureData, writeWorkbook } from './testFixtures.js';

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

test('a folder with no known files is an error', async () => {
  const store = await freshStore();
  try {
    await assert.rejects(importData(store, [tempDir()]), /no known data files/);
  } finally {
    store.close();
  }
});

const data = process.env.JOBSHIFT_DATA;
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
    assert.deepEqual(s.oews_years, [2021, 2022, 2023, 2024]);
    assert.deepEqual(s.ep_vintages, ['2022-32', '2024-34']);
    assert.ok(s.measures.length >= 6);
    for (const m of ['aioe', 'lm_aioe', 'microsoft_ai_applicability', 'ilo_2025', 'frey_osborne', 'anthropic_conversation_share']) {
      assert.ok(s.measures.includes(m), m);
    }
    const may2024 = s.oews_match.find((m) => m.year === 2024)!;
    assert.ok(may2024.share >= 0.97, `OEWS 2024 employment matched: ${may2024.share}`);
    // Published totals: OEWS May 2024 all occupations 154,187,380; EP 2024 169,956.1 thousand.
    assert.equal(may2024.total_employment, 154187380);
    const ep = await store.one<{ e: number }>(`SELECT base_employment AS e FROM projections WHERE vintage = '2024-34' AND soc_code = '00-0000'`);
    assert.equal(ep?.e, 169956100);
    const cps = await store.one<{ n: number }>(`SELECT count(*) AS n FROM demographics WHERE soc_code IS NOT NULL`);
    assert.ok(cps!.n > 450, `CPS rows placed on SOC codes: ${cps!.n}`);
  } finally {
    store.close();
  }
});
