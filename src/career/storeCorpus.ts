/**
 * The matcher's corpus read from the DuckDB store (the same O*NET files `data import` loaded),
 * so the CLI and the server match against exactly the occupations they analyse: titles,
 * descriptions, tasks and the work activities (DWAs) linked to each task.
 */
import type { Store } from '../data/store.js';
import { InputError } from '../util/errors.js';
import { memoAsync } from '../util/memo.js';
import { buildTitleIndex, type TitleIndex } from './match.js';
import type { OccupationCorpus, OccupationText } from './onetCorpus.js';

export async function loadStoreCorpus(store: Store): Promise<OccupationCorpus> {
  const occ = await store.all<{ onet_code: string; title: string; description: string | null }>(
    `SELECT onet_code, title, description FROM occupations ORDER BY onet_code`,
  );
  if (occ.length === 0) throw new InputError('no O*NET occupations in the store: run `jobshift data import` first');
  const byCode = new Map<string, OccupationText>();
  for (const o of occ) {
    byCode.set(o.onet_code, { code: o.onet_code, title: o.title, description: o.description ?? '', alternateTitles: [], reportedTitles: [], tasks: [] });
  }
  const alt = await store.all<{ onet_code: string; title: string; short_title: string | null }>(
    `SELECT onet_code, title, short_title FROM alternate_titles ORDER BY onet_code, title`,
  );
  for (const a of alt) {
    const o = byCode.get(a.onet_code);
    if (!o) continue;
    const s = a.short_title?.trim();
    o.alternateTitles.push(s && s.toLowerCase() !== 'n/a' ? { title: a.title, shortTitle: s } : { title: a.title });
  }
  const rep = await store.all<{ onet_code: string; title: string }>(`SELECT onet_code, title FROM reported_titles ORDER BY onet_code, title`);
  for (const r of rep) byCode.get(r.onet_code)?.reportedTitles.push(r.title);
  const tasks = await store.all<{ onet_code: string; task_id: number; text: string }>(`SELECT onet_code, task_id, text FROM tasks ORDER BY onet_code, task_id`);
  const taskAt = new Map<string, { o: OccupationText; at: number }>();
  for (const t of tasks) {
    const o = byCode.get(t.onet_code);
    if (!o) continue;
    taskAt.set(`${t.onet_code} ${t.task_id}`, { o, at: o.tasks.length });
    o.tasks.push(t.text);
  }
  // Each task's Detailed Work Activities (both tables are filled by the O*NET import when present).
  const links = await store.all<{ onet_code: string; task_id: number; title: string }>(
    `SELECT l.onet_code, l.task_id, d.title FROM task_dwas l JOIN dwas d USING (dwa_id) ORDER BY l.onet_code, l.task_id, l.dwa_id`,
  );
  if (links.length > 0) {
    for (const o of byCode.values()) o.taskActivities = o.tasks.map(() => []);
    for (const l of links) {
      const t = taskAt.get(`${l.onet_code} ${l.task_id}`);
      if (t) (t.o.taskActivities as string[][])[t.at]?.push(l.title);
    }
  }
  return { occupations: [...byCode.values()] };
}

/** The title index over the store's occupations (about a second to build). */
export async function loadStoreTitleIndex(store: Store): Promise<TitleIndex> {
  return buildTitleIndex(await loadStoreCorpus(store));
}

/** The title index of a store, built once and shared by whoever asks (a failed build is retried). */
export const storeTitleIndex: (store: Store) => Promise<TitleIndex> = memoAsync(loadStoreTitleIndex, { cache: new WeakMap<Store, Promise<TitleIndex>>() });
