/**
 * Backtest: has LLM exposure shown up in employment so far?
 *
 * For a window of two OEWS years: employment change by exposure quintile, and a weighted
 * regression of the log employment change on exposure with SOC major-group fixed effects
 * (weights: base-year employment; HC1 robust standard errors):
 *
 *   log(E_to / E_from) = b · exposure + major-group effect + error,   exposure in [0, 1].
 *
 * Units: b is in log points per unit of exposure (exposure 0 -> 1). Exposure higher by 0.1
 * (10 percentage points of task weight) goes with b · 0.1 log points, that is employment
 * (exp(0.1 · b) − 1) × 100 percent higher at the end of the window than in an otherwise
 * similar occupation of the same major group. b = 0.05 is 0.005 log points, about 0.5%.
 *
 * Windows. ChatGPT was released on 30 November 2022 (OpenAI, "Introducing ChatGPT"), and
 * OEWS estimates refer to May of their year (BLS OEWS technical notes), so May 2022 is the
 * last OEWS reference period before it: the main window runs from May 2022 to the latest
 * imported year. The placebo runs the same regression over May 2021 -> May 2022, where no
 * effect of ChatGPT-era LLMs can exist yet; exposure that "predicts" employment change there
 * is picking up something else (wages, education, the post-pandemic recovery).
 */
import type { Store } from '../data/store.js';
import { InputError } from '../util/errors.js';
import type { Measure } from './exposure.js';
import { availableOewsYears } from './frame.js';
import { wls } from './stats.js';
import type { UnitExposure } from './workforce.js';

/** The last OEWS reference period (May) before ChatGPT's release on 30 November 2022. */
export const PRE_CHATGPT_YEAR = 2022;
/** The placebo window: two OEWS reference periods both before ChatGPT. */
export const PLACEBO_WINDOW = { from: 2021, to: 2022 } as const;
/** Fewer occupations in both years than this and the regression says little. */
const MIN_OCCUPATIONS = 20;

export const BACKTEST_CAVEATS = [
  'OEWS is a survey of establishments: year-to-year changes in small occupations carry sampling error (see EMP_PRSE), and OEWS estimates are not designed as a time series.',
  'Each OEWS estimate pools six semi-annual survey panels collected over three years. Estimates three or more years apart share no panel, but adjacent years share four of six, which damps one-year changes such as the placebo window.',
  'Exposure is potential, not use: an occupation can be exposed without its employers adopting LLMs yet. Earlier language models (GPT-3 from 2020, GitHub Copilot from 2021) were in limited use during the placebo window.',
  'The regression is descriptive. Exposure is correlated with wages, education and the post-pandemic recovery pattern; major-group fixed effects absorb only broad differences. A coefficient near zero does not show that LLMs will have no effect; a negative one does not prove they caused the change.',
  'Occupation codes are matched by SOC code; occupations OEWS merged or split between years drop out.',
];

export interface BacktestQuintile {
  quintile: number;
  /** Employment-weighted mean exposure (0–1). */
  meanExposure: number;
  fromEmployment: number;
  toEmployment: number;
  /** Employment change over the window as a fraction (0.021 = +2.1%). */
  change: number;
}

/** One window's figures. */
export interface BacktestWindow {
  fromYear: number;
  toYear: number;
  occupations: number;
  quintiles: BacktestQuintile[];
  /** Coefficient and SE in log points per unit of exposure (exposure 0 -> 1). */
  regression: { coefficient: number; se: number; ci95: [number, number]; r2: number; n: number; fixedEffects: string };
  /** Percent employment change for exposure higher by 0.1: (exp(0.1 · b) − 1) × 100. */
  effectPer10pp: number;
  effectPer10ppCi95: [number, number];
  /** The result in words a reader can print. */
  interpretation: string;
}

export type PlaceboResult =
  | { available: true; window: BacktestWindow }
  | { available: false; fromYear: number; toYear: number; reason: string };

export interface BacktestResult extends BacktestWindow {
  measure: Measure;
  /** The same regression over May 2021 -> May 2022, before ChatGPT. */
  placebo: PlaceboResult;
  /** What the main window and the placebo say together. */
  reading: string;
  caveats: string[];
}

export interface BacktestOptions {
  /** Start year (default 2022, the last OEWS year before ChatGPT). */
  from?: number;
  /** End year (default: the latest OEWS year imported). */
  to?: number;
  /** true: the placebo is required (an error if it cannot run); false: skipped; default: run when possible, else reported unavailable. */
  placebo?: boolean;
}

/** exposure higher by 0.1 -> percent change in employment. */
export const percentPer10pp = (coefficient: number): number => (Math.exp(coefficient * 0.1) - 1) * 100;

export async function backtest(store: Store, units: UnitExposure[], measure: Measure, options: BacktestOptions = {}): Promise<BacktestResult> {
  const years = await availableOewsYears(store);
  const { from, to } = backtestWindow(years, options);
  const main = await runWindow(store, units, measure, from, to);
  const placebo = await runPlacebo(store, units, measure, years, options.placebo);
  return {
    ...main,
    measure,
    placebo,
    reading: backtestReading(main, placebo),
    caveats: [...BACKTEST_CAVEATS, windowCaveat(from, to)],
  };
}

/** The window to run, from the imported OEWS years and the user's choice; errors name the field. */
export function backtestWindow(years: number[], options: { from?: number; to?: number }): { from: number; to: number } {
  const available = `available: ${years.join(', ') || 'none'}`;
  if (years.length < 2) throw new InputError(`the backtest needs two OEWS years (${available})`);
  for (const field of ['from', 'to'] as const) {
    const y = options[field];
    if (y === undefined) continue;
    if (!Number.isInteger(y)) throw new InputError(`not a year: "${y}"`, { field });
    if (!years.includes(y)) throw new InputError(`OEWS ${y} is not imported (${available})`, { field });
  }
  if (options.from === undefined && !years.includes(PRE_CHATGPT_YEAR)) {
    throw new InputError(`OEWS ${PRE_CHATGPT_YEAR} is not imported (${available}); the backtest starts at May ${PRE_CHATGPT_YEAR}, the last OEWS reference period before ChatGPT: import the May ${PRE_CHATGPT_YEAR} national file (national_M${PRE_CHATGPT_YEAR}_dl.xlsx) or choose a start year`, { field: 'from' });
  }
  const from = options.from ?? PRE_CHATGPT_YEAR;
  const to = options.to ?? years[years.length - 1]!;
  if (from >= to) {
    if (options.to === undefined) throw new InputError(`no OEWS year after ${from} is imported (${available})`, { field: 'to' });
    throw new InputError(`the start year must be before the end year (from ${from}, to ${to})`, { field: 'from' });
  }
  return { from, to };
}

async function runPlacebo(store: Store, units: UnitExposure[], measure: Measure, years: number[], wanted: boolean | undefined): Promise<PlaceboResult> {
  const { from, to } = PLACEBO_WINDOW;
  const unavailable = (reason: string): PlaceboResult => {
    if (wanted === true) throw new InputError(`the placebo cannot run: ${reason}`, { field: 'placebo' });
    return { available: false, fromYear: from, toYear: to, reason };
  };
  if (wanted === false) return { available: false, fromYear: from, toYear: to, reason: 'skipped on request' };
  const missing = [from, to].filter((y) => !years.includes(y));
  if (missing.length) return unavailable(`it needs OEWS May ${from} and May ${to}, and ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not imported (available: ${years.join(', ')})`);
  try {
    return { available: true, window: await runWindow(store, units, measure, from, to) };
  } catch (err) {
    if (err instanceof InputError) return unavailable(err.message);
    throw err;
  }
}

/** Employment of each unit's OEWS row in a year (the same row in both years of a window). */
async function employmentIn(store: Store, year: number): Promise<Map<string, number>> {
  const rows = await store.all<{ soc_code: string; level: string; employment: number }>(
    `SELECT soc_code, level, employment FROM employment WHERE year = ? AND employment > 0`,
    [year],
  );
  return new Map(rows.map((r) => [`${r.soc_code}|${r.level}`, r.employment]));
}

async function runWindow(store: Store, units: UnitExposure[], measure: Measure, fromYear: number, toYear: number): Promise<BacktestWindow> {
  const [a, b] = [await employmentIn(store, fromYear), await employmentIn(store, toYear)];
  const rows = units
    .map((u) => {
      // Units are detailed rows, or broad rows OEWS publishes alone; the same row in both years.
      const key = a.has(`${u.socCode}|detailed`) ? `${u.socCode}|detailed` : `${u.socCode}|broad`;
      return { x: u[measure], group: u.majorGroup, from: a.get(key), to: b.get(key) };
    })
    .filter((r): r is WindowRow => r.from !== undefined && r.to !== undefined);
  if (rows.length < MIN_OCCUPATIONS) throw new InputError(`too few occupations in both ${fromYear} and ${toYear} to backtest (${rows.length}, at least ${MIN_OCCUPATIONS} needed)`);
  const fit = regressWindow(rows);
  const ci95: [number, number] = [fit.coefficient - 1.96 * fit.se, fit.coefficient + 1.96 * fit.se];
  const window: Omit<BacktestWindow, 'interpretation'> = {
    fromYear,
    toYear,
    occupations: rows.length,
    quintiles: exposureQuintiles(rows),
    regression: { ...fit, ci95 },
    effectPer10pp: percentPer10pp(fit.coefficient),
    effectPer10ppCi95: [percentPer10pp(ci95[0]), percentPer10pp(ci95[1])],
  };
  return { ...window, interpretation: effectSentence(window, measure) };
}

interface WindowRow {
  x: number;
  group: string;
  from: number;
  to: number;
}

/** Employment-weighted quintiles of exposure (by base-year employment). */
function exposureQuintiles(rows: WindowRow[]): BacktestQuintile[] {
  const sorted = [...rows].sort((p, q) => p.x - q.x);
  const total = sorted.reduce((s, r) => s + r.from, 0);
  const quint = new Map<number, { s: number; from: number; to: number }>();
  let cum = 0;
  for (const r of sorted) {
    const q = Math.min(5, Math.floor(((cum + r.from / 2) / total) * 5) + 1);
    cum += r.from;
    const acc = quint.get(q) ?? { s: 0, from: 0, to: 0 };
    acc.s += r.from * r.x;
    acc.from += r.from;
    acc.to += r.to;
    quint.set(q, acc);
  }
  return [...quint].sort(([p], [q]) => p - q).map(([q, acc]) => ({
    quintile: q,
    meanExposure: acc.s / acc.from,
    fromEmployment: acc.from,
    toEmployment: acc.to,
    change: acc.to / acc.from - 1,
  }));
}

/** log change = b · exposure + major-group fixed effects, weighted by base-year employment. */
function regressWindow(rows: WindowRow[]): { coefficient: number; se: number; r2: number; n: number; fixedEffects: string } {
  const groups = [...new Set(rows.map((r) => r.group))].sort();
  const X = rows.map((r) => [r.x, ...groups.map((g) => (r.group === g ? 1 : 0))]);
  const y = rows.map((r) => Math.log(r.to / r.from));
  const w = rows.map((r) => r.from);
  const fit = wls(X, y, w);
  return { coefficient: fit.coefficients[0]!, se: fit.se[0]!, r2: fit.r2, n: fit.n, fixedEffects: `${groups.length} SOC major groups` };
}

/** A percent in words: 0.501 -> "0.50%", 2.34 -> "2.3%" (two decimals below 1%). */
const pctWords = (x: number): string => `${Math.abs(x).toFixed(Math.abs(x) < 1 ? 2 : 1)}%`;
const moreLess = (x: number): string => `${pctWords(x)} ${x < 0 ? 'less' : 'more'}`;

/**
 * The window in a sentence a journalist can print. The percent is (exp(0.1 · b) − 1) × 100:
 * how much more (or less) employment an occupation with exposure 10 points higher ended with.
 */
export function effectSentence(w: Omit<BacktestWindow, 'interpretation'>, measure: Measure): string {
  return (
    `Between May ${w.fromYear} and May ${w.toYear}, an occupation whose exposure (${measure}) was 10 percentage points higher ended the period with ` +
    `${moreLess(w.effectPer10pp)} employment than an otherwise similar occupation in the same major group ` +
    `(95% confidence interval: ${moreLess(w.effectPer10ppCi95[0])} to ${moreLess(w.effectPer10ppCi95[1])}; ${w.occupations} occupations).`
  );
}

const includesZero = (ci: [number, number]) => ci[0] <= 0 && ci[1] >= 0;

/** What the main window and the placebo say together, without claiming more than the design can. */
export function backtestReading(main: BacktestWindow, placebo: PlaceboResult): string {
  const first = includesZero(main.regression.ci95)
    ? 'In the main window the confidence interval includes zero: no relation between exposure and employment change is detectable.'
    : 'In the main window the confidence interval excludes zero, but the window is short and the design descriptive (see the caveats).';
  if (!placebo.available) return `${first} The placebo (May ${placebo.fromYear} to May ${placebo.toYear}) is not available: ${placebo.reason}.`;
  const p = placebo.window;
  const span = (w: BacktestWindow) => `${w.toYear - w.fromYear} year${w.toYear - w.fromYear === 1 ? '' : 's'}`;
  const placeboSays = `Before ChatGPT (May ${p.fromYear} to May ${p.toYear}, ${span(p)} against the main window's ${span(main)}), the same regression gives ${moreLess(p.effectPer10pp)} employment per 10 points`;
  const second = includesZero(p.regression.ci95)
    ? `${placeboSays} (interval includes zero)${Math.abs(p.effectPer10pp) >= Math.abs(main.effectPer10pp) ? ': differences at least as large as the main window\'s arose before LLMs could play a part' : ''}.`
    : `${placeboSays} (interval excludes zero): exposure already went with employment change before ChatGPT, so the main window's figure cannot be read as an LLM effect.`;
  return `${first} ${second}`;
}

function windowCaveat(from: number, to: number): string {
  // Months from ChatGPT's release (end of November 2022) to May of the end year.
  const months = (to - 2022) * 12 - 6;
  return from >= PRE_CHATGPT_YEAR
    ? `The window is short: May ${to} is ${Math.max(0, months)} months after ChatGPT's release (30 November 2022).`
    : `The window starts in May ${from}, before May ${PRE_CHATGPT_YEAR}: it mixes pre-ChatGPT change into the comparison.`;
}

/**
 * The `--json` contract: {from, to, n, coefficient, se, effectPer10pp, placebo: {from, to,
 * coefficient, se, ...}, quintiles}. coefficient and se are in log points per unit of
 * exposure; effectPer10pp is the percent employment change for exposure higher by 0.1.
 */
export function backtestJson(r: BacktestResult) {
  const quintiles = (w: BacktestWindow) =>
    w.quintiles.map((q) => ({ quintile: q.quintile, meanExposure: q.meanExposure, fromEmployment: q.fromEmployment, toEmployment: q.toEmployment, changePct: q.change * 100 }));
  const p = r.placebo;
  return {
    from: r.fromYear,
    to: r.toYear,
    measure: r.measure,
    n: r.regression.n,
    coefficient: r.regression.coefficient,
    se: r.regression.se,
    ci95: r.regression.ci95,
    effectPer10pp: r.effectPer10pp,
    effectPer10ppCi95: r.effectPer10ppCi95,
    r2: r.regression.r2,
    fixedEffects: r.regression.fixedEffects,
    interpretation: r.interpretation,
    placebo: p.available
      ? {
          from: p.window.fromYear,
          to: p.window.toYear,
          available: true as const,
          n: p.window.regression.n,
          coefficient: p.window.regression.coefficient,
          se: p.window.regression.se,
          ci95: p.window.regression.ci95,
          effectPer10pp: p.window.effectPer10pp,
          effectPer10ppCi95: p.window.effectPer10ppCi95,
          interpretation: p.window.interpretation,
          quintiles: quintiles(p.window),
        }
      : { from: p.fromYear, to: p.toYear, available: false as const, n: null, coefficient: null, se: null, effectPer10pp: null, reason: p.reason },
    reading: r.reading,
    quintiles: quintiles(r),
    units: { coefficient: 'log points per unit of exposure (0 to 1)', effectPer10pp: 'percent employment change for exposure higher by 0.1', changePct: 'percent', meanExposure: 'fraction of task weight (0 to 1)' },
    caveats: r.caveats,
  };
}
