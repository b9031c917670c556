/**
 * Task scores for the O*NET task universe, per scorer, as analysis consumes them.
 *
 * - human, gpt4: the published GPTs-are-GPTs labels (Eloundou et al. 2024). Occupations they
 *   labelled keep exactly the labelled task list (so occupation scores reproduce occ_level.csv);
 *   other O*NET occupations are scored by the gap filler (the local model) and flagged.
 *   Automation levels: the published T-levels are GPT-4's (human T-levels exist for a sample of
 *   63 tasks only), so both scorers use GPT-4's T-levels, and the methods note says so.
 * - local: every O*NET task statement scored by the built-in model.
 * - llm / llama: the task_scores table, filled by `jobshift score --onet --scorer llm`; tasks not
 *   scored are reported as missing, never filled silently.
 *
 * Provenance (`RatedBy`, src/scoring/ratedBy.ts) is carried by every occupation-level rating
 * (src/analysis/exposure.ts) and every task rating (`origin`): an occupation is `published` only
 * when all of its task weight is; `published-occupation` where occ_level.csv scores an occupation
 * whose task labels are missing; `model` where the built-in model rated any of it; `llm`.
 */
import type { Store } from '../data/store.js';
import { InputError } from '../util/errors.js';
import type { TaskRatedBy } from './ratedBy.js';
import { storedRubricNote } from './rubric.js';

export type ExposureLabel = 'E0' | 'E1' | 'E2';
export type AutomationLabel = 'T0' | 'T1' | 'T2' | 'T3' | 'T4';

export interface ScoredTask {
  onetCode: string;
  taskId: number;
  text: string;
  taskType: string | null;
  exposure: ExposureLabel;
  /** Probabilities of E0, E1, E2 when the scorer gives them. */
  p?: [number, number, number];
  automation: AutomationLabel | null;
  /** Where the rating came from: 'published' labels, 'model' (the built-in model), 'llm' (the llm/llama scorer). */
  origin: TaskRatedBy;
}

export { RATED_BY, type RatedBy, TASK_RATED_BY, type TaskRatedBy } from './ratedBy.js';

/** Published occupation-level scores (occ_level.csv), for occupations without task labels. */
export interface PublishedOccupationScore {
  alpha: number;
  beta: number;
  gamma: number;
}

export const SCORER_NAMES = ['human', 'gpt4', 'local', 'llm', 'llama'] as const;
export type ScorerName = (typeof SCORER_NAMES)[number];

export function parseScorer(name: string): ScorerName {
  if ((SCORER_NAMES as readonly string[]).includes(name)) return name as ScorerName;
  throw new InputError(`unknown scorer "${name}" (available: ${SCORER_NAMES.join(', ')})`, { field: 'scorer' });
}

/** A task to be rated by a model. */
export interface TaskToRate {
  onetCode: string;
  taskId: number;
  text: string;
  title: string;
}

export interface Rating {
  exposure: ExposureLabel;
  p?: [number, number, number];
  automation: AutomationLabel | null;
}

/**
 * Rates tasks the published labels do not cover (in practice: the local model). null: the
 * filler cannot read the task's text (not a task statement); the task is left out of the
 * scores. O*NET's own statements are always readable (local/vocabulary.ts).
 */
export type GapFiller = (tasks: TaskToRate[]) => Promise<(Rating | null)[]>;

export interface TaskScoreSet {
  scorer: ScorerName;
  tasks: ScoredTask[];
  coverage: {
    occupations: number;
    /** Occupations rated from published labels. */
    published: number;
    /** Occupations rated by the gap filler. */
    filled: number;
    /** Of the filled occupations, those whose occupation scores are published (occ_level.csv) though their task labels are not. */
    publishedOccupation: number;
    /** Occupations with O*NET tasks but no rating (no filler, or an LLM run that did not cover them). */
    missing: string[];
    tasks: number;
  };
  /**
   * Published occupation scores of filled occupations that occ_level.csv has (empty for the
   * scorers without published labels): occupation exposure uses them instead of the model's.
   */
  publishedOccupations: Map<string, PublishedOccupationScore>;
  method: string;
}

interface OnetTaskRow {
  onet_code: string;
  task_id: number;
  text: string;
  task_type: string | null;
  title: string;
}

async function onetTasks(store: Store): Promise<OnetTaskRow[]> {
  return store.all<OnetTaskRow>(
    `SELECT t.onet_code, t.task_id, t.text, t.task_type, o.title FROM tasks t JOIN occupations o USING (onet_code) ORDER BY t.onet_code, t.task_id`,
  );
}

export async function loadTaskScores(store: Store, scorer: ScorerName, options: { filler?: GapFiller } = {}): Promise<TaskScoreSet> {
  if (scorer === 'human' || scorer === 'gpt4') return publishedScores(store, scorer, options.filler);
  if (scorer === 'local') {
    if (!options.filler) throw new InputError('the local scorer needs its model (train it with `jobshift model train`)');
    const rows = await onetTasks(store);
    const ratings = await options.filler(rows.map(toRate));
    const tasks = rows.flatMap((r, i) => (ratings[i] ? [scored(r, ratings[i], 'model')] : []));
    const occ = new Set(rows.map((r) => r.onet_code));
    return {
      scorer,
      tasks,
      coverage: { occupations: occ.size, published: 0, filled: occ.size, publishedOccupation: 0, missing: [], tasks: tasks.length },
      publishedOccupations: new Map(),
      method: 'Every O*NET task statement rated by the built-in model trained on the GPTs-are-GPTs human labels.',
    };
  }
  return storedScores(store, scorer);
}

const toRate = (r: OnetTaskRow): TaskToRate => ({ onetCode: r.onet_code, taskId: r.task_id, text: r.text, title: r.title });

function scored(r: OnetTaskRow, rating: Rating, origin: ScoredTask['origin']): ScoredTask {
  return {
    onetCode: r.onet_code,
    taskId: r.task_id,
    text: r.text,
    taskType: r.task_type,
    exposure: rating.exposure,
    p: rating.p,
    automation: rating.automation,
    origin,
  };
}

async function publishedScores(store: Store, scorer: 'human' | 'gpt4', filler?: GapFiller): Promise<TaskScoreSet> {
  const labelled = await store.all<{ onet_code: string; task_id: number; text: string; task_type: string | null; exposure: string; automation: string | null }>(
    `SELECT l.onet_code, l.task_id, l.text, l.task_type, l.exposure, g.automation
     FROM task_labels l LEFT JOIN task_labels g ON g.source = 'gpt4' AND g.task_id = l.task_id AND g.onet_code = l.onet_code
     WHERE l.source = ? AND l.exposure IS NOT NULL ORDER BY l.onet_code, l.task_id`,
    [scorer],
  );
  if (labelled.length === 0) throw new InputError(`no ${scorer} labels in the store: import full_labelset.tsv (GPTs-are-GPTs)`);
  const tasks: ScoredTask[] = labelled.map((l) => ({
    onetCode: l.onet_code,
    taskId: l.task_id,
    text: l.text,
    taskType: l.task_type,
    exposure: l.exposure as ExposureLabel,
    automation: (l.automation as AutomationLabel | null) ?? null,
    origin: 'published',
  }));
  const published = new Set(labelled.map((l) => l.onet_code));
  const gaps = (await onetTasks(store)).filter((r) => !published.has(r.onet_code));
  const gapOccupations = [...new Set(gaps.map((g) => g.onet_code))];
  let filled = 0;
  let missing: string[] = gapOccupations;
  const publishedOccupations = new Map<string, PublishedOccupationScore>();
  if (filler && gaps.length) {
    const ratings = await filler(gaps.map(toRate));
    gaps.forEach((g, i) => {
      const rating = ratings[i];
      if (rating) tasks.push(scored(g, rating, 'model'));
    });
    filled = gapOccupations.length;
    missing = [];
    const gapSet = new Set(gapOccupations);
    for (const [code, score] of await occupationLevelScores(store, scorer)) if (gapSet.has(code)) publishedOccupations.set(code, score);
  }
  const who = scorer === 'human' ? 'human' : 'GPT-4';
  return {
    scorer,
    tasks,
    coverage: { occupations: published.size + filled, published: published.size, filled, publishedOccupation: publishedOccupations.size, missing, tasks: tasks.length },
    publishedOccupations,
    method:
      `Published ${who} exposure labels from GPTs-are-GPTs (Eloundou et al. 2024) for the ${published.size} occupations they cover` +
      (filled ? `; the other ${filled} O*NET occupations rated by the built-in model (flagged: a model estimate, not published labels)` : '') +
      (publishedOccupations.size
        ? `; of those, ${publishedOccupations.size} have published ${who} occupation scores (occ_level.csv) without task labels: their alpha, beta and gamma are the published ones, their tasks stay model-rated`
        : '') +
      '. Automation levels are the published GPT-4 T-ratings.',
  };
}

/** The published occupation scores (occ_level.csv, imported as gptsgpts_<scorer>_alpha/beta/gamma measures). */
async function occupationLevelScores(store: Store, scorer: 'human' | 'gpt4'): Promise<Map<string, PublishedOccupationScore>> {
  const [a, b, g] = (['alpha', 'beta', 'gamma'] as const).map((m) => `gptsgpts_${scorer}_${m}`);
  const rows = await store.all<{ code: string; alpha: number | null; beta: number | null; gamma: number | null }>(
    `SELECT code, max(value) FILTER (measure = ?) AS alpha, max(value) FILTER (measure = ?) AS beta, max(value) FILTER (measure = ?) AS gamma
     FROM measures WHERE measure IN (?, ?, ?) GROUP BY code ORDER BY code`,
    [a, b, g, a, b, g],
  );
  const out = new Map<string, PublishedOccupationScore>();
  for (const r of rows) if (r.alpha !== null && r.beta !== null && r.gamma !== null) out.set(r.code, { alpha: r.alpha, beta: r.beta, gamma: r.gamma });
  return out;
}

async function storedScores(store: Store, scorer: ScorerName): Promise<TaskScoreSet> {
  const rows = await store.all<OnetTaskRow & { exposure: string | null; p_e0: number | null; p_e1: number | null; p_e2: number | null; automation: string | null }>(
    `SELECT t.onet_code, t.task_id, t.text, t.task_type, o.title, s.exposure, s.p_e0, s.p_e1, s.p_e2, s.automation
     FROM tasks t JOIN occupations o USING (onet_code)
     LEFT JOIN task_scores s ON s.scorer = ? AND s.task_id = t.task_id AND s.onet_code = t.onet_code
     ORDER BY t.onet_code, t.task_id`,
    [scorer],
  );
  const tasks: ScoredTask[] = [];
  const missingOcc = new Set<string>();
  const scoredOcc = new Set<string>();
  for (const r of rows) {
    if (!r.exposure) {
      missingOcc.add(r.onet_code);
      continue;
    }
    scoredOcc.add(r.onet_code);
    tasks.push({
      ...scored(r, { exposure: r.exposure as ExposureLabel, automation: r.automation as AutomationLabel | null }, 'llm'),
      p: r.p_e0 === null ? undefined : [r.p_e0, r.p_e1 ?? 0, r.p_e2 ?? 0],
    });
  }
  if (tasks.length === 0) {
    throw new InputError(`no ${scorer} scores in the store yet: run \`jobshift score --onet --scorer ${scorer}\` first`);
  }
  // An occupation with some tasks unscored is incomplete: report it, and leave it out.
  for (const k of missingOcc) scoredOcc.delete(k);
  const kept = tasks.filter((t) => scoredOcc.has(t.onetCode));
  return {
    scorer,
    tasks: kept,
    coverage: { occupations: scoredOcc.size, published: 0, filled: 0, publishedOccupation: 0, missing: [...missingOcc].sort(), tasks: kept.length },
    publishedOccupations: new Map(),
    method: `O*NET task statements rated by ${scorer === 'llm' ? 'an OpenAI-compatible LLM' : 'a local GGUF model'}, ${storedRubricNote((await store.all<{ run_id: string | null }>(`SELECT DISTINCT run_id FROM task_scores WHERE scorer = ?`, [scorer])).map((r) => r.run_id))}; occupations with unscored tasks are left out and listed.`,
  };
}
