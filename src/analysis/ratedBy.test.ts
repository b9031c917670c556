/**
 * Who rated each occupation (ratedBy) and the employment shown beside it (employmentSoc,
 * employmentSplit), on the fixture store with occupations the published labels do not cover
 * (src/data/testFixtures.ts writeUnlabelledFixtures) and a deterministic stand-in for the model.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importData } from '../data/import.js';
import { Store } from '../data/store.js';
import { fixtureFiller, publishedOnlyScores, writeFixtureData, writeUnlabelledFixtures } from '../data/testFixtures.js';
import { analyzeWorkforce, modelRatedUnits } from './analyze.js';
import { employmentShare, sharedUnitNote } from './employment.js';
import { isModelEstimate, weakestRatedBy } from './exposure.js';

test('weakestRatedBy: a unit is as well rated as its weakest occupation; only model ratings are model estimates', () => {
  assert.equal(weakestRatedBy(['published', 'published']), 'published');
  assert.equal(weakestRatedBy(['published', 'published-occupation']), 'published-occupation');
  assert.equal(weakestRatedBy(['published-occupation', 'model', 'published']), 'model');
  assert.equal(weakestRatedBy(['llm']), 'llm');
  assert.deepEqual((['published', 'published-occupation', 'model', 'llm'] as const).map(isModelEstimate), [false, false, true, false]);
});

test('employmentShare: the OEWS figure, whether it is shared, and what it covers', () => {
  const nurses = { socCode: '29-1141', title: 'Registered Nurses', employment: 3_282_010, onetCodes: ['29-1141.00', '29-1141.01', '29-1141.02', '29-1141.03', '29-1141.04'] };
  assert.deepEqual(employmentShare(nurses), {
    employment: 3_282_010 / 5,
    employmentSoc: 3_282_010,
    employmentSplit: true,
    employmentNote: 'Registered Nurses and 4 related O*NET occupations',
  });
  assert.deepEqual(employmentShare({ ...nurses, onetCodes: ['29-1141.00'] }), { employment: 3_282_010, employmentSoc: 3_282_010, employmentSplit: false, employmentNote: null });
  assert.deepEqual(employmentShare(undefined), { employment: null, employmentSoc: null, employmentSplit: false, employmentNote: null });
  assert.equal(sharedUnitNote('43-9021', 'Data Entry Keyers', 2), 'Data Entry Keyers and 1 related O*NET occupation');
  // A unit OEWS publishes only as a broad group says so, even with one O*NET occupation under it.
  assert.equal(sharedUnitNote('51-2090', 'Miscellaneous Assemblers and Fabricators', 6), 'broad group Miscellaneous Assemblers and Fabricators (51-2090), 6 O*NET occupations');
  assert.equal(sharedUnitNote('51-2090', 'Miscellaneous Assemblers and Fabricators', 1), 'broad group Miscellaneous Assemblers and Fabricators (51-2090), 1 O*NET occupation');
});

describe('provenance and employment on the fixture store', () => {
  let dir: string;
  let store: Store;
  /** O*NET codes with published task labels, from the store. */
  let labelled: Set<string>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jobshift-ratedby-'));
    writeFixtureData(dir);
    writeUnlabelledFixtures(dir);
    store = await Store.open(join(dir, 'store.duckdb'));
    await importData(store, [dir]);
    labelled = new Set((await store.all<{ onet_code: string }>(`SELECT DISTINCT onet_code FROM task_labels WHERE exposure IS NOT NULL`)).map((r) => r.onet_code));
  });
  after(() => {
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('human scorer: published where labels rate all tasks, published-occupation where only occ_level has it, model elsewhere', async () => {
    const a = await analyzeWorkforce(store, { filler: fixtureFiller, resamples: 20 });
    const byCode = new Map(a.occupations.map((o) => [o.onetCode, o]));
    const published = await store.all<{ code: string; measure: string; value: number }>(`SELECT code, measure, value FROM measures WHERE measure LIKE 'gptsgpts_human_%'`);
    const occLevel = new Set(published.map((p) => p.code));
    for (const o of a.occupations) {
      const expected = labelled.has(o.onetCode) ? 'published' : occLevel.has(o.onetCode) ? 'published-occupation' : 'model';
      assert.equal(o.ratedBy, expected, o.onetCode);
    }
    assert.ok(a.occupations.some((o) => o.ratedBy === 'model') && a.occupations.some((o) => o.ratedBy === 'published-occupation'), 'the fixture has every case');
    // published-occupation: alpha/beta/gamma are the published ones; the tasks stay model-rated.
    const po = a.occupations.find((o) => o.ratedBy === 'published-occupation')!;
    for (const m of ['alpha', 'beta', 'gamma'] as const) assert.equal(po[m], published.find((p) => p.code === po.onetCode && p.measure === `gptsgpts_human_${m}`)!.value);
    assert.equal(po.filledShare, 1);
    assert.deepEqual([po.alpha, po.beta, po.gamma], publishedOnlyScores.slice(3));
    assert.equal(a.coverage.publishedOccupation, 1);
    assert.match(a.method[0]!, /published human occupation scores \(occ_level\.csv\) without task labels/);

    // Share of employment whose rating is a model estimate: units with a model-rated O*NET occupation.
    const modelUnits = a.units.filter((u) => u.scored.some((c) => byCode.get(c)!.ratedBy === 'model'));
    assert.ok(modelUnits.length > 0);
    assert.deepEqual(modelRatedUnits(a.units, a.occupations).map((u) => u.socCode), modelUnits.map((u) => u.socCode));
    const modelEmployment = modelUnits.reduce((s, u) => s + u.employment, 0);
    assert.equal(a.coverage.modelEstimateEmployment, modelEmployment);
    assert.equal(a.coverage.modelEstimateShare, modelEmployment / a.coverage.employmentCovered);
    assert.ok(a.method.some((m) => /Share of employment whose rating is a model estimate/.test(m)));
  });

  test('gpt4 uses its own published occupation scores; local is all model; without a model nothing is a model estimate', async () => {
    const gpt4 = await analyzeWorkforce(store, { scorer: 'gpt4', filler: fixtureFiller, resamples: 5, compareScorers: false });
    const po = gpt4.occupations.find((o) => o.ratedBy === 'published-occupation')!;
    assert.deepEqual([po.alpha, po.beta, po.gamma], publishedOnlyScores.slice(0, 3));
    const local = await analyzeWorkforce(store, { scorer: 'local', filler: fixtureFiller, resamples: 5, compareScorers: false });
    assert.ok(local.occupations.every((o) => o.ratedBy === 'model'));
    assert.equal(local.coverage.modelEstimateShare, 1);
    // Without a model, the occupations the labels miss are missing, and nothing is a model estimate.
    const bare = await analyzeWorkforce(store, { resamples: 5, compareScorers: false });
    assert.ok(bare.occupations.every((o) => o.ratedBy === 'published'));
    assert.equal(bare.coverage.modelEstimateEmployment, 0);
  });

  test('occupation rows: employmentSoc is the OEWS figure, employment its equal split, employmentSplit and the note say so', async () => {
    const a = await analyzeWorkforce(store, { filler: fixtureFiller, resamples: 5, compareScorers: false });
    const oews = new Map(
      (await store.all<{ soc_code: string; employment: number }>(`SELECT soc_code, employment FROM employment WHERE year = ?`, [a.oewsYear])).map((r) => [r.soc_code, r.employment]),
    );
    const perSoc = new Map<string, number>();
    for (const o of a.occupations) perSoc.set(o.socCode, (perSoc.get(o.socCode) ?? 0) + 1);
    for (const o of a.occupations) {
      const n = perSoc.get(o.socCode)!;
      assert.equal(o.employmentSoc, oews.get(o.socCode), o.onetCode);
      assert.equal(o.employment, oews.get(o.socCode)! / n, o.onetCode);
      assert.equal(o.employmentSplit, n > 1, o.onetCode);
      assert.equal(o.unitEmployment, o.employmentSoc);
    }
    const nurse = a.occupations.find((o) => o.onetCode === '29-1141.00')!;
    assert.equal(nurse.employmentNote, `Registered Nurses and ${perSoc.get('29-1141')! - 1} related O*NET occupation`);
    assert.equal(a.occupations.find((o) => o.onetCode === '13-2011.00')!.employmentNote, null);
  });
});
