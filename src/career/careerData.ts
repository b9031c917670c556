/**
 * Everything the career tools read from the store, loaded once per command (or once per server
 * process): the title index, task scores of one scorer, occupation exposure, OEWS wages and
 * employment, BLS projections, O*NET related occupations and skill/knowledge profiles.
 *
 * Exposure comes from the same functions as `jobshift analyze` (src/analysis/exposure.ts,
 * Eloundou et al. 2024 definitions); only the bootstrap is run per request, for the
 * occupations a profile or roster needs, instead of for all of them.
 */
import { groupByOccupation, type OccupationExposure, occupationExposure } from '../analysis/exposure.js';
import { type EmploymentUnit, loadOccupationFrame, type OccupationFrame } from '../analysis/frame.js';
import { loadSkillProfiles, type SkillProfiles } from '../analysis/similarity.js';
import { loadProvenance, onetLabel } from '../data/provenance.js';
import type { Store } from '../data/store.js';
import { type GapFiller, loadTaskScores, parseScorer, type ScoredTask, type ScorerName, type TaskScoreSet } from '../scoring/taskScores.js';
import { loadTransitionInputs, type TransitionInputs } from '../simulate/transitions.js';
import type { TitleIndex } from './match.js';
import { storeTitleIndex } from './storeCorpus.js';

export interface Projection {
  vintage: string;
  socCode: string;
  baseYear: number;
  targetYear: number;
  baseEmployment: number | null;
  changePct: number | null;
  /** Annual average openings, workers (BLS EP table 1.10). */
  openings: number | null;
}

export interface RelatedOccupation {
  code: string;
  tier: string | null;
  rank: number | null;
}

export interface CareerData {
  scorer: ScorerName;
  index: TitleIndex;
  frame: OccupationFrame;
  scores: TaskScoreSet;
  tasksByCode: Map<string, ScoredTask[]>;
  exposure: Map<string, OccupationExposure>;
  /** The OEWS unit (employment, wages) each O*NET occupation belongs to. */
  unitOf: Map<string, EmploymentUnit>;
  skills: SkillProfiles | null;
  related: Map<string, RelatedOccupation[]>;
  projections: Map<string, Projection>;
  titles: Map<string, string>;
  /** O*NET code -> its 2018 SOC code. */
  socOf: Map<string, string>;
  /** 2018 SOC codes known to the store (SOC code list and O*NET), for validating rosters. */
  socCodes: Set<string>;
  /** The scenario engine's transition model (src/simulate/transitions.ts) at O*NET level, when it loads. */
  transitions: TransitionInputs | null;
  sources: string[];
}

export interface CareerDataOptions {
  scorer?: string;
  /** The local model: rates tasks of occupations the published labels do not cover. */
  filler?: GapFiller;
  oews?: number;
  /** A title index already built (the server keeps one). */
  index?: TitleIndex;
}

export async function loadCareerData(store: Store, options: CareerDataOptions = {}): Promise<CareerData> {
  const scorer = parseScorer(options.scorer ?? 'human');
  const index = options.index ?? (await storeTitleIndex(store));
  const frame = await loadOccupationFrame(store, options.oews);
  const scores = await loadTaskScores(store, scorer, { filler: options.filler });
  const occ = occupationExposure(scores.tasks, { publishedOccupations: scores.publishedOccupations });
  // Every O*NET occupation's OEWS unit, rated or not (wages and employment do not depend on ratings).
  const unitOf = new Map<string, EmploymentUnit>();
  for (const u of frame.units) for (const c of u.onetCodes) unitOf.set(c, u);

  const related = new Map<string, RelatedOccupation[]>();
  for (const r of await store.all<{ onet_code: string; related_code: string; tier: string | null; rank: number | null }>(
    `SELECT onet_code, related_code, tier, rank FROM related_occupations ORDER BY onet_code, rank NULLS LAST, related_code`,
  )) {
    let list = related.get(r.onet_code);
    if (!list) related.set(r.onet_code, (list = []));
    list.push({ code: r.related_code, tier: r.tier, rank: r.rank });
  }

  const projections = new Map<string, Projection>();
  for (const p of await store.all<{ vintage: string; soc_code: string; base_year: number; target_year: number; base_employment: number | null; change_pct: number | null; openings: number | null }>(
    `SELECT vintage, soc_code, base_year, target_year, base_employment, change_pct, openings FROM projections
     WHERE vintage = (SELECT max(vintage) FROM projections)`,
  )) {
    projections.set(p.soc_code, {
      vintage: p.vintage, socCode: p.soc_code, baseYear: p.base_year, targetYear: p.target_year,
      baseEmployment: p.base_employment, changePct: p.change_pct, openings: p.openings,
    });
  }

  const occRows = await store.all<{ onet_code: string; title: string; soc_code: string }>(`SELECT onet_code, title, soc_code FROM occupations`);
  const socCodes = new Set(occRows.map((o) => o.soc_code));
  for (const s of await store.all<{ soc_code: string }>(`SELECT soc_code FROM soc_codes WHERE level = 'detailed'`)) socCodes.add(s.soc_code);

  const vintage = [...projections.values()][0]?.vintage;
  // The transition model proposes where people move; pathways rank its destinations transparently.
  let transitions: TransitionInputs | null = null;
  try {
    transitions = await loadTransitionInputs(store, {
      level: 'onet',
      oews: frame.year,
      exposure: new Map(occ.filter((o) => o.automationExposed !== null).map((o) => [o.onetCode, o.automationExposed as number])),
    });
  } catch {
    transitions = null;
  }
  return {
    scorer,
    index,
    frame,
    scores,
    tasksByCode: groupByOccupation(scores.tasks),
    exposure: new Map(occ.map((o) => [o.onetCode, o])),
    unitOf,
    skills: await loadSkillProfiles(store),
    related,
    projections,
    titles: new Map(occRows.map((o) => [o.onet_code, o.title])),
    socOf: new Map(occRows.map((o) => [o.onet_code, o.soc_code])),
    socCodes,
    transitions,
    sources: [
      `${onetLabel(await loadProvenance(store))} titles, tasks, skills, knowledge and related occupations (National Center for O*NET Development, CC BY 4.0)`,
      'Task exposure and automation labels: Eloundou, Manning, Mishkin & Rock (2024), GPTs are GPTs, Science 384 (MIT)',
      `Employment and wages: BLS OEWS May ${frame.year}`,
      ...(vintage ? [`Projections and openings: BLS Employment Projections ${vintage}`] : []),
    ],
  };
}

/** Median annual wage of the OEWS unit an O*NET occupation belongs to. */
export function medianWage(data: CareerData, code: string): number | null {
  return data.unitOf.get(code)?.annualMedian ?? null;
}

/** BLS projection for an O*NET occupation: its own SOC code, else its OEWS unit's. */
export function projectionOf(data: CareerData, code: string): Projection | null {
  const soc = data.socOf.get(code) ?? code.slice(0, 7);
  return data.projections.get(soc) ?? (data.unitOf.get(code) ? data.projections.get(data.unitOf.get(code)!.socCode) : undefined) ?? null;
}
