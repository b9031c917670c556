import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { InputError } from '../util/errors.js';
import { oewsMatch } from './codes.js';
import { compareRelease, importData } from './import.js';
import { dataStatus } from './status.js';
import { Store } from './store.js';
import { tsv, writeCpsFixtures, writeFixtureData, writeWorkbook } from './testFixtures.js';
import { tempDirs } from '../../test/support/temp.js';

const tempDir = tempDirs('jobshift-test-');

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

/** An EP workbook (Table 1.2 and 1.10) with the header years of one vintage, in BLS's layout. */
function writeEpWorkbook(path: string, base: number | null, target: number | null): void {
  const b = base === null ? '' : `${base} `;
  const span = base === null || target === null ? '' : `, ${base}–${String(target).slice(2)}`;
  writeWorkbook(path, {
    Index: [['contents']],
    'Table 1.2': [
      [`Table 1.2 Occupational projections${span} (Employment in thousands)`],
      [
        `${b}National Employment Matrix title`, `${b}National Employment Matrix code`, 'Occupation type',
        base === null ? 'Employment, base year' : `Employment, ${base}`, target === null ? 'Employment, target year' : `Employment, ${target}`,
        `Employment change, numeric${span}`, `Employment change, percent${span}`, `Occupational openings${span} annual average`,
      ],
      ['Total, all occupations', '00-0000', 'Summary', 2100, 2150, 50, 2.4, 210],
      ['  Accountants and auditors', '13-2011', 'Line item', 1450, 1500, 50, 3.4, 131],
      ['  Data entry keyers', '43-9021', 'Line item', 140, 105, -35, -25, 14],
    ],
    'Table 1.10': [
      ['Table 1.10 Occupational separations and openings'],
      [`${b}National Employment Matrix title`, `${b}National Employment Matrix code`, 'Occupation type', 'Labor force exit rate', 'Occupational transfer rate'],
      ['  Accountants and auditors', '13-2011', 'Line item', 3.5, 5.5],
    ],
  });
}

test('EP: a workbook saved as occupation.xlsx (the unversioned URL) imports with the vintage its headers give', async () => {
  const dir = tempDir();
  writeFixtureData(dir);
  rmSync(join(dir, 'bls', 'occupation_2024-34.xlsx'));
  writeEpWorkbook(join(dir, 'bls', 'occupation.xlsx'), 2025, 2035);
  const store = await freshStore();
  try {
    const summary = await importData(store, [dir]);
    assert.deepEqual(summary.files.filter((f) => f.dataset === 'ep').map((f) => f.release), ['2025-35']);
    const rows = await store.all<{ vintage: string; base_year: number; target_year: number; base_employment: number; exit_rate: number | null }>(
      `SELECT vintage, base_year, target_year, base_employment, exit_rate FROM projections WHERE soc_code = '13-2011'`,
    );
    assert.deepEqual(rows, [{ vintage: '2025-35', base_year: 2025, target_year: 2035, base_employment: 1450000, exit_rate: 0.035 }]);
    const status = await dataStatus(store);
    assert.deepEqual(status.ep_vintages, ['2025-35']);
    assert.equal(status.sources.find((s) => s.dataset === 'ep')?.release, '2025-35');
  } finally {
    store.close();
  }
});

test('EP: the headers decide the vintage, not the name a file was saved under', async () => {
  const dir = tempDir();
  writeFixtureData(dir);
  // A 2025-35 workbook saved by hand under last vintage's name.
  writeEpWorkbook(join(dir, 'bls', 'occupation_2024-34.xlsx'), 2025, 2035);
  const store = await freshStore();
  try {
    await importData(store, [dir]);
    assert.deepEqual((await dataStatus(store)).ep_vintages, ['2025-35']);
  } finally {
    store.close();
  }
});

test('EP: a workbook whose headers give no vintage is refused, naming the file and the header looked for', async () => {
  await expectRejected((dir) => {
    rmSync(join(dir, 'bls', 'occupation_2024-34.xlsx'));
    writeEpWorkbook(join(dir, 'bls', 'occupation.xlsx'), null, null);
  }, /^occupation\.xlsx, field "YYYY National Employment Matrix code": cannot tell the projections vintage/);
  await expectRejected((dir) => {
    rmSync(join(dir, 'bls', 'occupation_2024-34.xlsx'));
    writeEpWorkbook(join(dir, 'bls', 'occupation.xlsx'), 2025, null);
  }, /^occupation\.xlsx, field "Employment, YYYY": cannot tell the projections vintage: Table 1\.2 needs "Employment, YYYY" columns for the base year 2025 and a later target year \(found: "Employment, 2025"\)/);
});

test('Anthropic Economic Index: job_exposure.csv and the monthly release layout import as SOC measures beside the 2025-02-10 release', async () => {
  const dir = tempDir();
  writeFixtureData(dir);
  const aei = join(dir, 'EconomicIndex');
  mkdirSync(join(aei, 'labor_market_impacts'), { recursive: true });
  writeFileSync(join(aei, 'labor_market_impacts', 'job_exposure.csv'), 'occ_code,title,observed_exposure\n13-2011,Accountants and Auditors,0.2531\n43-9021,Data Entry Keyers,0.6707\n47-2061,Construction Laborers,0.0\n');
  mkdirSync(join(aei, 'release_2026_06_26', 'data'), { recursive: true });
  const header = 'date_start,date_end,geo_id,geo_level,category_name,hierarchy_level,metric_id,value,node_name,node_external_id';
  writeFileSync(join(aei, 'release_2026_06_26', 'data', 'aei_claude_ai_2026-06-26.csv'), [
    header,
    '2026-04-01,2026-05-01,GLOBAL,global,soc_occupation,0,pct,1.50,Accountants and Auditors,13-2011',
    '2026-05-01,2026-06-01,GLOBAL,global,soc_occupation,0,pct,2.25,Accountants and Auditors,13-2011',
    '2026-05-01,2026-06-01,GLOBAL,global,soc_occupation,0,pct,0.75,"Data Entry Keyers, all",43-9021',
    '2026-05-01,2026-06-01,USA,country,soc_occupation,0,pct,9.00,Accountants and Auditors,13-2011',
    '2026-05-01,2026-06-01,GLOBAL,global,soc_occupation,1,pct,30.00,Business and Financial Operations,13',
    '2026-05-01,2026-06-01,GLOBAL,global,soc_occupation,0,usage_pct,5.00,Accountants and Auditors,13-2011',
    '2026-05-01,2026-06-01,GLOBAL,global,onet,0,pct,1.00,Prepare detailed reports on audit findings.,1001',
    '',
  ].join('\r\n'));
  const store = await freshStore();
  try {
    await importData(store, [dir]);
    const rows = await store.all<{ measure: string; code_system: string; code: string; value: number }>(
      `SELECT measure, code_system, code, value FROM measures WHERE measure LIKE 'anthropic_%' ORDER BY measure, code`,
    );
    assert.deepEqual(rows, [
      { measure: 'anthropic_observed_exposure', code_system: 'SOC2018', code: '13-2011', value: 0.2531 },
      { measure: 'anthropic_observed_exposure', code_system: 'SOC2018', code: '43-9021', value: 0.6707 },
      { measure: 'anthropic_observed_exposure', code_system: 'SOC2018', code: '47-2061', value: 0 },
      // The latest month in the file (May 2026), global rows, detailed occupations, as shares.
      { measure: 'anthropic_usage_share', code_system: 'SOC2018', code: '13-2011', value: 0.0225 },
      { measure: 'anthropic_usage_share', code_system: 'SOC2018', code: '43-9021', value: 0.0075 },
    ]);
  } finally {
    store.close();
  }
});

test('a job_exposure.csv that is not the Economic Index file is skipped with a warning', async () => {
  const dir = tempDir();
  writeFixtureData(dir);
  writeFileSync(join(dir, 'job_exposure.csv'), 'job,risk\nclerk,high\n');
  const store = await freshStore();
  try {
    const summary = await importData(store, [dir]);
    assert.match(summary.skipped.map((s) => s.reason).join('\n'), /without the Anthropic Economic Index columns/);
  } finally {
    store.close();
  }
});

test('the SOC 2010 to 2018 crosswalk imports from the workbook BLS publishes', async () => {
  const dir = tempDir();
  writeFixtureData(dir);
  writeWorkbook(join(dir, 'soc_2010_to_2018_crosswalk.xlsx'), {
    'Sorted by 2018': [['2010 SOC Code', '2010 SOC Title', '2018 SOC Code', '2018 SOC Title'], ['15-1199', 'Computer Occupations, All Other', '15-1299', 'Computer Occupations, All Other']],
    'Sorted by 2010': [
      ['2010 to 2018 SOC crosswalk'], ['Bureau of Labor Statistics'], [],
      ['2010 SOC Code', '2010 SOC Title', '2018 SOC Code', '2018 SOC Title'],
      ['13-2011', 'Accountants and Auditors', '13-2011', 'Accountants and Auditors'],
      ['15-1131', 'Computer Programmers', '15-1251', 'Computer Programmers'],
    ],
  });
  const store = await freshStore();
  try {
    await importData(store, [dir]);
    const rows = await store.all<{ soc2010: string; soc2018: string }>(`SELECT soc2010, soc2018 FROM crosswalk_soc2010_soc2018 ORDER BY ALL`);
    assert.deepEqual(rows, [{ soc2010: '13-2011', soc2018: '13-2011' }, { soc2010: '15-1131', soc2018: '15-1251' }]);
  } finally {
    store.close();
  }
});
