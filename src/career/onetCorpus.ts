/**
 * The text the title matcher indexes, per O*NET occupation: its title and description, the
 * alternate titles (with O*NET's short forms), the titles incumbents reported, its task
 * statements and the Detailed Work Activities linked to each task. Plain data, so it can be
 * built from the raw O*NET text release (here) or from the DuckDB store alike.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Columns, readDelimitedFile, type Sheet } from '../data/tabular.js';
import { InputError } from '../util/errors.js';

export interface AlternateTitle {
  title: string;
  /** O*NET's short form ("CEO", "Dept Store Manager"), when it gives one. */
  shortTitle?: string;
}

export interface OccupationText {
  /** O*NET-SOC code, e.g. "13-2011.00". */
  code: string;
  title: string;
  description: string;
  alternateTitles: AlternateTitle[];
  reportedTitles: string[];
  tasks: string[];
  /**
   * Parallel to `tasks`: the titles of the Detailed Work Activities O*NET links to each task
   * ("Teach academic or life skills to students."), when the corpus carries them.
   */
  taskActivities?: string[][];
}

export interface OccupationCorpus {
  occupations: OccupationText[];
}

/** The O*NET files the corpus is read from; only Occupation Data is required. */
export const onetCorpusFiles = {
  occupations: 'Occupation Data.txt',
  alternateTitles: 'Alternate Titles.txt',
  reportedTitles: 'Sample of Reported Titles.txt',
  tasks: 'Task Statements.txt',
  taskActivities: 'Tasks to DWAs.txt',
  activities: 'DWA Reference.txt',
} as const;

/**
 * Read the corpus from a folder holding the O*NET text release (files found by their official
 * names anywhere below `dir`; when a name occurs more than once, the path that sorts last wins,
 * which for O*NET's "db_29_1_text"-style folders is the newest release).
 */
export function readOnetCorpus(dir: string): OccupationCorpus {
  const found = findFiles(dir, new Set(Object.values(onetCorpusFiles)));
  const occPath = found.get(onetCorpusFiles.occupations);
  if (!occPath) throw new InputError(`no "${onetCorpusFiles.occupations}" under this folder (need the O*NET text release)`, { file: dir });

  const occupations = new Map<string, OccupationText>();
  const occ = readDelimitedFile(occPath, '\t');
  forRows(occ, ['O*NET-SOC Code', 'Title', 'Description'], (get, i, cols) => {
    const code = get(0, true);
    if (occupations.has(code)) throw cols.error(`duplicate occupation ${code}`, i, 0);
    occupations.set(code, { code, title: get(1, true), description: get(2), alternateTitles: [], reportedTitles: [], tasks: [] });
  });

  const owner = (code: string, cols: Columns, i: number, col: number): OccupationText => {
    const o = occupations.get(code);
    if (!o) throw cols.error(`occupation ${code} is not in ${onetCorpusFiles.occupations}`, i, col);
    return o;
  };

  const altPath = found.get(onetCorpusFiles.alternateTitles);
  if (altPath) {
    forRows(readDelimitedFile(altPath, '\t'), ['O*NET-SOC Code', 'Alternate Title', 'Short Title'], (get, i, cols) => {
      const title = get(1, true);
      const short = get(2);
      const alt: AlternateTitle = { title };
      if (short !== '' && short.toLowerCase() !== 'n/a') alt.shortTitle = short;
      owner(get(0, true), cols, i, 0).alternateTitles.push(alt);
    });
  }
  const repPath = found.get(onetCorpusFiles.reportedTitles);
  if (repPath) {
    forRows(readDelimitedFile(repPath, '\t'), ['O*NET-SOC Code', 'Reported Job Title'], (get, i, cols) => {
      owner(get(0, true), cols, i, 0).reportedTitles.push(get(1, true));
    });
  }
  // Task IDs, to attach each task's work activities (both files are optional).
  const taskAt = new Map<string, { o: OccupationText; at: number }>();
  const taskPath = found.get(onetCorpusFiles.tasks);
  if (taskPath) {
    const sheet = readDelimitedFile(taskPath, '\t');
    const idCol = new Columns(sheet).optional('Task ID');
    forRows(sheet, ['O*NET-SOC Code', 'Task'], (get, i, cols, row) => {
      const o = owner(get(0, true), cols, i, 0);
      const id = idCol === undefined ? '' : cols.text(row, idCol);
      if (id !== '') taskAt.set(`${o.code} ${id}`, { o, at: o.tasks.length });
      o.tasks.push(get(1, true));
    });
  }
  const dwaPath = found.get(onetCorpusFiles.activities);
  const linkPath = found.get(onetCorpusFiles.taskActivities);
  if (dwaPath && linkPath && taskAt.size > 0) {
    const dwaTitle = new Map<string, string>();
    forRows(readDelimitedFile(dwaPath, '\t'), ['DWA ID', 'DWA Title'], (get) => {
      dwaTitle.set(get(0, true), get(1, true));
    });
    for (const o of occupations.values()) o.taskActivities = o.tasks.map(() => []);
    forRows(readDelimitedFile(linkPath, '\t'), ['O*NET-SOC Code', 'Task ID', 'DWA ID'], (get) => {
      const t = taskAt.get(`${get(0, true)} ${get(1, true)}`);
      const title = dwaTitle.get(get(2, true));
      if (t && title !== undefined) (t.o.taskActivities as string[][])[t.at]?.push(title);
    });
  }
  return { occupations: [...occupations.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)) };
}

type Getter = (k: number, required?: boolean) => string;

/** Visit each row with a getter over the `required` columns (k = position in `required`). */
function forRows(sheet: Sheet, required: string[], visit: (get: Getter, rowIndex: number, cols: Columns, row: Sheet['rows'][number]) => void): void {
  const cols = new Columns(sheet);
  const at = required.map((name) => cols.require(name));
  sheet.rows.forEach((row, i) => {
    const get: Getter = (k, req = false) => (req ? cols.requiredText(row, at[k]!, i) : cols.text(row, at[k]!));
    visit(get, i, cols, row);
  });
}

function findFiles(dir: string, names: Set<string>): Map<string, string> {
  let top: ReturnType<typeof statSync>;
  try {
    top = statSync(dir);
  } catch {
    throw new InputError('folder not found', { file: dir });
  }
  if (!top.isDirectory()) throw new InputError('not a folder', { file: dir });
  const found = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (names.has(e.name)) {
        const prev = found.get(e.name);
        if (prev === undefined || p > prev) found.set(e.name, p);
      }
    }
  };
  walk(dir);
  return found;
}
