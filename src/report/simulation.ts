/**
 * The scenario engine's result as the report reads it. Its JSON is checked at this boundary
 * (numbers or bands {p5, p50, p95}) and normalised to bands, so the sections never guess at a
 * shape; when the engine cannot run (no BLS projections imported), the scenario sections say
 * plainly why.
 */
import type { Store } from '../data/store.js';
import type { GapFiller } from '../scoring/taskScores.js';
import { runScenario } from '../simulate/index.js';
import { isInputError } from '../util/errors.js';
import type { Availability } from './facts.js';

export interface Band {
  p5: number;
  p50: number;
  p95: number;
}

export interface ScenarioParameter {
  path: string;
  value: number;
  source: string;
  unverified: boolean;
}

export interface Flow {
  from: string;
  to: string;
  fromCode?: string;
  toCode?: string;
  workers: Band;
}

export interface Simulation {
  scenario: string;
  description: string;
  parameters: ScenarioParameter[];
  settings: { years: [number, number] | null; draws: number | null; seed: number | null };
  years: { year: number; displaced: Band; augmented: Band; created: Band; net: Band }[];
  occupations: { code: string; title: string; employment: number; displaced: Band; augmented: Band; created: Band; net: Band }[];
  /** Occupation to occupation (titles; codes when the engine gives them), the largest pairs. */
  flows: Flow[];
  /** Major group to major group, all moves. */
  groupFlows: Flow[];
  /** BLS Employment Projections vintage of the baseline ("2024-34"). */
  baselineVintage: string | null;
  /** End-year totals: displaced, moved to other occupations, not re-employed, unemployed. */
  redistribution: Record<string, Band>;
  unemployed: Band | null;
  /** Macro results with bands (tfp, tfpAnnual, gdp). */
  macroBands: { name: string; band: Band }[];
  /** Other macro numbers flattened (e.g. acemogluCheck.tfp). */
  macro: { name: string; value: number }[];
  method: string[];
  sources: string[];
}

export interface SimulationOptions {
  scenario: string;
  years?: [number, number] | number;
  draws?: number;
  seed?: number;
  filler?: GapFiller;
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** A number or {p5, p50, p95} (other percentile names tolerated) -> a band; null when neither. */
export function toBand(x: unknown): Band | null {
  if (isNum(x)) return { p5: x, p50: x, p95: x };
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    const mid = [o.p50, o.median, o.mean, o.value].find(isNum);
    if (mid === undefined) return null;
    const lo = [o.p5, o.p05, o.lo, o.low].find(isNum) ?? mid;
    const hi = [o.p95, o.hi, o.high].find(isNum) ?? mid;
    return { p5: lo, p50: mid, p95: hi };
  }
  return null;
}

const zero: Band = { p5: 0, p50: 0, p95: 0 };

/** Flatten nested numeric fields: {tfp: {p50: 0.01, annual: {p50: ...}}} -> [{name: 'tfp', ...}]. */
function flattenMacro(x: unknown, prefix = ''): { name: string; value: number }[] {
  if (!x || typeof x !== 'object') return [];
  const out: { name: string; value: number }[] = [];
  for (const [k, v] of Object.entries(x as Record<string, unknown>)) {
    const name = prefix ? `${prefix}.${k}` : k;
    if (isNum(v)) out.push({ name, value: v });
    else if (v && typeof v === 'object' && !Array.isArray(v)) out.push(...flattenMacro(v, name));
  }
  return out;
}

const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : typeof x === 'string' ? [x] : []);

/** Read the engine's JSON into the report's shape; throws with the field that is wrong. */
export function normaliseSimulation(raw: unknown): Simulation {
  const r = raw as Record<string, unknown>;
  if (!r || typeof r !== 'object' || !Array.isArray(r.years)) throw new Error('scenario result has no "years" array');
  const years = (r.years as Record<string, unknown>[]).map((y, i) => {
    const displaced = toBand(y.displaced);
    if (!isNum(y.year) || !displaced) throw new Error(`scenario result years[${i}]: needs "year" and "displaced"`);
    const created = toBand(y.created) ?? zero;
    return { year: y.year, displaced, augmented: toBand(y.augmented) ?? zero, created, net: toBand(y.net) ?? { p5: created.p5 - displaced.p95, p50: created.p50 - displaced.p50, p95: created.p95 - displaced.p5 } };
  });
  const occupations = (Array.isArray(r.occupations) ? (r.occupations as Record<string, unknown>[]) : []).map((o) => ({
    code: String(o.code ?? o.socCode ?? o.onetCode ?? ''),
    title: String(o.title ?? o.code ?? ''),
    employment: isNum(o.employment) ? o.employment : 0,
    displaced: toBand(o.displaced) ?? zero,
    augmented: toBand(o.augmented) ?? zero,
    created: toBand(o.created) ?? zero,
    net: toBand(o.net) ?? zero,
  }));
  const flowList = (x: unknown) =>
    (Array.isArray(x) ? (x as Record<string, unknown>[]) : [])
      .map((f) => ({
        from: String(f.fromTitle ?? f.from ?? ''),
        to: String(f.toTitle ?? f.to ?? ''),
        ...(f.fromTitle !== undefined && f.from !== undefined ? { fromCode: String(f.from), toCode: String(f.to) } : {}),
        workers: toBand(f.workers),
      }))
      .filter((f): f is Flow => f.workers !== null && f.from !== '' && f.to !== '');
  const sc = r.scenario && typeof r.scenario === 'object' ? (r.scenario as Record<string, unknown>) : { name: r.scenario };
  const parameters = (Array.isArray(sc.parameters) ? (sc.parameters as Record<string, unknown>[]) : [])
    .filter((p) => typeof p.path === 'string' && isNum(p.value))
    .map((p) => ({ path: String(p.path), value: p.value as number, source: String(p.source ?? ''), unverified: p.unverified === true }));
  const settings = (r.settings ?? {}) as Record<string, unknown>;
  const yearsSetting = Array.isArray(settings.years) && settings.years.length === 2 && settings.years.every(isNum) ? (settings.years as [number, number]) : null;
  const redistribution: Record<string, Band> = {};
  for (const [k, v] of Object.entries((r.redistribution ?? {}) as Record<string, unknown>)) {
    const b = toBand(v);
    if (b) redistribution[k] = b;
  }
  const macroBands: Simulation['macroBands'] = [];
  const macroRest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries((r.macro ?? {}) as Record<string, unknown>)) {
    const b = v && typeof v === 'object' && ('p50' in v || 'median' in v) ? toBand(v) : isNum(v) ? null : null;
    if (b) macroBands.push({ name: k, band: b });
    else macroRest[k] = v;
  }
  return {
    scenario: String(sc.name ?? 'scenario'),
    description: typeof sc.description === 'string' ? sc.description : '',
    parameters,
    settings: { years: yearsSetting, draws: isNum(settings.draws) ? settings.draws : null, seed: isNum(settings.seed) ? settings.seed : null },
    years,
    occupations,
    flows: flowList(r.flows),
    groupFlows: flowList(r.groupFlows),
    baselineVintage: r.baseline && typeof (r.baseline as { vintage?: unknown }).vintage === 'string' ? (r.baseline as { vintage: string }).vintage : null,
    redistribution,
    unemployed: toBand(r.unemployed),
    macroBands,
    macro: flattenMacro(macroRest),
    method: strings(r.method),
    sources: strings(r.sources),
  };
}

/**
 * Run the scenario with the engine (src/simulate). An unknown scenario name or bad scenario
 * parameters are the user's error (InputError, passed on); missing inputs (no BLS projections
 * in the store) leave the scenario sections unavailable with the reason.
 */
export async function loadSimulation(store: Store, options: SimulationOptions): Promise<Availability<Simulation>> {
  try {
    const raw = await runScenario(store, { scenario: options.scenario, years: options.years, draws: options.draws, seed: options.seed, filler: options.filler });
    return { available: true, value: normaliseSimulation(raw) };
  } catch (err) {
    if (isInputError(err)) {
      if (err.field === 'scenario' || err.field === 'draws' || err.field === 'years' || err.field === 'seed' || err.file) throw err;
      return { available: false, reason: err.message };
    }
    return { available: false, reason: `the scenario engine failed: ${(err as Error).message.split('\n')[0]}` };
  }
}
