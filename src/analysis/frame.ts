/**
 * The occupation frame: OEWS employment units (detailed SOC rows, or broad rows where OEWS
 * publishes only those) with the O*NET occupations under each, wages, job zone, typical
 * education (BLS EP) and demographic shares (CPS), ready for employment weighting.
 */
import { mapOnetToOews, oewsLeaves } from '../data/codes.js';
import type { Store } from '../data/store.js';
import { InputError } from '../util/errors.js';

export interface Demographics {
  women: number | null;
  white: number | null;
  black: number | null;
  asian: number | null;
  hispanic: number | null;
}

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
  education: string | null;
  demographics: Demographics | null;
}

export interface OccupationFrame {
  year: number;
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

export async function loadOccupationFrame(store: Store, year?: number): Promise<OccupationFrame> {
  const y = await resolveOewsYear(store, year);
  const leaves = await oewsLeaves(store, y);
  const occupations = await store.all<{ onet_code: string; title: string; job_zone: number | null }>(
    `SELECT onet_code, title, job_zone FROM occupations ORDER BY onet_code`,
  );
  const mapped = mapOnetToOews(occupations.map((o) => o.onet_code), leaves);
  const onetByUnit = new Map<string, string[]>();
  for (const [code, leaf] of mapped) {
    let list = onetByUnit.get(leaf.soc_code);
    if (!list) onetByUnit.set(leaf.soc_code, (list = []));
    list.push(code);
  }
  const zone = new Map(occupations.map((o) => [o.onet_code, o.job_zone]));
  const education = await latestEducation(store);
  const demo = await demographicsBySoc(store);
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
        education: education.get(l.soc_code) ?? null,
        demographics: matchDemographics(l.soc_code, demo),
      };
    });
  return {
    year: y,
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

async function demographicsBySoc(store: Store): Promise<Map<string, Demographics>> {
  const rows = await store.all<{ soc_code: string } & Demographics>(
    `SELECT soc_code, women, white, black, asian, hispanic FROM demographics
     WHERE year = (SELECT max(year) FROM demographics) AND soc_code IS NOT NULL`,
  );
  return new Map(rows.map((r) => [r.soc_code, { women: r.women, white: r.white, black: r.black, asian: r.asian, hispanic: r.hispanic }]));
}

/**
 * CPS (Census) codes are detailed SOC codes, broad groups, or patterns with X (13-20XX):
 * take the most specific that covers the OEWS unit.
 */
export function matchDemographics(soc: string, bySoc: Map<string, Demographics>): Demographics | null {
  const exact = bySoc.get(soc);
  if (exact) return exact;
  let best: { d: Demographics; specificity: number } | null = null;
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
