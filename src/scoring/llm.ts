/**
 * The llm and llama scorers: one task per request to a TextProvider, and one question per
 * request — the exposure question with the chosen rubric (rubric.ts; default eloundou2023, the
 * published text), then the automation question (T0–T4, jobshift's own wording) — each answer
 * validated (one repair retry, then a RatingFailure with the reason — never a silent label),
 * bounded concurrency, and a persistent cache in the store's score_cache table keyed by
 * provider, model, question, rubric id and version, title and text.
 *
 * Each answer is queued for the cache as soon as it arrives and written within one commit
 * (~10 ms; group commit), so a killed run loses at most the answers of its last commit and a
 * rerun sends no request for finished items. Failures are not cached: a rerun retries them. A
 * task whose exposure answer fails is not asked the automation question.
 *
 * Probabilities: a model answers one label, so p is the one-hot vector of that label (after the
 * rubric's mapping: an eloundou2023 answer E3 is E2, and the answer is kept as rawExposure).
 */
import { createHash } from 'node:crypto';
import type { Store } from '../data/store.js';
import { LlmRequestError } from '../llm/openai.js';
import type { GenerateRequest, TextProvider } from '../llm/provider.js';
import { InputError } from '../util/errors.js';
import {
  answerJsonSchema,
  AUTOMATION_RUBRIC,
  automationNote,
  type ExposureRubric,
  getRubric,
  parseAnswer,
  repairMessage,
  type Rubric,
  type RubricAnswer,
  rubricNote,
  rubricTag,
} from './rubric.js';
import { oneHot, type RateOptions, type RatingResult, type Scorer, type ScorerUsage, type TaskInput, type TaskRating } from './scorer.js';
import type { AutomationLabel } from './taskScores.js';

/** Longest task text sent to a model (issue 3: longer text is a per-row error). */
export const MAX_TASK_CHARS = 2000;

export interface ModelScorerOptions {
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /** Token budget of one answer (default 300 for servers; llama 200). */
  maxTokens?: number;
  /** Prices in USD per 1M tokens (default JOBSHIFT_LLM_PRICE_IN / JOBSHIFT_LLM_PRICE_OUT). */
  pricePerMillion?: { input: number; output: number };
  /** The exposure rubric (default eloundou2023). */
  rubric?: ExposureRubric;
  /** Ask the automation question too (default true); without it, automation is null. */
  automation?: boolean;
}

export const ONE_HOT_NOTE = 'p is one-hot: the model answers one label, not probabilities';

/** sha256 of provider id, model, question, rubric id and version, title and text. */
export function scoreCacheKey(providerId: string, model: string, rubric: Rubric, task: { text: string; title?: string }): string {
  return createHash('sha256')
    .update(JSON.stringify([providerId, model, rubric.question, `${rubric.id}@${rubric.version}`, task.title?.trim() ?? '', task.text.trim()]))
    .digest('hex');
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
  const rubric = options.rubric ?? getRubric();
  const automation = options.automation === false ? undefined : AUTOMATION_RUBRIC;
  const questions: Rubric[] = automation ? [rubric, automation] : [rubric];
  // A local model's grammar needs a bounded rationale to close the object within its budget:
  // the rest of the object takes up to ~55 tokens when the model picks one character a token.
  const schemaOptions = provider.kind === 'llama' ? { rationaleMaxLength: Math.max(8, maxTokens - 60) } : {};
  const schemas = new Map(questions.map((q) => [q, answerJsonSchema(q, schemaOptions)]));
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

  /** Ask one question, validate, repair once; the answer, or the reason it failed. */
  async function ask(question: Rubric, task: TaskInput, signal?: AbortSignal): Promise<RubricAnswer | { error: string }> {
    const base: GenerateRequest = { system: question.system, prompt: question.user(task), temperature: 0, seed: 1, maxTokens, jsonSchema: schemas.get(question), signal };
    try {
      const first = await request(base);
      const parsed = parseAnswer(question, first);
      if ('answer' in parsed) return parsed.answer;
      const again = parseAnswer(question, await request({ ...base, prompt: repairMessage(question, task, first, parsed.problem) }));
      if ('answer' in again) return again.answer;
      return { error: `the model's ${question.question} answer was invalid twice (${again.problem}; first: ${parsed.problem})` };
    } catch (err) {
      if (err instanceof LlmRequestError) return { error: err.message };
      throw err;
    }
  }

  /** The rating from a task's answers: the rubric's mapping, one-hot p, the answered label kept. */
  function ratingOf(exposure: RubricAnswer, auto: RubricAnswer | undefined): TaskRating {
    const mapped = rubric.toExposure[exposure.label]!;
    const raw = exposure.label !== mapped ? exposure.label : undefined;
    // p is one-hot (ONE_HOT_NOTE): said once in describe(), not repeated on every row.
    return {
      exposure: mapped,
      p: oneHot(mapped),
      automation: (auto?.label as AutomationLabel | undefined) ?? null,
      rationale: exposure.rationale,
      ...(auto ? { automationRationale: auto.rationale } : {}),
      ...(raw ? { rawExposure: raw } : {}),
      note: raw ? `rubric ${rubric.id}: answered ${raw}, counted as ${mapped} as the authors do` : `rubric ${rubric.id}`,
    };
  }

  async function rate(tasks: TaskInput[], rateOptions: RateOptions = {}): Promise<RatingResult[]> {
    const results: (RatingResult | undefined)[] = new Array(tasks.length);
    const total = tasks.length;
    let done = 0;
    const progress = () => rateOptions.progress?.(done, total);

    // Which inputs each distinct task serves (duplicates are asked once), keyed by its exposure key.
    const pending = new Map<string, number[]>();
    tasks.forEach((t, i) => {
      const problem = taskTextProblem(t.text);
      if (problem) {
        results[i] = { error: problem };
        usage.failed++;
        done++;
        return;
      }
      const key = scoreCacheKey(provider.id, provider.model, rubric, t);
      const list = pending.get(key);
      if (list) list.push(i);
      else pending.set(key, [i]);
    });

    // The cache: everything this provider and model answered to these questions and versions.
    const tags = questions.map(rubricTag);
    const cachedRows = await exclusive(() =>
      store.all<{ key: string; result: string }>(
        `SELECT key, result FROM score_cache WHERE provider = ? AND model = ? AND rubric_version IN (${tags.map(() => '?').join(', ')})`,
        [provider.id, provider.model, ...tags],
      ),
    );
    const cached = new Map(cachedRows.map((r) => [r.key, JSON.parse(r.result) as RubricAnswer]));
    const work: { list: number[]; keys: string[]; answers: (RubricAnswer | undefined)[] }[] = [];
    for (const list of pending.values()) {
      const task = tasks[list[0]!]!;
      const keys = questions.map((q) => scoreCacheKey(provider.id, provider.model, q, task));
      const answers = keys.map((k) => cached.get(k));
      if (answers.every((a) => a !== undefined)) {
        const rating = ratingOf(answers[0]!, answers[1]);
        for (const i of list) results[i] = rating;
        usage.cached += list.length;
        done += list.length;
      } else work.push({ list, keys, answers });
    }
    progress();

    let fatal: unknown;
    const worker = async () => {
      while (work.length > 0 && fatal === undefined && !rateOptions.signal?.aborted) {
        const { list, keys, answers } = work.shift()!;
        const task = tasks[list[0]!]!;
        let result: RatingResult | undefined;
        try {
          // In order: exposure first; a task whose exposure answer failed is not asked more.
          for (const [q, question] of questions.entries()) {
            if (answers[q]) continue;
            const answer = await ask(question, task, rateOptions.signal);
            if ('error' in answer) {
              result = answer;
              break;
            }
            answers[q] = answer;
            cacheAnswer([keys[q], provider.id, provider.model, rubricTag(question), task.text, JSON.stringify(answer), new Date().toISOString()]);
          }
        } catch (err) {
          fatal ??= err;
          return;
        }
        result ??= ratingOf(answers[0]!, answers[1]);
        if ('error' in result) usage.failed += list.length;
        for (const i of list) results[i] = result;
        done += list.length;
        progress();
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, work.length) }, worker));
    // Finished answers reach the store even when the run stops early.
    await drain();
    if (fatal !== undefined) throw fatal;
    if (rateOptions.signal?.aborted) throw rateOptions.signal.reason ?? new Error('aborted');
    return results as RatingResult[];
  }

  return {
    name: provider.kind,
    describe: () =>
      `${provider.id}; ${rubricNote(rubric)}; ${automation ? automationNote(automation) : 'automation not asked'}; one question per request; ${ONE_HOT_NOTE}`,
    rate,
    usage: () => ({
      ...usage,
      ...(prices ? { costUsd: (usage.promptTokens * prices.input + usage.completionTokens * prices.output) / 1e6 } : {}),
    }),
    close: () => provider.close(),
  };
}
