/**
 * Uncertainty of exposure estimates.
 *
 * Sampling: a bootstrap over tasks within occupations. An occupation's task list is one draw
 * of the work it involves; resampling its tasks (with replacement, keeping their weights)
 * says how much its score depends on which tasks O*NET happened to list. National shares are
 * recomputed on every resample, giving 90% intervals (5th-95th percentiles).
 *
 * Rating: the disagreement between scorers (human, GPT-4, local, an LLM when run) is shown as
 * a range beside each number; it is a different kind of uncertainty and is not mixed in.
 */
import { mulberry32 } from '../util/rng.js';
import { groupByOccupation, type Measure, type ScoredTask, taskWeight, type TaskWeighting } from './exposure.js';
import type { EmploymentUnit } from './frame.js';
import { quantileSorted } from './stats.js';

export interface Interval {
  lo: number;
  hi: number;
}

export interface BootstrapResult {
  resamples: number;
  seed: number;
  measure: Measure;
  occupations: Map<string, Interval>;
  national: { mean: Interval; atLeast10: Interval; atLeast50: Interval };
}

/** The contribution of one task's rating to a measure (GPTs-are-GPTs: E2 counts half in beta). */
export function taskValue(exposure: ScoredTask['exposure'], measure: Measure): number {
  if (exposure === 'E1') return 1;
  if (exposure === 'E2') return measure === 'alpha' ? 0 : measure === 'beta' ? 0.5 : 1;
  return 0;
}

export function bootstrapExposure(
  tasks: ScoredTask[],
  units: EmploymentUnit[],
  options: { resamples?: number; seed?: number; measure?: Measure; weighting?: TaskWeighting; ratingWeight?: Map<number, number>; level?: number } = {},
): BootstrapResult {
  const B = options.resamples ?? 1000;
  const seed = options.seed ?? 1;
  const measure = options.measure ?? 'beta';
  const level = options.level ?? 0.9;
  const rng = mulberry32(seed);
  const groups = [...groupByOccupation(tasks)];
  const codes = groups.map(([c]) => c);
  const indexOf = new Map(codes.map((c, i) => [c, i]));
  const weights = groups.map(([, list]) => Float64Array.from(list, (t) => taskWeight(t, options.weighting ?? 'type', options.ratingWeight)));
  const values = groups.map(([, list]) => Float64Array.from(list, (t) => taskValue(t.exposure, measure)));
  // draws[o][b]: occupation o's score on resample b.
  const draws = codes.map(() => new Float64Array(B));
  const unitOcc = units.map((u) => u.onetCodes.map((c) => indexOf.get(c)).filter((i): i is number => i !== undefined));
  const keptUnits = units.map((u, i) => ({ u, occ: unitOcc[i]! })).filter((x) => x.occ.length > 0);
  const nat = { mean: new Float64Array(B), a10: new Float64Array(B), a50: new Float64Array(B) };
  const occScore = new Float64Array(codes.length);
  for (let b = 0; b < B; b++) {
    for (let o = 0; o < codes.length; o++) {
      const w = weights[o]!;
      const v = values[o]!;
      const n = w.length;
      let sw = 0;
      let sv = 0;
      for (let k = 0; k < n; k++) {
        const j = (rng() * n) | 0;
        sw += w[j]!;
        sv += w[j]! * v[j]!;
      }
      occScore[o] = sw ? sv / sw : 0;
      draws[o]![b] = occScore[o]!;
    }
    let total = 0;
    let sum = 0;
    let a10 = 0;
    let a50 = 0;
    for (const { u, occ } of keptUnits) {
      let s = 0;
      for (const o of occ) s += occScore[o]!;
      const x = s / occ.length;
      total += u.employment;
      sum += u.employment * x;
      if (x >= 0.1) a10 += u.employment;
      if (x >= 0.5) a50 += u.employment;
    }
    nat.mean[b] = total ? sum / total : 0;
    nat.a10[b] = total ? a10 / total : 0;
    nat.a50[b] = total ? a50 / total : 0;
  }
  const lo = (1 - level) / 2;
  const interval = (xs: Float64Array): Interval => {
    const s = xs.slice().sort();
    return { lo: quantileSorted(s, lo), hi: quantileSorted(s, 1 - lo) };
  };
  return {
    resamples: B,
    seed,
    measure,
    occupations: new Map(codes.map((c, o) => [c, interval(draws[o]!)])),
    national: { mean: interval(nat.mean), atLeast10: interval(nat.a10), atLeast50: interval(nat.a50) },
  };
}
