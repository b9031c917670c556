/**
 * Occupation exposure from task ratings.
 *
 * Definitions follow Eloundou, Manning, Mishkin & Rock (2024), "GPTs are GPTs", Science 384:
 *   alpha = weighted share of tasks rated E1 (exposed to an LLM alone),
 *   beta  = E1 + 0.5 E2 (E2: exposed with LLM-powered software, counted half),
 *   gamma = E1 + E2.
 * Their default task weights: core tasks 2, supplemental (and untyped) tasks 1. With these
 * weights and their labels, occupationExposure reproduces their published occ_level.csv.
 * Optionally O*NET Task Ratings give importance x relevance weights instead.
 *
 * Automation (GPTs-are-GPTs T-rubric, T0 none .. T4 full): `automation` is the share of task
 * weight rated T3-T4; `augmentation` the share that is exposed (E1/E2) but rated T0-T2;
 * `automationExposed` the share exposed and rated T3-T4 (used by the scenario engine).
 */
import type { PublishedOccupationScore, RatedBy, ScoredTask } from '../scoring/taskScores.js';

export type { RatedBy, ScoredTask };

export type Measure = 'alpha' | 'beta' | 'gamma';
export const MEASURES: Measure[] = ['alpha', 'beta', 'gamma'];

export type TaskWeighting = 'type' | 'ratings';

/** GPTs-are-GPTs default weights: core 2, supplemental and untyped 1. */
export function typeWeight(taskType: string | null): number {
  return taskType === 'Core' ? 2 : 1;
}

export interface OccupationExposure {
  onetCode: string;
  alpha: number;
  beta: number;
  gamma: number;
  automation: number | null;
  augmentation: number;
  automationExposed: number | null;
  tasks: number;
  weight: number;
  /** Share of task weight rated by a fallback (e.g. the local model filling gaps in published labels). */
  filledShare: number;
  /**
   * Who rated it (src/scoring/taskScores.ts): 'published' only when all task weight has
   * published labels; 'model' when the built-in model rated any of it; 'published-occupation'
   * when alpha/beta/gamma are published occupation scores over model-rated tasks; 'llm'.
   */
  ratedBy: RatedBy;
}

/** Strongest first: a unit (or any aggregate) is as well rated as its weakest member. */
const RATED_BY_ORDER: RatedBy[] = ['published', 'published-occupation', 'llm', 'model'];

/** The weakest provenance of several ratings (e.g. the O*NET occupations of one OEWS unit). */
export function weakestRatedBy(list: RatedBy[]): RatedBy {
  return list.reduce<RatedBy>((w, r) => (RATED_BY_ORDER.indexOf(r) > RATED_BY_ORDER.indexOf(w) ? r : w), 'published');
}

/** A model estimate: the built-in model, not published labels or the scorer's own run, rated (part of) it. */
export const isModelEstimate = (r: RatedBy): boolean => r === 'model';

/** Exposure measures of one occupation from its rated tasks and their weights. */
export function exposureOf(tasks: ScoredTask[], weights: number[]): Omit<OccupationExposure, 'onetCode'> {
  let w = 0;
  let e1 = 0;
  let e2 = 0;
  let auto = 0;
  let augment = 0;
  let autoExposed = 0;
  let rated = 0;
  let filled = 0;
  let modelRated = false;
  let llmRated = false;
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i]!;
    const wi = weights[i]!;
    w += wi;
    if (t.exposure === 'E1') e1 += wi;
    else if (t.exposure === 'E2') e2 += wi;
    const exposed = t.exposure !== 'E0';
    if (t.origin !== 'published') filled += wi;
    if (t.origin === 'model') modelRated = true;
    else if (t.origin === 'llm') llmRated = true;
    if (t.automation) {
      rated += wi;
      const high = t.automation === 'T3' || t.automation === 'T4';
      if (high) auto += wi;
      if (high && exposed) autoExposed += wi;
      if (!high && exposed) augment += wi;
    } else if (exposed) {
      augment += wi;
    }
  }
  const ratedBy: RatedBy = modelRated ? 'model' : llmRated ? 'llm' : 'published';
  if (w === 0) return { alpha: 0, beta: 0, gamma: 0, automation: null, augmentation: 0, automationExposed: null, tasks: tasks.length, weight: 0, filledShare: 0, ratedBy };
  return {
    alpha: e1 / w,
    beta: (e1 + 0.5 * e2) / w,
    gamma: (e1 + e2) / w,
    automation: rated ? auto / rated : null,
    augmentation: augment / w,
    automationExposed: rated ? autoExposed / rated : null,
    tasks: tasks.length,
    weight: w,
    filledShare: filled / w,
    ratedBy,
  };
}

/** Group tasks by occupation (keeping input order within each). */
export function groupByOccupation(tasks: ScoredTask[]): Map<string, ScoredTask[]> {
  const out = new Map<string, ScoredTask[]>();
  for (const t of tasks) {
    let list = out.get(t.onetCode);
    if (!list) out.set(t.onetCode, (list = []));
    list.push(t);
  }
  return out;
}

/**
 * Exposure of every occupation. `ratingWeight` (task id -> importance x relevance) is used
 * when weighting is 'ratings'; tasks without a rating fall back to the type weight.
 * `publishedOccupations` (TaskScoreSet.publishedOccupations): published occupation scores that
 * replace alpha, beta and gamma of model-rated occupations, with the default type weights only
 * (the weights they were computed with); automation and augmentation stay the tasks'.
 */
export function occupationExposure(
  tasks: ScoredTask[],
  options: { weighting?: TaskWeighting; ratingWeight?: Map<number, number>; publishedOccupations?: Map<string, PublishedOccupationScore> } = {},
): OccupationExposure[] {
  const weighting = options.weighting ?? 'type';
  const out: OccupationExposure[] = [];
  for (const [onetCode, list] of groupByOccupation(tasks)) {
    const weights = list.map((t) => taskWeight(t, weighting, options.ratingWeight));
    const e = exposureOf(list, weights);
    const published = weighting === 'type' ? options.publishedOccupations?.get(onetCode) : undefined;
    out.push(published ? { onetCode, ...e, ...published, ratedBy: 'published-occupation' } : { onetCode, ...e });
  }
  return out.sort((a, b) => a.onetCode.localeCompare(b.onetCode));
}

export function taskWeight(t: ScoredTask, weighting: TaskWeighting, ratingWeight?: Map<number, number>): number {
  if (weighting === 'ratings') {
    const r = ratingWeight?.get(t.taskId);
    if (r !== undefined && r > 0) return r;
  }
  return typeWeight(t.taskType);
}
