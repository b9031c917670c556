/**
 * `jobshift score --in FILE --out FILE`: read task statements from CSV, TSV or JSONL, score
 * them, and write every input column through unchanged and in order, with the scores
 * appended: exposure, p_E0, p_E1, p_E2, automation, scorer (and note: flags and per-row
 * errors). Rows come out in the order they came in. Text the scorer cannot read gets no
 * exposure, probabilities or automation, and the note "not a task statement"; a rating whose
 * top probability is under one half says "uncertain" in its note (display.ts). `automation` is
 * the scorer's level as it gave it; display.ts says why it is not shown beside E0 elsewhere. A row at fault (empty text, text over
 * 2,000 characters, bytes that are not UTF-8) is reported and left unscored; the others are
 * still scored.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseDelimitedSheet } from '../data/tabular.js';
import { formatDelimited } from '../util/csv.js';
import { InputError } from '../util/errors.js';

export type TableFormat = 'csv' | 'tsv' | 'jsonl';
export const MAX_TASK_CHARS = 2000;

export interface InputTable {
  file: string;
  header: string[];
  rows: string[][];
  /** 1-based row number of each row in the file. */
  rowNumbers: number[];
  /** False when the input had bytes that are not UTF-8 (rows are then checked one by one). */
  validUtf8?: boolean;
}

export interface TaskRow {
  index: number;
  row: number;
  text: string;
  title?: string;
  taskId?: number;
  /** O*NET-SOC code of the task's occupation, when the file names it. */
  onetCode?: string;
}

export interface RowProblem {
  index: number;
  row: number;
  field: string;
  message: string;
}

export function formatFromName(name: string, explicit?: string): TableFormat {
  if (explicit) {
    if (explicit === 'csv' || explicit === 'tsv' || explicit === 'jsonl') return explicit;
    throw new InputError(`unknown format "${explicit}" (csv, tsv or jsonl)`, { field: 'format' });
  }
  const ext = extname(name).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.tsv' || ext === '.txt') return 'tsv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  throw new InputError(`cannot tell the format of "${name}" from its extension: use .csv, .tsv or .jsonl, or --format`, { file: name });
}

/** Decode leniently: invalid bytes become U+FFFD, which marks their rows as faulty. */
export function decodeInput(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function readInputTable(name: string, bytes: Uint8Array, format: TableFormat): InputTable {
  const text = decodeInput(bytes);
  // One scan of the whole text spares a per-row check of 200,000 rows.
  const validUtf8 = !text.includes('\uFFFD');
  if (format === 'jsonl') return { ...parseJsonl(text, name), validUtf8 };
  const sheet = parseDelimitedSheet(text, format === 'csv' ? ',' : '\t', name);
  const lines = (sheet as unknown as { lines?: number[] }).lines ?? sheet.rows.map((_, i) => i + 2);
  return {
    file: name,
    header: sheet.header,
    rows: sheet.rows.map((r) => r.map((c) => (c === null ? '' : String(c)))),
    rowNumbers: lines,
    validUtf8,
  };
}

function parseJsonl(text: string, file: string): InputTable {
  const header: string[] = [];
  const objects: { obj: Record<string, unknown>; line: number }[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      throw new InputError('not a JSON object on this line', { file, row: i + 1 });
    }
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new InputError('each line must be a JSON object', { file, row: i + 1 });
    for (const k of Object.keys(obj)) if (!header.includes(k)) header.push(k);
    objects.push({ obj: obj as Record<string, unknown>, line: i + 1 });
  });
  if (objects.length === 0) throw new InputError('the file has no rows', { file });
  return {
    file,
    header,
    rows: objects.map(({ obj }) => header.map((h) => (obj[h] === undefined || obj[h] === null ? '' : typeof obj[h] === 'string' ? (obj[h] as string) : JSON.stringify(obj[h])))),
    rowNumbers: objects.map((o) => o.line),
  };
}

/** Pick out the task rows, checking each; `Task` required, `Title`, `Task ID` and `O*NET-SOC Code` optional. */
export function taskRows(table: InputTable): { tasks: TaskRow[]; problems: RowProblem[] } {
  const find = (name: string) => table.header.findIndex((h) => h.trim().toLowerCase() === name.toLowerCase());
  const taskCol = find('Task');
  if (taskCol < 0) {
    throw new InputError(`missing column (columns present: ${table.header.join(', ') || 'none'})`, { file: table.file, row: 1, field: 'Task' });
  }
  const titleCol = find('Title');
  const idCol = find('Task ID');
  const codeCol = find('O*NET-SOC Code');
  const tasks: TaskRow[] = [];
  const problems: RowProblem[] = [];
  table.rows.forEach((r, index) => {
    const row = table.rowNumbers[index]!;
    const text = (r[taskCol] ?? '').trim();
    const problem = (field: string, message: string) => problems.push({ index, row, field, message });
    if (table.validUtf8 !== true && r.some((c) => c.includes('\uFFFD'))) return problem('Task', 'the row is not valid UTF-8 text');
    if (!text) return problem('Task', 'empty task text');
    if (text.length > MAX_TASK_CHARS) return problem('Task', `task text is ${text.length} characters; the limit is ${MAX_TASK_CHARS}`);
    let taskId: number | undefined;
    if (idCol >= 0 && (r[idCol] ?? '').trim()) {
      const n = Number(r[idCol]!.trim());
      if (!Number.isInteger(n)) return problem('Task ID', `not a task id: "${r[idCol]}"`);
      taskId = n;
    }
    let onetCode: string | undefined;
    if (codeCol >= 0 && (r[codeCol] ?? '').trim()) {
      const code = r[codeCol]!.trim();
      const m = /^(\d{2}-\d{4})(\.\d{2})?$/.exec(code);
      if (!m) return problem('O*NET-SOC Code', `not an O*NET-SOC code (like 13-2011.00): "${code}"`);
      onetCode = m[1]! + (m[2] ?? '.00');
    }
    tasks.push({ index, row, text, title: titleCol >= 0 ? (r[titleCol] ?? '').trim() || undefined : undefined, taskId, onetCode });
  });
  return { tasks, problems };
}

export interface RowScore {
  /** null: the scorer cannot read the text (the note says so). */
  exposure: string | null;
  p: [number, number, number] | null;
  automation: string | null;
  scorer: string;
  note?: string;
}

export const SCORE_COLUMNS = ['exposure', 'p_E0', 'p_E1', 'p_E2', 'automation', 'scorer', 'note'];

/** Input columns through unchanged and in order, scores appended; unscored rows keep empty score cells and say why. */
export function writeScoredTable(table: InputTable, scores: (RowScore | { error: string } | undefined)[], format: TableFormat): string {
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  const appended = scores.map((s) =>
    !s
      ? ['', '', '', '', '', '', '']
      : 'error' in s
        ? ['', '', '', '', '', '', s.error]
        : [s.exposure ?? '', s.p ? round(s.p[0]) : '', s.p ? round(s.p[1]) : '', s.p ? round(s.p[2]) : '', s.automation ?? '', s.scorer, s.note ?? ''],
  );
  if (format === 'jsonl') {
    return table.rows
      .map((r, i) => {
        const obj: Record<string, unknown> = {};
        table.header.forEach((h, j) => (obj[h] = r[j] ?? ''));
        SCORE_COLUMNS.forEach((c, j) => {
          const v = appended[i]![j];
          obj[c] = v === '' ? null : v;
        });
        return JSON.stringify(obj);
      })
      .join('\n') + '\n';
  }
  return formatDelimited([...table.header, ...SCORE_COLUMNS], table.rows.map((r, i) => [...r, ...appended[i]!]), format === 'csv' ? ',' : '\t');
}

export function readInputFile(path: string): Uint8Array {
  try {
    return readFileSync(path === '-' ? 0 : path);
  } catch (err) {
    throw new InputError(`cannot read input (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { file: path });
  }
}
