/**
 * The counterfactual path: BLS Employment Projections 2024-34 (National Employment Matrix,
 * Table 1.2) for each OEWS employment unit — ten-year growth and average annual openings.
 * Scenario results are differences from this path.
 *
 * Units are OEWS rows: a detailed SOC code takes its EP line item; a broad code (or an OEWS
 * aggregate of several detailed codes) takes the sum of the EP line items under it; a unit with
 * no EP row takes the national rates, and the count of such units is reported.
 */
import { broadOf } from '../data/codes.js';
import type { Store } from '../data/store.js';

export interface ProjectionRow {
  soc_code: string;
  base_employment: number | null;
  target_employment: number | null;
  openings: number | null;
  base_year: number;
  target_year: number;
}

export interface UnitProjection {
  /** target / base employment over the projection period. */
  growth: number;
  /** Average annual openings (workers), scaled to the unit's OEWS employment. */
  openingsRate: number;
  matched: boolean;
}

export interface Baseline {
  vintage: string;
  baseYear: number;
  targetYear: number;
  national: { growth: number; openingsRate: number };
  byUnit: Map<string, UnitProjection>;
  unmatched: number;
}

export async function loadProjectionRows(store: Store): Promise<{ vintage: string; rows: ProjectionRow[] } | null> {
  const v = await store.one<{ v: string | null }>(`SELECT max(vintage) AS v FROM projections`);
  if (!v?.v) return null;
  const rows = await store.all<ProjectionRow>(
    `SELECT soc_code, base_employment, target_employment, openings, base_year, target_year FROM projections WHERE vintage = ? AND (occupation_type = 'Line item' OR soc_code = '00-0000')`,
    [v.v],
  );
  return { vintage: v.v, rows };
}

/** Growth and openings rates per unit SOC code from EP line items (pure). */
export function unitProjections(unitCodes: string[], vintage: string, rows: ProjectionRow[]): Baseline {
  const total = rows.find((r) => r.soc_code === '00-0000');
  const items = rows.filter((r) => r.soc_code !== '00-0000' && (r.base_employment ?? 0) > 0);
  const sumB = items.reduce((s, r) => s + (r.base_employment ?? 0), 0);
  const national = total && total.base_employment
    ? { growth: (total.target_employment ?? total.base_employment) / total.base_employment, openingsRate: (total.openings ?? 0) / total.base_employment }
    : { growth: sumB ? items.reduce((s, r) => s + (r.target_employment ?? 0), 0) / sumB : 1, openingsRate: sumB ? items.reduce((s, r) => s + (r.openings ?? 0), 0) / sumB : 0 };
  const bySoc = new Map(items.map((r) => [r.soc_code, r]));
  const byBroad = new Map<string, ProjectionRow[]>();
  for (const r of items) {
    const b = broadOf(r.soc_code);
    let list = byBroad.get(b);
    if (!list) byBroad.set(b, (list = []));
    list.push(r);
  }
  const byUnit = new Map<string, UnitProjection>();
  let unmatched = 0;
  for (const code of unitCodes) {
    const exact = bySoc.get(code);
    // A detailed code: its line item; a broad code: the items under it; an OEWS aggregate such
    // as 25-9045 (= 25-9042 + 25-9043 + 25-9044): the items of its broad group.
    const list = exact ? [exact] : byBroad.get(code) ?? byBroad.get(broadOf(code)) ?? [];
    const b = list.reduce((s, r) => s + (r.base_employment ?? 0), 0);
    if (b > 0) {
      byUnit.set(code, {
        growth: list.reduce((s, r) => s + (r.target_employment ?? r.base_employment ?? 0), 0) / b,
        openingsRate: list.reduce((s, r) => s + (r.openings ?? 0), 0) / b,
        matched: true,
      });
    } else {
      unmatched++;
      byUnit.set(code, { ...national, matched: false });
    }
  }
  const first = items[0] ?? total;
  return { vintage, baseYear: first?.base_year ?? 2024, targetYear: first?.target_year ?? 2034, national, byUnit, unmatched };
}

export async function loadBaseline(store: Store, unitCodes: string[]): Promise<Baseline | null> {
  const p = await loadProjectionRows(store);
  if (!p || p.rows.length === 0) return null;
  return unitProjections(unitCodes, p.vintage, p.rows);
}
