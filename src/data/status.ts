/**
 * `jobshift data status`: what is loaded, what is missing, and which features that disables.
 */
import { basename } from 'node:path';
import { oewsMatch } from './codes.js';
import { type LockEntry, readLock } from './fetch/lock.js';
import { onetCredit, provenanceOf } from './provenance.js';
import { dataTables, SCHEMA_VERSION } from './schema.js';
import { JOB_ZONE_FRAMEWORKS, type JobZoneFramework } from './sources/onet/jobZones.js';
import { compareRelease } from './sources/onet/release.js';
import { jobshiftHome, type Store } from './store.js';

export interface DataStatus {
  store: string;
  schema_version: number;
  tables: Record<string, number>;
  oews_years: number[];
  ep_vintages: string[];
  cps_years: number[];
  /** Years of CPS table 11b (employment by age). */
  cps_age_years: number[];
  measures: string[];
  oews_match: { year: number; share: number; matched_employment: number; total_employment: number }[];
  /** Each imported file: its release (read from the file) and the SHA-256 of the bytes imported. */
  sources: { dataset: string; file: string; release: string; rows: number; sha256: string; imported_at: string }[];
  /** What `data fetch` downloaded (from $JOBSHIFT_HOME/fetch-lock.json): URL, release, SHA-256 per file. */
  fetched: LockEntry[];
  missing: { what: string; disables: string }[];
  /** The credit line O*NET's licence asks for, naming the releases imported. */
  onet_credit: string;
  /** O*NET release of every imported O*NET file, oldest release first; more than one entry means the store mixes releases. */
  onet_releases: { release: string; files: string[] }[];
  /** Framework of the stored job zones: five-level (to O*NET 30.1), four-level (30.2 on), null when none or unknown. */
  job_zone_framework: JobZoneFramework | null;
  empty: boolean;
}

/** What each missing table costs the user. */
const needs: { table: string; what: string; disables: string }[] = [
  { table: 'occupations', what: 'O*NET Occupation Data', disables: 'everything: occupations are the unit of analysis' },
  { table: 'tasks', what: 'O*NET Task Statements', disables: 'task-level scoring of O*NET occupations and occupation exposure' },
  { table: 'task_labels', what: 'GPTs-are-GPTs labels (full_labelset.tsv)', disables: 'the human and gpt4 scorers and training of the local model' },
  { table: 'task_dwas', what: 'O*NET Tasks to DWAs', disables: 'work-activity features of the local model' },
  { table: 'employment', what: 'BLS OEWS national estimates', disables: 'workforce (employment-weighted) exposure and the backtest' },
  { table: 'projections', what: 'BLS Employment Projections workbook', disables: 'the scenario baseline, openings and education breakdowns' },
  { table: 'demographics', what: 'BLS CPS table 11 (cpsaat11)', disables: 'who is affected by sex, race and ethnicity' },
  { table: 'demographics_age', what: 'BLS CPS table 11b (cpsaat11b)', disables: 'who is affected by age (early-career workers)' },
  { table: 'crosswalk_census_soc2018', what: 'Census 2018 occupation code list', disables: 'placing CPS demographic rows on SOC codes' },
  { table: 'occupation_elements', what: 'O*NET Skills and Knowledge', disables: 'skill similarity for transitions and career pathways' },
  { table: 'alternate_titles', what: 'O*NET Alternate Titles', disables: 'most of the job-title matching' },
  { table: 'related_occupations', what: 'O*NET Related Occupations', disables: 'related-occupation transitions' },
  { table: 'emerging_tasks', what: 'O*NET Emerging Tasks', disables: 'new-work (reinstatement) inputs to scenarios' },
  { table: 'measures', what: 'published exposure measures (AIOE, Microsoft, ILO, Frey-Osborne, Anthropic)', disables: 'comparison with published measures' },
  { table: 'crosswalk_soc2010_soc2018', what: 'SOC 2010 to 2018 crosswalk', disables: 'comparison with SOC 2010 measures (AIOE, Frey-Osborne)' },
  { table: 'crosswalk_isco08_soc2010', what: 'ISCO-08 to SOC 2010 crosswalk', disables: 'comparison with the ILO measure' },
  { table: 'task_ratings', what: 'O*NET Task Ratings', disables: 'importance x relevance task weights (core/supplemental weights are used instead)' },
];

export async function dataStatus(store: Store, home: string = jobshiftHome()): Promise<DataStatus> {
  const tables: Record<string, number> = {};
  for (const t of dataTables) {
    tables[t.name] = (await store.one<{ n: number }>(`SELECT count(*) AS n FROM "${t.name}"`))?.n ?? 0;
  }
  const oews_years = (await store.all<{ year: number }>(`SELECT DISTINCT year FROM employment ORDER BY year`)).map((r) => r.year);
  const ep_vintages = (await store.all<{ v: string }>(`SELECT DISTINCT vintage AS v FROM projections ORDER BY v`)).map((r) => r.v);
  const cps_years = (await store.all<{ y: number }>(`SELECT DISTINCT year AS y FROM demographics ORDER BY y`)).map((r) => r.y);
  const cps_age_years = (await store.all<{ y: number }>(`SELECT DISTINCT year AS y FROM demographics_age ORDER BY y`)).map((r) => r.y);
  const measures = (await store.all<{ m: string }>(`SELECT DISTINCT measure AS m FROM measures ORDER BY m`)).map((r) => r.m);
  const oews_match: DataStatus['oews_match'] = [];
  if (tables.occupations) {
    for (const year of oews_years) {
      const m = await oewsMatch(store, year);
      oews_match.push({ year, share: m.share, matched_employment: m.matchedEmployment, total_employment: m.totalEmployment });
    }
  }
  const sources = await store.all<DataStatus['sources'][number]>(`SELECT dataset, file, release, rows, sha256, imported_at FROM sources ORDER BY dataset, file`);
  const missing = needs.filter((n) => !tables[n.table]).map(({ what, disables }) => ({ what, disables }));
  return {
    store: store.path,
    schema_version: SCHEMA_VERSION,
    tables,
    oews_years,
    ep_vintages,
    cps_years,
    cps_age_years,
    measures,
    oews_match,
    sources,
    fetched: fetchedFiles(home),
    missing,
    onet_credit: onetCredit(provenanceOf(sources)),
    onet_releases: (await onetReleaseGroups(store)).map(({ release, files }) => ({ release, files })),
    job_zone_framework: await jobZoneFramework(store),
    empty: !tables.occupations && !tables.tasks && !tables.employment,
  };
}

/** The fetch lock's entries; a damaged lock is reported by `data fetch`, and never stops a status. */
function fetchedFiles(home: string): LockEntry[] {
  try {
    return readLock(home).files;
  } catch {
    return [];
  }
}

/** Plain-text rendering for the terminal. */
export function formatStatus(s: DataStatus): string {
  const lines: string[] = [];
  lines.push(`Store: ${s.store} (schema v${s.schema_version})`);
  if (s.empty) lines.push('The store is empty: run `jobshift data import DIR` or `jobshift data fetch`.');
  lines.push('', 'Tables:');
  for (const [name, n] of Object.entries(s.tables)) lines.push(`  ${name.padEnd(28)} ${n.toLocaleString('en-US').padStart(10)}`);
  lines.push('', `OEWS years: ${s.oews_years.join(', ') || 'none'}`);
  for (const m of s.oews_match) {
    lines.push(`  ${m.year}: ${(m.share * 100).toFixed(1)}% of ${Math.round(m.total_employment).toLocaleString('en-US')} jobs matched to O*NET occupations`);
  }
  lines.push(`EP vintages: ${s.ep_vintages.join(', ') || 'none'}`);
  lines.push(`CPS years: ${s.cps_years.join(', ') || 'none'} (sex, race, ethnicity); ${s.cps_age_years.join(', ') || 'none'} (age)`);
  lines.push(`Measures: ${s.measures.join(', ') || 'none'}`);
  if (s.fetched.length) {
    lines.push('', 'Fetched (data fetch):');
    for (const f of s.fetched) {
      const release = f.release.length === 40 ? f.release.slice(0, 7) : f.release;
      lines.push(`  ${f.source.padEnd(17)} ${release.padEnd(12)} ${f.file}  sha256 ${f.sha256.slice(0, 12)}…  ${f.fetched_at.slice(0, 10)}`);
    }
  }
  if (s.onet_releases.length) {
    lines.push(`O*NET releases: ${s.onet_releases.map((r) => r.release).join(', ')}${s.onet_releases.length > 1 ? ' (mixed: tables from different releases may not agree)' : ''}`);
    for (const r of s.onet_releases) lines.push(`  ${r.release}: ${r.files.join(', ')}`);
  }
  if (s.tables.job_zones) {
    lines.push(`Job zones: ${s.job_zone_framework ? JOB_ZONE_FRAMEWORKS[s.job_zone_framework].about : 'framework unknown (zones not used by the local model)'}`);
  }
  if (s.missing.length) {
    lines.push('', 'Missing:');
    for (const m of s.missing) lines.push(`  ${m.what} — disables ${m.disables}`);
  }
  lines.push('', s.onet_credit);
  return lines.join('\n');
}

/** The O*NET files of the import records grouped by release, oldest release first. */
export async function onetReleaseGroups(store: Store): Promise<{ release: string; files: string[]; paths: string[] }[]> {
  const rows = await store.all<{ file: string; release: string }>(`SELECT file, release FROM sources WHERE dataset = 'onet' ORDER BY file`);
  const groups = new Map<string, string[]>();
  for (const r of rows) groups.set(r.release, [...(groups.get(r.release) ?? []), r.file]);
  return [...groups]
    .sort(([a], [b]) => compareRelease(a, b))
    .map(([release, paths]) => ({ release, files: paths.map((p) => basename(p)).sort(), paths }));
}

/** One framework for all stored job zones, or null (none stored, unknown, or a mix, which an import never writes). */
async function jobZoneFramework(store: Store): Promise<JobZoneFramework | null> {
  const rows = await store.all<{ f: JobZoneFramework | null }>(`SELECT DISTINCT framework AS f FROM job_zones`);
  return rows.length === 1 ? rows[0]!.f : null;
}
