/**
 * POST /api/simulate and GET /api/scenarios against a real server on a random loopback port,
 * over a real store of the fixture data: 202 {job}, the job's result follows the contract,
 * bad parameters are 400 naming the field.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { importData } from '../data/import.js';
import { Store } from '../data/store.js';
import { writeFixtureData } from '../data/testFixtures.js';
import { simulateRoutes } from '../server/routes/simulate.js';
import { type RunningServer, serve } from '../server/serve.js';

const dir = mkdtempSync(join(tmpdir(), 'jobshift-simroute-'));
let store: Store;
let server: RunningServer;

before(async () => {
  const data = join(dir, 'data');
  writeFixtureData(data);
  store = await Store.open(join(dir, 'store.duckdb'));
  await importData(store, [data]);
  const start = (routes?: ReturnType<typeof simulateRoutes>[]) => serve({ store, port: 0, resamples: 20, rateLimit: false, webRoot: false, token: 'sekrit', log: () => undefined, routes });
  server = await start();
  await server.data.warm().catch(() => undefined);
  // Until the app puts the store in the route context, plug the module in directly.
  if ((await fetch(`${server.url}/api/scenarios`)).status === 404) {
    await server.close();
    server = await start([simulateRoutes({ store })]);
    await server.data.warm().catch(() => undefined);
  }
});
after(async () => {
  await server?.close();
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (body: unknown, token = 'sekrit') =>
  fetch(`${server.url}/api/simulate`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });

async function waitFor(id: string) {
  for (let i = 0; i < 300; i++) {
    const j = (await (await fetch(`${server.url}/api/jobs/${id}`)).json()) as { status: string; result?: unknown; error?: string };
    if (j.status !== 'running') return j;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('job did not finish');
}

test('GET /api/scenarios lists the built-ins with sources', async () => {
  const r = await fetch(`${server.url}/api/scenarios`);
  assert.equal(r.status, 200);
  const body = (await r.json()) as { scenarios: { name: string; parameters: { path: string; source: string }[] }[] };
  assert.deepEqual(body.scenarios.map((s) => s.name).sort(), ['central', 'fast', 'slow']);
  assert.ok(body.scenarios[0]!.parameters.some((p) => p.path === 'adoption.ceiling' && p.source.length > 0));
});

test('POST /api/simulate runs as a job and returns the contract', async () => {
  const r = await post({ scenario: 'fast', years: [2025, 2030], draws: 100, seed: 2, set: ['adoption.ceiling=0.9'] });
  assert.equal(r.status, 202);
  const { job } = (await r.json()) as { job: string };
  const done = await waitFor(job);
  assert.equal(done.status, 'done', done.error);
  const res = done.result as { scenario: { name: string }; years: { year: number; displaced: { p50: number } }[]; occupations: unknown[]; flows: unknown[]; macro: { tfp: { p50: number } } };
  assert.equal(res.scenario.name, 'fast');
  assert.deepEqual(res.years.map((y) => y.year), [2025, 2026, 2027, 2028, 2029, 2030]);
  assert.ok(res.years.at(-1)!.displaced.p50 > 0);
  assert.ok(res.occupations.length > 0 && Array.isArray(res.flows));
  assert.ok(res.macro.tfp.p50 > 0);
});

test('bad requests: 400 naming the field; 401 without the token', async () => {
  const cases: [unknown, RegExp][] = [
    [{ draws: 10_000 }, /draws/],
    [{ scenario: 'medium' }, /scenario/],
    [{ set: ['adoption.ceiling=2'] }, /adoption\.ceiling/],
    [{ set: ['nope.x=1'] }, /nope\.x/],
    [{ scenario: { name: 'x' } }, /adoption/],
  ];
  for (const [body, pattern] of cases) {
    const r = await post(body);
    assert.equal(r.status, 400, JSON.stringify(body));
    const e = (await r.json()) as { error: string; field?: string };
    assert.match(`${e.field ?? ''} ${e.error}`, pattern);
  }
  assert.equal((await post({}, 'wrong')).status, 401);
});
