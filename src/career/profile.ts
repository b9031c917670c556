/**
 * A personal exposure profile: a job title or description -> the matched O*NET occupation(s)
 * with a calibrated confidence -> its exposure with a 90% bootstrap interval, its most and least
 * exposed tasks (with whether each exposed task leans to automation or augmentation), skills to
 * strengthen, and five transition pathways. The CLI (`jobshift career`), the API
 * (POST /api/career) and the dashboard's "My job" page all show this one object.
 */
import { employmentShare, type EmploymentShare } from '../analysis/employment.js';
import type { EmploymentUnit } from '../analysis/frame.js';
import { type OccupationExposure, type RatedBy } from '../analysis/exposure.js';
import { classify, CLASS_LABELS, type ExposureClass } from '../analysis/classes.js';
import type { SkillProfiles } from '../analysis/similarity.js';
import { bootstrapExposure, type Interval, taskValue } from '../analysis/uncertainty.js';
import type { Store } from '../data/store.js';
import type { AutomationLabel, ExposureLabel, ScoredTask } from '../scoring/taskScores.js';
import { InputError } from '../util/errors.js';
import { type CareerData, type CareerDataOptions, loadCareerData, medianWage, projectionOf } from './careerData.js';
import { matchTitle, type TitleMatch } from './match.js';
import { PATHWAY_METHOD, PATHWAY_WEIGHTS, type Pathway, rankPathways } from './pathways.js';

/** Below this top-1 confidence a match is shown as uncertain and alternatives are offered. */
export const LOW_CONFIDENCE = 0.5;

export interface ProfileOptions {
  /** Use this O*NET code instead of the best match (e.g. the user picked an alternative). */
  code?: string;
  /** Candidates to show (default 5). */
  top?: number;
  /** Tasks in each of the most/least exposed lists (default 5). */
  tasks?: number;
  pathways?: number;
  resamples?: number;
  seed?: number;
}

export interface ProfileTask {
  taskId: number;
  text: string;
  type: string | null;
  exposure: ExposureLabel;
  /** Contribution to beta: E1 1, E2 0.5, E0 0 (expected value when the scorer gives probabilities). */
  value: number;
  automation: AutomationLabel | null;
  /** For exposed tasks: automation when rated T3-T4, augmentation when T0-T2; null if unexposed or unrated. */
  likely: 'automation' | 'augmentation' | null;
  origin: ScoredTask['origin'];
}

export interface SkillToStrengthen {
  name: string;
  domain: string;
  /** O*NET importance (1-5) in this occupation. */
  importance: number;
  /** Mean beta of the occupations that rely on this element (importance >= 3.5). */
  reliantExposure: number;
  reason: string;
}

export interface CareerProfile {
  query: string;
  matches: TitleMatch[];
  lowConfidence: boolean;
  occupation: {
    code: string;
    title: string;
    /** How it was chosen: the best match, or a code given by the caller. */
    chosen: 'match' | 'code';
    confidence: number | null;
  };
  exposure: {
    scorer: string;
    alpha: number;
    beta: number;
    gamma: number;
    /** 90% bootstrap interval of beta (tasks resampled within the occupation). */
    betaInterval: Interval;
    automation: number | null;
    augmentation: number;
    class: ExposureClass;
    classLabel: string;
    tasks: number;
    /** Share of task weight rated by the gap filler (local model) rather than published labels. */
    filledShare: number;
    /** Who rated it (src/scoring/taskScores.ts): published, published-occupation, model or llm. */
    ratedBy: RatedBy;
  } | null;
  /** employment: the equal split used in sums; employmentSoc: the OEWS figure, shared when employmentSplit (src/analysis/employment.ts). */
  employment: { oewsYear: number; socCode: string | null; medianWage: number | null; growthPct: number | null; openings: number | null } & EmploymentShare;
  mostExposed: ProfileTask[];
  leastExposed: ProfileTask[];
  skills: SkillToStrengthen[];
  pathways: Pathway[];
  pathwayWeights: typeof PATHWAY_WEIGHTS;
  /** Caveats a reader must see (uncertain match, no exposure ratings). */
  notes: string[];
  method: string[];
  sources: string[];
}

/** Load what is needed and build the profile (one-shot use: the CLI). */
export async function careerProfile(store: Store, query: string, options: ProfileOptions & CareerDataOptions = {}): Promise<CareerProfile> {
  if (!query.trim() && !options.code) throw new InputError('give a job title or a description of the job', { field: 'query' });
  const data = await loadCareerData(store, options);
  return profileFromData(data, query, options);
}

export function profileFromData(data: CareerData, query: string, options: ProfileOptions = {}): CareerProfile {
  const q = query.trim();
  if (!q && !options.code) throw new InputError('give a job title or a description of the job', { field: 'query' });
  const matches = q ? matchTitle(data.index, q, { top: options.top ?? 5 }) : [];
  let code: string;
  let chosen: 'match' | 'code' = 'match';
  if (options.code) {
    const c = normaliseOnetCode(options.code);
    if (!data.titles.has(c)) throw new InputError(`unknown O*NET-SOC code "${options.code}"`, { field: 'code' });
    code = c;
    chosen = 'code';
  } else {
    if (matches.length === 0) throw new InputError(`no occupation matches "${q.slice(0, 80)}": try another title or describe the job's tasks`, { field: 'query' });
    code = matches[0]!.code;
  }
  const top = matches.find((m) => m.code === code);
  const e = data.exposure.get(code);
  const tasks = data.tasksByCode.get(code) ?? [];
  const unit = data.unitOf.get(code);
  const p = projectionOf(data, code);
  const nTasks = options.tasks ?? 5;
  const profileTasks = tasks.map(toProfileTask);
  const exposedFirst = [...profileTasks].sort((a, b) => b.value - a.value || typeRank(a.type) - typeRank(b.type) || a.taskId - b.taskId);
  const leastFirst = [...profileTasks].sort((a, b) => a.value - b.value || typeRank(a.type) - typeRank(b.type) || a.taskId - b.taskId);

  const lowConfidence = chosen === 'match' && (top?.confidence ?? 0) < LOW_CONFIDENCE;
  const notes: string[] = [];
  if (lowConfidence) {
    notes.push(`The match is uncertain (confidence ${Math.round((top?.confidence ?? 0) * 100)}%): check the other candidates, or pass an O*NET code.`);
  }
  if (e?.ratedBy === 'model' && data.scorer !== 'local') {
    notes.push(`The published labels do not cover ${code}: its exposure is the built-in model's estimate, not a ${data.scorer} rating.`);
  } else if (e?.ratedBy === 'published-occupation') {
    notes.push(`${code} has a published ${data.scorer} occupation score but no published task labels: the exposure shown is the published score, its tasks are rated by the built-in model.`);
  }
  if (!e) {
    notes.push(`No ${data.scorer} exposure ratings for ${code}: the published labels do not cover it and no local model is set up to fill the gap.`);
  }
  return {
    query: q,
    matches,
    lowConfidence,
    occupation: { code, title: data.titles.get(code) ?? code, chosen, confidence: top?.confidence ?? null },
    exposure: e ? exposureOf(data, code, e, options) : null,
    employment: {
      oewsYear: data.frame.year,
      socCode: unit?.socCode ?? null,
      ...employmentShare(unit),
      medianWage: medianWage(data, code),
      growthPct: p?.changePct ?? null,
      openings: p?.openings ?? null,
    },
    mostExposed: exposedFirst.filter((t) => t.value > 0).slice(0, nTasks),
    leastExposed: leastFirst.filter((t) => t.value < 0.5).slice(0, nTasks),
    skills: skillsToStrengthen(data, code, 5),
    pathways: rankPathways(data, code, { top: options.pathways ?? 5 }),
    pathwayWeights: PATHWAY_WEIGHTS,
    notes,
    method: [
      'Matching: O*NET titles, alternate and reported titles, descriptions and tasks (src/career/match.ts); confidence calibrated on held-out O*NET alternate titles.',
      data.scores.method,
      'Exposure (Eloundou et al. 2024): alpha = share of task weight rated E1; beta = E1 + 0.5 E2; gamma = E1 + E2; core tasks weigh 2, supplemental 1. Interval: 90% bootstrap over the occupation\'s tasks.',
      'Exposed tasks lean to automation when rated T3-T4 on the GPTs-are-GPTs automation rubric, to augmentation when T0-T2.',
      'Skills to strengthen: O*NET skills and knowledge with importance >= 3 here whose reliant occupations (importance >= 3.5) are on average less exposed (beta) than this one, least exposed first.',
      PATHWAY_METHOD,
    ],
    sources: data.sources,
  };
}

function exposureOf(data: CareerData, code: string, e: OccupationExposure, options: ProfileOptions): NonNullable<CareerProfile['exposure']> {
  const unit: EmploymentUnit = {
    socCode: code, title: code, majorGroup: code.slice(0, 2), employment: 1, annualMean: null, annualMedian: null,
    onetCodes: [code], jobZone: null, education: null, demographics: null, ages: null,
  };
  const boot = bootstrapExposure(data.tasksByCode.get(code) ?? [], [unit], { resamples: options.resamples ?? 1000, seed: options.seed ?? 1, measure: 'beta' });
  const cls = classify(e.beta, e.automation);
  return {
    scorer: data.scorer,
    alpha: e.alpha,
    beta: e.beta,
    gamma: e.gamma,
    betaInterval: boot.occupations.get(code) ?? { lo: e.beta, hi: e.beta },
    automation: e.automation,
    augmentation: e.augmentation,
    class: cls,
    classLabel: CLASS_LABELS[cls],
    tasks: e.tasks,
    filledShare: e.filledShare,
    ratedBy: e.ratedBy,
  };
}

export function toProfileTask(t: ScoredTask): ProfileTask {
  const value = t.p ? t.p[1] + 0.5 * t.p[2] : taskValue(t.exposure, 'beta');
  const exposed = t.exposure !== 'E0';
  const likely = !exposed || !t.automation ? null : t.automation === 'T3' || t.automation === 'T4' ? 'automation' : 'augmentation';
  return { taskId: t.taskId, text: t.text, type: t.taskType, exposure: t.exposure, value, automation: t.automation, likely, origin: t.origin };
}

const typeRank = (t: string | null) => (t === 'Core' ? 0 : t === 'Supplemental' ? 1 : 2);

/** "13-2011", "132011", "13-2011.00" -> "13-2011.00" (unchanged when it does not look like a code). */
export function normaliseOnetCode(code: string): string {
  const s = code.trim();
  const m = /^(\d{2})-?(\d{4})(?:\.(\d{2}))?$/.exec(s);
  return m ? `${m[1]}-${m[2]}.${m[3] ?? '00'}` : s;
}

/**
 * Per element, the mean beta of the occupations that rely on it (importance >= 3.5 of 5):
 * the exposure of the work a skill leads to.
 */
export function exposureByElement(data: CareerData, skills: SkillProfiles): Float64Array {
  const sum = new Float64Array(skills.dims);
  const n = new Float64Array(skills.dims);
  skills.codes.forEach((c, i) => {
    const e = data.exposure.get(c);
    if (!e) return;
    for (let k = 0; k < skills.dims; k++) {
      if (skills.importance[i * skills.dims + k]! >= 3.5) {
        sum[k]! += e.beta;
        n[k]! += 1;
      }
    }
  });
  return sum.map((s, k) => (n[k]! ? s / n[k]! : Number.NaN));
}

/**
 * Skills and knowledge to strengthen: important here (>= 3 of 5) and central to work less
 * exposed than this occupation (the occupations relying on the element have a lower mean beta),
 * least exposed first.
 */
export function skillsToStrengthen(data: CareerData, code: string, top: number, byElement?: Float64Array): SkillToStrengthen[] {
  const s = data.skills;
  const i = s?.index.get(code);
  if (!s || i === undefined) return [];
  const mean = byElement ?? exposureByElement(data, s);
  const all = [...data.exposure.values()];
  const own = data.exposure.get(code)?.beta ?? all.reduce((a, e) => a + e.beta, 0) / Math.max(1, all.length);
  const out: SkillToStrengthen[] = [];
  for (let k = 0; k < s.dims; k++) {
    const imp = s.importance[i * s.dims + k]!;
    const m = mean[k]!;
    if (imp < 3 || !(m < own)) continue;
    const el = s.elements[k]!;
    out.push({
      name: el.name,
      domain: el.domain,
      importance: imp,
      reliantExposure: m,
      reason: `importance ${imp.toFixed(1)}/5 here; occupations that rely on it average ${(m * 100).toFixed(0)}% exposure (beta) vs ${(own * 100).toFixed(0)}% here`,
    });
  }
  return out.sort((a, b) => a.reliantExposure - b.reliantExposure || b.importance - a.importance || a.name.localeCompare(b.name)).slice(0, top);
}
