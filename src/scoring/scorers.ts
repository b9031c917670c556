/**
 * One place that turns a scorer name into a Scorer, for the CLI, the API and analysis.
 */
import type { Store } from '../data/store.js';
import { ensureLocalModel, localScorer } from './local/index.js';
import type { LocalModel } from './local/model.js';
import { InputError } from '../util/errors.js';
import { loadPublishedLabels, publishedScorer } from './published.js';
import { getRubric } from './rubric.js';
import { isFailure, type Scorer } from './scorer.js';
import type { GapFiller, ScorerName } from './taskScores.js';

export interface ScorerOptions {
  /** Bounded concurrency for model-backed scorers (llm, llama). */
  concurrency?: number;
  /** Told when the local model has to be trained first. */
  onTrain?: () => void;
  /** The local model when the caller has it loaded already (it is not loaded again). */
  local?: LocalModel;
  /** The exposure rubric id for llm and llama (default eloundou2023); an error for the other scorers. */
  rubric?: string;
  /** Ask llm/llama the automation question too (default true). */
  automation?: boolean;
}

export async function loadLocal(store: Store, options: ScorerOptions = {}): Promise<LocalModel> {
  return options.local ?? (await ensureLocalModel(store, { onTrain: options.onTrain })).model;
}

export async function createScorer(store: Store, name: ScorerName, options: ScorerOptions = {}): Promise<Scorer> {
  const rubric = options.rubric === undefined ? undefined : getRubric(options.rubric);
  if (rubric && name !== 'llm' && name !== 'llama') {
    throw new InputError(`a rubric applies to the llm and llama scorers only (the ${name} scorer asks no model)`, { field: 'rubric' });
  }
  if (name === 'local') return localScorer(await loadLocal(store, options));
  if (name === 'human' || name === 'gpt4') {
    const [lookup, local] = await Promise.all([loadPublishedLabels(store, name), loadLocal(store, options)]);
    return publishedScorer(name, lookup, local);
  }
  const [{ createProvider }, { createModelScorer }] = await Promise.all([import('../llm/provider.js'), import('./llm.js')]);
  const provider = await createProvider(name === 'llm' ? 'llm' : 'llama');
  return createModelScorer(store, provider, { concurrency: options.concurrency, rubric, automation: options.automation });
}

/** The local model as the gap filler of analysis (occupations the published labels do not cover). */
export function localGapFiller(model: LocalModel): GapFiller {
  return async (tasks) =>
    tasks.map((t) => {
      const r = model.rateOne({ text: t.text, title: t.title, taskId: t.taskId, onetCode: t.onetCode });
      return isFailure(r) ? null : r;
    });
}
