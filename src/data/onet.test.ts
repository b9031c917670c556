import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { breakdown } from '../analysis/workforce.js';
import { loadOccupationContext } from '../scoring/local/context.js';
import { InputError } from '../util/errors.js';
import { compareRelease, importData } from './import.js';
import { decideJobZoneFramework, jobZoneFeature, jobZoneLabel } from './sources/onet/jobZones.js';
import { isKnownOnetName, layoutsNamed, ONET_FILES } from './sources/onet/layouts.js';
import { dataStatus, formatStatus } from './status.js';
import { Store } from './store.js';
import { tsv, writeFixtureData, writeOnetLayoutFixture } from './testFixtures.js';
import { tempDirs } from '../../test/support/temp.js';

const tempDir = tempDirs('jobshift-onet-');

const freshStore = () => Store.open(join(tempDir(), 'store.duckdb'));

/** Every O*NET table, sorted, with the job-zone framework columns set apart. */
const onetTables = [
  'occupations', 'job_zones', 'tasks', 'task_dwas', 'dwas', 'iwas', 'content_model', 'emerging_tasks', 'alternate_titles',
  'reported_titles', 'related_occupations', 'occupation_elements', 'education', 'education_categories', 'technology_skills',
];
async function onetContent(store: Store): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of onetTables) {
    const exclude = t === 'occupations' ? ' EXCLUDE (job_zone_framework)' : t === 'job_zones' ? ' EXCLUDE (framework)' : '';
    out[t] = await store.all(`SELECT *${exclude} FROM ${t} ORDER BY ALL`);
  }
  return out;
}

async function imported(options: Parameters<typeof writeOnetLayoutFixture>[1]) {
  const dir = tempDir();
  writeOnetLayoutFixture(dir, options);
  const store = await freshStore();
  const summary = await importData(store, [dir]);
  return { store, summary, dir };
}

for (const format of ['text', 'excel'] as const) {
  test(`O*NET 30.3 layout (${format}) imports to the same store as the old layout`, async () => {
    const legacy = await imported({ layout: 'legacy', format });
    const current = await imported({ layout: '30.3', format });
    try {
      const a = await onetContent(legacy.store);
      const b = await onetContent(current.store);
      for (const t of onetTables) {
        assert.ok(a[t]!.length > 0, `${t} filled from the old layout`);
        assert.deepEqual(b[t], a[t], t);
      }
      // Skills arrive from two files in 30.3 and one before; both fill the 'skills' domain.
      const skills = await current.store.all<{ element_id: string }>(`SELECT DISTINCT element_id FROM occupation_elements WHERE domain = 'skills' ORDER BY 1`);
      assert.deepEqual(skills.map((s) => s.element_id), ['2.A.1.a', '2.A.1.e', '2.B.3.e']);
      assert.deepEqual(current.summary.skipped, [], 'every 30.3 file is known');
      assert.deepEqual(current.summary.warnings, [], 'one release: no warning');
      const names = current.summary.files.map((f) => basename(f.file)).sort();
      for (const n of ['Job Titles', 'Essential Skills', 'Transferable Skills', 'Software Skills', 'GWAs to IWAs to DWAs', 'GWAs to IWAs', 'Education', 'Training and Experience']) {
        assert.ok(names.includes(`${n}.${format === 'text' ? 'txt' : 'xlsx'}`), n);
      }
      assert.ok(current.summary.files.every((f) => f.release === '30.3'));
    } finally {
      legacy.store.close();
      current.store.close();
    }
  });
}

test('job zones: the four-level framework is recorded, labelled and never read as five-level', async () => {
  const legacy = await imported({ layout: 'legacy' });
  const current = await imported({ layout: '30.3' });
  try {
    const zones = async (s: Store) => s.all(`SELECT onet_code, job_zone, job_zone_framework FROM occupations ORDER BY onet_code`);
    assert.deepEqual(await zones(current.store), [
      { onet_code: '13-2011.00', job_zone: 4, job_zone_framework: 'four-level' },
      { onet_code: '43-9021.00', job_zone: 2, job_zone_framework: 'four-level' },
      { onet_code: '47-2061.00', job_zone: 2, job_zone_framework: 'four-level' },
    ]);
    assert.deepEqual((await zones(legacy.store)).map((r) => (r as { job_zone_framework: string }).job_zone_framework), ['five-level', 'five-level', 'five-level']);
    const status = await dataStatus(current.store);
    assert.equal(status.job_zone_framework, 'four-level');
    assert.match(formatStatus(status), /Job zones: four-level framework, O\*NET 30\.2 on/);
    assert.equal((await dataStatus(legacy.store)).job_zone_framework, 'five-level');

    // The local model: the same zone number is a different feature in each framework.
    const feature = async (s: Store) => (await loadOccupationContext(s)).features('43-9021.00')!.filter(([k]) => k.startsWith('jz'));
    assert.deepEqual(await feature(current.store), [['jz4:2', 1]]);
    assert.deepEqual(await feature(legacy.store), [['jz:2', 1]]);

    // Breakdowns by zone name the framework.
    const unit = (jobZoneFramework: 'five-level' | 'four-level') => ({
      socCode: '43-9021', title: 'Data Entry Keyers', majorGroup: '43', employment: 100, annualMean: null, annualMedian: null, onetCodes: ['43-9021.00'],
      jobZone: 2, jobZoneFramework, education: null, demographics: null, ages: null,
      alpha: 0.5, beta: 0.5, gamma: 0.5, automation: null, augmentation: 0,
    });
    const rows = breakdown([unit('four-level'), unit('five-level')] as never, 'zone', 'beta', new Map());
    assert.deepEqual(rows.map((r) => [r.group, r.label]), [
      ['Z2', 'Job zone 2: some preparation (five-level framework, O*NET to 30.1)'],
      ['Z2/4', 'Job zone 1-2: very little to some preparation (four-level framework, O*NET 30.2 on)'],
    ]);
  } finally {
    legacy.store.close();
    current.store.close();
  }
});

test('job-zone framework: the Job Zone Reference wins, then a zone 1, then the release; else unknown', async () => {
  assert.equal(decideJobZoneFramework({ referenceZones: [2, 3, 4, 5], zones: [2, 3], byRelease: 'five-level' }).framework, 'four-level');
  assert.equal(decideJobZoneFramework({ referenceZones: [1, 2, 3, 4, 5], zones: [2, 3], byRelease: 'four-level' }).framework, 'five-level');
  assert.equal(decideJobZoneFramework({ zones: [1, 2, 3], byRelease: 'four-level' }).framework, 'five-level');
  assert.equal(decideJobZoneFramework({ zones: [2, 3], byRelease: 'four-level' }).framework, 'four-level');
  assert.equal(decideJobZoneFramework({ zones: [2, 3] }).framework, null);
  assert.equal(jobZoneFeature(2, null), undefined);
  assert.equal(jobZoneLabel(3, null), 'Job zone 3 (framework unknown)');

  // 30.2 without a Job Zone Reference: the release says four-level (the framework began in 30.2).
  const r302 = await imported({ layout: 'legacy', release: '30.2', jobZoneReference: false });
  try {
    assert.equal((await dataStatus(r302.store)).job_zone_framework, 'four-level');
  } finally {
    r302.store.close();
  }
  // No Read Me, no release folder, no reference: stored without a framework, said, left out of the model.
  const unknown = await imported({ layout: '30.3', readMe: false, jobZoneReference: false });
  try {
    assert.equal((await dataStatus(unknown.store)).job_zone_framework, null);
    assert.equal(unknown.summary.warnings.length, 1);
    assert.match(unknown.summary.warnings[0]!.message, /cannot tell whether the job zones of Job Zones\.txt are on O\*NET's five-level or four-level framework/);
    const f = (await loadOccupationContext(unknown.store)).features('43-9021.00')!;
    assert.ok(!f.some(([k]) => k.startsWith('jz')), 'no job-zone feature without a framework');
  } finally {
    unknown.store.close();
  }
  // A zone 1 in a file whose Job Zone Reference is four-level contradicts the publisher: refused, naming the row.
  const dir = tempDir();
  const folder = writeOnetLayoutFixture(dir, { layout: '30.3' });
  writeFileSync(join(folder, 'Job Zones.txt'), tsv([['O*NET-SOC Code', 'Job Zone', 'Date', 'Domain Source'], ['13-2011.00', 4, '02/2026', 'Analyst'], ['43-9021.00', 1, '02/2026', 'Analyst']]));
  const store = await freshStore();
  try {
    await assert.rejects(importData(store, [dir]), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.match(err.message, /Job Zones\.txt, row 3, field "Job Zone": Job Zone 1 in a four-level Job Zones file/);
      return true;
    });
  } finally {
    store.close();
  }
});

test('files from different O*NET releases import with a warning that names them; data status lists the releases', async () => {
  // The shared data's mix: 29.1 text with Occupation Data and Task Statements from the 30.1 Excel release.
  const dir = tempDir();
  writeFixtureData(dir, { excelRelease: true });
  const store = await freshStore();
  try {
    const summary = await importData(store, [dir]);
    assert.equal(summary.tables.occupations, 3, 'still imported');
    assert.equal(summary.warnings.length, 1);
    const w = summary.warnings[0]!;
    assert.match(w.message, /^O\*NET files come from different releases: 29\.1 \(Alternate Titles\.txt, Job Zones\.txt, Tasks to DWAs\.txt\); 30\.1 \(Occupation Data\.xlsx, Task Statements\.xlsx\)/);
    assert.deepEqual(w.files.map((f) => basename(f)).sort(), ['Alternate Titles.txt', 'Job Zones.txt', 'Occupation Data.xlsx', 'Task Statements.xlsx', 'Tasks to DWAs.txt']);
    const status = await dataStatus(store);
    assert.deepEqual(status.onet_releases, [
      { release: '29.1', files: ['Alternate Titles.txt', 'Job Zones.txt', 'Tasks to DWAs.txt'] },
      { release: '30.1', files: ['Occupation Data.xlsx', 'Task Statements.xlsx'] },
    ]);
    assert.match(formatStatus(status), /O\*NET releases: 29\.1, 30\.1 \(mixed: tables from different releases may not agree\)\n {2}29\.1: Alternate Titles\.txt, Job Zones\.txt, Tasks to DWAs\.txt/);
  } finally {
    store.close();
  }
});

test('a renamed or split file replaces its predecessor: the newest release of a logical file wins with all its parts', async () => {
  const dir = tempDir();
  writeOnetLayoutFixture(dir, { layout: 'legacy', release: '30.1' });
  // 30.3 brings only the renamed and split files: they replace Alternate Titles and Skills (no duplicate keys).
  const newer = writeOnetLayoutFixture(join(dir, 'newer'), { layout: '30.3' });
  for (const n of ['Occupation Data', 'Task Statements', 'Job Zones', 'Job Zone Reference', 'Tasks to DWAs', 'GWAs to IWAs to DWAs', 'GWAs to IWAs',
    'Content Model Reference', 'Emerging Tasks', 'Sample of Reported Titles', 'Related Occupations', 'Knowledge', 'Education', 'Training and Experience',
    'Education Categories', 'Training and Experience Categories', 'Software Skills']) rmSync(join(newer, `${n}.txt`));
  const store = await freshStore();
  try {
    const summary = await importData(store, [dir]);
    const byName = new Map(summary.files.map((f) => [basename(f.file), f.release]));
    assert.equal(byName.get('Job Titles.txt'), '30.3');
    assert.equal(byName.get('Essential Skills.txt'), '30.3');
    assert.equal(byName.get('Transferable Skills.txt'), '30.3');
    assert.ok(!byName.has('Alternate Titles.txt') && !byName.has('Skills.txt'), 'the older names are left out');
    assert.equal(summary.warnings.length, 1, 'a 30.1/30.3 mix is said');
    assert.match(summary.warnings[0]!.message, /30\.3 \(Essential Skills\.txt, Job Titles\.txt, Transferable Skills\.txt\)/);
    const n = await store.one<{ n: number }>(`SELECT count(*) AS n FROM occupation_elements WHERE domain = 'skills'`);
    assert.equal(n!.n, 6, 'two occupations x three skills, once');
  } finally {
    store.close();
  }
});

test('importing a newer release over an older one leaves no record of the replaced files', async () => {
  const dir = tempDir();
  writeOnetLayoutFixture(join(dir, 'old'), { layout: 'legacy' });
  writeOnetLayoutFixture(join(dir, 'new'), { layout: '30.3' });
  const store = await freshStore();
  try {
    await importData(store, [join(dir, 'old')]);
    const summary = await importData(store, [join(dir, 'new')]);
    assert.deepEqual(summary.warnings, [], 'every 29.1 record was replaced by its 30.3 file (renamed ones included)');
    assert.deepEqual((await dataStatus(store)).onet_releases.map((r) => r.release), ['30.3']);
  } finally {
    store.close();
  }
});

test('an O*NET file no layout knows is skipped with a warning, never fatal', async () => {
  const dir = tempDir();
  const folder = writeOnetLayoutFixture(dir, { layout: '30.3' });
  writeFileSync(join(folder, 'Job Title Aliases.txt'), tsv([['O*NET-SOC Code', 'Alias'], ['13-2011.00', 'Bean Counter']]));
  writeFileSync(join(folder, 'Abilities.txt'), tsv([['O*NET-SOC Code', 'Element ID'], ['13-2011.00', '1.A.1.a.1']]));
  mkdirSync(join(dir, 'other'));
  writeFileSync(join(dir, 'other', 'notes.txt'), 'not an O*NET folder\n');
  const store = await freshStore();
  try {
    const summary = await importData(store, [dir]);
    assert.deepEqual(summary.skipped.map((s) => basename(s.file)), ['Job Title Aliases.txt'], 'a known unimported file (Abilities) and files outside O*NET folders are not reported');
    assert.match(summary.skipped[0]!.reason, /not an O\*NET file this importer knows .*src\/data\/sources\/onet\/layouts\.ts/);
    assert.equal(summary.tables.alternate_titles, 2);
  } finally {
    store.close();
  }
});

test('a 30.3 Tasks to DWAs file with its old column name is refused, naming the column the release should have', async () => {
  const dir = tempDir();
  const folder = writeOnetLayoutFixture(dir, { layout: '30.3' });
  writeFileSync(join(folder, 'Tasks to DWAs.txt'), tsv([['O*NET-SOC Code', 'Task ID', 'DWA Ref', 'Date', 'Domain Source'], ['43-9021.00', 2001, '4.A.3.b.6.a.1', '03/2014', 'Analyst']]));
  const store = await freshStore();
  try {
    await assert.rejects(importData(store, [dir]), /Tasks to DWAs\.txt, row 1, field "DWA Element ID": missing column/);
  } finally {
    store.close();
  }
});

test('the layout table: one entry per name and release range, every parser concept covered', () => {
  for (const l of ONET_FILES) {
    const same = ONET_FILES.filter((o) => o.name === l.name);
    assert.ok(same.every((o) => o === l || o.to !== undefined || l.to !== undefined), `${l.name}: at most one open-ended layout`);
    assert.ok(l.evidence.length > 0, `${l.name}: evidence stated`);
  }
  assert.deepEqual(layoutsNamed('Job Titles.xlsx').map((l) => l.concept), ['alternate_titles']);
  assert.deepEqual(layoutsNamed('Job Zones.txt').map((l) => l.jobZones), ['four-level', 'five-level']);
  assert.ok(isKnownOnetName('Work Context.txt') && isKnownOnetName('Software Skills.xlsx') && !isKnownOnetName('Job Title Aliases.txt'));
});

test('a store from schema v5 gets the job-zone framework of its zones and keyed import records', async () => {
  const path = join(tempDir(), 'store.duckdb');
  const dir = tempDir();
  writeOnetLayoutFixture(dir, { layout: 'legacy' });
  let store = await Store.open(path);
  await importData(store, [dir]);
  // Back to v5: no framework columns, no source keys.
  await store.run(`ALTER TABLE job_zones DROP COLUMN framework`);
  await store.run(`ALTER TABLE occupations DROP COLUMN job_zone_framework`);
  await store.run(`ALTER TABLE sources DROP COLUMN source_key`);
  await store.run(`UPDATE meta SET value = '5' WHERE key = 'schema_version'`);
  store.close();
  store = await Store.open(path);
  try {
    assert.equal(await store.schemaVersion(), 6);
    const f = await store.all(`SELECT DISTINCT job_zone_framework AS f FROM occupations`);
    assert.deepEqual(f, [{ f: 'five-level' }], 'a 29.1 Job Zones file recorded in sources: five-level');
    // A re-import of the renamed 30.3 files replaces the unkeyed 29.1 records.
    const next = tempDir();
    writeOnetLayoutFixture(next, { layout: '30.3' });
    const summary = await importData(store, [next]);
    assert.deepEqual(summary.warnings, []);
  } finally {
    store.close();
  }
});

const data = process.env.JOBSHIFT_DATA;
test('integration: the O*NET files of $JOBSHIFT_DATA import with their releases, any mix said, zones on the framework of their release', { timeout: 180_000 }, async (t) => {
  if (!data) return t.skip('JOBSHIFT_DATA not set');
  const store = await freshStore();
  try {
    const summary = await importData(store, [join(data, 'onet')]);
    const onet = summary.files.filter((f) => f.dataset === 'onet');
    assert.ok(onet.length > 0);
    // Releases come from the files present, never from a list pinned here.
    for (const f of onet) assert.match(f.release, /^\d+\.\d+$/, `${basename(f.file)}: release ${f.release}`);
    const releases = [...new Set(onet.map((f) => f.release))];
    assert.equal(summary.warnings.some((w) => /^O\*NET files come from different releases/.test(w.message)), releases.length > 1);
    const status = await dataStatus(store);
    assert.deepEqual(status.onet_releases.map((r) => r.release).sort(), [...releases].sort());
    const zonesFile = onet.find((f) => /^Job Zones\./.test(basename(f.file)));
    if (zonesFile) {
      const expected = compareRelease(zonesFile.release, '30.2') >= 0 ? 'four-level' : 'five-level';
      assert.equal(status.job_zone_framework, expected);
      const zones = await store.all<{ z: number }>(`SELECT DISTINCT job_zone AS z FROM job_zones ORDER BY 1`);
      const allowed = expected === 'four-level' ? [2, 3, 4, 5] : [1, 2, 3, 4, 5];
      assert.ok(zones.every(({ z }) => allowed.includes(z)), `zones ${zones.map((r) => r.z)} on the ${expected} framework`);
    }
  } finally {
    store.close();
  }
});
