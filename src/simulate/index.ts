/**
 * The scenario engine's entry point: `runScenario(store, options)` loads exposure, employment,
 * the BLS baseline, Emerging Tasks and the transition inputs from the store, runs the model
 * (model.ts, pure) and returns a result that serialises to the JSON contract of issue 5:
 * { scenario, years[], occupations[], flows[], unemployed, macro, method, sources }, counts in
 * workers, every output as {p5, p50, p95} over the Monte Carlo draws.
 */
import { analyzeWorkforce } from '../analysis/analyze.js';
import { loadProvenance, onetLabel } from '../data/provenance.js';
import type { Store } from '../data/store.js';
import type { GapFiller } from '../scoring/taskScores.js';
import { InputError } from '../util/errors.js';
import { loadBaseline } from './baseline.js';
import { type Band, hultenTfp, type ModelInputs, type ModelOccupation, type ModelResult, simulateAsync } from './model.js';
import { paramEntries, type Scenario, type ScenarioInput } from './params.js';
import { resolveScenario } from './scenarios.js';
import { buildTransitionInputs, type TransitionInputs, transitionMatrix } from './transitions.js';
import { loadSkillProfiles } from '../analysis/similarity.js';

export { BUILTIN_SCENARIOS, SCENARIO_NAMES, applyOverrides, parseScenario, resolveScenario } from './scenarios.js';
export type { Band } from './model.js';
export type { Scenario, ScenarioInput } from './params.js';

export interface RunScenarioOptions {
  /** 'central' | 'slow' | 'fast' | path to a JSON/YAML file | an inline scenario object (API). */
  scenario?: string | ScenarioInput;
  /** [first, last] year, default [2025, 2035]. A single number: a last year (>= 2000) or a horizon in years from 2025 (10 -> 2025-2035). */
  years?: [number, number] | number;
  draws?: number;
  seed?: number;
  set?: string[];
  filler?: GapFiller;
  /** Flow pairs to report (default 100). */
  topFlows?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ParameterOut {
  path: string;
  value: number;
  dist?: Scenario['adoption']['ceiling']['dist'];
  source: string;
  unverified: boolean;
}

export interface SimulationResult {
  scenario: { name: string; description: string; parameters: ParameterOut[]; definition: Scenario };
  settings: { years: [number, number]; draws: number; seed: number };
  years: { year: number; displaced: Band; augmented: Band; created: Band; net: Band }[];
  occupations: {
    code: string;
    title: string;
    majorGroup: string;
    /** OEWS workers in the base data year. */
    employment: number;
    /** BLS-baseline workers in the last year. */
    baseline: number;
    automationExposed: number;
    augmentation: number;
    displaced: Band;
    augmented: Band;
    created: Band;
    net: Band;
  }[];
  flows: { from: string; fromTitle: string; to: string; toTitle: string; workers: Band }[];
  groupFlows: { from: string; fromTitle: string; to: string; toTitle: string; workers: Band }[];
  unemployed: Band;
  redistribution: { displaced: Band; moved: Band; notReemployed: Band; notAbsorbed: Band; unemployed: Band };
  macro: {
    tfp: Band;
    tfpAnnual: Band;
    gdp: Band;
    /** Acemoglu (2024) inputs through the same formula: 0.20 x 0.23 x 0.27 x 0.535 = 0.66%. */
    acemogluCheck: { exposedShare: number; profitableShare: number; laborCostSaving: number; laborShare: number; tfp: number };
  };
  coverage: { employmentCovered: number; employmentTotal: number; unscoredUnits: number; noProjection: number; oewsYear: number; scorer: string; publishedOccupations: number; filledOccupations: number };
  baseline: { source: string; vintage: string; baseYear: number; targetYear: number; employmentStart: number; employmentEnd: number };
  method: string[];
  sources: string[];
}

export const DEFAULT_YEARS: [number, number] = [2025, 2035];
export const MAX_DRAWS = 100_000;

export function parseYears(years: RunScenarioOptions['years']): [number, number] {
  if (years === undefined) return DEFAULT_YEARS;
  const pair: [number, number] = typeof years === 'number' ? [DEFAULT_YEARS[0], years >= 2000 ? years : DEFAULT_YEARS[0] + years] : years;
  const [a, b] = pair;
  if (!Number.isInteger(a) || !Number.isInteger(b) || a < 2000 || b > 2100 || a > b) {
    throw new InputError(`years must be whole years FROM-TO with 2000 <= FROM <= TO <= 2100, got ${a}-${b}`, { field: 'years' });
  }
  return [a, b];
}

/** What the model needs from the store, before a scenario picks the transition weights. */
export interface RawModelInputs {
  occupations: (ModelOccupation & { onetCodes: string[] })[];
  transitionInputs: TransitionInputs;
  projection: { baseYear: number; targetYear: number };
  coverage: SimulationResult['coverage'];
  vintage: string;
  /** The O*NET releases behind the tasks and transitions ("O*NET 29.1 and 30.1"), from the store. */
  onetLabel: string;
}

/** Everything the model needs, from the store (the only I/O of the engine). */
export async function loadRawInputs(store: Store, options: { filler?: GapFiller } = {}): Promise<RawModelInputs> {
  const analysis = await analyzeWorkforce(store, { scorer: 'human', resamples: 1, compareScorers: false, by: ['major'], filler: options.filler });
  const units = analysis.units;
  const baseline = await loadBaseline(store, units.map((u) => u.socCode));
  if (!baseline) throw new InputError('no BLS Employment Projections in the store: import occupation_2024-34.xlsx (BLS EP) with `jobshift data import`');
  const newTasks = new Map((await store.all<{ onet_code: string; n: number }>(`SELECT onet_code, count(*)::INTEGER AS n FROM emerging_tasks WHERE category = 'New' GROUP BY onet_code`)).map((r) => [r.onet_code, r.n]));
  const taskCount = new Map((await store.all<{ onet_code: string; n: number }>(`SELECT onet_code, count(*)::INTEGER AS n FROM tasks GROUP BY onet_code`)).map((r) => [r.onet_code, r.n]));
  const occupations: (ModelOccupation & { onetCodes: string[] })[] = units.map((u) => {
    const proj = baseline.byUnit.get(u.socCode)!;
    const nNew = u.onetCodes.reduce((s, c) => s + (newTasks.get(c) ?? 0), 0);
    const nTasks = u.onetCodes.reduce((s, c) => s + (taskCount.get(c) ?? 0), 0);
    return {
      code: u.socCode,
      title: u.title,
      majorGroup: u.majorGroup,
      employment: u.employment,
      wage: u.annualMedian,
      automationExposed: u.automationExposed ?? 0,
      augmentation: u.augmentation,
      exposure: u.beta,
      growth: proj.growth,
      openings: u.employment * proj.openingsRate,
      emergingShare: nTasks ? nNew / nTasks : 0,
      onetCodes: u.onetCodes,
    };
  });
  const profiles = await loadSkillProfiles(store);
  const related = await store.all<{ onet_code: string; related_code: string; tier: string | null }>(`SELECT onet_code, related_code, tier FROM related_occupations`);
  const transitionInputs = buildTransitionInputs(
    occupations.map((o) => ({ code: o.code, title: o.title, majorGroup: o.majorGroup, wage: o.wage, openings: o.openings, exposure: o.automationExposed, onetCodes: o.onetCodes })),
    profiles,
    related,
  );
  return {
    occupations,
    transitionInputs,
    projection: { baseYear: baseline.baseYear, targetYear: baseline.targetYear },
    coverage: {
      employmentCovered: analysis.coverage.employmentCovered,
      employmentTotal: analysis.coverage.employmentTotal,
      unscoredUnits: analysis.coverage.unscoredUnits,
      noProjection: baseline.unmatched,
      oewsYear: analysis.oewsYear,
      scorer: analysis.scorer,
      publishedOccupations: analysis.coverage.published,
      filledOccupations: analysis.coverage.filled,
    },
    vintage: baseline.vintage,
    onetLabel: onetLabel(await loadProvenance(store)),
  };
}

/** The model's inputs for a scenario (pure): the transition matrix takes the scenario's weights. */
export function modelInputs(raw: RawModelInputs, scenario: Scenario): ModelInputs {
  const transitions = transitionMatrix(raw.transitionInputs, { weights: scenario.redistribution.weights, top: scenario.redistribution.destinations });
  return { occupations: raw.occupations.map(({ onetCodes: _o, ...o }) => o), transitions, projection: raw.projection };
}

export async function loadModelInputs(store: Store, scenario: Scenario, options: { filler?: GapFiller } = {}): Promise<{ inputs: ModelInputs; coverage: SimulationResult['coverage']; vintage: string }> {
  const raw = await loadRawInputs(store, options);
  return { inputs: modelInputs(raw, scenario), coverage: raw.coverage, vintage: raw.vintage };
}

/** Run a scenario on inputs already loaded (the server keeps them between runs). */
export async function runScenarioOn(raw: RawModelInputs, options: Omit<RunScenarioOptions, 'filler'> = {}): Promise<SimulationResult> {
  const { years, draws, seed } = checkRunOptions(options);
  const scenario = await resolveScenario(options.scenario, options.set ?? []);
  const inputs = modelInputs(raw, scenario);
  const result = await simulateAsync(inputs, scenario, { years, draws, seed, topFlows: options.topFlows, onProgress: options.onProgress });
  return shapeResult(inputs, scenario, result, { years, draws, seed, coverage: raw.coverage, vintage: raw.vintage, onetLabel: raw.onetLabel });
}

function checkRunOptions(options: RunScenarioOptions): { years: [number, number]; draws: number; seed: number } {
  const years = parseYears(options.years);
  const draws = options.draws ?? 1000;
  if (!Number.isInteger(draws) || draws < 1 || draws > MAX_DRAWS) throw new InputError(`draws must be a whole number from 1 to ${MAX_DRAWS}`, { field: 'draws' });
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw new InputError('seed must be a whole number', { field: 'seed' });
  return { years, draws, seed };
}

export async function runScenario(store: Store, options: RunScenarioOptions = {}): Promise<SimulationResult> {
  checkRunOptions(options);
  // The scenario first: a bad name or --set fails before any loading.
  const scenario = await resolveScenario(options.scenario, options.set ?? []);
  const raw = await loadRawInputs(store, { filler: options.filler });
  return runScenarioOn(raw, { ...options, scenario: scenario as ScenarioInput, set: [] });
}

const GROUP_TITLES: Record<string, string> = {
  '11': 'Management', '13': 'Business and financial operations', '15': 'Computer and mathematical', '17': 'Architecture and engineering',
  '19': 'Life, physical, and social science', '21': 'Community and social service', '23': 'Legal', '25': 'Educational instruction and library',
  '27': 'Arts, design, entertainment, sports, and media', '29': 'Healthcare practitioners and technical', '31': 'Healthcare support', '33': 'Protective service',
  '35': 'Food preparation and serving related', '37': 'Building and grounds cleaning and maintenance', '39': 'Personal care and service', '41': 'Sales and related',
  '43': 'Office and administrative support', '45': 'Farming, fishing, and forestry', '47': 'Construction and extraction', '49': 'Installation, maintenance, and repair',
  '51': 'Production', '53': 'Transportation and material moving', '55': 'Military specific',
};

/** SOC 2018 major group title. */
export const majorGroupTitle = (g: string) => GROUP_TITLES[g] ?? `Group ${g}`;

export function shapeResult(
  inputs: ModelInputs,
  scenario: Scenario,
  r: ModelResult,
  ctx: { years: [number, number]; draws: number; seed: number; coverage: SimulationResult['coverage']; vintage: string; onetLabel: string },
): SimulationResult {
  const occ = inputs.occupations;
  const { baseYear, targetYear } = inputs.projection;
  const span = Math.max(1, targetYear - baseYear);
  const at = (o: ModelOccupation, y: number) => o.employment * Math.pow(o.growth, (y - baseYear) / span);
  const period = Math.max(1, ctx.years[1] - baseYear);
  const perYear = (b: Band): Band => ({ p5: Math.pow(1 + b.p5, 1 / period) - 1, p50: Math.pow(1 + b.p50, 1 / period) - 1, p95: Math.pow(1 + b.p95, 1 / period) - 1 });
  const ace = { exposedShare: 0.2, profitableShare: 0.23, laborCostSaving: 0.27, laborShare: 0.535 };
  const occupations = r.occupations
    .map((o) => {
      const x = occ[o.index]!;
      return {
        code: x.code,
        title: x.title,
        majorGroup: x.majorGroup,
        employment: x.employment,
        baseline: at(x, ctx.years[1]),
        automationExposed: x.automationExposed,
        augmentation: x.augmentation,
        displaced: o.displaced,
        augmented: o.augmented,
        created: o.created,
        net: o.net,
      };
    })
    .sort((a, b) => b.displaced.p50 - a.displaced.p50 || a.code.localeCompare(b.code));
  return {
    scenario: {
      name: scenario.name,
      description: scenario.description,
      parameters: paramEntries(scenario).map(({ path, param }) => ({ path, value: param.value, ...(param.dist ? { dist: param.dist } : {}), source: param.source, unverified: param.unverified ?? false })),
      definition: scenario,
    },
    settings: { years: ctx.years, draws: ctx.draws, seed: ctx.seed },
    years: r.years.map(({ tfp: _t, ...y }) => y),
    occupations,
    flows: r.flows.map((f) => ({ from: occ[f.from]!.code, fromTitle: occ[f.from]!.title, to: occ[f.to]!.code, toTitle: occ[f.to]!.title, workers: f.workers })),
    groupFlows: r.groupFlows.map((f) => ({ from: f.from, fromTitle: majorGroupTitle(f.from), to: f.to, toTitle: majorGroupTitle(f.to), workers: f.workers })),
    unemployed: r.unemployed,
    redistribution: { displaced: r.displacedTotal, moved: r.flowsTotal, notReemployed: r.notReemployed, notAbsorbed: r.notAbsorbed, unemployed: r.unemployed },
    macro: {
      tfp: r.tfp,
      tfpAnnual: perYear(r.tfp),
      gdp: r.gdp,
      acemogluCheck: { ...ace, tfp: hultenTfp(ace.exposedShare * ace.profitableShare, ace.laborCostSaving * ace.laborShare) },
    },
    coverage: ctx.coverage,
    baseline: {
      source: `BLS Employment Projections ${ctx.vintage} (National Employment Matrix)`,
      vintage: ctx.vintage,
      baseYear,
      targetYear,
      employmentStart: occ.reduce((s, o) => s + at(o, ctx.years[0]), 0),
      employmentEnd: occ.reduce((s, o) => s + at(o, ctx.years[1]), 0),
    },
    method: methodNotes(scenario, ctx),
    sources: [
      'Acemoglu (2024), "The Simple Macroeconomics of AI", NBER WP 32487 / Economic Policy 40(121) — Hulten TFP, task shares and cost savings',
      'Acemoglu & Restrepo (2019), "Automation and New Tasks", JEP 33(2) — displacement, productivity and reinstatement',
      'Eloundou, Manning, Mishkin & Rock (2024), "GPTs are GPTs", Science 384 — task exposure and automation labels',
      'Autor, Chin, Salomons & Seegmiller (2024), "New Frontiers", QJE 139(3) — augmentation and new work',
      'Bessen (2019), "Automation and jobs: when technology boosts employment", Economic Policy 34(100) — demand elasticity rule',
      'Bick, Blandin & Deming (2024/25), "The Rapid Adoption of Generative AI"; Pew (2025) — adoption levels and logistic fits',
      'BLS Displaced Worker Survey (Jan 2024) — re-employment of displaced workers',
      `BLS Employment Projections ${ctx.vintage} — baseline path and openings; BLS OEWS May ${ctx.coverage.oewsYear} — employment and wages`,
      `${ctx.onetLabel}: Emerging Tasks, Related Occupations, Skills and Knowledge (CC BY 4.0)`,
    ],
  };
}

function methodNotes(s: Scenario, ctx: { years: [number, number]; draws: number; seed: number; coverage: SimulationResult['coverage'] }): string[] {
  const cov = ctx.coverage;
  const uncovered = cov.employmentTotal - cov.employmentCovered;
  return [
    `Scenario "${s.name}": ${s.description}`,
    'All numbers are cumulative differences from the BLS 2024-34 projection path (extended geometrically past 2034), in workers, by the end of each year.',
    `Adoption: logistic K / (1 + exp(-r (t - t0))); effects count adoption beyond its ${s.adoption.baseYear} level, which the BLS projections already reflect.`,
    'Displaced = baseline employment x automation-exposed task share (exposed and rated T3-T4) x added adoption x substitution rate.',
    'Augmented = employment change from productivity gains in exposed-but-augmented work: labour saved pi = augmentation share x adoption x cost saving lowers unit cost by labour share x pi, and constant-elasticity demand (by major group) sets output: (1 - pi)(1 - labour share x pi)^(-elasticity) - 1. It can be negative.',
    'Created = growth of AI-complementary work (augmentation share x complementary growth per decade x adoption) + new-task jobs (reinstatement x all displaced) placed where O*NET Emerging Tasks (category New) appear.',
    'Net = created + augmented - displaced. Jobs lost through augmentation (negative augmented) shrink occupations through fewer hires and are not routed through redistribution.',
    'Redistribution (last year): the re-employed share of displaced workers moves along a transition matrix (conditional logit over O*NET skill+knowledge similarity, Related Occupations, log wage distance, destination automation exposure, sized by projected openings; top destinations per occupation); a destination absorbs at most the scenario\'s share of its openings over the period plus its new jobs. Not re-employed and not absorbed workers form the unemployed pool; displaced = moved + unemployed.',
    'Macro: Hulten\'s theorem as in Acemoglu (2024): TFP = wage-bill-weighted exposure (beta) x substitution rate x added adoption x cost saving x labour share; GDP = TFP / (1 - capital share).',
    `Uncertainty: ${ctx.draws.toLocaleString('en-US')} Monte Carlo draws of every parameter with a distribution (seed ${ctx.seed}); bands are the 5th, 50th and 95th percentiles. Parameters marked unverified rest on a secondary source or on reasoning.`,
    `Coverage: ${cov.scorer} task labels (GPTs-are-GPTs; automation levels are GPT-4's) for ${cov.publishedOccupations} O*NET occupations${cov.filledOccupations ? `, ${cov.filledOccupations} more rated by the built-in local model (gap filler)` : ''}; together ${(100 * cov.employmentCovered / Math.max(1, cov.employmentTotal)).toFixed(1)}% of OEWS ${cov.oewsYear} employment. ${Math.round(uncovered).toLocaleString('en-US')} workers in ${cov.unscoredUnits} occupations without rated tasks are not simulated${cov.noProjection ? `; ${cov.noProjection} occupations without a BLS projection take the national growth and openings rates` : ''}.`,
  ];
}
