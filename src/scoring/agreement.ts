/**
 * Agreement between two labelings of the same items: accuracy, Cohen's kappa (Cohen 1960),
 * macro-averaged F1 and the confusion matrix (rows: reference, columns: predicted).
 */
export interface Agreement {
  n: number;
  accuracy: number;
  kappa: number;
  macroF1: number;
  labels: string[];
  /** confusion[i][j]: items with reference labels[i] predicted as labels[j]. */
  confusion: number[][];
}

export function agreement(reference: readonly string[], predicted: readonly string[], labels: readonly string[]): Agreement {
  if (reference.length !== predicted.length) throw new Error('agreement: lengths differ');
  const K = labels.length;
  const index = new Map(labels.map((l, i) => [l, i]));
  const confusion = labels.map(() => new Array<number>(K).fill(0));
  let n = 0;
  for (let i = 0; i < reference.length; i++) {
    const a = index.get(reference[i]!);
    const b = index.get(predicted[i]!);
    if (a === undefined || b === undefined) continue;
    confusion[a]![b]!++;
    n++;
  }
  let diag = 0;
  let chance = 0;
  const rowSums = confusion.map((r) => r.reduce((s, x) => s + x, 0));
  const colSums = labels.map((_, j) => confusion.reduce((s, r) => s + r[j]!, 0));
  for (let k = 0; k < K; k++) {
    diag += confusion[k]![k]!;
    chance += (rowSums[k]! / (n || 1)) * (colSums[k]! / (n || 1));
  }
  const accuracy = n ? diag / n : NaN;
  const kappa = n ? (accuracy - chance) / (1 - chance) : NaN;
  let f1Sum = 0;
  let f1Count = 0;
  for (let k = 0; k < K; k++) {
    if (rowSums[k] === 0 && colSums[k] === 0) continue;
    const precision = colSums[k] ? confusion[k]![k]! / colSums[k]! : 0;
    const recall = rowSums[k] ? confusion[k]![k]! / rowSums[k]! : 0;
    f1Sum += precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    f1Count++;
  }
  return { n, accuracy, kappa, macroF1: f1Count ? f1Sum / f1Count : NaN, labels: [...labels], confusion };
}
