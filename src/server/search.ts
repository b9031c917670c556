/**
 * Occupation search by job title as people type: official O*NET titles, Alternate Titles and the
 * Sample of Reported Titles, each query word matching a title word by prefix ("account" finds
 * "Accountants"). The career title matcher (src/career/match.ts) answers whole titles and
 * descriptions with calibrated confidence but not prefixes; the server adds its candidates when
 * few titles hold every word typed (src/server/data.ts).
 *
 * Ranking: an exact title beats a title that contains every query word (by prefix, so
 * "account" finds "Accountants"), official titles beat alternate titles beat reported
 * titles, and a tighter match (fewer extra words) ranks higher. Ties go to the larger
 * occupation, then the code.
 */
import type { Store } from '../data/store.js';

export interface TitleIndex {
  entries: TitleEntry[];
  titles: Map<string, string>;
  /** Every distinct word, sorted, and the entries holding it: a query word finds its prefix range. */
  words: string[];
  postings: Map<string, number[]>;
}

interface TitleEntry {
  code: string;
  title: string;
  kind: 'official' | 'alternate' | 'reported';
  /** Normalised words. */
  words: string[];
  /** Normalised words joined by spaces. */
  text: string;
}

export interface TitleMatch {
  code: string;
  score: number;
  /** The title that matched. */
  title: string;
  /** `matched`: found by the career title matcher, not by the words typed. */
  kind: TitleEntry['kind'] | 'matched';
}

const KIND_WEIGHT = { official: 300, alternate: 200, reported: 150 } as const;

/** Lower case, letters and digits only, plural -s dropped ("Accountants" -> "accountant"). */
export function normaliseWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

export async function loadTitleIndex(store: Store): Promise<TitleIndex> {
  const official = await store.all<{ onet_code: string; title: string }>(`SELECT onet_code, title FROM occupations`);
  const alternate = await store.all<{ onet_code: string; title: string; short_title: string | null }>(`SELECT onet_code, title, short_title FROM alternate_titles`);
  const reported = await store.all<{ onet_code: string; title: string }>(`SELECT onet_code, title FROM reported_titles`);
  const entries: TitleEntry[] = [];
  const add = (code: string, title: string, kind: TitleEntry['kind']) => {
    const words = normaliseWords(title);
    if (words.length) entries.push({ code, title, kind, words, text: words.join(' ') });
  };
  for (const o of official) add(o.onet_code, o.title, 'official');
  for (const a of alternate) {
    add(a.onet_code, a.title, 'alternate');
    if (a.short_title && a.short_title !== 'n/a') add(a.onet_code, a.short_title, 'alternate');
  }
  for (const r of reported) add(r.onet_code, r.title, 'reported');
  const postings = new Map<string, number[]>();
  entries.forEach((e, i) => {
    for (const w of new Set(e.words)) {
      let list = postings.get(w);
      if (!list) postings.set(w, (list = []));
      list.push(i);
    }
  });
  return { entries, titles: new Map(official.map((o) => [o.onet_code, o.title])), words: [...postings.keys()].sort(), postings };
}

/** Entries with a word starting with `prefix` (binary search into the sorted words). */
function entriesWithPrefix(index: TitleIndex, prefix: string): Set<number> {
  let lo = 0;
  let hi = index.words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (index.words[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out = new Set<number>();
  for (let i = lo; i < index.words.length && index.words[i]!.startsWith(prefix); i++) for (const e of index.postings.get(index.words[i]!)!) out.add(e);
  return out;
}

/**
 * Occupations matching a title query, best first (one match per occupation: its best title).
 * `size` breaks ties (e.g. employment). A query that looks like an O*NET-SOC code matches
 * codes by prefix.
 */
export function searchOccupations(index: TitleIndex, query: string, size: (code: string) => number = () => 0): TitleMatch[] {
  const best = new Map<string, TitleMatch>();
  const keep = (m: TitleMatch) => {
    const b = best.get(m.code);
    if (!b || m.score > b.score) best.set(m.code, m);
  };
  const q = query.trim();
  if (/^\d{2}-?\d{0,4}(\.\d{0,2})?$/.test(q)) {
    const prefix = q.length > 2 && q[2] !== '-' ? `${q.slice(0, 2)}-${q.slice(2)}` : q;
    for (const [code, title] of index.titles) if (code.startsWith(prefix)) keep({ code, score: 1000, title, kind: 'official' });
  }
  const words = normaliseWords(q);
  if (words.length) {
    const phrase = words.join(' ');
    // Entries holding every query word (as a prefix of one of theirs), smallest set first.
    const sets = [...new Set(words)].map((w) => entriesWithPrefix(index, w)).sort((a, b) => a.size - b.size);
    const candidates = [...sets[0]!].filter((i) => sets.every((s) => s.has(i)));
    for (const i of candidates) {
      const e = index.entries[i]!;
      let score: number;
      if (e.text === phrase) score = e.kind === 'official' ? 1000 : e.kind === 'alternate' ? 800 : 700;
      else {
        score = KIND_WEIGHT[e.kind];
        if (e.text.startsWith(phrase)) score += 50;
        else if (e.text.includes(phrase)) score += 25;
        // Tighter matches first: the share of the title's words the query accounts for.
        score += 50 * (words.length / e.words.length);
      }
      keep({ code: e.code, score, title: e.title, kind: e.kind });
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score || size(b.code) - size(a.code) || a.code.localeCompare(b.code));
}
