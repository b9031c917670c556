/**
 * U.S. Bureau of Labor Statistics files (public domain):
 * - OEWS national cross-industry estimates, any year, .csv or .xlsx (national_May2021_dl.csv,
 *   national_M2024_dl.xlsx, ...). Each year is kept.
 * - Employment Projections occupation workbooks (occupation.xlsx as BLS serves it, or a copy
 *   saved as occupation_2024-34.xlsx; the vintage always comes from the headers): Table 1.2
 *   (National Employment Matrix) and Table 1.10 (separations and openings). Values in thousands there;
 *   stored in workers here.
 * - CPS annual averages table 11 (cpsaat11): employed by detailed occupation, sex, race and
 *   Hispanic ethnicity; percent there, shares in [0, 1] here. Table 11b (cpsaat11b): employed by
 *   detailed occupation and age group; thousands there, shares of the occupation here. CPS uses
 *   Census occupation titles, mapped to SOC 2018 through the Census code list when imported.
 * - BEA/BLS integrated industry productivity series (as shipped with GPTs-are-GPTs).
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import XLSX from '@e965/xlsx';
import { InputError } from '../../util/errors.js';
import { Columns, type Cell, normHeader, readDelimitedFile, readWorkbook, rowNumber, type Sheet, sheetRows, sheetWithHeader } from '../tabular.js';
import { type ParsedTable, SkippedFile, type SourceFile } from './types.js';

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

/**
 * Employment Projections occupation workbook: the official name is occupation.xlsx, served at an
 * unversioned URL that BLS repoints at each new vintage; copies saved by hand often carry the
 * vintage (occupation_2024-34.xlsx). The vintage is read from the workbook's own headers
 * ("2025 National Employment Matrix code", "Employment, 2025", "Employment, 2035"), never from
 * the file name, so a renamed or unversioned file imports as what it is.
 */
const EP_NAME = /^occupation(?:_?(\d{4})-(\d{2}))?\.xlsx$/i;
const EP_CODE_HEADER = /^(\d{4}) National Employment Matrix code$/i;
const EP_EMPLOYMENT_HEADER = /^Employment, (\d{4})$/i;

export interface EpVintage {
  /** "2025-35" */
  vintage: string;
  baseYear: number;
  targetYear: number;
}

/**
 * The vintage a Table 1.2 header row describes: the base year from "YYYY National Employment
 * Matrix code", the target year from the other "Employment, YYYY" column. Refused, naming the
 * file and the headers looked for, when the headers carry no years.
 */
export function epVintageFromHeader(header: string[], file: string): EpVintage {
  const norm = header.map((h) => h.replace(/\s+/g, ' ').trim());
  const base = norm.map((h) => EP_CODE_HEADER.exec(h)?.[1]).find((y) => y !== undefined);
  if (!base) {
    throw new InputError(
      'cannot tell the projections vintage: Table 1.2 has no "YYYY National Employment Matrix code" column (the base year is read from it, never from the file name)',
      { file, field: 'YYYY National Employment Matrix code' },
    );
  }
  const years = norm.map((h) => Number(EP_EMPLOYMENT_HEADER.exec(h)?.[1])).filter((y) => Number.isInteger(y) && y > 0);
  const baseYear = Number(base);
  const target = years.filter((y) => y > baseYear);
  if (!years.includes(baseYear) || target.length === 0) {
    throw new InputError(
      `cannot tell the projections vintage: Table 1.2 needs "Employment, YYYY" columns for the base year ${baseYear} and a later target year (found: ${years.map((y) => `"Employment, ${y}"`).join(', ') || 'none'})`,
      { file, field: 'Employment, YYYY' },
    );
  }
  const targetYear = Math.max(...target);
  return { vintage: `${baseYear}-${String(targetYear).slice(-2)}`, baseYear, targetYear };
}

/** The vintage of an EP workbook from its Table 1.2 header, reading only the top of that sheet. */
export function epVintage(path: string): EpVintage {
  const file = basename(path);
  const wb = readWorkbookHead(path, 'Table 1.2', 12);
  if (!wb.SheetNames.includes('Table 1.2')) {
    throw new InputError(`has no sheet "Table 1.2" (sheets: ${wb.SheetNames.join(', ')})`, { file });
  }
  const rows = sheetRows(wb, 'Table 1.2', file);
  const header = rows.find((r) => r.some((c) => typeof c === 'string' && EP_CODE_HEADER.test(c.replace(/\s+/g, ' ').trim())));
  return epVintageFromHeader((header ?? rows[1] ?? []).map((c) => (c === null ? '' : String(c))), file);
}

/** The first rows of one sheet only: enough to read a header without parsing the whole workbook. */
function readWorkbookHead(path: string, sheet: string, rows: number): XLSX.WorkBook {
  const bytes = readFileSync(path);
  // Zip containers (.xlsx) start with PK: anything else (an HTML error page saved as .xlsx) is not a workbook.
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new InputError('not an Excel workbook (.xlsx)', { file: basename(path) });
  try {
    return XLSX.read(bytes, { sheets: [sheet], sheetRows: rows, dense: true });
  } catch (err) {
    throw new InputError(`cannot read workbook (${(err as Error).message})`, { file: basename(path) });
  }
}

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
    if (!m) return undefined;
    return m[1] ? `ep:${m[1]}-${m[2]}` : 'ep:unversioned';
  },
  // From the headers (the truth); the name's years only when the workbook cannot be read here
  // (parse then reports why).
  release: (path) => {
    try {
      return epVintage(path).vintage;
    } catch {
      const m = EP_NAME.exec(basename(path));
      return m?.[1] ? `${m[1]}-${m[2]}` : '0';
    }
  },
  parse: (file) => {
    const wb = readWorkbook(file.path);
    const t12 = sheetWithHeader(wb, 'Table 1.2', file.name, ['Occupation type']);
    const { vintage, baseYear, targetYear } = epVintageFromHeader(t12.header, file.name);
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

/**
 * CPS annual averages tables on detailed occupations (official names cpsaat11.xlsx,
 * cpsaat11b.xlsx; a year may be appended by whoever saved them, as in cpsaat11_2022.xlsx).
 * The layout decides which table a file is, not its name: table 11 has the sex, race and
 * ethnicity columns ("Women", "White", ...), table 11b the age groups ("16 to 19 years", ...,
 * "Median age"). A cpsaat11 file with neither is a table this importer does not know: it is
 * skipped with a warning, never allowed to abort the files it does know.
 */
const CPS_NAME = /^(?:cpsaat11([a-z]?)|bls_occupation_demographics)[^.]*\.xlsx$/i;

/** CPS table 11b age groups: column header prefix -> store column. */
export const CPS_AGE_GROUPS = [
  ['16 to 19', 'age_16_19'], ['20 to 24', 'age_20_24'], ['25 to 34', 'age_25_34'], ['35 to 44', 'age_35_44'],
  ['45 to 54', 'age_45_54'], ['55 to 64', 'age_55_64'], ['65 years and over', 'age_65_over'],
] as const;

export const cpsSource: SourceFile = {
  dataset: 'cps',
  match: (name) => {
    const m = CPS_NAME.exec(name);
    if (!m) return undefined;
    const year = /(\d{4})/.exec(name)?.[1] ?? '';
    return `cps:${(m[1] ?? '').toLowerCase()}:${year}`;
  },
  release: (path) => (/^cpsaat11/i.test(basename(path)) ? '1' : '0'),
  parse: (file) => {
    const wb = readWorkbook(file.path);
    const sheetName = wb.SheetNames[0]!;
    const all = sheetRows(wb, sheetName, file.name);
    // Layout: a title block, then "Occupation | <year>", then the column groups, then the rows.
    const yearRow = all.findIndex((r) => String(r[0] ?? '').trim() === 'Occupation');
    if (yearRow < 0) throw new SkippedFile('not a CPS occupation table this importer knows (no "Occupation" header row)');
    const year = Number(all[yearRow]![1]);
    if (!Number.isInteger(year)) throw new InputError('the year is missing beside "Occupation"', { file: file.name, row: yearRow + 1 });
    const cell = (c: Cell) => String(c ?? '').replace(/\s+/g, ' ').trim();
    const headerRow = all.findIndex((r, i) => i > yearRow && r.some((c) => cell(c) === 'Women' || /^16 to 19 years/.test(cell(c))));
    if (headerRow < 0) {
      throw new SkippedFile('a CPS table this importer does not know (neither table 11 by sex, race and ethnicity nor table 11b by age)');
    }
    const header = all[headerRow]!.map(cell);
    const col = (name: string) => {
      const i = header.findIndex((h) => h.toLowerCase().startsWith(name.toLowerCase()));
      if (i < 0) throw new InputError('missing column', { file: file.name, row: headerRow + 1, field: name });
      return i;
    };
    const sheet: Sheet = { file: file.name, sheet: sheetName, header, rows: all.slice(headerRow + 1), firstRow: headerRow + 2 };
    const c = new Columns(sheet);
    const isAge = !header.includes('Women');
    const rows: unknown[][] = [];
    const rowNumbers: number[] = [];
    if (isAge) {
      // Table 11b: numbers in thousands of employed people per age group; stored as shares of the
      // occupation's employed (0-1) so they weight like table 11's shares, plus the median age.
      const total = col('Total');
      const groups = CPS_AGE_GROUPS.map(([prefix]) => col(prefix));
      const median = col('Median age');
      sheet.rows.forEach((row, r) => {
        const title = c.text(row, 0);
        const employed = c.number(row, total, r);
        if (!title || employed === null) return; // blank rows and notes
        const share = (i: number) => {
          const x = c.number(row, i, r);
          return x === null || employed === 0 ? null : x / employed;
        };
        rows.push([year, title, null, employed * 1000, ...groups.map(share), c.number(row, median, r)]);
        rowNumbers.push(rowNumber(sheet, r));
      });
      if (rows.length === 0) throw new InputError('CPS table 11b has no occupation rows', { file: file.name });
      return [{ table: 'demographics_age', rows, rowNumbers, partitions: [year] }];
    }
    const [women, white, black, asian, hispanic] = [col('Women'), col('White'), col('Black'), col('Asian'), col('Hispanic')];
    const share = (row: Cell[], i: number, r: number) => {
      const x = c.number(row, i, r);
      return x === null ? null : x / 100;
    };
    sheet.rows.forEach((row, r) => {
      const title = c.text(row, 0);
      const employed = typeof row[1] === 'number' ? row[1] : null;
      if (!title || employed === null) return; // blank rows and notes
      rows.push([year, title, null, employed * 1000, share(row, women, r), share(row, white, r), share(row, black, r), share(row, asian, r), share(row, hispanic, r)]);
      rowNumbers.push(rowNumber(sheet, r));
    });
    if (rows.length === 0) throw new InputError('CPS table 11 has no occupation rows', { file: file.name });
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
