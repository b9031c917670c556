/**
 * Backtest: has LLM exposure shown up in employment so far?
 *
 * Employment change in OEWS between the earliest and latest imported years, by exposure
 * quintile, and a weighted regression of the log change on exposure with major-group fixed
 * effects (weights: base-year employment; HC1 robust standard errors).
 */
import type { Store } from '../data/store.js';
import { InputError } from '../util/errors.js';
import type { Measure } from './exposure.js';
import { wls } from './stats.js';
import type { UnitExposure } from './workforce.js';

export const BACKTEST_CAVEATS = [
  'OEWS is a survey of establishments: year-to-year changes in small occupations carry sampling error (see EMP_PRSE), and OEWS estimates are not designed as a time series.',
  'The window is short (ChatGPT was released in November 2022); the earliest OEWS reference period (May 2021) predates it, the latest (May 2024) reflects at most 18 months of adoption.',
  'Exposure is potential, not use: an occupation can be exposed without its employers adopting LLMs yet.',
  'The regression is descriptive. Exposure is correlated with wages, education and the post-pandemic recovery pattern; major-group fixed effects absorb only broad differences. A coefficient near zero does not show that LLMs will have no effect; a negative one does not prove they caused the change.',
  'Occupation codes are matched by SOC code; occupations OEWS merged or split between years drop out.',
];

export interface BacktestResult {
  fromYear: number;
  toYear: number;
  measure: Measure;
  occupations: number;
  quintiles: { quintile: number; meanExposure: number; fromEmployment: number; toEmployment: number; change: number }[];
  regression: { coefficient: number; se: number; ci95: [number, number]; r2: number; n: number; fixedEffects: string };
  /** A 0.1 rise in exposure is associated with this change in log employment (percentage points ~). */
  interpretation: string;
  caveats: string[];
}

export async function backtest(store: Store, units: UnitExposure[], measure: Measure): Promise<BacktestResult> {
  const years = (await store.all<{ year: number }>(`SELECT DISTINCT year FROM employment ORDER BY year`)).map((r) => r.year);
  if (years.length < 2) throw new InputError(`the backtest needs two OEWS years (imported: ${years.join(', ') || 'none'})`);
  const fromYear = years[0]!;
  const toYear = years[years.length - 1]!;
  const emp = async (y: number) =>
    new Map(
      (await store.all<{ soc_code: string; level: string; employment: number }>(
        `SELECT soc_code, level, employment FROM employment WHERE year = ? AND employment > 0`,
        [y],
      )).map((r) => [`${r.soc_code}|${r.level}`, r.employment]),
    );
  const [a, b] = [await emp(fromYear), await emp(toYear)];
  const rows = units
    .map((u) => {
      // Units are detailed rows, or broad rows OEWS publishes alone; the same row in both years.
      const key = a.has(`${u.socCode}|detailed`) ? `${u.socCode}|detailed` : `${u.socCode}|broad`;
      return { u, from: a.get(key), to: b.get(key) };
    })
    .filter((r): r is { u: UnitExposure; from: number; to: number } => r.from !== undefined && r.to !== undefined);
  if (rows.length < 20) throw new InputError(`too few occupations in both ${fromYear} and ${toYear} to backtest (${rows.length})`);

  // Employment-weighted quintiles of exposure (by base-year employment).
  const sorted = [...rows].sort((x, y) => x.u[measure] - y.u[measure]);
  const total = sorted.reduce((s, r) => s + r.from, 0);
  const quint = new Map<number, { s: number; from: number; to: number }>();
  let cum = 0;
  for (const r of sorted) {
    const q = Math.min(5, Math.floor(((cum + r.from / 2) / total) * 5) + 1);
    cum += r.from;
    const acc = quint.get(q) ?? { s: 0, from: 0, to: 0 };
    acc.s += r.from * r.u[measure];
    acc.from += r.from;
    acc.to += r.to;
    quint.set(q, acc);
  }
  const quintiles = [...quint].sort(([x], [y]) => x - y).map(([q, acc]) => ({
    quintile: q,
    meanExposure: acc.s / acc.from,
    fromEmployment: acc.from,
    toEmployment: acc.to,
    change: acc.to / acc.from - 1,
  }));

  // log change = b * exposure + major-group fixed effects.
  const groups = [...new Set(rows.map((r) => r.u.majorGroup))].sort();
  const X = rows.map((r) => [r.u[measure], ...groups.map((g) => (r.u.majorGroup === g ? 1 : 0))]);
  const y = rows.map((r) => Math.log(r.to / r.from));
  const w = rows.map((r) => r.from);
  const fit = wls(X, y, w);
  const coef = fit.coefficients[0]!;
  const se = fit.se[0]!;
  return {
    fromYear,
    toYear,
    measure,
    occupations: rows.length,
    quintiles,
    regression: { coefficient: coef, se, ci95: [coef - 1.96 * se, coef + 1.96 * se], r2: fit.r2, n: fit.n, fixedEffects: `${groups.length} SOC major groups` },
    interpretation: `Within major groups, occupations with ${measure} higher by 0.1 changed employment by ${(coef * 10).toFixed(2)} log points more (95% CI ${(fit.coefficients[0]! * 10 - 19.6 * se).toFixed(2)} to ${(coef * 10 + 19.6 * se).toFixed(2)}) between May ${fromYear} and May ${toYear}.`,
    caveats: BACKTEST_CAVEATS,
  };
}
