/**
 * O*NET database files (National Center for O*NET Development, CC BY 4.0), text or Excel
 * release, any release: each file is recognised by its official name in the layout table
 * (./onet/layouts.ts), its columns are read by the names that table gives for the layout whose
 * header the file has, and every layout of a logical file fills the same store table. When
 * several releases are present, the newest release wins logical file by logical file.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { InputError } from '../../util/errors.js';
import { Columns, readDelimitedFile, readWorkbook, rowNumber, type Sheet, sheetRows } from '../tabular.js';
import { decideJobZoneFramework } from './onet/jobZones.js';
import { layoutsNamed, type OnetConcept, type OnetFileLayout, onetKey } from './onet/layouts.js';
import { inReleaseRange, onetRelease, UNKNOWN_RELEASE } from './onet/release.js';
import type { FoundFile, ParsedTable, SourceFile } from './types.js';

export { onetRelease } from './onet/release.js';

/** O*NET-SOC code, e.g. 13-2011.01. */
export const ONET_CODE = /^\d{2}-\d{4}\.\d{2}$/;

/** SOC 2018 6-digit code of an O*NET-SOC code: 13-2011.01 -> 13-2011. */
export function socOf(onetCode: string): string {
  return onetCode.slice(0, 7);
}

export function majorGroupOf(code: string): string {
  return code.slice(0, 2);
}

/** Read an O*NET file of either release as a sheet with its header and rows. */
export function readOnetFile(path: string): Sheet {
  const ext = extname(path).toLowerCase();
  if (ext === '.txt') return readDelimitedFile(path, '\t');
  const wb = readWorkbook(path);
  const name = wb.SheetNames[0];
  if (!name) throw new InputError('workbook has no sheets', { file: basename(path) });
  const rows = sheetRows(wb, name, basename(path));
  const header = (rows[0] ?? []).map((c) => (c === null ? '' : String(c).trim()));
  const body = rows.slice(1).filter((r) => r.some((c) => c !== null && c !== ''));
  return { file: basename(path), sheet: name, header, rows: body, firstRow: 2 };
}

type Row = Sheet['rows'][number];

/** A sheet read through one layout: logical column names resolve to that layout's headers. */
class LayoutColumns extends Columns {
  constructor(sheet: Sheet, readonly layout: OnetFileLayout) {
    super(sheet);
  }

  /** Does the header hold every column this layout requires? */
  fits(): boolean {
    return Object.entries(this.layout.columns).every(([k, h]) => this.layout.optional?.includes(k) || this.has(h));
  }

  /** Position of a logical column; a missing one is an error naming the official header. */
  col(logical: string): number {
    return this.require(this.header(logical));
  }

  opt(logical: string): number | undefined {
    const h = this.layout.columns[logical];
    return h === undefined ? undefined : this.optional(h);
  }

  private header(logical: string): string {
    const h = this.layout.columns[logical];
    if (h === undefined) throw new Error(`layout ${this.layout.name} has no column ${logical}`);
    return h;
  }

  onetCode(row: Row, col: number, r: number): string {
    const code = this.requiredText(row, col, r);
    if (!ONET_CODE.test(code)) throw this.error(`not an O*NET-SOC code: "${code}"`, r, col);
    return code;
  }

  integer(row: Row, col: number, r: number): number {
    const n = this.requiredNumber(row, col, r);
    if (!Number.isInteger(n)) throw this.error(`not a whole number: ${n}`, r, col);
    return n;
  }

  /** Text of an optional column, null when the column or the value is absent. */
  optText(row: Row, col: number | undefined): string | null {
    return col === undefined ? null : this.text(row, col) || null;
  }

  optNumber(row: Row, col: number | undefined, r: number): number | null {
    return col === undefined ? null : this.number(row, col, r);
  }

  /** Each row through fn; rows it returns null for are left out. */
  mapRows(fn: (row: Row, r: number) => unknown[] | null): { rows: unknown[][]; rowNumbers: number[] } {
    const rows: unknown[][] = [];
    const rowNumbers: number[] = [];
    this.sheet.rows.forEach((row, r) => {
      const out = fn(row, r);
      if (out) {
        rows.push(out);
        rowNumbers.push(rowNumber(this.sheet, r));
      }
    });
    return { rows, rowNumbers };
  }
}

/**
 * The layout a file is read with: among the layouts published under its name, the one whose
 * columns its header holds (if several, the one whose release range holds the file's release,
 * else the newest). A header no layout fits is an error naming the first missing column of the
 * layout for the file's release.
 */
export function chooseLayout(layouts: readonly OnetFileLayout[], sheet: Sheet, release: string): LayoutColumns {
  const inRange = (l: OnetFileLayout) => release !== UNKNOWN_RELEASE && inReleaseRange(release, l);
  const fitting = layouts.map((l) => new LayoutColumns(sheet, l)).filter((c) => c.fits());
  const chosen = fitting.find((c) => inRange(c.layout)) ?? fitting[0];
  if (chosen) return chosen;
  const expected = new LayoutColumns(sheet, layouts.find(inRange) ?? layouts[0]!);
  for (const logical of Object.keys(expected.layout.columns)) if (!expected.layout.optional?.includes(logical)) expected.col(logical);
  throw new InputError('no known O*NET layout fits this header', { file: sheet.file });
}

const yn = (s: string): boolean | null => (s === 'Y' ? true : s === 'N' ? false : null);

type Parser = (c: LayoutColumns, file: FoundFile) => ParsedTable[];

/** One parser per logical file; each reads logical columns and writes one store table's rows. */
const parsers: Record<OnetConcept, Parser> = {
  occupations: (c) => {
    const [code, title, desc] = [c.col('code'), c.col('title'), c.col('description')];
    const t = c.mapRows((row, r) => {
      const k = c.onetCode(row, code, r);
      // job_zone and job_zone_framework are filled from job_zones once everything is in place.
      return [k, c.requiredText(row, title, r), c.text(row, desc), socOf(k), majorGroupOf(k), null, null];
    });
    return [{ table: 'occupations', ...t }];
  },
  job_zones: (c, file) => {
    const [code, zone] = [c.col('code'), c.col('zone')];
    const t = c.mapRows((row, r) => [c.onetCode(row, code, r), c.integer(row, zone, r)]);
    const zones = [...new Set(t.rows.map((r) => r[1] as number))].sort();
    const known = file.release !== UNKNOWN_RELEASE && inReleaseRange(file.release, c.layout);
    const { framework } = decideJobZoneFramework({ referenceZones: referenceZones(file.path), zones, byRelease: known ? c.layout.jobZones : undefined });
    if (framework === 'four-level' && zones.includes(1)) {
      const r = t.rows.findIndex((row) => row[1] === 1);
      throw new InputError('Job Zone 1 in a four-level Job Zones file (its Job Zone Reference has no zone 1)', {
        file: c.sheet.file, row: t.rowNumbers[r], field: c.layout.columns.zone,
      });
    }
    for (const row of t.rows) row.push(framework);
    return [{ table: 'job_zones', ...t }];
  },
  tasks: (c) => {
    const [code, id, task, type] = [c.col('code'), c.col('id'), c.col('task'), c.col('type')];
    const [inc, date, src] = [c.opt('incumbents'), c.opt('date'), c.opt('source')];
    const t = c.mapRows((row, r) => [
      c.integer(row, id, r), c.onetCode(row, code, r), c.requiredText(row, task, r), c.text(row, type) || null,
      c.optNumber(row, inc, r), date === undefined ? null : c.text(row, date), src === undefined ? null : c.text(row, src),
    ]);
    return [{ table: 'tasks', ...t }];
  },
  task_ratings: (c) => {
    const [code, id, scale, val] = [c.col('code'), c.col('id'), c.col('scale'), c.col('value')];
    const [cat, n, date] = [c.opt('category'), c.opt('n'), c.opt('date')];
    const t = c.mapRows((row, r) => [
      c.onetCode(row, code, r), c.integer(row, id, r), c.requiredText(row, scale, r), c.optText(row, cat),
      c.number(row, val, r), c.optNumber(row, n, r), date === undefined ? null : c.text(row, date),
    ]);
    return [{ table: 'task_ratings', ...t }];
  },
  task_dwas: (c) => {
    const [code, id, dwa] = [c.col('code'), c.col('id'), c.col('dwa')];
    return [{ table: 'task_dwas', ...c.mapRows((row, r) => [c.onetCode(row, code, r), c.integer(row, id, r), c.requiredText(row, dwa, r)]) }];
  },
  dwas: (c) => {
    const [gwa, iwa, dwa, title] = [c.col('gwa'), c.col('iwa'), c.col('dwa'), c.col('title')];
    const t = c.mapRows((row, r) => [c.requiredText(row, dwa, r), c.requiredText(row, iwa, r), c.requiredText(row, gwa, r), c.requiredText(row, title, r)]);
    return [{ table: 'dwas', ...t }];
  },
  iwas: (c) => {
    const [gwa, iwa, title] = [c.col('gwa'), c.col('iwa'), c.col('title')];
    return [{ table: 'iwas', ...c.mapRows((row, r) => [c.requiredText(row, iwa, r), c.requiredText(row, gwa, r), c.requiredText(row, title, r)]) }];
  },
  content_model: (c) => {
    const [id, name, desc] = [c.col('id'), c.col('name'), c.opt('description')];
    return [{ table: 'content_model', ...c.mapRows((row, r) => [c.requiredText(row, id, r), c.requiredText(row, name, r), desc === undefined ? null : c.text(row, desc)]) }];
  },
  emerging_tasks: (c) => {
    const [code, task, cat] = [c.col('code'), c.col('task'), c.col('category')];
    const [oid, otask, date] = [c.opt('originalId'), c.opt('originalTask'), c.opt('date')];
    const t = c.mapRows((row, r) => [
      c.onetCode(row, code, r), c.requiredText(row, task, r), c.text(row, cat) || null, c.optNumber(row, oid, r),
      c.optText(row, otask)?.replace(/^n\/a$/, '') || null, date === undefined ? null : c.text(row, date),
    ]);
    return [{ table: 'emerging_tasks', ...t }];
  },
  alternate_titles: (c) => {
    const [code, title, short, src] = [c.col('code'), c.col('title'), c.opt('shortTitle'), c.opt('sources')];
    const t = c.mapRows((row, r) => {
      const s = c.optText(row, short);
      return [c.onetCode(row, code, r), c.requiredText(row, title, r), s && s !== 'n/a' ? s : null, src === undefined ? null : c.text(row, src)];
    });
    return [{ table: 'alternate_titles', ...t }];
  },
  reported_titles: (c) => {
    const [code, title, shown] = [c.col('code'), c.col('title'), c.opt('shown')];
    const t = c.mapRows((row, r) => [c.onetCode(row, code, r), c.requiredText(row, title, r), shown === undefined ? null : yn(c.text(row, shown))]);
    return [{ table: 'reported_titles', ...t }];
  },
  related_occupations: (c) => {
    const [code, rel, tier, rank] = [c.col('code'), c.col('related'), c.opt('tier'), c.opt('rank')];
    const t = c.mapRows((row, r) => [
      c.onetCode(row, code, r), c.onetCode(row, rel, r), tier === undefined ? null : c.text(row, tier), c.optNumber(row, rank, r),
    ]);
    return [{ table: 'related_occupations', ...t }];
  },
  skills: (c) => elementRatings(c, 'skills'),
  knowledge: (c) => elementRatings(c, 'knowledge'),
  education: (c) => {
    const [code, id, scale, cat, val] = [c.col('code'), c.col('id'), c.col('scale'), c.col('category'), c.col('value')];
    const t = c.mapRows((row, r) => {
      const category = c.number(row, cat, r);
      if (category === null) return null; // n/a categories carry no share
      return [c.onetCode(row, code, r), c.requiredText(row, id, r), c.requiredText(row, scale, r), category, c.number(row, val, r)];
    });
    return [{ table: 'education', ...t }];
  },
  education_categories: (c) => {
    const [id, scale, cat, desc] = [c.col('id'), c.col('scale'), c.col('category'), c.col('description')];
    const t = c.mapRows((row, r) => [c.requiredText(row, id, r), c.requiredText(row, scale, r), c.integer(row, cat, r), c.requiredText(row, desc, r)]);
    return [{ table: 'education_categories', ...t }];
  },
  technology_skills: (c) => {
    // categoryCode/Title: a UNSPSC commodity in Technology Skills (to 30.2), a content-model
    // software category (Element ID/Name) in Software Skills (30.3 on).
    const [code, ex] = [c.col('code'), c.col('example')];
    const [cc, ct, hot, dem] = [c.opt('categoryCode'), c.opt('categoryTitle'), c.opt('hot'), c.opt('inDemand')];
    const t = c.mapRows((row, r) => [
      c.onetCode(row, code, r), c.requiredText(row, ex, r), cc === undefined ? null : c.text(row, cc), ct === undefined ? null : c.text(row, ct),
      hot === undefined ? null : yn(c.text(row, hot)), dem === undefined ? null : yn(c.text(row, dem)),
    ]);
    return [{ table: 'technology_skills', ...t }];
  },
};

/**
 * Skills and Knowledge ratings: importance (IM) and level (LV) come on separate rows; pivot them
 * onto one row per element. Each file replaces its domain ('skills' or 'knowledge') only; the
 * parts of a split domain (Essential + Transferable Skills) arrive in one import together.
 */
function elementRatings(c: LayoutColumns, domain: 'skills' | 'knowledge'): ParsedTable[] {
  const [code, id, name, scale, val] = [c.col('code'), c.col('id'), c.col('name'), c.col('scale'), c.col('value')];
  const byKey = new Map<string, unknown[]>();
  const rowNumbers: number[] = [];
  c.sheet.rows.forEach((row, r) => {
    const k = c.onetCode(row, code, r);
    const el = c.requiredText(row, id, r);
    const s = c.requiredText(row, scale, r);
    const value = c.number(row, val, r);
    const key = `${k}|${el}`;
    let out = byKey.get(key);
    if (!out) {
      out = [domain, k, el, c.requiredText(row, name, r), null, null];
      byKey.set(key, out);
      rowNumbers.push(rowNumber(c.sheet, r));
    }
    if (s === 'IM') out[4] = value;
    else if (s === 'LV') out[5] = value;
  });
  return [{ table: 'occupation_elements', rows: [...byKey.values()], rowNumbers, partitions: [domain] }];
}

/** Zones listed in the Job Zone Reference beside a Job Zones file (same release), if it is there. */
function referenceZones(jobZonesPath: string): number[] | undefined {
  const dir = dirname(jobZonesPath);
  const path = ['Job Zone Reference.txt', 'Job Zone Reference.xlsx'].map((n) => join(dir, n)).find((p) => existsSync(p));
  if (!path) return undefined;
  const sheet = readOnetFile(path);
  const c = new Columns(sheet);
  const col = c.require('Job Zone');
  return sheet.rows.map((row, r) => c.requiredNumber(row, col, r));
}

/** Every O*NET file jobshift imports, recognised by the layout table. */
export const onetSource: SourceFile = {
  dataset: 'onet',
  match: (name) => {
    const layouts = layoutsNamed(name);
    return layouts.length ? onetKey(layouts[0]!) : undefined;
  },
  release: onetRelease,
  parse: (file) => {
    const sheet = readOnetFile(file.path);
    const c = chooseLayout(layoutsNamed(file.name), sheet, file.release);
    return parsers[c.layout.concept](c, file);
  },
};

export const onetSources: SourceFile[] = [onetSource];
