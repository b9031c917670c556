/**
 * What the API serves, computed once and kept in memory. The store cannot change under a
 * running server (DuckDB locks the file to this process), so every analysis is cached for the
 * life of the process: per scorer, measure and OEWS year for the national analysis, and one
 * precomputed record per occupation for the occupation pages (so they answer from memory).
 *
 * No analysis happens here: the numbers come from src/analysis and src/data; this module
 * only gathers them into the shapes of src/server/schemas.ts.
 */
import { basename } from 'node:path';
import { analyzeWorkforce, type OccupationRow, type WorkforceAnalysis } from '../analysis/analyze.js';
import { CLASS_LABELS, classify } from '../analysis/classes.js';
import { compareMeasures, publishedSeries, scorerSeries } from '../analysis/compare.js';
import { employmentShare } from '../analysis/employment.js';
import { type Measure, occupationExposure } from '../analysis/exposure.js';
import { type EmploymentUnit, loadOccupationFrame, type OccupationFrame, resolveOewsYear } from '../analysis/frame.js';
import { dataStatus } from '../data/status.js';
import { loadProvenance, onetLabel } from '../data/provenance.js';
import type { Store } from '../data/store.js';
import { type GapFiller, loadTaskScores, type ScorerName, type ScoredTask, type TaskScoreSet } from '../scoring/taskScores.js';
import { InputError, isInputError } from '../util/errors.js';
import type { Compare, DataStatusOut, OccupationDetail, OccupationList, OccupationRowOut, Summary } from './schemas.js';
import { matchTitle } from '../career/match.js';
import { storeTitleIndex } from '../career/storeCorpus.js';
import { memoAsync } from '../util/memo.js';
import { loadTitleIndex, searchOccupations, type TitleIndex, type TitleMatch } from './search.js';

export const ANALYSIS_SCORERS: ScorerName[] = ['human', 'gpt4', 'local', 'llm', 'llama'];

const SCORER_LABELS: Record<ScorerName, string> = {
  human: 'jobshift human beta',
  gpt4: 'jobshift GPT-4 beta',
  local: 'jobshift local-model beta',
  llm: 'jobshift LLM beta',
  llama: 'jobshift local GGUF beta',
};

export interface ServerDataOptions {
  store: Store;
  /** The local model: fills gaps in published labels and is the `local` scorer. */
  filler?: GapFiller;
  /** Bootstrap resamples for intervals (default 1000, as the CLI). */
  resamples?: number;
  /** Scorers POST /api/score accepts, for the data status. */
  scoreScorers?: { id: string; label: string; background: boolean }[];
}

export interface AnalysisKey {
  scorer?: ScorerName;
  measure?: Measure;
  oews?: number;
}

export interface ListQuery extends AnalysisKey {
  q?: string;
  sort?: string;
  limit: number;
  offset: number;
}

interface ListIndex {
  analysis: WorkforceAnalysis;
  rows: OccupationRowOut[];
  byCode: Map<string, OccupationRowOut>;
}

export interface ServerData {
  /** Resolves when the default analysis and the occupation pages are computed. */
  warm(): Promise<void>;
  isReady(): boolean;
  summary(key: AnalysisKey): Promise<Summary>;
  occupations(query: ListQuery): Promise<OccupationList>;
  occupation(code: string): Promise<OccupationDetail | undefined>;
  compare(): Promise<Compare>;
  status(): Promise<DataStatusOut>;
  /** Scorers whose ratings of the O*NET tasks can be analysed here. */
  analysisScorers(): Promise<ScorerName[]>;
}

/** Below this many occupations holding every word of a search, the title matcher adds its candidates. */
const FEW_TITLE_HITS = 3;
/** ... those it gives at least this calibrated confidence. */
const MIN_MATCH_CONFIDENCE = 0.05;

export function createServerData(options: ServerDataOptions): ServerData {
  const { store, filler } = options;
  const resamples = options.resamples ?? 1000;

  // One DuckDB connection: run store work one piece at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  /** Memoise a promise; a failure is kept too (the store does not change), except internal errors. */
  const memoBy = <T>(fn: (key: string) => Promise<T>) => memoAsync(fn, { keepFailure: isInputError });
  const memo = <T>(fn: () => Promise<T>) => {
    const once = memoBy(fn);
    return () => once('');
  };

  const latestYear = memo(() => exclusive(() => resolveOewsYear(store)).catch(storeFault));
  const resolveYear = async (oews?: number) => (oews === undefined ? latestYear() : exclusive(() => resolveOewsYear(store, oews)).catch(storeFault));

  const taskSet = memoBy((scorer) => exclusive(() => loadTaskScores(store, scorer as ScorerName, { filler })));
  const analysisScorers = memo(async () => {
    const out: ScorerName[] = [];
    for (const s of ANALYSIS_SCORERS) {
      try {
        await taskSet(s);
        out.push(s);
      } catch (err) {
        if (!isInputError(err)) throw err;
      }
    }
    return out;
  });

  const analysisFor = memoBy((key) => {
    const [scorer, measure, year] = key.split('|');
    return exclusive(() => analyzeWorkforce(store, { scorer, measure, oews: Number(year), filler, resamples })).catch(storeFault);
  });
  const analysis = async (k: AnalysisKey) => analysisFor(`${k.scorer ?? 'human'}|${k.measure ?? 'beta'}|${await resolveYear(k.oews)}`);

  // The summary is the analysis without its per-unit rows (as `analyze --json`), one object per key.
  const summaryFor = memoBy(async (key): Promise<Summary> => {
    const { units: _units, occupations, ...rest } = await analysisFor(key);
    return { ...rest, occupations: occupations.length };
  });

  const frameFor = memoBy((year) => exclusive(() => loadOccupationFrame(store, Number(year))));
  const titleIndex = memo(() => exclusive(() => loadTitleIndex(store)));

  const listIndexFor = memoBy(async (key) => {
    const [scorer, measure, year] = key.split('|');
    const a = await analysis({ scorer: scorer as ScorerName, measure: measure as Measure, oews: Number(year) });
    const frame = await frameFor(year!);
    const titles = await titleIndex();
    return buildListIndex(a, frame, titles);
  });
  const listIndex = async (k: AnalysisKey) => listIndexFor(`${k.scorer ?? 'human'}|${k.measure ?? 'beta'}|${await resolveYear(k.oews)}`);

  // Suggestions repeat queries as people type: keep the last few hundred answers.
  const searches = new Map<string, Promise<TitleMatch[]>>();
  const search = (q: string, idx: ListIndex): Promise<TitleMatch[]> => {
    const key = `${idx.analysis.oewsYear}|${q.toLowerCase()}`;
    let hit = searches.get(key);
    if (hit) {
      searches.delete(key);
      searches.set(key, hit);
      return hit;
    }
    const size = (code: string) => idx.byCode.get(code)?.employment ?? 0;
    hit = titleIndex().then(async (t) => {
      const found = searchOccupations(t, q, size);
      if (found.length >= FEW_TITLE_HITS) return found;
      // Few titles hold every word typed ("senior payables clerk", "sr software dev"): add the
      // career title matcher's likely candidates (calibrated confidence, src/career/match.ts).
      const seen = new Set(found.map((m) => m.code));
      for (const m of matchTitle(await storeTitleIndex(store), q, { top: 10 })) {
        if (m.confidence < MIN_MATCH_CONFIDENCE || seen.has(m.code)) continue;
        found.push({ code: m.code, score: 0, title: m.matchedOn.text, kind: m.matchedOn.field === 'title' ? 'official' : 'matched' });
      }
      return found;
    });
    searches.set(key, hit);
    if (searches.size > 500) searches.delete(searches.keys().next().value!);
    return hit;
  };

  const details = memo(async () => {
    const scorers = await analysisScorers();
    const year = await latestYear().catch(() => undefined);
    const analyses: { scorer: ScorerName; rows: Map<string, OccupationRow> }[] = [];
    const sets: { scorer: ScorerName; set: TaskScoreSet }[] = [];
    for (const s of scorers) {
      sets.push({ scorer: s, set: await taskSet(s) });
      if (year !== undefined) {
        const a = await analysis({ scorer: s, measure: 'beta', oews: year });
        analyses.push({ scorer: s, rows: new Map(a.occupations.map((o) => [o.onetCode, o])) });
      }
    }
    const frame = year === undefined ? undefined : await frameFor(String(year));
    const raw = await exclusive(() => loadDetailTables(store));
    return buildDetails(raw, analyses, sets, frame);
  });

  const compare = memo(async (): Promise<Compare> => {
    const scorers: Parameters<typeof compareMeasures>[1] = [];
    for (const s of await analysisScorers()) {
      const set = await taskSet(s);
      scorers.push({ id: s, label: SCORER_LABELS[s], source: set.method, occupations: occupationExposure(set.tasks, { publishedOccupations: set.publishedOccupations }) });
    }
    return exclusive(async () => {
      const result = await compareMeasures(store, scorers);
      // The same series compareMeasures correlates, kept per code for scatter plots.
      const series = [...scorers.map((s) => scorerSeries(s.id, s.label, s.source, s.occupations)), ...(await publishedSeries(store))];
      const titles = new Map(
        (await store.all<{ soc_code: string; title: string }>(`SELECT soc_code, title FROM soc_codes WHERE level = 'detailed'`)).map((r) => [r.soc_code, r.title]),
      );
      for (const r of await store.all<{ soc_code: string; title: string }>(`SELECT soc_code, title FROM employment ORDER BY year`)) titles.set(r.soc_code, titles.get(r.soc_code) ?? r.title);
      const soc = [...new Set(series.flatMap((s) => [...s.values.keys()]))].sort();
      const finite = (x: number) => (Number.isFinite(x) ? x : null);
      return {
        series: result.series,
        pairs: result.pairs.map((p) => ({ ...p, pearson: finite(p.pearson), spearman: finite(p.spearman), topDecileOverlap: finite(p.topDecileOverlap) })),
        values: {
          soc,
          title: soc.map((c) => titles.get(c) ?? c),
          measures: Object.fromEntries(series.map((s) => [s.id, soc.map((c) => s.values.get(c) ?? null)])),
        },
        method: result.method,
      };
    });
  });

  const status = memo(async (): Promise<DataStatusOut> => {
    const s = await exclusive(() => dataStatus(store));
    return {
      schemaVersion: s.schema_version,
      empty: s.empty,
      tables: s.tables,
      oewsYears: s.oews_years,
      epVintages: s.ep_vintages,
      cpsYears: s.cps_years,
      measures: s.measures,
      oewsMatch: s.oews_match.map((m) => ({ year: m.year, share: m.share, matchedEmployment: m.matched_employment, totalEmployment: m.total_employment })),
      // File names only: where the files sat on the importing machine is nobody else's business.
      sources: s.sources.map((x) => ({ dataset: x.dataset, file: basename(x.file), release: x.release, rows: x.rows, importedAt: x.imported_at })),
      missing: s.missing,
      onetCredit: s.onet_credit,
      scorers: { analysis: await analysisScorers(), score: options.scoreScorers ?? [] },
    };
  });

  let ready = false;
  const warm = memo(async () => {
    // The default views first; failures (an empty store) surface on the routes that need them.
    await Promise.allSettled([analysis({}), details(), titleIndex(), status()]);
    // The career title matcher's index: the search's fallback, /api/match, profiles and rosters.
    await storeTitleIndex(store).catch(() => undefined);
    await listIndex({}).catch(() => undefined);
    // Last: the comparison is CPU-bound for a second or so, and would stall requests if it ran later.
    await compare().catch(() => undefined);
    ready = true;
  });

  return {
    warm,
    isReady: () => ready,
    async summary(k) {
      return summaryFor(`${k.scorer ?? 'human'}|${k.measure ?? 'beta'}|${await resolveYear(k.oews)}`);
    },
    async occupations(query) {
      const idx = await listIndex(query);
      let rows: OccupationRowOut[];
      const q = query.q?.trim();
      if (q) {
        rows = [];
        for (const m of await search(q, idx)) {
          const row = idx.byCode.get(m.code);
          if (row) rows.push(m.kind === 'official' ? row : { ...row, match: m.title });
        }
      } else rows = idx.rows;
      const sort = query.sort ?? (q ? 'relevance' : '-employment');
      rows = sortRows(rows, sort);
      const a = idx.analysis;
      return {
        scorer: a.scorer,
        measure: a.measure,
        oewsYear: a.oewsYear,
        total: rows.length,
        offset: query.offset,
        limit: query.limit,
        rows: rows.slice(query.offset, query.offset + query.limit),
        majorGroups: Object.fromEntries((await frameFor(String(a.oewsYear))).majorGroupTitles),
      };
    },
    async occupation(code) {
      return (await details()).get(code);
    },
    compare,
    status,
    analysisScorers,
  };
}

/** An InputError about the store itself (no data imported) is the server's state, not the request's fault: 503. */
function storeFault(err: unknown): never {
  if (isInputError(err) && !err.field && err.status === 400) throw new InputError(err.message, { status: 503 });
  throw err;
}

function buildListIndex(a: WorkforceAnalysis, frame: OccupationFrame, titles: TitleIndex): ListIndex {
  const unitOf = unitByOnetCode(frame);
  const analysed = new Map(a.occupations.map((o) => [o.onetCode, o]));
  const rows: OccupationRowOut[] = [];
  for (const [code, title] of titles.titles) {
    const o = analysed.get(code);
    const u = unitOf.get(code);
    rows.push({
      code,
      title,
      alpha: o?.alpha ?? null,
      beta: o?.beta ?? null,
      gamma: o?.gamma ?? null,
      automation: o?.automation ?? null,
      ratedBy: o?.ratedBy ?? null,
      ...employmentShare(u),
      wage: u?.annualMedian ?? null,
      class: o?.class ?? null,
      majorGroup: code.slice(0, 2),
    });
  }
  rows.sort((x, y) => x.code.localeCompare(y.code));
  return { analysis: a, rows, byCode: new Map(rows.map((r) => [r.code, r])) };
}

function unitByOnetCode(frame: OccupationFrame): Map<string, EmploymentUnit> {
  const out = new Map<string, EmploymentUnit>();
  for (const u of frame.units) for (const c of u.onetCodes) out.set(c, u);
  return out;
}

function sortRows(rows: OccupationRowOut[], sort: string): OccupationRowOut[] {
  const desc = sort.startsWith('-');
  const key = (desc ? sort.slice(1) : sort) as 'relevance' | 'code' | 'title' | 'alpha' | 'beta' | 'gamma' | 'employment' | 'wage';
  if (key === 'relevance') return desc ? [...rows].reverse() : rows;
  // Workers sort by the OEWS figure of the SOC code, not by the equal split used in sums.
  const value = (r: OccupationRowOut): string | number | null => (key === 'employment' ? r.employmentSoc : r[key]);
  const sign = desc ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === y ? a.code.localeCompare(b.code) : x === null ? 1 : -1; // missing values last
    const c = typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number);
    return c * sign || a.code.localeCompare(b.code);
  });
}

// ---------- occupation pages

interface DetailTables {
  occupations: { onet_code: string; title: string; description: string | null; soc_code: string; major_group: string; job_zone: number | null }[];
  tasks: { onet_code: string; task_id: number; text: string; task_type: string | null }[];
  related: { onet_code: string; related_code: string; tier: string | null; rank: number | null }[];
  employment: {
    year: number; soc_code: string; title: string; employment: number | null; annual_mean: number | null;
    annual_p10: number | null; annual_p25: number | null; annual_median: number | null; annual_p75: number | null; annual_p90: number | null;
  }[];
  projections: {
    vintage: string; soc_code: string; base_year: number; target_year: number; base_employment: number | null; target_employment: number | null;
    change_pct: number | null; openings: number | null; typical_education: string | null;
  }[];
  majorTitles: { soc_code: string; title: string }[];
  /** "O*NET 29.1 and 30.1": the releases imported, from the sources table. */
  onetLabel: string;
}

async function loadDetailTables(store: Store): Promise<DetailTables> {
  return {
    occupations: await store.all(`SELECT onet_code, title, description, soc_code, major_group, job_zone FROM occupations ORDER BY onet_code`),
    tasks: await store.all(`SELECT onet_code, task_id, text, task_type FROM tasks ORDER BY onet_code, task_id`),
    related: await store.all(`SELECT onet_code, related_code, tier, rank FROM related_occupations ORDER BY onet_code, rank NULLS LAST, related_code`),
    employment: await store.all(
      `SELECT year, soc_code, title, employment, annual_mean, annual_p10, annual_p25, annual_median, annual_p75, annual_p90
       FROM employment WHERE level IN ('detailed', 'broad') ORDER BY year`,
    ),
    projections: await store.all(
      `SELECT vintage, soc_code, base_year, target_year, base_employment, target_employment, change_pct, openings, typical_education
       FROM projections WHERE vintage = (SELECT max(vintage) FROM projections)`,
    ),
    majorTitles: await store.all(`SELECT soc_code, title FROM soc_codes WHERE level = 'major'`),
    onetLabel: onetLabel(await loadProvenance(store)),
  };
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(r);
  }
  return out;
}

function buildDetails(
  raw: DetailTables,
  analyses: { scorer: ScorerName; rows: Map<string, OccupationRow> }[],
  sets: { scorer: ScorerName; set: TaskScoreSet }[],
  frame: OccupationFrame | undefined,
): Map<string, OccupationDetail> {
  const onetTasks = groupBy(raw.tasks, (t) => t.onet_code);
  const scoredTasks = sets.map(({ scorer, set }) => ({ scorer, byCode: groupBy(set.tasks, (t) => t.onetCode) }));
  const related = groupBy(raw.related, (r) => r.onet_code);
  const employment = groupBy(raw.employment, (e) => e.soc_code);
  const projections = new Map(raw.projections.map((p) => [p.soc_code, p]));
  const titles = new Map(raw.occupations.map((o) => [o.onet_code, o.title]));
  const majorTitles = new Map(raw.majorTitles.map((m) => [m.soc_code.slice(0, 2), m.title]));
  for (const [k, v] of frame?.majorGroupTitles ?? []) majorTitles.set(k, v);
  const unitOf = frame ? unitByOnetCode(frame) : new Map<string, EmploymentUnit>();
  const primary = analyses[0];
  const vintage = raw.projections[0]?.vintage;

  const out = new Map<string, OccupationDetail>();
  for (const o of raw.occupations) {
    const code = o.onet_code;
    const exposure = analyses.flatMap(({ scorer, rows }) => {
      const r = rows.get(code);
      if (!r) return [];
      return [{
        scorer,
        alpha: r.alpha,
        beta: r.beta,
        gamma: r.gamma,
        automation: r.automation,
        augmentation: r.augmentation,
        class: r.class,
        classLabel: CLASS_LABELS[r.class],
        betaInterval: r.interval,
        filledShare: r.filledShare,
        ratedBy: r.ratedBy,
        tasks: r.tasks,
      }];
    });

    // Every task any scorer rated, and every current O*NET task, with each scorer's rating.
    const tasks = new Map<number, OccupationDetail['tasks'][number]>();
    const ensure = (id: number, text: string, type: string | null) => {
      let t = tasks.get(id);
      if (!t) tasks.set(id, (t = { taskId: id, text, type, ratings: {}, disagree: false }));
      return t;
    };
    for (const t of onetTasks.get(code) ?? []) ensure(t.task_id, t.text, t.task_type);
    for (const { scorer, byCode } of scoredTasks) {
      for (const s of byCode.get(code) ?? ([] as ScoredTask[])) {
        ensure(s.taskId, s.text, s.taskType).ratings[scorer] = { exposure: s.exposure, p: s.p ?? null, automation: s.automation, origin: s.origin, ratedBy: s.origin };
      }
    }
    // Agreement between raters counts only their own ratings: a rating the built-in model filled
    // in for a scorer is the same model whoever it stands in for, so it is left out.
    let rated = 0;
    let disagree = 0;
    for (const t of tasks.values()) {
      const labels = Object.values(t.ratings).filter((r) => r.ratedBy !== 'model').map((r) => r.exposure);
      if (labels.length >= 2) rated++;
      t.disagree = new Set(labels).size > 1;
      if (t.disagree) disagree++;
    }
    const taskList = [...tasks.values()].sort((a, b) => typeRank(a.type) - typeRank(b.type) || a.taskId - b.taskId);

    const unit = unitOf.get(code);
    const unitSoc = unit?.socCode ?? null;
    const history = unitSoc ? employment.get(unitSoc) ?? [] : [];
    const w = history.find((e) => e.year === frame?.year);
    const p = projections.get(o.soc_code) ?? (unitSoc ? projections.get(unitSoc) : undefined);

    out.set(code, {
      code,
      title: o.title,
      description: o.description,
      socCode: o.soc_code,
      majorGroup: o.major_group,
      majorGroupTitle: majorTitles.get(o.major_group) ?? null,
      jobZone: o.job_zone,
      ratedBy: exposure[0]?.ratedBy ?? null,
      exposure,
      tasks: taskList,
      agreement: { rated, disagree },
      employment: {
        oewsYear: frame?.year ?? 0,
        unitSocCode: unitSoc,
        unitTitle: unit?.title ?? null,
        unitEmployment: unit?.employment ?? null,
        onetOccupationsInUnit: unit?.onetCodes.length ?? 0,
        ...employmentShare(unit),
        wages: w
          ? {
              year: w.year, socCode: w.soc_code, title: w.title, employment: w.employment, annualMean: w.annual_mean,
              annualP10: w.annual_p10, annualP25: w.annual_p25, annualMedian: w.annual_median, annualP75: w.annual_p75, annualP90: w.annual_p90,
            }
          : null,
        history: history.map((e) => ({ year: e.year, employment: e.employment, annualMedian: e.annual_median })),
      },
      projection: p
        ? {
            vintage: p.vintage, socCode: p.soc_code, baseYear: p.base_year, targetYear: p.target_year, baseEmployment: p.base_employment,
            targetEmployment: p.target_employment, changePct: p.change_pct, openings: p.openings, typicalEducation: p.typical_education,
          }
        : null,
      related: (related.get(code) ?? []).map((r) => {
        const row = primary?.rows.get(r.related_code);
        return { code: r.related_code, title: titles.get(r.related_code) ?? r.related_code, tier: r.tier, beta: row?.beta ?? null, class: row ? classify(row.beta, row.automation) : null };
      }),
      sources: [
        `${raw.onetLabel} occupations, task statements and related occupations (National Center for O*NET Development, CC BY 4.0)`,
        'Task exposure labels: Eloundou, Manning, Mishkin & Rock (2024), GPTs are GPTs, Science 384 (MIT)',
        ...(frame ? [`Employment and wages: BLS OEWS May ${frame.year}`] : []),
        ...(vintage ? [`Projections: BLS Employment Projections ${vintage}`] : []),
      ],
    });
  }
  return out;
}

const typeRank = (t: string | null) => (t === 'Core' ? 0 : t === 'Supplemental' ? 1 : 2);
