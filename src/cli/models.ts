/**
 * How CLI commands get the models: the local model (trained on first use) as the gap filler
 * of analysis, and every scorer behind the API's ScoreTasks.
 */
import type { Store } from '../data/store.js';
import type { ScoreTasks, ScorerInfo } from '../server/context.js';
import type { LocalModel } from '../scoring/local/model.js';
import type { Scorer } from '../scoring/scorer.js';
import { isFailure } from '../scoring/scorer.js';
import { createScorer, loadLocal, localGapFiller } from '../scoring/scorers.js';
import { parseScorer, type GapFiller } from '../scoring/taskScores.js';
import { isInputError } from '../util/errors.js';
import { memoAsync } from '../util/memo.js';

export const trainingNotice = () => process.stderr.write('jobshift: training the local model on the human labels (first use, about 10 s)…\n');

/** One local model per open store, however many parts of a command or server ask for it. */
export const localModel: (store: Store) => Promise<LocalModel> = memoAsync((store: Store) => loadLocal(store, { onTrain: trainingNotice }), {
  cache: new WeakMap<Store, Promise<LocalModel>>(),
});

/** The local model as a gap filler; undefined when the store has no labels to train it on. */
export async function gapFiller(store: Store): Promise<GapFiller | undefined> {
  try {
    return localGapFiller(await localModel(store));
  } catch (err) {
    if (isInputError(err)) return undefined;
    throw err;
  }
}

/** The scorers the API offers here: the fast in-process ones, and model-backed ones when configured. */
export function apiScorers(env: NodeJS.ProcessEnv = process.env): ScorerInfo[] {
  const list: ScorerInfo[] = [
    { id: 'local', label: 'Built-in model (fast, offline)', background: false },
    { id: 'human', label: 'Published human labels (gaps: built-in model)', background: false },
    { id: 'gpt4', label: 'Published GPT-4 labels (gaps: built-in model)', background: false },
  ];
  if (env.JOBSHIFT_LLM_BASE_URL) list.push({ id: 'llm', label: `LLM at ${env.JOBSHIFT_LLM_BASE_URL} (runs as a job)`, background: true });
  if (env.JOBSHIFT_LLAMA_MODEL) list.push({ id: 'llama', label: 'Local GGUF model (runs as a job)', background: true });
  return list;
}

/** ScoreTasks for the API over createScorer, one scorer per name kept for the server's life. */
export function apiScoreTasks(store: Store): ScoreTasks {
  const scorerFor = memoAsync(async (name: string): Promise<Scorer> => {
    const parsed = parseScorer(name);
    // The published-label scorers fill gaps with the local model: share the loaded one.
    const local = parsed === 'llm' || parsed === 'llama' ? undefined : await localModel(store);
    return createScorer(store, parsed, { local });
  });
  return async (tasks, name, progress) => {
    const scorer = await scorerFor(name);
    const ratings = await scorer.rate(tasks.map((t) => ({ text: t.text, title: t.title, onetCode: t.onetCode })), { progress: (d) => progress(d) });
    return ratings.map((r) =>
      isFailure(r) ? { error: r.error } : { exposure: r.exposure, p: r.p, automation: r.automation, scorer: name, ...(r.note ? { flag: r.note } : {}) },
    );
  };
}
