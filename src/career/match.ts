/**
 * Job title (or job description) → O*NET occupations.
 *
 * Five kinds of evidence, each scored in about [0, 1] and mixed with weights chosen by
 * measurement on held-out O*NET alternate titles (matchEval.ts, bench/match.bench.ts):
 *  - title: TF-IDF cosine between the query and each single title of an occupation (its O*NET
 *    title, alternate and short titles, reported titles), best title per occupation, plus a
 *    bonus when query and title share their head word ("... Assembler");
 *  - titles bag: all titles of an occupation as one document (BM25), so that a new title made of
 *    words the occupation's titles often use ("Wave Guide Assembler") finds it;
 *  - head bag: how many of the occupation's titles are headed by the query's head word;
 *  - text: description and task statements (BM25), which carries pasted job descriptions;
 *  - activities: the titles of the Detailed Work Activities O*NET links to those tasks (BM25).
 * A query is read as a description when it has more than `textModeWords` content words or is
 * written in the first person ("I teach maths to …"). It then gets its own weights (`textMode`,
 * chosen on held-out task-statement paragraphs, matchEval.ts): filler words and numbers are
 * dropped, every word also counts through its coarse stem ("teach" meets "teacher"), a repeated
 * word weighs more, "I <verb>" adds the verb's agent noun when titles are headed by it ("I bake"
 * → "baker"), and its confidence comes from a model fitted on descriptions.
 * Words are normalised (plurals, abbreviations from a table and acronyms learnt from the
 * corpus, seniority words down-weighted unless they are the head), and unknown words are
 * corrected (typos, abbreviations, run-together compounds) against the corpus vocabulary.
 * Confidences come from matchCalibration.ts.
 */
import type { OccupationCorpus, OccupationText } from './onetCorpus.js';
import { calibrationDepth, candidateConfidences, defaultCalibration, defaultDescriptionCalibration, type Calibration } from './matchCalibration.js';
import {
  abbreviationOf,
  coarseStem,
  editDistance,
  isAbbreviationOf,
  letterMask,
  levelWords,
  lightStem,
  popcount,
  proseStopWords,
  rawTokens,
  stopWords,
  type RawToken,
} from './matchText.js';

/** Weights and switches of the scorer. Defaults are the measured best (see the bench). */
export interface MatchConfig {
  /** Weight of the best single-title cosine. */
  title: number;
  /** Weight of the whole-title-bag BM25 score. */
  bag: number;
  /** Weight of description + task text BM25. */
  text: number;
  /** Weight of the work-activity (DWA title) BM25. */
  activities: number;
  /** Added to a title's cosine when query and title share the head word. */
  head: number;
  /** Weight of the share of an occupation's titles that have the query's head word (BM25-saturated). */
  headBag: number;
  /** Weight of coarse-stem dimensions relative to exact words (0 = off). */
  coarse: number;
  /** Query weight of seniority/level words that are not the head word (1 = keep, 0 = strip). */
  level: number;
  /** Query weight of a word found by typo/abbreviation correction. */
  corrected: number;
  /** Correct out-of-vocabulary words. */
  correct: boolean;
  /** Learn acronyms and abbreviations from the corpus titles ("CEO (Chief Executive Officer)"). */
  learnAbbreviations: boolean;
  /** IDF of title words counted over occupations (true) or over single titles (false). */
  occupationIdf: boolean;
  /** BM25 k1 and b for the titles bag. */
  bagK1: number;
  bagB: number;
  /** BM25 k1 and b for description + task text. */
  textK1: number;
  textB: number;
  /**
   * Used instead of the above when the query reads as a description: field weights; coarse-stem
   * weight in prose; BM25 k1 and b of prose; weight of a typo-corrected word (a description's
   * unknown words are more often real words than typos: "sprint" is not "print"); weight of the
   * agent noun of "I <verb>".
   */
  textMode: { title: number; bag: number; text: number; activities: number; coarse: number; k1: number; b: number; corrected: number; agent: number };
  textModeWords: number;
  /** Read first-person queries of three or more content words as descriptions. */
  firstPerson: boolean;
}

export const defaultMatchConfig: MatchConfig = {
  title: 1,
  bag: 2.5,
  // 0.2 before prose scores had the BM25 (k1 + 1) gain (k1 = 1.2 here): the same weight.
  text: 0.09,
  activities: 0,
  head: 0.2,
  headBag: 0.2,
  coarse: 0.15,
  level: 0.5,
  corrected: 1,
  correct: true,
  learnAbbreviations: true,
  occupationIdf: true,
  bagK1: 2,
  bagB: 0.1,
  textK1: 1.2,
  textB: 0.75,
  // k1 = 5 does 1–2 points better on the held-out paragraphs (O*NET's wording) but worse on the
  // hand-written colloquial descriptions; 3 is the compromise (bench/match.bench.ts).
  textMode: { title: 0.15, bag: 0.5, text: 0.4, activities: 0.1, coarse: 0.25, k1: 3, b: 1, corrected: 0.3, agent: 0.5 },
  textModeWords: 8,
  firstPerson: true,
};

export type MatchedField = 'title' | 'alternate' | 'short' | 'reported' | 'text';

export interface TitleMatch {
  code: string;
  title: string;
  /** Combined evidence; comparable between candidates of one query only. */
  score: number;
  /** Calibrated probability that this candidate is a right answer. */
  confidence: number;
  /** The indexed title that matched best (or the description/tasks for text queries). */
  matchedOn: { field: MatchedField; text: string };
}

export interface MatchOptions {
  top?: number;
}

/** What the query was read as; useful to show a user why a match came up. */
export interface QueryAnalysis {
  terms: { term: string; weight: number; from?: string }[];
  head?: string;
  mode: 'title' | 'text';
}

/** Postings of every term in one array (compressed sparse rows): term t owns ids[offsets[t]..offsets[t+1]). */
interface Postings {
  offsets: Int32Array;
  ids: Int32Array;
  /** Parallel to ids: term frequency (bag, text); absent for binary title postings. */
  tf?: Float32Array;
}

/** A prose field of every occupation, for BM25. */
export interface TextField {
  postings: Postings;
  idf: Float64Array;
  len: Float64Array;
  avgLen: number;
}

export interface TitleIndex {
  config: MatchConfig;
  /** Confidence model for titles, and for queries read as descriptions (their scores run on another scale). */
  calibration: Calibration;
  descriptionCalibration: Calibration;
  codes: string[];
  occTitles: string[];
  /** term → id; coarse stems are stored as "~stem". */
  terms: Map<string, number>;
  // Single titles.
  titleOcc: Int32Array;
  titleText: string[];
  titleField: MatchedField[];
  titleHead: Int32Array;
  titleNorm: Float64Array;
  titlePostings: Postings;
  titleIdf: Float64Array;
  // Occupation title bags.
  bagPostings: Postings;
  /** Per head term: the occupations with titles headed by it, and how many. */
  headPostings: Postings;
  bagIdf: Float64Array;
  bagLen: Float64Array;
  bagAvgLen: number;
  /** Title, description and task statements. */
  text: TextField;
  /** Titles of the Detailed Work Activities linked to the occupation's tasks. */
  activities: TextField;
  /** How often each term is the head word of a title (to find heads of "Director of Research"). */
  headFreq: Map<string, number>;
  /** Surface words of the corpus with their frequency in titles (+1 for text) — typo targets. */
  vocab: Map<string, number>;
  /** Vocabulary words by length, with their letter masks (a cheap filter before edit distance). */
  vocabByLength: { words: string[]; masks: Int32Array }[];
  /** Acronyms and abbreviations learnt from the corpus. */
  learnt: Map<string, LearntAbbreviation>;
}

// ---------------------------------------------------------------------------------------------
// Analysis of a title or query into terms.

/** A short form learnt from the corpus titles. */
export interface LearntAbbreviation {
  expansion: string[];
  /** Also an ordinary word in titles ("Pet Groomer" vs "PET Technologist"): expand only in capitals. */
  upperOnly: boolean;
}

interface Lexicon {
  learnt: Map<string, LearntAbbreviation>;
  headFreq?: Map<string, number>;
}

interface Words {
  /** Expanded, lower-case words in order, stop words removed. */
  words: string[];
  /** Main part (outside parentheses) head candidates: last content word, word before "of/for". */
  last?: string;
  beforeOf?: string;
}

const headBreakers = new Set(['of', 'for', 'in', 'to']);
const numeral = /^(i|ii|iii|iv|v|vi|\d+)$/;

/** Where a text comes from: titles are Title Case, queries may be anything, task text is prose. */
type Context = 'title' | 'query' | 'text';

/** The words a token stands for: itself, or the expansion of an abbreviation (null). */
function expansionOf(t: RawToken, lex: Lexicon, ctx: Context, shortQuery: boolean): readonly string[] | null {
  const a = abbreviationOf(t.text);
  if (a && (!a.upperOnly || t.upper || (shortQuery && t.text === 'it'))) return a.words;
  const l = lex.learnt.get(t.text);
  // Learnt short forms are often also words ("his", "assist"): in prose only when capitalised.
  if (l && (t.upper || (!l.upperOnly && ctx !== 'text' && !stopWords.has(t.text)))) return l.expansion;
  return null;
}

/** Words of tokens with abbreviations expanded; head candidates from the part outside parentheses. */
export function analyzeTokens(tokens: RawToken[], lex: Lexicon, ctx: Context, shortQuery = false): Words {
  const words: string[] = [];
  const main: string[] = [];
  const withHead = ctx !== 'text';
  const take = (w: string, paren: boolean) => {
    if (!stopWords.has(w)) words.push(w);
    if (withHead && !paren) main.push(w);
  };
  for (const t of tokens) {
    const e = expansionOf(t, lex, ctx, shortQuery);
    if (e === null) take(t.text, t.paren);
    else for (const w of e) take(w, t.paren);
  }
  const out: Words = { words };
  if (!withHead) return out;
  for (let i = main.length - 1; i >= 0; i--) {
    const w = main[i] as string;
    if (!stopWords.has(w) && !numeral.test(w)) {
      out.last = lightStem(w);
      break;
    }
  }
  const of = main.findIndex((w, i) => i > 0 && headBreakers.has(w));
  if (of > 0 && !stopWords.has(main[of - 1] as string)) out.beforeOf = lightStem(main[of - 1] as string);
  return out;
}

function pickHead(w: Words, headFreq: Map<string, number>): string | undefined {
  if (w.beforeOf && w.last && w.beforeOf !== w.last) {
    return (headFreq.get(w.beforeOf) ?? 0) > (headFreq.get(w.last) ?? 0) ? w.beforeOf : w.last;
  }
  return w.last;
}

// ---------------------------------------------------------------------------------------------
// Learning abbreviations from the corpus.

const joinWords = new Set(['and', 'of', 'the', 'for', 'in', 'to', 'on']);

/**
 * "CEO (Chief Executive Officer)", "Dyno Technician (Dynamometer Technician)", and O*NET's
 * (title, short title) pairs teach acronyms and word abbreviations. An acronym is kept when
 * at least two thirds of its sightings agree on the expansion; a word abbreviation only when
 * the short form is not an ordinary word of the corpus ("hand" is not short for "handler").
 */
export function learnAbbreviations(corpus: OccupationCorpus): Map<string, LearntAbbreviation> {
  const titles: TokenizedTitle[] = [];
  for (const o of corpus.occupations) {
    for (const t of [o.title, ...o.reportedTitles]) titles.push({ tokens: rawTokens(t) });
    for (const a of o.alternateTitles) {
      const title: TokenizedTitle = { tokens: rawTokens(a.title) };
      titles.push(title);
      if (a.shortTitle) {
        const short = { tokens: rawTokens(a.shortTitle) };
        titles.push(short);
        title.short = short.tokens;
      }
    }
  }
  return learnFromTitles(titles);
}

interface TokenizedTitle {
  tokens: RawToken[];
  /** O*NET's short form of this title, when given. */
  short?: RawToken[];
}

function learnFromTitles(titles: TokenizedTitle[]): Map<string, LearntAbbreviation> {
  const seen = new Map<string, Map<string, number>>();
  const note = (short: string, long: string[]) => {
    let m = seen.get(short);
    if (!m) seen.set(short, (m = new Map()));
    const k = long.join(' ');
    m.set(k, (m.get(k) ?? 0) + 1);
  };
  const wordCount = new Map<string, number>();
  const upperCount = new Map<string, number>();
  const pairs: [string[], string[]][] = [];
  const text = (ts: RawToken[]) => ts.map((t) => t.text);
  for (const t of titles) {
    for (const r of t.tokens) {
      wordCount.set(r.text, (wordCount.get(r.text) ?? 0) + 1);
      if (r.upper) upperCount.set(r.text, (upperCount.get(r.text) ?? 0) + 1);
    }
    const main = t.tokens.filter((r) => !r.paren);
    const gloss = t.tokens.filter((r) => r.paren);
    if (gloss.length > 0 && main.length > 0) pairs.push([text(main), text(gloss)]);
    if (t.short) pairs.push([text(t.short.filter((r) => !r.paren)), text(main)]);
  }
  const wordAbbr = new Set<string>();
  for (const [a, b] of pairs) {
    // "OTR Driver" / "Over the Road Driver": compare what differs.
    let i0 = 0;
    while (i0 < a.length - 1 && i0 < b.length - 1 && a[i0] === b[i0]) i0++;
    let k = 0;
    while (k < a.length - i0 - 1 && k < b.length - i0 - 1 && a[a.length - 1 - k] === b[b.length - 1 - k]) k++;
    const da = a.slice(i0, a.length - k);
    const db = b.slice(i0, b.length - k);
    for (const [s, l] of [
      [da, db],
      [db, da],
    ] as const) {
      if (s.length === 1 && l.length >= 2 && /^[a-z]{2,6}$/.test(s[0] as string) && isAcronymOf(s[0] as string, l)) {
        note(s[0] as string, l.filter((w) => !stopWords.has(w)));
      }
    }
    if (a.length === b.length) {
      for (let i = 0; i < a.length; i++) {
        const p = a[i] as string;
        const q = b[i] as string;
        if (p === q) continue;
        const [s, l] = p.length < q.length ? [p, q] : [q, p];
        if (s.length >= 2 && isAbbreviationOf(s, l) && !/[0-9]/.test(s + l)) {
          note(s, [l]);
          wordAbbr.add(s);
        }
      }
    }
  }
  const out = new Map<string, LearntAbbreviation>();
  for (const [short, m] of [...seen].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    if (abbreviationOf(short)) continue;
    const total = [...m.values()].reduce((s, v) => s + v, 0);
    const [best, n] = [...m].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0] as [string, number];
    if (n * 3 < total * 2) continue;
    // An ordinary word used as an abbreviation now and then is left alone.
    const plainUses = (wordCount.get(short) ?? 0) - total;
    if (wordAbbr.has(short) && plainUses > total) continue;
    const upper = upperCount.get(short) ?? 0;
    out.set(short, { expansion: best.split(' '), upperOnly: !wordAbbr.has(short) && (wordCount.get(short) ?? 0) - upper > upper });
  }
  return out;
}

function isAcronymOf(acr: string, words: string[]): boolean {
  // Match letters to word initials in order; joining words ("and", "of") may be skipped.
  const go = (i: number, j: number): boolean => {
    if (i === acr.length) return words.slice(j).every((w) => joinWords.has(w));
    if (j === words.length) return false;
    const w = words[j] as string;
    if (w[0] === acr[i] && go(i + 1, j + 1)) return true;
    // Two letters from one word ("HVAC": heating ventilation air conditioning is fine; "Dept")
    if (joinWords.has(w) && go(i, j + 1)) return true;
    return false;
  };
  return words.length <= 8 && go(0, 0);
}

// ---------------------------------------------------------------------------------------------
// Building the index.

/**
 * Term ids of one index build. A word's ids (its light stem, plus its coarse stem "~account"
 * when that differs) are memoised: the task text repeats the same few thousand words.
 */
class TermTable {
  readonly ids = new Map<string, number>();
  private readonly byWord = new Map<string, number[]>();
  private readonly byProseWord = new Map<string, number[]>();
  constructor(private readonly coarse: boolean) {}

  id(term: string): number {
    let i = this.ids.get(term);
    if (i === undefined) this.ids.set(term, (i = this.ids.size));
    return i;
  }

  wordIds(w: string): number[] {
    let r = this.byWord.get(w);
    if (!r) {
      const s = lightStem(w);
      r = [this.id(s)];
      if (this.coarse) {
        const c = coarseStem(w);
        if (c !== s) r.push(this.id('~' + c));
      }
      this.byWord.set(w, r);
    }
    return r;
  }

  /**
   * Ids of a word of prose: its light stem and always its coarse stem, so that "teach" (whose
   * coarse stem is itself) meets "teacher" and "teaching" on "~teach".
   */
  proseIds(w: string): number[] {
    let r = this.byProseWord.get(w);
    if (!r) {
      r = [this.id(lightStem(w))];
      if (this.coarse) r.push(this.id('~' + coarseStem(w)));
      this.byProseWord.set(w, r);
    }
    return r;
  }
}

/** Postings from (term, doc, tf) triples added in increasing doc order (counting sort by term). */
class PostingsBuilder {
  private terms: number[] = [];
  private docs: number[] = [];
  private tfs: number[] = [];
  add(term: number, doc: number, tf = 1): void {
    this.terms.push(term);
    this.docs.push(doc);
    this.tfs.push(tf);
  }
  build(nTerms: number, withTf: boolean): Postings {
    const offsets = new Int32Array(nTerms + 1);
    for (const t of this.terms) offsets[t + 1] = (offsets[t + 1] as number) + 1;
    for (let t = 0; t < nTerms; t++) offsets[t + 1] = (offsets[t + 1] as number) + (offsets[t] as number);
    const fill = offsets.slice(0, nTerms);
    const ids = new Int32Array(this.docs.length);
    const tf = withTf ? new Float32Array(this.docs.length) : undefined;
    for (let k = 0; k < this.terms.length; k++) {
      const at = fill[this.terms[k] as number] as number;
      fill[this.terms[k] as number] = at + 1;
      ids[at] = this.docs[k] as number;
      if (tf) tf[at] = this.tfs[k] as number;
    }
    return tf ? { offsets, ids, tf } : { offsets, ids };
  }
}

/** Term counts of one prose field, document by document; `finish` gives its postings (idf filled in later). */
function countField(
  docs: readonly (readonly string[])[],
  terms: TermTable,
  lex: Lexicon,
  vocab: Map<string, number>,
): { finish: (nTerms: number) => TextField } {
  const b = new PostingsBuilder();
  const len = new Float64Array(docs.length);
  // Per-document term counts in one reused array (the task text is most of the build's work).
  let counts = new Int32Array(1 << 15);
  const touched: number[] = [];
  docs.forEach((parts, o) => {
    for (const part of parts) {
      const tokens = rawTokens(part);
      for (const r of tokens) if (!vocab.has(r.text)) vocab.set(r.text, 1);
      for (const w of analyzeTokens(tokens, lex, 'text').words) {
        for (const id of terms.proseIds(w)) {
          if (id >= counts.length) {
            const grown = new Int32Array(Math.max(counts.length * 2, id + 1));
            grown.set(counts);
            counts = grown;
          }
          if (counts[id] === 0) touched.push(id);
          counts[id] = (counts[id] as number) + 1;
        }
      }
    }
    for (const t of touched) {
      b.add(t, o, counts[t] as number);
      len[o] = (len[o] as number) + (counts[t] as number);
      counts[t] = 0;
    }
    touched.length = 0;
  });
  return {
    finish: (nTerms) => ({
      postings: b.build(nTerms, true),
      idf: new Float64Array(nTerms),
      len,
      avgLen: len.reduce((s, v) => s + v, 0) / Math.max(1, docs.length),
    }),
  };
}

/** The distinct work activities of an occupation's tasks. */
function occupationActivities(occ: OccupationText): string[] {
  return [...new Set((occ.taskActivities ?? []).flat())];
}

const df = (p: Postings, t: number) => (p.offsets[t + 1] as number) - (p.offsets[t] as number);
const idf = (n: number, d: number) => Math.log(1 + (n - d + 0.5) / (d + 0.5));

export function buildTitleIndex(
  corpus: OccupationCorpus,
  config: Partial<MatchConfig> = {},
  calibration?: Calibration,
  descriptionCalibration?: Calibration,
): TitleIndex {
  const cfg: MatchConfig = { ...defaultMatchConfig, ...config, textMode: { ...defaultMatchConfig.textMode, ...config.textMode } };
  const occs = corpus.occupations;
  const nOcc = occs.length;

  // Every distinct title of every occupation, tokenized once.
  const titleOccL: number[] = [];
  const titleText: string[] = [];
  const titleField: MatchedField[] = [];
  const tokenized: TokenizedTitle[] = [];
  const vocab = new Map<string, number>();
  const addTitle = (o: number, text: string, field: MatchedField): TokenizedTitle => {
    const t: TokenizedTitle = { tokens: rawTokens(text) };
    titleOccL.push(o);
    titleText.push(text);
    titleField.push(field);
    tokenized.push(t);
    for (const r of t.tokens) vocab.set(r.text, (vocab.get(r.text) ?? 0) + 1);
    return t;
  };
  occs.forEach((occ, o) => {
    const seenHere = new Set<string>([occ.title.toLowerCase()]);
    addTitle(o, occ.title, 'title');
    for (const a of occ.alternateTitles) {
      const key = a.title.toLowerCase();
      const t = seenHere.has(key) ? undefined : addTitle(o, a.title, 'alternate');
      seenHere.add(key);
      if (a.shortTitle && !seenHere.has(a.shortTitle.toLowerCase())) {
        const s = addTitle(o, a.shortTitle, 'short');
        if (t) t.short = s.tokens;
        seenHere.add(a.shortTitle.toLowerCase());
      }
    }
    for (const r of occ.reportedTitles) {
      if (!seenHere.has(r.toLowerCase())) addTitle(o, r, 'reported');
      seenHere.add(r.toLowerCase());
    }
  });
  const learnt = cfg.learnAbbreviations ? learnFromTitles(tokenized) : new Map<string, LearntAbbreviation>();
  const lex: Lexicon = { learnt };
  const terms = new TermTable(cfg.coarse > 0 || cfg.textMode.coarse > 0);

  const nTitles = titleOccL.length;
  const titleWords = tokenized.map((t) => analyzeTokens(t.tokens, lex, 'title'));
  const headFreq = new Map<string, number>();
  for (const w of titleWords) if (w.last) headFreq.set(w.last, (headFreq.get(w.last) ?? 0) + 1);

  const titleB = new PostingsBuilder();
  const titleHead = new Int32Array(nTitles).fill(-1);
  // Titles bag: per occupation, how many of its titles contain each term.
  const bagCount: Map<number, number>[] = occs.map(() => new Map());
  const headCount: Map<number, number>[] = occs.map(() => new Map());
  const titleTerms: number[][] = new Array(nTitles);
  for (let i = 0; i < nTitles; i++) {
    const w = titleWords[i] as Words;
    const ids = [...new Set(w.words.flatMap((x) => terms.wordIds(x)))];
    titleTerms[i] = ids;
    const bag = bagCount[titleOccL[i] as number] as Map<number, number>;
    for (const t of ids) {
      titleB.add(t, i);
      bag.set(t, (bag.get(t) ?? 0) + 1);
    }
    const h = pickHead(w, headFreq);
    if (h !== undefined) {
      const hid = terms.id(h);
      titleHead[i] = hid;
      const hm = headCount[titleOccL[i] as number] as Map<number, number>;
      hm.set(hid, (hm.get(hid) ?? 0) + 1);
    }
  }

  const bagB = new PostingsBuilder();
  const bagLen = new Float64Array(nOcc);
  const headB = new PostingsBuilder();
  occs.forEach((_, o) => {
    for (const [t, c] of bagCount[o] as Map<number, number>) bagB.add(t, o, c);
    for (const [t, c] of headCount[o] as Map<number, number>) headB.add(t, o, c);
  });
  // Prose fields per occupation (term frequencies): description and tasks; work activities.
  const textCount = countField(occs.map((occ) => [occ.title, occ.description, ...occ.tasks]), terms, lex, vocab);
  const activityCount = countField(occs.map(occupationActivities), terms, lex, vocab);
  for (const o of titleOccL) bagLen[o] = (bagLen[o] as number) + 1;

  const nTerms = terms.ids.size;
  const titlePostings = titleB.build(nTerms, false);
  const bagPostings = bagB.build(nTerms, true);
  const headPostings = headB.build(nTerms, true);
  const text = textCount.finish(nTerms);
  const activities = activityCount.finish(nTerms);

  const termNames: string[] = new Array(nTerms);
  for (const [t, i] of terms.ids) termNames[i] = t;
  const titleIdf = new Float64Array(nTerms);
  const bagIdf = new Float64Array(nTerms);
  for (let t = 0; t < nTerms; t++) {
    const f = (termNames[t] as string).startsWith('~') ? cfg.coarse : 1;
    const bagDf = df(bagPostings, t);
    titleIdf[t] = f * (cfg.occupationIdf ? idf(nOcc, bagDf) : idf(nTitles, df(titlePostings, t)));
    bagIdf[t] = f * idf(nOcc, bagDf);
    // Prose fields keep the plain IDF: a query gives coarse stems their weight by mode.
    for (const field of [text, activities]) field.idf[t] = idf(nOcc, df(field.postings, t));
  }
  const titleNorm = new Float64Array(nTitles);
  titleTerms.forEach((ts, i) => {
    let s = 0;
    for (const t of ts) s += (titleIdf[t] as number) ** 2;
    titleNorm[i] = Math.sqrt(s);
  });

  const byLength: string[][] = [];
  for (const w of [...vocab.keys()].sort()) {
    if (/[0-9]/.test(w)) continue;
    (byLength[w.length] ??= []).push(w);
  }
  const vocabByLength = Array.from(byLength, (ws = []) => ({ words: ws, masks: Int32Array.from(ws, letterMask) }));

  return {
    config: cfg,
    calibration: calibration ?? defaultCalibration,
    descriptionCalibration: descriptionCalibration ?? defaultDescriptionCalibration,
    codes: occs.map((o) => o.code),
    occTitles: occs.map((o) => o.title),
    terms: terms.ids,
    titleOcc: Int32Array.from(titleOccL),
    titleText,
    titleField,
    titleHead,
    titleNorm,
    titlePostings,
    titleIdf,
    bagPostings,
    headPostings,
    bagIdf,
    bagLen,
    bagAvgLen: nTitles / Math.max(1, nOcc),
    text,
    activities,
    headFreq,
    vocab,
    vocabByLength,
    learnt,
  };
}

// ---------------------------------------------------------------------------------------------
// Queries.

interface QueryTerm {
  id: number;
  weight: number;
  /** A coarse stem ("~teach"): weighed by the mode's `coarse` in prose fields. */
  coarse: boolean;
}

/** Words that mark a query as someone describing their own work ("I teach…", "my team"). */
const firstPersonWords = new Set(['im', 'ive', 'my', 'we', 'our', 'myself']);

/**
 * A query is read as a description when it is long (more than `textModeWords` content words),
 * or when it is written in the first person with at least three content words: "I" and a word
 * opening the query, or "my", "we", "our" anywhere. Titles stay titles: "Accountant I" (a level),
 * "I&E Technician II" and "I/O Psychologist" (initials).
 */
function queryMode(raw: RawToken[], cfg: MatchConfig): 'title' | 'text' {
  const content = raw.filter((r) => !stopWords.has(r.text)).length;
  if (content > cfg.textModeWords) return 'text';
  if (!cfg.firstPerson || content < 3) return 'title';
  const next = raw[1]?.text ?? '';
  const opensWithI = raw[0]?.text === 'i' && /^[a-z]{2,}$/.test(next) && next !== 'and' && next !== 'or';
  // In capitals these are acronyms ("IM Physician"), not "I'm".
  return opensWithI || raw.some((r) => firstPersonWords.has(r.text) && !r.upper) ? 'text' : 'title';
}

const maxCorrections = 12;

/** Read a query: expand, correct unknown words, weight level words, find the head. */
export function analyzeQuery(index: TitleIndex, query: string): QueryAnalysis & { ids: QueryTerm[]; headId: number } {
  const cfg = index.config;
  const lex: Lexicon = { learnt: index.learnt };
  const raw = rawTokens(query);
  const shortQuery = raw.length <= 4;
  const mode = queryMode(raw, cfg);

  // Correct unknown surface words first, so the corrected text goes through the same analysis.
  // At most `maxCorrections` distinct unknown words are looked up: each costs a scan of the
  // vocabulary, and a long paste full of unknown words must stay fast.
  const corrections = new Map<string, string[]>();
  const tried = new Set<string>();
  if (cfg.correct) {
    for (const r of raw) {
      if (tried.has(r.text) || isKnown(index, r)) continue;
      if (tried.size >= maxCorrections) break;
      tried.add(r.text);
      const fix = correctWord(index, r.text);
      if (fix) corrections.set(r.text, fix);
    }
  }
  const fixedQuery = corrections.size
    ? raw.map((r) => (corrections.has(r.text) ? (corrections.get(r.text) as string[]).join(' ') : r.upper ? r.text.toUpperCase() : r.text)).join(' ')
    : query;
  const fromCorrection = new Set<string>();
  for (const ws of corrections.values()) for (const w of ws) fromCorrection.add(lightStem(w));

  const words = analyzeTokens(rawTokens(fixedQuery), lex, mode === 'text' ? 'text' : 'query', shortQuery);
  const head = pickHead(words, index.headFreq);
  const weights = new Map<string, { weight: number; from?: string }>();
  // How often a description repeats a word: a word said twice matters more (1 + ln n, as for document tf).
  const repeats = new Map<string, number>();
  const put = (term: string, weight: number, from?: string) => {
    const prev = weights.get(term);
    repeats.set(term, (repeats.get(term) ?? 0) + 1);
    if (!prev || prev.weight < weight) weights.set(term, from ? { weight, from } : { weight });
  };
  for (const w of words.words) {
    // A description's filler words and bare numbers ("14 year olds") say nothing about the work.
    if (mode === 'text' && (proseStopWords.has(w) || /^[0-9]+$/.test(w))) continue;
    const s = lightStem(w);
    let weight = 1;
    if (levelWords.has(w) && s !== head && mode === 'title') weight = cfg.level;
    if (fromCorrection.has(s)) weight *= mode === 'text' ? cfg.textMode.corrected : cfg.corrected;
    put(s, weight, fromCorrection.has(s) ? 'corrected' : undefined);
    if (mode === 'text' ? cfg.textMode.coarse > 0 : cfg.coarse > 0) {
      const c = coarseStem(w);
      if (c !== s || mode === 'text') put('~' + c, weight);
    }
  }
  if (mode === 'text' && cfg.textMode.agent > 0) {
    for (const a of agentNouns(rawTokens(fixedQuery), index.headFreq)) put(a, cfg.textMode.agent, 'agent');
  }
  if (mode === 'text') for (const [term, v] of weights) v.weight *= 1 + Math.log(repeats.get(term) as number);
  const ids: QueryTerm[] = [];
  const terms: QueryAnalysis['terms'] = [];
  for (const [term, v] of weights) {
    terms.push({ term, ...v });
    const id = index.terms.get(term);
    if (id !== undefined) ids.push({ id, weight: v.weight, coarse: term.startsWith('~') });
  }
  const headId = head === undefined ? -1 : (index.terms.get(head) ?? -1);
  const out: QueryAnalysis & { ids: QueryTerm[]; headId: number } = { terms, mode, ids, headId };
  if (head !== undefined) out.head = head;
  return out;
}

/**
 * "I teach …" → "teacher", "we bake …" → "baker": the agent noun of the verb a first-person
 * sentence opens with, when titles of the corpus are headed by it (at least `minAgentHeads`).
 */
export function agentNouns(raw: RawToken[], headFreq: Map<string, number>): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i++) {
    if (raw[i]?.text !== 'i' && raw[i]?.text !== 'we') continue;
    const v = (raw[i + 1] as RawToken).text;
    if (v.length < 3 || stopWords.has(v) || proseStopWords.has(v) || /[0-9]/.test(v)) continue;
    const stem = v.endsWith('e') ? v.slice(0, -1) : v;
    const forms = [stem + 'er', stem + (v.at(-1) as string) + 'er', stem + 'or', stem + 'ist'];
    const hit = forms.find((f) => (headFreq.get(f) ?? 0) >= minAgentHeads);
    if (hit && !out.includes(hit)) out.push(hit);
  }
  return out;
}
const minAgentHeads = 5;

function isKnown(index: TitleIndex, r: RawToken): boolean {
  if (index.vocab.has(r.text) || abbreviationOf(r.text) || index.learnt.has(r.text) || stopWords.has(r.text)) return true;
  if (/[0-9]/.test(r.text) || r.text.length <= 2) return true;
  return index.terms.has(lightStem(r.text));
}

/**
 * A known word (or two) for an unknown one: a run-together compound ("powerplant"), a typo
 * within edit distance 1 (2 for words of 8+ letters), or an abbreviation whose letters appear
 * in order in a frequent title word ("clrk" → "clerk"). Ties go to the word more titles use.
 */
export function correctWord(index: TitleIndex, w: string): string[] | undefined {
  const freq = (x: string) => index.vocab.get(x) ?? 0;
  for (let k = 3; k <= w.length - 3; k++) {
    const a = w.slice(0, k);
    const b = w.slice(k);
    if (freq(a) >= 2 && freq(b) >= 2) return [a, b];
  }
  if (w.length >= 4) {
    const max = w.length >= 8 ? 2 : 1;
    let best: string | undefined;
    let bestD = max + 1;
    let bestF = 0;
    const mask = letterMask(w);
    for (let len = w.length - max; len <= w.length + max; len++) {
      const bucket = index.vocabByLength[len];
      if (!bucket) continue;
      for (let k = 0; k < bucket.words.length; k++) {
        const v = bucket.words[k] as string;
        // Two edits only when the first letter agrees ("rhinologist" is not a typo of "philologist").
        const lim = v[0] === w[0] ? max : 1;
        if (popcount(mask ^ (bucket.masks[k] as number)) > 2 * lim) continue;
        const d = editDistance(w, v, Math.min(lim, bestD));
        if (d > lim) continue;
        const f = freq(v);
        if (d < bestD || (d === bestD && f > bestF)) {
          best = v;
          bestD = d;
          bestF = f;
        }
      }
    }
    if (best !== undefined && bestD <= max) return [best];
  }
  let best: string | undefined;
  let bestF = 2;
  for (let len = w.length + 1; len < Math.min(index.vocabByLength.length, w.length * 4); len++) {
    for (const v of index.vocabByLength[len]?.words ?? []) {
      const f = freq(v);
      if (f > bestF && isAbbreviationOf(w, v)) {
        best = v;
        bestF = f;
      }
    }
  }
  return best === undefined ? undefined : [best];
}

interface Scored {
  occ: number;
  score: number;
  bestTitle: number;
  textOnly: boolean;
}

/** Score every occupation for a query; returns them best first (ties by code). */
export function scoreOccupations(index: TitleIndex, q: { ids: QueryTerm[]; headId: number; mode: 'title' | 'text' }): Scored[] {
  const cfg = index.config;
  const w = q.mode === 'text' ? cfg.textMode : cfg;
  const nOcc = index.codes.length;
  const titleBest = new Float64Array(nOcc);
  const titleArg = new Int32Array(nOcc).fill(-1);
  const bag = new Float64Array(nOcc);
  const text = new Float64Array(nOcc);
  const act = new Float64Array(nOcc);

  // Single titles: cosine, best per occupation.
  let qNorm = 0;
  for (const t of q.ids) qNorm += (t.weight * (index.titleIdf[t.id] as number)) ** 2;
  qNorm = Math.sqrt(qNorm);
  if (qNorm > 0 && w.title > 0) {
    const tp = index.titlePostings;
    const dot = new Float64Array(index.titleOcc.length);
    const touched: number[] = [];
    for (const t of q.ids) {
      const v = t.weight * (index.titleIdf[t.id] as number) ** 2;
      for (let j = tp.offsets[t.id] as number; j < (tp.offsets[t.id + 1] as number); j++) {
        const i = tp.ids[j] as number;
        if (dot[i] === 0) touched.push(i);
        dot[i] = (dot[i] as number) + v;
      }
    }
    for (const i of touched) {
      let s = (dot[i] as number) / (qNorm * (index.titleNorm[i] as number));
      if (q.headId >= 0 && index.titleHead[i] === q.headId) s += cfg.head;
      const o = index.titleOcc[i] as number;
      if (s > (titleBest[o] as number) || (s === titleBest[o] && i < (titleArg[o] as number))) {
        titleBest[o] = s;
        titleArg[o] = i;
      }
    }
  }

  // Titles bag and text: BM25, normalised by the best possible score of the query.
  // Prose fields keep plain IDFs; the mode's coarse weight applies to the query's coarse stems.
  const proseCoarse = q.mode === 'text' ? cfg.textMode.coarse : cfg.coarse;
  // `gain` (k1 + 1 for prose) makes a word found once in a document of average length count in full.
  const bm25 = (p: Postings, idfs: Float64Array, len: Float64Array, avg: number, k1: number, b: number, into: Float64Array, coarse = 1, gain = 1) => {
    let max = 0;
    const tf = p.tf as Float32Array;
    for (const t of q.ids) {
      const wt = t.weight * (t.coarse ? coarse : 1) * (idfs[t.id] as number);
      max += wt;
      for (let j = p.offsets[t.id] as number; j < (p.offsets[t.id + 1] as number); j++) {
        const o = p.ids[j] as number;
        const f = tf[j] as number;
        into[o] = (into[o] as number) + (gain * wt * f) / (f + k1 * (1 - b + (b * (len[o] as number)) / avg));
      }
    }
    if (max > 0) for (let o = 0; o < into.length; o++) into[o] = (into[o] as number) / max;
  };
  if (w.bag > 0) bm25(index.bagPostings, index.bagIdf, index.bagLen, index.bagAvgLen, cfg.bagK1, cfg.bagB, bag);
  const k1 = q.mode === 'text' ? cfg.textMode.k1 : cfg.textK1;
  const b = q.mode === 'text' ? cfg.textMode.b : cfg.textB;
  const field = (f: TextField, into: Float64Array) => bm25(f.postings, f.idf, f.len, f.avgLen, k1, b, into, proseCoarse, k1 + 1);
  if (w.text > 0) field(index.text, text);
  if (w.activities > 0) field(index.activities, act);

  // Head bag: how much of the occupation's naming uses the query's head word.
  const heads = new Float64Array(nOcc);
  const hw = q.mode === 'text' ? 0 : cfg.headBag;
  if (hw > 0 && q.headId >= 0) {
    const p = index.headPostings;
    for (let j = p.offsets[q.headId] as number; j < (p.offsets[q.headId + 1] as number); j++) {
      const o = p.ids[j] as number;
      const f = (p.tf as Float32Array)[j] as number;
      heads[o] = f / (f + cfg.bagK1 * (1 - cfg.bagB + (cfg.bagB * (index.bagLen[o] as number)) / index.bagAvgLen));
    }
  }

  const out: Scored[] = [];
  for (let o = 0; o < nOcc; o++) {
    const prose = w.text * (text[o] as number) + w.activities * (act[o] as number);
    const s = w.title * (titleBest[o] as number) + w.bag * (bag[o] as number) + prose + hw * (heads[o] as number);
    if (s > 0) {
      const textOnly = (titleArg[o] as number) < 0 || (q.mode === 'text' && prose > w.title * (titleBest[o] as number));
      out.push({ occ: o, score: s, bestTitle: titleArg[o] as number, textOnly });
    }
  }
  out.sort((a, b) => b.score - a.score || (index.codes[a.occ] as string).localeCompare(index.codes[b.occ] as string));
  return out;
}

/** The best O*NET occupations for a job title or a job description, best first. */
export function matchTitle(index: TitleIndex, query: string, options: MatchOptions = {}): TitleMatch[] {
  const top = options.top ?? 5;
  const q = analyzeQuery(index, query);
  const scored = scoreOccupations(index, q);
  const confidence = candidateConfidences(
    q.mode === 'text' ? index.descriptionCalibration : index.calibration,
    scored.slice(0, Math.max(top, calibrationDepth)).map((s) => s.score),
  );
  return scored.slice(0, top).map((s, r) => {
    const matchedOn: TitleMatch['matchedOn'] =
      s.textOnly || s.bestTitle < 0
        ? { field: 'text', text: 'description and tasks' }
        : { field: index.titleField[s.bestTitle] as MatchedField, text: index.titleText[s.bestTitle] as string };
    return {
      code: index.codes[s.occ] as string,
      title: index.occTitles[s.occ] as string,
      score: s.score,
      confidence: confidence[r] as number,
      matchedOn,
    };
  });
}
