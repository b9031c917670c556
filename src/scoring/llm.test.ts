/**
 * The llm scorer against a real loopback chat-completions server (src/llm/testServer.ts) and a
 * real DuckDB store: exposure and automation asked in separate requests with the default
 * rubric (eloundou2023, verbatim), E3 counted as E2, cache keys per rubric and question, good
 * answers, garbage -> repair -> failure, 429 + Retry-After, a server that dies mid-run, wrong
 * key, unreachable server, and the concurrency bound.
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
import { AUTOMATION_CAVEAT, AUTOMATION_RUBRIC, getRubric, rubricTag } from './rubric.js';
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
/** Which question a request asks: the name of its JSON schema (task_exposure, task_automation). */
const questionOf = (req: ChatRequest) => req.response_format?.json_schema?.name;

/** A server-side "model": tasks about reports or data are E1/T3, others E0/T0; one field per question. */
const rubricReply = (req: ChatRequest): Reply => {
  const text = /report|data/i.test(taskOf(req));
  return questionOf(req) === 'task_automation'
    ? { content: JSON.stringify({ automation: text ? 'T3' : 'T0', rationale: text ? 'drafts need a read-through' : 'hands-on work' }) }
    : { content: JSON.stringify({ exposure: text ? 'E1' : 'E0', rationale: text ? 'writing a report is text work' : 'physical work' }) };
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

describe('llm scorer on a loopback chat-completions server', () => {
  test('good answers: labels, one-hot p, rationales, request shape; order kept; rerun is served from the cache', async () => {
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
    assert.equal(first.automationRationale, 'drafts need a read-through');
    assert.equal(first.rawExposure, undefined);
    assert.equal(first.note, 'rubric eloundou2023', 'every rating names its rubric');
    // The description (printed by `score` and the methods notes) names both rubrics and the caveat.
    const d = scorer.describe();
    for (const part of [ONE_HOT_NOTE, 'exposure rubric eloundou2023', 'verbatim', 'fmegahed/ai_msa@a1605dd', AUTOMATION_CAVEAT, 'separate request']) assert.ok(d.includes(part), part);
    assert.equal(seen.at(-1), 4);
    // One task per request and one question per request: the published rubric, then the T-levels.
    assert.equal(s.requests.length, 8);
    const asked = s.requests.filter((r) => taskOf(r.body).startsWith('Prepare'));
    assert.deepEqual(asked.map((r) => questionOf(r.body)), ['task_exposure', 'task_automation'], 'exposure first, then automation');
    const [exposureReq, automationReq] = asked;
    assert.equal(exposureReq!.body.model, 'test-model');
    assert.equal(exposureReq!.authorization, 'Bearer sk-test');
    assert.equal(exposureReq!.body.messages[0]!.content, getRubric('eloundou2023').system);
    assert.ok(exposureReq!.body.messages[0]!.content.startsWith('Consider the most powerful OpenAI large language model (LLM).'));
    assert.equal(automationReq!.body.messages[0]!.content, AUTOMATION_RUBRIC.system);
    assert.match(userMessage(exposureReq!.body), /^Occupation: Sales Managers\nTask: Prepare monthly sales reports/);
    assert.match(userMessage(automationReq!.body), /^Occupation: Sales Managers\nTask: Prepare monthly sales reports/);
    assert.equal(exposureReq!.body.response_format?.type, 'json_schema');
    const schemaOf = (r: typeof exposureReq) => r!.body.response_format?.json_schema?.schema as { required: string[]; properties: { exposure?: { enum: string[] } } };
    assert.deepEqual(schemaOf(exposureReq).required, ['exposure', 'rationale']);
    assert.deepEqual(schemaOf(exposureReq).properties.exposure!.enum, ['E0', 'E1', 'E2', 'E3']);
    assert.deepEqual(schemaOf(automationReq).required, ['automation', 'rationale']);
    // Two distinct prompts per task.
    for (const t of TASKS) {
      const prompts = s.requests.filter((r) => taskOf(r.body) === t.text).map((r) => JSON.stringify(r.body.messages));
      assert.equal(new Set(prompts).size, 2, t.text);
    }
    const u = scorer.usage!();
    assert.equal(u.requests, 8);
    assert.equal(u.cached, 0);
    assert.ok(u.promptTokens > 4 * 100 && u.completionTokens > 0);
    assert.ok(Math.abs(u.costUsd! - (u.promptTokens + 2 * u.completionTokens) / 1e6) < 1e-12);
    // The cache is in the store: one row per task and question, tagged with question, rubric and version.
    const rows = await store.all<{ v: string; n: number }>(`SELECT rubric_version AS v, count(*)::INTEGER AS n FROM score_cache GROUP BY v ORDER BY v`);
    assert.deepEqual(rows, [
      { v: rubricTag(AUTOMATION_RUBRIC), n: 4 },
      { v: rubricTag(getRubric('eloundou2023')), n: 4 },
    ]);

    const again = createModelScorer(store, await provider(s));
    const out2 = await again.rate([...TASKS].reverse());
    assert.equal(s.requests.length, 8, 'a rerun sends no request');
    assert.deepEqual(out2.map((r) => rating(r).exposure), ['E0', 'E1', 'E0', 'E1']);
    assert.equal(again.usage!().cached, 4);
    assert.equal(again.usage!().requests, 0);
  });

  test('E3 (image capabilities) is counted as E2, the answered label kept', async () => {
    const s = await server({
      reply: (req) =>
        questionOf(req) === 'task_automation'
          ? { content: JSON.stringify({ automation: 'T2', rationale: 'edits need review' }) }
          : { content: JSON.stringify({ exposure: /image|PDF/i.test(taskOf(req)) ? 'E3' : 'E1', rationale: 'r' }) },
    });
    const scorer = createModelScorer(await freshStore(), await provider(s));
    const [img, text] = await scorer.rate([{ text: 'Edit product images and read text from scanned PDFs.', title: 'Graphic Designers' }, TASKS[0]!]);
    const r = rating(img);
    assert.equal(r.exposure, 'E2');
    assert.deepEqual(r.p, [0, 0, 1]);
    assert.equal(r.rawExposure, 'E3');
    assert.equal(r.automation, 'T2');
    assert.equal(r.note, 'rubric eloundou2023: answered E3, counted as E2 as the authors do');
    assert.equal(rating(text).exposure, 'E1');
    assert.equal(rating(text).rawExposure, undefined);
  });

  test('cache keys differ by rubric: modern2025 asks the exposure question again, and reuses the automation answers', async () => {
    const s = await server({ reply: rubricReply });
    const store = await freshStore();
    await createModelScorer(store, await provider(s)).rate(TASKS);
    assert.equal(s.requests.length, 8);
    const modern = createModelScorer(store, await provider(s), { rubric: getRubric('modern2025') });
    const out = await modern.rate(TASKS);
    const asked = s.requests.slice(8);
    assert.equal(asked.length, 4, 'one exposure request per task; automation from the cache');
    assert.ok(asked.every((r) => questionOf(r.body) === 'task_exposure' && r.body.messages[0]!.content === getRubric('modern2025').system));
    assert.deepEqual((asked[0]!.body.response_format?.json_schema?.schema as { properties: { exposure: { enum: string[] } } }).properties.exposure.enum, ['E0', 'E1', 'E2']);
    assert.deepEqual(out.map((r) => rating(r).automation), ['T3', 'T0', 'T3', 'T0']);
    assert.equal(rating(out[0]).note, 'rubric modern2025');
    assert.match(modern.describe(), /exposure rubric modern2025: .*changes from the published rubric/);
    // Both rubrics' answers stay in the cache: going back to eloundou2023 asks nothing.
    await createModelScorer(store, await provider(s)).rate(TASKS);
    assert.equal(s.requests.length, 12);
  });

  test('without the automation question (eval): one request per task, automation null', async () => {
    const s = await server({ reply: rubricReply });
    const scorer = createModelScorer(await freshStore(), await provider(s), { automation: false });
    const out = await scorer.rate(TASKS.slice(0, 2));
    assert.equal(s.requests.length, 2);
    assert.ok(s.requests.every((r) => questionOf(r.body) === 'task_exposure'));
    assert.equal(rating(out[0]).automation, null);
    assert.match(scorer.describe(), /automation not asked/);
  });

  test('duplicates are asked once; empty and over-long text fail per row, the others are scored', async () => {
    const s = await server({ reply: rubricReply });
    const scorer = createModelScorer(await freshStore(), await provider(s));
    const out = await scorer.rate([TASKS[0]!, { text: '   ' }, TASKS[0]!, { text: 'x'.repeat(2001) }]);
    assert.equal(s.requests.length, 2, 'one task, two questions');
    assert.equal(rating(out[0]).exposure, 'E1');
    assert.equal(rating(out[2]).exposure, 'E1');
    assert.deepEqual(out[1], { error: 'empty task text' });
    assert.match((out[3] as { error: string }).error, /2,001 characters, over the limit of 2,000/);
  });

  test('garbage answers: one repair request carrying the error, then a recorded failure (not cached)', async () => {
    const s = await server({
      reply: (req) => {
        const task = taskOf(req);
        if (questionOf(req) === 'task_automation') return task.startsWith('Enter') ? { content: 'T2, I think' } : rubricReply(req);
        if (task.startsWith('Lift')) return { content: 'Sure! I would say E1, probably.' };
        // Bad the first time, fixed when told what was wrong.
        if (task.startsWith('Repair')) return userMessage(req).includes('previous answer') ? rubricReply(req) : { content: '{"exposure":"E9","rationale":"?"}' };
        return rubricReply(req);
      },
    });
    const store = await freshStore();
    const scorer = createModelScorer(store, await provider(s));
    const out = await scorer.rate(TASKS);
    assert.ok(isFailure(out[1]));
    assert.match((out[1] as { error: string }).error, /exposure answer was invalid twice.*not JSON/);
    // A failed automation answer fails the task too: no rating with a silent gap.
    assert.ok(isFailure(out[2]));
    assert.match((out[2] as { error: string }).error, /automation answer was invalid twice/);
    assert.equal(rating(out[3]).exposure, 'E0');
    const repairs = s.requests.filter((r) => userMessage(r.body).includes('previous answer'));
    assert.equal(repairs.length, 3);
    const repairRepair = repairs.find((r) => taskOf(r.body).startsWith('Repair'))!;
    assert.match(userMessage(repairRepair.body), /"exposure": Invalid option/);
    assert.match(userMessage(repairRepair.body), /E9/);
    assert.match(userMessage(repairRepair.body), /\{"exposure": "E0" \| "E1" \| "E2" \| "E3", "rationale"/);
    // Prepare 2, Lift 2 (no automation after a failed exposure), Enter 1 + 2, Repair 2 + 1.
    assert.equal(s.requests.length, 10);
    assert.equal(s.requests.filter((r) => taskOf(r.body).startsWith('Lift')).every((r) => questionOf(r.body) === 'task_exposure'), true);
    assert.equal(scorer.usage!().failed, 2);
    assert.equal((await store.all(`SELECT * FROM score_cache`)).length, 5, 'failures are not cached (Enter keeps its exposure answer)');
    // A rerun asks again only for what failed: Lift's exposure (answer + repair), Enter's automation (answer + repair).
    await createModelScorer(store, await provider(s)).rate(TASKS);
    assert.equal(s.requests.length, 14);
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
    assert.equal(retries.length, 4, 'the two exposure retries, then the two automation questions');
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
    const cached = await store.all<{ text: string; v: string }>(`SELECT text, rubric_version AS v FROM score_cache`);
    assert.ok(cached.length >= 4 && cached.length <= 5, `cached ${cached.length}`);

    // The server comes back on the same port (so the same provider id and cache keys).
    const revived = await server({ reply: rubricReply, port: dying.port });
    const out = await createModelScorer(store, await provider(revived), { concurrency: 2 }).rate(tasks);
    assert.ok(out.every((r) => !isFailure(r)));
    assert.equal(revived.requests.length, 24 - cached.length, 'only the unanswered questions are asked');
    const question = (v: string) => (v.startsWith('automation:') ? 'task_automation' : 'task_exposure');
    const askedAgain = new Set(revived.requests.map((r) => `${questionOf(r.body)} ${taskOf(r.body)}`));
    for (const c of cached) assert.ok(!askedAgain.has(`${question(c.v)} ${c.text}`), `asked again: ${c.v} ${c.text}`);
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
      assert.equal(s.requests.length, 60);
      assert.equal(s.maxInFlight(), concurrency);
    }
  });
});
