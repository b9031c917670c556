/**
 * Where workers who leave an occupation can go: transition scores between occupations.
 *
 * Reusable by the scenario engine (redistribution of displaced workers) and by career pathways
 * (src/career). Usage:
 *
 *   const inputs = await loadTransitionInputs(store, { level: 'onet' });   // or 'unit' (OEWS rows)
 *   const options = transitionScores(inputs, '43-9021.00', { top: 10 });
 *   // -> [{ to, title, weight, components: { skill, related, wage, openings, exposure } }, ...]
 *
 * Model: a conditional logit with a size variable (McFadden 1978), as in gravity models of
 * occupational mobility. The probability of moving from i to j is proportional to
 *     openings_j * exp(b_skill * skill_ij + b_related * related_ij - b_wage * wage_ij - b_exposure * exposure_j)
 * over the `top` best destinations (self excluded), where
 *   skill    = cosine similarity of standardised O*NET Skills + Knowledge profiles, in [-1, 1]
 *              (src/analysis/similarity.ts; Gathmann & Schönberg 2010 in spirit),
 *   related  = O*NET Related Occupations: Primary-Short 1, Primary-Long 0.6, Supplemental 0.3, else 0,
 *   wage     = |ln(median wage_j / median wage_i)| (BLS OEWS), 0 when a wage is missing,
 *   openings = share of all projected annual openings (BLS EP 2024-34) in j,
 *   exposure = automation-exposed task share of j (moving into work being automated is less likely).
 * The coefficients have no published estimate for this specification: defaults (skill 4,
 * related 1.5, wage 2, exposure 2) are reasoned — a one-standard-deviation move in skill
 * similarity (about 0.3) changes odds by about 3x, as does a doubling of the wage — and every
 * scenario can change them (`redistribution.weights`). `weight`s of one origin sum to 1.
 *
 * Pure functions (transitionScores, transitionMatrix) take plain inputs; loadTransitionInputs
 * is the only I/O.
 */
import { loadOccupationFrame } from '../analysis/frame.js';
import { loadSkillProfiles } from '../analysis/similarity.js';
import type { Store } from '../data/store.js';
import { loadBaseline } from './baseline.js';

export interface TransitionNode {
  code: string;
  title: string;
  majorGroup: string;
  /** Median annual wage, US dollars. */
  wage: number | null;
  /** Projected average annual openings, workers. */
  openings: number;
  /** Automation-exposed task share (T3-T4 and exposed), or null when not scored. */
  exposure: number | null;
}

export interface TransitionInputs {
  nodes: TransitionNode[];
  index: Map<string, number>;
  /** Unit-length skill+knowledge vectors per node (row-major, `dims` each); a zero row when no profile. */
  vectors: Float64Array;
  dims: number;
  hasProfile: Uint8Array;
  /** related[i] -> (j -> strength in (0, 1]). */
  related: Map<number, Map<number, number>>;
  totalOpenings: number;
}

export interface TransitionWeights {
  skill: number;
  related: number;
  wage: number;
  exposure: number;
}

export const DEFAULT_TRANSITION_WEIGHTS: TransitionWeights = { skill: 4, related: 1.5, wage: 2, exposure: 2 };

export interface TransitionOptions {
  weights?: Partial<TransitionWeights>;
  /** Keep this many best destinations (default 20). */
  top?: number;
}

export interface TransitionScore {
  to: string;
  title: string;
  weight: number;
  components: { skill: number; related: number; wage: number; openings: number; exposure: number };
}

export const RELATED_TIER_STRENGTH: Record<string, number> = { 'Primary-Short': 1, 'Primary-Long': 0.6, Supplemental: 0.3 };

/** Build the inputs from plain data (pure): per-node O*NET codes pick up skill vectors and related pairs. */
export function buildTransitionInputs(
  nodes: (TransitionNode & { onetCodes: string[] })[],
  profiles: { codes: string[]; index: Map<string, number>; vectors: Float64Array; dims: number } | null,
  relatedPairs: { onet_code: string; related_code: string; tier: string | null }[],
): TransitionInputs {
  const dims = profiles?.dims ?? 0;
  const vectors = new Float64Array(nodes.length * dims);
  const hasProfile = new Uint8Array(nodes.length);
  const nodeOfOnet = new Map<string, number>();
  nodes.forEach((n, i) => {
    for (const c of n.onetCodes) nodeOfOnet.set(c, i);
    if (!profiles) return;
    // A node with several O*NET occupations: the normalised mean of their vectors.
    let count = 0;
    for (const c of n.onetCodes) {
      const k = profiles.index.get(c);
      if (k === undefined) continue;
      count++;
      for (let d = 0; d < dims; d++) vectors[i * dims + d]! += profiles.vectors[k * dims + d]!;
    }
    if (!count) return;
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += vectors[i * dims + d]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < dims; d++) vectors[i * dims + d]! /= norm;
    hasProfile[i] = 1;
  });
  const related = new Map<number, Map<number, number>>();
  for (const r of relatedPairs) {
    const a = nodeOfOnet.get(r.onet_code);
    const b = nodeOfOnet.get(r.related_code);
    if (a === undefined || b === undefined || a === b) continue;
    const s = RELATED_TIER_STRENGTH[r.tier ?? ''] ?? 0.3;
    let m = related.get(a);
    if (!m) related.set(a, (m = new Map()));
    m.set(b, Math.max(m.get(b) ?? 0, s));
  }
  const plain = nodes.map(({ onetCodes: _o, ...n }) => n);
  return {
    nodes: plain,
    index: new Map(plain.map((n, i) => [n.code, i])),
    vectors,
    dims,
    hasProfile,
    related,
    totalOpenings: plain.reduce((s, n) => s + Math.max(0, n.openings), 0),
  };
}

/** Scores for one origin by index (the engine's hot path); destinations with no openings are skipped. */
export function transitionScoresAt(inputs: TransitionInputs, from: number, options: TransitionOptions = {}): { to: number; weight: number; components: TransitionScore['components'] }[] {
  const w = { ...DEFAULT_TRANSITION_WEIGHTS, ...options.weights };
  const top = options.top ?? 20;
  const { nodes, vectors, dims, hasProfile } = inputs;
  const origin = nodes[from]!;
  const rel = inputs.related.get(from);
  const cands: { to: number; logit: number; components: TransitionScore['components'] }[] = [];
  for (let j = 0; j < nodes.length; j++) {
    if (j === from) continue;
    const dest = nodes[j]!;
    if (!(dest.openings > 0)) continue;
    let skill = 0;
    if (hasProfile[from] && hasProfile[j]) for (let d = 0; d < dims; d++) skill += vectors[from * dims + d]! * vectors[j * dims + d]!;
    const related = rel?.get(j) ?? 0;
    const wage = origin.wage && dest.wage ? Math.abs(Math.log(dest.wage / origin.wage)) : 0;
    const openings = inputs.totalOpenings ? dest.openings / inputs.totalOpenings : 0;
    const exposure = dest.exposure ?? 0;
    const logit = Math.log(openings) + w.skill * skill + w.related * related - w.wage * wage - w.exposure * exposure;
    cands.push({ to: j, logit, components: { skill, related, wage, openings, exposure } });
  }
  cands.sort((a, b) => b.logit - a.logit || a.to - b.to);
  const kept = cands.slice(0, top);
  if (kept.length === 0) return [];
  const max = kept[0]!.logit;
  const e = kept.map((c) => Math.exp(c.logit - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return kept.map((c, k) => ({ to: c.to, weight: e[k]! / sum, components: c.components }));
}

/** Transition options from one occupation (by code), best first. Unknown code: an empty list. */
export function transitionScores(inputs: TransitionInputs, fromCode: string, options: TransitionOptions = {}): TransitionScore[] {
  const from = inputs.index.get(fromCode);
  if (from === undefined) return [];
  return transitionScoresAt(inputs, from, options).map((s) => ({ to: inputs.nodes[s.to]!.code, title: inputs.nodes[s.to]!.title, weight: s.weight, components: s.components }));
}

/** Sparse row-stochastic matrix over all origins (CSR): row i holds its top destinations. */
export interface TransitionMatrix {
  offsets: Int32Array;
  to: Int32Array;
  weight: Float64Array;
}

export function transitionMatrix(inputs: TransitionInputs, options: TransitionOptions = {}): TransitionMatrix {
  const rows = inputs.nodes.map((_, i) => transitionScoresAt(inputs, i, options));
  const offsets = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (offsets[i + 1] = offsets[i]! + r.length));
  const to = new Int32Array(offsets[rows.length]!);
  const weight = new Float64Array(offsets[rows.length]!);
  rows.forEach((r, i) => r.forEach((s, k) => ((to[offsets[i]! + k] = s.to), (weight[offsets[i]! + k] = s.weight))));
  return { offsets, to, weight };
}

export interface LoadTransitionOptions {
  /** 'unit': OEWS employment units (what the scenario engine uses); 'onet': O*NET-SOC occupations (career pathways). */
  level?: 'unit' | 'onet';
  /** Automation-exposed share by code of the chosen level (e.g. from analyzeWorkforce); missing: treated as 0. */
  exposure?: Map<string, number>;
  oews?: number;
}

/**
 * Inputs from the store: OEWS wages and employment (latest year), EP 2024-34 openings, O*NET
 * Skills/Knowledge and Related Occupations. At the O*NET level an occupation takes its OEWS
 * unit's wage and an equal share of the unit's openings.
 */
export async function loadTransitionInputs(store: Store, options: LoadTransitionOptions = {}): Promise<TransitionInputs> {
  const frame = await loadOccupationFrame(store, options.oews);
  const baseline = await loadBaseline(store, frame.units.map((u) => u.socCode));
  const openingsOf = (soc: string, employment: number) => employment * (baseline?.byUnit.get(soc)?.openingsRate ?? baseline?.national.openingsRate ?? 0.11);
  const nodes: (TransitionNode & { onetCodes: string[] })[] = [];
  if ((options.level ?? 'unit') === 'unit') {
    for (const u of frame.units) {
      nodes.push({ code: u.socCode, title: u.title, majorGroup: u.majorGroup, wage: u.annualMedian, openings: openingsOf(u.socCode, u.employment), exposure: options.exposure?.get(u.socCode) ?? null, onetCodes: u.onetCodes });
    }
  } else {
    for (const u of frame.units) {
      const n = u.onetCodes.length;
      for (const c of u.onetCodes) {
        nodes.push({ code: c, title: frame.onetTitles.get(c) ?? c, majorGroup: u.majorGroup, wage: u.annualMedian, openings: openingsOf(u.socCode, u.employment) / n, exposure: options.exposure?.get(c) ?? null, onetCodes: [c] });
      }
    }
  }
  const profiles = await loadSkillProfiles(store);
  const related = await store.all<{ onet_code: string; related_code: string; tier: string | null }>(`SELECT onet_code, related_code, tier FROM related_occupations`);
  return buildTransitionInputs(nodes, profiles, related);
}
