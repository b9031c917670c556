/**
 * The O*NET files jobshift reads, as one table: logical file (what the store gets) -> official
 * file name per release range -> official column names. The parsers in ../onet.ts read logical
 * columns only, so when O*NET renames a file or a column the fix is one entry here.
 *
 * Both layouts O*NET publishes are covered by each entry: the text release (NAME.txt,
 * tab-delimited, CRLF) and the Excel release (NAME.xlsx, same columns plus Title and, for some
 * files, names beside IDs), found by the same header names.
 *
 * Evidence for each name, in `evidence`:
 * - real: checked against a real file here ($JOBSHIFT_DATA onet/db_29_1_text = O*NET 29.1 text,
 *   onet/db_30_1_excel = 30.1 Excel; no real 30.2+ file was available).
 * - documented: an official data dictionary page (www.onetcenter.org/dictionary/30.3/...), as
 *   stored by the search corpus.
 * - reported: public code or file inventories written from the real 30.3/31.0 downloads (search
 *   index ids given; the index does not name their repositories), and no official page seen.
 * - unverified: assumed from the previous release's layout; nothing seen.
 *
 * What the 30.3 evidence changed from issue 13's description:
 * - "IWA Reference" became its own file "GWAs to IWAs" (GWA/IWA Element ID, IWA Element Name);
 *   it is not folded into "GWAs to IWAs to DWAs" (whose text release has no IWA names).
 * - "Tasks to DWAs" in the text release has "DWA Element ID" only; "DWA Element Name" is in the
 *   Excel release (dictionary/30.3/text/tasks_to_dwas.html).
 * - the four-level Job Zones start with 30.2, not 30.3 (see ./jobZones.ts).
 * - "Software Skills" keeps "Hot Technology" and "In Demand"; its category columns are
 *   "Element ID"/"Element Name" (content-model software categories) where Technology Skills had
 *   UNSPSC "Commodity Code"/"Commodity Title".
 * A public header-by-header diff of the real 30.3 and 31.0 text downloads reports no file or
 * column renamed between them (index id 66445875407), so the 30.3 entries are open-ended.
 */
import type { JobZoneFramework } from './jobZones.js';

/** What the store gets from a logical file; each parser in ../onet.ts handles one. */
export type OnetConcept =
  | 'occupations'
  | 'job_zones'
  | 'tasks'
  | 'task_ratings'
  | 'task_dwas'
  | 'dwas'
  | 'iwas'
  | 'content_model'
  | 'emerging_tasks'
  | 'alternate_titles'
  | 'reported_titles'
  | 'related_occupations'
  | 'skills'
  | 'knowledge'
  | 'education'
  | 'education_categories'
  | 'technology_skills';

export interface OnetFileLayout {
  concept: OnetConcept;
  /** Official file name without extension (.txt text release, .xlsx Excel release). */
  name: string;
  /** Releases that publish this name with these columns (inclusive; open when absent). */
  from?: string;
  to?: string;
  /**
   * A logical file O*NET publishes as several files from some release on (Skills -> Essential +
   * Transferable Skills): which part this file is. All parts of the newest release present are
   * imported together; older releases' parts are left out.
   */
  part?: string;
  /** Logical column -> official header. */
  columns: Readonly<Record<string, string>>;
  /** Logical columns a file may lack. */
  optional?: readonly string[];
  /** Job Zones only: the framework its zones use in these releases (see ./jobZones.ts). */
  jobZones?: JobZoneFramework;
  evidence: string;
}

const REAL_291 = 'real: O*NET 29.1 text (db_29_1_text)';
const REAL_BOTH = 'real: O*NET 29.1 text and 30.1 Excel (db_30_1_excel)';
const DICT = 'https://www.onetcenter.org/dictionary/30.3';
const SAME_303 = 'reported unchanged in 30.3 by inventories of the real 30.3 text files (index ids 67490941513, 70482850743)';

const code = 'O*NET-SOC Code';
const ratingColumns = { code, id: 'Element ID', name: 'Element Name', scale: 'Scale ID', value: 'Data Value' } as const;
const educationColumns = { code, id: 'Element ID', scale: 'Scale ID', category: 'Category', value: 'Data Value' } as const;
const categoryColumns = { id: 'Element ID', scale: 'Scale ID', category: 'Category', description: 'Category Description' } as const;

/** Newest layouts first within a concept: a header that fits several picks the first. */
export const ONET_FILES: readonly OnetFileLayout[] = [
  {
    concept: 'occupations', name: 'Occupation Data',
    columns: { code, title: 'Title', description: 'Description' },
    evidence: `${REAL_BOTH}; ${SAME_303}`,
  },
  {
    concept: 'job_zones', name: 'Job Zones', from: '30.2', jobZones: 'four-level',
    columns: { code, zone: 'Job Zone' },
    evidence: `columns: documented (dictionary/30.2/text/job_zones.html: no structure change); framework: see ./jobZones.ts`,
  },
  {
    concept: 'job_zones', name: 'Job Zones', to: '30.1', jobZones: 'five-level',
    columns: { code, zone: 'Job Zone' },
    evidence: REAL_291,
  },
  {
    concept: 'tasks', name: 'Task Statements',
    columns: { code, id: 'Task ID', task: 'Task', type: 'Task Type', incumbents: 'Incumbents Responding', date: 'Date', source: 'Domain Source' },
    optional: ['incumbents', 'date', 'source'],
    evidence: `${REAL_BOTH}; ${SAME_303}`,
  },
  {
    concept: 'task_ratings', name: 'Task Ratings',
    columns: { code, id: 'Task ID', scale: 'Scale ID', category: 'Category', value: 'Data Value', n: 'N', date: 'Date' },
    optional: ['category', 'n', 'date'],
    evidence: `unverified (not in $JOBSHIFT_DATA); ${SAME_303}`,
  },
  {
    concept: 'task_dwas', name: 'Tasks to DWAs', from: '30.3',
    columns: { code, id: 'Task ID', dwa: 'DWA Element ID' },
    evidence: `documented (${DICT}/text/tasks_to_dwas.html: "DWA ID" renamed "DWA Element ID"; new ID format, e.g. 4.A.3.b.6.l.4)`,
  },
  {
    concept: 'task_dwas', name: 'Tasks to DWAs', to: '30.2',
    columns: { code, id: 'Task ID', dwa: 'DWA ID' },
    evidence: REAL_291,
  },
  {
    concept: 'dwas', name: 'GWAs to IWAs to DWAs', from: '30.3',
    columns: { gwa: 'GWA Element ID', iwa: 'IWA Element ID', dwa: 'DWA Element ID', title: 'DWA Element Name' },
    evidence: `documented (${DICT}/text/gwas_to_iwas_to_dwas.html and /excel/: renamed from "DWA Reference", columns renamed; IDs like 4.A.1.a.1.a.1)`,
  },
  {
    concept: 'dwas', name: 'DWA Reference', to: '30.2',
    columns: { gwa: 'Element ID', iwa: 'IWA ID', dwa: 'DWA ID', title: 'DWA Title' },
    evidence: REAL_291,
  },
  {
    concept: 'iwas', name: 'GWAs to IWAs', from: '30.3',
    columns: { gwa: 'GWA Element ID', iwa: 'IWA Element ID', title: 'IWA Element Name' },
    evidence: `documented (${DICT}/text/gwas_to_iwas.html: renamed from "IWA Reference", columns renamed)`,
  },
  {
    concept: 'iwas', name: 'IWA Reference', to: '30.2',
    columns: { gwa: 'Element ID', iwa: 'IWA ID', title: 'IWA Title' },
    evidence: REAL_291,
  },
  {
    concept: 'content_model', name: 'Content Model Reference',
    columns: { id: 'Element ID', name: 'Element Name', description: 'Description' },
    optional: ['description'],
    evidence: `${REAL_BOTH}; ${SAME_303} (30.3 adds the IWAs and DWAs as elements)`,
  },
  {
    concept: 'emerging_tasks', name: 'Emerging Tasks',
    columns: { code, task: 'Task', category: 'Category', originalId: 'Original Task ID', originalTask: 'Original Task', date: 'Date' },
    optional: ['originalId', 'originalTask', 'date'],
    evidence: `${REAL_291}; ${SAME_303}`,
  },
  {
    concept: 'alternate_titles', name: 'Job Titles', from: '30.3',
    columns: { code, title: 'Job Title', shortTitle: 'Short Title', sources: 'Source(s)' },
    optional: ['shortTitle', 'sources'],
    evidence: 'reported (inventories of the real 30.3 and 31.0 text files, index ids 67490941513, 66445875407: columns Job Title, Short Title, Source(s)); no official page seen',
  },
  {
    concept: 'alternate_titles', name: 'Alternate Titles', to: '30.2',
    columns: { code, title: 'Alternate Title', shortTitle: 'Short Title', sources: 'Source(s)' },
    optional: ['shortTitle', 'sources'],
    evidence: REAL_291,
  },
  {
    concept: 'reported_titles', name: 'Sample of Reported Titles',
    columns: { code, title: 'Reported Job Title', shown: 'Shown in My Next Move' },
    optional: ['shown'],
    evidence: `${REAL_291}; ${SAME_303}`,
  },
  {
    concept: 'related_occupations', name: 'Related Occupations',
    columns: { code, related: 'Related O*NET-SOC Code', tier: 'Relatedness Tier', rank: 'Index' },
    optional: ['tier', 'rank'],
    evidence: REAL_291,
  },
  // Skills split by the content model's own branches: Essential = basic skills 2.A (10 elements),
  // Transferable = cross-functional skills 2.B (25); together the 35 elements Skills held. The
  // store keeps them as domain 'skills'; the part is recoverable from the element ID.
  {
    concept: 'skills', name: 'Essential Skills', from: '30.3', part: 'essential',
    columns: ratingColumns,
    evidence: 'reported (inventories of the real 30.3/31.0 text files, index ids 67490941513, 66445875407: same columns as Transferable Skills); no official page seen',
  },
  {
    concept: 'skills', name: 'Transferable Skills', from: '30.3', part: 'transferable',
    columns: ratingColumns,
    evidence: `documented (${DICT}/mssql/transferable_skills.html: "30.3 Added as a new file", Skills' columns)`,
  },
  {
    concept: 'skills', name: 'Skills', to: '30.2', part: 'all',
    columns: ratingColumns,
    evidence: 'real: O*NET 30.1 Excel (db_30_1_excel)',
  },
  {
    concept: 'knowledge', name: 'Knowledge',
    columns: ratingColumns,
    evidence: `real: O*NET 30.1 Excel (db_30_1_excel); ${SAME_303}`,
  },
  {
    concept: 'education', name: 'Education', from: '30.3', part: 'education',
    columns: educationColumns,
    evidence: 'name reported (file lists of the real 30.3 download, index ids 70482850743, 67490941513); columns unverified (assumed those of Education, Training, and Experience)',
  },
  {
    concept: 'education', name: 'Training and Experience', from: '30.3', part: 'training',
    columns: educationColumns,
    evidence: 'name reported (index ids 70482850743, 67490941513); columns unverified (assumed those of Education, Training, and Experience)',
  },
  {
    concept: 'education', name: 'Education, Training, and Experience', to: '30.2', part: 'all',
    columns: educationColumns,
    evidence: REAL_291,
  },
  {
    concept: 'education_categories', name: 'Education Categories', from: '30.3', part: 'education',
    columns: categoryColumns,
    evidence: 'reported (index id 67490941513: Element ID, Element Name, Scale ID, Category, Category Description)',
  },
  {
    concept: 'education_categories', name: 'Training and Experience Categories', from: '30.3', part: 'training',
    columns: categoryColumns,
    evidence: 'reported (index id 67490941513: Element ID, Element Name, Scale ID, Category, Category Description)',
  },
  {
    concept: 'education_categories', name: 'Education, Training, and Experience Categories', to: '30.2', part: 'all',
    columns: categoryColumns,
    evidence: REAL_291,
  },
  {
    concept: 'technology_skills', name: 'Software Skills', from: '30.3',
    columns: { code, example: 'Workplace Example', categoryCode: 'Element ID', categoryTitle: 'Element Name', hot: 'Hot Technology', inDemand: 'In Demand' },
    optional: ['categoryCode', 'categoryTitle', 'hot', 'inDemand'],
    evidence: 'reported (inventories of the real 30.3/31.0 files and code reading them, index ids 67490941513, 66445875407, 63551552806: O*NET-SOC Code, Workplace Example, Element ID, Element Name, Hot Technology, In Demand); no official page seen',
  },
  {
    concept: 'technology_skills', name: 'Technology Skills', to: '30.2',
    columns: { code, example: 'Example', categoryCode: 'Commodity Code', categoryTitle: 'Commodity Title', hot: 'Hot Technology', inDemand: 'In Demand' },
    optional: ['categoryCode', 'categoryTitle', 'hot', 'inDemand'],
    evidence: REAL_291,
  },
];

/**
 * Files O*NET publishes that jobshift knows and does not import (no feature needs them yet).
 * Any other .txt/.xlsx file in an O*NET folder is reported as skipped: it may be a file O*NET
 * renamed, which then needs an entry above.
 */
export const ONET_NOT_IMPORTED: readonly string[] = [
  'Read Me', 'Job Zone Reference', 'Scales Reference', 'Level Scale Anchors', 'Task Categories', 'Work Context Categories',
  'Occupation Level Metadata', 'Survey Booklet Locations', 'UNSPSC Reference', 'Tools Used', 'Tools and Technology',
  'Abilities', 'Work Activities', 'Work Context', 'Work Styles', 'Work Values', 'Interests', 'Career Interest Types',
  'Specific Interest Areas', 'Specific Interest Areas to Career Interest Types', 'Career Interest Type Keywords',
  'Interests Illustrative Activities', 'Interests Illustrative Occupations', 'Basic Interests to RIASEC', 'RIASEC Keywords',
  'Abilities to Work Activities', 'Abilities to Work Context', 'Skills to Work Activities', 'Skills to Work Context',
  'Essential Skills to Work Activities', 'Essential Skills to Work Context', 'Transferable Skills to Work Activities',
  'Transferable Skills to Work Context', 'Work Styles to Work Activities', 'Work Styles to Work Context',
];

const extension = /\.(txt|xlsx)$/i;
const baseName = (name: string) => name.replace(extension, '').toLowerCase();

/** Layouts published under this file name (NAME.txt or NAME.xlsx), newest first. */
export function layoutsNamed(fileName: string): OnetFileLayout[] {
  if (!extension.test(fileName)) return [];
  const base = baseName(fileName);
  return ONET_FILES.filter((l) => l.name.toLowerCase() === base);
}

/** Is this an O*NET file name jobshift knows (imported or not)? */
export function isKnownOnetName(fileName: string): boolean {
  const base = baseName(fileName);
  return layoutsNamed(fileName).length > 0 || ONET_NOT_IMPORTED.some((n) => n.toLowerCase() === base);
}

/**
 * Discovery key of a file's logical file: "onet:alternate_titles" for one-file concepts (a
 * renamed file replaces its predecessor under the same key, newest release first), and
 * "onet:skills#essential" for a part of a concept published as several files, where the part
 * before '#' is the group whose newest release wins with all its parts.
 */
export function onetKey(layout: OnetFileLayout): string {
  const parted = ONET_FILES.some((l) => l.concept === layout.concept && l.part !== undefined);
  return parted ? `onet:${layout.concept}#${layout.part ?? 'all'}` : `onet:${layout.concept}`;
}
