/**
 * Workforce exposure: occupation exposure weighted by OEWS employment.
 *
 * Each OEWS unit (a detailed SOC occupation, or a broad group OEWS publishes only as a
 * whole) takes the unweighted mean exposure of the O*NET-SOC occupations under it. The
 * headline shares follow Eloundou et al. (2024): the share of workers whose occupation has at
 * least 10% (and at least 50%) of its task weight exposed, by alpha, beta and gamma.
 */
import { jobZoneGroup, jobZoneLabel } from '../data/sources/onet/jobZones.js';
import { AGE_GROUPS, type AgeGroup, type EmploymentUnit, type OccupationFrame } from './frame.js';
import { MEASURES, type Measure, type OccupationExposure } from './exposure.js';

export interface UnitExposure extends EmploymentUnit {
  alpha: number;
  beta: number;
  gamma: number;
  automation: number | null;
  augmentation: number;
  automationExposed: number | null;
  /** O*NET occupations under this unit that had scores. */
  scored: string[];
}

/** Attach occupation exposure to employment units; units with no scored O*NET occupation are returned apart. */
export function unitExposure(frame: OccupationFrame, occupations: OccupationExposure[]): { units: UnitExposure[]; unscored: EmploymentUnit[] } {
  const byCode = new Map(occupations.map((o) => [o.onetCode, o]));
  const units: UnitExposure[] = [];
  const unscored: EmploymentUnit[] = [];
  for (const u of frame.units) {
    const scored = u.onetCodes.map((c) => byCode.get(c)).filter((o): o is OccupationExposure => o !== undefined);
    if (scored.length === 0) {
      unscored.push(u);
      continue;
    }
    const mean = (f: (o: OccupationExposure) => number) => scored.reduce((s, o) => s + f(o), 0) / scored.length;
    const meanOrNull = (f: (o: OccupationExposure) => number | null) => {
      const xs = scored.map(f).filter((x): x is number => x !== null);
      return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
    };
    units.push({
      ...u,
      alpha: mean((o) => o.alpha),
      beta: mean((o) => o.beta),
      gamma: mean((o) => o.gamma),
      automation: meanOrNull((o) => o.automation),
      augmentation: mean((o) => o.augmentation),
      automationExposed: meanOrNull((o) => o.automationExposed),
      scored: scored.map((o) => o.onetCode),
    });
  }
  return { units, unscored };
}

export interface Headline {
  /** Employment-weighted mean of the measure. */
  mean: number;
  /** Share of workers in occupations with >= 10% of task weight exposed. */
  atLeast10: number;
  /** Share of workers in occupations with >= 50% of task weight exposed. */
  atLeast50: number;
}

export function headline(units: UnitExposure[], measure: Measure, employment: (u: UnitExposure) => number = (u) => u.employment): Headline {
  let total = 0;
  let sum = 0;
  let a10 = 0;
  let a50 = 0;
  for (const u of units) {
    const e = employment(u);
    const x = u[measure];
    total += e;
    sum += e * x;
    if (x >= 0.1) a10 += e;
    if (x >= 0.5) a50 += e;
  }
  return total ? { mean: sum / total, atLeast10: a10 / total, atLeast50: a50 / total } : { mean: 0, atLeast10: 0, atLeast50: 0 };
}

export interface GroupRow {
  group: string;
  label: string;
  employment: number;
  mean: number;
  atLeast50: number;
  automation: number | null;
  augmentation: number;
}

export type GroupBy = 'major' | 'wage' | 'zone' | 'education' | 'demographic' | 'age';
export const GROUP_BYS: GroupBy[] = ['major', 'wage', 'zone', 'education', 'demographic', 'age'];

/** Employment-weighted breakdown by a grouping of units. */
export function groupExposure(
  units: UnitExposure[],
  measure: Measure,
  keyOf: (u: UnitExposure) => { group: string; label: string } | null,
  weightOf: (u: UnitExposure) => number = (u) => u.employment,
): GroupRow[] {
  const acc = new Map<string, { label: string; e: number; s: number; a50: number; auto: number; autoW: number; aug: number }>();
  for (const u of units) {
    const k = keyOf(u);
    if (!k) continue;
    const w = weightOf(u);
    if (!(w > 0)) continue;
    let a = acc.get(k.group);
    if (!a) acc.set(k.group, (a = { label: k.label, e: 0, s: 0, a50: 0, auto: 0, autoW: 0, aug: 0 }));
    a.e += w;
    a.s += w * u[measure];
    if (u[measure] >= 0.5) a.a50 += w;
    if (u.automation !== null) {
      a.auto += w * u.automation;
      a.autoW += w;
    }
    a.aug += w * u.augmentation;
  }
  return [...acc]
    .map(([group, a]) => ({
      group,
      label: a.label,
      employment: a.e,
      mean: a.s / a.e,
      atLeast50: a.a50 / a.e,
      automation: a.autoW ? a.auto / a.autoW : null,
      augmentation: a.aug / a.e,
    }))
    .sort((x, y) => x.group.localeCompare(y.group, 'en', { numeric: true }));
}

/** Employment-weighted quintile (1..5) of each unit's median annual wage. */
export function wageQuintiles(units: UnitExposure[]): Map<string, number> {
  const withWage = units.filter((u) => u.annualMedian !== null).sort((a, b) => a.annualMedian! - b.annualMedian!);
  const total = withWage.reduce((s, u) => s + u.employment, 0);
  const out = new Map<string, number>();
  let cum = 0;
  for (const u of withWage) {
    const mid = cum + u.employment / 2;
    out.set(u.socCode, Math.min(5, Math.floor((mid / total) * 5) + 1));
    cum += u.employment;
  }
  return out;
}

const EDUCATION_ORDER = [
  'No formal educational credential',
  'High school diploma or equivalent',
  'Some college, no degree',
  'Postsecondary nondegree award',
  "Associate's degree",
  "Bachelor's degree",
  "Master's degree",
  'Doctoral or professional degree',
];

export const DEMOGRAPHIC_GROUPS = ['women', 'white', 'black', 'asian', 'hispanic'] as const;

/** Breakdown rows for one grouping. Demographic rows weight each unit by the group's workers in it (CPS shares x OEWS employment). */
export function breakdown(units: UnitExposure[], by: GroupBy, measure: Measure, majorTitles: Map<string, string>): GroupRow[] {
  switch (by) {
    case 'major':
      return groupExposure(units, measure, (u) => ({ group: u.majorGroup, label: majorTitles.get(u.majorGroup) ?? u.majorGroup }));
    case 'wage': {
      const q = wageQuintiles(units);
      const names = ['lowest', 'second', 'middle', 'fourth', 'highest'];
      return groupExposure(units, measure, (u) => {
        const k = q.get(u.socCode);
        return k ? { group: `Q${k}`, label: `Wage quintile ${k} (${names[k - 1]})` } : null;
      });
    }
    case 'zone':
      // Labelled with their framework: O*NET's four-level zones (30.2 on) are not the five-level ones.
      return groupExposure(units, measure, (u) => (u.jobZone ? { group: jobZoneGroup(u.jobZone, u.jobZoneFramework ?? null), label: jobZoneLabel(u.jobZone, u.jobZoneFramework ?? null) } : null));
    case 'education':
      return groupExposure(units, measure, (u) => {
        if (!u.education) return null;
        const i = EDUCATION_ORDER.indexOf(u.education);
        return { group: `${String(i < 0 ? 99 : i).padStart(2, '0')}`, label: u.education };
      });
    case 'demographic': {
      const rows: GroupRow[] = [];
      const all = groupExposure(units, measure, (u) => (u.demographics ? { group: 'all', label: 'All workers (CPS-matched occupations)' } : null));
      rows.push(...all);
      for (const g of DEMOGRAPHIC_GROUPS) {
        const r = groupExposure(
          units,
          measure,
          () => ({ group: g, label: DEMOGRAPHIC_LABELS[g] }),
          (u) => (u.demographics && u.demographics[g] !== null ? u.employment * u.demographics[g]! : 0),
        );
        rows.push(...r);
      }
      return rows;
    }
    case 'age': {
      // Each age group's workers in an occupation: OEWS employment x the CPS 11b share of that
      // age group in it. `atLeast50` is then the share of the age group's workers who hold highly
      // exposed jobs: the early-career view (Brynjolfsson, Chandar & Chen 2025).
      const rows = groupExposure(units, measure, (u) => (u.ages ? { group: 'all', label: 'All workers (CPS-matched occupations)' } : null));
      for (const g of AGE_GROUPS) {
        rows.push(...groupExposure(
          units,
          measure,
          () => ({ group: g, label: AGE_LABELS[g] }),
          (u) => (u.ages && u.ages[g] !== null ? u.employment * u.ages[g]! : 0),
        ));
      }
      return rows;
    }
  }
}

export const AGE_LABELS: Record<AgeGroup, string> = {
  age_16_19: 'Aged 16 to 19',
  age_20_24: 'Aged 20 to 24',
  age_25_34: 'Aged 25 to 34',
  age_35_44: 'Aged 35 to 44',
  age_45_54: 'Aged 45 to 54',
  age_55_64: 'Aged 55 to 64',
  age_65_over: 'Aged 65 and over',
};

export const DEMOGRAPHIC_LABELS: Record<(typeof DEMOGRAPHIC_GROUPS)[number], string> = {
  women: 'Women',
  white: 'White',
  black: 'Black or African American',
  asian: 'Asian',
  hispanic: 'Hispanic or Latino',
};

/** Employment distribution over exposure bins [0,0.1), [0.1,0.2), ... [0.9,1]. */
export function distribution(units: UnitExposure[], measure: Measure): { from: number; to: number; employment: number; share: number }[] {
  const bins = Array.from({ length: 10 }, (_, i) => ({ from: i / 10, to: (i + 1) / 10, employment: 0, share: 0 }));
  let total = 0;
  for (const u of units) {
    const i = Math.min(9, Math.floor(u[measure] * 10 + 1e-12));
    bins[i]!.employment += u.employment;
    total += u.employment;
  }
  for (const b of bins) b.share = total ? b.employment / total : 0;
  return bins;
}

export interface WageBill {
  /** Sum of employment x mean annual wage, US dollars. */
  total: number;
  /** Wage bill weighted by the measure: the dollars paid for exposed task weight. */
  exposed: number;
  share: number;
  /** Wage bill of workers in occupations with >= 50% exposure. */
  inHighlyExposed: number;
}

export function wageBill(units: UnitExposure[], measure: Measure): WageBill {
  let total = 0;
  let exposed = 0;
  let high = 0;
  for (const u of units) {
    if (u.annualMean === null) continue;
    const bill = u.employment * u.annualMean;
    total += bill;
    exposed += bill * u[measure];
    if (u[measure] >= 0.5) high += bill;
  }
  return { total, exposed, share: total ? exposed / total : 0, inHighlyExposed: high };
}

export function allHeadlines(units: UnitExposure[]): Record<Measure, Headline> {
  return Object.fromEntries(MEASURES.map((m) => [m, headline(units, m)])) as Record<Measure, Headline>;
}
