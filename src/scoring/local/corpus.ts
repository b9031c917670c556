/**
 * What the local model learns from and what it knows at scoring time, read from the store:
 *  - the training rows: every O*NET task with a human exposure label (GPTs-are-GPTs,
 *    Eloundou et al. 2024), with GPT-4's automation level (T0-T4) where it has one — the
 *    published human T-ratings cover only a small sample, so automation is learnt from GPT-4's;
 *  - O*NET knowledge of a task: its Detailed Work Activities and the IWA and GWA above them
 *    (Tasks to DWAs, DWA Reference), by Task ID, with a lookup from exact task text to Task ID.
 */
import type { Store } from '../../data/store.js';
import { textSignature } from './features.js';
import type { AutomationLabel, ExposureLabel } from '../taskScores.js';

export interface TrainingRow {
  taskId: number;
  onetCode: string;
  title: string;
  text: string;
  exposure: ExposureLabel;
  automation: AutomationLabel | null;
}

export async function loadTrainingRows(store: Store): Promise<TrainingRow[]> {
  const rows = await store.all<{ task_id: number; onet_code: string; title: string | null; text: string; exposure: string; automation: string | null }>(
    `SELECT h.task_id, h.onet_code, o.title, h.text, h.exposure, g.automation
     FROM task_labels h
     LEFT JOIN task_labels g ON g.source = 'gpt4' AND g.task_id = h.task_id AND g.onet_code = h.onet_code
     LEFT JOIN occupations o ON o.onet_code = h.onet_code
     WHERE h.source = 'human' AND h.exposure IN ('E0', 'E1', 'E2')
     ORDER BY h.onet_code, h.task_id`,
  );
  return rows.map((r) => ({
    taskId: Number(r.task_id),
    onetCode: r.onet_code,
    title: r.title ?? '',
    text: r.text,
    exposure: r.exposure as ExposureLabel,
    automation: /^T[0-4]$/.test(r.automation ?? '') ? (r.automation as AutomationLabel) : null,
  }));
}

/** Every O*NET task statement in the store, for the model's vocabulary (vocabulary.ts). */
export async function loadTaskStatements(store: Store): Promise<string[]> {
  const rows = await store.all<{ text: string }>(`SELECT DISTINCT text FROM tasks ORDER BY text`);
  return rows.map((r) => r.text);
}

/** O*NET's knowledge of its own tasks, for the `known` feature group. */
export interface OnetKnowledge {
  /** Feature strings of a task by Task ID (DWA, IWA, GWA identifiers). */
  features(taskId: number): readonly string[] | undefined;
  /** Task ID of an exact task statement (case, spacing and punctuation ignored). */
  taskIdOf(text: string): number | undefined;
  /** Occupation title of a task. */
  titleOf(taskId: number): string | undefined;
  /** O*NET-SOC code of a task. */
  occupationOf(taskId: number): string | undefined;
  size: number;
}

export async function loadOnetKnowledge(store: Store): Promise<OnetKnowledge> {
  const links = await store.all<{ task_id: number; dwa_id: string; iwa_id: string | null; gwa_id: string | null }>(
    `SELECT DISTINCT td.task_id, td.dwa_id, d.iwa_id, d.gwa_id FROM task_dwas td LEFT JOIN dwas d USING (dwa_id) ORDER BY td.task_id, td.dwa_id`,
  );
  const byTask = new Map<number, string[]>();
  for (const l of links) {
    const id = Number(l.task_id);
    let f = byTask.get(id);
    if (!f) byTask.set(id, (f = []));
    f.push(`dwa:${l.dwa_id}`);
    if (l.iwa_id && !f.includes(`iwa:${l.iwa_id}`)) f.push(`iwa:${l.iwa_id}`);
    if (l.gwa_id && !f.includes(`gwa:${l.gwa_id}`)) f.push(`gwa:${l.gwa_id}`);
  }
  const tasks = await store.all<{ task_id: number; text: string; title: string; onet_code: string }>(
    `SELECT t.task_id, t.text, o.title, t.onet_code FROM tasks t JOIN occupations o USING (onet_code) ORDER BY t.onet_code, t.task_id`,
  );
  const occupations = new Map<number, string>();
  const byText = new Map<number, number>();
  const titles = new Map<number, string>();
  for (const t of tasks) {
    const id = Number(t.task_id);
    const key = textSignature(t.text);
    if (!byText.has(key)) byText.set(key, id);
    titles.set(id, t.title);
    occupations.set(id, t.onet_code);
  }
  return {
    features: (id) => byTask.get(id),
    taskIdOf: (text) => byText.get(textSignature(text)),
    titleOf: (id) => titles.get(id),
    occupationOf: (id) => occupations.get(id),
    size: byTask.size,
  };
}

export const emptyKnowledge: OnetKnowledge = {
  features: () => undefined,
  taskIdOf: () => undefined,
  titleOf: () => undefined,
  occupationOf: () => undefined,
  size: 0,
};

/** Changes when the labels or the O*NET release change, so a saved model is retrained. */
export async function trainingFingerprint(store: Store): Promise<string> {
  const labels = await store.one<{ n: number; h: bigint | number | null }>(
    `SELECT count(*)::INTEGER AS n, sum(hash(task_id::VARCHAR || onet_code || source || coalesce(exposure, '') || coalesce(automation, '')) % 1000000007)::BIGINT AS h FROM task_labels`,
  );
  const onet = await store.one<{ n: number; h: bigint | number | null }>(
    `SELECT count(*)::INTEGER AS n, sum(hash(task_id::VARCHAR || dwa_id) % 1000000007)::BIGINT AS h FROM task_dwas`,
  );
  return `labels:${labels?.n ?? 0}:${labels?.h ?? 0};dwas:${onet?.n ?? 0}:${onet?.h ?? 0}`;
}
