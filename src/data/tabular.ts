/**
 * Reading tabular files in the formats their publishers ship: O*NET tab-delimited text
 * (CRLF), CSV exports (RFC 4180 quoting), and Excel workbooks (.xlsx, and legacy .xls for
 * the BLS ISCO crosswalk). Every reader returns a `Sheet`: a header and rows of cells, with
 * enough bookkeeping that any fault can be reported as "file, row N, field X".
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import XLSX from '@e965/xlsx';
import { InputError } from '../util/errors.js';

export type Cell = string | number | boolean | null;

export interface Sheet {
  /** File name as the user knows it (for messages). */
  file: string;
  sheet?: string;
  header: string[];
  rows: Cell[][];
  /** 1-based row number of rows[0] in the file (header row + 1 for plain text files). */
  firstRow: number;
}

/** Decode bytes as UTF-8, failing with the row where the first invalid byte sits. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    const bad = firstInvalidUtf8Offset(bytes);
    let row = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) row++;
    throw new InputError('not valid UTF-8 text (re-save the file as UTF-8)', { file, row });
  }
}

function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

/**
 * Split delimited text into records. Handles CRLF/LF, quoted fields with embedded
 * delimiters, quotes ("") and newlines. Returns each record with its 1-based line number.
 */
export function parseDelimited(text: string, delimiter: string): { cells: string[]; line: number }[] {
  const out: { cells: string[]; line: number }[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const cells: string[] = [];
    let field = '';
    for (;;) {
      if (i < n && text[i] === '"' && field === '') {
        // Quoted field: whole runs up to the next quote are sliced at once (appending a character at
        // a time builds rope strings that cost more than the parse when they are later flattened).
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          const end = q < 0 ? n : q;
          for (let k = text.indexOf('\n', i); k >= 0 && k < end; k = text.indexOf('\n', k + 1)) line++;
          if (q < 0) {
            field += text.slice(i);
            i = n;
            break;
          }
          if (text[q + 1] === '"') {
            field += text.slice(i, q + 1);
            i = q + 2;
            continue;
          }
          field += text.slice(i, q);
          i = q + 1;
          break;
        }
        // Anything after the closing quote up to the delimiter is kept verbatim.
        while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 10 || c === 13 || text[j] === delimiter) break;
          j++;
        }
        field += text.slice(i, j);
        i = j;
      }
      cells.push(field);
      field = '';
      if (i < n && text[i] === delimiter) {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') {
      i++;
      line++;
    }
    // Skip blank lines (a trailing newline, or spacer lines in exports).
    if (cells.length === 1 && cells[0] === '') continue;
    out.push({ cells, line: startLine });
  }
  return out;
}

/** Read a tab- or comma-delimited text file with a header row. */
export function readDelimitedFile(path: string, delimiter: '\t' | ','): Sheet {
  const file = basename(path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new InputError(`cannot read file (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { file: path });
  }
  return parseDelimitedSheet(decodeUtf8(bytes, file), delimiter, file);
}

export function parseDelimitedSheet(text: string, delimiter: '\t' | ',', file: string): Sheet {
  const records = parseDelimited(text, delimiter);
  if (records.length === 0) throw new InputError('the file is empty', { file });
  const headerRecord = records[0] as { cells: string[]; line: number };
  const header = headerRecord.cells.map((h) => h.trim());
  if (header.length === 1) {
    const other = delimiter === '\t' ? ',' : '\t';
    const name = delimiter === '\t' ? 'tab' : 'comma';
    const otherName = other === '\t' ? 'tab' : 'comma';
    if ((header[0] as string).includes(other)) {
      throw new InputError(`expected ${name}-delimited columns but the header is ${otherName}-delimited`, { file, row: 1 });
    }
  }
  const rows: Cell[][] = [];
  const lines: number[] = [];
  for (let r = 1; r < records.length; r++) {
    const rec = records[r] as { cells: string[]; line: number };
    if (rec.cells.length < header.length) {
      // A short row is a truncated file (or a row cut by a stray newline). Name the first missing column.
      throw new InputError(
        `row has ${rec.cells.length} of ${header.length} columns (file truncated or wrong delimiter?)`,
        { file, row: rec.line, field: header[rec.cells.length] },
      );
    }
    rows.push(rec.cells);
    lines.push(rec.line);
  }
  const sheet: Sheet & { lines?: number[] } = { file, header, rows, firstRow: 2 };
  sheet.lines = lines;
  return sheet;
}

/** 1-based row number (as a person counts it) of rows[index]. */
export function rowNumber(sheet: Sheet, index: number): number {
  const lines = (sheet as Sheet & { lines?: number[] }).lines;
  return lines ? (lines[index] as number) : sheet.firstRow + index;
}

/** Load an .xlsx or .xls workbook. */
export function readWorkbook(path: string): XLSX.WorkBook {
  const file = basename(path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new InputError(`cannot read file (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { file: path });
  }
  // Zip containers (.xlsx) start with PK; legacy .xls (CFB) with D0 CF 11 E0.
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const isCfb = bytes[0] === 0xd0 && bytes[1] === 0xcf;
  if (!isZip && !isCfb) throw new InputError('not an Excel workbook (.xlsx/.xls)', { file });
  try {
    return XLSX.read(bytes, { dense: true, cellDates: false });
  } catch (err) {
    throw new InputError(`cannot read workbook (${(err as Error).message}); the file may be truncated`, { file });
  }
}

/** All rows of a sheet as arrays of cells (numbers stay numbers). */
export function sheetRows(workbook: XLSX.WorkBook, sheetName: string, file: string): Cell[][] {
  const ws = workbook.Sheets[sheetName];
  if (!ws) {
    throw new InputError(`has no sheet "${sheetName}" (sheets: ${workbook.SheetNames.join(', ')})`, { file });
  }
  return XLSX.utils.sheet_to_json<Cell[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
}

/**
 * A sheet whose header is the first row that contains every `required` column name
 * (publishers put titles and notes above the header). Trailing empty/notes rows are kept;
 * importers stop at rows without a code.
 */
export function sheetWithHeader(workbook: XLSX.WorkBook, sheetName: string, file: string, required: string[]): Sheet {
  const all = sheetRows(workbook, sheetName, file);
  const want = required.map(normHeader);
  for (let r = 0; r < Math.min(all.length, 40); r++) {
    const cells = (all[r] ?? []).map((c) => (c === null ? '' : String(c)));
    const normed = cells.map(normHeader);
    if (want.every((w) => normed.includes(w))) {
      return { file, sheet: sheetName, header: cells.map((c) => c.trim()), rows: all.slice(r + 1), firstRow: r + 2 };
    }
  }
  throw new InputError(`sheet "${sheetName}" has no header row with the columns ${required.map((c) => `"${c}"`).join(', ')}`, {
    file,
  });
}

/** Header names compared loosely: case, spacing and line breaks do not matter. */
export function normHeader(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Column accessor: resolves header names once and reads typed values, reporting the
 * file, row and column of any bad value.
 */
export class Columns {
  private readonly index = new Map<string, number>();
  constructor(readonly sheet: Sheet) {
    sheet.header.forEach((h, i) => {
      const k = normHeader(h);
      if (!this.index.has(k)) this.index.set(k, i);
    });
  }

  has(name: string): boolean {
    return this.index.has(normHeader(name));
  }

  /** Column position; throws naming the missing column. `aliases` lets a column be found by an older name. */
  require(name: string, ...aliases: string[]): number {
    for (const n of [name, ...aliases]) {
      const i = this.index.get(normHeader(n));
      if (i !== undefined) return i;
    }
    throw new InputError(`missing column (columns present: ${this.sheet.header.filter(Boolean).join(', ')})`, {
      file: this.sheet.file + (this.sheet.sheet ? ` [sheet ${this.sheet.sheet}]` : ''),
      row: this.sheet.firstRow - 1,
      field: name,
    });
  }

  optional(name: string, ...aliases: string[]): number | undefined {
    for (const n of [name, ...aliases]) {
      const i = this.index.get(normHeader(n));
      if (i !== undefined) return i;
    }
    return undefined;
  }

  text(row: Cell[], col: number): string {
    const v = row[col];
    return v === null || v === undefined ? '' : String(v).trim();
  }

  requiredText(row: Cell[], col: number, rowIndex: number): string {
    const v = this.text(row, col);
    if (v === '') throw this.error('empty value', rowIndex, col);
    return v;
  }

  /**
   * A number as publishers write them: "1,234", "12.5", or a suppression mark
   * (BLS: * ** # ~ —; O*NET: n/a) which reads as null.
   */
  number(row: Cell[], col: number, rowIndex: number): number | null {
    const v = row[col];
    if (v === null || v === undefined) return null;
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    const s = String(v).trim();
    if (s === '' || /^(\*+|#|~|—|–|-|n\/a|NA|N\/A)$/i.test(s)) return null;
    // Top-coded values (BLS writes ">=$239,200" where the true wage is at least that) read as the bound.
    const n = Number(s.replace(/^(>=|≥)\s*/, '').replace(/[$,]/g, ''));
    if (!Number.isFinite(n)) throw this.error(`not a number: "${s.slice(0, 40)}"`, rowIndex, col);
    return n;
  }

  requiredNumber(row: Cell[], col: number, rowIndex: number): number {
    const n = this.number(row, col, rowIndex);
    if (n === null) throw this.error('missing number', rowIndex, col);
    return n;
  }

  error(message: string, rowIndex: number, col: number): InputError {
    return new InputError(message, {
      file: this.sheet.file + (this.sheet.sheet ? ` [sheet ${this.sheet.sheet}]` : ''),
      row: rowNumber(this.sheet, rowIndex),
      field: this.sheet.header[col] ?? `column ${col + 1}`,
    });
  }
}
