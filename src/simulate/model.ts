/**
 * The scenario engine's maths, over plain arrays (no store, no I/O): a task-based model of
 * displacement, productivity and reinstatement in the spirit of Acemoglu & Restrepo (2019,
 * "Automation and New Tasks", JEP 33(2)), per occupation and year, as differences from the
 * BLS 2024-34 baseline path, with Monte Carlo draws of every parameter.
 *
 * For occupation i (major group g) in year t, with baseline employment
 *   L_i(t) = L_i * growth_i^((t - base) / (target - base))          (BLS EP 2024-34, geometric)
 * and adoption beyond its base-year level
 *   dA_g(t) = A_g(t) - A_g(base),  A(t) = K / (1 + exp(-r (t - t0)))  (logistic diffusion, METHODS D8)
 * the cumulative effects by year t are
 *   displaced_i  = L_i * automationExposed_i * dA * substitutionRate
 *   augmented_i  = L_i * [ (1 - pi)(1 - labourShare * pi)^(-elasticity_g) - 1 ],   pi = augmentation_i * dA * costSaving
 *                  (the labour saved per unit of output, pi, lowers unit cost by labourShare * pi; with
 *                  constant-elasticity demand output rises and employment changes by the bracket —
 *                  with labourShare = 1 this is Bessen's (2019) rule: jobs rise iff elasticity > 1)
 *   created_i    = L_i * augmentation_i * complementaryGrowth * (t - base)/10 * dA          (ACSS 2024, N3)
 *                + reinstatement * (sum of displaced) * share_i                               (new tasks)
 *                  where share_i is i's share of employment-weighted O*NET Emerging (new) tasks
 *   net_i        = created_i + augmented_i - displaced_i.
 * Redistribution (end year): displaced workers who are re-employed (rate R2) move along the
 * transition matrix (transitions.ts); a destination absorbs at most openingsShare of its
 * projected openings over the period plus its new jobs; what is not absorbed, and those not
 * re-employed, form the unemployed pool. Workers are conserved: displaced = flows + pool.
 * Macro (Hulten's theorem as in Acemoglu 2024): TFP = share of GDP in impacted tasks x cost
 * saving, with impacted = wage-bill-weighted exposure (beta) x substitution rate x dA and
 * saving = costSaving x labourShare; GDP = TFP / (1 - capitalShare).
 */
import { quantileSorted } from '../analysis/stats.js';
import { mulberry32, type Rng } from '../util/rng.js';
import { BOUNDS, type Param, sampleParam, type Scenario } from './params.js';
import type { TransitionMatrix } from './transitions.js';

export interface ModelOccupation {
  code: string;
  title: string;
  majorGroup: string;
  /** Workers in the base data year (OEWS). */
  employment: number;
  /** Median annual wage (US dollars), for the wage bill. */
  wage: number | null;
  /** Share of task weight exposed and rated T3-T4. */
  automationExposed: number;
  /** Share of task weight exposed but rated T0-T2. */
  augmentation: number;
  /** Exposure (beta) for the macro estimate. */
  exposure: number;
  /** BLS EP target / base employment over the projection period. */
  growth: number;
  /** BLS EP average annual openings, workers. */
  openings: number;
  /** New O*NET Emerging Tasks per task statement (0 when none). */
  emergingShare: number;
}

export interface ModelInputs {
  occupations: ModelOccupation[];
  transitions: TransitionMatrix;
  projection: { baseYear: number; targetYear: number };
}

export interface ModelOptions {
  years: [number, number];
  draws: number;
  seed: number;
  /** Flow pairs to report (largest in the central run). */
  topFlows?: number;
  onProgress?: (done: number, total: number) => void;
}

/** One draw of every parameter. */
export interface DrawParams {
  ceiling: number;
  midpoint: number;
  rate: number;
  group: Map<string, { ceiling: number; midpoint: number; rate: number }>;
  substitutionRate: number;
  costSaving: number;
  labourShare: number;
  elasticity: number;
  elasticityByGroup: Map<string, number>;
  complementaryGrowth: number;
  reinstatement: number;
  reemployment: number;
  openingsShare: number;
  capitalShare: number;
}

/** Logistic adoption share at time t. */
export function adoptionCurve(t: number, ceiling: number, midpoint: number, rate: number): number {
  return ceiling / (1 + Math.exp(-rate * (t - midpoint)));
}

/** Hulten's theorem: TFP gain = GDP share of impacted tasks x average cost saving on them (Acemoglu 2024, eq. for "easy" tasks). */
export function hultenTfp(impactedShare: number, costSaving: number): number {
  return impactedShare * costSaving;
}

/** Employment multiplier of augmentation: (1 - pi)(1 - labourShare pi)^(-elasticity), minus 1. */
export function augmentationEffect(pi: number, labourShare: number, elasticity: number): number {
  if (pi <= 0) return 0;
  return (1 - pi) * Math.exp(-elasticity * Math.log(1 - labourShare * pi)) - 1;
}

const central = (p: Param) => p.value;

/** Draw (or, with rng null, take the central value of) every parameter. */
export function drawParams(s: Scenario, rng: Rng | null): DrawParams {
  const get = (p: Param, key: string) => (rng ? sampleParam(p, rng, BOUNDS[key]!) : central(p));
  const d: DrawParams = {
    ceiling: get(s.adoption.ceiling, 'adoption.ceiling'),
    midpoint: get(s.adoption.midpoint, 'adoption.midpoint'),
    rate: get(s.adoption.rate, 'adoption.rate'),
    group: new Map(),
    substitutionRate: get(s.displacement.substitutionRate, 'displacement.substitutionRate'),
    costSaving: get(s.augmentation.costSaving, 'augmentation.costSaving'),
    labourShare: get(s.augmentation.labourShare, 'augmentation.labourShare'),
    elasticity: get(s.augmentation.elasticity, 'augmentation.elasticity'),
    elasticityByGroup: new Map(),
    complementaryGrowth: get(s.newWork.complementaryGrowth, 'newWork.complementaryGrowth'),
    reinstatement: get(s.newWork.reinstatement, 'newWork.reinstatement'),
    reemployment: get(s.redistribution.reemployment, 'redistribution.reemployment'),
    openingsShare: get(s.redistribution.openingsShare, 'redistribution.openingsShare'),
    capitalShare: get(s.macro.capitalShare, 'macro.capitalShare'),
  };
  for (const g of Object.keys(s.adoption.byGroup).sort()) {
    const o = s.adoption.byGroup[g]!;
    d.group.set(g, {
      ceiling: o.ceiling ? get(o.ceiling, 'adoption.byGroup.*.ceiling') : d.ceiling,
      midpoint: o.midpoint ? get(o.midpoint, 'adoption.byGroup.*.midpoint') : d.midpoint,
      rate: o.rate ? get(o.rate, 'adoption.byGroup.*.rate') : d.rate,
    });
  }
  for (const g of Object.keys(s.augmentation.elasticityByGroup).sort()) d.elasticityByGroup.set(g, get(s.augmentation.elasticityByGroup[g]!, 'augmentation.elasticityByGroup.*'));
  return d;
}

/** One draw's outcome. Per-occupation arrays are for the end year; `years` are national totals. */
export interface DrawResult {
  years: { displaced: Float64Array; augmented: Float64Array; created: Float64Array; net: Float64Array; tfp: Float64Array };
  displaced: Float64Array;
  augmented: Float64Array;
  created: Float64Array;
  /** Flow along each transition edge (CSR order of the matrix). */
  edgeFlows: Float64Array;
  unemployed: number;
  notReemployed: number;
  notAbsorbed: number;
  tfp: number;
  gdp: number;
}

/** Precomputed, draw-independent pieces. */
export interface Prepared {
  n: number;
  years: number[];
  groups: string[];
  groupOf: Int32Array;
  /** Baseline employment per year: [year][occ]. */
  baseline: Float64Array[];
  reinstatementShare: Float64Array;
  wageBillShare: Float64Array;
}

export function prepare(inputs: ModelInputs, years: [number, number]): Prepared {
  const occ = inputs.occupations;
  const n = occ.length;
  const ys: number[] = [];
  for (let y = years[0]; y <= years[1]; y++) ys.push(y);
  const groups = [...new Set(occ.map((o) => o.majorGroup))].sort();
  const groupOf = new Int32Array(n);
  occ.forEach((o, i) => (groupOf[i] = groups.indexOf(o.majorGroup)));
  const { baseYear, targetYear } = inputs.projection;
  const span = Math.max(1, targetYear - baseYear);
  const baseline = ys.map((y) => Float64Array.from(occ, (o) => o.employment * Math.pow(o.growth, (y - baseYear) / span)));
  // New work lands where new tasks appear: employment-weighted Emerging Tasks; where the
  // store has none, in proportion to augmented (exposed, not automated) employment.
  let rw = occ.map((o) => o.employment * o.emergingShare);
  if (rw.every((x) => x === 0)) rw = occ.map((o) => o.employment * o.augmentation);
  const rs = rw.reduce((a, b) => a + b, 0);
  const reinstatementShare = Float64Array.from(rw, (x) => (rs ? x / rs : 0));
  const wb = occ.map((o) => o.employment * (o.wage ?? 0));
  const wbs = wb.reduce((a, b) => a + b, 0);
  const wageBillShare = Float64Array.from(wb, (x) => (wbs ? x / wbs : 0));
  return { n, years: ys, groups, groupOf, baseline, reinstatementShare, wageBillShare };
}

/**
 * Allocate movers along the transition matrix with destination capacities, in up to three
 * rounds (what a full destination turns away tries the origin's other destinations). Returns
 * flows per edge; movers not placed are `1 - placed`. Conserves: sum(edge flows) <= sum(movers).
 */
export function allocate(movers: Float64Array, capacity: Float64Array, m: TransitionMatrix, edgeFlows: Float64Array, rounds = 3): number {
  const n = movers.length;
  const left = Float64Array.from(movers);
  const cap = Float64Array.from(capacity);
  const demand = new Float64Array(cap.length);
  const wsum = new Float64Array(n);
  edgeFlows.fill(0);
  let placed = 0;
  for (let r = 0; r < rounds; r++) {
    demand.fill(0);
    let pending = 0;
    for (let i = 0; i < n; i++) {
      const x = left[i]!;
      wsum[i] = 0;
      if (x <= 0) continue;
      // Weights renormalised over the destinations that still have room.
      let w = 0;
      for (let e = m.offsets[i]!; e < m.offsets[i + 1]!; e++) if (cap[m.to[e]!]! > 0) w += m.weight[e]!;
      wsum[i] = w;
      if (w <= 0) continue;
      pending += x;
      for (let e = m.offsets[i]!; e < m.offsets[i + 1]!; e++) if (cap[m.to[e]!]! > 0) demand[m.to[e]!]! += (x * m.weight[e]!) / w;
    }
    if (pending <= 0) break;
    let moved = 0;
    for (let i = 0; i < n; i++) {
      const x = left[i]!;
      const w = wsum[i]!;
      if (x <= 0 || w <= 0) continue;
      let out = 0;
      for (let e = m.offsets[i]!; e < m.offsets[i + 1]!; e++) {
        const j = m.to[e]!;
        if (!(cap[j]! > 0)) continue;
        const want = (x * m.weight[e]!) / w;
        const d = demand[j]!;
        const f = d > cap[j]! ? want * (cap[j]! / d) : want;
        edgeFlows[e]! += f;
        out += f;
      }
      left[i] = x - out;
      moved += out;
    }
    // Capacities used this round (after all origins, so the order of origins does not matter).
    let bound = false;
    for (let j = 0; j < cap.length; j++) {
      const d = demand[j]!;
      if (d <= 0) continue;
      if (d >= cap[j]!) {
        cap[j] = 0;
        bound = true;
      } else cap[j]! -= d;
    }
    placed += moved;
    // No destination was full: everyone who could move has moved.
    if (!bound || moved <= 1e-9) break;
  }
  return placed;
}

/** Run one draw (pure). */
export function runDraw(inputs: ModelInputs, prep: Prepared, p: DrawParams, out?: DrawResult): DrawResult {
  const { n, years, groups, groupOf, baseline } = prep;
  const occ = inputs.occupations;
  const base = inputs.projection.baseYear;
  const T = years.length;
  const r: DrawResult = out ?? {
    years: { displaced: new Float64Array(T), augmented: new Float64Array(T), created: new Float64Array(T), net: new Float64Array(T), tfp: new Float64Array(T) },
    displaced: new Float64Array(n),
    augmented: new Float64Array(n),
    created: new Float64Array(n),
    edgeFlows: new Float64Array(inputs.transitions.to.length),
    unemployed: 0,
    notReemployed: 0,
    notAbsorbed: 0,
    tfp: 0,
    gdp: 0,
  };
  const groupCurve = groups.map((g) => p.group.get(g) ?? { ceiling: p.ceiling, midpoint: p.midpoint, rate: p.rate });
  const groupElasticity = groups.map((g) => p.elasticityByGroup.get(g) ?? p.elasticity);
  const dA = new Float64Array(groups.length);
  for (let t = 0; t < T; t++) {
    const y = years[t]!;
    for (let g = 0; g < groups.length; g++) {
      const c = groupCurve[g]!;
      dA[g] = c.ceiling === 0 ? 0 : adoptionCurve(y, c.ceiling, c.midpoint, c.rate) - adoptionCurve(base, c.ceiling, c.midpoint, c.rate);
    }
    const L = baseline[t]!;
    const decades = Math.max(0, y - base) / 10;
    let D = 0;
    let Aug = 0;
    let C = 0;
    let impacted = 0;
    const last = t === T - 1;
    for (let i = 0; i < n; i++) {
      const o = occ[i]!;
      const g = groupOf[i]!;
      const a = dA[g]!;
      const d = L[i]! * o.automationExposed * a * p.substitutionRate;
      const pi = o.augmentation * a * p.costSaving;
      const au = L[i]! * augmentationEffect(pi, p.labourShare, groupElasticity[g]!);
      const c = L[i]! * o.augmentation * p.complementaryGrowth * decades * a;
      D += d;
      Aug += au;
      C += c;
      impacted += prep.wageBillShare[i]! * o.exposure * p.substitutionRate * a;
      if (last) {
        r.displaced[i] = d;
        r.augmented[i] = au;
        r.created[i] = c;
      }
    }
    // New tasks: reinstatement per displaced job, placed by the Emerging Tasks shares.
    const R = p.reinstatement * D;
    if (last) for (let i = 0; i < n; i++) r.created[i]! += R * prep.reinstatementShare[i]!;
    C += R;
    r.years.displaced[t] = D;
    r.years.augmented[t] = Aug;
    r.years.created[t] = C;
    r.years.net[t] = C + Aug - D;
    r.years.tfp[t] = hultenTfp(impacted, p.costSaving * p.labourShare);
  }
  r.tfp = r.years.tfp[T - 1]!;
  r.gdp = p.capitalShare < 1 ? r.tfp / (1 - p.capitalShare) : 0;

  // Redistribution at the end year.
  const endYear = years[T - 1]!;
  const period = Math.max(1, endYear - base);
  const movers = new Float64Array(n);
  const capacity = new Float64Array(n);
  let totalD = 0;
  for (let i = 0; i < n; i++) {
    totalD += r.displaced[i]!;
    movers[i] = r.displaced[i]! * p.reemployment;
    capacity[i] = p.openingsShare * occ[i]!.openings * period + Math.max(0, r.created[i]! + r.augmented[i]!);
  }
  const moversTotal = totalD * p.reemployment;
  const placed = allocate(movers, capacity, inputs.transitions, r.edgeFlows);
  r.notReemployed = totalD - moversTotal;
  r.notAbsorbed = Math.max(0, moversTotal - placed);
  r.unemployed = r.notReemployed + r.notAbsorbed;
  return r;
}

export interface Band {
  p5: number;
  p50: number;
  p95: number;
}

/** Percentiles of the draws. Sorts `values` in place (pass a copy to keep them). */
export function band(values: Float64Array): Band {
  const s = values.sort();
  return { p5: quantileSorted(s, 0.05), p50: quantileSorted(s, 0.5), p95: quantileSorted(s, 0.95) };
}

export interface ModelResult {
  years: { year: number; displaced: Band; augmented: Band; created: Band; net: Band; tfp: Band }[];
  occupations: { index: number; displaced: Band; augmented: Band; created: Band; net: Band }[];
  flows: { from: number; to: number; workers: Band }[];
  groupFlows: { from: string; to: string; workers: Band }[];
  unemployed: Band;
  notReemployed: Band;
  notAbsorbed: Band;
  displacedTotal: Band;
  flowsTotal: Band;
  tfp: Band;
  gdp: Band;
  draws: number;
  seed: number;
}

/** Monte Carlo over the scenario's distributions: percentiles of every output. */
export function simulate(inputs: ModelInputs, scenario: Scenario, options: ModelOptions): ModelResult {
  const steps = simulateSteps(inputs, scenario, options);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/** The same, giving the event loop a turn every `batch` draws (a server stays responsive). */
export async function simulateAsync(inputs: ModelInputs, scenario: Scenario, options: ModelOptions & { batch?: number }): Promise<ModelResult> {
  const steps = simulateSteps(inputs, scenario, options, options.batch ?? 25);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The Monte Carlo loop as a generator: yields the number of draws done after each batch. */
function* simulateSteps(inputs: ModelInputs, scenario: Scenario, options: ModelOptions, batch = Infinity): Generator<number, ModelResult> {
  const prep = prepare(inputs, options.years);
  const { n } = prep;
  const T = prep.years.length;
  const D = options.draws;
  const m = inputs.transitions;
  const E = m.to.length;

  // Flows to report: the largest edges in a run at the central values.
  const centralRun = runDraw(inputs, prep, drawParams(scenario, null));
  const topK = options.topFlows ?? 100;
  const order = Array.from({ length: E }, (_, e) => e).filter((e) => centralRun.edgeFlows[e]! > 0);
  order.sort((a, b) => centralRun.edgeFlows[b]! - centralRun.edgeFlows[a]! || a - b);
  const selected = order.slice(0, topK);
  const fromOfEdge = new Int32Array(E);
  for (let i = 0; i < n; i++) for (let e = m.offsets[i]!; e < m.offsets[i + 1]!; e++) fromOfEdge[e] = i;
  const G = prep.groups.length;

  const yearArr = (k: number) => Array.from({ length: T }, () => new Float64Array(k));
  const yd = yearArr(D), ya = yearArr(D), yc = yearArr(D), yn = yearArr(D), yt = yearArr(D);
  const od = new Float64Array(n * D), oa = new Float64Array(n * D), oc = new Float64Array(n * D);
  const fl = new Float64Array(selected.length * D);
  const gf = new Float64Array(G * G * D);
  const unemployed = new Float64Array(D), notRe = new Float64Array(D), notAbs = new Float64Array(D), dTot = new Float64Array(D), fTot = new Float64Array(D);
  const tfp = new Float64Array(D), gdp = new Float64Array(D);

  const rng = mulberry32(options.seed);
  let buf: DrawResult | undefined;
  for (let d = 0; d < D; d++) {
    const p = drawParams(scenario, rng);
    buf = runDraw(inputs, prep, p, buf);
    for (let t = 0; t < T; t++) {
      yd[t]![d] = buf.years.displaced[t]!;
      ya[t]![d] = buf.years.augmented[t]!;
      yc[t]![d] = buf.years.created[t]!;
      yn[t]![d] = buf.years.net[t]!;
      yt[t]![d] = buf.years.tfp[t]!;
    }
    for (let i = 0; i < n; i++) {
      od[i * D + d] = buf.displaced[i]!;
      oa[i * D + d] = buf.augmented[i]!;
      oc[i * D + d] = buf.created[i]!;
    }
    selected.forEach((e, k) => (fl[k * D + d] = buf!.edgeFlows[e]!));
    let ft = 0;
    for (let e = 0; e < E; e++) {
      const f = buf.edgeFlows[e]!;
      if (f <= 0) continue;
      ft += f;
      gf[(prep.groupOf[fromOfEdge[e]!]! * G + prep.groupOf[m.to[e]!]!) * D + d]! += f;
    }
    unemployed[d] = buf.unemployed;
    notRe[d] = buf.notReemployed;
    notAbs[d] = buf.notAbsorbed;
    dTot[d] = buf.years.displaced[T - 1]!;
    fTot[d] = ft;
    tfp[d] = buf.tfp;
    gdp[d] = buf.gdp;
    if (options.onProgress && (d % 50 === 49 || d === D - 1)) options.onProgress(d + 1, D);
    if ((d + 1) % batch === 0) yield d + 1;
  }

  const slice = (a: Float64Array, k: number) => a.subarray(k * D, (k + 1) * D);
  const groupFlows: ModelResult['groupFlows'] = [];
  for (let a = 0; a < G; a++) {
    for (let b = 0; b < G; b++) {
      const s = slice(gf, a * G + b);
      if (s.some((x) => x > 0)) groupFlows.push({ from: prep.groups[a]!, to: prep.groups[b]!, workers: band(s) });
    }
  }
  groupFlows.sort((x, y) => y.workers.p50 - x.workers.p50);
  const net = new Float64Array(D);
  return {
    years: prep.years.map((year, t) => ({ year, displaced: band(yd[t]!), augmented: band(ya[t]!), created: band(yc[t]!), net: band(yn[t]!), tfp: band(yt[t]!) })),
    occupations: Array.from({ length: n }, (_, i) => {
      for (let d = 0; d < D; d++) net[d] = oc[i * D + d]! + oa[i * D + d]! - od[i * D + d]!;
      return { index: i, displaced: band(slice(od, i)), augmented: band(slice(oa, i)), created: band(slice(oc, i)), net: band(net) };
    }),
    flows: selected.map((e, k) => ({ from: fromOfEdge[e]!, to: m.to[e]!, workers: band(slice(fl, k)) })),
    groupFlows,
    unemployed: band(unemployed),
    notReemployed: band(notRe),
    notAbsorbed: band(notAbs),
    displacedTotal: band(dTot),
    flowsTotal: band(fTot),
    tfp: band(tfp),
    gdp: band(gdp),
    draws: D,
    seed: options.seed,
  };
}
