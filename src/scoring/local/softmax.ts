/**
 * Multinomial logistic regression over hashed sparse features, trained with AdaGrad (Duchi,
 * Hazan & Singer 2011) and an L2 penalty applied to the weights an example touches. Small,
 * deterministic for a seed, and fast: training on the ~15k labelled O*NET tasks takes a few
 * seconds; prediction is a sparse dot product per class.
 */
import type { FrozenVector, SparseVector } from './features.js';
import { mulberry32, shuffle } from '../../util/rng.js';

export interface SoftmaxOptions {
  classes: number;
  /** Size of the hashed feature space. */
  dims: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Per-class weights on the loss (e.g. to balance rare classes); default 1. */
  classWeights?: number[];
}

export interface SoftmaxModel {
  classes: number;
  dims: number;
  /** Row-major: weights[feature * classes + class]. */
  weights: Float32Array;
}

export interface Example {
  x: FrozenVector;
  /** Target class. */
  y: number;
  /** Example weight (default 1). */
  w?: number;
}

export function trainSoftmax(examples: Example[], options: SoftmaxOptions): SoftmaxModel {
  const K = options.classes;
  const weights = new Float32Array(options.dims * K);
  const g2 = new Float32Array(options.dims * K);
  const rand = mulberry32(options.seed);
  const order = examples.map((_, i) => i);
  const p = new Float64Array(K);
  const lr = options.learningRate;
  const l2 = options.l2;
  const cw = options.classWeights ?? new Array<number>(K).fill(1);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, rand);
    for (const e of order) {
      const ex = examples[e]!;
      const { indices, values } = ex.x;
      scores(weights, K, indices, values, indices.length, p);
      softmaxInPlace(p);
      const scale = (ex.w ?? 1) * cw[ex.y]!;
      for (let j = 0; j < indices.length; j++) {
        const base = indices[j]! * K;
        const v = values[j]!;
        for (let k = 0; k < K; k++) {
          const at = base + k;
          const grad = scale * (p[k]! - (k === ex.y ? 1 : 0)) * v + l2 * weights[at]!;
          const acc = g2[at]! + grad * grad;
          g2[at] = acc;
          weights[at] = weights[at]! - (lr * grad) / Math.sqrt(acc + 1e-8);
        }
      }
    }
  }
  return { classes: K, dims: options.dims, weights };
}

/** Raw class scores into `out` (length = classes). */
export function scores(weights: Float32Array, K: number, indices: Int32Array, values: Float32Array, n: number, out: Float64Array): void {
  out.fill(0);
  for (let j = 0; j < n; j++) {
    const base = indices[j]! * K;
    const v = values[j]!;
    for (let k = 0; k < K; k++) out[k] = out[k]! + v * weights[base + k]!;
  }
}

export function softmaxInPlace(p: Float64Array): void {
  let max = -Infinity;
  for (let k = 0; k < p.length; k++) if (p[k]! > max) max = p[k]!;
  let sum = 0;
  for (let k = 0; k < p.length; k++) {
    const e = Math.exp(p[k]! - max);
    p[k] = e;
    sum += e;
  }
  for (let k = 0; k < p.length; k++) p[k] = p[k]! / sum;
}

/** Class probabilities of one example into `out`. */
export function predictInto(model: SoftmaxModel, x: SparseVector | FrozenVector, out: Float64Array): void {
  const n = 'length' in x && typeof x.length === 'number' ? x.length : x.indices.length;
  scores(model.weights, model.classes, x.indices, x.values, n, out);
  softmaxInPlace(out);
}
