/**
 * Transition pathways from one occupation to others, ranked by a transparent score.
 *
 * Candidates: the destinations of the scenario engine's transition model
 * (src/simulate/transitions.ts: a conditional logit on skill similarity, related occupations,
 * wage distance, openings and automation exposure) when it is loaded, plus the occupations
 * O*NET lists as related and the nearest by skill and knowledge similarity
 * (src/analysis/similarity.ts). The model says where people plausibly move; the score below
 * says which of those moves look good for the worker. Each candidate gets five components in [0, 1] and a
 * weighted sum; every component, its weight and its contribution is returned as a reason, so a
 * reader can recompute the score by hand:
 *
 *  - similarity (0.40): cosine of standardised O*NET skill+knowledge vectors, clipped at 0
 *    (skill distance as in Gathmann & Schönberg 2010, JOLE 28(1));
 *  - lower exposure (0.20): 0.5 + (beta_from − beta_to), clipped to [0, 1]: 1 when the target is
 *    50 points less exposed, 0.5 when equally exposed (beta: Eloundou et al. 2024);
 *  - wage (0.15): 0.5 + log2(median_to / median_from) / 2, clipped: 1 at double the wage, 0 at
 *    half (BLS OEWS medians);
 *  - growth (0.10): 0.5 + projected 10-year change (%) / 20, clipped: ±10% spans the scale
 *    (BLS Employment Projections);
 *  - openings (0.10): annual openings / base employment, divided by 0.2 and clipped (a rate of
 *    20% a year or more scores 1; BLS EP openings include exits and transfers);
 *  - related (0.05): 1 when O*NET lists the target among the occupation's related occupations.
 * A component without data scores 0.5 (neutral) and says so.
 *
 * These weights are a stated judgement, not estimates; they are returned with every result.
 * When src/simulate/transitions.ts lands with a fitted transition score, it should replace this.
 */
import type { Measure } from '../analysis/exposure.js';
import { skillGaps, skillSimilarity } from '../analysis/similarity.js';
import { transitionScores } from '../simulate/transitions.js';
import { type CareerData, medianWage, projectionOf } from './careerData.js';

export const PATHWAY_WEIGHTS = { similarity: 0.4, exposure: 0.2, wage: 0.15, growth: 0.1, openings: 0.1, related: 0.05 } as const;
export type PathwayComponent = keyof typeof PATHWAY_WEIGHTS;

export interface PathwayReason {
  component: PathwayComponent;
  /** The component on its [0, 1] scale. */
  value: number;
  weight: number;
  /** value x weight: the reasons' contributions sum to the score. */
  contribution: number;
  /** The underlying figure in words ("skills 0.82 similar", "median wage +12%"). */
  text: string;
}

export interface Pathway {
  code: string;
  title: string;
  score: number;
  similarity: number | null;
  beta: number | null;
  automation: number | null;
  medianWage: number | null;
  wageChange: number | null;
  growthPct: number | null;
  openings: number | null;
  related: boolean;
  /** Share of moves out of the occupation the transition model sends here (among its top destinations), when loaded. */
  transitionShare: number | null;
  reasons: PathwayReason[];
  /** Skills and knowledge the target asks much more of (O*NET importance, 1-5 scale). */
  gaps: { name: string; domain: string; gap: number }[];
}

export interface PathwayOptions {
  top?: number;
  /** Only consider these occupations (e.g. the roles of a roster). */
  among?: string[];
  /** How many nearest-by-skill occupations to add to the related ones (default 40). */
  nearest?: number;
  measure?: Measure;
}

const clip = (x: number) => Math.max(0, Math.min(1, x));
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)}%`;

/** Candidate targets: related occupations and the nearest by skills, scored occupations only. */
function candidates(data: CareerData, from: string, options: PathwayOptions): string[] {
  if (options.among) return [...new Set(options.among)].filter((c) => c !== from && data.exposure.has(c));
  const set = new Set<string>((data.related.get(from) ?? []).map((r) => r.code));
  if (data.transitions) for (const t of transitionScores(data.transitions, from, { top: options.nearest ?? 40 })) set.add(t.to);
  if (data.skills) {
    const sims: [string, number][] = [];
    for (const c of data.skills.codes) {
      if (c === from || !data.exposure.has(c)) continue;
      const s = skillSimilarity(data.skills, from, c);
      if (s !== null) sims.push([c, s]);
    }
    sims.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    for (const [c] of sims.slice(0, options.nearest ?? 40)) set.add(c);
  }
  set.delete(from);
  return [...set].filter((c) => data.exposure.has(c));
}

/** Score one move from `from` to `to`. */
export function scorePathway(data: CareerData, from: string, to: string, measure: Measure = 'beta', shares?: Map<string, number>): Pathway {
  const w = PATHWAY_WEIGHTS;
  const reasons: PathwayReason[] = [];
  const add = (component: PathwayComponent, value: number, text: string) =>
    reasons.push({ component, value, weight: w[component], contribution: value * w[component], text });

  const sim = data.skills ? skillSimilarity(data.skills, from, to) : null;
  add('similarity', sim === null ? 0.5 : clip(sim), sim === null ? 'no O*NET skill profile: neutral' : `skills and knowledge ${sim.toFixed(2)} similar (cosine of standardised O*NET profiles)`);

  const ef = data.exposure.get(from)?.[measure] ?? null;
  const et = data.exposure.get(to)?.[measure] ?? null;
  add(
    'exposure',
    ef === null || et === null ? 0.5 : clip(0.5 + (ef - et)),
    ef === null || et === null ? 'exposure unknown: neutral' : `exposure ${measure} ${(et * 100).toFixed(0)}% vs ${(ef * 100).toFixed(0)}% now (${et <= ef ? 'lower' : 'higher'})`,
  );

  const wf = medianWage(data, from);
  const wt = medianWage(data, to);
  const wageChange = wf && wt ? wt / wf - 1 : null;
  add(
    'wage',
    wf && wt ? clip(0.5 + Math.log2(wt / wf) / 2) : 0.5,
    wageChange === null ? 'no OEWS median wage: neutral' : `median wage $${Math.round(wt!).toLocaleString('en-US')} (${pct(wageChange)} vs now)`,
  );

  const p = projectionOf(data, to);
  const growth = p?.changePct ?? null;
  add('growth', growth === null ? 0.5 : clip(0.5 + growth / 20), growth === null ? 'no BLS projection: neutral' : `projected ${growth >= 0 ? '+' : ''}${growth.toFixed(1)}% employment ${p!.baseYear}-${p!.targetYear}`);

  const rate = p && p.openings !== null && p.baseEmployment ? p.openings / p.baseEmployment : null;
  add(
    'openings',
    rate === null ? 0.5 : clip(rate / 0.2),
    rate === null ? 'no BLS openings: neutral' : `${Math.round(p!.openings!).toLocaleString('en-US')} openings a year (${(rate * 100).toFixed(1)}% of employment)`,
  );

  const related = (data.related.get(from) ?? []).some((r) => r.code === to);
  add('related', related ? 1 : 0, related ? 'listed by O*NET as a related occupation' : 'not in O*NET related occupations');

  const e = data.exposure.get(to);
  return {
    code: to,
    title: data.titles.get(to) ?? to,
    score: reasons.reduce((s, r) => s + r.contribution, 0),
    similarity: sim,
    beta: et,
    automation: e?.automation ?? null,
    medianWage: wt,
    wageChange,
    growthPct: growth,
    openings: p?.openings ?? null,
    related,
    transitionShare: shares ? (shares.get(to) ?? 0) : null,
    reasons,
    gaps: data.skills ? skillGaps(data.skills, from, to, 3) : [],
  };
}

/** The best pathways from an occupation, best first (ties by code). */
export function rankPathways(data: CareerData, from: string, options: PathwayOptions = {}): Pathway[] {
  const shares = data.transitions ? new Map(transitionScores(data.transitions, from, { top: 40 }).map((t) => [t.to, t.weight])) : undefined;
  return candidates(data, from, options)
    .map((c) => scorePathway(data, from, c, options.measure, shares))
    .sort((a, b) => b.score - a.score || a.code.localeCompare(b.code))
    .slice(0, options.top ?? 5);
}

export const PATHWAY_METHOD =
  'Pathway score = 0.40 skill+knowledge similarity + 0.20 lower exposure + 0.15 wage change + 0.10 projected growth + 0.10 openings rate + 0.05 O*NET related; ' +
  'each component on [0, 1] (see reasons), missing data neutral (0.5). Weights are a stated judgement, not estimated.';
