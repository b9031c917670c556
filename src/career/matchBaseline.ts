/**
 * Baseline for the title matcher: TF-IDF over character trigrams of whole titles, nearest
 * neighbour by cosine; the occupations of the nearest titles, in order, are the answer.
 * Kept small and plain — it is the yardstick the real matcher must beat.
 */
import type { OccupationCorpus } from './onetCorpus.js';

export interface NgramIndex {
  codes: string[];
  titleOcc: Int32Array;
  grams: Map<string, number>;
  postings: { ids: Int32Array; w: Float32Array }[];
  idf: Float64Array;
}

/** Character trigrams of a title: lower case, runs of non-alphanumerics read as one space, padded. */
export function charTrigrams(text: string): Map<string, number> {
  const s = ` ${text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()} `;
  const m = new Map<string, number>();
  for (let i = 0; i + 3 <= s.length; i++) {
    const g = s.slice(i, i + 3);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

export function buildNgramIndex(corpus: OccupationCorpus): NgramIndex {
  const titles: { occ: number; grams: Map<string, number> }[] = [];
  corpus.occupations.forEach((o, occ) => {
    const all = [o.title, ...o.alternateTitles.flatMap((a) => (a.shortTitle ? [a.title, a.shortTitle] : [a.title])), ...o.reportedTitles];
    for (const t of new Set(all.map((x) => x.toLowerCase()))) titles.push({ occ, grams: charTrigrams(t) });
  });
  const grams = new Map<string, number>();
  const lists: { ids: number[]; tf: number[] }[] = [];
  titles.forEach((t, i) => {
    for (const [g, c] of t.grams) {
      let id = grams.get(g);
      if (id === undefined) {
        grams.set(g, (id = grams.size));
        lists.push({ ids: [], tf: [] });
      }
      const l = lists[id] as { ids: number[]; tf: number[] };
      l.ids.push(i);
      l.tf.push(c);
    }
  });
  const n = titles.length;
  // Smoothed IDF as scikit-learn's TfidfVectorizer computes it.
  const idf = Float64Array.from(lists, (l) => Math.log((1 + n) / (1 + l.ids.length)) + 1);
  const norms = new Float64Array(n);
  lists.forEach((l, g) => l.ids.forEach((i, j) => (norms[i] = (norms[i] as number) + ((l.tf[j] as number) * (idf[g] as number)) ** 2)));
  const postings = lists.map((l, g) => ({
    ids: Int32Array.from(l.ids),
    w: Float32Array.from(l.ids, (i, j) => ((l.tf[j] as number) * (idf[g] as number)) / Math.sqrt(norms[i] as number)),
  }));
  return { codes: corpus.occupations.map((o) => o.code), titleOcc: Int32Array.from(titles, (t) => t.occ), grams, postings, idf };
}

/** Codes of the nearest titles' occupations (distinct, best first) with their cosine. */
export function matchNgram(index: NgramIndex, query: string, top = 5): { code: string; score: number }[] {
  const q = charTrigrams(query);
  const weights: [number, number][] = [];
  let norm = 0;
  for (const [g, c] of q) {
    const id = index.grams.get(g);
    if (id === undefined) continue;
    const w = c * (index.idf[id] as number);
    weights.push([id, w]);
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  const dot = new Float64Array(index.titleOcc.length);
  const touched: number[] = [];
  for (const [id, w] of weights) {
    const p = index.postings[id] as { ids: Int32Array; w: Float32Array };
    for (let j = 0; j < p.ids.length; j++) {
      const i = p.ids[j] as number;
      if (dot[i] === 0) touched.push(i);
      dot[i] = (dot[i] as number) + w * (p.w[j] as number);
    }
  }
  const best = new Map<number, number>();
  for (const i of touched) {
    const o = index.titleOcc[i] as number;
    const s = (dot[i] as number) / norm;
    if (s > (best.get(o) ?? 0)) best.set(o, s);
  }
  return [...best]
    .sort((a, b) => b[1] - a[1] || (index.codes[a[0]] as string).localeCompare(index.codes[b[0]] as string))
    .slice(0, top)
    .map(([o, s]) => ({ code: index.codes[o] as string, score: s }));
}
