/**
 * O*NET database files (National Center for O*NET Development, CC BY 4.0). Either the text
 * release (tab-delimited, CRLF) or the Excel release (same columns plus Title) works for every
 * file. When both are present, the newer release wins file by file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { InputError } from '../../util/errors.js';
import { Columns, readDelimitedFile, readWorkbook, rowNumber, type Sheet, sheetRows } from '../tabular.js';
import type { FoundFile, ParsedTable, SourceFile } from './types.js';

/** O*NET-SOC code, e.g. 13-2011.01. */
export const ONET_CODE = /^\d{2}-\d{4}\.\d{2}$/;

/** SOC 2018 6-digit code of an O*NET-SOC code: 13-2011.01 -> 13-2011. */
export function socOf(onetCode: string): string {
  return onetCode.slice(0, 7);
}

export function majorGroupOf(code: string): string {
  return code.slice(0, 2);
}

/** Release of an O*NET file: from "Read Me.txt" beside it, else the folder name (db_29_1_text). */
export function onetRelease(path: string): string {
  const dir = dirname(path);
  const readme = join(dir, 'Read Me.txt');
  if (existsSync(readme)) {
    const m = /O\*NET\s+(\d+)\.(\d+)/.exec(readFileSync(readme, 'utf8').slice(0, 200));
    if (m) return `${m[1]}.${m[2]}`;
  }
  const m = /db_(\d+)_(\d+)/.exec(dir);
  return m ? `${m[1]}.${m[2]}` : '0';
}

/** Read an O*NET file of either release as a sheet with the text release's columns (+Title). */
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

function onetCode(cols: Columns, row: Sheet['rows'][number], col: number, r: number): string {
  const code = cols.requiredText(row, col, r);
  if (!ONET_CODE.test(code)) throw cols.error(`not an O*NET-SOC code: "${code}"`, r, col);
  return code;
}

function integer(cols: Columns, row: Sheet['rows'][number], col: number, r: number): number {
  const n = cols.requiredNumber(row, col, r);
  if (!Number.isInteger(n)) throw cols.error(`not a whole number: ${n}`, r, col);
  return n;
}

const yn = (s: string): boolean | null => (s === 'Y' ? true : s === 'N' ? false : null);

type Parser = (sheet: Sheet) => ParsedTable[];

function handler(officialName: string, parse: Parser): SourceFile {
  const lower = officialName.toLowerCase();
  return {
    dataset: 'onet',
    match: (name) => {
      const base = name.replace(/\.(txt|xlsx)$/i, '').toLowerCase();
      return base === lower && /\.(txt|xlsx)$/i.test(name) ? `onet:${lower}` : undefined;
    },
    release: onetRelease,
    parse: (file: FoundFile) => parse(readOnetFile(file.path)),
  };
}

function mapRows(sheet: Sheet, fn: (cols: Columns, row: Sheet['rows'][number], r: number) => unknown[] | null): {
  rows: unknown[][];
  rowNumbers: number[];
} {
  const cols = new Columns(sheet);
  const rows: unknown[][] = [];
  const rowNumbers: number[] = [];
  sheet.rows.forEach((row, r) => {
    const out = fn(cols, row, r);
    if (out) {
      rows.push(out);
      rowNumbers.push(rowNumber(sheet, r));
    }
  });
  return { rows, rowNumbers };
}

export const onetSources: SourceFile[] = [
  handler('Occupation Data', (sheet) => {
    const c = new Columns(sheet);
    const [code, title, desc] = [c.require('O*NET-SOC Code'), c.require('Title'), c.require('Description')];
    const { rows, rowNumbers } = mapRows(sheet, (cols, row, r) => {
      const k = onetCode(cols, row, code, r);
      return [k, cols.requiredText(row, title, r), cols.text(row, desc), socOf(k), majorGroupOf(k), null];
    });
    return [{ table: 'occupations', rows, rowNumbers }];
  }),
  handler('Job Zones', (sheet) => {
    const c = new Columns(sheet);
    const [code, zone] = [c.require('O*NET-SOC Code'), c.require('Job Zone')];
    const { rows, rowNumbers } = mapRows(sheet, (cols, row, r) => [onetCode(cols, row, code, r), integer(cols, row, zone, r)]);
    return [{ table: 'job_zones', rows, rowNumbers }];
  }),
  handler('Task Statements', (sheet) => {
    const c = new Columns(sheet);
    const code = c.require('O*NET-SOC Code');
    const id = c.require('Task ID');
    const task = c.require('Task');
    const type = c.require('Task Type');
    const inc = c.optional('Incumbents Responding');
    const date = c.optional('Date');
    const src = c.optional('Domain Source');
    const { rows, rowNumbers } = mapRows(sheet, (cols, row, r) => [
      integer(cols, row, id, r),
      onetCode(cols, row, code, r),
      cols.requiredText(row, task, r),
      cols.text(row, type) || null,
      inc === undefined ? null : cols.number(row, inc, r),
      date === undefined ? null : cols.text(row, date),
      src === undefined ? null : cols.text(row, src),
    ]);
    return [{ table: 'tasks', rows, rowNumbers }];
  }),
  handler('Task Ratings', (sheet) => {
    const c = new Columns(sheet);
    const [code, id, scale, cat, val, n, date] = [
      c.require('O*NET-SOC Code'), c.require('Task ID'), c.require('Scale ID'), c.optional('Category'),
      c.require('Data Value'), c.optional('N'), c.optional('Date'),
    ];
    const { rows, rowNumbers } = mapRows(sheet, (cols, row, r) => [
      onetCode(cols, row, code, r), integer(cols, row, id, r), cols.requiredText(row, scale, r),
      cat === undefined ? null : cols.text(row, cat) || null, cols.number(row, val, r),
      n === undefined ? null : cols.number(row, n, r), date === undefined ? null : cols.text(row, date),
    ]);
    return [{ table: 'task_ratings', rows, rowNumbers }];
  }),
  handler('Tasks to DWAs', (sheet) => {
    const c = new Columns(sheet);
    const [code, id, dwa] = [c.require('O*NET-SOC Code'), c.require('Task ID'), c.require('DWA ID')];
    const { rows, rowNumbers } = mapRows(sheet, (cols, row, r) => [onetCode(cols, row, code, r), integer(cols, row, id, r), cols.requiredText(row, dwa, r)]);
    return [{ table: 'task_dwas', rows, rowNumbers }];
  }),
  handler('DWA Reference', (sheet) => {
    const c = new Columns(sheet);
    const [gwa, iwa, dwa, title] = [c.require('Element ID'), c.require('IWA ID'), c.require('DWA ID'), c.require('DWA Title')];
    const { rows, rowNumbers } = mapRows(sheet, (cols, row, r) => [
      cols.requiredText(row, dwa, r), cols.requiredText(row, iwa, r), cols.requiredText(row, gwa, r), cols.requiredText(row, title, r),
    ]);
    return [{ table: 'dwas', rows, rowNumbers }];
  }),
  handler('IWA Reference', (sheet) => {
    const c = new Columns(sheet);
    const [gwa, iwa, title] = [c.require('Element ID'), c.require('IWA ID'), c.require('IWA Title')];
    const { rows, rowNumbers } = mapRows(sheet, (cols, row, r) => [cols.requiredText(row, iwa, r), cols.requiredText(row, gwa, r), cols.requiredText(row, title, r)]);
    return [{ table: 'iwas', rows, rowNumbers }];
  }),
  handler('Content Model Reference', (sheet) => {
    const c = new Columns(sheet);
    const [id, name, desc] = [c.require('Element ID'), c.require('Element Name'), c.optional('Description')];
    const { rows, rowNumbers } = mapRows(sheet, (cols, row, r) => [
      cols.requiredText(row, id, r), cols.requiredText(row, name, r), desc === undefined ? null : cols.text(row, desc),
    ]);
    return [{ table: 'content_model', rows, rowNumbers }];
  }),
  handler('Emerging Tasks', (sheet) => {
    const c = new Columns(sheet);
    const [code, task, cat, oid, otask, date] = [
      c.require('O*NET-SOC Code'), c.require('Task'), c.require('Category'), c.optional('Original Task ID'),
      c.optional('Original Task'), c.optional('Date'),
    ];
    const { rows, rowNumbers } = mapRows(sheet, (cols, row, r) => {
      const original = oid === undefined ? null : cols.number(row, oid, r);
      return [
        onetCode(cols, row, code, r), cols.requiredText(row, task, r), cols.text(row, cat) || null, original,
        otask === undefined ? null : (cols.text(row, otask) || null)?.replace(/^n\/a$/, '') || null,
        date === undefined ? null : cols.text(row, date),
      ];
    });
    return [{ table: 'emerging_tasks', rows, rowNumbers }];
  }),
  handler('Alternate Titles', (sheet) => {
    const c = new Columns(sheet);
    const [code, title, short, src] = [c.require('O*NET-SOC Code'), c.require('Alternate Title'), c.optional('Short Title'), c.optional('Source(s)')];
    const { rows, rowNumbers } = mapRows(sheet, (cols, row, r) => {
      const s = short === undefined ? '' : cols.text(row, short);
      return [onetCode(cols, row, code, r), cols.requiredText(row, title, r), s && s !== 'n/a' ? s : null, src === undefined ? null : cols.text(row, src)];
    });
    return [{ table: 'alternate_titles', rows, rowNumbers }];
  }),
  handler('Sample of Reported Titles', (sheet) => {
    const c = new Columns(sheet);
    const [code, title, shown] = [c.require('O*NET-SOC Code'), c.require('Reported Job Title'), c.optional('Shown in My Next Move')];
    const { rows, rowNumbers } = mapRows(sheet, (cols, row, r) => [
      onetCode(cols, row, code, r), cols.requiredText(row, title, r), shown === undefined ? null : yn(cols.text(row, shown)),
    ]);
    return [{ table: 'reported_titles', rows, rowNumbers }];
  }),
  handler('Related Occupations', (sheet) => {
    const c = new Columns(sheet);
    const [code, rel, tier, idx] = [c.require('O*NET-SOC Code'), c.require('Related O*NET-SOC Code'), c.optional('Relatedness Tier'), c.optional('Index')];
    const { rows, rowNumbers } = mapRows(sheet, (cols, row, r) => [
      onetCode(cols, row, code, r), onetCode(cols, row, rel, r), tier === undefined ? null : cols.text(row, tier),
      idx === undefined ? null : cols.number(row, idx, r),
    ]);
    return [{ table: 'related_occupations', rows, rowNumbers }];
  }),
  ...(['Skills', 'Knowledge'] as const).map((domain) =>
    handler(domain, (sheet) => {
      // Importance (IM) and level (LV) come on separate rows; pivot them onto one row per element.
      const c = new Columns(sheet);
      const [code, id, name, scale, val] = [c.require('O*NET-SOC Code'), c.require('Element ID'), c.require('Element Name'), c.require('Scale ID'), c.require('Data Value')];
      const byKey = new Map<string, unknown[]>();
      const rowNumbers: number[] = [];
      sheet.rows.forEach((row, r) => {
        const k = onetCode(c, row, code, r);
        const el = c.requiredText(row, id, r);
        const s = c.requiredText(row, scale, r);
        const value = c.number(row, val, r);
        const key = `${k}|${el}`;
        let out = byKey.get(key);
        if (!out) {
          out = [domain.toLowerCase(), k, el, c.requiredText(row, name, r), null, null];
          byKey.set(key, out);
          rowNumbers.push(rowNumber(sheet, r));
        }
        if (s === 'IM') out[4] = value;
        else if (s === 'LV') out[5] = value;
      });
      return [{ table: 'occupation_elements', rows: [...byKey.values()], rowNumbers, partitions: [domain.toLowerCase()] }];
    }),
  ),
  handler('Education, Training, and Experience', (sheet) => {
    const c = new Columns(sheet);
    const [code, id, scale, cat, val] = [c.require('O*NET-SOC Code'), c.require('Element ID'), c.require('Scale ID'), c.require('Category'), c.require('Data Value')];
    const { rows, rowNumbers } = mapRows(sheet, (cols, row, r) => {
      const category = cols.number(row, cat, r);
      if (category === null) return null; // n/a categories carry no share
      return [onetCode(cols, row, code, r), cols.requiredText(row, id, r), cols.requiredText(row, scale, r), category, cols.number(row, val, r)];
    });
    return [{ table: 'education', rows, rowNumbers }];
  }),
  handler('Education, Training, and Experience Categories', (sheet) => {
    const c = new Columns(sheet);
    const [id, scale, cat, desc] = [c.require('Element ID'), c.require('Scale ID'), c.require('Category'), c.require('Category Description')];
    const { rows, rowNumbers } = mapRows(sheet, (cols, row, r) => [
      cols.requiredText(row, id, r), cols.requiredText(row, scale, r), integer(cols, row, cat, r), cols.requiredText(row, desc, r),
    ]);
    return [{ table: 'education_categories', rows, rowNumbers }];
  }),
  handler('Technology Skills', (sheet) => {
    const c = new Columns(sheet);
    const [code, ex, cc, ct, hot, dem] = [
      c.require('O*NET-SOC Code'), c.require('Example'), c.optional('Commodity Code'), c.optional('Commodity Title'),
      c.optional('Hot Technology'), c.optional('In Demand'),
    ];
    const { rows, rowNumbers } = mapRows(sheet, (cols, row, r) => [
      onetCode(cols, row, code, r), cols.requiredText(row, ex, r), cc === undefined ? null : cols.text(row, cc),
      ct === undefined ? null : cols.text(row, ct), hot === undefined ? null : yn(cols.text(row, hot)),
      dem === undefined ? null : yn(cols.text(row, dem)),
    ]);
    return [{ table: 'technology_skills', rows, rowNumbers }];
  }),
];
