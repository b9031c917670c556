/**
 * POST /api/generate: text generation through the llm or llama provider, answered as
 * server-sent events — `data: {"text": "..."}` per chunk, then `event: done` with the usage.
 *
 * Providers come from the app's shared cache (../providers.ts: created lazily from the
 * environment, JOBSHIFT_LLM_* and JOBSHIFT_LLAMA_MODEL, once per kind per app); without one
 * configured the route answers 503.
 * Seeded requests are cached in the store (as `jobshift generate` does), or in memory for the
 * life of the server when the app has no store.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { generateCached, memoryGenerationCache, storeGenerationCache } from '../../llm/cache.js';
import { LlmRequestError } from '../../llm/openai.js';
import type { GenerateRequest, GenerateResult, TextProvider } from '../../llm/provider.js';
import { isInputError } from '../../util/errors.js';
import type { AppContext, Api } from '../context.js';
import { ErrorSchema } from '../schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

export const GenerateRequestSchema = z
  .object({
    prompt: z.string().trim().min(1, 'is empty').max(20_000, 'is longer than 20,000 characters').openapi({ example: 'In two sentences: how do LLMs change the work of paralegals?' }),
    system: z.string().max(20_000).optional(),
    provider: z.enum(['llm', 'llama']).default('llm').openapi({ description: 'llm: the OpenAI-compatible server in JOBSHIFT_LLM_BASE_URL; llama: the GGUF model in JOBSHIFT_LLAMA_MODEL' }),
    temperature: z.number().min(0).max(2).optional(),
    topK: z.number().int().min(1).optional(),
    topP: z.number().gt(0).max(1).optional(),
    maxTokens: z.number().int().min(1).max(8192).optional(),
    seed: z.number().int().optional().openapi({ description: 'With a seed, the same request answers the same text (cached)' }),
  })
  .openapi('GenerateRequest');

export const GenerateDoneSchema = z
  .object({
    text: z.string(),
    provider: z.string(),
    cached: z.boolean(),
    promptTokens: z.number().int(),
    completionTokens: z.number().int(),
  })
  .openapi('GenerateDone');

export const generateRoute = createRoute({
  method: 'post',
  path: '/api/generate',
  tags: ['generation'],
  summary: 'Generate text (server-sent events: data {"text"} per chunk, then event "done" with the usage)',
  security: [{ bearer: [] }],
  request: { body: { content: { 'application/json': { schema: GenerateRequestSchema } }, required: true } },
  responses: {
    200: {
      content: { 'text/event-stream': { schema: z.string().openapi({ example: 'data: {"text":"LLMs"}\n\nevent: done\ndata: {"text":"LLMs ...","provider":"llm:gpt-4o-mini@https://api.openai.com/v1","cached":false,"promptTokens":12,"completionTokens":40}\n\n' }) } },
      description: `Server-sent events; the final "done" event carries ${Object.keys(GenerateDoneSchema.shape).join(', ')}; "error" reports a failure after output began`,
    },
    400: json(ErrorSchema, 'Invalid request: the message names the field'),
    401: json(ErrorSchema, 'Missing or wrong API token'),
    429: json(ErrorSchema, 'Too many requests (see Retry-After)'),
    502: json(ErrorSchema, 'The model server failed or refused the request'),
    503: json(ErrorSchema, 'No provider of that kind is configured on this server'),
  },
});

export function registerGenerateRoutes(app: Api, ctx: AppContext): void {
  const providerFor = ctx.textProvider;
  // In the store when the app has one (statements are serialised), else in memory.
  const cache = ctx.store ? storeGenerationCache(ctx.store) : memoryGenerationCache();

  app.openapi(generateRoute, async (c) => {
    const body = c.req.valid('json');
    let provider: TextProvider;
    try {
      provider = await providerFor(body.provider);
    } catch (err) {
      if (isInputError(err)) return c.json({ error: `text generation is not available: ${err.message}`, field: 'provider' }, 503);
      throw err;
    }
    const abort = new AbortController();
    const req: GenerateRequest = {
      system: body.system,
      prompt: body.prompt,
      temperature: body.temperature,
      topK: body.topK,
      topP: body.topP,
      maxTokens: body.maxTokens,
      seed: body.seed,
      signal: abort.signal,
    };

    // Chunks wait here until the stream is open; a failure before the first chunk is a JSON error.
    const pending: string[] = [];
    let wake: (() => void) | undefined;
    let first!: () => void;
    const firstChunk = new Promise<void>((r) => (first = r));
    const run = generateCached(provider, req, cache, (chunk) => {
      pending.push(chunk);
      first();
      wake?.();
    });
    let outcome: { result: GenerateResult } | { error: unknown } | undefined;
    const finished = run.then(
      (result) => (outcome = { result }),
      (error) => (outcome = { error }),
    );
    void finished.then(() => wake?.());
    await Promise.race([firstChunk, finished]);
    if (outcome && 'error' in outcome && pending.length === 0) {
      const err = outcome.error;
      if (isInputError(err) || err instanceof LlmRequestError) return c.json({ error: err.message }, 502);
      throw err;
    }

    return streamSSE(c, async (stream) => {
      stream.onAbort(() => abort.abort(new Error('the client went away')));
      for (;;) {
        while (pending.length) await stream.writeSSE({ data: JSON.stringify({ text: pending.shift() }) });
        if (outcome) break;
        await new Promise<void>((r) => (wake = r));
        wake = undefined;
      }
      while (pending.length) await stream.writeSSE({ data: JSON.stringify({ text: pending.shift() }) });
      if ('error' in outcome) {
        const err = outcome.error;
        const known = isInputError(err) || err instanceof LlmRequestError;
        if (!known) ctx.log(`generate failed mid-stream: ${(err as Error)?.stack ?? String(err)}`);
        await stream.writeSSE({ event: 'error', data: JSON.stringify({ error: known ? (err as Error).message : 'internal error' }) });
        return;
      }
      const r = outcome.result;
      await stream.writeSSE({ event: 'done', data: JSON.stringify({ text: r.text, provider: provider.id, cached: r.cached, promptTokens: r.promptTokens, completionTokens: r.completionTokens }) });
    });
  });
}
