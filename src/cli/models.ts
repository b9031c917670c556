/**
 * How CLI commands get the models: the local model (trained on first use) as the gap filler
 * of analysis, and every scorer behind the API's ScoreTasks.
 */
import type { Store } from '../data/store.js';
import type { ScoreTasks, ScorerInfo } from '../server/context.js';
import type { LocalModel } from '../scoring/local/model.js';
import type { Scorer } from '../scoring/scorer.js';
import { joinNotes } from '../scoring/display.js';
import { isFailure, isUnreadable } from '../scoring/scorer.js';
import { createScorer, loadLocal, localGapFiller } from '../scoring/scorers.js';
import { parseScorer, type GapFiller } from '../scoring/taskScores.js';
import { isInputError } from '../util/errors.js';
import { memoAsync } from '../util/memo.js';
import { occupationsOfTitles, titleMatchNote } from '../career/titleOccupations.js';
import { storeTitleIndex } from '../career/storeCorpus.js';
import type { TitleIndex } from '../career/match.js';

export const trainingNotice = () => process.stderr.write('jobshift: training the local model on the human labels (first use, about 10 s)…\n');

/**
 * Tasks with a free job title and no occupation get the occupation the title matcher is
 * confident of (src/career/titleOccupations.ts), so the local model knows its context; `notes`
 * says, per task, where the occupation came from. Only the local model uses the occupation
 * (`model`; none for llm and llama); titles it knows already (O*NET titles) are left to it, and
 * the title index is only built when some title needs it.
 */
export async function withTitleOccupations<T extends { title?: string; onetCode?: string; taskId?: number }>(
  titleIndex: () => Promise<TitleIndex>,
  tasks: T[],
  model: LocalModel | undefined,
): Promise<{ tasks: T[]; notes: (string | undefined)[] }> {
  if (!model) return { tasks, notes: tasks.map(() => undefined) };
  const known = new Map<string, boolean>();
  const isKnown = (title: string) => {
    let k = known.get(title);
    if (k === undefined) known.set(title, (k = model.resolve({ text: '', title }).onetCode !== undefined));
    return k;
  };
  const needs = (t: T) => !t.onetCode && t.taskId === undefined && !!t.title?.trim() && !isKnown(t.title.trim());
  if (!tasks.some(needs)) return { tasks, notes: tasks.map(() => undefined) };
  const found = occupationsOfTitles(await titleIndex(), tasks.filter(needs).map((t) => t.title!));
  // One note string per title, shared by its rows.
  const notes = new Map([...found].map(([title, m]) => [title, titleMatchNote(m)]));
  const rowNotes: (string | undefined)[] = [];
  const out = tasks.map((t) => {
    const title = needs(t) ? t.title!.trim() : undefined;
    const m = title === undefined ? undefined : found.get(title);
    rowNotes.push(m ? notes.get(title!) : undefined);
    return m ? { ...t, onetCode: m.code } : t;
  });
  return { tasks: out, notes: rowNotes };
}

/** Appends a note to a rating's own (`; ` between): one definition, in scoring/display.ts. */
export { joinNotes };

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
  // One scorer per name and rubric ("llm eloundou2023"; the other scorers take no rubric).
  const scorerFor = memoAsync(async (key: string): Promise<{ scorer: Scorer; local?: LocalModel }> => {
    const [name, rubric] = key.split(' ') as [string, string | undefined];
    const parsed = parseScorer(name);
    // The published-label scorers fill gaps with the local model: share the loaded one.
    const local = parsed === 'llm' || parsed === 'llama' ? undefined : await localModel(store);
    return { scorer: await createScorer(store, parsed, { local, rubric }), local };
  });
  return async (tasks, name, progress, options) => {
    const { scorer, local } = await scorerFor(options?.rubric ? `${name} ${options.rubric}` : name);
    const resolved = await withTitleOccupations(() => storeTitleIndex(store), tasks, local);
    const ratings = await scorer.rate(resolved.tasks.map((t) => ({ text: t.text, title: t.title, onetCode: t.onetCode })), { progress: (d) => progress(d) });
    return ratings.map((r, i) => {
      // Not a task statement: the scorer's answer, no label (display.ts).
      if (isUnreadable(r)) return { exposure: null, automation: null, scorer: name, flag: r.error };
      if (isFailure(r)) return { error: r.error };
      const flag = joinNotes(r.note, resolved.notes[i]);
      return { exposure: r.exposure, p: r.p, automation: r.automation, scorer: name, ...(flag ? { flag } : {}), ...(r.rawExposure ? { rawExposure: r.rawExposure } : {}) };
    });
  };
}
