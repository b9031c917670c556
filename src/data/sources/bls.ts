/**
 * U.S. Bureau of Labor Statistics files (public domain):
 * - OEWS national cross-industry estimates, any year, .csv or .xlsx (national_May2021_dl.csv,
 *   national_M2024_dl.xlsx, ...). Each year is kept.
 * - Employment Projections occupation workbooks (occupation_2024-34.xlsx): Table 1.2 (National
 *   Employment Matrix) and Table 1.10 (separations and openings). Values in thousands there;
 *   stored in workers here.
 * - CPS annual averages table 11 (cpsaat11): employed by detailed occupation, sex, race and
 *   Hispanic ethnicity; percent there, shares in [0, 1] here. CPS uses Census occupation titles,
 *   mapped to SOC 2018 through the Census code list when it is imported.
 * - BEA/BLS integrated industry productivity series (as shipped with GPTs-are-GPTs).
 */
import { basename, extname } from 'node:path';
import { InputError } from '../../util/errors.js';
import { Columns, type Cell, normHeader, readDelimitedFile, readWorkbook, rowNumber, type Sheet, sheetRows, sheetWithHeader } from '../tabular.js';
import type { ParsedTable, SourceFile } from './types.js';

export const SOC_CODE = /^\d{2}-\d{4}$/;

/** SOC hierarchy level from the code's shape: 11-0000 major, 11-1000 minor, 11-1010 broad, 11-1011 detailed. */
export function socLevel(code: string): 'major' | 'minor' | 'broad' | 'detailed' {
  if (code.endsWith('0000')) return 'major';
  if (code.endsWith('00')) return 'minor';
  if (code.endsWith('0')) return 'broad';
  return 'detailed';
}

const OEWS_NAME = /^national_(?:may|m)(\d{4})_dl\.(csv|xlsx|xls)$/i;

export const oewsSource: SourceFile = {
  dataset: 'oews',
  match: (name) => {
    const m = OEWS_NAME.exec(name);
    return m ? `oews:${m[1]}` : undefined;
  },
  // Same year in two formats: prefer the workbook (the original BLS release).
  release: (path) => (extname(path).toLowerCase() === '.csv' ? '0-csv' : '1-xlsx'),
  parse: (file) => {
    const year = Number(OEWS_NAME.exec(file.name)![1]);
    const sheet = readOewsSheet(file.path);
    const c = new Columns(sheet);
    const code = c.require('OCC_CODE');
    const title = c.require('OCC_TITLE');
    const group = c.require('O_GROUP', 'OCC_GROUP');
    const emp = c.require('TOT_EMP');
    const opt = (n: string) => c.optional(n);
    const cols = {
      prse: opt('EMP_PRSE'), hMean: opt('H_MEAN'), aMean: opt('A_MEAN'), p10: opt('A_PCT10'), p25: opt('A_PCT25'),
      med: opt('A_MEDIAN'), p75: opt('A_PCT75'), p90: opt('A_PCT90'), hMed: opt('H_MEDIAN'),
    };
    const area = c.optional('AREA');
    const num = (row: Cell[], col: number | undefined, r: number) => (col === undefined ? null : c.number(row, col, r));
    const rows: unknown[][] = [];
    const rowNumbers: number[] = [];
    sheet.rows.forEach((row, r) => {
      const k = c.text(row, code);
      if (!k) return;
      if (area !== undefined && c.text(row, area) && c.text(row, area) !== '99') return;
      if (!SOC_CODE.test(k)) throw c.error(`not a SOC code: "${k}"`, r, code);
      rows.push([
        year, k, c.requiredText(row, title, r), c.text(row, group).toLowerCase() || socLevel(k),
        num(row, emp, r), num(row, cols.prse, r), num(row, cols.hMean, r), num(row, cols.aMean, r),
        num(row, cols.p10, r), num(row, cols.p25, r), num(row, cols.med, r), num(row, cols.p75, r), num(row, cols.p90, r),
        num(row, cols.hMed, r),
      ]);
      rowNumbers.push(rowNumber(sheet, r));
    });
    if (rows.length === 0) throw new InputError('no occupation rows found', { file: file.name });
    return [{ table: 'employment', rows, rowNumbers, partitions: [year] }];
  },
};

function readOewsSheet(path: string): Sheet {
  if (extname(path).toLowerCase() === '.csv') return readDelimitedFile(path, ',');
  const wb = readWorkbook(path);
  // The data sheet is named after the file (national_M2024_dl); find it by its header.
  for (const name of wb.SheetNames) {
    const rows = sheetRows(wb, name, basename(path));
    const header = (rows[0] ?? []).map((x) => (x === null ? '' : String(x)));
    if (header.some((h) => normHeader(h) === 'occ_code')) {
      return { file: basename(path), sheet: name, header, rows: rows.slice(1), firstRow: 2 };
    }
  }
  throw new InputError(`no sheet with an OCC_CODE column (sheets: ${wb.SheetNames.join(', ')})`, { file: basename(path) });
}

const EP_NAME = /^occupation_?(\d{4})-(\d{2})\.xlsx$/i;

/** Column whose header starts with a given phrase (EP headers carry the vintage's years). */
function columnStarting(sheet: Sheet, prefix: string, required: true): number;
function columnStarting(sheet: Sheet, prefix: string, required?: false): number | undefined;
function columnStarting(sheet: Sheet, prefix: string, required = false): number | undefined {
  const p = normHeader(prefix);
  const i = sheet.header.findIndex((h) => normHeader(h).startsWith(p));
  if (i < 0 && required) {
    throw new InputError(`missing column starting "${prefix}"`, { file: `${sheet.file} [sheet ${sheet.sheet}]`, row: sheet.firstRow - 1, field: prefix });
  }
  return i < 0 ? undefined : i;
}

export const epSource: SourceFile = {
  dataset: 'ep',
  match: (name) => {
    const m = EP_NAME.exec(name);
    return m ? `ep:${m[1]}-${m[2]}` : undefined;
  },
  release: (path) => {
    const m = EP_NAME.exec(basename(path))!;
    return `${m[1]}-${m[2]}`;
  },
  parse: (file) => {
    const m = EP_NAME.exec(file.name)!;
    const baseYear = Number(m[1]);
    const targetYear = Math.floor(baseYear / 100) * 100 + Number(m[2]);
    const vintage = `${m[1]}-${m[2]}`;
    const wb = readWorkbook(file.path);
    const t12 = sheetWithHeader(wb, 'Table 1.2', file.name, ['Occupation type']);
    const c = new Columns(t12);
    const code = columnStarting(t12, `${baseYear} National Employment Matrix code`, true);
    const title = columnStarting(t12, `${baseYear} National Employment Matrix title`, true);
    const type = c.require('Occupation type');
    const base = columnStarting(t12, `Employment, ${baseYear}`, true);
    const target = columnStarting(t12, `Employment, ${targetYear}`, true);
    const change = columnStarting(t12, 'Employment change, numeric', true);
    const pct = columnStarting(t12, 'Employment change, percent', true);
    const openings = columnStarting(t12, 'Occupational openings', true);
    const wage = columnStarting(t12, 'Median annual wage');
    const edu = columnStarting(t12, 'Typical education needed');
    const exp = columnStarting(t12, 'Work experience');
    const train = columnStarting(t12, 'Typical on-the-job training');

    // Table 1.10: annual exit and transfer rates (percent of employment).
    const rates = new Map<string, [number | null, number | null]>();
    if (wb.SheetNames.includes('Table 1.10')) {
      const t110 = sheetWithHeader(wb, 'Table 1.10', file.name, ['Occupation type']);
      const c10 = new Columns(t110);
      const code10 = columnStarting(t110, `${baseYear} National Employment Matrix code`, true);
      const exit = columnStarting(t110, 'Labor force exit rate', true);
      const transfer = columnStarting(t110, 'Occupational transfer rate', true);
      t110.rows.forEach((row, r) => {
        const k = c10.text(row, code10);
        if (SOC_CODE.test(k)) {
          const e = c10.number(row, exit, r);
          const t = c10.number(row, transfer, r);
          rates.set(k, [e === null ? null : e / 100, t === null ? null : t / 100]);
        }
      });
    }

    const thousands = (x: number | null) => (x === null ? null : Math.round(x * 1000));
    const rows: unknown[][] = [];
    const rowNumbers: number[] = [];
    t12.rows.forEach((row, r) => {
      const k = c.text(row, code);
      if (!SOC_CODE.test(k)) return; // footnotes and notes under the table
      const txt = (col: number | undefined) => {
        if (col === undefined) return null;
        const s = c.text(row, col);
        return s && s !== '—' ? s : null;
      };
      const rate = rates.get(k) ?? [null, null];
      rows.push([
        vintage, k, c.requiredText(row, title, r), c.text(row, type) || null, baseYear, targetYear,
        thousands(c.number(row, base, r)), thousands(c.number(row, target, r)), thousands(c.number(row, change, r)),
        c.number(row, pct, r), thousands(c.number(row, openings, r)),
        wage === undefined ? null : c.number(row, wage, r), txt(edu), txt(exp), txt(train), rate[0], rate[1],
      ]);
      rowNumbers.push(rowNumber(t12, r));
    });
    if (rows.length === 0) throw new InputError('Table 1.2 has no occupation rows', { file: file.name });
    return [{ table: 'projections', rows, rowNumbers, partitions: [vintage] }];
  },
};

const CPS_NAME = /^(cpsaat11.*|bls_occupation_demographics.*)\.xlsx$/i;

export const cpsSource: SourceFile = {
  dataset: 'cps',
  match: (name) => {
    if (!CPS_NAME.test(name)) return undefined;
    const year = /(\d{4})/.exec(name)?.[1] ?? '';
    return `cps:${year}`;
  },
  release: (path) => (/^cpsaat11/i.test(basename(path)) ? '1' : '0'),
  parse: (file) => {
    const wb = readWorkbook(file.path);
    const sheetName = wb.SheetNames[0]!;
    const all = sheetRows(wb, sheetName, file.name);
    // Layout: a title block, then "Occupation | <year>", then "Total employed | Percent...", then group names.
    const yearRow = all.findIndex((r) => String(r[0] ?? '').trim() === 'Occupation');
    if (yearRow < 0) throw new InputError('no "Occupation" header row (is this CPS table 11?)', { file: file.name });
    const year = Number(all[yearRow]![1]);
    if (!Number.isInteger(year)) throw new InputError('the year is missing beside "Occupation"', { file: file.name, row: yearRow + 1 });
    const groupsRow = all.findIndex((r, i) => i > yearRow && r.some((c) => String(c ?? '').trim() === 'Women'));
    if (groupsRow < 0) throw new InputError('no column header with "Women"', { file: file.name });
    const header = all[groupsRow]!.map((c) => String(c ?? '').replace(/\s+/g, ' ').trim());
    const col = (name: string) => {
      const i = header.findIndex((h) => h.toLowerCase().startsWith(name.toLowerCase()));
      if (i < 0) throw new InputError('missing column', { file: file.name, row: groupsRow + 1, field: name });
      return i;
    };
    const [women, white, black, asian, hispanic] = [col('Women'), col('White'), col('Black'), col('Asian'), col('Hispanic')];
    const sheet: Sheet = { file: file.name, sheet: sheetName, header, rows: all.slice(groupsRow + 1), firstRow: groupsRow + 2 };
    const c = new Columns(sheet);
    const share = (row: Cell[], i: number, r: number) => {
      const x = c.number(row, i, r);
      return x === null ? null : x / 100;
    };
    const rows: unknown[][] = [];
    const rowNumbers: number[] = [];
    sheet.rows.forEach((row, r) => {
      const title = c.text(row, 0);
      const employed = typeof row[1] === 'number' ? row[1] : null;
      if (!title || employed === null) return; // blank rows and notes
      rows.push([year, title, null, employed * 1000, share(row, women, r), share(row, white, r), share(row, black, r), share(row, asian, r), share(row, hispanic, r)]);
      rowNumbers.push(rowNumber(sheet, r));
    });
    return [{ table: 'demographics', rows, rowNumbers, partitions: [year] }];
  },
};

const PRODUCTIVITY_NAME = /^BEA_BLS_industry_(lp|tfp)\.csv$/i;

export const productivitySource: SourceFile = {
  dataset: 'productivity',
  match: (name) => {
    const m = PRODUCTIVITY_NAME.exec(name);
    return m ? `productivity:${m[1]!.toLowerCase()}` : undefined;
  },
  release: () => '1',
  parse: (file) => {
    const series = PRODUCTIVITY_NAME.exec(file.name)![1]!.toLowerCase() === 'lp' ? 'labour_productivity' : 'tfp';
    const sheet = readDelimitedFile(file.path, ',');
    const c = new Columns(sheet);
    const years = sheet.header.map((h, i) => [Number(h), i] as const).filter(([y]) => Number.isInteger(y) && y > 1900);
    const rows: unknown[][] = [];
    sheet.rows.forEach((row, r) => {
      const industry = c.text(row, 0);
      if (!industry) return;
      for (const [y, i] of years) rows.push([series, industry, y, c.number(row, i, r)]);
    });
    return [{ table: 'productivity', rows, partitions: [series] } satisfies ParsedTable];
  },
};

export const blsSources: SourceFile[] = [oewsSource, epSource, cpsSource, productivitySource];
