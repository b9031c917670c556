/**
 * The generation cache: a request WITH a seed asks for a reproducible answer, so its answer is
 * kept (in the store's generation_cache table, migration v3) and the same request returns the
 * same text without calling the model again. Requests without a seed are never cached: the
 * caller asked for a fresh sample.
 */
import { createHash } from 'node:crypto';
import type { Store } from '../data/store.js';
import type { GenerateRequest, GenerateResult, TextProvider } from './provider.js';

export interface GenerationCache {
  get(key: string): Promise<GenerateResult | undefined>;
  put(key: string, providerId: string, request: string, result: GenerateResult): Promise<void>;
}

/** JSON with object keys sorted at every level, so equal requests give equal strings. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** What identifies a request (everything but its abort signal), canonical. */
export function requestJson(req: GenerateRequest): string {
  const { signal: _signal, ...rest } = req;
  return canonicalJson(rest);
}

/** sha256 of the provider id and the canonical request. */
export function generationKey(providerId: string, req: GenerateRequest): string {
  return createHash('sha256').update(providerId).update('\n').update(requestJson(req)).digest('hex');
}

export function storeGenerationCache(store: Store): GenerationCache {
  return {
    async get(key) {
      const row = await store.one<{ text: string; prompt_tokens: number; completion_tokens: number }>(
        `SELECT text, prompt_tokens, completion_tokens FROM generation_cache WHERE key = ?`,
        [key],
      );
      return row ? { text: row.text, promptTokens: row.prompt_tokens, completionTokens: row.completion_tokens, cached: true } : undefined;
    },
    async put(key, providerId, request, result) {
      await store.run(`INSERT OR REPLACE INTO generation_cache VALUES (?, ?, ?, ?, ?, ?, ?)`, [
        key,
        providerId,
        request,
        result.text,
        result.promptTokens,
        result.completionTokens,
        new Date().toISOString(),
      ]);
    },
  };
}

/** An in-process cache, for a server that does not own a store connection to write to. */
export function memoryGenerationCache(limit = 1000): GenerationCache {
  const entries = new Map<string, GenerateResult>();
  return {
    async get(key) {
      const hit = entries.get(key);
      return hit ? { ...hit, cached: true } : undefined;
    },
    async put(key, _providerId, _request, result) {
      if (entries.size >= limit) entries.delete(entries.keys().next().value!);
      entries.set(key, { ...result, cached: false });
    },
  };
}

/**
 * Generate through the cache: with a seed, a hit returns the stored text (sent to `onText` in
 * one piece when streaming) and a miss is stored; without a seed the provider is always asked.
 */
export async function generateCached(provider: TextProvider, req: GenerateRequest, cache: GenerationCache | undefined, onText?: (chunk: string) => void): Promise<GenerateResult> {
  const cacheable = cache !== undefined && req.seed !== undefined;
  const key = cacheable ? generationKey(provider.id, req) : '';
  if (cacheable) {
    const hit = await cache.get(key);
    if (hit) {
      onText?.(hit.text);
      return hit;
    }
  }
  const result = onText ? await provider.stream(req, onText) : await provider.generate(req);
  if (cacheable) await cache.put(key, provider.id, requestJson(req), result);
  return result;
}
