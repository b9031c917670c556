/**
 * POST /api/score with the llm scorer on a real server (random loopback port) in front of a real
 * loopback chat-completions server: the body's `rubric` chooses the exposure rubric (default
 * eloundou2023), the result names it with its source and the T-rubric caveat, an E3 answer is
 * E2 with the answered label kept, and a bad rubric is a 400 listing the ids.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { apiScoreTasks } from '../../cli/models.js';
import { Store } from '../../data/store.js';
import { startTestServer, type TestServer, userMessage } from '../../llm/testServer.js';
import { type RunningServer, serve } from '../serve.js';

const ENV_KEYS = ['JOBSHIFT_LLM_BASE_URL', 'JOBSHIFT_LLM_MODEL', 'JOBSHIFT_LLM_API_KEY', 'OPENAI_API_KEY'] as const;
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

describe('POST /api/score with the llm scorer and a rubric', () => {
  let dir: string;
  let store: Store;
  let server: RunningServer;
  let llm: TestServer;
  const post = async (body: unknown): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${server.url}/api/score`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };

  before(async () => {
    llm = await startTestServer({
      reply: (req) =>
        req.response_format?.json_schema?.name === 'task_automation'
          ? { content: JSON.stringify({ automation: 'T2', rationale: 'r' }) }
          : { content: JSON.stringify({ exposure: /images/.test(userMessage(req)) ? 'E3' : 'E1', rationale: 'r' }) },
    });
    for (const k of ENV_KEYS) delete process.env[k];
    process.env.JOBSHIFT_LLM_BASE_URL = llm.baseUrl;
    process.env.JOBSHIFT_LLM_MODEL = 'api-model';
    dir = mkdtempSync(join(tmpdir(), 'jobshift-score-api-'));
    store = await Store.open(join(dir, 'store.duckdb'));
    const scorers = [
      { id: 'local', label: 'Built-in model', background: false },
      { id: 'llm', label: 'LLM (inline here)', background: false },
    ];
    server = await serve({ store, host: '127.0.0.1', port: 0, rateLimit: false, webRoot: false, resamples: 10, scoreTasks: apiScoreTasks(store), scorers, log: () => undefined });
  });
  after(async () => {
    await server.data.warm().catch(() => undefined);
    await server.close();
    await llm.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
    for (const k of ENV_KEYS) (saved[k] === undefined ? delete process.env[k] : (process.env[k] = saved[k]));
  });

  test('default rubric: eloundou2023 named in the result; E3 counted as E2, answered label kept; two requests per task', async () => {
    const r = await post({ tasks: ['Edit product images for the catalogue.', 'Draft a monthly report.'], scorer: 'llm' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.rubric.id, 'eloundou2023');
    assert.equal(r.body.rubric.verbatim, true);
    assert.equal(r.body.rubric.sources[0].commit, 'a1605dda86c1bcc15cd317279742fac6cf1ecae1');
    assert.equal(r.body.rubric.automation.caveat, 'unverified: no public source for the T-rubric wording');
    const [img, report] = r.body.results;
    assert.equal(img.exposure, 'E2');
    assert.equal(img.rawExposure, 'E3');
    assert.equal(img.automation, 'T2');
    assert.match(img.flag, /^rubric eloundou2023: answered E3, counted as E2/);
    assert.equal(report.exposure, 'E1');
    assert.equal(report.rawExposure, undefined);
    assert.equal(llm.requests.length, 4);
  });

  test('rubric modern2025: asked with its own prompt and named; unknown ids and rubrics for other scorers are 400', async () => {
    const before = llm.requests.length;
    const r = await post({ tasks: ['Draft a monthly report.'], scorer: 'llm', rubric: 'modern2025' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.rubric.id, 'modern2025');
    assert.ok(r.body.rubric.changes.length >= 4);
    assert.equal(r.body.results[0].flag, 'rubric modern2025');
    assert.equal(llm.requests.length - before, 1, 'a new exposure question; the automation answer comes from the cache');

    const bad = await post({ tasks: ['Draft a monthly report.'], scorer: 'llm', rubric: 'gpt5' });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body, { error: 'unknown rubric "gpt5" (available: eloundou2023, modern2025)', field: 'rubric' });
    const local = await post({ tasks: ['Draft a monthly report.'], scorer: 'local', rubric: 'eloundou2023' });
    assert.equal(local.status, 400);
    assert.equal(local.body.field, 'rubric');
    assert.match(local.body.error, /llm and llama scorers only/);
  });
});
