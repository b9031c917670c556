/**
 * Who rated it and how many work there, as a client meets them: GET /api/occupations rows and
 * GET /api/occupations/{code} (checked whole against their schemas), `jobshift analyze --level
 * occupation --csv`, `jobshift career`, over the fixture store with occupations the published
 * labels do not cover (writeUnlabelledFixtures), and over the real data when JOBSHIFT_DATA is set.
 * Expectations come from the store (which codes have labels, what OEWS publishes), not literals.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { analyzeWorkforce } from '../src/analysis/analyze.js';
import { importData } from '../src/data/import.js';
import { Store } from '../src/data/store.js';
import { fixtureFiller, writeFixtureData, writeUnlabelledFixtures } from '../src/data/testFixtures.js';
import { CareerProfileSchema } from '../src/server/careerSchemas.js';
import { OccupationDetailSchema, OccupationListSchema, SummarySchema } from '../src/server/schemas.js';
import { type RunningServer, serve } from '../src/server/serve.js';
import { jobshift } from './support/cli.js';
import { json } from './support/http.js';
import { tempDirs } from './support/temp.js';

const tempDir = tempDirs('jobshift-ratedby-');

/** O*NET codes with published task labels of `source`, and codes with published occupation scores. */
async function publishedCodes(store: Store, source: 'human' | 'gpt4') {
  const labelled = new Set((await store.all<{ c: string }>(`SELECT DISTINCT onet_code AS c FROM task_labels WHERE source = ? AND exposure IS NOT NULL`, [source])).map((r) => r.c));
  const occLevel = new Set((await store.all<{ c: string }>(`SELECT DISTINCT code AS c FROM measures WHERE measure = ?`, [`gptsgpts_${source}_beta`])).map((r) => r.c));
  return { labelled, occLevel };
}

const expectedRatedBy = (code: string, p: { labelled: Set<string>; occLevel: Set<string> }) =>
  p.labelled.has(code) ? 'published' : p.occLevel.has(code) ? 'published-occupation' : 'model';

describe('API: ratedBy and SOC employment on the fixture store', () => {
  let store: Store;
  let server: RunningServer;

  before(async () => {
    const data = tempDir();
    writeFixtureData(data);
    writeUnlabelledFixtures(data);
    store = await Store.open(join(tempDir(), 'store.duckdb'));
    await importData(store, [data]);
    server = await serve({ store, port: 0, resamples: 20, rateLimit: false, webRoot: false, filler: fixtureFiller });
    await server.data.warm();
  });
  after(async () => {
    await server?.close();
    store?.close();
  });

  test('GET /api/occupations: every row carries ratedBy, employment (the split), employmentSoc and employmentSplit', async () => {
    const published = await publishedCodes(store, 'human');
    const list = OccupationListSchema.parse(await json(await fetch(`${server.url}/api/occupations?limit=100`)));
    const a = await analyzeWorkforce(store, { filler: fixtureFiller, resamples: 5, compareScorers: false });
    assert.equal(list.rows.length, a.occupations.length);
    for (const r of list.rows) {
      const o = a.occupations.find((x) => x.onetCode === r.code)!;
      assert.equal(r.ratedBy, expectedRatedBy(r.code, published), r.code);
      assert.deepEqual([r.employment, r.employmentSoc, r.employmentSplit, r.employmentNote], [o.employment, o.employmentSoc, o.employmentSplit, o.employmentNote], r.code);
    }
    const nurses = list.rows.filter((r) => r.code.startsWith('29-1141'));
    assert.ok(nurses.length > 1 && nurses.every((r) => r.ratedBy === 'model' && r.employmentSplit && r.employmentSoc === nurses.length * r.employment!));
    assert.ok(list.rows.some((r) => r.ratedBy === 'published-occupation'));
    // Sorting by workers sorts by the SOC figure (ties by code), not by the equal split.
    const sorted = OccupationListSchema.parse(await json(await fetch(`${server.url}/api/occupations?sort=-employment&limit=100`))).rows;
    const bySoc = [...list.rows].sort((x, y) => (y.employmentSoc ?? -1) - (x.employmentSoc ?? -1) || x.code.localeCompare(y.code));
    assert.deepEqual(sorted.map((r) => r.code), bySoc.map((r) => r.code));
    // Search rows carry the same fields.
    const found = OccupationListSchema.parse(await json(await fetch(`${server.url}/api/occupations?q=nurses`))).rows;
    assert.ok(found.length > 0 && found.every((r) => r.ratedBy === 'model' && r.employmentSplit));
  });

  test('GET /api/occupations/{code}: ratedBy per scorer and on every task; agreement leaves model-filled ratings out', async () => {
    const nurse = OccupationDetailSchema.parse(await json(await fetch(`${server.url}/api/occupations/29-1141.00`)));
    assert.equal(nurse.ratedBy, 'model');
    assert.deepEqual(nurse.exposure.map((e) => [e.scorer, e.ratedBy]), [['human', 'model'], ['gpt4', 'model'], ['local', 'model']]);
    assert.ok(nurse.tasks.length > 0 && nurse.tasks.every((t) => Object.values(t.ratings).every((r) => r.ratedBy === 'model' && r.origin === 'model')));
    // Three scorers "rated" each task, all with the same model: nothing to agree or disagree on.
    assert.deepEqual(nurse.agreement, { rated: 0, disagree: 0 });
    assert.ok(nurse.tasks.every((t) => !t.disagree));
    assert.equal(nurse.employment.employmentSoc, nurse.employment.unitEmployment);
    assert.equal(nurse.employment.employmentSplit, true);
    assert.equal(nurse.employment.employment, nurse.employment.unitEmployment! / nurse.employment.onetOccupationsInUnit);
    assert.equal(nurse.employment.employmentNote, `Registered Nurses and ${nurse.employment.onetOccupationsInUnit - 1} related O*NET occupation`);

    // A labelled occupation: human and GPT-4 published, local a model; agreement counts the two published raters only.
    const acct = OccupationDetailSchema.parse(await json(await fetch(`${server.url}/api/occupations/13-2011.00`)));
    assert.deepEqual(acct.exposure.map((e) => [e.scorer, e.ratedBy]), [['human', 'published'], ['gpt4', 'published'], ['local', 'model']]);
    const both = acct.tasks.filter((t) => t.ratings.human?.ratedBy === 'published' && t.ratings.gpt4?.ratedBy === 'published');
    assert.equal(acct.agreement.rated, both.length);
    assert.equal(acct.agreement.disagree, both.filter((t) => t.ratings.human!.exposure !== t.ratings.gpt4!.exposure).length);
    assert.equal(acct.employment.employmentSplit, false);
    assert.equal(acct.employment.employmentNote, null);

    const po = OccupationDetailSchema.parse(await json(await fetch(`${server.url}/api/occupations/43-9021.01`)));
    assert.equal(po.ratedBy, 'published-occupation');
    assert.ok(po.tasks.every((t) => t.ratings.human?.ratedBy === 'model'), 'its tasks stay model-rated');
  });

  test('GET /api/summary: the share of employment whose rating is a model estimate', async () => {
    const s = SummarySchema.parse(await json(await fetch(`${server.url}/api/summary`)));
    const a = await analyzeWorkforce(store, { filler: fixtureFiller, resamples: 5, compareScorers: false });
    assert.ok(s.coverage.modelEstimateShare > 0 && s.coverage.modelEstimateShare < 1);
    assert.equal(s.coverage.modelEstimateEmployment, a.coverage.modelEstimateEmployment);
    assert.equal(s.coverage.modelEstimateShare, a.coverage.modelEstimateEmployment / a.coverage.employmentCovered);
  });
});

describe('CLI: rated_by and SOC employment in the occupation CSV; career says who rated it', () => {
  let home: string;
  let store: Store;
  const cli = (args: string[]) => jobshift(args, { JOBSHIFT_HOME: home }, { timeout: 180_000 });

  before(async () => {
    home = tempDir();
    const data = tempDir();
    writeFixtureData(data);
    writeUnlabelledFixtures(data);
    const r = cli(['data', 'import', data]);
    assert.equal(r.code, 0, r.stderr);
    // A second store of the same files, to derive expectations from (the CLI holds its own).
    store = await Store.open(join(tempDir(), 'store.duckdb'));
    await importData(store, [data]);
  });
  after(() => store?.close());

  test('analyze --level occupation --csv: rated_by, employment_soc and employment_split for the scorer asked for', async () => {
    const oews = new Map((await store.all<{ soc_code: string; employment: number }>(`SELECT soc_code, employment FROM employment WHERE year = (SELECT max(year) FROM employment)`)).map((r) => [r.soc_code, r.employment]));
    for (const scorer of ['human', 'gpt4'] as const) {
      const r = cli(['analyze', '--level', 'occupation', '--csv', '--scorer', scorer, '--resamples', '10']);
      assert.equal(r.code, 0, r.stderr);
      const [header, ...lines] = r.stdout.trim().split('\n').map((l) => l.split(','));
      const col = (name: string) => header!.indexOf(name);
      for (const name of ['employment', 'employment_soc', 'employment_split', 'rated_by']) assert.ok(col(name) >= 0, `column ${name}`);
      const published = await publishedCodes(store, scorer);
      const codes = lines.map((l) => l[0]!);
      const perSoc = new Map<string, number>();
      for (const c of codes) perSoc.set(c.slice(0, 7), (perSoc.get(c.slice(0, 7)) ?? 0) + 1);
      for (const l of lines) {
        const code = l[0]!;
        assert.equal(l[col('rated_by')], expectedRatedBy(code, published), `${scorer} ${code}`);
        assert.equal(Number(l[col('employment_soc')]), oews.get(code.slice(0, 7)), code);
        assert.equal(l[col('employment_split')], String(perSoc.get(code.slice(0, 7))! > 1), code);
      }
      assert.ok(lines.some((l) => l[col('rated_by')] === 'model'), 'the built-in model fills the unlabelled occupations');
    }
  });

  test('career: a model-rated occupation is not shown as human labels; employment is the SOC figure and says it is shared', () => {
    const text = cli(['career', '--code', '29-1141.00']);
    assert.equal(text.code, 0, text.stderr);
    assert.doesNotMatch(text.stdout, /human labels/i);
    assert.match(text.stdout, /Exposure \(built-in model estimate; the published labels do not cover this occupation\)/);
    assert.match(text.stdout, /Employment [\d,]+ \(OEWS \d{4}, Registered Nurses and 1 related O\*NET occupation\)/);
    const out = CareerProfileSchema.parse(JSON.parse(cli(['career', '--code', '29-1141.00', '--json']).stdout));
    assert.equal(out.exposure?.ratedBy, 'model');
    assert.equal(out.employment.employmentSplit, true);
    assert.equal(out.employment.employment! * 2, out.employment.employmentSoc);
    // A labelled occupation still says whose labels.
    const acct = cli(['career', '--code', '13-2011.00']);
    assert.match(acct.stdout, /Exposure \(human labels\)/);
  });
});

describe('on the real data', { skip: process.env.JOBSHIFT_DATA ? false : 'set JOBSHIFT_DATA to run against the real data' }, () => {
  let store: Store;
  let server: RunningServer;
  before(async () => {
    store = await Store.open(join(tempDir(), 'real.duckdb'));
    await importData(store, [process.env.JOBSHIFT_DATA!]);
    server = await serve({ store, port: 0, resamples: 20, rateLimit: false, webRoot: false, filler: fixtureFiller });
  });
  after(async () => {
    await server?.close();
    store?.close();
  });

  test('Registered Nurses: rated by the model where the labels miss it; the SOC figure, shared, never a split count', async () => {
    const published = await publishedCodes(store, 'human');
    const nurse = OccupationDetailSchema.parse(await json(await fetch(`${server.url}/api/occupations/29-1141.00`)));
    assert.equal(nurse.ratedBy, expectedRatedBy('29-1141.00', published));
    const year = nurse.employment.oewsYear;
    const soc = await store.one<{ e: number }>(`SELECT employment AS e FROM employment WHERE year = ? AND soc_code = '29-1141'`, [year]);
    const onet = await store.all<{ c: string }>(`SELECT onet_code AS c FROM occupations WHERE onet_code LIKE '29-1141.%'`);
    assert.equal(nurse.employment.employmentSoc, soc!.e);
    assert.equal(nurse.employment.employmentSplit, onet.length > 1);
    assert.equal(nurse.employment.employmentNote, `Registered Nurses and ${onet.length - 1} related O*NET occupations`);
    const rows = OccupationListSchema.parse(await json(await fetch(`${server.url}/api/occupations?q=registered%20nurse&limit=5`))).rows;
    const row = rows.find((r) => r.code === '29-1141.00')!;
    assert.equal(row.employmentSoc, soc!.e);
    assert.equal(row.ratedBy, nurse.ratedBy);
    // The agreement count leaves the model out: where no scorer has its own ratings, nothing is counted.
    if (nurse.ratedBy === 'model') assert.equal(nurse.agreement.rated, 0);
  });

  test('summary: the share of employment whose rating is a model estimate is stated and consistent', async () => {
    const s = SummarySchema.parse(await json(await fetch(`${server.url}/api/summary`)));
    const a = await analyzeWorkforce(store, { filler: fixtureFiller, resamples: 5, compareScorers: false });
    assert.equal(s.coverage.modelEstimateEmployment, a.coverage.modelEstimateEmployment);
    assert.ok(s.coverage.modelEstimateShare > 0 && s.coverage.modelEstimateShare < 1);
    const { labelled, occLevel } = await publishedCodes(store, 'human');
    assert.equal(s.coverage.publishedOccupation, [...occLevel].filter((c) => !labelled.has(c) && a.occupations.some((o) => o.onetCode === c)).length);
    console.log(`# human scorer, OEWS ${s.oewsYear}: ${(s.coverage.modelEstimateShare * 100).toFixed(1)}% of covered employment (${Math.round(s.coverage.modelEstimateEmployment)}) is a model estimate; occ_level occupations without task labels: ${[...occLevel].filter((c) => !labelled.has(c)).length}`);
  });
});
