/**
 * The OpenAI-compatible provider and the generation cache, against the real loopback server.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Store } from '../data/store.js';
import { InputError } from '../util/errors.js';
import { generateCached, generationKey, memoryGenerationCache, storeGenerationCache } from './cache.js';
import { backoffDelay, LlmRequestError, parseRetryAfter } from './openai.js';
import { createProvider, parseProviderKind } from './provider.js';
import { startTestServer, systemMessage, type TestServer, userMessage } from './testServer.js';

const servers: TestServer[] = [];
const temp: string[] = [];
after(async () => {
  for (const s of servers) await s.close();
  for (const d of temp) rmSync(d, { recursive: true, force: true });
});
const server = async (o: Parameters<typeof startTestServer>[0]) => {
  const s = await startTestServer(o);
  servers.push(s);
  return s;
};
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'jobshift-gen-'));
  temp.push(d);
  return d;
};

describe('retry helpers', () => {
  test('Retry-After in seconds or as an HTTP date', () => {
    assert.equal(parseRetryAfter('2'), 2000);
    assert.equal(parseRetryAfter('0.5'), 500);
    const now = Date.parse('2026-11-25T10:00:00Z');
    assert.equal(parseRetryAfter('Wed, 25 Nov 2026 10:00:03 GMT', now), 3000);
    assert.equal(parseRetryAfter('Wed, 25 Nov 2026 09:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(null), undefined);
  });
  test('full-jitter backoff grows by powers of two up to the cap', () => {
    assert.equal(backoffDelay(0, 500, 60_000, () => 1), 500);
    assert.equal(backoffDelay(3, 500, 60_000, () => 1), 4000);
    assert.equal(backoffDelay(20, 500, 60_000, () => 1), 60_000);
    assert.equal(backoffDelay(3, 500, 60_000, () => 0), 0);
  });
});

describe('createProvider configuration', () => {
  test('missing settings and unknown kinds are InputErrors with one clear line', async () => {
    await assert.rejects(createProvider('llm', { env: {} }), /JOBSHIFT_LLM_BASE_URL/);
    await assert.rejects(createProvider('llm', { env: { JOBSHIFT_LLM_BASE_URL: 'http://127.0.0.1:1/v1' } }), /JOBSHIFT_LLM_MODEL/);
    await assert.rejects(createProvider('llm', { env: { JOBSHIFT_LLM_BASE_URL: 'localhost:11434', JOBSHIFT_LLM_MODEL: 'm' } }), /must be http/);
    await assert.rejects(createProvider('llama', { env: {} }), /JOBSHIFT_LLAMA_MODEL/);
    await assert.rejects(createProvider('llama', { modelPath: '/nonexistent/m.gguf' }), (e: unknown) => e instanceof InputError && /model file not found: \/nonexistent\/m.gguf/.test(e.message));
    const notGguf = join(tempDir(), 'fake.gguf');
    writeFileSync(notGguf, 'PK\u0003\u0004 not a model');
    await assert.rejects(createProvider('llama', { modelPath: notGguf }), /not a GGUF model file/);
    assert.throws(() => parseProviderKind('gpt'), /unknown provider "gpt" \(available: llm, llama\)/);
  });

  test('reads the environment: base URL, model, key (OPENAI_API_KEY as fallback)', async () => {
    const s = await server({ apiKey: 'sk-env' });
    const p = await createProvider('llm', { env: { JOBSHIFT_LLM_BASE_URL: `${s.baseUrl}/`, JOBSHIFT_LLM_MODEL: 'm1', OPENAI_API_KEY: 'sk-env' } });
    assert.equal(p.id, `llm:m1@${s.baseUrl}`);
    assert.equal((await p.generate({ prompt: 'hi' })).text, 'ok');
  });
});

describe('OpenAI-compatible provider', () => {
  test('sends the sampling controls and system prompt; reads usage', async () => {
    const s = await server({ reply: () => ({ content: 'hello there', usage: { prompt_tokens: 11, completion_tokens: 2 } }) });
    const p = await createProvider('llm', { baseUrl: s.baseUrl, model: 'm', env: {} });
    const r = await p.generate({ system: 'be brief', prompt: 'say hi', temperature: 0.3, topK: 20, topP: 0.9, maxTokens: 50, seed: 7 });
    assert.deepEqual(r, { text: 'hello there', promptTokens: 11, completionTokens: 2, cached: false });
    const b = s.requests[0]!.body;
    assert.equal(systemMessage(b), 'be brief');
    assert.equal(userMessage(b), 'say hi');
    assert.deepEqual([b.temperature, b.top_k, b.top_p, b.max_tokens, b.seed, b.stream], [0.3, 20, 0.9, 50, 7, undefined]);
    assert.equal(s.requests[0]!.authorization, undefined, 'no key, no header');
  });

  test('estimates tokens when the server gives no usage', async () => {
    const s = await server({ reply: () => ({ content: 'x'.repeat(40), usage: null }) });
    const p = await createProvider('llm', { baseUrl: s.baseUrl, model: 'm', env: {} });
    const r = await p.generate({ prompt: 'y'.repeat(80) });
    assert.equal(r.promptTokens, 20);
    assert.equal(r.completionTokens, 10);
  });

  test('streams over SSE: chunks in order, the whole text and usage at the end', async () => {
    const text = 'The quick brown fox jumps over the lazy dog.';
    const s = await server({ reply: () => ({ content: text, usage: { prompt_tokens: 5, completion_tokens: 10 } }), chunkSize: 3 });
    const p = await createProvider('llm', { baseUrl: s.baseUrl, model: 'm', env: {} });
    const chunks: string[] = [];
    const r = await p.stream({ prompt: 'go' }, (c) => chunks.push(c));
    assert.equal(chunks.length, Math.ceil(text.length / 3));
    assert.equal(chunks.join(''), text);
    assert.deepEqual(r, { text, promptTokens: 5, completionTokens: 10, cached: false });
    assert.equal(s.requests[0]!.body.stream, true);
  });

  test('timeouts and dropped connections are retried', async () => {
    const slow = await server({ reply: (_r, n) => (n === 1 ? new Promise((res) => setTimeout(() => res({ content: 'late' }), 400)) : { content: 'fast' }) });
    const p = await createProvider('llm', { baseUrl: slow.baseUrl, model: 'm', env: {}, timeoutMs: 150, retryBaseMs: 5 });
    assert.equal((await p.generate({ prompt: 'a' })).text, 'fast');
    assert.equal(slow.requests.length, 2);

    const flaky = await server({ reply: (_r, n) => (n <= 2 ? { destroy: true } : { content: 'third time' }) });
    const q = await createProvider('llm', { baseUrl: flaky.baseUrl, model: 'm', env: {}, retryBaseMs: 5 });
    assert.equal((await q.generate({ prompt: 'a' })).text, 'third time');
    assert.equal(flaky.requests.length, 3);
  });

  test('a 400 is not retried: the server message reaches the caller', async () => {
    const s = await server({ reply: () => ({ status: 400, body: '{"error":{"message":"context length exceeded"}}' }) });
    const p = await createProvider('llm', { baseUrl: s.baseUrl, model: 'm', env: {} });
    await assert.rejects(p.generate({ prompt: 'a' }), (e: unknown) => e instanceof LlmRequestError && /HTTP 400: context length exceeded/.test(e.message));
    assert.equal(s.requests.length, 1);
  });

  test('a wrong path or model (404) is an InputError', async () => {
    const s = await server({ reply: () => ({ status: 404, body: '{"error":{"message":"model not found"}}' }) });
    const p = await createProvider('llm', { baseUrl: s.baseUrl, model: 'ghost', env: {} });
    await assert.rejects(p.generate({ prompt: 'a' }), (e: unknown) => e instanceof InputError && /no model "ghost".*model not found/.test(e.message));
    assert.equal(s.requests.length, 1);
  });
});

describe('generation cache', () => {
  test('seeded requests are stored and answered from the store; unseeded ones always ask', async () => {
    let n = 0;
    const s = await server({ reply: () => ({ content: `answer ${++n}` }) });
    const p = await createProvider('llm', { baseUrl: s.baseUrl, model: 'm', env: {} });
    const store = await Store.open(join(tempDir(), 'store.duckdb'));
    try {
      const cache = storeGenerationCache(store);
      const a = await generateCached(p, { prompt: 'p', seed: 3, temperature: 0.7 }, cache);
      const b = await generateCached(p, { temperature: 0.7, seed: 3, prompt: 'p' }, cache);
      assert.equal(a.text, 'answer 1');
      assert.deepEqual(b, { ...a, cached: true });
      const streamed: string[] = [];
      const c = await generateCached(p, { prompt: 'p', seed: 3, temperature: 0.7 }, cache, (t) => streamed.push(t));
      assert.deepEqual(streamed, ['answer 1']);
      assert.equal(c.cached, true);
      assert.equal((await generateCached(p, { prompt: 'p', seed: 4, temperature: 0.7 }, cache)).text, 'answer 2');
      assert.equal((await generateCached(p, { prompt: 'p' }, cache)).text, 'answer 3');
      assert.equal((await generateCached(p, { prompt: 'p' }, cache)).text, 'answer 4');
      assert.equal(s.requests.length, 4);
      const rows = await store.all<{ provider: string; request: string }>(`SELECT provider, request FROM generation_cache ORDER BY created_at`);
      assert.equal(rows.length, 2);
      assert.equal(rows[0]!.provider, p.id);
      assert.equal(rows[0]!.request, '{"prompt":"p","seed":3,"temperature":0.7}');
      assert.notEqual(generationKey('llm:a@x', { prompt: 'p', seed: 1 }), generationKey('llm:b@x', { prompt: 'p', seed: 1 }));
    } finally {
      store.close();
    }
    const mem = memoryGenerationCache();
    const m1 = await generateCached(p, { prompt: 'q', seed: 1 }, mem);
    const m2 = await generateCached(p, { prompt: 'q', seed: 1 }, mem);
    assert.equal(m2.text, m1.text);
    assert.equal(m2.cached, true);
  });
});
