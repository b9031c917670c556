/**
 * The local scorer: loads the saved model, or trains it on first use (and again whenever the
 * labels or the O*NET release in the store change), then rates tasks in-process.
 */
import type { Store } from '../../data/store.js';
import type { Scorer } from '../scorer.js';
import { loadOccupationContext } from './context.js';
import { loadOnetKnowledge, loadTaskStatements, loadTrainingRows, trainingFingerprint } from './corpus.js';
import type { LocalModel } from './model.js';
import { loadLocalModel, modelDir, saveLocalModel } from './persist.js';
import { trainLocalModel, type TrainOptions } from './train.js';
import { InputError } from '../../util/errors.js';

export interface EnsureOptions extends TrainOptions {
  /** Retrain even when a current model is saved. */
  retrain?: boolean;
  /** Told when training starts (it takes a few seconds). */
  onTrain?: () => void;
  dir?: string;
}

export async function ensureLocalModel(store: Store, options: EnsureOptions = {}): Promise<{ model: LocalModel; trained: boolean; path: string }> {
  const dir = options.dir ?? modelDir();
  // What O*NET knows is needed to score with a saved model and to train a new one: load it once.
  const [fingerprint, knowledge, context] = await Promise.all([trainingFingerprint(store), loadOnetKnowledge(store), loadOccupationContext(store)]);
  if (!options.retrain && !options.features && !options.training) {
    const saved = loadLocalModel(knowledge, context, dir);
    if (saved && saved.meta.dataFingerprint === fingerprint) return { model: saved, trained: false, path: dir };
  }
  options.onTrain?.();
  const [rows, statements] = await Promise.all([loadTrainingRows(store), loadTaskStatements(store)]);
  if (rows.length === 0) {
    throw new InputError('the store has no human exposure labels to train the local model: import full_labelset.tsv (GPTs-are-GPTs) with `jobshift data import`');
  }
  const model = trainLocalModel({ rows, knowledge, context, fingerprint, statements }, options);
  const path = saveLocalModel(model, dir);
  return { model, trained: true, path };
}

export function localScorer(model: LocalModel): Scorer {
  return {
    name: 'local',
    describe: () => model.describe(),
    async rate(tasks, options) {
      const out = model.rate(tasks);
      options?.progress?.(tasks.length, tasks.length);
      return out;
    },
  };
}
