/**
 * The llm scorer against a real loopback chat-completions server (src/llm/testServer.ts) and a
 * real DuckDB store: good answers, garbage -> repair -> failure, 429 + Retry-After, a server
 * that dies mid-run, wrong key, unreachable server, and the concurrency bound.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Store } from '../data/store.js';
import { createProvider } from '../llm/provider.js';
import { type ChatRequest, closedPort, type Reply, startTestServer, type TestServer, userMessage } from '../llm/testServer.js';
import { InputError } from '../util/errors.js';
import { createModelScorer, ONE_HOT_NOTE } from './llm.js';
import { parseRubricAnswer, RUBRIC_SYSTEM_PROMPT, RUBRIC_VERSION, rubricUserMessage } from './rubric.js';
import { isFailure, type RatingResult, type TaskRating } from './scorer.js';

const temp: string[] = [];
const servers: TestServer[] = [];
const stores: Store[] = [];
after(async () => {
  for (const s of servers) await s.close();
  for (const s of stores) s.close();
  for (const d of temp) rmSync(d, { recursive: true, force: true });
});

async function freshStore(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'jobshift-llm-'));
  temp.push(dir);
  const store = await Store.open(join(dir, 'store.duckdb'));
  stores.push(store);
  return store;
}

async function server(options: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const s = await startTestServer(options);
  servers.push(s);
  return s;
}

/** The task line of a rubric request. */
const taskOf = (req: ChatRequest) => /Task: (.*)/.exec(userMessage(req))?.[1] ?? '';

/** A server-side "model": tasks about reports or data are E1/T3, others E0/T0. */
const rubricReply = (req: ChatRequest): Reply => {
  const task = taskOf(req);
  return /report|data/i.test(task)
    ? { content: JSON.stringify({ exposure: 'E1', automation: 'T3', rationale: 'writing a report is text work' }) }
    : { content: JSON.stringify({ exposure: 'E0', automation: 'T0', rationale: 'physical work' }) };
};

const TASKS = [
  { text: 'Prepare monthly sales reports for management.', title: 'Sales Managers' },
  { text: 'Lift and carry boxes to the loading dock.', title: 'Laborers' },
  { text: 'Enter customer data into the billing system.' },
  { text: 'Repair brake systems on trucks.', title: 'Mechanics' },
];

const provider = (s: TestServer, extra: Record<string, unknown> = {}) =>
  createProvider('llm', { baseUrl: s.baseUrl, model: 'test-model', apiKey: 'sk-test', retryBaseMs: 20, env: {}, ...extra });

const rating = (r: RatingResult | undefined): TaskRating => {
  assert.ok(r && !isFailure(r), `expected a rating, got ${JSON.stringify(r)}`);
  return r;
};

describe('rubric', () => {
  test('states the whole exposure and automation rubric, and the answer schema', () => {
    for (const phrase of ['at least half', 'EQUIVALENT QUALITY', 'E0 - No exposure', 'E1 - Direct exposure', 'E2 - Exposure by LLM-powered software', 'T0', 'T1', 'T2', 'T3', 'T4 - Full automation', 'When in doubt, choose E0']) {
      assert.ok(RUBRIC_SYSTEM_PROMPT.includes(phrase), phrase);
    }
    assert.equal(rubricUserMessage({ text: ' Do x. ', title: 'Clerks' }).split('\n').slice(0, 2).join('|'), 'Occupation: Clerks|Task: Do x.');
    assert.ok(!rubricUserMessage({ text: 'Do x.' }).includes('Occupation'));
  });

  test('answer validation names the fault', () => {
    assert.deepEqual(parseRubricAnswer('```json\n{"exposure":"E2","automation":"T1","rationale":"r"}\n```'), { answer: { exposure: 'E2', automation: 'T1', rationale: 'r' } });
    const bad = parseRubricAnswer('{"exposure":"E5","automation":"T1","rationale":"r"}');
    assert.ok('problem' in bad && bad.problem.startsWith('"exposure"'), JSON.stringify(bad));
    const missing = parseRubricAnswer('{"exposure":"E1","rationale":"r"}');
    assert.ok('problem' in missing && missing.problem.includes('automation'));
    const notJson = parseRubricAnswer('I think E1.');
    assert.ok('problem' in notJson && notJson.problem.includes('not JSON'));
  });
});

describe('llm scorer on a loopback chat-completions server', () => {
  test('good answers: labels, one-hot p, rationale, request shape; order kept; rerun is served from the cache', async () => {
    const s = await server({ reply: rubricReply });
    const store = await freshStore();
    const scorer = createModelScorer(store, await provider(s), { concurrency: 3, pricePerMillion: { input: 1, output: 2 } });
    const seen: number[] = [];
    const out = await scorer.rate(TASKS, { progress: (d) => seen.push(d) });
    assert.deepEqual(
      out.map((r) => rating(r).exposure),
      ['E1', 'E0', 'E1', 'E0'],
    );
    const first = rating(out[0]);
    assert.deepEqual(first.p, [0, 1, 0]);
    assert.equal(first.automation, 'T3');
    assert.equal(first.rationale, 'writing a report is text work');
    assert.equal(first.note, undefined);
    assert.ok(scorer.describe().includes(ONE_HOT_NOTE) && scorer.describe().includes(RUBRIC_VERSION));
    assert.equal(seen.at(-1), 4);
    // One task per request, with the rubric, the title and the schema.
    assert.equal(s.requests.length, 4);
    const req = s.requests.find((r) => taskOf(r.body).startsWith('Prepare'))!;
    assert.equal(req.body.model, 'test-model');
    assert.equal(req.authorization, 'Bearer sk-test');
    assert.equal(req.body.messages[0]!.content, RUBRIC_SYSTEM_PROMPT);
    assert.match(userMessage(req.body), /^Occupation: Sales Managers\nTask: Prepare monthly sales reports/);
    assert.equal(req.body.response_format?.type, 'json_schema');
    assert.deepEqual((req.body.response_format?.json_schema?.schema as { required: string[] }).required, ['exposure', 'automation', 'rationale']);
    const u = scorer.usage!();
    assert.equal(u.requests, 4);
    assert.equal(u.cached, 0);
    assert.ok(u.promptTokens > 4 * 100 && u.completionTokens > 0);
    assert.ok(Math.abs(u.costUsd! - (u.promptTokens + 2 * u.completionTokens) / 1e6) < 1e-12);
    // The cache is in the store, keyed with the rubric version.
    const rows = await store.all<{ n: number; v: string }>(`SELECT count(*) AS n, any_value(rubric_version) AS v FROM score_cache`);
    assert.deepEqual(rows[0], { n: 4, v: RUBRIC_VERSION });

    const again = createModelScorer(store, await provider(s));
    const out2 = await again.rate([...TASKS].reverse());
    assert.equal(s.requests.length, 4, 'a rerun sends no request');
    assert.deepEqual(out2.map((r) => rating(r).exposure), ['E0', 'E1', 'E0', 'E1']);
    assert.equal(again.usage!().cached, 4);
    assert.equal(again.usage!().requests, 0);
  });

  test('duplicates are asked once; empty and over-long text fail per row, the others are scored', async () => {
    const s = await server({ reply: rubricReply });
    const scorer = createModelScorer(await freshStore(), await provider(s));
    const out = await scorer.rate([TASKS[0]!, { text: '   ' }, TASKS[0]!, { text: 'x'.repeat(2001) }]);
    assert.equal(s.requests.length, 1);
    assert.equal(rating(out[0]).exposure, 'E1');
    assert.equal(rating(out[2]).exposure, 'E1');
    assert.deepEqual(out[1], { error: 'empty task text' });
    assert.match((out[3] as { error: string }).error, /2,001 characters, over the limit of 2,000/);
  });

  test('garbage answers: one repair request carrying the error, then a recorded failure (not cached)', async () => {
    const s = await server({
      reply: (req) => {
        const task = taskOf(req);
        if (task.startsWith('Lift')) return { content: 'Sure! I would say E1, probably.' };
        // Bad the first time, fixed when told what was wrong.
        if (task.startsWith('Repair')) return userMessage(req).includes('previous answer') ? rubricReply(req) : { content: '{"exposure":"E9","automation":"T0","rationale":"?"}' };
        return rubricReply(req);
      },
    });
    const store = await freshStore();
    const scorer = createModelScorer(store, await provider(s));
    const out = await scorer.rate(TASKS);
    assert.ok(isFailure(out[1]));
    assert.match((out[1] as { error: string }).error, /invalid twice.*not JSON/);
    assert.equal(rating(out[3]).exposure, 'E0');
    const repairs = s.requests.filter((r) => userMessage(r.body).includes('previous answer'));
    assert.equal(repairs.length, 2);
    const repairRepair = repairs.find((r) => taskOf(r.body).startsWith('Repair'))!;
    assert.match(userMessage(repairRepair.body), /"exposure": Invalid option/);
    assert.match(userMessage(repairRepair.body), /E9/);
    assert.equal(s.requests.length, 6);
    assert.equal(scorer.usage!().failed, 1);
    assert.equal((await store.all(`SELECT * FROM score_cache`)).length, 3, 'failures are not cached');
    // A rerun asks again only for the failed item (twice: answer + repair).
    await createModelScorer(store, await provider(s)).rate(TASKS);
    assert.equal(s.requests.length, 8);
  });

  test('429 with Retry-After: the client waits as told, then succeeds', async () => {
    let limited = 0;
    const s = await server({
      reply: (req, n) => {
        if (n <= 2) {
          limited++;
          return { status: 429, headers: { 'retry-after': '1' }, body: '{"error":{"message":"Rate limit reached"}}' };
        }
        return rubricReply(req);
      },
    });
    const scorer = createModelScorer(await freshStore(), await provider(s), { concurrency: 2 });
    const out = await scorer.rate(TASKS.slice(0, 2));
    assert.equal(limited, 2);
    assert.deepEqual(out.map((r) => rating(r).exposure), ['E1', 'E0']);
    const t429 = s.requests.slice(0, 2).map((r) => r.at);
    const retries = s.requests.slice(2).map((r) => r.at);
    assert.equal(retries.length, 2);
    // retryBaseMs is 20 ms here, so only Retry-After explains a wait of about a second.
    for (const t of retries) assert.ok(t - Math.min(...t429) >= 950, `retried after ${t - Math.min(...t429)} ms`);
  });

  test('500s are retried with backoff; a request that keeps failing is a recorded failure', async () => {
    const s = await server({ reply: (req) => (taskOf(req).startsWith('Lift') ? { status: 500 } : rubricReply(req)) });
    const scorer = createModelScorer(await freshStore(), await provider(s, { maxRetries: 2 }));
    const out = await scorer.rate(TASKS.slice(0, 2));
    assert.equal(rating(out[0]).exposure, 'E1');
    assert.match((out[1] as { error: string }).error, /failed 3 times: HTTP 500/);
    assert.equal(s.requests.filter((r) => taskOf(r.body).startsWith('Lift')).length, 3);
  });

  test('a server that dies mid-run: finished items are cached; the rerun completes without repeating them', async () => {
    const tasks = Array.from({ length: 12 }, (_, i) => ({ text: `Write report number ${i} for the board.` }));
    const dying = await server({ reply: rubricReply, dieAfter: 5, latencyMs: 5 });
    const store = await freshStore();
    const scorer = createModelScorer(store, await provider(dying, { maxRetries: 1 }), { concurrency: 2 });
    await assert.rejects(scorer.rate(tasks), (err: unknown) => err instanceof InputError && /cannot reach the LLM server/.test(err.message));
    assert.ok(dying.dead());
    const cached = await store.all<{ text: string }>(`SELECT text FROM score_cache`);
    assert.ok(cached.length >= 4 && cached.length <= 5, `cached ${cached.length}`);

    // The server comes back on the same port (so the same provider id and cache keys).
    const revived = await server({ reply: rubricReply, port: dying.port });
    const out = await createModelScorer(store, await provider(revived), { concurrency: 2 }).rate(tasks);
    assert.ok(out.every((r) => !isFailure(r)));
    assert.equal(revived.requests.length, 12 - cached.length, 'only the unfinished items are asked');
    const askedAgain = new Set(revived.requests.map((r) => taskOf(r.body)));
    for (const c of cached) assert.ok(!askedAgain.has(c.text), `asked again: ${c.text}`);
  });

  test('wrong API key: InputError at once, never retried', async () => {
    const s = await server({ reply: rubricReply, apiKey: 'sk-right' });
    const scorer = createModelScorer(await freshStore(), await provider(s, { apiKey: 'sk-wrong', maxRetries: 5 }));
    await assert.rejects(scorer.rate(TASKS.slice(0, 1)), (err: unknown) => err instanceof InputError && /refused the API key/.test(err.message));
    assert.equal(s.requests.length, 1);
  });

  test('unreachable server: InputError naming the URL, fast', async () => {
    const port = await closedPort();
    const scorer = createModelScorer(await freshStore(), await createProvider('llm', { baseUrl: `http://127.0.0.1:${port}/v1`, model: 'm', env: {}, retryBaseMs: 1000 }));
    const t = performance.now();
    await assert.rejects(scorer.rate(TASKS), (err: unknown) => err instanceof InputError && err.message.includes(`http://127.0.0.1:${port}/v1`) && /ECONNREFUSED/.test(err.message));
    assert.ok(performance.now() - t < 900, 'no backoff before failing');
  });

  test('concurrency bound: the server never sees more requests in flight than asked', async () => {
    const tasks = Array.from({ length: 30 }, (_, i) => ({ text: `Summarize data set ${i}.` }));
    for (const concurrency of [1, 5]) {
      const s = await server({ reply: rubricReply, latencyMs: 15 });
      await createModelScorer(await freshStore(), await provider(s), { concurrency }).rate(tasks);
      assert.equal(s.requests.length, 30);
      assert.equal(s.maxInFlight(), concurrency);
    }
  });
});
