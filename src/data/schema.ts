/**
 * The store's schema: every table, its columns and types, and the migrations that build it.
 * Table specs are plain data so the importer can append rows generically and `data status`
 * can list what is loaded.
 *
 * Units: employment is in workers (BLS EP publishes thousands; the importer multiplies),
 * wages in US dollars, shares in [0, 1] (CPS publishes percent; the importer divides).
 */
export type ColumnType = 'VARCHAR' | 'DOUBLE' | 'INTEGER' | 'BOOLEAN';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  notNull?: boolean;
}

export interface TableSpec {
  name: string;
  columns: ColumnSpec[];
  /** Natural key: the importer rejects duplicates, naming the row. */
  key?: string[];
  /**
   * When set, an import replaces only the partitions it brings (e.g. one OEWS year),
   * keeping the others; otherwise an import that brings the table replaces it whole.
   */
  partitionBy?: string;
  /** What the table holds, for `data status`. */
  about: string;
}

const v = (name: string, notNull = false): ColumnSpec => ({ name, type: 'VARCHAR', notNull });
const d = (name: string): ColumnSpec => ({ name, type: 'DOUBLE' });
const i = (name: string, notNull = false): ColumnSpec => ({ name, type: 'INTEGER', notNull });
const b = (name: string): ColumnSpec => ({ name, type: 'BOOLEAN' });

/** Tables filled by `data import`. */
export const dataTables: TableSpec[] = [
  {
    name: 'occupations',
    about: 'O*NET-SOC occupations (Occupation Data, Job Zones)',
    // job_zone_framework: 'five-level' or 'four-level' (O*NET 30.2 on); zone numbers of the two never compare.
    columns: [v('onet_code', true), v('title', true), v('description'), v('soc_code', true), v('major_group', true), i('job_zone'), v('job_zone_framework')],
    key: ['onet_code'],
  },
  {
    name: 'job_zones',
    about: 'O*NET Job Zones (preparation needed): 1-5 in the five-level framework, 2-5 in the four-level one (O*NET 30.2 on)',
    columns: [v('onet_code', true), i('job_zone', true), v('framework')],
    key: ['onet_code'],
  },
  {
    name: 'tasks',
    about: 'O*NET Task Statements',
    columns: [i('task_id', true), v('onet_code', true), v('text', true), v('task_type'), d('incumbents_responding'), v('date'), v('domain_source')],
    key: ['task_id'],
  },
  {
    name: 'task_ratings',
    about: 'O*NET Task Ratings (importance, relevance, frequency), when the file is present',
    columns: [v('onet_code', true), i('task_id', true), v('scale_id', true), v('category'), d('value'), d('n'), v('date')],
  },
  {
    name: 'task_dwas',
    about: 'O*NET Tasks to DWAs (DWA IDs in the format of their release: 4.A.1.a.1.I01.D01 to 30.2, 4.A.1.a.1.a.1 from 30.3)',
    columns: [v('onet_code', true), i('task_id', true), v('dwa_id', true)],
    key: ['onet_code', 'task_id', 'dwa_id'],
  },
  {
    name: 'dwas',
    about: 'O*NET Detailed Work Activities with their IWA and GWA (DWA Reference; GWAs to IWAs to DWAs from 30.3)',
    columns: [v('dwa_id', true), v('iwa_id', true), v('gwa_id', true), v('title', true)],
    key: ['dwa_id'],
  },
  {
    name: 'iwas',
    about: 'O*NET Intermediate Work Activities (IWA Reference; GWAs to IWAs from 30.3)',
    columns: [v('iwa_id', true), v('gwa_id', true), v('title', true)],
    key: ['iwa_id'],
  },
  {
    name: 'content_model',
    about: 'O*NET Content Model Reference (element names, e.g. GWAs, skills)',
    columns: [v('element_id', true), v('name', true), v('description')],
    key: ['element_id'],
  },
  {
    name: 'emerging_tasks',
    about: 'O*NET Emerging Tasks (new and revised tasks)',
    columns: [v('onet_code', true), v('text', true), v('category'), i('original_task_id'), v('original_task'), v('date')],
  },
  {
    name: 'alternate_titles',
    about: 'O*NET Alternate Titles (Job Titles from 30.3)',
    columns: [v('onet_code', true), v('title', true), v('short_title'), v('sources')],
  },
  {
    name: 'reported_titles',
    about: 'O*NET Sample of Reported Titles',
    columns: [v('onet_code', true), v('title', true), b('shown_in_my_next_move')],
  },
  {
    name: 'related_occupations',
    about: 'O*NET Related Occupations',
    columns: [v('onet_code', true), v('related_code', true), v('tier'), i('rank')],
    key: ['onet_code', 'related_code'],
  },
  {
    name: 'occupation_elements',
    about: 'O*NET Skills (Essential + Transferable Skills from 30.3: elements 2.A and 2.B) and Knowledge: importance (IM, 1-5) and level (LV, 0-7) per element',
    columns: [v('domain', true), v('onet_code', true), v('element_id', true), v('element_name', true), d('importance'), d('level')],
    key: ['domain', 'onet_code', 'element_id'],
    partitionBy: 'domain',
  },
  {
    name: 'education',
    about: 'O*NET Education, Training, and Experience (Education + Training and Experience from 30.3): category shares per scale',
    columns: [v('onet_code', true), v('element_id', true), v('scale_id', true), i('category', true), d('value')],
  },
  {
    name: 'education_categories',
    about: 'O*NET Education, Training, and Experience Categories (Education + Training and Experience Categories from 30.3)',
    columns: [v('element_id', true), v('scale_id', true), i('category', true), v('description', true)],
  },
  {
    name: 'technology_skills',
    about: 'O*NET Technology Skills (Software Skills from 30.3; commodity_code/title hold its software category Element ID/Name)',
    columns: [v('onet_code', true), v('example', true), v('commodity_code'), v('commodity_title'), b('hot'), b('in_demand')],
  },
  {
    name: 'employment',
    about: 'BLS OEWS national cross-industry employment and wages, by year',
    columns: [
      i('year', true), v('soc_code', true), v('title', true), v('level', true),
      d('employment'), d('emp_prse'), d('hourly_mean'), d('annual_mean'),
      d('annual_p10'), d('annual_p25'), d('annual_median'), d('annual_p75'), d('annual_p90'), d('hourly_median'),
    ],
    key: ['year', 'soc_code', 'level'],
    partitionBy: 'year',
  },
  {
    name: 'projections',
    about: 'BLS Employment Projections (Table 1.2 National Employment Matrix, Table 1.10 separations), by vintage',
    columns: [
      v('vintage', true), v('soc_code', true), v('title', true), v('occupation_type'), i('base_year', true), i('target_year', true),
      d('base_employment'), d('target_employment'), d('change'), d('change_pct'), d('openings'),
      d('median_wage'), v('typical_education'), v('work_experience'), v('training'),
      d('exit_rate'), d('transfer_rate'),
    ],
    key: ['vintage', 'soc_code'],
    partitionBy: 'vintage',
  },
  {
    name: 'demographics',
    about: 'BLS CPS annual averages (cpsaat11): employed by detailed occupation, shares of women, White, Black, Asian, Hispanic',
    columns: [
      i('year', true), v('cps_title', true), v('soc_code'), d('employed'),
      d('women'), d('white'), d('black'), d('asian'), d('hispanic'),
    ],
    partitionBy: 'year',
  },
  {
    name: 'demographics_age',
    about: 'BLS CPS annual averages (cpsaat11b): employed by detailed occupation, shares by age group, median age',
    columns: [
      i('year', true), v('cps_title', true), v('soc_code'), d('employed'),
      d('age_16_19'), d('age_20_24'), d('age_25_34'), d('age_35_44'), d('age_45_54'), d('age_55_64'), d('age_65_over'),
      d('median_age'),
    ],
    partitionBy: 'year',
  },
  {
    name: 'task_labels',
    about: 'GPTs-are-GPTs task labels (Eloundou et al. 2024): human and GPT-4 exposure E0/E1/E2, automation T0-T4',
    columns: [
      v('source', true), i('task_id', true), v('onet_code', true), v('text', true), v('task_type'),
      v('exposure'), v('automation'),
    ],
    key: ['source', 'task_id', 'onet_code'],
  },
  {
    name: 'authors_employment_match',
    about: 'GPTs-are-GPTs authors\' match of O*NET occupation titles to OEWS May 2021 employment (occupations_onet_bls_matched.csv)',
    columns: [v('onet_title', true), v('soc_code', true), d('employment')],
  },
  {
    name: 'measures',
    about: 'Published occupation exposure measures in one long table',
    columns: [v('measure', true), v('code_system', true), v('code', true), v('title'), d('value')],
    key: ['measure', 'code'],
    partitionBy: 'measure',
  },
  {
    name: 'soc_codes',
    about: 'SOC 2018 code list (major, minor, broad, detailed)',
    columns: [v('soc_code', true), v('title', true), v('level', true)],
    key: ['soc_code'],
  },
  {
    name: 'crosswalk_soc2010_soc2018',
    about: 'SOC 2010 to SOC 2018 crosswalk (BLS)',
    columns: [v('soc2010', true), v('title2010'), v('soc2018', true), v('title2018')],
  },
  {
    name: 'crosswalk_isco08_soc2010',
    about: 'ISCO-08 to SOC 2010 crosswalk (BLS)',
    columns: [v('isco08', true), v('isco_title'), v('soc2010', true), v('soc_title'), b('part')],
  },
  {
    name: 'crosswalk_esco_onet',
    about: 'ESCO to O*NET crosswalk (Nesta, Nov 2020)',
    columns: [v('esco_uri', true), v('esco_title', true), v('isco_code'), v('onet_code', true), d('confidence')],
  },
  {
    name: 'crosswalk_census_soc2018',
    about: 'Census 2018 occupation codes and titles to SOC 2018 codes (Census Bureau)',
    columns: [v('census_code', true), v('census_title', true), v('soc_code', true)],
  },
  {
    name: 'productivity',
    about: 'BEA/BLS industry labour productivity and TFP series (via GPTs-are-GPTs)',
    columns: [v('series', true), v('industry', true), i('year', true), d('value')],
    partitionBy: 'series',
  },
];

/** Bookkeeping tables, not replaced by imports. */
export const systemDDL = [
  `CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS sources (dataset VARCHAR, file VARCHAR, release VARCHAR, rows INTEGER, sha256 VARCHAR, imported_at VARCHAR)`,
];

export function createTableSql(spec: TableSpec): string {
  const cols = spec.columns.map((c) => `"${c.name}" ${c.type}${c.notNull ? ' NOT NULL' : ''}`);
  return `CREATE TABLE IF NOT EXISTS "${spec.name}" (${cols.join(', ')})`;
}

export interface Migration {
  version: number;
  about: string;
  statements: string[];
}

/**
 * Ordered migrations. A store records the last version applied in meta.schema_version;
 * opening a store applies what is missing, in one transaction each. Never edit an
 * applied migration: add a new one.
 */
export const migrations: Migration[] = [
  {
    version: 1,
    about: 'initial schema: O*NET, BLS, labels, measures, crosswalks',
    statements: [...systemDDL, ...dataTables.map(createTableSql)],
  },
  {
    version: 2,
    about: 'scores: cached task scores per scorer (LLM runs, local model) and trained models',
    statements: [
      `CREATE TABLE IF NOT EXISTS score_cache (key VARCHAR PRIMARY KEY, provider VARCHAR, model VARCHAR, rubric_version VARCHAR, text VARCHAR, result VARCHAR, created_at VARCHAR)`,
      `CREATE TABLE IF NOT EXISTS task_scores (scorer VARCHAR NOT NULL, task_id INTEGER NOT NULL, onet_code VARCHAR NOT NULL, exposure VARCHAR, p_e0 DOUBLE, p_e1 DOUBLE, p_e2 DOUBLE, automation VARCHAR, run_id VARCHAR, PRIMARY KEY (scorer, task_id, onet_code))`,
    ],
  },
  {
    version: 3,
    about: 'generation cache: seeded text-generation requests (jobshift generate, narratives) and their answers',
    statements: [
      `CREATE TABLE IF NOT EXISTS generation_cache (key VARCHAR PRIMARY KEY, provider VARCHAR, request VARCHAR, text VARCHAR, prompt_tokens INTEGER, completion_tokens INTEGER, created_at VARCHAR)`,
    ],
  },
  {
    version: 4,
    about: 'CPS table 11b: employed by detailed occupation and age',
    statements: [createTableSql(tableSpec('demographics_age'))],
  },
  {
    version: 5,
    about: 'the GPTs-are-GPTs authors\' match of O*NET occupations to OEWS May 2021 employment',
    statements: [createTableSql(tableSpec('authors_employment_match'))],
  },
  {
    version: 6,
    about: 'O*NET 30.2+: the job-zone framework of every zone (five- or four-level); the logical source file of every import record',
    statements: [
      `ALTER TABLE job_zones ADD COLUMN IF NOT EXISTS framework VARCHAR`,
      `ALTER TABLE occupations ADD COLUMN IF NOT EXISTS job_zone_framework VARCHAR`,
      // Zones imported before v6: a zone 1 means five-level; otherwise the release of the Job Zones
      // file recorded in sources decides (four-level from 30.2); else the framework stays unknown.
      `UPDATE job_zones SET framework = CASE
         WHEN (SELECT count(*) FROM job_zones WHERE job_zone = 1) > 0 THEN 'five-level'
         WHEN r.v >= 3002 THEN 'four-level'
         WHEN r.v < 3002 THEN 'five-level'
       END
       FROM (SELECT max(try_cast(split_part(release, '.', 1) AS INTEGER) * 100 + try_cast(split_part(release, '.', 2) AS INTEGER)) AS v
             FROM sources WHERE dataset = 'onet' AND regexp_matches(file, 'Job Zones\\.(txt|xlsx)$')) r
       WHERE framework IS NULL`,
      `UPDATE occupations SET job_zone_framework = jz.framework FROM job_zones jz WHERE jz.onet_code = occupations.onet_code`,
      // source_key: the importer's key of the logical file (e.g. onet:alternate_titles), so a
      // renamed file replaces its predecessor's record instead of sitting beside it.
      `ALTER TABLE sources ADD COLUMN IF NOT EXISTS source_key VARCHAR`,
    ],
  },
];

export const SCHEMA_VERSION = migrations[migrations.length - 1]!.version;

export function tableSpec(name: string): TableSpec {
  const spec = dataTables.find((t) => t.name === name);
  if (!spec) throw new Error(`unknown table ${name}`);
  return spec;
}
