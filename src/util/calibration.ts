/**
 * How far stated probabilities can be taken at their word: reliability bins, expected
 * calibration error (ECE; Guo, Pleiss, Sun & Weinberger 2017, "On calibration of modern neural
 * networks") and the Brier score of a confidence against whether the prediction was right.
 * Used for the title matcher's confidences and the local model's exposure probabilities.
 */

export interface ReliabilityBin {
  /** Predicted confidence range [from, to). */
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  /** Share of these predictions that were right. */
  accuracy: number;
}

export interface Reliability {
  bins: ReliabilityBin[];
  /** Expected calibration error: count-weighted mean |accuracy − confidence|. */
  ece: number;
  /** Mean squared error of the probabilities. */
  brier: number;
  count: number;
}

export function reliability(confidences: number[], correct: boolean[], nBins = 10): Reliability {
  const bins: ReliabilityBin[] = Array.from({ length: nBins }, (_, i) => ({ from: i / nBins, to: (i + 1) / nBins, count: 0, meanConfidence: 0, accuracy: 0 }));
  let brier = 0;
  confidences.forEach((c, i) => {
    const y = correct[i] ? 1 : 0;
    brier += (c - y) ** 2;
    const b = bins[Math.min(nBins - 1, Math.floor(c * nBins))] as ReliabilityBin;
    b.count++;
    b.meanConfidence += c;
    b.accuracy += y;
  });
  let ece = 0;
  for (const b of bins) {
    if (b.count === 0) continue;
    b.meanConfidence /= b.count;
    b.accuracy /= b.count;
    ece += (b.count / Math.max(1, confidences.length)) * Math.abs(b.accuracy - b.meanConfidence);
  }
  return { bins, ece, brier: confidences.length ? brier / confidences.length : 0, count: confidences.length };
}

/** Mean negative log-likelihood of the true classes' probabilities (floored at 1e-12). */
export function logLoss(probabilityOfTruth: number[]): number {
  if (probabilityOfTruth.length === 0) return 0;
  let s = 0;
  for (const p of probabilityOfTruth) s -= Math.log(Math.max(p, 1e-12));
  return s / probabilityOfTruth.length;
}
