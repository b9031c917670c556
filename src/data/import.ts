/**
 * `jobshift data import [DIR...]`: find the official files anywhere under the given folders,
 * parse and validate every one of them, then replace what they bring in one transaction.
 * A fault anywhere stops the import before the store is touched; importing the same files
 * twice gives the same store.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { InputError } from '../util/errors.js';
import { type Progress, silentProgress } from '../util/progress.js';
import { dataTables, type TableSpec, tableSpec } from './schema.js';
import { blsSources } from './sources/bls.js';
import { onetSources } from './sources/onet.js';
import { isKnownOnetName } from './sources/onet/layouts.js';
import { compareRelease } from './sources/onet/release.js';
import { publishedSources } from './sources/published.js';
import { type FoundFile, type ParsedTable, SkippedFile, type SourceFile } from './sources/types.js';
import { onetReleaseGroups } from './status.js';
import type { Store } from './store.js';

export { compareRelease } from './sources/onet/release.js';

export const allSources: SourceFile[] = [...onetSources, ...blsSources, ...publishedSources];

interface Candidate extends FoundFile {
  source: SourceFile;
  key: string;
}

/** Walk the folders and pick, for each logical source file, the copy with the newest release. */
export function discoverFiles(dirs: string[], sources: SourceFile[] = allSources): Candidate[] {
  return discoverData(dirs, sources).found;
}

/**
 * Walk the folders: for each logical source file the copy with the newest release (`found`),
 * and the files in O*NET folders that no importer knows (`unknown`): a file O*NET added or
 * renamed is said, never skipped silently.
 *
 * A key "group#part" names one part of a logical file its publisher splits over several files
 * (O*NET 30.3: Skills -> Essential Skills + Transferable Skills): the newest release of the
 * group wins with all its parts, so parts of different releases never mix in one table.
 */
export function discoverData(dirs: string[], sources: SourceFile[] = allSources): { found: Candidate[]; unknown: string[] } {
  const byKey = new Map<string, Candidate>();
  const unmatched = new Map<string, string[]>();
  const onetDirs = new Set<string>();
  const walk = (dir: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch (err) {
      throw new InputError(`cannot read folder ${dir} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    for (const name of entries) {
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) {
        walk(path);
        continue;
      }
      let matched = false;
      for (const source of sources) {
        const key = source.match(name);
        if (!key) continue;
        matched = true;
        if (source.dataset === 'onet') onetDirs.add(dir);
        const cand: Candidate = { path, name, release: source.release(path), source, key };
        const prev = byKey.get(key);
        if (!prev || compareRelease(cand.release, prev.release) > 0) byKey.set(key, cand);
        break;
      }
      if (!matched) unmatched.set(dir, [...(unmatched.get(dir) ?? []), name]);
    }
  };
  for (const d of dirs) {
    const abs = resolve(d);
    try {
      if (!statSync(abs).isDirectory()) throw new Error();
    } catch {
      throw new InputError(`not a folder: ${d}`);
    }
    walk(abs);
  }
  const newestOfGroup = new Map<string, string>();
  for (const c of byKey.values()) {
    const group = groupOf(c.key);
    const prev = newestOfGroup.get(group);
    if (prev === undefined || compareRelease(c.release, prev) > 0) newestOfGroup.set(group, c.release);
  }
  const found = [...byKey.values()].filter((c) => compareRelease(c.release, newestOfGroup.get(groupOf(c.key))!) === 0);
  const unknown = [...onetDirs].flatMap((dir) =>
    (unmatched.get(dir) ?? []).filter((n) => /\.(txt|xlsx)$/i.test(n) && !isKnownOnetName(n)).map((n) => join(dir, n)),
  );
  return { found: found.sort((a, b) => a.key.localeCompare(b.key)), unknown };
}

/** "onet:skills#essential" -> "onet:skills"; a key without '#' is its own group. */
const groupOf = (key: string) => key.split('#')[0]!;

export interface ImportSummary {
  files: { dataset: string; file: string; release: string; rows: number }[];
  tables: Record<string, number>;
  /** Files whose name matched but whose layout no importer knows: skipped, with the reason. */
  skipped: { file: string; reason: string }[];
  /**
   * What the store now holds that a user must know before trusting a comparison: O*NET tables
   * from different releases (each release with its files), job zones of unknown framework.
   */
  warnings: { message: string; files: string[] }[];
  elapsedMs: number;
}

interface Loaded {
  spec: TableSpec;
  rows: unknown[][];
  rowNumbers: (number | undefined)[];
  files: string[];
  partitions: Set<string | number> | null;
}

export async function importData(store: Store, dirs: string[], progress: Progress = silentProgress): Promise<ImportSummary> {
  const started = Date.now();
  const { found, unknown } = discoverData(dirs);
  if (found.length === 0) {
    throw new InputError(`no known data files under ${dirs.join(', ')} (expected official names such as "Task Statements.txt", "national_M2024_dl.xlsx", "full_labelset.tsv")`);
  }
  const context = { find: (key: string) => found.find((f) => f.key === key) };

  // 1. Parse and validate everything; nothing is written yet.
  const loaded = new Map<string, Loaded>();
  const provenance: ImportSummary['files'] = [];
  const hashes = new Map<string, string>();
  const keys = new Map<string, string>();
  const skipped: ImportSummary['skipped'] = unknown.map((file) => ({
    file,
    reason: 'not an O*NET file this importer knows (if O*NET renamed a file, its new name belongs in src/data/sources/onet/layouts.ts)',
  }));
  for (let i = 0; i < found.length; i++) {
    const f = found[i]!;
    progress.update(i, found.length, f.name);
    let parsed: ParsedTable[];
    try {
      parsed = f.source.parse(f, context);
    } catch (err) {
      if (!(err instanceof SkippedFile)) throw err;
      skipped.push({ file: f.path, reason: err.reason });
      continue;
    }
    let count = 0;
    for (const p of parsed) {
      const spec = tableSpec(p.table);
      let l = loaded.get(p.table);
      if (!l) {
        l = { spec, rows: [], rowNumbers: [], files: [], partitions: spec.partitionBy ? new Set() : null };
        loaded.set(p.table, l);
      }
      for (let r = 0; r < p.rows.length; r++) {
        l.rows.push(p.rows[r]!);
        l.rowNumbers.push(p.rowNumbers?.[r]);
        l.files.push(f.name);
      }
      if (l.partitions) for (const part of p.partitions ?? []) l.partitions.add(part);
      count += p.rows.length;
    }
    provenance.push({ dataset: f.source.dataset, file: f.path, release: f.release, rows: count });
    keys.set(f.path, groupOf(f.key));
    hashes.set(f.path, createHash('sha256').update(readFileSync(f.path)).digest('hex'));
  }
  progress.update(found.length, found.length, 'checking keys');
  for (const l of loaded.values()) checkKeys(l);

  // 2. Write in one transaction.
  progress.update(found.length, found.length, 'writing store');
  await store.transaction(async () => {
    for (const l of loaded.values()) {
      const { spec } = l;
      if (l.partitions) {
        const parts = [...l.partitions];
        if (parts.length) {
          await store.run(`DELETE FROM "${spec.name}" WHERE CAST("${spec.partitionBy}" AS VARCHAR) IN (${parts.map(() => '?').join(',')})`, parts.map(String));
        }
      } else {
        await store.run(`DELETE FROM "${spec.name}"`);
      }
      await store.append(spec, l.rows);
    }
    await deriveColumns(store);
    await keyLegacySources(store);
    const now = new Date().toISOString();
    // A file replaces the record of its own path and, for O*NET (whose tables an import replaces
    // per logical file), the records of the logical file it stands for: a renamed file (Job
    // Titles for Alternate Titles), the parts of a split one, another release's copy.
    for (const p of provenance) {
      await store.run(`DELETE FROM sources WHERE file = ? OR (dataset = 'onet' AND source_key = ?)`, [p.file, keys.get(p.file) ?? '']);
    }
    for (const p of provenance) {
      await store.run(
        `INSERT INTO sources (dataset, file, release, rows, sha256, imported_at, source_key) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [p.dataset, p.file, p.release, p.rows, hashes.get(p.file) ?? '', now, keys.get(p.file) ?? null],
      );
    }
  });
  progress.done();
  const tables: Record<string, number> = {};
  for (const t of dataTables) {
    const r = await store.one<{ n: number }>(`SELECT count(*) AS n FROM "${t.name}"`);
    tables[t.name] = r?.n ?? 0;
  }
  return { files: provenance, tables, skipped, warnings: await storeWarnings(store), elapsedMs: Date.now() - started };
}

/**
 * Warnings about what the store now holds. O*NET tables from different releases are legitimate
 * (a user may have Skills only in a newer release, as the shared data does) but must never mix
 * silently: identifiers (DWA IDs changed format in 30.3), titles and job-zone frameworks differ
 * between releases.
 */
async function storeWarnings(store: Store): Promise<ImportSummary['warnings']> {
  const warnings: ImportSummary['warnings'] = [];
  const groups = await onetReleaseGroups(store);
  if (groups.length > 1) {
    warnings.push({
      message: `O*NET files come from different releases: ${groups.map((g) => `${g.release} (${g.files.join(', ')})`).join('; ')}; tables from different releases may not agree (DWA IDs, titles, job-zone frameworks)`,
      files: groups.flatMap((g) => g.paths),
    });
  }
  const unknownZones = await store.one<{ n: number }>(`SELECT count(*) AS n FROM job_zones WHERE framework IS NULL`);
  if (unknownZones && unknownZones.n > 0) {
    const files = (await store.all<{ file: string }>(`SELECT file FROM sources WHERE source_key = 'onet:job_zones'`)).map((r) => r.file);
    warnings.push({
      message: `cannot tell whether the job zones of ${files.map((f) => basename(f)).join(', ') || 'Job Zones'} are on O*NET's five-level or four-level framework (no Read Me, release folder name or Job Zone Reference beside the file); they are stored without one and the local model leaves them out`,
      files,
    });
  }
  return warnings;
}

/** Import records written before schema v6 get the key of the logical file their name stands for. */
async function keyLegacySources(store: Store): Promise<void> {
  for (const { file } of await store.all<{ file: string }>(`SELECT file FROM sources WHERE source_key IS NULL`)) {
    const name = basename(file);
    const key = allSources.map((s) => s.match(name)).find((k): k is string => !!k);
    if (key) await store.run(`UPDATE sources SET source_key = ? WHERE file = ?`, [groupOf(key), file]);
  }
}

function checkKeys(l: Loaded): void {
  const key = l.spec.key;
  if (!key) return;
  const idx = key.map((k) => l.spec.columns.findIndex((c) => c.name === k));
  const seen = new Map<string, number>();
  for (let r = 0; r < l.rows.length; r++) {
    const row = l.rows[r]!;
    const k = idx.map((i) => String(row[i])).join('\u0000');
    const prev = seen.get(k);
    if (prev !== undefined) {
      const where = l.rowNumbers[r];
      const first = l.rowNumbers[prev];
      throw new InputError(
        `duplicate ${key.join(' + ')} "${idx.map((i) => row[i]).join(' / ')}"${first !== undefined ? ` (first seen at row ${first}${l.files[prev] !== l.files[r] ? ` of ${l.files[prev]}` : ''})` : ''}`,
        { file: l.files[r], row: where, field: key.join(' + ') },
      );
    }
    seen.set(k, r);
  }
}

/** Columns filled from other tables once everything is in place. */
async function deriveColumns(store: Store): Promise<void> {
  // A zone travels with its framework (five- or four-level); none stays from an earlier Job Zones file.
  await store.run(`UPDATE occupations SET job_zone = NULL, job_zone_framework = NULL`);
  await store.run(`UPDATE occupations SET job_zone = jz.job_zone, job_zone_framework = jz.framework FROM job_zones jz WHERE jz.onet_code = occupations.onet_code`);
  // CPS rows carry Census titles; the Census code list gives their SOC 2018 codes.
  for (const table of ['demographics', 'demographics_age']) {
    await store.run(`
      UPDATE ${table} SET soc_code = c.soc_code
      FROM (SELECT lower(trim(census_title)) AS t, min(soc_code) AS soc_code FROM crosswalk_census_soc2018 GROUP BY 1) c
      WHERE c.t = lower(trim(regexp_replace(${table}.cps_title, '\\s+', ' ', 'g')))`);
  }
}
