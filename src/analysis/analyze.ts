/**
 * The analysis the CLI, API, dashboard and report all show: occupation and workforce
 * exposure for one scorer and measure, with breakdowns, classes, intervals and the range
 * across scorers. Computed here once; the shells only format it.
 */
import { loadProvenance, onetLabel } from '../data/provenance.js';
import type { Store } from '../data/store.js';
import { type GapFiller, loadTaskScores, parseScorer, type ScorerName, type TaskScoreSet } from '../scoring/taskScores.js';
import { InputError } from '../util/errors.js';
import { classEmployment, classify, DEFAULT_THRESHOLDS, type ExposureClass } from './classes.js';
import { isModelEstimate, MEASURES, type Measure, occupationExposure, type OccupationExposure, type TaskWeighting, weakestRatedBy } from './exposure.js';
import { employmentShare, type EmploymentShare } from './employment.js';
import { AGGREGATION_NOTES, type Aggregation, AGGREGATIONS, eloundouFrame, loadOccupationFrame, type OccupationFrame } from './frame.js';
import { bootstrapExposure, type Interval } from './uncertainty.js';
import { allHeadlines, breakdown, distribution, GROUP_BYS, type GroupBy, type GroupRow, type Headline, unitExposure, type UnitExposure, wageBill, type WageBill } from './workforce.js';

export interface AnalyzeOptions {
  scorer?: string;
  measure?: string;
  oews?: number;
  by?: string[];
  weighting?: TaskWeighting;
  resamples?: number;
  seed?: number;
  /** Model that fills gaps in published labels and is the local scorer. */
  filler?: GapFiller;
  /** Other scorers to show as a range beside each headline number. */
  compareScorers?: boolean;
  /** How O*NET occupations meet employment: 'jobshift' (default) or 'eloundou2024' (the paper's). */
  method?: string;
}

export function parseAggregation(m: string | undefined): Aggregation {
  if (m === undefined) return 'jobshift';
  if ((AGGREGATIONS as string[]).includes(m)) return m as Aggregation;
  throw new InputError(`unknown method "${m}" (available: ${AGGREGATIONS.join(', ')})`, { field: 'method' });
}

export function parseMeasure(m: string | undefined): Measure {
  if (m === undefined) return 'beta';
  if ((MEASURES as string[]).includes(m)) return m as Measure;
  throw new InputError(`unknown measure "${m}" (available: ${MEASURES.join(', ')})`, { field: 'measure' });
}

export function parseGroupBy(values: string[] | undefined): GroupBy[] {
  if (!values || values.length === 0) return GROUP_BYS;
  return values.flatMap((v) => v.split(',')).map((v) => {
    if ((GROUP_BYS as string[]).includes(v)) return v as GroupBy;
    throw new InputError(`unknown breakdown "${v}" (available: ${GROUP_BYS.join(', ')})`, { field: 'by' });
  });
}

export interface OccupationRow extends OccupationExposure, EmploymentShare {
  title: string;
  socCode: string;
  unitEmployment: number | null;
  interval: Interval | null;
  class: ExposureClass;
}

export interface WorkforceAnalysis {
  scorer: ScorerName;
  measure: Measure;
  oewsYear: number;
  /** CPS years behind the demographic and age breakdowns (null: table not imported). */
  cpsYears: OccupationFrame['cpsYears'];
  weighting: TaskWeighting;
  /**
   * The aggregation behind the headline, with the one sentence that says how it differs, and
   * the chosen measure's headline under the other method so the difference is visible.
   */
  aggregation: { method: Aggregation; note: string; other: { method: Aggregation; headline: Headline } };
  coverage: TaskScoreSet['coverage'] & {
    employmentCovered: number;
    employmentTotal: number;
    unscoredUnits: number;
    /**
     * Employment of the OEWS units whose exposure is at least partly a model estimate (a unit is
     * as well rated as its weakest O*NET occupation; see modelRatedUnits), and its share of employmentCovered.
     */
    modelEstimateEmployment: number;
    modelEstimateShare: number;
  };
  headline: Record<Measure, Headline>;
  intervals: { measure: Measure; resamples: number; seed: number; mean: Interval; atLeast10: Interval; atLeast50: Interval };
  scorerRange: { scorers: ScorerName[]; mean: [number, number]; atLeast10: [number, number]; atLeast50: [number, number] } | null;
  scorerHeadlines: Partial<Record<ScorerName, Headline>>;
  distribution: ReturnType<typeof distribution>;
  breakdowns: Partial<Record<GroupBy, GroupRow[]>>;
  classes: ReturnType<typeof classEmployment>;
  classThresholds: typeof DEFAULT_THRESHOLDS;
  wageBill: WageBill;
  automation: { automation: number; augmentation: number };
  occupations: OccupationRow[];
  units: UnitExposure[];
  method: string[];
  sources: string[];
}

export async function analyzeWorkforce(store: Store, options: AnalyzeOptions = {}): Promise<WorkforceAnalysis> {
  const scorer = parseScorer(options.scorer ?? 'human');
  const measure = parseMeasure(options.measure);
  const by = parseGroupBy(options.by);
  const weighting = options.weighting ?? 'type';
  const ratingWeight = weighting === 'ratings' ? await taskRatingWeights(store) : undefined;
  if (weighting === 'ratings' && ratingWeight!.size === 0) {
    throw new InputError('importance x relevance weights need O*NET Task Ratings, which are not imported', { field: 'weighting' });
  }
  const method = parseAggregation(options.method);
  // Both aggregations from one load: the headline uses one, the other is shown beside it.
  const jobshiftFrame = await loadOccupationFrame(store, options.oews);
  const frames: Record<Aggregation, OccupationFrame> = { jobshift: jobshiftFrame, eloundou2024: await eloundouFrame(store, jobshiftFrame) };
  const frame = frames[method];
  // The paper's aggregation covers the occupations its labels cover: no model-filled gaps.
  const published = scorer === 'human' || scorer === 'gpt4';
  const scores = await loadTaskScores(store, scorer, { filler: method === 'eloundou2024' && published ? undefined : options.filler });
  const occ = occupationExposure(scores.tasks, { weighting, ratingWeight, publishedOccupations: scores.publishedOccupations });
  const { units, unscored } = unitExposure(frame, occ);
  const boot = bootstrapExposure(scores.tasks, units, { resamples: options.resamples ?? 1000, seed: options.seed ?? 1, measure, weighting, ratingWeight });

  // Scorer disagreement: the same headline from every other scorer that can run here.
  const scorerHeadlines: Partial<Record<ScorerName, Headline>> = { [scorer]: allHeadlines(units)[measure] };
  if (options.compareScorers !== false) {
    for (const other of ['human', 'gpt4', 'local', 'llm'] as ScorerName[]) {
      if (other === scorer) continue;
      try {
        const s = await loadTaskScores(store, other, { filler: options.filler });
        scorerHeadlines[other] = allHeadlines(unitExposure(frame, occupationExposure(s.tasks, { weighting, ratingWeight, publishedOccupations: s.publishedOccupations })).units)[measure];
      } catch {
        // Not available (no model, no LLM run): left out of the range.
      }
    }
  }
  const hs = Object.values(scorerHeadlines) as Headline[];
  const range = (f: (h: Headline) => number): [number, number] => [Math.min(...hs.map(f)), Math.max(...hs.map(f))];
  const scorerRange = hs.length > 1
    ? { scorers: Object.keys(scorerHeadlines) as ScorerName[], mean: range((h) => h.mean), atLeast10: range((h) => h.atLeast10), atLeast50: range((h) => h.atLeast50) }
    : null;

  const covered = units.reduce((s, u) => s + u.employment, 0);
  const otherMethod: Aggregation = method === 'jobshift' ? 'eloundou2024' : 'jobshift';
  const otherFrame = frames[otherMethod];
  // The other method's headline on the same footing: the paper's keeps only published ratings;
  // jobshift's includes the model-filled gaps the paper's run left out.
  let otherOcc = occ;
  if (published && otherMethod === 'eloundou2024') otherOcc = occ.filter((o) => !isModelEstimate(o.ratedBy));
  else if (published && options.filler) {
    const filled = await loadTaskScores(store, scorer, { filler: options.filler });
    otherOcc = occupationExposure(filled.tasks, { weighting, ratingWeight, publishedOccupations: filled.publishedOccupations });
  }
  const modelEstimateEmployment = modelRatedUnits(units, occ).reduce((s, u) => s + u.employment, 0);
  const occupations = occupationRows(occ, frame, units, boot.occupations);
  const breakdowns: Partial<Record<GroupBy, GroupRow[]>> = {};
  for (const g of by) breakdowns[g] = breakdown(units, g, measure, frame.majorGroupTitles);
  const autoW = units.filter((u) => u.automation !== null);
  const autoTotal = autoW.reduce((s, u) => s + u.employment, 0);
  return {
    scorer,
    measure,
    oewsYear: frame.year,
    cpsYears: frame.cpsYears,
    weighting,
    aggregation: {
      method,
      note: AGGREGATION_NOTES[method],
      other: { method: otherMethod, headline: allHeadlines(unitExposure(otherFrame, otherOcc).units)[measure] },
    },
    coverage: {
      ...scores.coverage,
      employmentCovered: covered,
      employmentTotal: frame.totalEmployment,
      unscoredUnits: unscored.length,
      modelEstimateEmployment,
      modelEstimateShare: covered ? modelEstimateEmployment / covered : 0,
    },
    headline: allHeadlines(units),
    intervals: { measure, resamples: boot.resamples, seed: boot.seed, ...boot.national },
    scorerRange,
    scorerHeadlines,
    distribution: distribution(units, measure),
    breakdowns,
    classes: classEmployment(units),
    classThresholds: DEFAULT_THRESHOLDS,
    wageBill: wageBill(units, measure),
    automation: {
      automation: autoTotal ? autoW.reduce((s, u) => s + u.employment * u.automation!, 0) / autoTotal : 0,
      augmentation: covered ? units.reduce((s, u) => s + u.employment * u.augmentation, 0) / covered : 0,
    },
    occupations,
    units,
    method: methodNotes(scores, weighting, frame, measure),
    sources: [
      `${onetLabel(await loadProvenance(store))} task statements (National Center for O*NET Development, CC BY 4.0)`,
      'Eloundou, Manning, Mishkin & Rock (2024), GPTs are GPTs, Science 384 — task exposure labels (MIT)',
      `BLS Occupational Employment and Wage Statistics, May ${frame.year} (public domain)`,
      'BLS Employment Projections (typical education)',
      ...(frame.cpsYears.sexRace ? [`BLS Current Population Survey ${frame.cpsYears.sexRace} annual averages, table 11 (sex, race and ethnicity by occupation)`] : []),
      ...(frame.cpsYears.age ? [`BLS Current Population Survey ${frame.cpsYears.age} annual averages, table 11b (age by occupation)`] : []),
    ],
  };
}

function occupationRows(occ: OccupationExposure[], frame: OccupationFrame, units: UnitExposure[], intervals: Map<string, Interval>): OccupationRow[] {
  const unitOf = new Map<string, UnitExposure>();
  for (const u of units) for (const c of u.onetCodes) unitOf.set(c, u);
  return occ.map((o) => {
    const u = unitOf.get(o.onetCode);
    return {
      ...o,
      title: frame.onetTitles.get(o.onetCode) ?? o.onetCode,
      socCode: o.onetCode.slice(0, 7),
      ...employmentShare(u),
      unitEmployment: u ? u.employment : null,
      interval: intervals.get(o.onetCode) ?? null,
      class: classify(o.beta, o.automation),
    };
  });
}

/** OEWS units whose exposure is at least partly a model estimate: the weakest provenance of their scored O*NET occupations is 'model'. */
export function modelRatedUnits<U extends UnitExposure>(units: U[], occ: OccupationExposure[]): U[] {
  const ratedBy = new Map(occ.map((o) => [o.onetCode, o.ratedBy]));
  return units.filter((u) => isModelEstimate(weakestRatedBy(u.scored.map((c) => ratedBy.get(c) ?? 'model'))));
}

async function taskRatingWeights(store: Store): Promise<Map<number, number>> {
  // O*NET Task Ratings: importance (IM, 1-5) x relevance (RT, percent of incumbents).
  const rows = await store.all<{ task_id: number; w: number }>(
    `SELECT task_id, max(CASE WHEN scale_id = 'IM' THEN value END) * max(CASE WHEN scale_id = 'RT' THEN value END) / 100 AS w
     FROM task_ratings GROUP BY task_id HAVING w IS NOT NULL`,
  );
  return new Map(rows.map((r) => [r.task_id, r.w]));
}

function methodNotes(scores: TaskScoreSet, weighting: TaskWeighting, frame: OccupationFrame, measure: Measure): string[] {
  return [
    scores.method,
    'Occupation exposure (Eloundou et al. 2024): alpha = share of task weight rated E1; beta = E1 + 0.5 x E2; gamma = E1 + E2.',
    weighting === 'type'
      ? 'Task weights: core tasks 2, supplemental and untyped tasks 1 (as in GPTs-are-GPTs).'
      : 'Task weights: O*NET Task Ratings importance x relevance (tasks without ratings: core 2, supplemental 1).',
    'Automation potential: share of task weight rated T3-T4 on the GPTs-are-GPTs automation rubric; augmentation: share exposed (E1/E2) but rated T0-T2.',
    `Employment: BLS OEWS May ${frame.year}. Each OEWS occupation takes the unweighted mean exposure of the O*NET-SOC occupations under it (several O*NET occupations share one SOC code); occupations OEWS publishes only at broad-group level take the mean of the O*NET occupations in the group. Sums use each O*NET occupation's equal share of its OEWS occupation's employment; occupation tables show the OEWS figure itself (employmentSoc) and say when it is shared.`,
    'Who rated it: an occupation is "published" only when published labels rate all of its task weight; "model" when the built-in model rated any of it (a model estimate); "published-occupation" when its alpha, beta and gamma are published occupation scores over model-rated tasks. Share of employment whose rating is a model estimate: OEWS employment of the occupations (OEWS units) any of whose O*NET occupations is model-rated, over the employment covered.',
    `Headline shares: workers in occupations with at least 10% (50%) of task weight exposed by ${measure}.`,
    'Intervals: 90% bootstrap intervals from resampling tasks within occupations; the scorer range is the spread of the same number across scorers.',
    'Wage quintiles: employment-weighted quintiles of the OEWS median annual wage. Demographic rows weight each occupation by its CPS share of the group.',
    'Age rows weight each occupation by the CPS table 11b share of its workers in the age group; "at least 50% exposed" is then the share of that age group working in highly exposed occupations. Shown because the first measured effects of generative AI are among early-career workers in the most exposed occupations (Brynjolfsson, Chandar & Chen 2025, "Canaries in the Coal Mine?"); jobshift reports exposure by age, not that effect.',
  ];
}
