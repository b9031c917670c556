/**
 * Small statistics used across analysis: correlations, quantiles, weighted least squares.
 */

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return xs.length ? s / xs.length : NaN;
}

export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (n < 3) return NaN;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx && syy ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/** Ranks 1..n with ties given their average rank. */
export function ranks(x: ArrayLike<number>): Float64Array {
  const idx = Array.from({ length: x.length }, (_, i) => i).sort((a, b) => x[a]! - x[b]!);
  const r = new Float64Array(x.length);
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && x[idx[j + 1]!] === x[idx[i]!]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[idx[k]!] = avg;
    i = j + 1;
  }
  return r;
}

export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return pearson(ranks(x), ranks(y));
}

/**
 * Overlap of the top deciles: of the items in the top 10% by x, the share also in the top 10%
 * by y (both taken over the same items). 0.1 is what chance gives.
 */
export function topDecileOverlap(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  const k = Math.max(1, Math.round(n / 10));
  const top = (v: ArrayLike<number>) => new Set(Array.from({ length: n }, (_, i) => i).sort((a, b) => v[b]! - v[a]! || a - b).slice(0, k));
  const tx = top(x);
  const ty = top(y);
  let both = 0;
  for (const i of tx) if (ty.has(i)) both++;
  return both / k;
}

/** Quantile (linear interpolation, like numpy's default) of sorted values. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function quantile(values: ArrayLike<number>, q: number): number {
  return quantileSorted(Float64Array.from(values).sort(), q);
}

export interface WlsResult {
  coefficients: number[];
  /** Heteroskedasticity-robust (HC1) standard errors. */
  se: number[];
  r2: number;
  n: number;
}

/** Weighted least squares with HC1 robust standard errors. X rows include the intercept column if wanted. */
export function wls(X: number[][], y: number[], w: number[]): WlsResult {
  const n = y.length;
  const k = X[0]!.length;
  const xtwx = Array.from({ length: k }, () => new Float64Array(k));
  const xtwy = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const xi = X[i]!;
    for (let a = 0; a < k; a++) {
      xtwy[a]! += w[i]! * xi[a]! * y[i]!;
      for (let b = 0; b < k; b++) xtwx[a]![b]! += w[i]! * xi[a]! * xi[b]!;
    }
  }
  const inv = invert(xtwx.map((r) => Array.from(r)));
  const beta = inv.map((row) => row.reduce((s, v, j) => s + v * xtwy[j]!, 0));
  // HC1: (X'WX)^-1 X'W diag(e^2) W X (X'WX)^-1 * n/(n-k)
  const meat = Array.from({ length: k }, () => new Float64Array(k));
  let ssr = 0;
  let sst = 0;
  let wsum = 0;
  let ybar = 0;
  for (let i = 0; i < n; i++) {
    wsum += w[i]!;
    ybar += w[i]! * y[i]!;
  }
  ybar /= wsum;
  for (let i = 0; i < n; i++) {
    const xi = X[i]!;
    const fit = xi.reduce((s, v, j) => s + v * beta[j]!, 0);
    const e = y[i]! - fit;
    ssr += w[i]! * e * e;
    sst += w[i]! * (y[i]! - ybar) ** 2;
    const we2 = w[i]! * w[i]! * e * e;
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) meat[a]![b]! += we2 * xi[a]! * xi[b]!;
  }
  const scale = n > k ? n / (n - k) : 1;
  const se = beta.map((_, a) => {
    let v = 0;
    for (let i2 = 0; i2 < k; i2++) for (let j = 0; j < k; j++) v += inv[a]![i2]! * meat[i2]![j]! * inv[j]![a]!;
    return Math.sqrt(Math.max(0, v * scale));
  });
  return { coefficients: beta, se, r2: sst ? 1 - ssr / sst : NaN, n };
}

/** Gauss-Jordan inverse with partial pivoting. */
export function invert(m: number[][]): number[][] {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    if (Math.abs(a[p]![c]!) < 1e-12) throw new Error('singular matrix in regression (collinear regressors)');
    [a[c], a[p]] = [a[p]!, a[c]!];
    const piv = a[c]![c]!;
    for (let j = 0; j < 2 * n; j++) a[c]![j]! /= piv;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r]![c]!;
      if (f === 0) continue;
      for (let j = 0; j < 2 * n; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  return a.map((row) => row.slice(n));
}
