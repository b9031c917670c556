/**
 * The llm and llama scorers: one task per request to a TextProvider, the rubric prompt of
 * rubric.ts, the answer validated (one repair retry, then a RatingFailure with the reason —
 * never a silent label), bounded concurrency, and a persistent cache in the store's
 * score_cache table keyed by provider, model, rubric version, title and text.
 *
 * Each answer is queued for the cache as soon as it arrives and written within one commit
 * (~10 ms; group commit), so a killed run loses at most the answers of its last commit and a
 * rerun sends no request for finished items. Failures are not cached: a rerun retries them.
 *
 * Probabilities: a model answers one label, so p is the one-hot vector of that label.
 */
import { createHash } from 'node:crypto';
import type { Store } from '../data/store.js';
import { LlmRequestError } from '../llm/openai.js';
import type { GenerateRequest, TextProvider } from '../llm/provider.js';
import { InputError } from '../util/errors.js';
import { parseRubricAnswer, RUBRIC_SYSTEM_PROMPT, RUBRIC_VERSION, rubricJsonSchema, rubricRepairMessage, rubricUserMessage } from './rubric.js';
import { oneHot, type RateOptions, type RatingResult, type Scorer, type ScorerUsage, type TaskInput, type TaskRating } from './scorer.js';

/** Longest task text sent to a model (issue 3: longer text is a per-row error). */
export const MAX_TASK_CHARS = 2000;

export interface ModelScorerOptions {
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /** Token budget of one answer (default 300 for servers; llama 200). */
  maxTokens?: number;
  /** Prices in USD per 1M tokens (default JOBSHIFT_LLM_PRICE_IN / JOBSHIFT_LLM_PRICE_OUT). */
  pricePerMillion?: { input: number; output: number };
}

export const ONE_HOT_NOTE = 'p is one-hot: the model answers one label, not probabilities';

/** sha256 of provider id, model, rubric version, title and text. */
export function scoreCacheKey(providerId: string, model: string, task: { text: string; title?: string }): string {
  return createHash('sha256').update(JSON.stringify([providerId, model, RUBRIC_VERSION, task.title?.trim() ?? '', task.text.trim()])).digest('hex');
}

/** Why a task cannot be sent at all, or undefined when it can. */
export function taskTextProblem(text: string): string | undefined {
  if (text.trim() === '') return 'empty task text';
  if (text.length > MAX_TASK_CHARS) return `task text is ${text.length.toLocaleString('en-US')} characters, over the limit of ${MAX_TASK_CHARS.toLocaleString('en-US')}`;
  return undefined;
}

function pricesFromEnv(env: NodeJS.ProcessEnv): { input: number; output: number } | undefined {
  const input = env.JOBSHIFT_LLM_PRICE_IN;
  const output = env.JOBSHIFT_LLM_PRICE_OUT;
  if (input === undefined && output === undefined) return undefined;
  const i = Number(input ?? 0);
  const o = Number(output ?? 0);
  if (!Number.isFinite(i) || i < 0) throw new InputError(`must be a price in USD per 1M tokens, got "${input}"`, { field: 'JOBSHIFT_LLM_PRICE_IN' });
  if (!Number.isFinite(o) || o < 0) throw new InputError(`must be a price in USD per 1M tokens, got "${output}"`, { field: 'JOBSHIFT_LLM_PRICE_OUT' });
  return { input: i, output: o };
}

export function createModelScorer(store: Store, provider: TextProvider, options: ModelScorerOptions = {}): Scorer {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 8));
  const maxTokens = options.maxTokens ?? (provider.kind === 'llama' ? 200 : 300);
  const prices = options.pricePerMillion ?? pricesFromEnv(process.env);
  // A local model's grammar needs a bounded rationale to close the object within its budget:
  // the rest of the object takes up to ~55 tokens when the model picks one character a token.
  const jsonSchema = rubricJsonSchema(provider.kind === 'llama' ? { rationaleMaxLength: Math.max(8, maxTokens - 60) } : {});
  const usage: ScorerUsage = { requests: 0, cached: 0, failed: 0, promptTokens: 0, completionTokens: 0 };

  // One DuckDB connection: cache reads and writes one at a time.
  let storeQueue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = storeQueue.then(fn, fn);
    storeQueue = run.catch(() => undefined);
    return run;
  };

  /**
   * Cache writes with group commit: an answer is queued the moment it arrives and written with
   * whatever else arrived meanwhile, in one statement. A DuckDB commit costs about 10 ms here
   * whether it holds 1 row or 32, so writing one row per commit capped a run at ~100 answers/s.
   */
  const unwritten: unknown[][] = [];
  let writing: Promise<void> | undefined;
  let writeError: unknown;
  const flush = async () => {
    while (unwritten.length > 0) {
      const batch = unwritten.splice(0, 500);
      try {
        await exclusive(() => store.run(`INSERT OR REPLACE INTO score_cache VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`, batch.flat() as never));
      } catch (err) {
        writeError ??= err;
      }
    }
    writing = undefined;
  };
  const cacheAnswer = (row: unknown[]) => {
    unwritten.push(row);
    writing ??= flush();
  };
  const drain = async () => {
    while (writing) await writing;
    if (writeError !== undefined) {
      const err = writeError;
      writeError = undefined;
      throw err;
    }
  };

  const request = async (req: GenerateRequest) => {
    usage.requests++;
    const r = await provider.generate(req);
    usage.promptTokens += r.promptTokens;
    usage.completionTokens += r.completionTokens;
    return r.text;
  };

  /** Ask, validate, repair once; a rating, or a failure with the reason. */
  async function rateOne(task: TaskInput, signal?: AbortSignal): Promise<RatingResult> {
    const base: GenerateRequest = { system: RUBRIC_SYSTEM_PROMPT, prompt: rubricUserMessage(task), temperature: 0, seed: 1, maxTokens, jsonSchema, signal };
    try {
      const first = await request(base);
      let parsed = parseRubricAnswer(first);
      if ('problem' in parsed) {
        const repaired = await request({ ...base, prompt: rubricRepairMessage(task, first, parsed.problem) });
        const again = parseRubricAnswer(repaired);
        if ('problem' in again) return { error: `the model's answer was invalid twice (${again.problem}; first: ${parsed.problem})` };
        parsed = again;
      }
      const { exposure, automation, rationale } = parsed.answer;
      // p is one-hot (ONE_HOT_NOTE): said once in describe(), not repeated on every row.
      return { exposure, p: oneHot(exposure), automation, rationale } satisfies TaskRating;
    } catch (err) {
      if (err instanceof LlmRequestError) return { error: err.message };
      throw err;
    }
  }

  async function rate(tasks: TaskInput[], rateOptions: RateOptions = {}): Promise<RatingResult[]> {
    const results: (RatingResult | undefined)[] = new Array(tasks.length);
    const total = tasks.length;
    let done = 0;
    const progress = () => rateOptions.progress?.(done, total);

    // Which inputs each distinct request serves (duplicates are asked once).
    const pending = new Map<string, number[]>();
    const keys: string[] = new Array(tasks.length);
    tasks.forEach((t, i) => {
      const problem = taskTextProblem(t.text);
      if (problem) {
        results[i] = { error: problem };
        usage.failed++;
        done++;
        return;
      }
      const key = scoreCacheKey(provider.id, provider.model, t);
      keys[i] = key;
      const list = pending.get(key);
      if (list) list.push(i);
      else pending.set(key, [i]);
    });

    // The cache: everything this provider, model and rubric version has answered.
    const cachedRows = await exclusive(() =>
      store.all<{ key: string; result: string }>(`SELECT key, result FROM score_cache WHERE provider = ? AND model = ? AND rubric_version = ?`, [provider.id, provider.model, RUBRIC_VERSION]),
    );
    for (const row of cachedRows) {
      const list = pending.get(row.key);
      if (!list) continue;
      const rating = JSON.parse(row.result) as TaskRating;
      for (const i of list) results[i] = rating;
      usage.cached += list.length;
      done += list.length;
      pending.delete(row.key);
    }
    progress();

    const queue = [...pending.entries()];
    let fatal: unknown;
    const worker = async () => {
      while (queue.length > 0 && fatal === undefined && !rateOptions.signal?.aborted) {
        const [key, list] = queue.shift()!;
        const task = tasks[list[0]!]!;
        let result: RatingResult;
        try {
          result = await rateOne(task, rateOptions.signal);
        } catch (err) {
          fatal ??= err;
          return;
        }
        if ('error' in result) {
          usage.failed += list.length;
        } else {
          cacheAnswer([key, provider.id, provider.model, RUBRIC_VERSION, task.text, JSON.stringify(result), new Date().toISOString()]);
        }
        for (const i of list) results[i] = result;
        done += list.length;
        progress();
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
    // Finished answers reach the store even when the run stops early.
    await drain();
    if (fatal !== undefined) throw fatal;
    if (rateOptions.signal?.aborted) throw rateOptions.signal.reason ?? new Error('aborted');
    return results as RatingResult[];
  }

  return {
    name: provider.kind,
    describe: () => `${provider.id}, rubric ${RUBRIC_VERSION} (Eloundou et al. 2024, "GPTs are GPTs"); one task per request; ${ONE_HOT_NOTE}`,
    rate,
    usage: () => ({
      ...usage,
      ...(prices ? { costUsd: (usage.promptTokens * prices.input + usage.completionTokens * prices.output) / 1e6 } : {}),
    }),
    close: () => provider.close(),
  };
}
