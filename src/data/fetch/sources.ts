/**
 * What `jobshift data fetch` downloads, as data: one entry per source, each fetched, checked and
 * imported on its own. URLs are built from a host base (overridable for mirrors and tests) and a
 * path; GitHub files are read at pinned commits and Hugging Face files at pinned revisions, so a
 * refetch gets the same bytes. Every URL can be replaced with JOBSHIFT_FETCH_<SOURCE>_URL.
 *
 * How each pin was checked (when this table was written):
 * - GitHub commits and SHA-256s: read from a clone of each repository at that commit; every file
 *   also matched the copy in the shared data folder byte for byte, except full_labelset.tsv,
 *   automation_gpt4_human_labels.tsv and occ_level.csv, whose shared copies are older exports.
 * - Hugging Face Anthropic/EconomicIndex revision 2ea58ff7…: NOT verified against huggingface.co
 *   from here (no access). It is the revision several independent public projects pinned for the
 *   tree as of the 2026-06-26 release, and they agree on job_exposure.csv's SHA-256 (4f0a3adf…).
 *   The release_2025_02_10 files are listed by those projects with the sizes of the copies in
 *   the shared data folder; their hashes are not pinned here, only recorded in the lock file.
 * - O*NET (onetcenter.org) and BLS (bls.gov) URLs: the paths their pages publish; not reachable
 *   from here, so not fetched when this was written. db_31_0_text.zip is the 31.0 release (Aug
 *   2026) but is never named here: the current release is read from the database page.
 */

/** Where files are served from. Bases are overridable: JOBSHIFT_FETCH_<HOST>_BASE or FetchOptions.bases. */
export type Host = 'onetcenter' | 'bls' | 'github' | 'huggingface';

export const HOSTS: Readonly<Record<Host, { base: string; publisher: string }>> = {
  onetcenter: { base: 'https://www.onetcenter.org', publisher: 'The O*NET Resource Center' },
  bls: { base: 'https://www.bls.gov', publisher: 'BLS' },
  github: { base: 'https://raw.githubusercontent.com', publisher: 'GitHub' },
  huggingface: { base: 'https://huggingface.co', publisher: 'Hugging Face' },
};

/** A file in a pinned repository; sha256 when known, so other bytes at the same pin are refused. */
export interface PinnedFile {
  path: string;
  sha256?: string;
}

export type Origin =
  /** The current O*NET release, read from the database page: the newest db_X_Y_text.zip it links to. */
  | { kind: 'onet-database'; page: string; zip: RegExp; zipPath: string; keep: RegExp; expect: string[] }
  /** OEWS national file: the newest year first ({yy} in path), falling back one year at a time. */
  | { kind: 'oews-national'; path: string; years: number; keep: RegExp }
  /** One file at a fixed URL. `release`: a fixed string, or 'ep-vintage' (read from the workbook's headers). */
  | { kind: 'file'; path: string; saveAs: string; release: string }
  /** Files of a GitHub repository at a commit, saved under their base names. */
  | { kind: 'github'; repo: string; commit: string; files: PinnedFile[] }
  /** Files of a Hugging Face dataset at a revision, saved under their paths (the release folders matter). */
  | { kind: 'huggingface'; dataset: string; revision: string; files: PinnedFile[] };

export interface FetchSource {
  /** Short id: CLI argument, cache folder, lock entries, JOBSHIFT_FETCH_<ID>_URL (upper case, - as _). */
  id: string;
  title: string;
  host: Host;
  origin: Origin;
  license: string;
  /** What a user gets from it (said in --list). */
  provides: string;
}

export const officialSources: readonly FetchSource[] = [
  {
    id: 'onet',
    title: 'O*NET database, text release',
    host: 'onetcenter',
    origin: {
      kind: 'onet-database',
      page: '/database.html',
      zip: /db_(\d+)_(\d+)_text\.zip/g,
      zipPath: '/dl_files/database/db_{major}_{minor}_text.zip',
      keep: /\.txt$/i,
      // Unchanged names across 29.x-31.0; the rest of the release is read when present.
      expect: ['Occupation Data.txt', 'Task Statements.txt'],
    },
    license: 'CC BY 4.0, National Center for O*NET Development (USDOL/ETA)',
    provides: 'occupations, tasks, titles, work activities, skills',
  },
  {
    id: 'oews',
    title: 'BLS OEWS national estimates',
    host: 'bls',
    // oesmYYnat.zip holds national_MYYYY_dl.xlsx (May of that year); released the next spring.
    origin: { kind: 'oews-national', path: '/oes/special-requests/oesm{yy}nat.zip', years: 4, keep: /^national_.*_dl\.(xlsx|xls|csv)$/i },
    license: 'public domain (U.S. Bureau of Labor Statistics)',
    provides: 'employment and wages by occupation (workforce exposure)',
  },
  {
    id: 'ep',
    title: 'BLS Employment Projections occupation workbook',
    host: 'bls',
    // Unversioned: BLS repoints it at each vintage (2025-35 since Aug 2026). Saved under its
    // official name; the vintage is read from the workbook's own headers.
    origin: { kind: 'file', path: '/emp/ind-occ-matrix/occupation.xlsx', saveAs: 'occupation.xlsx', release: 'ep-vintage' },
    license: 'public domain (U.S. Bureau of Labor Statistics)',
    provides: 'projected employment and openings (scenario baseline)',
  },
  {
    id: 'soc-crosswalk',
    title: 'BLS SOC 2010 to 2018 crosswalk',
    host: 'bls',
    origin: { kind: 'file', path: '/soc/2018/soc_2010_to_2018_crosswalk.xlsx', saveAs: 'soc_2010_to_2018_crosswalk.xlsx', release: 'SOC 2018 (Nov 2017)' },
    license: 'public domain (U.S. Bureau of Labor Statistics)',
    provides: 'comparison with SOC 2010 measures (AIOE, Frey-Osborne, ILO via ISCO)',
  },
  {
    id: 'gpts-labels',
    title: 'GPTs-are-GPTs task labels (Eloundou et al. 2024)',
    host: 'github',
    origin: {
      kind: 'github',
      repo: 'openai/GPTs-are-GPTs',
      commit: '0471612fef3cc22b74fb884d27bff9dbd3770582', // 2025-10-03, "Update README.md" (after occ_level.csv was added)
      files: [
        { path: 'data/full_labelset.tsv', sha256: '094378905e1f3349e50a9a83dc69643a2ef227954d611c8316a46da08cb3d8de' },
        { path: 'data/automation_gpt4_human_labels.tsv', sha256: 'ae864ef28347b6c516284fdef4ff2c6deccc13ea0b3439b7be056de7c3a02692' },
        { path: 'data/occ_level.csv', sha256: '40c74f53de40aec91c0017d80690cbba915f83a8bb414bcf2f884692f1749acb' },
        { path: 'data/occupations_onet_bls_matched.csv', sha256: 'e3289815f87a06bdd0d815971fee1578e58ff408d851c2b0ff030cd3650a7697' },
        { path: 'data/BEA_BLS_industry_lp.csv', sha256: '1ac83e6000dfea41fd104f72e4f02cc11b7bc650bdc573e2c9105224c9118b73' },
        { path: 'data/BEA_BLS_industry_tfp.csv', sha256: 'd278379a9b16a99d989d5c2ad64ba4653fe5c118f6c7c3be82dcd99fb5f8cc50' },
      ],
    },
    license: 'MIT (openai/GPTs-are-GPTs)',
    provides: 'the human and gpt4 scorers, the local model, eloundou2024 analysis',
  },
  {
    id: 'aioe',
    title: 'AIOE, LM-AIOE, IG-AIOE (Felten, Raj & Seamans)',
    host: 'github',
    origin: {
      kind: 'github',
      repo: 'AIOE-Data/AIOE',
      commit: 'adca5fc2cd0e9a659ff05278b7fa7a53f4f324c1', // 2024-06-03
      files: [
        { path: 'AIOE_DataAppendix.xlsx', sha256: 'c123b4c64840aff3568ae6c97256678719b88a74d45b6362dbefb5af34667b95' },
        { path: 'Language Modeling AIOE and AIIE.xlsx', sha256: 'ccdd1fb916dfa404914367eafde7c00b7148ea86f18fe616240bc85cf6131c8b' },
        { path: 'Image Generation AIOE and AIIE.xlsx', sha256: '62c310544a6c1181037484b4c4017443c8d32661a0bdd482967a108aa224f5f7' },
      ],
    },
    license: 'no license stated; cite Felten, Raj & Seamans (2021, 2023)',
    provides: 'compare: AIOE measures',
  },
  {
    id: 'microsoft',
    title: 'Microsoft "Working with AI" applicability scores (Tomlinson et al. 2025)',
    host: 'github',
    origin: {
      kind: 'github',
      repo: 'microsoft/working-with-ai',
      commit: '84c4ebacaa39d1c11e26e16c2f2c98aa89a11834', // 2025-10-17, "correction: 2023 OEWS data"
      files: [{ path: 'soc_ai_applicability_scores.csv', sha256: '2a077dbe90ff377813adac04b2acef6aee51c4b13505a4760ea84ca3efc9039a' }],
    },
    license: 'CC BY 4.0 (microsoft/working-with-ai)',
    provides: 'compare: Microsoft AI applicability',
  },
  {
    id: 'ilo',
    title: 'ILO generative-AI exposure scores 2025 (Gmyrek et al.)',
    host: 'github',
    origin: {
      kind: 'github',
      repo: 'pgmyrek/2025_GenAI_scores_ISCO08', // the first author's repository, linked from ILO WP 140
      commit: '6601522d6f3d670ce648eaaea7f68df8e509548c', // 2025-06-05
      files: [{ path: 'Final_Scores_ISCO08_Gmyrek_et_al_2025.xlsx', sha256: 'e0a3fe8fd6db95c5bfddc909d13c0ae998a59d004392d005d2c9eb71b6123e13' }],
    },
    license: 'no license stated; cite Gmyrek et al. (2025), ILO Working Paper 140',
    provides: 'compare: ILO 2025 and 2023 scores',
  },
  {
    id: 'nesta-crosswalks',
    title: 'ISCO-08 to SOC 2010 (BLS) and ESCO to O*NET (Nesta) crosswalks',
    host: 'github',
    origin: {
      kind: 'github',
      repo: 'nestauk/mapping-career-causeways',
      commit: 'cb8c57a2c4a0ab40a2bba4eca6664601bcc24cad', // 2021-03-14
      files: [
        // The BLS workbook (bls.gov/soc/ISCO_SOC_Crosswalk.xls), byte for byte, as Nesta redistributes it.
        { path: 'supplementary_online_data/ONET_ESCO_crosswalk/lookups/ISCO_SOC_Crosswalk.xls', sha256: 'b334878293192672907615ca4a290de260391dbea222e94689307b5c53191aa8' },
        { path: 'supplementary_online_data/ONET_ESCO_crosswalk/esco_onet_crosswalk_Nov2020.csv', sha256: 'b9a1ec484c99f282a3124f99678b8b39e847b3b7689410bb6d6b51807bd9d534' },
      ],
    },
    license: 'BLS crosswalk public domain; Nesta crosswalk MIT (nestauk/mapping-career-causeways)',
    provides: 'compare: ILO via ISCO-08; ESCO occupations',
  },
  {
    id: 'anthropic',
    title: 'Anthropic Economic Index',
    host: 'huggingface',
    origin: {
      kind: 'huggingface',
      dataset: 'Anthropic/EconomicIndex',
      revision: '2ea58ff75e4247d26810c37f10c179edc2466cac', // unverified from here: see the note at the top
      files: [
        { path: 'release_2025_02_10/onet_task_mappings.csv' },
        { path: 'release_2025_02_10/onet_task_statements.csv' },
        { path: 'labor_market_impacts/job_exposure.csv', sha256: '4f0a3adf5feeb2ec5f5d02ab18cc5e851a2a4b8470bde84c0c9335017be12d68' },
        // The monthly release files (release_2026_06_26/data/aei_claude_ai_<date>.csv) are read
        // when present but not fetched: hundreds of MB each.
      ],
    },
    license: 'data CC BY, code MIT (Anthropic/EconomicIndex)',
    provides: 'compare: conversation share (2025-02-10) and observed exposure (2026)',
  },
];

export function sourceById(id: string): FetchSource | undefined {
  return officialSources.find((s) => s.id === id);
}

/** JOBSHIFT_FETCH_<ID>_URL for a source id ("soc-crosswalk" -> JOBSHIFT_FETCH_SOC_CROSSWALK_URL). */
export function urlOverrideVariable(id: string): string {
  return `JOBSHIFT_FETCH_${id.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_URL`;
}

/** JOBSHIFT_FETCH_<HOST>_BASE for a host. */
export function baseOverrideVariable(host: Host): string {
  return `JOBSHIFT_FETCH_${host.toUpperCase()}_BASE`;
}
