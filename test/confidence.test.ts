/**
 * The built-in model knows when it does not know (issue 12, item 6), as a user meets it: text it
 * cannot read gets no label and the note "not a task statement" (`jobshift score`, POST
 * /api/score, the Score page); an unexposed task shows no automation level; the built-in model
 * is marked "trained on these labels — not independent" wherever measures are compared
 * (`jobshift compare`, GET /api/compare). Fixture store; the model trains into a temporary home.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { apiScorers, apiScoreTasks, gapFiller } from '../src/cli/models.js';
import { importData } from '../src/data/import.js';
import { Store } from '../src/data/store.js';
import { writeFixtureData } from '../src/data/testFixtures.js';
import { type RunningServer, serve } from '../src/server/serve.js';
import { browserSkip, ensureWebBuild, launchChromium, openPage, screenshot } from './support/browser.js';
import { jobshift } from './support/cli.js';
import { json, post } from './support/http.js';
import { tempDirs } from './support/temp.js';

const GIBBERISH = ['asdf qwer', 'xkcd zzzz 1234', '!!!', 'lorem ipsum dolor'];
const NOTE = 'not a task statement';
const INDEPENDENCE = 'trained on these labels — not independent';

const tempDir = tempDirs('jobshift-confidence-');

describe('jobshift score and compare', () => {
  let home: string;
  const cli = (args: string[], input?: string) => jobshift(args, { JOBSHIFT_HOME: home }, { input });
  before(() => {
    home = tempDir();
    const data = join(tempDir(), 'data');
    writeFixtureData(data);
    const r = cli(['data', 'import', data]);
    assert.equal(r.code, 0, r.stderr);
  });

  test('gibberish gets no exposure, probabilities or automation, and the note; readable rows keep their labels', () => {
    const input = join(tempDir(), 'tasks.csv');
    writeFileSync(input, ['Task', ...GIBBERISH.map((g) => `"${g}"`), 'Prepare detailed reports on audit findings.'].join('\n') + '\n');
    const out = join(tempDir(), 'scored.csv');
    const r = cli(['score', '--in', input, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /scored 1 of 5 rows .*\(4 not task statements, left unlabelled\)/);
    const j = cli(['score', '--in', input, '--out', '-', '--format', 'jsonl']);
    assert.equal(j.code, 0, j.stderr);
    const rows = j.stdout.trim().split('\n').map((l) => JSON.parse(l));
    for (const row of rows.slice(0, 4)) {
      assert.deepEqual(
        { exposure: row.exposure, p: [row.p_E0, row.p_E1, row.p_E2], automation: row.automation, scorer: row.scorer, note: row.note },
        { exposure: null, p: [null, null, null], automation: null, scorer: 'local', note: NOTE },
        row.Task,
      );
    }
    assert.match(rows[4].exposure, /^E[012]$/);
    assert.doesNotMatch(rows[4].note ?? '', /not a task statement/);
    // The run summary counts them apart from failures.
    const s = cli(['score', '--in', input, '--out', join(tempDir(), 'x.csv'), '--json']);
    assert.equal(s.code, 0, s.stderr);
    const summary = JSON.parse(s.stdout);
    assert.deepEqual([summary.scored, summary.failed, summary.notTaskStatements], [1, 0, 4]);
    // A file of gibberish alone: every row has its answer, so the run succeeds.
    const only = cli(['score', '--in', '-', '--out', '-', '--format', 'csv'], 'Task\nasdf qwer\n');
    assert.equal(only.code, 0, only.stderr);
    assert.equal(only.stdout.trim().split('\n')[1], 'asdf qwer,,,,,,local,not a task statement');
    // The published labels fill no gap with a guess either.
    const human = cli(['score', '--in', '-', '--out', '-', '--format', 'csv', '--scorer', 'human'], 'Task\nasdf qwer\n');
    assert.equal(human.stdout.trim().split('\n')[1], 'asdf qwer,,,,,,human,not a task statement');
  });

  test('compare marks the built-in model as trained on the human labels and lists its pairs apart', () => {
    const j = cli(['compare', '--json']);
    assert.equal(j.code, 0, j.stderr);
    const c = JSON.parse(j.stdout);
    const local = c.series.find((s: { id: string }) => s.id === 'local');
    assert.ok(local, 'the built-in model is listed');
    assert.equal(local.independent, false);
    assert.equal(local.note, INDEPENDENCE);
    assert.equal(c.series.find((s: { id: string }) => s.id === 'human').independent, true);
    for (const p of c.pairs) assert.equal(p.independent, p.a !== 'local' && p.b !== 'local', `${p.a}-${p.b}`);
    const text = cli(['compare']);
    assert.equal(text.code, 0, text.stderr);
    const [main, apart] = text.stdout.split(/\nNot independent/);
    assert.ok(apart, text.stdout);
    assert.match(apart!, /local: trained on these labels — not independent/);
    assert.match(apart!, /^human\s+local\s/m);
    assert.doesNotMatch(main!.split('\n').filter((l) => /^\w+\s+\w+\s+\d+\s/.test(l)).join('\n'), /local/, 'no pair with local among the independent ones');
    const csv = cli(['compare', '--csv']);
    assert.match(csv.stdout.split('\n')[0]!, /,independent$/);
  });
});

describe('POST /api/score and GET /api/compare with the built-in model', () => {
  let store: Store;
  let server: RunningServer;
  const home = process.env.JOBSHIFT_HOME;
  before(async () => {
    process.env.JOBSHIFT_HOME = tempDir(); // the local model trains into this temporary home
    const data = join(tempDir(), 'data');
    writeFixtureData(data);
    store = await Store.open(join(tempDir(), 'store.duckdb'));
    await importData(store, [data]);
    server = await serve({ store, port: 0, resamples: 20, rateLimit: false, filler: await gapFiller(store), scoreTasks: apiScoreTasks(store), scorers: apiScorers({}), webRoot: false, log: () => undefined });
  });
  after(async () => {
    await server?.close();
    store?.close();
    if (home === undefined) delete process.env.JOBSHIFT_HOME;
    else process.env.JOBSHIFT_HOME = home;
  });

  test('gibberish: exposure null, no probabilities, the note; E0: no automation shown', async () => {
    for (const scorer of ['local', 'human']) {
      const res = await post(`${server.url}/api/score`, { tasks: [...GIBBERISH, 'Meet with clients to discuss tax planning.', 'Prepare detailed reports on audit findings.'], scorer });
      assert.equal(res.status, 200);
      const r = await json(res);
      for (const row of r.results.slice(0, 4)) {
        assert.deepEqual(row, { text: row.text, exposure: null, automation: null, automationShown: null, scorer, flag: NOTE }, row.text);
      }
      if (scorer === 'human') {
        // Published: E0 with GPT-4's T1, which is not shown; E1 with T2, which is.
        const [e0, e1] = r.results.slice(4);
        assert.deepEqual([e0.exposure, e0.automation, e0.automationShown], ['E0', 'T1', null]);
        assert.deepEqual([e1.exposure, e1.automation, e1.automationShown], ['E1', 'T2', 'T2']);
      }
      for (const row of r.results.slice(4)) assert.equal(row.automationShown, row.exposure === 'E0' ? null : row.automation);
    }
    const doc = await json(await fetch(`${server.url}/api/openapi.json`));
    assert.match(JSON.stringify(doc), /automationShown/);
  });

  test('GET /api/compare: the built-in model is not independent', async () => {
    const c = await json(await fetch(`${server.url}/api/compare`));
    const local = c.series.find((s: { id: string }) => s.id === 'local');
    assert.ok(local, JSON.stringify(c.series.map((s: { id: string }) => s.id)));
    assert.deepEqual([local.independent, local.note], [false, INDEPENDENCE]);
    const pair = c.pairs.find((p: { a: string; b: string }) => p.a === 'human' && p.b === 'local');
    assert.equal(pair.independent, false);
    assert.equal(c.pairs.find((p: { a: string; b: string }) => p.a === 'human' && p.b === 'gpt4').independent, true);
  });
});

describe('the Score page in Chromium', { skip: browserSkip }, () => {
  let store: Store;
  let server: RunningServer;
  let browser: Browser;
  const problems: string[] = [];
  const home = process.env.JOBSHIFT_HOME;
  before(async () => {
    ensureWebBuild();
    process.env.JOBSHIFT_HOME = tempDir();
    const data = join(tempDir(), 'data');
    writeFixtureData(data);
    store = await Store.open(join(tempDir(), 'store.duckdb'));
    await importData(store, [data]);
    server = await serve({ store, port: 0, resamples: 20, rateLimit: false, filler: await gapFiller(store), scoreTasks: apiScoreTasks(store), scorers: apiScorers({}), log: (m) => problems.push(m) });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    store?.close();
    if (home === undefined) delete process.env.JOBSHIFT_HOME;
    else process.env.JOBSHIFT_HOME = home;
  });

  test('gibberish shows no rating and its note; an E0 task shows no automation level', async () => {
    const page = await openPage(browser, `${server.url}/score`, problems);
    await page.getByLabel(/Tasks, one per line/).fill('asdf qwer\nPrepare detailed reports on audit findings.\nMeet with clients to discuss tax planning.');
    await page.getByLabel('Scorer').selectOption('human');
    await page.getByRole('button', { name: 'Rate 3 tasks' }).click();
    const ratings = page.getByTestId('rating');
    await ratings.first().waitFor();
    assert.equal(await ratings.count(), 3);
    assert.match((await ratings.nth(0).textContent()) ?? '', /No rating.*not a task statement/);
    assert.doesNotMatch((await ratings.nth(0).textContent()) ?? '', /E[012]/);
    const automation = page.getByTestId('automation');
    assert.equal(await automation.count(), 2);
    assert.match((await automation.nth(0).textContent()) ?? '', /^T2/, 'E1: its level');
    assert.equal((await automation.nth(1).textContent())?.trim(), '— (not exposed)', 'E0: none');
    assert.match((await page.locator('main').textContent()) ?? '', /1 of 2 tasks rated as exposed.*1 line is not read as a task statement/);
    await screenshot(page, tempDir(), 'score-not-a-task-statement');
    await page.close();
    assert.deepEqual(problems, []);
  });

  test('the Compare page keeps the built-in model out of the heat map and lists its pairs apart, labelled', async () => {
    const page = await openPage(browser, `${server.url}/compare`, problems);
    const note = page.getByTestId('not-independent');
    await note.waitFor();
    assert.match((await note.textContent()) ?? '', /jobshift local-model beta|Built-in model/i);
    assert.match((await note.textContent()) ?? '', /trained on these labels — not independent/);
    const apart = page.getByTestId('dependent-pairs');
    assert.ok((await apart.locator('tbody tr').count()) > 0);
    for (const row of await apart.locator('tbody tr').allTextContents()) assert.match(row, /local|Built-in/i);
    await screenshot(page, tempDir(), 'compare-not-independent');
    await page.close();
    assert.deepEqual(problems, []);
  });
});
