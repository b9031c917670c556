/**
 * `jobshift data import [DIR...]`: find the official files anywhere under the given folders,
 * parse and validate every one of them, then replace what they bring in one transaction.
 * A fault anywhere stops the import before the store is touched; importing the same files
 * twice gives the same store.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../util/errors.js';
import { type Progress, silentProgress } from '../util/progress.js';
import { dataTables, type TableSpec, tableSpec } from './schema.js';
import { blsSources } from './sources/bls.js';
import { onetSources } from './sources/onet.js';
import { publishedSources } from './sources/published.js';
import { type FoundFile, type ParsedTable, SkippedFile, type SourceFile } from './sources/types.js';
import type { Store } from './store.js';

export const allSources: SourceFile[] = [...onetSources, ...blsSources, ...publishedSources];

interface Candidate extends FoundFile {
  source: SourceFile;
  key: string;
}

/** Walk the folders and pick, for each logical source file, the copy with the newest release. */
export function discoverFiles(dirs: string[], sources: SourceFile[] = allSources): Candidate[] {
  const byKey = new Map<string, Candidate>();
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
      for (const source of sources) {
        const key = source.match(name);
        if (!key) continue;
        const cand: Candidate = { path, name, release: source.release(path), source, key };
        const prev = byKey.get(key);
        if (!prev || compareRelease(cand.release, prev.release) > 0) byKey.set(key, cand);
        break;
      }
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
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** Compare release strings numerically part by part ("30.1" > "29.1"). */
export function compareRelease(a: string, b: string): number {
  const pa = a.split(/[.\-]/);
  const pb = b.split(/[.\-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const nx = Number(x);
    const ny = Number(y);
    const c = Number.isFinite(nx) && Number.isFinite(ny) && x !== '' && y !== '' ? nx - ny : x.localeCompare(y);
    if (c !== 0) return c;
  }
  return 0;
}

export interface ImportSummary {
  files: { dataset: string; file: string; release: string; rows: number }[];
  tables: Record<string, number>;
  /** Files whose name matched but whose layout no importer knows: skipped, with the reason. */
  skipped: { file: string; reason: string }[];
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
  const found = discoverFiles(dirs);
  if (found.length === 0) {
    throw new InputError(`no known data files under ${dirs.join(', ')} (expected official names such as "Task Statements.txt", "national_M2024_dl.xlsx", "full_labelset.tsv")`);
  }
  const context = { find: (key: string) => found.find((f) => f.key === key) };

  // 1. Parse and validate everything; nothing is written yet.
  const loaded = new Map<string, Loaded>();
  const provenance: ImportSummary['files'] = [];
  const hashes = new Map<string, string>();
  const skipped: ImportSummary['skipped'] = [];
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
    const now = new Date().toISOString();
    for (const p of provenance) {
      await store.run(`DELETE FROM sources WHERE file = ?`, [p.file]);
      await store.run(`INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?)`, [p.dataset, p.file, p.release, p.rows, hashes.get(p.file) ?? '', now]);
    }
  });
  progress.done();
  const tables: Record<string, number> = {};
  for (const t of dataTables) {
    const r = await store.one<{ n: number }>(`SELECT count(*) AS n FROM "${t.name}"`);
    tables[t.name] = r?.n ?? 0;
  }
  return { files: provenance, tables, skipped, elapsedMs: Date.now() - started };
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
  await store.run(`UPDATE occupations SET job_zone = jz.job_zone FROM job_zones jz WHERE jz.onet_code = occupations.onet_code`);
  // CPS rows carry Census titles; the Census code list gives their SOC 2018 codes.
  for (const table of ['demographics', 'demographics_age']) {
    await store.run(`
      UPDATE ${table} SET soc_code = c.soc_code
      FROM (SELECT lower(trim(census_title)) AS t, min(soc_code) AS soc_code FROM crosswalk_census_soc2018 GROUP BY 1) c
      WHERE c.t = lower(trim(regexp_replace(${table}.cps_title, '\\s+', ' ', 'g')))`);
  }
}
