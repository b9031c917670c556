/**
 * Published task labels, occupation exposure measures and crosswalks.
 *
 * Labels: Eloundou, Manning, Mishkin & Rock (2024), "GPTs are GPTs: Labor market impact
 * potential of LLMs", Science 384 — full_labelset.tsv (human and GPT-4 E0/E1/E2 ratings,
 * GPT-4 automation T-levels), automation_gpt4_human_labels.tsv (human T-levels for a sample),
 * occ_level.csv (their occupation scores; kept as measures so analysis can be checked against them).
 *
 * Measures (one long table; `code_system` says which codes each uses):
 * - aioe, lm_aioe, ig_aioe: Felten, Raj & Seamans (2021, 2023), SOC 2010.
 * - microsoft_ai_applicability: Tomlinson et al. (2025), "Working with AI", SOC 2018.
 * - ilo_2025, ilo_2023: Gmyrek et al. (2025), ILO generative-AI exposure, ISCO-08 (mean of task scores).
 * - frey_osborne: Frey & Osborne (2017), probability of computerisation, SOC 2010.
 * - anthropic_conversation_share: Handa et al. (2025), Anthropic Economic Index: share of
 *   Claude conversations mapped to an occupation's tasks, O*NET-SOC.
 * - anthropic_observed_exposure: Massenkoff & McCrory (2026), "Labor market impacts of AI: a new
 *   measure and early evidence" (Anthropic Economic Index, labor_market_impacts/job_exposure.csv):
 *   observed exposure per detailed SOC occupation, in [0, 1].
 * - anthropic_usage_share: Anthropic Economic Index monthly releases (release_2026_06_26 onward,
 *   data/aei_claude_ai_<date>.csv): share of Claude.ai usage per detailed SOC occupation, global,
 *   latest month in the file (percent there, share here).
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../../util/errors.js';
import { Columns, parseDelimited, readDelimitedFile, readWorkbook, rowNumber, type Sheet, sheetRows, sheetWithHeader } from '../tabular.js';
import { socLevel, SOC_CODE } from './bls.js';
import { ONET_CODE } from './onet.js';
import { type FoundFile, type ParseContext, type ParsedTable, SkippedFile, type SourceFile } from './types.js';

const EXPOSURE = /^E[012]$/;
const AUTOMATION = /^T[0-4]$/;

function byName(dataset: string, official: string | RegExp, key: string): Pick<SourceFile, 'dataset' | 'match' | 'release'> {
  return {
    dataset,
    match: (name) => (typeof official === 'string' ? name.toLowerCase() === official.toLowerCase() : official.test(name)) ? key : undefined,
    release: () => '1',
  };
}

/** Task IDs in the labels files are written as decimals (8823.0). */
function taskId(cols: Columns, row: Sheet['rows'][number], col: number, r: number): number {
  const n = cols.requiredNumber(row, col, r);
  if (!Number.isInteger(n)) throw cols.error(`not a task id: ${n}`, r, col);
  return n;
}

function label(cols: Columns, row: Sheet['rows'][number], col: number, r: number, pattern: RegExp): string | null {
  const s = cols.text(row, col);
  if (s === '') return null;
  if (!pattern.test(s)) throw cols.error(`not a valid label: "${s}"`, r, col);
  return s;
}

function onet(cols: Columns, row: Sheet['rows'][number], col: number, r: number): string {
  const k = cols.requiredText(row, col, r);
  if (!ONET_CODE.test(k)) throw cols.error(`not an O*NET-SOC code: "${k}"`, r, col);
  return k;
}

const fullLabelset: SourceFile = {
  ...byName('labels', 'full_labelset.tsv', 'labels:full'),
  parse: (file, ctx) => {
    const sheet = readDelimitedFile(file.path, '\t');
    const c = new Columns(sheet);
    const [code, id, task, type, human, gpt4, gpt4auto] = [
      c.require('O*NET-SOC Code'), c.require('Task ID'), c.require('Task'), c.require('Task Type'),
      c.require('human_exposure_agg'), c.require('gpt4_exposure'), c.require('gpt4_automation'),
    ];
    const humanAutomation = readHumanAutomation(ctx);
    const rows: unknown[][] = [];
    const rowNumbers: number[] = [];
    sheet.rows.forEach((row, r) => {
      const k = onet(c, row, code, r);
      const t = taskId(c, row, id, r);
      const text = c.requiredText(row, task, r);
      const tt = c.text(row, type) || null;
      const n = rowNumber(sheet, r);
      rows.push(['human', t, k, text, tt, label(c, row, human, r, EXPOSURE), humanAutomation.get(`${k}|${t}`) ?? null]);
      rows.push(['gpt4', t, k, text, tt, label(c, row, gpt4, r, EXPOSURE), label(c, row, gpt4auto, r, AUTOMATION)]);
      rowNumbers.push(n, n);
    });
    return [{ table: 'task_labels', rows, rowNumbers }];
  },
};

/** Human T-level labels for the sample in automation_gpt4_human_labels.tsv, keyed "code|task id". */
function readHumanAutomation(ctx: ParseContext): Map<string, string> {
  const out = new Map<string, string>();
  const file = ctx.find('labels:automation');
  if (!file) return out;
  const sheet = readDelimitedFile(file.path, '\t');
  const c = new Columns(sheet);
  const [code, id, human] = [c.require('O*NET-SOC Code'), c.require('Task ID'), c.require('human_automation')];
  sheet.rows.forEach((row, r) => {
    const l = label(c, row, human, r, AUTOMATION);
    if (l) out.set(`${onet(c, row, code, r)}|${taskId(c, row, id, r)}`, l);
  });
  return out;
}

const automationLabels: SourceFile = {
  ...byName('labels', 'automation_gpt4_human_labels.tsv', 'labels:automation'),
  // Read together with full_labelset.tsv (above); validated here so a fault is reported even alone.
  parse: (file, ctx) => {
    readHumanAutomation({ find: (k) => (k === 'labels:automation' ? file : ctx.find(k)) });
    return [];
  },
};

const occLevel: SourceFile = {
  ...byName('labels', 'occ_level.csv', 'labels:occ_level'),
  parse: (file) => {
    const sheet = readDelimitedFile(file.path, ',');
    const c = new Columns(sheet);
    const code = c.require('O*NET-SOC Code');
    const title = c.optional('Title');
    const series: [string, number][] = [
      ['gptsgpts_gpt4_alpha', c.require('dv_rating_alpha')], ['gptsgpts_gpt4_beta', c.require('dv_rating_beta')],
      ['gptsgpts_gpt4_gamma', c.require('dv_rating_gamma')], ['gptsgpts_human_alpha', c.require('human_rating_alpha')],
      ['gptsgpts_human_beta', c.require('human_rating_beta')], ['gptsgpts_human_gamma', c.require('human_rating_gamma')],
    ];
    const rows: unknown[][] = [];
    const rowNumbers: number[] = [];
    sheet.rows.forEach((row, r) => {
      const k = onet(c, row, code, r);
      for (const [m, col] of series) {
        rows.push([m, 'O*NET-SOC', k, title === undefined ? null : c.text(row, title), c.number(row, col, r)]);
        rowNumbers.push(rowNumber(sheet, r));
      }
    });
    return [{ table: 'measures', rows, rowNumbers, partitions: series.map(([m]) => m) }];
  },
};

/**
 * The GPTs-are-GPTs authors' own match of O*NET occupations (by title) to OEWS May 2021 national
 * employment (occupations_onet_bls_matched.csv, openai/GPTs-are-GPTs). Their headline shares
 * (~80% of workers with at least 10% of tasks exposed, ~19% with at least 50%) count each O*NET
 * occupation with its matched SOC code's whole employment; `analyze --method eloundou2024`
 * reproduces that aggregation with this match. Rows the authors marked as not in O*NET, or
 * without employment, are kept out.
 */
const authorsEmploymentMatch: SourceFile = {
  ...byName('labels', 'occupations_onet_bls_matched.csv', 'labels:onet_bls_matched'),
  parse: (file) => {
    const sheet = readDelimitedFile(file.path, ',');
    const c = new Columns(sheet);
    const title = c.require('occupation');
    const included = c.require('onet_included');
    const soc = c.require('OCC_CODE');
    const emp = c.require('TOT_EMP');
    const rows: unknown[][] = [];
    const rowNumbers: number[] = [];
    sheet.rows.forEach((row, r) => {
      if (c.number(row, included, r) !== 1) return;
      const e = c.number(row, emp, r);
      const code = c.text(row, soc);
      if (e === null || !code) return;
      rows.push([c.requiredText(row, title, r), code, e]);
      rowNumbers.push(rowNumber(sheet, r));
    });
    if (rows.length === 0) throw new InputError('no matched occupations with employment', { file: file.name });
    return [{ table: 'authors_employment_match', rows, rowNumbers }];
  },
};

/** A measure given as SOC code | title | value columns in a sheet or CSV. */
function socMeasure(sheet: Sheet, measure: string, codeSystem: string, codeCol: string, titleCol: string | undefined, valueCol: string): ParsedTable {
  const c = new Columns(sheet);
  const [code, value] = [c.require(codeCol), c.require(valueCol)];
  const title = titleCol ? c.optional(titleCol) : undefined;
  const rows: unknown[][] = [];
  const rowNumbers: number[] = [];
  sheet.rows.forEach((row, r) => {
    const k = c.text(row, code);
    if (!k) return;
    if (!SOC_CODE.test(k)) throw c.error(`not a SOC code: "${k}"`, r, code);
    rows.push([measure, codeSystem, k, title === undefined ? null : c.text(row, title), c.requiredNumber(row, value, r)]);
    rowNumbers.push(rowNumber(sheet, r));
  });
  return { table: 'measures', rows, rowNumbers, partitions: [measure] };
}

function workbookMeasure(official: string, key: string, sheetMatch: RegExp, measure: string, valueCol: string): SourceFile {
  return {
    ...byName('measures', official, key),
    parse: (file) => {
      const wb = readWorkbook(file.path);
      const name = wb.SheetNames.find((s) => sheetMatch.test(s));
      if (!name) throw new InputError(`has no sheet matching ${sheetMatch} (sheets: ${wb.SheetNames.join(', ')})`, { file: file.name });
      const sheet = sheetWithHeader(wb, name, file.name, ['SOC Code', valueCol]);
      return [socMeasure(sheet, measure, 'SOC2010', 'SOC Code', 'Occupation Title', valueCol)];
    },
  };
}

const microsoft: SourceFile = {
  ...byName('measures', 'soc_ai_applicability_scores.csv', 'measures:microsoft'),
  parse: (file) => [socMeasure(readDelimitedFile(file.path, ','), 'microsoft_ai_applicability', 'SOC2018', 'SOC Code', 'title', 'ai_applicability_score')],
};

const freyOsborne: SourceFile = {
  ...byName('measures', /^frey_osborne.*\.csv$/i, 'measures:frey_osborne'),
  parse: (file) => [socMeasure(readDelimitedFile(file.path, ','), 'frey_osborne', 'SOC2010', 'SOC code', 'Occupation', 'Probability')],
};

const ilo: SourceFile = {
  ...byName('measures', /^Final_Scores_ISCO08.*\.xlsx$/i, 'measures:ilo'),
  parse: (file) => {
    const wb = readWorkbook(file.path);
    const sheet = sheetWithHeader(wb, wb.SheetNames[0]!, file.name, ['ISCO_08']);
    const c = new Columns(sheet);
    const isco = c.require('ISCO_08');
    const title = c.optional('Title');
    // Occupation score = mean of its task scores (Gmyrek et al. 2025 publish it as mean_score_*);
    // recomputed from the task rows when the mean column is absent.
    const series: { measure: string; mean?: number; task: number }[] = [
      { measure: 'ilo_2025', mean: c.optional('mean_score_2025'), task: c.require('score_2025') },
      { measure: 'ilo_2023', mean: c.optional('mean_score_2023'), task: c.require('score_2023') },
    ];
    const rows: unknown[][] = [];
    for (const s of series) {
      const acc = new Map<string, { title: string; sum: number; n: number; mean: number | null }>();
      sheet.rows.forEach((row, r) => {
        const k = c.text(row, isco);
        if (!k) return;
        if (!/^\d{4}$/.test(k)) throw c.error(`not an ISCO-08 unit group: "${k}"`, r, isco);
        const a = acc.get(k) ?? { title: title === undefined ? '' : c.text(row, title), sum: 0, n: 0, mean: null };
        const v = c.number(row, s.task, r);
        if (v !== null) {
          a.sum += v;
          a.n++;
        }
        if (s.mean !== undefined && a.mean === null) a.mean = c.number(row, s.mean, r);
        acc.set(k, a);
      });
      for (const [k, a] of acc) {
        const value = a.mean ?? (a.n ? a.sum / a.n : null);
        if (value !== null) rows.push([s.measure, 'ISCO-08', k, a.title || null, value]);
      }
    }
    return [{ table: 'measures', rows, partitions: series.map((s) => s.measure) }];
  },
};

/**
 * Anthropic Economic Index (2025-02-10): onet_task_mappings.csv gives the percent of
 * conversations per task text (lower-cased); onet_task_statements.csv beside it says which
 * occupations have that task. A task text shared by several occupations is split equally
 * between them. The measure is each occupation's share of all conversations (sums to 1).
 */
/** Release date of an Economic Index file from its release folder (release_2025_02_10, or a copy named with 2025-02-10). */
function aeiRelease(path: string): string {
  const m = /(\d{4})[-_](\d{2})[-_](\d{2})/.exec(dirname(path));
  return m ? `${m[1]}-${m[2]}-${m[3]}` : '1';
}

const anthropic: SourceFile = {
  ...byName('measures', 'onet_task_mappings.csv', 'measures:anthropic'),
  release: aeiRelease,
  parse: (file, ctx) => {
    // The statements file of the same release folder first (a whole Hugging Face snapshot has
    // several releases, each with its own onet_task_statements.csv), else any found.
    const beside = join(dirname(file.path), 'onet_task_statements.csv');
    const statements = existsSync(beside) ? beside : ctx.find('measures:anthropic_tasks')?.path;
    if (!statements) {
      throw new InputError('needs onet_task_statements.csv from the same Anthropic release in the imported folder', { file: file.name });
    }
    const ts = readDelimitedFile(statements, ',');
    const tc = new Columns(ts);
    const [code, task, title] = [tc.require('O*NET-SOC Code'), tc.require('Task'), tc.optional('Title')];
    const occupationsOf = new Map<string, Set<string>>();
    const titles = new Map<string, string>();
    ts.rows.forEach((row, r) => {
      const k = onet(tc, row, code, r);
      const t = tc.requiredText(row, task, r).toLowerCase();
      let set = occupationsOf.get(t);
      if (!set) occupationsOf.set(t, (set = new Set()));
      set.add(k);
      if (title !== undefined) titles.set(k, tc.text(row, title));
    });
    const sheet = readDelimitedFile(file.path, ',');
    const c = new Columns(sheet);
    const [name, pct] = [c.require('task_name'), c.require('pct')];
    const share = new Map<string, number>();
    let total = 0;
    sheet.rows.forEach((row, r) => {
      const t = c.requiredText(row, name, r).toLowerCase();
      const p = c.requiredNumber(row, pct, r);
      const occs = occupationsOf.get(t);
      if (!occs) return; // tasks outside the statements file carry no occupation
      total += p;
      for (const k of occs) share.set(k, (share.get(k) ?? 0) + p / occs.size);
    });
    const rows = [...share].map(([k, v]) => ['anthropic_conversation_share', 'O*NET-SOC', k, titles.get(k) ?? null, total ? v / total : 0]);
    return [{ table: 'measures', rows, partitions: ['anthropic_conversation_share'] }];
  },
};

const anthropicTasks: SourceFile = {
  ...byName('measures', 'onet_task_statements.csv', 'measures:anthropic_tasks'),
  release: aeiRelease,
  parse: () => [], // read by the mappings parser
};

/**
 * Anthropic Economic Index, labor_market_impacts/job_exposure.csv (Massenkoff & McCrory 2026):
 * occ_code (detailed SOC 2018), title, observed_exposure in [0, 1]. A zero there means no
 * measured exposure, not "no tasks used" (the file's gates are applied by its publisher).
 * The name is generic: a job_exposure.csv without these columns is someone else's file, skipped.
 */
const anthropicJobExposure: SourceFile = {
  ...byName('measures', 'job_exposure.csv', 'measures:anthropic_job_exposure'),
  parse: (file) => {
    const sheet = readDelimitedFile(file.path, ',');
    const c = new Columns(sheet);
    if (!c.has('occ_code') || !c.has('observed_exposure')) {
      throw new SkippedFile('a job_exposure.csv without the Anthropic Economic Index columns (occ_code, observed_exposure)');
    }
    return [socMeasure(sheet, 'anthropic_observed_exposure', 'SOC2018', 'occ_code', 'title', 'observed_exposure')];
  },
};

/** Monthly usage file of the Anthropic Economic Index (release_2026_06_26 layout onward). */
const AEI_MONTHLY = /^aei_claude_ai_(\d{4})-(\d{2})-(\d{2})\.csv$/i;
const AEI_MONTHLY_COLUMNS = ['date_start', 'geo_level', 'category_name', 'hierarchy_level', 'metric_id', 'value', 'node_name', 'node_external_id'];

/**
 * Anthropic Economic Index monthly release (data/aei_claude_ai_<date>.csv; one row per date
 * range x geography x category node x metric). Read: the global share of usage ("pct") of each
 * detailed occupation (category soc_occupation, hierarchy level 0), latest month in the file.
 * These files run to hundreds of MB, so lines are streamed and only the few that can hold such
 * a row are parsed.
 */
const anthropicMonthly: SourceFile = {
  dataset: 'measures',
  match: (name) => (AEI_MONTHLY.test(name) ? 'measures:anthropic_monthly' : undefined),
  release: (path) => {
    const m = AEI_MONTHLY.exec(basename(path));
    return m ? `${m[1]}.${m[2]}.${m[3]}` : '0';
  },
  parse: (file) => {
    let header: string[] | undefined;
    let col: Record<string, number> = {};
    const latest = new Map<string, { date: string; title: string; value: number }>();
    let latestDate = '';
    forEachLine(file.path, (line, n) => {
      if (!header) {
        header = parseDelimited(line, ',')[0]?.cells.map((h) => h.trim()) ?? [];
        const missing = AEI_MONTHLY_COLUMNS.filter((h) => !header!.includes(h));
        if (missing.length) throw new InputError(`not the Economic Index monthly layout: no column ${missing.map((m) => `"${m}"`).join(', ')}`, { file: file.name, row: 1 });
        col = Object.fromEntries(AEI_MONTHLY_COLUMNS.map((h) => [h, header!.indexOf(h)]));
        return;
      }
      if (!line.includes('soc_occupation')) return;
      const cells = parseDelimited(line, ',')[0]?.cells ?? [];
      const at = (h: string) => (cells[col[h]!] ?? '').trim();
      if (at('geo_level').toLowerCase() !== 'global' || at('category_name') !== 'soc_occupation' || at('hierarchy_level') !== '0' || at('metric_id') !== 'pct') return;
      const id = at('node_external_id');
      const code = SOC_CODE.test(id) ? id : ONET_CODE.test(id) ? id.slice(0, 7) : undefined;
      if (!code) return; // not_classified and the like
      const value = Number(at('value'));
      if (!Number.isFinite(value)) throw new InputError(`not a number: "${at('value')}"`, { file: file.name, row: n, field: 'value' });
      const date = at('date_start');
      if (date > latestDate) latestDate = date;
      const prev = latest.get(`${date}|${code}`);
      latest.set(`${date}|${code}`, { date, title: at('node_name'), value: (prev?.value ?? 0) + value });
    });
    const out: unknown[][] = [];
    for (const [k, r] of latest) {
      if (r.date !== latestDate) continue;
      out.push(['anthropic_usage_share', 'SOC2018', k.split('|')[1], r.title || null, r.value / 100]);
    }
    if (out.length === 0) {
      throw new InputError('no global usage share per detailed occupation (category_name soc_occupation, hierarchy_level 0, metric_id pct)', { file: file.name });
    }
    return [{ table: 'measures', rows: out, partitions: ['anthropic_usage_share'] }];
  },
};

/** Call fn with each line (1-based number) of a text file, reading it in chunks rather than whole. */
function forEachLine(path: string, fn: (line: string, n: number) => void): void {
  const fd = openSync(path, 'r');
  const chunk = Buffer.alloc(1 << 22);
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  let n = 0;
  try {
    for (;;) {
      const got = readSync(fd, chunk, 0, chunk.length, null);
      const text = rest + decoder.decode(chunk.subarray(0, got), { stream: got > 0 });
      const lines = text.split('\n');
      rest = got > 0 ? lines.pop()! : '';
      for (const l of lines) {
        n++;
        const line = l.endsWith('\r') ? l.slice(0, -1) : l;
        if (line || n === 1) fn(n === 1 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line, n);
      }
      if (got === 0) break;
    }
  } finally {
    closeSync(fd);
  }
}

/** SOC 2010 -> 2018 rows from a sheet with "2010 SOC Code" and "2018 SOC Code" columns (titles optional). */
function soc2010to2018Rows(sheet: Sheet): unknown[][] {
  const c = new Columns(sheet);
  const [a, at, b, bt] = [c.require('2010 SOC Code'), c.optional('2010 SOC Title'), c.require('2018 SOC Code'), c.optional('2018 SOC Title')];
  const rows: unknown[][] = [];
  sheet.rows.forEach((row, r) => {
    const x = c.text(row, a);
    const y = c.text(row, b);
    if (!x && !y) return;
    if (!SOC_CODE.test(x)) throw c.error(`not a SOC code: "${x}"`, r, a);
    if (!SOC_CODE.test(y)) throw c.error(`not a SOC code: "${y}"`, r, b);
    rows.push([x, at === undefined ? null : c.text(row, at), y, bt === undefined ? null : c.text(row, bt)]);
  });
  return rows;
}

const soc2010to2018: SourceFile = {
  ...byName('crosswalks', 'crosswalk_soc2010_to_soc2018.csv', 'crosswalks:soc2010'),
  parse: (file) => [{ table: 'crosswalk_soc2010_soc2018', rows: soc2010to2018Rows(readDelimitedFile(file.path, ',')) }],
};

/**
 * The same crosswalk as BLS publishes it (soc_2010_to_2018_crosswalk.xlsx, November 2017): title
 * rows, then the four columns; sheets sorted by 2010 and by 2018 code hold the same pairs, so
 * the one sorted by 2010 (else the first with the columns) is read. Preferred over a CSV copy.
 */
const soc2010to2018Bls: SourceFile = {
  ...byName('crosswalks', 'soc_2010_to_2018_crosswalk.xlsx', 'crosswalks:soc2010'),
  release: () => '2',
  parse: (file) => {
    const wb = readWorkbook(file.path);
    const names = [...wb.SheetNames].sort((x, y) => Number(/2010/.test(y)) - Number(/2010/.test(x)));
    for (const name of names) {
      let sheet: Sheet;
      try {
        sheet = sheetWithHeader(wb, name, file.name, ['2010 SOC Code', '2018 SOC Code']);
      } catch {
        continue;
      }
      return [{ table: 'crosswalk_soc2010_soc2018', rows: soc2010to2018Rows(sheet) }];
    }
    throw new InputError(`no sheet with "2010 SOC Code" and "2018 SOC Code" columns (sheets: ${wb.SheetNames.join(', ')})`, { file: file.name });
  },
};

const iscoSoc: SourceFile = {
  ...byName('crosswalks', 'ISCO_SOC_Crosswalk.xls', 'crosswalks:isco'),
  parse: (file) => {
    const wb = readWorkbook(file.path);
    const sheet = sheetWithHeader(wb, 'ISCO-08 to 2010 SOC', file.name, ['ISCO-08 Code', '2010 SOC Code']);
    const c = new Columns(sheet);
    const [isco, it, part, soc, st] = [c.require('ISCO-08 Code'), c.optional('ISCO-08 Title EN'), c.optional('part'), c.require('2010 SOC Code'), c.optional('2010 SOC Title')];
    const rows: unknown[][] = [];
    sheet.rows.forEach((row, r) => {
      const i = c.text(row, isco);
      const s = c.text(row, soc);
      if (!i && !s) return;
      if (!/^\d{3,4}$/.test(i)) throw c.error(`not an ISCO-08 code: "${i}"`, r, isco);
      if (!SOC_CODE.test(s)) throw c.error(`not a SOC code: "${s}"`, r, soc);
      rows.push([i, it === undefined ? null : c.text(row, it), s, st === undefined ? null : c.text(row, st), part === undefined ? null : c.text(row, part) === '*']);
    });
    return [{ table: 'crosswalk_isco08_soc2010', rows }];
  },
};

const escoOnet: SourceFile = {
  ...byName('crosswalks', /^esco_onet_crosswalk.*\.csv$/i, 'crosswalks:esco'),
  parse: (file) => {
    const sheet = readDelimitedFile(file.path, ',');
    const c = new Columns(sheet);
    const [uri, title, isco, code, conf] = [c.require('concept_uri'), c.require('esco_occupation'), c.optional('isco_code'), c.require('onet_code'), c.optional('confidence')];
    const rows: unknown[][] = [];
    sheet.rows.forEach((row, r) => {
      rows.push([c.requiredText(row, uri, r), c.requiredText(row, title, r), isco === undefined ? null : c.text(row, isco), onet(c, row, code, r), conf === undefined ? null : c.number(row, conf, r)]);
    });
    return [{ table: 'crosswalk_esco_onet', rows }];
  },
};

/** SOC2018-All-Codes.txt: "11-1011  Chief Executives" lines (two spaces). */
const socCodes: SourceFile = {
  ...byName('crosswalks', 'SOC2018-All-Codes.txt', 'crosswalks:soc2018'),
  parse: (file) => {
    const sheet = readDelimitedFile(file.path, '\t');
    // The file has no header: the "header" is the first code line.
    const lines = [sheet.header.join('\t'), ...sheet.rows.map((r) => r.join('\t'))];
    const rows: unknown[][] = [];
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      const m = /^(\d{2}-\d{4})\s+(.+)$/.exec(line.trim());
      if (!m) throw new InputError(`expected "code  title", found "${line.slice(0, 40)}"`, { file: file.name, row: i + 1 });
      rows.push([m[1], m[2]!.trim(), socLevel(m[1]!)]);
    });
    return [{ table: 'soc_codes', rows }];
  },
};

/** Census 2018 occupation code list: Census title and code, SOC 2018 code (used to place CPS rows). */
const censusCodes: SourceFile = {
  ...byName('crosswalks', '2018-occupation-code-list-and-crosswalk.xlsx', 'crosswalks:census'),
  parse: (file) => {
    const wb = readWorkbook(file.path);
    const sheetName = wb.SheetNames.find((s) => /census occ code list/i.test(s));
    if (!sheetName) throw new InputError(`has no "2018 Census Occ Code List" sheet (sheets: ${wb.SheetNames.join(', ')})`, { file: file.name });
    const all = sheetRows(wb, sheetName, basename(file.path));
    const rows: unknown[][] = [];
    for (const r of all) {
      const cells = r.filter((x) => x !== null && String(x).trim() !== '').map((x) => String(x).trim());
      if (cells.length < 3) continue;
      const [title, census, soc] = cells as [string, string, string];
      if (/^\d{4}$/.test(census) && /^\d{2}-[\dX]{4}$/.test(soc)) rows.push([census, title, soc]);
    }
    if (rows.length === 0) throw new InputError('no census code rows found', { file: file.name });
    return [{ table: 'crosswalk_census_soc2018', rows }];
  },
};

export const publishedSources: SourceFile[] = [
  fullLabelset, automationLabels, occLevel, authorsEmploymentMatch,
  workbookMeasure('AIOE_DataAppendix.xlsx', 'measures:aioe', /^Appendix A$/i, 'aioe', 'AIOE'),
  workbookMeasure('Language Modeling AIOE and AIIE.xlsx', 'measures:lm_aioe', /AIOE/i, 'lm_aioe', 'Language Modeling AIOE'),
  workbookMeasure('Image Generation AIOE and AIIE.xlsx', 'measures:ig_aioe', /AIOE/i, 'ig_aioe', 'Image Generation AIOE'),
  microsoft, freyOsborne, ilo, anthropic, anthropicTasks, anthropicJobExposure, anthropicMonthly,
  soc2010to2018, soc2010to2018Bls, iscoSoc, escoOnet, socCodes, censusCodes,
];

export type { FoundFile };
