/**
 * The three built-in scenarios and how a scenario is chosen: by name, from a JSON or YAML file,
 * or inline (the API), then changed with `--set PATH=VALUE`.
 *
 * Every parameter carries its source beside it. Ids refer to the tables of the project's methods
 * brief of published parameters (METHODS.md, kept beside the data): A = Acemoglu (2024),
 * "The Simple Macroeconomics of AI"; D = adoption series and logistic fits; E = experiments;
 * L = demand response; N = new work; R = displacement and reallocation. "[S]": only a secondary
 * source stated the value (unverified). Where no source exists the parameter is sampled over a
 * stated range and marked unverified.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError } from '../util/errors.js';
import { checkBounds, type Param, type Scenario, type ScenarioInput, ScenarioSchema } from './params.js';

const p = (value: number, source: string, dist?: Param['dist'], unverified?: boolean): Param => ({ value, source, ...(dist ? { dist } : {}), ...(unverified ? { unverified } : {}) });

/** Health care demand is inelastic (RAND HIE, L4): SOC 29 practitioners, 31 support. */
const healthElasticity = () => ({
  '29': p(0.2, 'L4: health-care price elasticity -0.2 (Aron-Dine, Einav & Finkelstein 2013); sampled 0.1-0.4', { type: 'uniform', min: 0.1, max: 0.4 }),
  '31': p(0.2, 'L4: health-care price elasticity -0.2 (Aron-Dine, Einav & Finkelstein 2013); sampled 0.1-0.4', { type: 'uniform', min: 0.1, max: 0.4 }),
});

const labourShare = () => p(0.535, 'A5: labour share of exposed tasks 0.535 (Acemoglu 2024, from BLS/BEA data)');
const capitalShare = () => p(0.43, 'A9: capital share 0.43, so GDP = TFP / (1 - 0.43), about x1.75 (Acemoglu 2024 §3.4)');
const openingsShare = (value: number, min: number, max: number) =>
  p(
    value,
    'No source: share of an occupation\'s projected openings (BLS EP 2024-34) that displaced workers from other occupations can fill. Occupational transfers are 5.9% of 10.6% separations a year (R1), but displaced workers compete with other movers and new entrants; sampled over a stated range',
    { type: 'uniform', min, max },
    true,
  );

export const BUILTIN_SCENARIOS: Record<'slow' | 'central' | 'fast', ScenarioInput> = {
  central: {
    name: 'central',
    description: 'Work use of generative AI follows the logistic fitted to 2024-25 survey levels with an 80% ceiling; Acemoglu (2024) shares of tasks automated and cost savings; unit-elastic demand.',
    adoption: {
      ceiling: p(0.8, 'D8: ceiling K assumed 0.8 in the logistic fit to work use (Bick, Blandin & Deming 28.1% Aug 2024; 37.4% Aug 2025 [S]); sampled over the fitted K range 0.6-1.0', { type: 'uniform', min: 0.6, max: 1.0 }, true),
      midpoint: p(2025.9, 'D8: midpoint 2025.9 for K = 0.8; range from the K = 0.6 (2024.8) and Pew (2028.4) fits', { type: 'triangular', min: 2024.8, mode: 2025.9, max: 2028.4 }),
      rate: p(0.48, 'D8: rate r = 0.48/yr for K = 0.8 (10% -> 90% of the ceiling in 9.1 years); range from the Pew (0.38) and K = 0.6 (0.63) fits', { type: 'uniform', min: 0.38, max: 0.63 }),
      baseYear: 2024,
    },
    displacement: {
      substitutionRate: p(0.23, 'A2: share of automation-exposed tasks profitably automated within ten years, 0.23 (Acemoglu 2024 after Svanberg et al.); range 0.167 (A8: only the 72.6% "easy" tasks) to 0.30 (A2: costs fall 10%/yr)', { type: 'uniform', min: 0.167, max: 0.3 }),
    },
    augmentation: {
      costSaving: p(0.27, 'A4: labour-cost saving on impacted tasks 0.27 (mean of Noy & Zhang 0.40 and Brynjolfsson et al. 0.14); range E1 0.14 to A4 with Peng 0.36', { type: 'uniform', min: 0.14, max: 0.36 }),
      labourShare: labourShare(),
      elasticity: p(1.0, 'L1: Bessen (2019) rule, jobs rise with productivity iff demand elasticity > 1; no sourced table by sector, so sampled from 0.2 (L4/A10) to 2.13 (L1 early-industry low end [S])', { type: 'uniform', min: 0.2, max: 2.13 }, true),
      elasticityByGroup: healthElasticity(),
    },
    newWork: {
      complementaryGrowth: p(0.0161, 'N3: +1.61 pp employment growth per decade per unit augmentation exposure (Autor, Chin, Salomons & Seegmiller 2024, 2SLS); range 1.11 (industry FE) to 1.85 (OLS 1940-80)', { type: 'uniform', min: 0.0111, max: 0.0185 }),
      reinstatement: p(0.61, 'No primary source: new-task jobs per displaced job, placed where O*NET Emerging Tasks appear. Sampled 0 to 1.22 (N5: WEF 2025 AI & information 11M created vs 9M displaced [S])', { type: 'uniform', min: 0, max: 1.22 }, true),
    },
    redistribution: {
      reemployment: p(0.657, 'R2: 65.7% of long-tenured displaced workers re-employed (BLS Displaced Worker Survey, Jan 2024); range 55.3% (age 55-64) to 74.5% (age 25-54)', { type: 'uniform', min: 0.553, max: 0.745 }),
      openingsShare: openingsShare(0.1, 0.05, 0.2),
      weights: { skill: 4, related: 1.5, wage: 2, exposure: 2 },
      destinations: 20,
    },
    macro: { capitalShare: capitalShare() },
  },
  slow: {
    name: 'slow',
    description: 'Slower diffusion (the Pew series fit), only "easy" tasks automated, smaller cost savings and inelastic demand.',
    adoption: {
      ceiling: p(0.8, 'D8: Pew series fit with K assumed 0.8; sampled 0.5-0.8 (lower ceilings: BTOS firm fit K 0.5)', { type: 'uniform', min: 0.5, max: 0.8 }, true),
      midpoint: p(2028.4, 'D8: midpoint 2028.4 (Pew, workers with some work done with AI); sampled 2027-2030 (reasoning: around the fit)', { type: 'uniform', min: 2027, max: 2030 }),
      rate: p(0.38, 'D8: rate 0.38/yr (Pew fit); down to 0.15 (PCs at work, D8)', { type: 'uniform', min: 0.15, max: 0.38 }),
      baseYear: 2024,
    },
    displacement: {
      substitutionRate: p(0.167, 'A2 x A8: 0.23 x 72.6% (only "easy" tasks are automated, Acemoglu 2024 §3.3); sampled 0.10-0.23', { type: 'uniform', min: 0.1, max: 0.23 }),
    },
    augmentation: {
      costSaving: p(0.14, 'E1: +14% issues per hour (Brynjolfsson, Li & Raymond 2023); sampled down to the hard-task saving 0.07 (A8)', { type: 'uniform', min: 0.07, max: 0.27 }),
      labourShare: labourShare(),
      elasticity: p(0.2, 'L4/A10: 0.2 (health care; Acemoglu\'s sector elasticity); sampled 0.1-1.0 (no sourced table)', { type: 'uniform', min: 0.1, max: 1.0 }, true),
      elasticityByGroup: healthElasticity(),
    },
    newWork: {
      complementaryGrowth: p(0.0111, 'N3: +1.11 pp per decade per unit augmentation exposure (with industry fixed effects)', { type: 'uniform', min: 0.0, max: 0.0161 }),
      reinstatement: p(0.3, 'No primary source: sampled 0-0.61 (half the central range)', { type: 'uniform', min: 0, max: 0.61 }, true),
    },
    redistribution: {
      reemployment: p(0.65, 'R2: 2019-21 displaced cohort, 65% re-employed', { type: 'uniform', min: 0.553, max: 0.7 }),
      openingsShare: openingsShare(0.07, 0.03, 0.15),
      weights: { skill: 4, related: 1.5, wage: 2, exposure: 2 },
      destinations: 20,
    },
    macro: { capitalShare: capitalShare() },
  },
  fast: {
    name: 'fast',
    description: 'Universal adoption ceiling, costs of automation falling 10% a year, large savings (Peng et al.) and elastic demand.',
    adoption: {
      ceiling: p(1.0, 'D8: logistic fit with K = 1.0; sampled 0.8-1.0', { type: 'uniform', min: 0.8, max: 1.0 }, true),
      midpoint: p(2026.9, 'D8: midpoint 2026.9 for K = 1.0; sampled 2025.9-2027.9 (reasoning: around the fit)', { type: 'uniform', min: 2025.9, max: 2027.9 }),
      rate: p(0.42, 'D8: rate 0.42/yr for K = 1.0; up to 0.63 (K = 0.6 fit)', { type: 'uniform', min: 0.42, max: 0.63 }),
      baseYear: 2024,
    },
    displacement: {
      substitutionRate: p(0.3, 'A2: 0.30 when automation costs fall 10% a year (Acemoglu 2024); stressed up to 0.40 (reasoning)', { type: 'uniform', min: 0.23, max: 0.4 }, true),
    },
    augmentation: {
      costSaving: p(0.36, 'A4 with Peng et al. 0.558 added: 0.36; sampled up to E3 0.558 (Copilot, 55.8% faster)', { type: 'uniform', min: 0.27, max: 0.558 }),
      labourShare: labourShare(),
      elasticity: p(2.13, 'L1: 2.13, low end of early-industry elasticities (Bessen 2019 [S]); sampled 1.0-3.0 (no sourced table)', { type: 'uniform', min: 1.0, max: 3.0 }, true),
      elasticityByGroup: healthElasticity(),
    },
    newWork: {
      complementaryGrowth: p(0.0185, 'N3: +1.85 pp per decade per unit augmentation exposure (OLS 1940-80)', { type: 'uniform', min: 0.0161, max: 0.0185 }),
      reinstatement: p(1.22, 'N5: 1.22 jobs per displaced (WEF 2025, AI & information [S]); sampled 0.61-1.85 (N5 all drivers [S])', { type: 'uniform', min: 0.61, max: 1.85 }, true),
    },
    redistribution: {
      reemployment: p(0.7, 'R2: 2017-19 displaced cohort, 70% re-employed', { type: 'uniform', min: 0.657, max: 0.745 }),
      openingsShare: openingsShare(0.15, 0.1, 0.25),
      weights: { skill: 4, related: 1.5, wage: 2, exposure: 2 },
      destinations: 20,
    },
    macro: { capitalShare: capitalShare() },
  },
};

export const SCENARIO_NAMES = Object.keys(BUILTIN_SCENARIOS) as (keyof typeof BUILTIN_SCENARIOS)[];

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** Validate a scenario object (from a file, the API or a built-in) and check its bounds. */
export function parseScenario(raw: unknown, where: { file?: string } = {}): Scenario {
  const r = ScenarioSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = issue.path.map(String).join('.') || 'scenario';
    const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
    throw new InputError(missing ? 'is required' : issue.message, { ...where, field });
  }
  checkBounds(r.data, where);
  return r.data;
}

/** A built-in scenario by name, or a JSON/YAML file. */
export async function loadScenario(nameOrPath: string | undefined): Promise<{ input: ScenarioInput; file?: string }> {
  const name = nameOrPath ?? 'central';
  if (name in BUILTIN_SCENARIOS) return { input: clone(BUILTIN_SCENARIOS[name as keyof typeof BUILTIN_SCENARIOS]) };
  const looksLikeFile = /[./\\]/.test(name);
  if (!looksLikeFile) throw new InputError(`unknown scenario "${name}" (built in: ${SCENARIO_NAMES.join(', ')}; or a .json/.yaml file)`, { field: 'scenario' });
  let text: string;
  try {
    text = readFileSync(name, 'utf8');
  } catch {
    throw new InputError(`scenario file not found or unreadable`, { file: name });
  }
  const ext = extname(name).toLowerCase();
  let raw: unknown;
  try {
    if (ext === '.yaml' || ext === '.yml') {
      const yaml = (await import('yaml').catch(() => null)) as { parse(s: string): unknown } | null;
      if (!yaml) throw new InputError('YAML scenarios need the "yaml" package; write the scenario as JSON instead', { file: name });
      raw = yaml.parse(text);
    } else raw = JSON.parse(text);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`not valid ${ext === '.yaml' || ext === '.yml' ? 'YAML' : 'JSON'}: ${(err as Error).message.split('\n')[0]}`, { file: name });
  }
  return { input: raw as ScenarioInput, file: name };
}

const GROUP_PARAM = /^(adoption\.byGroup\.\d{2}\.(ceiling|midpoint|rate)|augmentation\.elasticityByGroup\.\d{2})$/;

/**
 * Apply `PATH=VALUE` overrides. A path to a parameter sets it to a fixed number (its
 * distribution is dropped, so `adoption.ceiling=0` means exactly zero in every draw); a path
 * to any other number (`adoption.ceiling.dist.max`, `redistribution.destinations`) sets it;
 * a JSON value replaces what is there. New group overrides (`adoption.byGroup.15.ceiling`) are
 * created. Unknown paths are an error naming the path.
 */
export function applyOverrides(input: ScenarioInput, sets: string[]): ScenarioInput {
  const out = clone(input) as Record<string, unknown>;
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new InputError(`--set needs PATH=VALUE, got "${s}"`, { field: 'set' });
    const path = s.slice(0, eq).trim();
    const text = s.slice(eq + 1).trim();
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = text;
    }
    const keys = path.split('.');
    let node: Record<string, unknown> = out;
    for (let i = 0; i < keys.length - 1; i++) {
      const k = keys[i]!;
      let next = node[k];
      if ((next === undefined || next === null) && GROUP_PARAM.test(path) && i >= 1) {
        next = {};
        node[k] = next;
      }
      if (!next || typeof next !== 'object' || Array.isArray(next)) throw new InputError(`unknown parameter path`, { field: path });
      node = next as Record<string, unknown>;
    }
    const last = keys[keys.length - 1]!;
    const current = node[last];
    const isParam = (x: unknown): x is Param => !!x && typeof x === 'object' && 'value' in x && 'source' in x;
    if (current === undefined && GROUP_PARAM.test(path)) {
      if (typeof value !== 'number') throw new InputError(`must be a number, got "${text}"`, { field: path });
      node[last] = { value, source: `set on the command line (--set ${s})` };
    } else if (isParam(current)) {
      if (typeof value === 'number') node[last] = { value, source: `${current.source} — overridden: --set ${s}`, ...(current.unverified ? { unverified: true } : {}) };
      else if (value && typeof value === 'object') node[last] = value;
      else throw new InputError(`must be a number, got "${text}"`, { field: path });
    } else if (typeof current === 'number') {
      if (typeof value !== 'number') throw new InputError(`must be a number, got "${text}"`, { field: path });
      node[last] = value;
    } else if (current !== undefined && typeof value === typeof current) {
      node[last] = value;
    } else {
      throw new InputError(`unknown parameter path`, { field: path });
    }
  }
  return out as ScenarioInput;
}

/** Scenario name, file or inline object, plus overrides -> a checked scenario. */
export async function resolveScenario(scenario: string | ScenarioInput | undefined, sets: string[] = []): Promise<Scenario> {
  const { input, file } = typeof scenario === 'object' && scenario !== null ? { input: scenario, file: undefined } : await loadScenario(scenario);
  // Check the file as written first, so its own faults are named with the file.
  if (file) parseScenario(input, { file });
  return parseScenario(applyOverrides(input, sets));
}
