/**
 * `jobshift generate` as a user runs it: a real CLI process, a real loopback chat-completions
 * server, a real store for the seeded-request cache, and the tiny GGUF model for llama.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { jobshiftAsync as jobshift, root } from '../../test/support/cli.js';
import { closedPort, startTestServer, type TestServer, userMessage } from '../llm/testServer.js';

const TINY_GGUF = resolve(root, '..', 'shared', 'models', 'llama-2-tiny-random.gguf');
const temp: string[] = [];
const servers: TestServer[] = [];
after(async () => {
  for (const s of servers) await s.close();
  for (const d of temp) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'jobshift-gen-cli-'));
  temp.push(d);
  return d;
};

const TEXT = 'Jobs change task by task, not all at once.';

describe('jobshift generate --provider llm', () => {
  test('streams the text; --json reports provider, tokens and the cache; a seeded rerun sends no request', async () => {
    const s = await startTestServer({ reply: () => ({ content: TEXT, usage: { prompt_tokens: 9, completion_tokens: 12 } }), apiKey: 'sk-cli', chunkSize: 5 });
    servers.push(s);
    const env = { JOBSHIFT_HOME: tempDir(), JOBSHIFT_LLM_BASE_URL: s.baseUrl, JOBSHIFT_LLM_MODEL: 'tiny-chat', JOBSHIFT_LLM_API_KEY: 'sk-cli' };

    const streamed = await jobshift(['generate', 'Write one sentence about work.', '--stream', '--system', 'Be plain.', '--temperature', '0.2', '--top-k', '5', '--top-p', '0.8', '--max-tokens', '30'], env);
    assert.equal(streamed.code, 0, streamed.stderr);
    assert.equal(streamed.stdout, `${TEXT}\n`);
    const sent = s.requests[0]!.body;
    assert.equal(sent.stream, true);
    assert.equal(userMessage(sent), 'Write one sentence about work.');
    assert.deepEqual([sent.temperature, sent.top_k, sent.top_p, sent.max_tokens, sent.seed], [0.2, 5, 0.8, 30, undefined]);

    const first = await jobshift(['generate', 'Write one sentence.', '--seed', '7', '--json'], env);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(JSON.parse(first.stdout), { text: TEXT, provider: `llm:tiny-chat@${s.baseUrl}`, cached: false, promptTokens: 9, completionTokens: 12 });
    assert.equal(s.requests.length, 2);
    const again = await jobshift(['generate', 'Write one sentence.', '--seed', '7', '--json'], env);
    assert.equal(JSON.parse(again.stdout).cached, true);
    assert.equal(JSON.parse(again.stdout).text, TEXT);
    assert.equal(s.requests.length, 2, 'the seeded rerun is answered from the store');
    const plain = await jobshift(['generate', 'Write one sentence.', '--seed', '8'], env);
    assert.equal(plain.stdout, `${TEXT}\n`);
    assert.equal(s.requests.length, 3);
  });

  test('bad input: one line on stderr, exit 2', async () => {
    const s = await startTestServer({ apiKey: 'sk-right' });
    servers.push(s);
    const home = tempDir();
    const port = await closedPort();
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['generate', 'hi'], {}, /no LLM server configured: set JOBSHIFT_LLM_BASE_URL/],
      [['generate', 'hi', '--provider', 'gpt5'], {}, /unknown provider "gpt5"/],
      [['generate', 'hi', '--temperature', 'hot'], { JOBSHIFT_LLM_BASE_URL: s.baseUrl, JOBSHIFT_LLM_MODEL: 'm' }, /field "temperature": must be a number from 0 to 2, got "hot"/],
      [['generate', '  '], { JOBSHIFT_LLM_BASE_URL: s.baseUrl, JOBSHIFT_LLM_MODEL: 'm' }, /the prompt is empty/],
      [['generate', 'hi'], { JOBSHIFT_LLM_BASE_URL: `http://127.0.0.1:${port}/v1`, JOBSHIFT_LLM_MODEL: 'm' }, new RegExp(`cannot reach the LLM server at http://127.0.0.1:${port}/v1`)],
      [['generate', 'hi'], { JOBSHIFT_LLM_BASE_URL: s.baseUrl, JOBSHIFT_LLM_MODEL: 'm', JOBSHIFT_LLM_API_KEY: 'sk-wrong' }, /refused the API key/],
      [['generate', 'hi', '--provider', 'llama'], { JOBSHIFT_LLAMA_MODEL: join(home, 'missing.gguf') }, /model file not found/],
    ];
    const notGguf = join(home, 'notes.gguf');
    writeFileSync(notGguf, 'hello, not a model');
    cases.push([['generate', 'hi', '--provider', 'llama'], { JOBSHIFT_LLAMA_MODEL: notGguf }, /not a GGUF model file/]);
    const results = await Promise.all(cases.map(([args, env]) => jobshift(args, { JOBSHIFT_HOME: home, ...env })));
    results.forEach((r, i) => {
      assert.equal(r.code, 2, `${cases[i]![0].join(' ')}: ${r.stderr}`);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, cases[i]![2]);
      assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/);
    });
  });
});

describe('jobshift generate --provider llama', { skip: existsSync(TINY_GGUF) ? false : `no test model at ${TINY_GGUF}` }, () => {
  test('produces text; the same seed gives the same text from the model (separate stores, no cache)', async () => {
    const run = () => jobshift(['generate', 'Tell me about jobs.', '--provider', 'llama', '--seed', '11', '--temperature', '0.9', '--max-tokens', '16', '--json'], { JOBSHIFT_HOME: tempDir(), JOBSHIFT_LLAMA_MODEL: TINY_GGUF });
    const [a, b] = [await run(), await run()];
    assert.equal(a.code, 0, a.stderr);
    const ja = JSON.parse(a.stdout);
    const jb = JSON.parse(b.stdout);
    assert.ok(ja.text.length > 0);
    assert.equal(ja.provider, 'llama:llama-2-tiny-random.gguf');
    assert.equal(ja.cached, false);
    assert.equal(jb.cached, false);
    assert.equal(jb.text, ja.text);
    const streamed = await jobshift(['generate', 'Tell me about jobs.', '--provider', 'llama', '--seed', '12', '--max-tokens', '8', '--stream'], { JOBSHIFT_HOME: tempDir(), JOBSHIFT_LLAMA_MODEL: TINY_GGUF });
    assert.equal(streamed.code, 0, streamed.stderr);
    assert.ok(streamed.stdout.trim().length > 0);
  });
});
