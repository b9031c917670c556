/**
 * The report's facts: every number the report shows, gathered once from the stages that
 * compute them (analysis, comparison, backtest, scenario engine, data status), each headline
 * number with its unit, source and method. Sections, charts, tables and narrative read only
 * this object, so a number in the prose and the same number in a table are the same value.
 */
import { analyzeWorkforce, type WorkforceAnalysis } from '../analysis/analyze.js';
import { backtest, type BacktestResult } from '../analysis/backtest.js';
import { compareMeasures, type ComparisonResult, PUBLISHED_MEASURES, publishedSeries, scorerSeries } from '../analysis/compare.js';
import { occupationExposure } from '../analysis/exposure.js';
import { type DataStatus, dataStatus } from '../data/status.js';
import type { Store } from '../data/store.js';
import { type GapFiller, loadTaskScores, type ScorerName } from '../scoring/taskScores.js';
import { isInputError } from '../util/errors.js';
import { loadSimulation, type Simulation } from './simulation.js';

/** 'share' is a fraction (0.31 = 31%); 'percent' is in percent (0.5 = 0.5%). */
export type FactUnit = 'share' | 'percent' | 'workers' | 'usd' | 'log points' | 'count' | 'year' | 'correlation';

/** One number a reader sees, with what it is and where it comes from. */
export interface Fact {
  value: number;
  unit: FactUnit;
  label: string;
  source: string;
  method: string;
}

export type Availability<T> = { available: true; value: T } | { available: false; reason: string };

export interface ProductivityFacts {
  fromYear: number;
  toYear: number;
  /** Annual growth rates (compound), per industry. */
  industries: { industry: string; labourProductivity: number | null; tfp: number | null }[];
  medianLabourProductivity: number;
  medianTfp: number;
  source: string;
  method: string;
}

/** One published measure against jobshift's scores, code by code, for a scatter plot. */
export interface MeasurePairPoints {
  a: { id: string; label: string; source: string };
  b: { id: string; label: string; source: string };
  points: { code: string; title: string; a: number; b: number }[];
  pearson: number | null;
}

export interface DataSourceRow {
  dataset: string;
  name: string;
  publisher: string;
  version: string;
  license: string;
  files: string[];
}

export interface Citation {
  key: string;
  text: string;
  usedFor: string;
}

export interface ReportFacts {
  /** Date the report was made (YYYY-MM-DD). */
  date: string;
  scorer: ScorerName;
  measure: WorkforceAnalysis['measure'];
  oewsYear: number;
  headline: Record<string, Fact>;
  analysis: WorkforceAnalysis;
  comparison: Availability<ComparisonResult>;
  /** jobshift's scorer against the language-model AIOE (or the first published measure there is). */
  measurePair: MeasurePairPoints | null;
  backtest: Availability<BacktestResult>;
  simulation: Availability<Simulation>;
  productivity: Availability<ProductivityFacts>;
  data: DataStatus;
  dataSources: DataSourceRow[];
  citations: Citation[];
}

export interface GatherOptions {
  scorer?: string;
  measure?: string;
  scenario?: string;
  seed?: number;
  resamples?: number;
  /** Scenario years ([first, last], or a horizon as the engine reads it) and Monte Carlo draws (defaults of the scenario engine). */
  years?: [number, number] | number;
  draws?: number;
  filler?: GapFiller;
  /** Fixed date for reproducible output (tests); default today. */
  date?: string;
}

const SCORER_LABELS: Partial<Record<ScorerName, string>> = { human: 'jobshift human beta', gpt4: 'jobshift GPT-4 beta', local: 'jobshift local-model beta', llm: 'jobshift LLM beta', llama: 'jobshift local-GGUF beta' };

/** Gather every number of the report. Parts whose inputs are missing are marked unavailable with the reason. */
export async function gatherFacts(store: Store, options: GatherOptions = {}): Promise<ReportFacts> {
  // The scenario first: an unknown scenario name is the user's error, reported before other work.
  const simulation = await loadSimulation(store, { scenario: options.scenario ?? 'central', years: options.years, draws: options.draws, seed: options.seed ?? 1, filler: options.filler });
  const analysis = await analyzeWorkforce(store, {
    scorer: options.scorer,
    measure: options.measure,
    resamples: options.resamples ?? 1000,
    seed: options.seed ?? 1,
    filler: options.filler,
  });
  const comparison = await optional(async () => {
    const scorers: Parameters<typeof compareMeasures>[1] = [];
    for (const s of ['human', 'gpt4', 'local', 'llm'] as ScorerName[]) {
      try {
        const set = await loadTaskScores(store, s, { filler: options.filler });
        scorers.push({ id: s, label: SCORER_LABELS[s]!, source: set.method, occupations: occupationExposure(set.tasks) });
      } catch {
        // scorer not available here
      }
    }
    const result = await compareMeasures(store, scorers);
    if (result.series.length < 2) throw new Unavailable('no published measures are imported');
    return result;
  });
  const measurePair = comparison.available ? await pairPoints(store, analysis, comparison.value) : null;
  const bt = await optional(() => backtest(store, analysis.units, analysis.measure));
  const productivity = await optional(() => productivityFacts(store));
  const data = await dataStatus(store);
  return {
    date: options.date ?? new Date().toISOString().slice(0, 10),
    scorer: analysis.scorer,
    measure: analysis.measure,
    oewsYear: analysis.oewsYear,
    headline: headlineFacts(analysis, bt.available ? bt.value : null, simulation.available ? simulation.value : null),
    analysis,
    comparison,
    measurePair,
    backtest: bt,
    simulation,
    productivity,
    data,
    dataSources: dataSources(data),
    citations: CITATIONS,
  };
}

class Unavailable extends Error {}

async function pairPoints(store: Store, a: WorkforceAnalysis, c: ComparisonResult): Promise<MeasurePairPoints | null> {
  const published = await publishedSeries(store);
  const other = published.find((p) => p.id === 'lm_aioe') ?? published[0];
  if (!other) return null;
  const mine = scorerSeries(a.scorer, SCORER_LABELS[a.scorer] ?? a.scorer, '', a.occupations, a.measure);
  const titles = new Map(a.units.map((u) => [u.socCode, u.title]));
  const points = [...mine.values]
    .filter(([code]) => other.values.has(code))
    .map(([code, v]) => ({ code, title: titles.get(code) ?? code, a: v, b: other.values.get(code)! }));
  const pair = c.pairs.find((p) => (p.a === a.scorer && p.b === other.id) || (p.b === a.scorer && p.a === other.id));
  return {
    a: { id: a.scorer, label: `jobshift ${a.scorer} ${a.measure}`, source: `GPTs-are-GPTs labels (Eloundou et al. 2024), ${a.scorer} ratings` },
    b: { id: other.id, label: other.label, source: other.source },
    points,
    pearson: pair && Number.isFinite(pair.pearson) ? pair.pearson : null,
  };
}

/** Run a part; an InputError (missing data) or Unavailable marks it unavailable with its message. */
async function optional<T>(fn: () => Promise<T>): Promise<Availability<T>> {
  try {
    return { available: true, value: await fn() };
  } catch (err) {
    if (isInputError(err) || err instanceof Unavailable) return { available: false, reason: (err as Error).message };
    throw err;
  }
}

/** The definition of the model-estimate share, as the report states it (src/analysis/analyze.ts modelRatedUnits). */
export const MODEL_ESTIMATE_METHOD =
  'OEWS employment of the occupations (OEWS units) any of whose O*NET occupations was rated by the built-in model because no published labels cover it, over the employment covered';

function headlineFacts(a: WorkforceAnalysis, bt: BacktestResult | null, sim: Simulation | null): Record<string, Fact> {
  const h = a.headline[a.measure];
  const src = `GPTs-are-GPTs task labels (Eloundou et al. 2024, ${a.scorer} ratings) on O*NET tasks; BLS OEWS May ${a.oewsYear} employment`;
  const boot = `90% bootstrap interval, ${a.intervals.resamples} resamples of tasks within occupations (seed ${a.intervals.seed})`;
  const f = (value: number, unit: FactUnit, label: string, method: string, source = src): Fact => ({ value, unit, label, source, method });
  const facts: Record<string, Fact> = {
    workersCovered: f(a.coverage.employmentCovered, 'workers', 'US jobs in occupations with exposure scores', 'Sum of OEWS employment of occupations with at least one scored O*NET occupation', `BLS OEWS May ${a.oewsYear}`),
    workersTotal: f(a.coverage.employmentTotal, 'workers', 'US jobs (all occupations)', 'OEWS total, all occupations', `BLS OEWS May ${a.oewsYear}`),
    meanExposure: f(h.mean, 'share', `Average share of tasks exposed (${a.measure}), employment-weighted`, 'Employment-weighted mean of occupation exposure'),
    meanExposureLo: f(a.intervals.mean.lo, 'share', 'Average exposure, lower bound', boot),
    meanExposureHi: f(a.intervals.mean.hi, 'share', 'Average exposure, upper bound', boot),
    atLeast10: f(h.atLeast10, 'share', `Workers in occupations with at least 10% of tasks exposed (${a.measure})`, 'Share of OEWS employment (Eloundou et al. 2024 headline definition)'),
    atLeast50: f(h.atLeast50, 'share', `Workers in occupations with at least 50% of tasks exposed (${a.measure})`, 'Share of OEWS employment (Eloundou et al. 2024 headline definition)'),
    atLeast50Lo: f(a.intervals.atLeast50.lo, 'share', 'Workers with at least 50% exposed, lower bound', boot),
    atLeast50Hi: f(a.intervals.atLeast50.hi, 'share', 'Workers with at least 50% exposed, upper bound', boot),
    wageBillExposedShare: f(a.wageBill.share, 'share', `Share of the wage bill paid for exposed work (${a.measure})`, 'Sum of employment x mean wage x exposure over the wage bill', `${src}; OEWS mean annual wages`),
    wageBillTotal: f(a.wageBill.total, 'usd', 'Annual wage bill of covered occupations', 'Sum of employment x mean annual wage', `BLS OEWS May ${a.oewsYear}`),
    automationShare: f(a.automation.automation, 'share', 'Share of task weight rated automatable (T3–T4)', 'Employment-weighted share of task weight rated T3–T4 on the GPTs-are-GPTs automation rubric'),
    augmentationShare: f(a.automation.augmentation, 'share', 'Share of task weight exposed but kept with people (T0–T2)', 'Employment-weighted share of task weight exposed (E1/E2) and rated T0–T2'),
    modelEstimateShare: f(a.coverage.modelEstimateShare, 'share', 'Share of covered jobs whose exposure rating is a model estimate', MODEL_ESTIMATE_METHOD),
  };
  for (const c of a.classes) facts[`class_${c.class}`] = f(c.share, 'share', `Workers in class: ${c.label}`, `Classes (thresholds beta ${a.classThresholds.low}/${a.classThresholds.high}, automation ${a.classThresholds.automation}) after Gmyrek et al. (2025)`);
  if (bt) {
    const wlsMethod = `Weighted least squares of the log employment change on ${bt.measure} with ${bt.regression.fixedEffects} fixed effects, HC1 standard errors`;
    facts.backtestCoefficient = f(bt.regression.coefficient, 'log points', `Change in log employment per unit of ${bt.measure}, May ${bt.fromYear}–May ${bt.toYear}`, wlsMethod, `BLS OEWS May ${bt.fromYear} and May ${bt.toYear}`);
    facts.backtestEffectPer10pp = f(bt.effectPer10pp, 'percent', `Employment change for ${bt.measure} higher by 0.1, May ${bt.fromYear}–May ${bt.toYear}`, `(exp(0.1 × coefficient) − 1) × 100; ${wlsMethod}`, `BLS OEWS May ${bt.fromYear} and May ${bt.toYear}`);
    if (bt.placebo.available) {
      const p = bt.placebo.window;
      facts.backtestPlaceboEffectPer10pp = f(p.effectPer10pp, 'percent', `Placebo before ChatGPT: employment change for ${bt.measure} higher by 0.1, May ${p.fromYear}–May ${p.toYear}`, `(exp(0.1 × coefficient) − 1) × 100; ${wlsMethod}`, `BLS OEWS May ${p.fromYear} and May ${p.toYear}`);
    }
  }
  if (sim) {
    const last = sim.years[sim.years.length - 1];
    if (last) {
      const s = `jobshift scenario engine, scenario "${sim.scenario}"`;
      facts.displaced = f(last.displaced.p50, 'workers', `Jobs substituted by ${last.year} (median)`, 'Monte Carlo median over scenario draws', s);
      facts.displacedP5 = f(last.displaced.p5, 'workers', `Jobs substituted by ${last.year}, 5th percentile`, 'Monte Carlo 5th percentile', s);
      facts.displacedP95 = f(last.displaced.p95, 'workers', `Jobs substituted by ${last.year}, 95th percentile`, 'Monte Carlo 95th percentile', s);
      facts.augmented = f(last.augmented.p50, 'workers', `Jobs augmented by ${last.year} (median)`, 'Monte Carlo median', s);
      facts.created = f(last.created.p50, 'workers', `Jobs created by ${last.year} (median)`, 'Monte Carlo median', s);
      facts.net = f(last.net.p50, 'workers', `Net change in jobs by ${last.year} (median)`, 'created minus substituted, Monte Carlo median', s);
    }
  }
  return facts;
}

async function productivityFacts(store: Store): Promise<ProductivityFacts> {
  const rows = await store.all<{ series: string; industry: string; year: number; value: number }>(`SELECT series, industry, year, value FROM productivity WHERE value IS NOT NULL AND value > 0`);
  if (rows.length === 0) throw new Unavailable('the BEA/BLS industry productivity series are not imported');
  const toYear = Math.max(...rows.map((r) => r.year));
  // The last ten years of the series: long enough to smooth the cycle, recent enough to matter.
  const fromYear = Math.max(Math.min(...rows.map((r) => r.year)), toYear - 10);
  const at = new Map(rows.map((r) => [`${r.series}|${r.industry}|${r.year}`, r.value]));
  const growth = (series: string, industry: string) => {
    const a = at.get(`${series}|${industry}|${fromYear}`);
    const b = at.get(`${series}|${industry}|${toYear}`);
    return a && b ? (b / a) ** (1 / (toYear - fromYear)) - 1 : null;
  };
  const names = [...new Set(rows.map((r) => r.industry))].sort();
  const industries = names.map((industry) => ({ industry, labourProductivity: growth('labour_productivity', industry), tfp: growth('tfp', industry) }));
  const median = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x !== null).sort((x, y) => x - y);
    if (v.length === 0) return NaN;
    const m = Math.floor(v.length / 2);
    return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
  };
  return {
    fromYear,
    toYear,
    industries,
    medianLabourProductivity: median(industries.map((i) => i.labourProductivity)),
    medianTfp: median(industries.map((i) => i.tfp)),
    source: 'BEA/BLS integrated industry-level production account (labour productivity and TFP indexes), as distributed with GPTs-are-GPTs',
    method: `Compound annual growth of each index between ${fromYear} and ${toYear}; median across industries, unweighted.`,
  };
}

const DATASETS: Record<string, { name: string; publisher: string; license: string }> = {
  onet: { name: 'O*NET database (occupations, tasks, DWAs, skills, knowledge, titles)', publisher: 'National Center for O*NET Development, USDOL/ETA', license: 'CC BY 4.0' },
  oews: { name: 'Occupational Employment and Wage Statistics, national', publisher: 'U.S. Bureau of Labor Statistics', license: 'public domain' },
  ep: { name: 'Employment Projections, occupation tables', publisher: 'U.S. Bureau of Labor Statistics', license: 'public domain' },
  cps: { name: 'Current Population Survey, tables 11 and 11b (annual averages)', publisher: 'U.S. Bureau of Labor Statistics', license: 'public domain' },
  labels: { name: 'GPTs-are-GPTs task exposure labels (Eloundou et al. 2024)', publisher: 'openai/GPTs-are-GPTs', license: 'MIT' },
  crosswalks: { name: 'Code crosswalks (SOC 2010–2018, ISCO-08–SOC, Census 2018 codes, ESCO–O*NET)', publisher: 'BLS, U.S. Census Bureau, Nesta', license: 'public domain; ESCO–O*NET crosswalk MIT' },
  productivity: { name: 'Industry labour productivity and TFP', publisher: 'BEA/BLS, via GPTs-are-GPTs', license: 'public domain / MIT' },
};

/** Published measures, one row each, since their licenses differ. */
const MEASURE_FILES: { pattern: RegExp; name: string; publisher: string; license: string }[] = [
  { pattern: /AIOE/i, name: 'AIOE, LM-AIOE, IG-AIOE (Felten, Raj & Seamans 2021, 2023)', publisher: 'AIOE-Data/AIOE', license: 'no license stated; cited' },
  { pattern: /ai_applicability|working-with-ai/i, name: 'AI applicability scores (Tomlinson et al. 2025)', publisher: 'microsoft/working-with-ai', license: 'CC BY 4.0' },
  { pattern: /ISCO08_Gmyrek|ilo/i, name: 'ILO generative-AI exposure 2023 and 2025 (Gmyrek et al.)', publisher: 'ILO (authors’ repository)', license: 'no license stated; cited' },
  { pattern: /anthropic|onet_task_mappings|economicindex/i, name: 'Anthropic Economic Index (Handa et al. 2025)', publisher: 'Anthropic', license: 'data CC BY, code MIT' },
  { pattern: /frey|osborne/i, name: 'Probability of computerisation (Frey & Osborne 2017)', publisher: 'third-party parse of the paper’s appendix', license: 'cited (no license)' },
];

const fileName = (p: string) => p.split(/[\\/]/).pop() ?? p;

/** Each data source with its version and license, from the store's import records. */
export function dataSources(s: DataStatus): DataSourceRow[] {
  const out: DataSourceRow[] = [];
  const byDataset = new Map<string, DataStatus['sources']>();
  for (const src of s.sources) byDataset.set(src.dataset, [...(byDataset.get(src.dataset) ?? []), src]);
  for (const [dataset, files] of byDataset) {
    if (dataset === 'measures') {
      for (const m of MEASURE_FILES) {
        const mine = files.filter((f) => m.pattern.test(f.file));
        // A release date in the file's path (anthropic-aei-2025-02-10/...) is the version; otherwise as published.
        const dates = [...new Set(mine.map((f) => /(\d{4}-\d{2}-\d{2})/.exec(f.file)?.[1]).filter((d): d is string => !!d))].sort();
        if (mine.length) out.push({ dataset, name: m.name, publisher: m.publisher, version: dates.length ? `${dates.join(', ')} release` : 'as published', license: m.license, files: mine.map((f) => fileName(f.file)) });
      }
      continue;
    }
    const d = DATASETS[dataset] ?? { name: dataset, publisher: 'unknown', license: 'unknown' };
    const version =
      dataset === 'oews' ? s.oews_years.map((y) => `May ${y}`).join(', ')
      : dataset === 'ep' ? s.ep_vintages.join(', ')
      : dataset === 'cps' ? s.cps_years.join(', ') || 'annual averages'
      : dataset === 'onet' ? [...new Set(files.map((f) => f.release))].sort().map((r) => `release ${r}`).join(', ')
      : 'as published';
    out.push({ dataset, ...d, version, files: [...new Set(files.map((f) => fileName(f.file)))] });
  }
  return out;
}

/** Every paper the report's methods and comparisons rest on. */
export const CITATIONS: Citation[] = [
  { key: 'Eloundou et al. 2024', text: 'Eloundou, T., Manning, S., Mishkin, P. & Rock, D. (2024). GPTs are GPTs: Labor market impact potential of LLMs. Science 384(6702), 1306–1308.', usedFor: 'task exposure rubric (E0/E1/E2), alpha/beta/gamma, task labels, automation rubric (T0–T4)' },
  { key: 'Felten, Raj & Seamans 2021', text: 'Felten, E., Raj, M. & Seamans, R. (2021). Occupational, industry, and geographic exposure to artificial intelligence: A novel dataset and its potential uses. Strategic Management Journal 42(12), 2195–2217.', usedFor: 'AIOE, compared with jobshift scores' },
  { key: 'Felten, Raj & Seamans 2023', text: 'Felten, E., Raj, M. & Seamans, R. (2023). How will language modelers like ChatGPT affect occupations and industries? arXiv:2303.01157.', usedFor: 'LM-AIOE and IG-AIOE, compared with jobshift scores' },
  { key: 'Tomlinson et al. 2025', text: 'Tomlinson, K., Jaffe, S., Wang, W., Counts, S. & Suri, S. (2025). Working with AI: Measuring the occupational implications of generative AI. Microsoft Research, arXiv:2507.07935.', usedFor: 'AI applicability scores, compared with jobshift scores' },
  { key: 'Gmyrek, Berg & Bescond 2023', text: 'Gmyrek, P., Berg, J. & Bescond, D. (2023). Generative AI and jobs: A global analysis of potential effects on job quantity and quality. ILO Working Paper 96.', usedFor: 'ILO 2023 exposure scores; the automation vs augmentation distinction' },
  { key: 'Gmyrek et al. 2025', text: 'Gmyrek, P., Berg, J., Kamiński, K. et al. (2025). Generative AI and jobs: A refined global index of occupational exposure. ILO Working Paper 140.', usedFor: 'ILO 2025 exposure scores; exposure classes (substitution vs augmentation)' },
  { key: 'Frey & Osborne 2017', text: 'Frey, C. B. & Osborne, M. A. (2017). The future of employment: How susceptible are jobs to computerisation? Technological Forecasting and Social Change 114, 254–280.', usedFor: 'probability of computerisation, compared with jobshift scores' },
  { key: 'Handa et al. 2025', text: 'Handa, K., Tamkin, A., McCain, M., Huang, S., Durmus, E. et al. (2025). Which economic tasks are performed with AI? Evidence from millions of Claude conversations. Anthropic Economic Index.', usedFor: 'share of AI conversations by occupation, compared with jobshift scores' },
  { key: 'Acemoglu 2024', text: 'Acemoglu, D. (2024). The simple macroeconomics of AI. NBER Working Paper 32487; Economic Policy (2025).', usedFor: 'task-based productivity arithmetic; published TFP estimates in the productivity section' },
  { key: 'Acemoglu & Restrepo 2019', text: 'Acemoglu, D. & Restrepo, P. (2019). Automation and new tasks: How technology displaces and reinstates labor. Journal of Economic Perspectives 33(2), 3–30.', usedFor: 'displacement, productivity and reinstatement (new work) effects: the frame of the scenario results' },
  { key: 'Brynjolfsson, Li & Raymond 2023', text: 'Brynjolfsson, E., Li, D. & Raymond, L. (2023). Generative AI at work. NBER Working Paper 31161 (Quarterly Journal of Economics, 2025).', usedFor: 'experimental productivity effect (customer support)' },
  { key: 'Noy & Zhang 2023', text: 'Noy, S. & Zhang, W. (2023). Experimental evidence on the productivity effects of generative artificial intelligence. Science 381(6654), 187–192.', usedFor: 'experimental productivity effect (writing tasks)' },
  { key: 'Peng et al. 2023', text: 'Peng, S., Kalliamvakou, E., Cihon, P. & Demirer, M. (2023). The impact of AI on developer productivity: Evidence from GitHub Copilot. arXiv:2302.06590.', usedFor: 'experimental productivity effect (programming)' },
  { key: 'Brynjolfsson, Chandar & Chen 2025', text: 'Brynjolfsson, E., Chandar, B. & Chen, R. (2025). Canaries in the coal mine? Six facts about the recent employment effects of artificial intelligence. Stanford Digital Economy Lab working paper.', usedFor: 'why exposure is shown by age: first measured effects among early-career workers in the most exposed occupations' },
  { key: 'Dell’Acqua et al. 2023', text: 'Dell’Acqua, F., McFowland, E., Mollick, E. et al. (2023). Navigating the jagged technological frontier. Harvard Business School Working Paper 24-013.', usedFor: 'experimental productivity effect (consulting tasks)' },
];

/**
 * Published productivity estimates quoted in the report (values from /work/shared/METHODS.md,
 * where each was read in the primary text): the report states them as published, with the paper.
 */
export const PUBLISHED_PRODUCTIVITY: { study: string; setting: string; effect: string; value: number; unit: string; key: string }[] = [
  { study: 'Acemoglu (2024)', setting: 'US economy, 10 years, task-based estimate', effect: 'total factor productivity gain', value: 0.0066, unit: 'share over 10 years', key: 'Acemoglu 2024' },
  { study: 'Acemoglu (2024)', setting: 'same, allowing for hard-to-learn tasks', effect: 'total factor productivity gain', value: 0.0053, unit: 'share over 10 years', key: 'Acemoglu 2024' },
  { study: 'Brynjolfsson, Li & Raymond (2023)', setting: '5,179 customer-support agents', effect: 'issues resolved per hour', value: 0.14, unit: 'share', key: 'Brynjolfsson, Li & Raymond 2023' },
  { study: 'Noy & Zhang (2023)', setting: 'writing tasks, 453 professionals', effect: 'time taken (reduction)', value: 0.4, unit: 'share', key: 'Noy & Zhang 2023' },
  { study: 'Peng et al. (2023)', setting: 'programming task with GitHub Copilot', effect: 'faster completion', value: 0.558, unit: 'share', key: 'Peng et al. 2023' },
  { study: 'Dell’Acqua et al. (2023)', setting: '758 consultants, tasks inside the frontier', effect: 'more tasks completed', value: 0.122, unit: 'share', key: 'Dell’Acqua et al. 2023' },
];

export { PUBLISHED_MEASURES };
