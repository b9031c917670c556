/**
 * Published labels as a scorer for any input: a task gets the GPTs-are-GPTs label (human or
 * GPT-4) when the labels cover it — by Task ID, else by its words (case, spacing and
 * punctuation ignored: the same `textSignature` by which the local model recognises an O*NET
 * task) — and is otherwise left to the gap filler (the local model), flagged.
 */
import type { Store } from '../data/store.js';
import { textSignature } from './local/features.js';
import type { LocalModel } from './local/model.js';
import { joinNotes, uncertaintyNote } from './display.js';
import { isFailure, oneHot, type RatingResult, type Scorer } from './scorer.js';
import type { AutomationLabel, ExposureLabel } from './taskScores.js';

export interface PublishedLabel {
  exposure: ExposureLabel;
  automation: AutomationLabel | null;
  taskId: number;
  onetCode: string;
}

export interface PublishedLookup {
  byId(taskId: number): PublishedLabel | undefined;
  byText(text: string): PublishedLabel | undefined;
}

export async function loadPublishedLabels(store: Store, source: 'human' | 'gpt4'): Promise<PublishedLookup> {
  const rows = await store.all<{ task_id: number; onet_code: string; text: string; exposure: string; automation: string | null }>(
    `SELECT l.task_id, l.onet_code, l.text, l.exposure, coalesce(l.automation, g.automation) AS automation
     FROM task_labels l LEFT JOIN task_labels g ON g.source = 'gpt4' AND g.task_id = l.task_id AND g.onet_code = l.onet_code
     WHERE l.source = ? AND l.exposure IS NOT NULL`,
    [source],
  );
  const byId = new Map<number, PublishedLabel>();
  const byText = new Map<number, PublishedLabel>();
  for (const r of rows) {
    const label: PublishedLabel = { exposure: r.exposure as ExposureLabel, automation: r.automation as AutomationLabel | null, taskId: r.task_id, onetCode: r.onet_code };
    if (!byId.has(r.task_id)) byId.set(r.task_id, label);
    const key = textSignature(r.text);
    if (!byText.has(key)) byText.set(key, label);
  }
  return { byId: (id) => byId.get(id), byText: (t) => byText.get(textSignature(t)) };
}

/**
 * The human or GPT-4 labels as a scorer: a task the labels cover gets its published label (as
 * a one-hot probability); any other task is rated by the local model and flagged as a gap.
 */
export function publishedScorer(source: 'human' | 'gpt4', lookup: PublishedLookup, local: LocalModel): Scorer {
  const who = source === 'human' ? 'human' : 'GPT-4';
  return {
    name: source,
    describe: () => `published ${who} labels (GPTs-are-GPTs, Eloundou et al. 2024); gaps rated by the ${local.describe()}`,
    async rate(tasks, options) {
      const out: RatingResult[] = tasks.map((t) => {
        const label = (t.taskId !== undefined ? lookup.byId(t.taskId) : undefined) ?? lookup.byText(t.text);
        if (label) return { exposure: label.exposure, p: oneHot(label.exposure), automation: label.automation };
        const r = local.rateOne(t);
        if (isFailure(r)) return r; // not a task statement: no label from anyone
        return { ...r, note: joinNotes(`gap: no published ${who} label; rated by the local model`, uncertaintyNote(r.p)) };
      });
      options?.progress?.(tasks.length, tasks.length);
      return out;
    },
  };
}
