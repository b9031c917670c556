/**
 * Occupation context for the local model: what O*NET says about the occupation a task
 * belongs to, when the occupation is known (by O*NET-SOC code, or a title that is an O*NET
 * title, alternate title or reported title). Exposure varies strongly with the kind of
 * occupation — Eloundou et al. (2024) find it rising with job zone and with the importance of
 * programming and writing skills and falling with science and critical-thinking skills — so
 * the model sees: job zone, SOC major group, skill and knowledge importance (O*NET Skills,
 * Knowledge; importance 1-5 rescaled to 0-1) and the occupation's work-activity profile (the
 * IWAs of its tasks). None of this is a label: it is the occupation's O*NET description.
 */
import { jobZoneFeature, type JobZoneFramework } from '../../data/sources/onet/jobZones.js';
import type { Store } from '../../data/store.js';

export type ContextFeatures = readonly (readonly [string, number])[];

export interface OccupationContext {
  /** O*NET-SOC code of a title (official, alternate or reported title; case, spacing and punctuation ignored). */
  codeOfTitle(title: string): string | undefined;
  features(onetCode: string): ContextFeatures | undefined;
  titleOf(onetCode: string): string | undefined;
}

const normaliseTitle = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

export async function loadOccupationContext(store: Store): Promise<OccupationContext> {
  const occupations = await store.all<{ onet_code: string; title: string; job_zone: number | null; job_zone_framework: JobZoneFramework | null; major_group: string | null }>(
    `SELECT onet_code, title, job_zone, job_zone_framework, major_group FROM occupations`,
  );
  const elements = await store.all<{ onet_code: string; element_id: string; importance: number | null }>(
    `SELECT onet_code, element_id, importance FROM occupation_elements WHERE importance IS NOT NULL`,
  );
  const activities = await store.all<{ onet_code: string; iwa_id: string }>(
    `SELECT DISTINCT t.onet_code, d.iwa_id FROM task_dwas t JOIN dwas d USING (dwa_id) WHERE d.iwa_id IS NOT NULL`,
  );
  const titles = await store.all<{ onet_code: string; title: string }>(
    `SELECT onet_code, title FROM alternate_titles UNION ALL SELECT onet_code, title FROM reported_titles`,
  );
  const features = new Map<string, [string, number][]>();
  const add = (code: string, key: string, value: number) => {
    let f = features.get(code);
    if (!f) features.set(code, (f = []));
    f.push([key, value]);
  };
  const byTitle = new Map<string, string>();
  const official = new Map<string, string>();
  for (const o of occupations) {
    official.set(o.onet_code, o.title);
    byTitle.set(normaliseTitle(o.title), o.onet_code);
    // jz:N (five-level) and jz4:N (four-level, O*NET 30.2 on) are different features: zone 2 means
    // "some preparation" in one and "very little to some" in the other.
    const zone = o.job_zone ? jobZoneFeature(o.job_zone, o.job_zone_framework) : undefined;
    if (zone) add(o.onet_code, zone, 1);
    if (o.major_group) add(o.onet_code, `mg:${o.major_group}`, 1);
  }
  for (const e of elements) add(e.onet_code, `el:${e.element_id}`, (Number(e.importance) - 1) / 4);
  for (const a of activities) add(a.onet_code, `oiwa:${a.iwa_id}`, 0.3);
  // Official titles win over alternate and reported ones; the first alternate seen wins ties.
  for (const t of titles) {
    const key = normaliseTitle(t.title);
    if (!byTitle.has(key)) byTitle.set(key, t.onet_code);
  }
  return {
    codeOfTitle: (title) => byTitle.get(normaliseTitle(title)),
    features: (code) => features.get(code),
    titleOf: (code) => official.get(code),
  };
}

export const emptyContext: OccupationContext = { codeOfTitle: () => undefined, features: () => undefined, titleOf: () => undefined };
