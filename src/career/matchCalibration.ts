/**
 * Calibrated confidence for title matches, fitted on held-out O*NET alternate titles by
 * `evaluateMatcher` (a title O*NET lists under several occupations is right for any of them).
 *
 * - The first candidate: Platt scaling, a logistic model of "the top candidate is right" on its
 *   score s_1 and its lead over the second, s_1 − s_2.
 * - The others share what is left, 1 − p_1, by a softmax over their scores next to a "none of
 *   these" option (fitted on the queries whose top candidate was wrong):
 *     p_i ∝ exp(a·(s_i − s_2) + t·[i = 2]),   none ∝ exp(b + c·s_2)
 *
 * So confidences of one query sum to at most 1 and the top one means what it says.
 */

/** Softmax with a "none of these" option over a list of scores sorted best first. */
export interface SoftmaxCalibration {
  /** a: how sharply a score gap turns into confidence. */
  temperature: number;
  /** t: extra log-weight of the first candidate of the list. */
  topBonus: number;
  /** b and c: log-weight of "none of these", b + c·(first score). */
  nullBias: number;
  nullSlope: number;
}

export interface Calibration {
  /** Logistic coefficients for [s_1, s_1 − s_2, 1]. */
  top: [number, number, number];
  rest: SoftmaxCalibration;
}

/** Candidates the confidence model looks at (as fitted). */
export const calibrationDepth = 5;

/**
 * Fitted by `bench/match.bench.ts` (evaluateMatcher, O*NET 29.1, hold-out 0.1, seed 1, all
 * 4,057 held-out titles) with the default MatchConfig; refit when the scorer changes. Held-out
 * titles are never in the index, so a query that is an indexed title verbatim sits beyond the
 * fitted range; the model is monotone there (a bigger lead, a higher confidence).
 */
export const defaultCalibration: Calibration = {
  top: [0.573, 1.855, -2.023],
  rest: { temperature: 2.365, topBonus: 0.433, nullBias: 2.323, nullSlope: -0.705 },
};

/**
 * The same model for queries read as descriptions (MatchConfig.textMode), fitted by
 * `bench/match.bench.ts` (fitDescriptionCalibration) on paragraphs of three held-out O*NET task
 * statements (O*NET 29.1, seeds 1–3, 300 occupations each, 900 queries) with the default
 * MatchConfig. Held-out tasks make these paragraphs harder than a description matched against
 * the full index, so on real descriptions the confidence errs low rather than high (the bench
 * prints both). Refit when the scorer changes.
 */
export const defaultDescriptionCalibration: Calibration = {
  top: [-2.91, 13.19, 0.107],
  rest: { temperature: 7.141, topBonus: 0.838, nullBias: 0.099, nullSlope: 2.683 },
};

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

const topFeatures = (scores: number[]) => [scores[0] ?? 0, (scores[0] ?? 0) - (scores[1] ?? 0)];

/** Confidence of each candidate of a score list sorted best first. */
export function candidateConfidences(c: Calibration, scores: number[]): number[] {
  if (scores.length === 0) return [];
  const [x1, x2] = topFeatures(scores) as [number, number];
  const p1 = sigmoid(c.top[0] * x1 + c.top[1] * x2 + c.top[2]);
  return [p1, ...softmaxConfidences(c.rest, scores.slice(1)).map((p) => p * (1 - p1))];
}

/** p_i of the softmax-with-none model for a score list sorted best first. */
export function softmaxConfidences(c: SoftmaxCalibration, scores: number[]): number[] {
  if (scores.length === 0) return [];
  const s1 = scores[0] as number;
  const w = scores.map((s, i) => Math.exp(c.temperature * (s - s1) + (i === 0 ? c.topBonus : 0)));
  let z = Math.exp(c.nullBias + c.nullSlope * s1);
  for (let i = 0; i < Math.min(calibrationDepth, w.length); i++) z += w[i] as number;
  return w.map((x) => x / z);
}

export interface CalibrationExample {
  /** The top candidates' scores, best first (at most `calibrationDepth` are used). */
  scores: number[];
  /** Which of them are right answers. */
  correct: boolean[];
}

export function fitCalibration(examples: CalibrationExample[]): Calibration {
  const data = examples.filter((e) => e.scores.length > 0);
  const top = fitLogistic(
    data.map((e) => topFeatures(e.scores)),
    data.map((e) => (e.correct[0] ? 1 : 0)),
  );
  const rest = fitSoftmax(data.filter((e) => !e.correct[0] && e.scores.length > 1).map((e) => ({ scores: e.scores.slice(1), correct: e.correct.slice(1) })));
  return { top: top as [number, number, number], rest };
}

/**
 * Logistic regression by Newton's method with a small ridge penalty (keeps the fit finite when
 * a feature separates the classes). Returns the coefficients, intercept last. Deterministic.
 */
export function fitLogistic(xs: number[][], ys: number[], ridge = 1e-3, iterations = 50): number[] {
  const d = (xs[0]?.length ?? 0) + 1;
  const beta = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    xs.forEach((x0, n) => {
      const x = [...x0, 1];
      const p = sigmoid(x.reduce((s, v, i) => s + v * (beta[i] as number), 0));
      const r = (ys[n] as number) - p;
      const w = p * (1 - p);
      for (let i = 0; i < d; i++) {
        grad[i] = (grad[i] as number) + r * (x[i] as number);
        const hi = hess[i] as number[];
        for (let j = 0; j < d; j++) hi[j] = (hi[j] as number) + w * (x[i] as number) * (x[j] as number);
      }
    });
    for (let i = 0; i < d - 1; i++) {
      grad[i] = (grad[i] as number) - ridge * (beta[i] as number);
      (hess[i] as number[])[i] = ((hess[i] as number[])[i] as number) + ridge;
    }
    const step = solve(hess, grad);
    let change = 0;
    for (let i = 0; i < d; i++) {
      beta[i] = (beta[i] as number) + (step[i] as number);
      change = Math.max(change, Math.abs(step[i] as number));
    }
    if (change < 1e-10) break;
  }
  return beta;
}

/** Solve A x = b (Gauss–Jordan with partial pivoting; A is small). */
function solve(a0: number[][], b0: number[]): number[] {
  const n = b0.length;
  const a = a0.map((r, i) => [...r, b0[i] as number]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs((a[r] as number[])[c] as number) > Math.abs((a[p] as number[])[c] as number)) p = r;
    [a[c], a[p]] = [a[p] as number[], a[c] as number[]];
    const pivot = (a[c] as number[])[c] as number;
    if (Math.abs(pivot) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = ((a[r] as number[])[c] as number) / pivot;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) (a[r] as number[])[k] = ((a[r] as number[])[k] as number) - f * ((a[c] as number[])[k] as number);
    }
  }
  return a.map((r, i) => {
    const piv = r[i] as number;
    return Math.abs(piv) < 1e-12 ? 0 : (r[n] as number) / piv;
  });
}

/**
 * Softmax-with-none by maximum likelihood of the right answers (or of "none of these" when no
 * candidate is right): gradient ascent with a backtracking step. Deterministic.
 */
export function fitSoftmax(examples: CalibrationExample[], iterations = 500): SoftmaxCalibration {
  const data = examples.filter((e) => e.scores.length > 0).map((e) => ({ scores: e.scores.slice(0, calibrationDepth), correct: e.correct.slice(0, calibrationDepth) }));
  // θ = [a, t, b, c]; candidate i has logit a·d_i + t·[i=0], "none" has b + c·s_1.
  const loglik = (theta: number[]): { ll: number; grad: number[] } => {
    const [a, t, b, c] = theta as [number, number, number, number];
    let ll = 0;
    const g = [0, 0, 0, 0];
    for (const e of data) {
      const s1 = e.scores[0] as number;
      const d = e.scores.map((s) => s - s1);
      const l = d.map((x, i) => a * x + (i === 0 ? t : 0));
      const l0 = b + c * s1;
      const m = Math.max(l0, ...l);
      const ex = l.map((x) => Math.exp(x - m));
      const e0 = Math.exp(l0 - m);
      const z = ex.reduce((u, v) => u + v, 0) + e0;
      const hits = e.correct.some(Boolean);
      const num = hits ? ex.reduce((u, v, i) => u + (e.correct[i] ? v : 0), 0) : e0;
      ll += Math.log(num) - Math.log(z);
      // Gradient: expectation of the features under the posterior over the right answers
      // minus their expectation under the model.
      const q = ex.map((v) => v / z);
      const p0 = e0 / z;
      const model = [q.reduce((u, v, i) => u + v * (d[i] as number), 0), q[0] as number, p0, p0 * s1];
      const post = hits
        ? [ex.reduce((u, v, i) => u + (e.correct[i] ? (v / num) * (d[i] as number) : 0), 0), e.correct[0] ? (ex[0] as number) / num : 0, 0, 0]
        : [0, 0, 1, s1];
      for (let k = 0; k < 4; k++) g[k] = (g[k] as number) + (post[k] as number) - (model[k] as number);
    }
    const n = Math.max(1, data.length);
    return { ll: ll / n, grad: g.map((x) => x / n) };
  };
  let theta = [1, 0, 0, 0];
  let cur = loglik(theta);
  let step = 1;
  for (let it = 0; it < iterations; it++) {
    const norm = Math.hypot(...cur.grad);
    if (norm < 1e-7) break;
    let moved = false;
    while (step > 1e-8) {
      const next = theta.map((x, i) => x + (step * (cur.grad[i] as number)) / norm);
      const r = loglik(next);
      if (r.ll > cur.ll) {
        theta = next;
        cur = r;
        step *= 1.5;
        moved = true;
        break;
      }
      step /= 2;
    }
    if (!moved) break;
  }
  const [a, t, b, c] = theta as [number, number, number, number];
  return { temperature: a, topBonus: t, nullBias: b, nullSlope: c };
}

// Reliability bins and ECE live in src/util/calibration.ts (shared with the local model's evaluation).
export { reliability, type Reliability, type ReliabilityBin } from '../util/calibration.js';
