/**
 * Skill and knowledge similarity between occupations, from O*NET Skills and Knowledge.
 *
 * Each occupation is a vector of element scores (importance x level, per element); each
 * element is standardised across occupations so that what distinguishes occupations counts
 * rather than what all of them share (reading comprehension is important everywhere), and
 * similarity is the cosine of the standardised vectors — a centred measure in [-1, 1] in the
 * spirit of skill-distance measures used for job transitions (e.g. Gathmann & Schönberg 2010,
 * "How general is human capital? A task-based approach", JOLE). Skills and knowledge count
 * equally.
 */
import type { Store } from '../data/store.js';

export interface SkillProfiles {
  codes: string[];
  index: Map<string, number>;
  /** Row-major standardised vectors, unit length per row (skills then knowledge, each half-weighted). */
  vectors: Float64Array;
  dims: number;
  elements: { id: string; name: string; domain: string }[];
  /** Raw importance (1-5) per occupation and element, for explaining transitions. */
  importance: Float64Array;
}

export async function loadSkillProfiles(store: Store): Promise<SkillProfiles | null> {
  const rows = await store.all<{ domain: string; onet_code: string; element_id: string; element_name: string; importance: number | null; level: number | null }>(
    `SELECT domain, onet_code, element_id, element_name, importance, level FROM occupation_elements ORDER BY domain DESC, element_id, onet_code`,
  );
  if (rows.length === 0) return null;
  const elements: SkillProfiles['elements'] = [];
  const elementIndex = new Map<string, number>();
  const codes: string[] = [];
  const index = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.domain}|${r.element_id}`;
    if (!elementIndex.has(key)) {
      elementIndex.set(key, elements.length);
      elements.push({ id: r.element_id, name: r.element_name, domain: r.domain });
    }
    if (!index.has(r.onet_code)) {
      index.set(r.onet_code, codes.length);
      codes.push(r.onet_code);
    }
  }
  const dims = elements.length;
  const raw = new Float64Array(codes.length * dims);
  const importance = new Float64Array(codes.length * dims);
  for (const r of rows) {
    const i = index.get(r.onet_code)!;
    const j = elementIndex.get(`${r.domain}|${r.element_id}`)!;
    raw[i * dims + j] = (r.importance ?? 0) * (r.level ?? 0);
    importance[i * dims + j] = r.importance ?? 0;
  }
  const domainWeight = elements.map((e) => {
    const n = elements.filter((x) => x.domain === e.domain).length;
    return 1 / Math.sqrt(n);
  });
  // Standardise each element across occupations.
  for (let j = 0; j < dims; j++) {
    let s = 0;
    let ss = 0;
    for (let i = 0; i < codes.length; i++) s += raw[i * dims + j]!;
    const m = s / codes.length;
    for (let i = 0; i < codes.length; i++) ss += (raw[i * dims + j]! - m) ** 2;
    const sd = Math.sqrt(ss / codes.length) || 1;
    for (let i = 0; i < codes.length; i++) raw[i * dims + j] = ((raw[i * dims + j]! - m) / sd) * domainWeight[j]!;
  }
  for (let i = 0; i < codes.length; i++) {
    let n = 0;
    for (let j = 0; j < dims; j++) n += raw[i * dims + j]! ** 2;
    n = Math.sqrt(n) || 1;
    for (let j = 0; j < dims; j++) raw[i * dims + j]! /= n;
  }
  return { codes, index, vectors: raw, dims, elements, importance };
}

/** Cosine similarity of two occupations' standardised skill-and-knowledge vectors, or null when either lacks a profile. */
export function skillSimilarity(p: SkillProfiles, a: string, b: string): number | null {
  const i = p.index.get(a);
  const j = p.index.get(b);
  if (i === undefined || j === undefined) return null;
  let s = 0;
  for (let k = 0; k < p.dims; k++) s += p.vectors[i * p.dims + k]! * p.vectors[j * p.dims + k]!;
  return s;
}

/** Elements where b asks much more than a: what a worker moving from a to b would need to build. */
export function skillGaps(p: SkillProfiles, from: string, to: string, top = 3): { name: string; domain: string; gap: number }[] {
  const i = p.index.get(from);
  const j = p.index.get(to);
  if (i === undefined || j === undefined) return [];
  const gaps = p.elements.map((e, k) => ({ name: e.name, domain: e.domain, gap: p.importance[j * p.dims + k]! - p.importance[i * p.dims + k]! }));
  return gaps.filter((g) => g.gap > 0.25).sort((x, y) => y.gap - x.gap).slice(0, top);
}
