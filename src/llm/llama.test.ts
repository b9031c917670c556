/**
 * The llama provider with the tiny random-weight GGUF model (../shared/models from the repo
 * root). Random weights: these tests prove loading, constrained decoding and seeded
 * reproducibility — not the content of any answer.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Store } from '../data/store.js';
import { createModelScorer } from '../scoring/llm.js';
import { isFailure } from '../scoring/scorer.js';
import { createProvider, type TextProvider } from './provider.js';

export const TINY_GGUF = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'models', 'llama-2-tiny-random.gguf');
const skip = existsSync(TINY_GGUF) ? false : `no test model at ${TINY_GGUF}`;

describe('llama provider (tiny random GGUF)', { skip }, () => {
  let provider: TextProvider;
  const dir = mkdtempSync(join(tmpdir(), 'jobshift-llama-'));
  before(async () => {
    provider = await createProvider('llama', { modelPath: TINY_GGUF });
  });
  after(async () => {
    await provider?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('loads the model; same seed, same text; streaming gives the same text in chunks', async () => {
    assert.equal(provider.kind, 'llama');
    assert.equal(provider.id, 'llama:llama-2-tiny-random.gguf');
    const req = { system: 'Be brief.', prompt: 'Name a colour.', seed: 42, temperature: 0.8, topK: 40, topP: 0.9, maxTokens: 12 };
    const a = await provider.generate(req);
    const b = await provider.generate(req);
    assert.ok(a.text.length > 0);
    assert.equal(b.text, a.text);
    assert.ok(a.promptTokens > 0 && a.completionTokens > 0 && a.completionTokens <= 13);
    const chunks: string[] = [];
    const c = await provider.stream(req, (t) => chunks.push(t));
    assert.equal(c.text, a.text);
    assert.equal(chunks.join(''), a.text);
  });

  test('a JSON schema constrains the output: it parses and keeps to the schema', async () => {
    const schema = {
      type: 'object',
      properties: { exposure: { type: 'string', enum: ['E0', 'E1', 'E2'] }, rationale: { type: 'string', maxLength: 12 } },
      required: ['exposure', 'rationale'],
      additionalProperties: false,
    };
    const r = await provider.generate({ prompt: 'Rate this task.', seed: 1, temperature: 0.8, maxTokens: 60, jsonSchema: { name: 't', schema } });
    const j = JSON.parse(r.text) as { exposure: string; rationale: string };
    assert.deepEqual(Object.keys(j).sort(), ['exposure', 'rationale']);
    assert.ok(['E0', 'E1', 'E2'].includes(j.exposure));
    assert.ok(j.rationale.length <= 12);
  });

  test('the llama scorer: constrained answers to both questions (default rubric, E0–E3) make a valid rating, cached in the store', async () => {
    const store = await Store.open(join(dir, 'store.duckdb'));
    try {
      const scorer = createModelScorer(store, provider, { maxTokens: 72 });
      const [r] = await scorer.rate([{ text: 'Prepare monthly sales reports.', title: 'Sales Managers' }]);
      assert.ok(r && !isFailure(r), JSON.stringify(r));
      // Whatever the random weights pick among E0–E3, the rating is on the E0/E1/E2 scale.
      assert.ok(['E0', 'E1', 'E2'].includes(r.exposure));
      assert.ok(r.rawExposure === undefined || r.rawExposure === 'E3');
      assert.ok(r.automation !== null && ['T0', 'T1', 'T2', 'T3', 'T4'].includes(r.automation));
      assert.equal(r.p.reduce((s, x) => s + x, 0), 1);
      assert.equal(scorer.name, 'llama');
      assert.match(scorer.describe(), /exposure rubric eloundou2023/);
      const cached = await store.all<{ v: string }>(`SELECT rubric_version AS v FROM score_cache WHERE provider = 'llama:llama-2-tiny-random.gguf' ORDER BY v`);
      assert.deepEqual(
        cached.map((c) => c.v.split('@')[0]),
        ['automation:jobshift-automation', 'exposure:eloundou2023'],
      );
    } finally {
      store.close();
    }
  });
});
