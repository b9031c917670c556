/**
 * The HTTP API as a client meets it: a real server on a random loopback port, over the
 * fixture store (src/data/testFixtures.ts), and over the real data when JOBSHIFT_DATA is set.
 * The scorer is a deterministic function defined here, injected as the scoring engine would be.
 */
import assert from 'node:assert/strict';
import { apiScoreTasks } from '../src/cli/models.js';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { analyzeWorkforce } from '../src/analysis/analyze.js';
import { importData } from '../src/data/import.js';
import { Store } from '../src/data/store.js';
import { writeFixtureData } from '../src/data/testFixtures.js';
import { createApp } from '../src/server/app.js';
import type { ScoreTasks, TaskScoreOut } from '../src/server/context.js';
import { type RunningServer, serve } from '../src/server/serve.js';
import { InputError } from '../src/util/errors.js';
import { jobshift } from './support/cli.js';
import { json, post } from './support/http.js';
import { tempDirs } from './support/temp.js';

const tempDir = tempDirs('jobshift-server-');

async function fixtureStore(): Promise<Store> {
  const data = tempDir();
  writeFixtureData(data);
  const store = await Store.open(join(tempDir(), 'store.duckdb'));
  await importData(store, [data]);
  return store;
}

/** A stand-in scoring engine: tasks about reports or data are E1, others E0. */
const rate = (text: string, scorer: string): TaskScoreOut =>
  /report|data|record/i.test(text)
    ? { exposure: 'E1', p: [0.1, 0.8, 0.1], automation: 'T3', scorer }
    : { exposure: 'E0', p: [0.9, 0.05, 0.05], automation: 'T0', scorer };

/** The slow scorer waits at a gate after its first task, so a test can watch the job in progress. */
function gatedScorer() {
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const score: ScoreTasks = async (tasks, scorer, progress) => {
    if (tasks.some((t) => t.text === 'fail please')) throw new InputError('the LLM endpoint refused the request (check the API key)');
    if (tasks.some((t) => t.text === 'crash please')) throw new Error('socket hang up at secret/path.ts:12');
    if (scorer === 'local') return tasks.map((t) => rate(t.text, scorer));
    const out: TaskScoreOut[] = [];
    for (const [i, t] of tasks.entries()) {
      out.push(rate(t.text, scorer));
      progress(i + 1);
      if (i === 0) await gate;
    }
    return out;
  };
  return { score, open: () => open() };
}

const SCORERS = [
  { id: 'local', label: 'Built-in model', background: false },
  { id: 'llm', label: 'LLM (as a job)', background: true },
];

describe('API on the fixture store', () => {
  let store: Store;
  let server: RunningServer;
  let base: string;
  const logged: string[] = [];
  const scorer = gatedScorer();
  let webRoot: string;

  before(async () => {
    store = await fixtureStore();
    webRoot = tempDir('jobshift-web-');
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>jobshift test shell</title><div id="root"></div>');
    writeFileSync(join(webRoot, 'assets', 'app-abc123.js'), `console.log(${JSON.stringify('x'.repeat(4000))});`);
    server = await serve({ store, host: '127.0.0.1', port: 0, resamples: 50, rateLimit: false, scoreTasks: scorer.score, scorers: SCORERS, webRoot, log: (m) => logged.push(m) });
    base = server.url;
    await server.data.warm();
  });
  after(async () => {
    await server.close();
    store.close();
  });

  test('binds loopback on a random port', () => {
    assert.equal(server.host, '127.0.0.1');
    assert.ok(server.port > 0);
    assert.match(base, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('GET /api/health', async () => {
    const res = await fetch(`${base}/api/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await json(res), { ok: true, ready: true, version: '0.1.0' });
  });

  test('GET /api/summary: the same numbers as analyzeWorkforce, with intervals and the scorer range', async () => {
    const res = await fetch(`${base}/api/summary`);
    assert.equal(res.status, 200);
    const s = await json(res);
    assert.equal(s.scorer, 'human');
    assert.equal(s.measure, 'beta');
    assert.equal(s.oewsYear, 2024);
    const direct = await analyzeWorkforce(store, { resamples: 50 });
    assert.deepEqual(s.headline, direct.headline);
    assert.deepEqual(s.intervals, direct.intervals);
    assert.deepEqual(s.scorerRange.scorers.sort(), ['gpt4', 'human']);
    assert.ok(s.intervals.atLeast50.lo <= s.headline.beta.atLeast50 && s.headline.beta.atLeast50 <= s.intervals.atLeast50.hi);
    assert.equal(s.occupations, 3);
    assert.equal(s.units, undefined, 'per-unit rows stay out of the summary');
    assert.ok(s.breakdowns.major.length > 0 && s.classes.length === 4 && s.sources.length > 0 && s.method.length > 0);
  });

  test('GET /api/summary with scorer, measure and year; bad values are 400 naming the field', async () => {
    const g = await json(await fetch(`${base}/api/summary?scorer=gpt4&measure=gamma&oews=2021`));
    assert.equal(g.scorer, 'gpt4');
    assert.equal(g.measure, 'gamma');
    assert.equal(g.oewsYear, 2021);
    for (const [query, field, message] of [
      ['measure=delta', 'measure', /alpha|beta|gamma/],
      ['scorer=oracle', 'scorer', /human/],
      ['oews=2019', 'oews', /available: 2021, 2024/],
      ['oews=twenty', 'oews', /year/],
    ] as const) {
      const res = await fetch(`${base}/api/summary?${query}`);
      assert.equal(res.status, 400, query);
      const body = await json(res);
      assert.equal(body.field, field, query);
      assert.match(body.error, message, query);
    }
  });

  test('GET /api/occupations: search by title, alternate title and code; sort and page', async () => {
    const acc = await json(await fetch(`${base}/api/occupations?q=accountant`));
    assert.equal(acc.rows[0].code, '13-2011.00');
    assert.deepEqual(Object.keys(acc.rows[0]).sort(), ['alpha', 'automation', 'beta', 'class', 'code', 'employment', 'employmentNote', 'employmentSoc', 'employmentSplit', 'gamma', 'majorGroup', 'ratedBy', 'title', 'wage'].sort());
    const cpa = await json(await fetch(`${base}/api/occupations?q=CPA`));
    assert.equal(cpa.rows[0].code, '13-2011.00');
    assert.equal(cpa.rows[0].match, 'CPA');
    const clerk = await json(await fetch(`${base}/api/occupations?q=${encodeURIComponent('data entry clerk')}`));
    assert.deepEqual(clerk.rows.map((r: { code: string }) => r.code), ['43-9021.00']);
    assert.equal(clerk.rows[0].match, 'Data Entry Clerk');
    // No title holds every word: the career title matcher's candidates answer, with the title it matched.
    const senior = await json(await fetch(`${base}/api/occupations?q=${encodeURIComponent('senior data entry clerk')}`));
    assert.equal(senior.rows[0].code, '43-9021.00');
    assert.equal(senior.rows[0].match, 'Data Entry Clerk');
    const code = await json(await fetch(`${base}/api/occupations?q=47-2061`));
    assert.equal(code.rows[0].title, 'Construction Laborers');
    const none = await json(await fetch(`${base}/api/occupations?q=astronaut`));
    assert.equal(none.total, 0);

    const all = await json(await fetch(`${base}/api/occupations?sort=-beta`));
    assert.equal(all.total, 3);
    const betas = all.rows.map((r: { beta: number }) => r.beta);
    assert.deepEqual(betas, [...betas].sort((a, b) => b - a));
    assert.equal(all.rows[0].wage, 38000, 'median annual wage from OEWS');
    const byTitle = await json(await fetch(`${base}/api/occupations?sort=title&limit=1&offset=1`));
    assert.equal(byTitle.rows.length, 1);
    assert.equal(byTitle.rows[0].title, 'Construction Laborers');
    assert.equal(byTitle.total, 3);
    assert.equal(all.majorGroups['13'] ?? null, null, 'the fixture has no major-group rows');

    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['offset=-1', 'offset'],
      ['sort=salary', 'sort'],
    ]) {
      const res = await fetch(`${base}/api/occupations?${query}`);
      assert.equal(res.status, 400, query);
      assert.equal((await json(res)).field, field, query);
    }
  });

  test('GET /api/occupations/:code: exposure by scorer, every task rated, disagreements, jobs, pay, projections', async () => {
    const res = await fetch(`${base}/api/occupations/13-2011.00`);
    assert.equal(res.status, 200);
    const d = await json(res);
    assert.equal(d.title, 'Accountants and Auditors');
    assert.deepEqual(d.exposure.map((e: { scorer: string }) => e.scorer), ['human', 'gpt4']);
    const human = d.exposure[0];
    // Core E1 (2) + core E2 (2, counted half) + supplemental E0 (1): beta = 3 / 5.
    assert.equal(human.beta, 0.6);
    assert.equal(human.alpha, 0.4);
    assert.equal(human.gamma, 0.8);
    assert.ok(human.betaInterval.lo <= 0.6 && human.betaInterval.hi >= 0.6);
    assert.equal(d.tasks.length, 3);
    const byId = new Map(d.tasks.map((t: { taskId: number }) => [t.taskId, t]));
    const t1002 = byId.get(1002) as { disagree: boolean; ratings: Record<string, { exposure: string; automation: string }> };
    assert.equal(t1002.ratings.human!.exposure, 'E2');
    assert.equal(t1002.ratings.gpt4!.exposure, 'E1');
    assert.equal(t1002.ratings.gpt4!.automation, 'T2');
    assert.equal(t1002.disagree, true);
    assert.equal((byId.get(1001) as { disagree: boolean }).disagree, false);
    assert.deepEqual(d.agreement, { rated: 3, disagree: 1 });
    assert.equal(d.employment.oewsYear, 2024);
    assert.equal(d.employment.employment, 1_540_000);
    assert.equal(d.employment.wages.annualMedian, 80000);
    assert.deepEqual(d.employment.history.map((h: { year: number }) => h.year), [2021, 2024]);
    assert.equal(d.projection.vintage, '2024-34');
    assert.equal(d.projection.changePct, 5.7);
    assert.equal(d.projection.typicalEducation, "Bachelor's degree");
    assert.deepEqual(d.related, []);
    assert.ok(d.sources.some((s: string) => /OEWS May 2024/.test(s)));
  });

  test('GET /api/occupations/:code: unknown code 404, malformed code 400', async () => {
    const missing = await fetch(`${base}/api/occupations/99-9999.00`);
    assert.equal(missing.status, 404);
    assert.match(missing.headers.get('content-type') ?? '', /json/);
    assert.deepEqual(await json(missing), { error: 'no O*NET-SOC occupation 99-9999.00 in the store', field: 'code' });
    const bad = await fetch(`${base}/api/occupations/accountant`);
    assert.equal(bad.status, 400);
    assert.equal((await json(bad)).field, 'code');
  });

  test('GET /api/compare: pairs and per-SOC values for scatter plots', async () => {
    const c = await json(await fetch(`${base}/api/compare`));
    assert.deepEqual(c.series.map((s: { id: string }) => s.id).slice(0, 2), ['human', 'gpt4']);
    const pair = c.pairs.find((p: { a: string; b: string }) => p.a === 'human' && p.b === 'gpt4');
    assert.equal(pair.n, 3);
    const i = c.values.soc.indexOf('13-2011');
    assert.ok(i >= 0);
    assert.equal(c.values.measures.human[i], 0.6);
    assert.equal(c.values.title[i], 'Accountants and Auditors');
    assert.equal(c.values.measures.human.length, c.values.soc.length);
    assert.ok(c.method.length > 0);
  });

  test('GET /api/data: what is loaded and missing, file names without server paths', async () => {
    const s = await json(await fetch(`${base}/api/data`));
    assert.equal(s.tables.occupations, 3);
    assert.deepEqual(s.oewsYears, [2021, 2024]);
    assert.equal(s.empty, false);
    assert.ok(s.missing.some((m: { what: string }) => /Skills and Knowledge/.test(m.what)));
    assert.ok(s.sources.length > 0);
    for (const f of s.sources) assert.doesNotMatch(f.file, /[\\/]/, 'no directories');
    assert.deepEqual(s.scorers.analysis, ['human', 'gpt4']);
    assert.deepEqual(s.scorers.score.map((x: { id: string }) => x.id), ['local', 'llm']);
  });

  test('POST /api/score: inline scorer answers 200 with one rating per task, in order', async () => {
    const res = await post(`${base}/api/score`, { tasks: ['Prepare detailed reports on audit findings.', { text: 'Dig trenches.', title: 'Laborer' }], scorer: 'local' });
    assert.equal(res.status, 200);
    const r = await json(res);
    assert.equal(r.scorer, 'local');
    assert.deepEqual(
      r.results.map((x: { text: string; exposure: string; automation: string }) => [x.text, x.exposure, x.automation]),
      [
        ['Prepare detailed reports on audit findings.', 'E1', 'T3'],
        ['Dig trenches.', 'E0', 'T0'],
      ],
    );
    assert.deepEqual(r.results[0].p, [0.1, 0.8, 0.1]);
  });

  test('POST /api/score: bad requests are 400 naming the field', async () => {
    const cases: [string | object, string, RegExp][] = [
      ['{"tasks": [', 'body', /not valid JSON/],
      [{}, 'tasks', /required/],
      [{ tasks: [] }, 'tasks', /at least one/],
      [{ tasks: 'one task' }, 'tasks', /array/],
      [{ tasks: ['fine', '   '] }, 'tasks[1].text', /empty/],
      [{ tasks: ['fine', 42] }, 'tasks[1]', /task statement/],
      [{ tasks: ['x'.repeat(2001)] }, 'tasks[0].text', /2000/],
      [{ tasks: Array.from({ length: 1001 }, (_, i) => `task ${i}`) }, 'tasks', /1000/],
      [{ tasks: ['fine'], scorer: 'oracle' }, 'scorer', /unknown scorer "oracle" \(available: local, llm\)/],
      [{ tasks: [{ text: 'fine', onetCode: 'accountant' }] }, 'tasks[0].onetCode', /O\*NET-SOC code/],
      [{ tasks: ['fine'], onetCode: '13-20' }, 'onetCode', /O\*NET-SOC code/],
    ];
    for (const [body, field, message] of cases) {
      const res = await post(`${base}/api/score`, body);
      const label = JSON.stringify(body).slice(0, 60);
      assert.equal(res.status, 400, label);
      const e = await json(res);
      assert.equal(e.field, field, label);
      assert.match(e.error, message, label);
    }
    const wrongType = await fetch(`${base}/api/score`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"tasks": ["a"]}' });
    assert.equal(wrongType.status, 415);
    assert.equal((await json(wrongType)).field, 'content-type');
  });

  test('POST /api/score: 413 for a body over the limit (1 MB by default)', async () => {
    const big = { tasks: Array.from({ length: 600 }, () => 'y'.repeat(1900)) };
    const res = await post(`${base}/api/score`, big);
    assert.equal(res.status, 413);
    assert.deepEqual(await json(res), { error: 'the request body is larger than 1 MB', field: 'body' });
  });

  test('POST /api/score with a slow scorer: 202 {job}, then progress, then the result', async (t) => {
    const res = await post(`${base}/api/score`, { tasks: ['Write the monthly report.', 'Lift boxes.', 'Check data.'], scorer: 'llm' });
    t.after(() => scorer.open()); // never leave the job waiting, even when an assertion fails
    assert.equal(res.status, 202);
    const { job } = await json(res);
    assert.match(job, /^[0-9a-f-]{36}$/);
    assert.equal(res.headers.get('location'), `/api/jobs/${job}`);
    const poll = async () => json(await fetch(`${base}/api/jobs/${job}`));
    let j = await poll();
    for (let i = 0; i < 100 && j.progress.done < 1; i++) j = await poll();
    assert.equal(j.status, 'running');
    assert.deepEqual(j.progress, { done: 1, total: 3 });
    assert.equal(j.result, undefined);
    scorer.open();
    await server.jobs.idle();
    j = await poll();
    assert.equal(j.status, 'done');
    assert.deepEqual(j.progress, { done: 3, total: 3 });
    assert.deepEqual(j.result.results.map((r: { exposure: string }) => r.exposure), ['E1', 'E0', 'E1']);
    assert.equal(j.kind, 'score');
  });

  test('jobs that fail: an InputError reaches the client, anything else is logged and hidden', async () => {
    const a = await json(await post(`${base}/api/score`, { tasks: ['fail please'], scorer: 'llm' }));
    const b = await json(await post(`${base}/api/score`, { tasks: ['crash please'], scorer: 'llm' }));
    await server.jobs.idle();
    const ja = await json(await fetch(`${base}/api/jobs/${a.job}`));
    assert.equal(ja.status, 'failed');
    assert.equal(ja.error, 'the LLM endpoint refused the request (check the API key)');
    const jb = await json(await fetch(`${base}/api/jobs/${b.job}`));
    assert.equal(jb.status, 'failed');
    assert.equal(jb.error, 'internal error (see the server log)');
    assert.doesNotMatch(JSON.stringify(jb), /secret|\.ts:/);
    assert.ok(logged.some((l) => /socket hang up/.test(l) && /at /.test(l)), 'the stack is logged server-side');
    const unknown = await fetch(`${base}/api/jobs/no-such-job`);
    assert.equal(unknown.status, 404);
    assert.equal((await json(unknown)).field, 'id');
  });

  test('an unexpected error is a 500 without its stack; an InputError from the scorer keeps its message', async () => {
    const res = await post(`${base}/api/score`, { tasks: ['crash please'], scorer: 'local' });
    assert.equal(res.status, 500);
    const text = await res.text();
    assert.deepEqual(JSON.parse(text), { error: 'internal error (logged on the server)' });
    assert.doesNotMatch(text, /secret|\.ts:|at /);
    assert.ok(logged.some((l) => l.startsWith('POST /api/score:') && /socket hang up/.test(l)));
    const input = await post(`${base}/api/score`, { tasks: ['fail please'], scorer: 'local' });
    assert.equal(input.status, 400);
    assert.match((await json(input)).error, /refused/);
  });

  test('unknown API routes are 404 JSON', async () => {
    const res = await fetch(`${base}/api/nothing-here`);
    assert.equal(res.status, 404);
    assert.deepEqual(await json(res), { error: 'no route GET /api/nothing-here' });
    const del = await fetch(`${base}/api/summary`, { method: 'DELETE' });
    assert.equal(del.status, 404);
  });

  test('security headers on API and pages', async () => {
    for (const path of ['/api/health', '/', '/api/nothing-here']) {
      const h = (await fetch(`${base}${path}`)).headers;
      const csp = h.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'self'/, path);
      assert.match(csp, /script-src 'self'(;|$)/, `${path}: no inline or eval scripts`);
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.match(csp, /object-src 'none'/, path);
      assert.equal(h.get('x-content-type-options'), 'nosniff', path);
      assert.equal(h.get('x-frame-options'), 'DENY', path);
      assert.equal(h.get('referrer-policy'), 'no-referrer', path);
    }
    assert.equal((await fetch(`${base}/api/health`)).headers.get('cache-control'), 'no-store');
  });

  test('the dashboard: files, SPA fallback for pages, 404 for missing files, gzip', async () => {
    const index = await fetch(`${base}/`);
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await index.text(), /jobshift test shell/);
    const deep = await fetch(`${base}/occupations/13-2011.00`);
    assert.equal(deep.status, 200);
    assert.match(await deep.text(), /jobshift test shell/);
    const js = await fetch(`${base}/assets/app-abc123.js`);
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
    assert.match(js.headers.get('cache-control') ?? '', /immutable/);
    assert.equal(js.headers.get('content-encoding'), 'gzip');
    assert.match(await js.text(), /^console\.log/);
    assert.equal((await fetch(`${base}/assets/missing.js`)).status, 404);
    assert.equal((await fetch(`${base}/..%2f..%2fetc%2fpasswd`)).status, 200, 'not a file: the app shell, never the file system');
    assert.match(await (await fetch(`${base}/..%2f..%2fetc%2fpasswd`)).text(), /jobshift test shell/);
  });

  test('GET /api/openapi.json lists every route', async () => {
    const doc = await json(await fetch(`${base}/api/openapi.json`));
    assert.equal(doc.openapi, '3.0.0');
    assert.deepEqual(Object.keys(doc.paths).sort(), [
      '/api/career',
      '/api/compare',
      '/api/data',
      '/api/generate',
      '/api/health',
      '/api/jobs/{id}',
      '/api/match',
      '/api/occupations',
      '/api/occupations/{code}',
      '/api/reports',
      '/api/reports/{id}/charts/{file}',
      '/api/reports/{id}/{file}',
      '/api/scenarios',
      '/api/score',
      '/api/simulate',
      '/api/summary',
      '/api/workforce',
    ]);
    assert.ok(doc.paths['/api/score'].post.responses['202']);
    assert.ok(doc.paths['/api/occupations'].get.parameters.some((p: { name: string }) => p.name === 'q'));
    assert.ok(doc.components.schemas.OccupationDetail);
    assert.ok(doc.components.securitySchemes.bearer);
  });
});

describe('POST /api/score with the built-in model (as `jobshift serve` wires it)', () => {
  test('an O*NET-SOC code per task or for the request gives free text its occupation context', async () => {
    const store = await fixtureStore();
    const server = await serve({ store, port: 0, resamples: 20, rateLimit: false, scoreTasks: apiScoreTasks(store), scorers: SCORERS.slice(0, 1), webRoot: false, log: () => undefined });
    try {
      const text = 'Prepare tax reports for clients'; // words the fixture model knows (it reads nothing else)
      const r = await json(
        await post(`${server.url}/api/score`, { tasks: [text, { text, onetCode: '13-2011' }, { text, onetCode: '47-2061.00' }], scorer: 'local' }),
      );
      const p = r.results.map((x: { p: number[] }) => x.p.join());
      assert.equal(new Set(p).size, 3, 'no code, an accountant, a construction laborer: three ratings');
      const all = await json(await post(`${server.url}/api/score`, { tasks: [text], onetCode: '13-2011.00', scorer: 'local' }));
      assert.equal(all.results[0].p.join(), p[1], 'the request-wide code applies to tasks without their own');
    } finally {
      await server.close();
      store.close();
    }
  });
});

describe('guards: token, rate limit, body limit', () => {
  let store: Store;
  let server: RunningServer;
  before(async () => {
    store = await fixtureStore();
    server = await serve({
      store,
      port: 0,
      resamples: 20,
      token: 's3cret-token',
      rateLimit: { windowMs: 60_000, max: 8 },
      bodyLimit: 64 * 1024,
      scoreTasks: async (tasks, scorer) => tasks.map((t) => rate(t.text, scorer)),
      scorers: SCORERS.slice(0, 1),
      webRoot: false,
      log: () => undefined,
    });
  });
  after(async () => {
    await server.close();
    store.close();
  });

  test('POST needs the bearer token (401 JSON); GET does not', async () => {
    const body = { tasks: ['Write reports.'], scorer: 'local' };
    const none = await post(`${server.url}/api/score`, body);
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('www-authenticate'), 'Bearer');
    assert.deepEqual(await json(none), { error: 'this server needs an API token: send Authorization: Bearer <token>', field: 'authorization' });
    const wrong = await post(`${server.url}/api/score`, body, { authorization: 'Bearer s3cret-tokeX' });
    assert.equal(wrong.status, 401);
    assert.equal((await json(wrong)).error, 'the API token is not valid');
    const ok = await post(`${server.url}/api/score`, body, { authorization: 'Bearer s3cret-token' });
    assert.equal(ok.status, 200);
    assert.equal((await json(ok)).results[0].exposure, 'E1');
    assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
  });

  test('413 over the configured body limit', async () => {
    const res = await post(`${server.url}/api/score`, { tasks: Array.from({ length: 40 }, () => 'z'.repeat(1900)) }, { authorization: 'Bearer s3cret-token' });
    assert.equal(res.status, 413);
    assert.equal((await json(res)).field, 'body');
  });

  test('429 with Retry-After once a client passes the per-window limit', async () => {
    let res: Response | undefined;
    for (let i = 0; i < 10; i++) {
      res = await fetch(`${server.url}/api/health`);
      if (res.status === 429) break;
      await res.arrayBuffer();
    }
    assert.equal(res!.status, 429);
    const retry = Number(res!.headers.get('retry-after'));
    assert.ok(retry >= 1 && retry <= 60, `Retry-After ${retry}`);
    assert.match((await json(res!)).error, /too many requests: at most 8 per 60 s/);
    assert.ok(res!.headers.get('content-security-policy'), 'security headers on refusals too');
  });
});

describe('an empty store', () => {
  test('analysis routes answer 503 with what is missing; data status still works', async () => {
    const store = await Store.open(join(tempDir(), 'empty.duckdb'));
    try {
      const app = createApp({ store, webRoot: false, rateLimit: false, log: () => undefined });
      const summary = await app.request('/api/summary');
      assert.equal(summary.status, 503);
      assert.match(((await summary.json()) as { error: string }).error, /no OEWS employment/);
      assert.equal((await app.request('/api/occupations/13-2011.00')).status, 404);
      const data = await app.request('/api/data');
      assert.equal(data.status, 200);
      assert.equal(((await data.json()) as { empty: boolean }).empty, true);
      const score = await app.request('/api/score', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"tasks":["a"]}' });
      assert.equal(score.status, 503, 'no scoring engine injected');
    } finally {
      store.close();
    }
  });
});

describe('API on the real data', { skip: process.env.JOBSHIFT_DATA ? false : 'set JOBSHIFT_DATA to run against the real data' }, () => {
  let store: Store;
  let server: RunningServer;
  before(async () => {
    store = await Store.open(join(tempDir(), 'real.duckdb'));
    await importData(store, [process.env.JOBSHIFT_DATA!]);
    server = await serve({ store, port: 0, resamples: 100, rateLimit: false, webRoot: false });
    await server.data.warm();
  });
  after(async () => {
    await server?.close();
    store?.close();
  });

  test('"accountant" finds Accountants and Auditors first', async () => {
    const r = await json(await fetch(`${server.url}/api/occupations?q=accountant&limit=5`));
    assert.equal(r.rows[0].code, '13-2011.00');
  });

  test('occupation page: tasks rated by human and GPT-4 raters, related occupations, wages', async () => {
    const d = await json(await fetch(`${server.url}/api/occupations/13-2011.00`));
    assert.ok(d.tasks.length >= 20);
    assert.ok(d.tasks.every((t: { ratings: object }) => Object.keys(t.ratings).length >= 1));
    assert.ok(d.related.length >= 5);
    assert.ok(d.employment.wages.annualMedian > 50_000);
    assert.ok(d.exposure[0].beta > 0.3);
  });

  test('summary and compare: published measures correlate with human beta', async () => {
    const s = await json(await fetch(`${server.url}/api/summary`));
    assert.ok(s.headline.beta.atLeast50 > 0.05 && s.headline.beta.atLeast50 < 0.6);
    const c = await json(await fetch(`${server.url}/api/compare`));
    const lm = c.pairs.find((p: { a: string; b: string }) => p.a === 'human' && p.b === 'lm_aioe');
    assert.ok(lm && lm.pearson > 0.6, `human vs LM-AIOE r = ${lm?.pearson}`);
  });
});

describe('jobshift serve', () => {
  const root = resolve(import.meta.dirname, '..');
  const cli = (args: string[], env: Record<string, string>) => spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], { cwd: root, env: { ...process.env, ...env } });

  test('serves the store on 127.0.0.1, prints its address, stops cleanly on SIGTERM', async () => {
    const home = tempDir();
    const data = tempDir();
    writeFixtureData(data);
    const store = await Store.open(join(home, 'jobshift.duckdb'));
    await importData(store, [data]);
    store.close();
    const child = cli(['serve', '--port', '0'], { JOBSHIFT_HOME: home, JOBSHIFT_API_TOKEN: 'tok' });
    try {
      const line = await new Promise<string>((ok, fail) => {
        createInterface({ input: child.stdout! }).once('line', ok);
        child.once('exit', (code) => fail(new Error(`exited with ${code}`)));
      });
      const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
      assert.ok(url, line);
      assert.equal((await fetch(`${url}/api/health`)).status, 200);
      const s = await json(await fetch(`${url}/api/summary`));
      assert.equal(s.oewsYear, 2024);
      // The token comes from JOBSHIFT_API_TOKEN; the local model (trained on first use) scores.
      assert.equal((await post(`${url}/api/score`, { tasks: ['a'] })).status, 401);
      const scored = await post(`${url}/api/score`, { tasks: ['Dig trenches'], scorer: 'local' }, { authorization: 'Bearer tok' });
      assert.equal(scored.status, 200);
      const body = await json(scored);
      assert.match(body.results[0].exposure, /^E[012]$/);
      assert.equal(body.results[0].scorer, 'local');
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise<number | null>((ok) => (child.exitCode !== null ? ok(child.exitCode) : child.once('exit', ok)));
    assert.equal(code, 0);
  });

  test('a bad port is a one-line error with exit code 2', () => {
    const r = jobshift(['serve', '--port', 'eighty'], { JOBSHIFT_HOME: tempDir() });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not a port: "eighty"/);
  });
});
