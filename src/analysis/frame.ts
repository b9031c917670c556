/**
 * The occupation frame: OEWS employment units (detailed SOC rows, or broad rows where OEWS
 * publishes only those) with the O*NET occupations under each, wages, job zone, typical
 * education (BLS EP) and demographic shares (CPS), ready for employment weighting.
 */
import { mapOnetToOews, oewsLeaves } from '../data/codes.js';
import type { JobZoneFramework } from '../data/sources/onet/jobZones.js';
import type { Store } from '../data/store.js';
import { InputError } from '../util/errors.js';

export interface Demographics {
  women: number | null;
  white: number | null;
  black: number | null;
  asian: number | null;
  hispanic: number | null;
}

/**
 * Shares of an occupation's employed by age group (CPS table 11b), in [0, 1], and the median age.
 * Brynjolfsson, Chandar & Chen (2025), "Canaries in the Coal Mine?", find the first measurable
 * employment effects of generative AI among early-career workers (ages 22-25) in the most exposed
 * occupations: the reason jobshift shows exposure by age.
 */
export interface AgeShares {
  age_16_19: number | null;
  age_20_24: number | null;
  age_25_34: number | null;
  age_35_44: number | null;
  age_45_54: number | null;
  age_55_64: number | null;
  age_65_over: number | null;
  median_age: number | null;
}

export const AGE_GROUPS = ['age_16_19', 'age_20_24', 'age_25_34', 'age_35_44', 'age_45_54', 'age_55_64', 'age_65_over'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export interface EmploymentUnit {
  socCode: string;
  title: string;
  majorGroup: string;
  employment: number;
  annualMean: number | null;
  annualMedian: number | null;
  /** O*NET-SOC occupations whose exposure is averaged for this unit. */
  onetCodes: string[];
  jobZone: number | null;
  /** The O*NET framework of jobZone: five-level (to 30.1) or four-level (30.2 on); absent or null when unknown. */
  jobZoneFramework?: JobZoneFramework | null;
  education: string | null;
  demographics: Demographics | null;
  ages: AgeShares | null;
}

export interface OccupationFrame {
  year: number;
  /** CPS years the demographic shares come from (null when that table is not imported). */
  cpsYears: { sexRace: number | null; age: number | null };
  units: EmploymentUnit[];
  totalEmployment: number;
  majorGroupTitles: Map<string, string>;
  onetTitles: Map<string, string>;
}

export async function availableOewsYears(store: Store): Promise<number[]> {
  return (await store.all<{ year: number }>(`SELECT DISTINCT year FROM employment ORDER BY year`)).map((r) => r.year);
}

/** Resolve the OEWS year to use (default the latest), with a clear message when it is not imported. */
export async function resolveOewsYear(store: Store, year?: number): Promise<number> {
  const years = await availableOewsYears(store);
  if (years.length === 0) throw new InputError('no OEWS employment in the store: import national_M*_dl.xlsx (BLS OEWS)');
  if (year === undefined) return years[years.length - 1]!;
  if (!years.includes(year)) throw new InputError(`OEWS ${year} is not imported (available: ${years.join(', ')})`, { field: 'oews' });
  return year;
}

/**
 * How O*NET occupations meet employment.
 * - `jobshift` (default): one unit per OEWS occupation; the O*NET occupations under a SOC code
 *   share it (their exposure is averaged), so every worker is counted once.
 * - `eloundou2024`: as in GPTs-are-GPTs (Eloundou et al. 2024, Fig. 3 and the authors' code): one
 *   unit per O*NET occupation, each counted with its SOC code's whole employment, so a SOC code
 *   with five O*NET occupations counts its workers five times. With OEWS May 2021 and the authors'
 *   own title match imported (occupations_onet_bls_matched.csv), their match is used as is.
 */
export type Aggregation = 'jobshift' | 'eloundou2024';
export const AGGREGATIONS: Aggregation[] = ['jobshift', 'eloundou2024'];

export const AGGREGATION_NOTES: Record<Aggregation, string> = {
  jobshift:
    'Aggregation "jobshift": O*NET occupations that share a SOC code are averaged before the threshold, and each worker in OEWS is counted once.',
  eloundou2024:
    'Aggregation "eloundou2024" (as in GPTs-are-GPTs): each O*NET occupation is thresholded on its own and counted with its SOC code\'s whole employment, so workers in SOC codes with several O*NET occupations are counted more than once; shares are of that sum.',
};


/** The paper's frame from jobshift's (one unit per O*NET occupation, each with its SOC code's whole employment). */
export async function eloundouFrame(store: Store, frame: OccupationFrame): Promise<OccupationFrame> {
  const authors = frame.year === 2021
    ? await store.all<{ onet_title: string; soc_code: string; employment: number }>(`SELECT onet_title, soc_code, employment FROM authors_employment_match`)
    : [];
  const byUnit = new Map<string, EmploymentUnit>();
  for (const u of frame.units) for (const c of u.onetCodes) byUnit.set(c, u);
  let units: EmploymentUnit[];
  if (authors.length) {
    // The authors matched by O*NET title; titles come from O*NET and from their occ_level.csv.
    const codeByTitle = new Map<string, string>();
    const titled = await store.all<{ code: string; title: string }>(
      `SELECT onet_code AS code, title FROM occupations UNION SELECT DISTINCT code, title FROM measures WHERE measure LIKE 'gptsgpts_%' AND title IS NOT NULL`,
    );
    for (const t of titled) codeByTitle.set(t.title.trim().toLowerCase(), t.code);
    units = [];
    for (const a of authors) {
      const code = codeByTitle.get(a.onet_title.trim().toLowerCase());
      if (!code) continue;
      const base = byUnit.get(code);
      units.push({
        ...(base ?? { jobZone: null, education: null, demographics: null, ages: null, annualMean: null, annualMedian: null }),
        socCode: a.soc_code,
        title: a.onet_title,
        majorGroup: a.soc_code.slice(0, 2),
        employment: a.employment,
        onetCodes: [code],
      });
    }
  } else {
    units = frame.units.flatMap((u) => u.onetCodes.map((c) => ({ ...u, title: frame.onetTitles.get(c) ?? u.title, onetCodes: [c] })));
  }
  return { ...frame, units, totalEmployment: units.reduce((s, u) => s + u.employment, 0) };
}

/** jobshift's frame: one unit per OEWS occupation (the default aggregation). */
export async function loadOccupationFrame(store: Store, year?: number): Promise<OccupationFrame> {
  const y = await resolveOewsYear(store, year);
  const leaves = await oewsLeaves(store, y);
  const occupations = await store.all<{ onet_code: string; title: string; job_zone: number | null; job_zone_framework: JobZoneFramework | null }>(
    `SELECT onet_code, title, job_zone, job_zone_framework FROM occupations ORDER BY onet_code`,
  );
  const mapped = mapOnetToOews(occupations.map((o) => o.onet_code), leaves);
  const onetByUnit = new Map<string, string[]>();
  for (const [code, leaf] of mapped) {
    let list = onetByUnit.get(leaf.soc_code);
    if (!list) onetByUnit.set(leaf.soc_code, (list = []));
    list.push(code);
  }
  const zone = new Map(occupations.map((o) => [o.onet_code, o.job_zone]));
  const framework = new Map(occupations.map((o) => [o.onet_code, o.job_zone_framework]));
  const education = await latestEducation(store);
  const demo = await demographicsBySoc(store);
  const ages = await agesBySoc(store);
  const total = (await store.one<{ e: number }>(`SELECT employment AS e FROM employment WHERE year = ? AND soc_code = '00-0000'`, [y]))?.e
    ?? leaves.reduce((s, l) => s + (l.employment ?? 0), 0);
  const majors = await store.all<{ soc_code: string; title: string }>(`SELECT soc_code, title FROM employment WHERE year = ? AND level = 'major'`, [y]);
  const units: EmploymentUnit[] = leaves
    .filter((l) => (l.employment ?? 0) > 0)
    .map((l) => {
      const onetCodes = onetByUnit.get(l.soc_code) ?? [];
      const zones = onetCodes.map((c) => zone.get(c)).filter((z): z is number => typeof z === 'number');
      return {
        socCode: l.soc_code,
        title: l.title,
        majorGroup: l.soc_code.slice(0, 2),
        employment: l.employment ?? 0,
        annualMean: l.annual_mean,
        annualMedian: l.annual_median ?? l.annual_mean,
        onetCodes,
        jobZone: zones.length ? Math.round(zones.reduce((a, b) => a + b, 0) / zones.length) : null,
        // One Job Zones file per store, so the occupations of a unit share one framework.
        jobZoneFramework: onetCodes.map((c) => framework.get(c)).find((f) => f) ?? null,
        education: education.get(l.soc_code) ?? null,
        demographics: matchDemographics(l.soc_code, demo.bySoc),
        ages: matchDemographics(l.soc_code, ages.bySoc),
      };
    });
  return {
    year: y,
    cpsYears: { sexRace: demo.year, age: ages.year },
    units,
    totalEmployment: total,
    majorGroupTitles: new Map(majors.map((m) => [m.soc_code.slice(0, 2), m.title])),
    onetTitles: new Map(occupations.map((o) => [o.onet_code, o.title])),
  };
}

/** Typical entry education by SOC code, from the latest EP vintage. */
async function latestEducation(store: Store): Promise<Map<string, string>> {
  const rows = await store.all<{ soc_code: string; typical_education: string }>(
    `SELECT soc_code, typical_education FROM projections
     WHERE vintage = (SELECT max(vintage) FROM projections WHERE typical_education IS NOT NULL) AND typical_education IS NOT NULL`,
  );
  return new Map(rows.map((r) => [r.soc_code, r.typical_education]));
}

async function demographicsBySoc(store: Store): Promise<{ year: number | null; bySoc: Map<string, Demographics> }> {
  const rows = await store.all<{ year: number; soc_code: string } & Demographics>(
    `SELECT year, soc_code, women, white, black, asian, hispanic FROM demographics
     WHERE year = (SELECT max(year) FROM demographics) AND soc_code IS NOT NULL`,
  );
  return {
    year: rows[0]?.year ?? null,
    bySoc: new Map(rows.map((r) => [r.soc_code, { women: r.women, white: r.white, black: r.black, asian: r.asian, hispanic: r.hispanic }])),
  };
}

async function agesBySoc(store: Store): Promise<{ year: number | null; bySoc: Map<string, AgeShares> }> {
  const rows = await store.all<{ year: number; soc_code: string } & AgeShares>(
    `SELECT year, soc_code, ${AGE_GROUPS.join(', ')}, median_age FROM demographics_age
     WHERE year = (SELECT max(year) FROM demographics_age) AND soc_code IS NOT NULL`,
  );
  return {
    year: rows[0]?.year ?? null,
    bySoc: new Map(rows.map(({ year: _y, soc_code, ...shares }) => [soc_code, shares])),
  };
}

/**
 * CPS (Census) codes are detailed SOC codes, broad groups, or patterns with X (13-20XX):
 * take the most specific that covers the OEWS unit.
 */
export function matchDemographics<T>(soc: string, bySoc: Map<string, T>): T | null {
  const exact = bySoc.get(soc);
  if (exact) return exact;
  let best: { d: T; specificity: number } | null = null;
  for (const [code, d] of bySoc) {
    if (code.length !== 7) continue;
    let ok = true;
    let specificity = 0;
    for (let i = 0; i < 7; i++) {
      const c = code[i]!;
      if (c === 'X') continue;
      // A trailing 0 in a broad code (11-9030) covers its detailed codes (11-9031).
      if (i === 6 && c === '0' && code !== soc) continue;
      if (c !== soc[i]) {
        ok = false;
        break;
      }
      specificity++;
    }
    if (ok && (!best || specificity > best.specificity)) best = { d, specificity };
  }
  return best && best.specificity >= 5 ? best.d : null;
}
