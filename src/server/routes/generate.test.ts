/**
 * POST /api/generate on a real server (random loopback port) in front of a real loopback
 * chat-completions server. The provider comes from the environment, as in production.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Store } from '../../data/store.js';
import { sseData } from '../../llm/openai.js';
import { startTestServer, type TestServer, userMessage } from '../../llm/testServer.js';
import { type RunningServer, serve } from '../serve.js';

const ENV_KEYS = ['JOBSHIFT_LLM_BASE_URL', 'JOBSHIFT_LLM_MODEL', 'JOBSHIFT_LLM_API_KEY', 'OPENAI_API_KEY', 'JOBSHIFT_LLAMA_MODEL'] as const;
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
const body = async (res: Response): Promise<any> => res.json();
const TEXT = 'Paralegals draft, search and summarize: much of it is text work.';

/** Events of an SSE body: [{event, data}] with data parsed. */
async function events(res: Response): Promise<{ event: string; data: Record<string, unknown> }[]> {
  const out: { event: string; data: Record<string, unknown> }[] = [];
  const raw = await res.text();
  for (const block of raw.split('\n\n').filter((b) => b.trim())) {
    const event = /^event: ?(.*)$/m.exec(block)?.[1] ?? 'message';
    const data = block
      .split('\n')
      .filter((l) => l.startsWith('data:'))
      .map((l) => l.slice(5).trimStart())
      .join('\n');
    out.push({ event, data: JSON.parse(data) });
  }
  return out;
}

describe('POST /api/generate', () => {
  let dir: string;
  let store: Store;
  let server: RunningServer;
  let llm: TestServer;
  const post = (body: unknown) => fetch(`${server.url}/api/generate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  before(async () => {
    for (const k of ENV_KEYS) delete process.env[k];
    dir = mkdtempSync(join(tmpdir(), 'jobshift-gen-api-'));
    store = await Store.open(join(dir, 'store.duckdb'));
    server = await serve({ store, host: '127.0.0.1', port: 0, rateLimit: false, webRoot: false, resamples: 10, log: () => undefined });
    llm = await startTestServer({ reply: (req) => (userMessage(req) === 'fail' ? { status: 400, body: '{"error":{"message":"prompt rejected"}}' } : { content: TEXT, usage: { prompt_tokens: 7, completion_tokens: 15 } }), apiKey: 'sk-api', chunkSize: 8 });
  });
  after(async () => {
    // The server computes its default views in the background: let that finish before the store closes.
    await server.data.warm().catch(() => undefined);
    await server.close();
    await llm.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
    for (const k of ENV_KEYS) (saved[k] === undefined ? delete process.env[k] : (process.env[k] = saved[k]));
  });

  test('503 with a clear message when no provider is configured', async () => {
    const res = await post({ prompt: 'hello' });
    assert.equal(res.status, 503);
    assert.match((await body(res)).error, /not available: no LLM server configured: set JOBSHIFT_LLM_BASE_URL/);
    const llama = await post({ prompt: 'hello', provider: 'llama' });
    assert.equal(llama.status, 503);
    assert.match((await body(llama)).error, /JOBSHIFT_LLAMA_MODEL/);
  });

  test('streams text events then "done" with usage; a seeded request is answered from the cache', async () => {
    process.env.JOBSHIFT_LLM_BASE_URL = llm.baseUrl;
    process.env.JOBSHIFT_LLM_MODEL = 'api-model';
    process.env.JOBSHIFT_LLM_API_KEY = 'sk-api';
    const res = await post({ prompt: 'Paralegals?', system: 'Be brief.', temperature: 0.4, topK: 3, topP: 0.7, maxTokens: 64, seed: 5 });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    const ev = await events(res);
    const texts = ev.filter((e) => e.event === 'message').map((e) => e.data.text);
    assert.equal(texts.length, Math.ceil(TEXT.length / 8));
    assert.equal(texts.join(''), TEXT);
    assert.deepEqual(ev.at(-1), { event: 'done', data: { text: TEXT, provider: `llm:api-model@${llm.baseUrl}`, cached: false, promptTokens: 7, completionTokens: 15 } });
    const sent = llm.requests.at(-1)!.body;
    assert.deepEqual([sent.temperature, sent.top_k, sent.top_p, sent.max_tokens, sent.seed, sent.stream], [0.4, 3, 0.7, 64, 5, true]);
    const before = llm.requests.length;

    const again = await events(await post({ prompt: 'Paralegals?', system: 'Be brief.', temperature: 0.4, topK: 3, topP: 0.7, maxTokens: 64, seed: 5 }));
    assert.equal(llm.requests.length, before, 'no new request upstream');
    assert.equal(again.at(-1)!.data.cached, true);
    assert.equal(again.filter((e) => e.event === 'message').map((e) => e.data.text).join(''), TEXT);
  });

  test('the SSE body reads with the same parser the llm client uses', async () => {
    const res = await post({ prompt: 'again' });
    const data = [];
    for await (const d of sseData(res)) data.push(JSON.parse(d));
    assert.equal(data.slice(0, -1).map((d) => d.text).join(''), TEXT);
  });

  test('bad bodies are 400 naming the field; upstream refusals are 502 JSON', async () => {
    for (const [sent, field] of [
      [{}, 'prompt'],
      [{ prompt: '   ' }, 'prompt'],
      [{ prompt: 'x', temperature: 5 }, 'temperature'],
      [{ prompt: 'x', provider: 'gpt' }, 'provider'],
      [{ prompt: 'x', maxTokens: 1.5 }, 'maxTokens'],
    ] as const) {
      const res = await post(sent);
      assert.equal(res.status, 400, JSON.stringify(sent));
      assert.equal((await body(res)).field, field);
    }
    const refused = await post({ prompt: 'fail' });
    assert.equal(refused.status, 502);
    assert.match((await body(refused)).error, /HTTP 400: prompt rejected/);
  });

  test('described in the OpenAPI document', async () => {
    const doc = await body(await fetch(`${server.url}/api/openapi.json`));
    const op = doc.paths['/api/generate'].post;
    assert.ok(op.responses['200'].content['text/event-stream']);
    assert.ok(op.responses['503']);
    assert.ok(doc.components.schemas.GenerateRequest.properties.seed);
  });
});
