/**
 * O*NET Job Zones come in two frameworks that must never be compared number for number.
 *
 * - five-level (to O*NET 30.1): zones 1-5, "Job Zone One: Little or No Preparation Needed" ...
 *   "Job Zone Five" (Job Zone Reference.txt, 5 rows; real file in $JOBSHIFT_DATA
 *   onet/db_29_1_text).
 * - four-level (from O*NET 30.2, Feb 2026): zones 1 and 2 merged into "Job Zone 1-2: Very
 *   Little to Some Preparation Needed", which keeps the number 2; zones 3, 4, 5 keep theirs, so a
 *   four-level file holds 2-5 and no 1 (Job Zone Reference.txt, 4 rows).
 *
 * Evidence. The start release is 30.2, not 30.3 as issue 13 says: the official 30.2 highlights
 * (onetcenter.org/database.html, "Highlights of the O*NET 30.2 Database": "Updated Job Zone
 * assignments for 325 occupations, based on a new four-level framework"; technical report "O*NET
 * Job Zones in Transition: A New Four-Level Framework") and the 30.2 dictionary's Job Zones data
 * example (dictionary/30.2/text/job_zones.html, rows dated 02/2026, all zone 2) say so.
 * Documentation only: no real 30.2+ file was available here. The values 2-5, the 4-row
 * reference and the name "Job Zone 1-2" are reported by public code and inventories written
 * from the real 30.3 and 31.0 files (search index ids 70482850743, 59216950199, 59203879793;
 * repositories not named by the index), not seen in a real file here.
 *
 * Because the number 2 means "some preparation" in one framework and "very little to some" in
 * the other, the framework is recorded with every zone (job_zones.framework,
 * occupations.job_zone_framework), the local model's feature carries it, and breakdowns label it.
 */

export type JobZoneFramework = 'five-level' | 'four-level';

export const JOB_ZONE_FRAMEWORKS: Record<JobZoneFramework, { zones: readonly number[]; labels: Record<number, string>; about: string }> = {
  'five-level': {
    zones: [1, 2, 3, 4, 5],
    labels: {
      1: 'Job zone 1: little or no preparation',
      2: 'Job zone 2: some preparation',
      3: 'Job zone 3: medium preparation',
      4: 'Job zone 4: considerable preparation',
      5: 'Job zone 5: extensive preparation',
    },
    about: 'five-level framework, O*NET to 30.1',
  },
  'four-level': {
    zones: [2, 3, 4, 5],
    labels: {
      2: 'Job zone 1-2: very little to some preparation',
      3: 'Job zone 3: medium preparation',
      4: 'Job zone 4: considerable preparation',
      5: 'Job zone 5: extensive preparation',
    },
    about: 'four-level framework, O*NET 30.2 on',
  },
};

/** "Job zone 1-2: very little to some preparation (four-level framework, O*NET 30.2 on)". */
export function jobZoneLabel(zone: number, framework: JobZoneFramework | null): string {
  if (!framework) return `Job zone ${zone} (framework unknown)`;
  const f = JOB_ZONE_FRAMEWORKS[framework];
  return `${f.labels[zone] ?? `Job zone ${zone}`} (${f.about})`;
}

/** Group key of a zone in breakdowns: Z2 (five-level), Z2/4 (four-level), so the two never merge. */
export function jobZoneGroup(zone: number, framework: JobZoneFramework | null): string {
  return framework === 'four-level' ? `Z${zone}/4` : framework === 'five-level' ? `Z${zone}` : `Z${zone}?`;
}

/**
 * Feature name of a zone for the local model: jz:N for five-level zones (the name models trained
 * on five-level stores already know), jz4:N for four-level ones; none when the framework is unknown.
 */
export function jobZoneFeature(zone: number, framework: JobZoneFramework | null): string | undefined {
  return framework === 'five-level' ? `jz:${zone}` : framework === 'four-level' ? `jz4:${zone}` : undefined;
}

export interface FrameworkEvidence {
  /** Zones listed in the Job Zone Reference file beside Job Zones (same release), when present. */
  referenceZones?: readonly number[];
  /** Zones found in the Job Zones file. */
  zones: readonly number[];
  /** Framework the layout table gives for the file's release; undefined when the release is unknown. */
  byRelease?: JobZoneFramework;
}

/**
 * Which framework a Job Zones file uses. The Job Zone Reference of the same release is the
 * publisher's own statement and wins (5 rows with a zone 1: five-level; no zone 1: four-level).
 * Without it, a zone 1 in the data can only be five-level; otherwise the release decides. With
 * none of these the framework is unknown (null), and zones are stored without one.
 */
export function decideJobZoneFramework(e: FrameworkEvidence): { framework: JobZoneFramework | null; basis: string } {
  if (e.referenceZones && e.referenceZones.length) {
    return e.referenceZones.includes(1)
      ? { framework: 'five-level', basis: 'Job Zone Reference lists zone 1' }
      : { framework: 'four-level', basis: `Job Zone Reference lists zones ${e.referenceZones.join(', ')} (no zone 1)` };
  }
  if (e.zones.includes(1)) return { framework: 'five-level', basis: 'a zone 1 in the data' };
  if (e.byRelease) return { framework: e.byRelease, basis: 'the release' };
  return { framework: null, basis: 'no Read Me, release folder or Job Zone Reference beside the file' };
}
