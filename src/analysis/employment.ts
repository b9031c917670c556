/**
 * Employment of one O*NET occupation, as shown beside it. BLS OEWS counts workers by SOC code
 * (or only by broad group), and several O*NET occupations can share one: Registered Nurses
 * (29-1141) holds five. Sums split the OEWS figure equally among them (`employment`), which
 * is a device for weighting, not a count anyone published; what a reader sees is the OEWS
 * figure itself (`employmentSoc`) and, when it is shared, what it covers (`employmentNote`).
 */
import { broadOf } from '../data/codes.js';
import type { EmploymentUnit } from './frame.js';

export interface EmploymentShare {
  /** The OEWS unit's employment split equally among the O*NET occupations that share it: the weight in sums. */
  employment: number | null;
  /** The OEWS employment of the SOC code (or broad group) this occupation is counted in, as BLS publishes it. */
  employmentSoc: number | null;
  /** True when the OEWS figure is shared with other O*NET occupations (so `employment` is an equal split). */
  employmentSplit: boolean;
  /** What a shared OEWS figure covers, e.g. "Registered Nurses and 4 related O*NET occupations"; null when not shared. */
  employmentNote: string | null;
}

/** Employment of an O*NET occupation counted in OEWS unit `u` (undefined: OEWS has no row for it). */
export function employmentShare(u: Pick<EmploymentUnit, 'socCode' | 'title' | 'employment' | 'onetCodes'> | undefined): EmploymentShare {
  if (!u) return { employment: null, employmentSoc: null, employmentSplit: false, employmentNote: null };
  const n = Math.max(1, u.onetCodes.length);
  return { employment: u.employment / n, employmentSoc: u.employment, employmentSplit: n > 1, employmentNote: sharedUnitNote(u.socCode, u.title, n) };
}

/**
 * "Registered Nurses and 4 related O*NET occupations"; for a unit OEWS publishes only as a broad
 * group, "broad group Miscellaneous Assemblers and Fabricators (51-2090), 6 O*NET occupations".
 */
export function sharedUnitNote(socCode: string, title: string, onetOccupations: number): string | null {
  const broad = broadOf(socCode) === socCode;
  if (onetOccupations <= 1 && !broad) return null;
  if (broad) return `broad group ${title} (${socCode}), ${onetOccupations} O*NET occupation${onetOccupations === 1 ? '' : 's'}`;
  const others = onetOccupations - 1;
  return `${title} and ${others} related O*NET occupation${others === 1 ? '' : 's'}`;
}
