/**
 * Occupation codes across sources. O*NET-SOC 8-digit codes (13-2011.01) roll up to SOC 2018
 * 6-digit codes (13-2011), which is how OEWS and EP publish employment. OEWS publishes some
 * occupations only at the broad-group level (e.g. 51-2090 Miscellaneous Assemblers); O*NET
 * occupations under such a group take the broad row. Where several O*NET occupations share
 * one OEWS row, analysis averages them and says so.
 */
import type { Store } from './store.js';

export interface OewsCell {
  /** OEWS row the occupation's employment comes from. */
  oewsCode: string;
  oewsLevel: 'detailed' | 'broad';
  employment: number | null;
  annualMean: number | null;
  annualMedian: number | null;
}

export interface OewsLeaf {
  soc_code: string;
  title: string;
  level: string;
  employment: number | null;
  annual_mean: number | null;
  annual_median: number | null;
}

/**
 * The OEWS rows that partition total employment for a year: every detailed row, plus each
 * broad row that has no detailed row under it (published only at the broad level).
 */
export async function oewsLeaves(store: Store, year: number): Promise<OewsLeaf[]> {
  return store.all<OewsLeaf>(
    `SELECT soc_code, title, level, employment, annual_mean, annual_median FROM employment e
     WHERE year = ? AND (level = 'detailed' OR (level = 'broad' AND NOT EXISTS (
       SELECT 1 FROM employment d WHERE d.year = e.year AND d.level = 'detailed' AND substr(d.soc_code, 1, 6) = substr(e.soc_code, 1, 6))))
     ORDER BY soc_code`,
    [year],
  );
}

/** Broad group of a 6-digit SOC code: 51-2092 -> 51-2090. */
export function broadOf(soc: string): string {
  return `${soc.slice(0, 6)}0`;
}

/**
 * Map each O*NET-SOC occupation to its OEWS row for a year: the detailed row with the same
 * SOC 2018 code, else its broad group's row.
 */
export function mapOnetToOews(onetCodes: string[], leaves: OewsLeaf[]): Map<string, OewsLeaf> {
  const byCode = new Map(leaves.map((l) => [l.soc_code, l]));
  const out = new Map<string, OewsLeaf>();
  const pending: string[] = [];
  for (const code of onetCodes) {
    const soc = code.slice(0, 7);
    const leaf = byCode.get(soc) ?? byCode.get(broadOf(soc));
    if (leaf) out.set(code, leaf);
    else pending.push(code);
  }
  // OEWS also publishes its own aggregates of detailed codes inside a broad group (e.g.
  // 25-9045 = 25-9042 + 25-9043 + 25-9044). An O*NET occupation left over takes the one
  // leaf of its broad group that no O*NET occupation matched directly, when there is exactly one.
  const matched = new Set([...out.values()].map((l) => l.soc_code));
  for (const code of pending) {
    const group = code.slice(0, 6);
    const free = leaves.filter((l) => l.soc_code.startsWith(group) && !matched.has(l.soc_code));
    if (free.length === 1) out.set(code, free[0]!);
  }
  return out;
}

export interface OewsMatch {
  year: number;
  totalEmployment: number;
  matchedEmployment: number;
  share: number;
  unmatched: { soc_code: string; title: string; employment: number }[];
}

/** Share of OEWS total employment whose occupation row is matched by at least one O*NET occupation. */
export async function oewsMatch(store: Store, year: number): Promise<OewsMatch> {
  const leaves = await oewsLeaves(store, year);
  const onet = (await store.all<{ onet_code: string }>(`SELECT onet_code FROM occupations`)).map((r) => r.onet_code);
  const mapped = mapOnetToOews(onet, leaves);
  const matched = new Set([...mapped.values()].map((l) => l.soc_code));
  const total = (await store.one<{ e: number }>(`SELECT employment AS e FROM employment WHERE year = ? AND soc_code = '00-0000'`, [year]))?.e
    ?? leaves.reduce((s, l) => s + (l.employment ?? 0), 0);
  let matchedEmployment = 0;
  const unmatched: OewsMatch['unmatched'] = [];
  for (const l of leaves) {
    if (matched.has(l.soc_code)) matchedEmployment += l.employment ?? 0;
    else if (l.employment) unmatched.push({ soc_code: l.soc_code, title: l.title, employment: l.employment });
  }
  unmatched.sort((a, b) => b.employment - a.employment);
  return { year, totalEmployment: total, matchedEmployment, share: total ? matchedEmployment / total : 0, unmatched };
}
