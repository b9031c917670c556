/**
 * Measuring the title matcher honestly: hold out a random share of the O*NET alternate titles
 * (every occupation's copy of that title, and equal reported/short titles, leave the index),
 * query each held-out title, and count a hit when a returned code is one of the occupations
 * O*NET lists the title under (some titles belong to several). The confidence model is
 * cross-fitted on two halves of the held-out titles to measure its calibration out of sample.
 */
import { buildTitleIndex, matchTitle, analyzeQuery, scoreOccupations, type MatchConfig, type TitleIndex, type TitleMatch } from './match.js';
import { buildNgramIndex, matchNgram } from './matchBaseline.js';
import { calibrationDepth, candidateConfidences, fitCalibration, reliability, type Calibration, type CalibrationExample, type Reliability } from './matchCalibration.js';
import type { OccupationCorpus, OccupationText } from './onetCorpus.js';
import { mulberry32, shuffle, type Rng } from '../util/rng.js';

export interface HeldOutTitle {
  title: string;
  /** Every occupation O*NET lists this title under. */
  codes: string[];
}

export interface HoldOutSplit {
  corpus: OccupationCorpus;
  heldOut: HeldOutTitle[];
}

const titleKey = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').trim();

/** Remove a random share of the distinct alternate titles from the corpus (seeded). */
export function holdOutTitles(corpus: OccupationCorpus, share: number, seed: number): HoldOutSplit {
  const byKey = new Map<string, HeldOutTitle>();
  for (const o of corpus.occupations) {
    for (const a of o.alternateTitles) {
      const k = titleKey(a.title);
      const h = byKey.get(k);
      if (!h) byKey.set(k, { title: a.title, codes: [o.code] });
      else if (!h.codes.includes(o.code)) h.codes.push(o.code);
    }
  }
  const keys = shuffle([...byKey.keys()].sort(), mulberry32(seed));
  const chosen = new Set(keys.slice(0, Math.round(keys.length * share)));
  const heldOut = [...chosen].map((k) => byKey.get(k) as HeldOutTitle);
  const reduced: OccupationCorpus = {
    occupations: corpus.occupations.map((o) => ({
      ...o,
      alternateTitles: o.alternateTitles
        .filter((a) => !chosen.has(titleKey(a.title)))
        .map((a) => (a.shortTitle && chosen.has(titleKey(a.shortTitle)) ? { title: a.title } : a)),
      reportedTitles: o.reportedTitles.filter((r) => !chosen.has(titleKey(r))),
    })),
  };
  return { corpus: reduced, heldOut };
}

export interface Accuracy {
  top1: number;
  top5: number;
  count: number;
}

export interface EvaluationReport {
  seed: number;
  holdOut: number;
  heldOutTitles: number;
  /** Held-out titles listed under more than one occupation (any of them counts as right). */
  multiCodeTitles: number;
  buildMs: number;
  queriesPerSecond: number;
  matcher: Accuracy;
  baseline?: Accuracy & { buildMs: number; queriesPerSecond: number };
  /** Confidence model fitted on all held-out titles (what `defaultCalibration` holds). */
  calibration: Calibration;
  /** Reliability of the top candidate's confidence, cross-fitted (each half scored by the model fitted on the other). */
  reliability: Reliability;
  /** Reliability over all top-5 candidates, cross-fitted (each candidate's own confidence). */
  reliabilityAll: Reliability;
  /** Top-1 accuracy over the queries that returned a candidate, to compare with the mean confidence. */
  testTop1: number;
  /** Reliability of the top candidate's confidence under the index's own calibration (`defaultCalibration` unless given). */
  reliabilityDefault: Reliability;
}

export interface EvaluateOptions {
  holdOut?: number;
  seed?: number;
  config?: Partial<MatchConfig>;
  /** Also run the character n-gram baseline. */
  baseline?: boolean;
  /** Query only the first n held-out titles (quicker runs; the index still lacks all of them). */
  limit?: number;
  /** Rewrite each held-out title before querying (e.g. add "Senior"), to test robustness. */
  transform?: (title: string, rng: Rng) => string;
}

const hit = (codes: string[], truth: string[], k: number) => codes.slice(0, k).some((c) => truth.includes(c));

export function evaluateMatcher(corpus: OccupationCorpus, options: EvaluateOptions = {}): EvaluationReport {
  const share = options.holdOut ?? 0.1;
  const seed = options.seed ?? 1;
  const split = holdOutTitles(corpus, share, seed);
  const rng = mulberry32(seed ^ 0x5eed);
  const queries = split.heldOut.slice(0, options.limit ?? split.heldOut.length).map((h) => ({
    ...h,
    query: options.transform ? options.transform(h.title, rng) : h.title,
  }));

  let t = performance.now();
  const index = buildTitleIndex(split.corpus, options.config ?? {});
  const buildMs = performance.now() - t;

  t = performance.now();
  const runs = queries.map((q) => runQuery(index, q.query));
  const queryMs = performance.now() - t;

  // Calibration, cross-fitted: a model fitted on the even-numbered held-out titles scores the
  // odd ones and vice versa (the order is already random), so every reliability figure is
  // out-of-sample. The model returned for use is fitted on all of them.
  const correctOf = (i: number) => (runs[i] as Run).codes.map((c) => (queries[i] as HeldOutTitle).codes.includes(c));
  const examples = runs.map((r, i) => ({ scores: r.scores, correct: correctOf(i) }));
  const folds = [0, 1].map((f) => fitCalibration(examples.filter((_, i) => i % 2 === f)));
  const calibration = fitCalibration(examples);
  const topConf: number[] = [];
  const topOk: boolean[] = [];
  const allConf: number[] = [];
  const allOk: boolean[] = [];
  examples.forEach((e, i) => {
    if (e.scores.length === 0) return;
    const conf = candidateConfidences(folds[1 - (i % 2)] as Calibration, e.scores);
    conf.forEach((c, k) => {
      allConf.push(c);
      allOk.push(e.correct[k] as boolean);
    });
    topConf.push(conf[0] as number);
    topOk.push(e.correct[0] as boolean);
  });
  const withCandidates = examples.filter((e) => e.scores.length > 0);

  const report: EvaluationReport = {
    seed,
    holdOut: share,
    heldOutTitles: queries.length,
    multiCodeTitles: queries.filter((q) => q.codes.length > 1).length,
    buildMs,
    queriesPerSecond: queries.length / (queryMs / 1000),
    matcher: accuracy(queries.map((q, i) => [(runs[i] as Run).codes, q.codes])),
    calibration,
    reliability: reliability(topConf, topOk),
    reliabilityAll: reliability(allConf, allOk),
    testTop1: topOk.filter(Boolean).length / Math.max(1, topOk.length),
    reliabilityDefault: reliability(
      withCandidates.map((e) => candidateConfidences(index.calibration, e.scores)[0] as number),
      withCandidates.map((e) => e.correct[0] as boolean),
    ),
  };
  if (options.baseline) {
    t = performance.now();
    const b = buildNgramIndex(split.corpus);
    const bBuild = performance.now() - t;
    t = performance.now();
    const bRuns = queries.map((q) => matchNgram(b, q.query, 5).map((m) => m.code));
    const bMs = performance.now() - t;
    report.baseline = {
      ...accuracy(queries.map((q, i) => [bRuns[i] as string[], q.codes])),
      buildMs: bBuild,
      queriesPerSecond: queries.length / (bMs / 1000),
    };
  }
  return report;
}

interface Run {
  codes: string[];
  scores: number[];
}

function runQuery(index: TitleIndex, query: string): Run {
  const top = scoreOccupations(index, analyzeQuery(index, query)).slice(0, calibrationDepth);
  return { codes: top.map((s) => index.codes[s.occ] as string), scores: top.map((s) => s.score) };
}

function accuracy(pairs: [string[], string[]][]): Accuracy {
  let t1 = 0;
  let t5 = 0;
  for (const [codes, truth] of pairs) {
    if (hit(codes, truth, 1)) t1++;
    if (hit(codes, truth, 5)) t5++;
  }
  const n = Math.max(1, pairs.length);
  return { top1: t1 / n, top5: t5 / n, count: pairs.length };
}

export interface ParagraphReport extends Accuracy {
  queries: number;
  /** Reliability of the top candidate's confidence under the index's own calibration. */
  reliability: Reliability;
  /** Each query's top scores and which are right, to fit a confidence model for descriptions. */
  examples: CalibrationExample[];
}

/** How the held-out task statements are written as a query. */
export type ParagraphStyle = 'onet' | 'firstPerson';

/**
 * O*NET task statements open with an imperative verb ("Instruct students …"); written as one
 * first-person sentence they read more like a worker's own words: "I instruct students …, plan
 * … and grade …".
 */
export function firstPersonParagraph(tasks: string[]): string {
  const clauses = tasks.map((t) => {
    const s = t.trim().replace(/[.;]+$/, '');
    // Keep the capital of an acronym ("CNC", "IT"); lower-case an ordinary first word.
    return /^[A-Z][a-z]/.test(s) ? s[0]?.toLowerCase() + s.slice(1) : s;
  });
  const last = clauses.pop();
  if (last === undefined) return '';
  return `I ${clauses.length ? `${clauses.join(', ')} and ${last}` : last}.`;
}

/**
 * Job descriptions: for a random set of occupations with at least `tasksPerQuery + 3` tasks,
 * take `tasksPerQuery` of their task statements (and the work activities linked to them) out
 * of the index and query with them joined as one paragraph, as O*NET writes them or in the
 * first person. A hit is the occupation they came from.
 */
export function evaluateParagraphs(
  corpus: OccupationCorpus,
  options: { seed?: number; occupations?: number; tasksPerQuery?: number; config?: Partial<MatchConfig>; style?: ParagraphStyle } = {},
): ParagraphReport {
  const rng = mulberry32(options.seed ?? 1);
  const k = options.tasksPerQuery ?? 3;
  const eligible = corpus.occupations.filter((o) => o.tasks.length >= k + 3).map((o) => o.code);
  const picked = new Set(shuffle(eligible, rng).slice(0, options.occupations ?? 200));
  const queries: { code: string; text: string }[] = [];
  const reduced: OccupationCorpus = {
    occupations: corpus.occupations.map((o) => {
      if (!picked.has(o.code)) return o;
      const order = shuffle(o.tasks.map((_, i) => i), rng);
      const out = new Set(order.slice(0, k));
      const held = o.tasks.filter((_, i) => out.has(i));
      queries.push({ code: o.code, text: options.style === 'firstPerson' ? firstPersonParagraph(held) : held.join(' ') });
      // The held-out tasks' work activities go too: a DWA title is often a paraphrase of its task.
      const kept: OccupationText = { ...o, tasks: o.tasks.filter((_, i) => !out.has(i)) };
      if (o.taskActivities) kept.taskActivities = o.taskActivities.filter((_, i) => !out.has(i));
      return kept;
    }),
  };
  const index = buildTitleIndex(reduced, options.config ?? {});
  const results = queries.map((q) => matchTitle(index, q.text, { top: calibrationDepth }));
  const acc = accuracy(queries.map((q, i) => [(results[i] as TitleMatch[]).map((m) => m.code), [q.code]]));
  const answered = results.map((r, i) => [r[0], (queries[i] as { code: string }).code] as const).filter(([m]) => m !== undefined);
  const rel = reliability(
    answered.map(([m]) => (m as TitleMatch).confidence),
    answered.map(([m, code]) => (m as TitleMatch).code === code),
  );
  const examples = results.map((r, i) => ({ scores: r.map((m) => m.score), correct: r.map((m) => m.code === (queries[i] as { code: string }).code) }));
  return { ...acc, queries: queries.length, reliability: rel, examples };
}

/**
 * A confidence model for descriptions fitted on paragraph examples, and its reliability
 * cross-fitted (each half scored by the model fitted on the other half).
 */
export function fitDescriptionCalibration(examples: CalibrationExample[]): { calibration: Calibration; reliability: Reliability } {
  const folds = [0, 1].map((f) => fitCalibration(examples.filter((_, i) => i % 2 === f)));
  const conf: number[] = [];
  const ok: boolean[] = [];
  examples.forEach((e, i) => {
    if (e.scores.length === 0) return;
    conf.push(candidateConfidences(folds[1 - (i % 2)] as Calibration, e.scores)[0] as number);
    ok.push(e.correct[0] as boolean);
  });
  return { calibration: fitCalibration(examples), reliability: reliability(conf, ok) };
}

export interface DescriptionCase {
  text: string;
  /** Codes a careful reader would accept. */
  codes: string[];
}

export interface DescriptionReport extends Accuracy {
  /** Reliability of the top candidate's confidence (the index's own calibration). */
  reliability: Reliability;
  /** Each case's top-5 codes, in the order given. */
  results: { text: string; codes: string[]; found: string[] }[];
}

/**
 * Hand-written descriptions (fixtures/colloquialDescriptions.ts) against a full index: a hit
 * is any accepted code among the first one or five candidates.
 */
export function evaluateDescriptions(index: TitleIndex, cases: DescriptionCase[]): DescriptionReport {
  const results = cases.map((c) => ({ text: c.text, codes: c.codes, matches: matchTitle(index, c.text, { top: 5 }) }));
  const acc = accuracy(results.map((r) => [r.matches.map((m) => m.code), r.codes]));
  const answered = results.filter((r) => r.matches.length > 0);
  return {
    ...acc,
    reliability: reliability(
      answered.map((r) => (r.matches[0] as TitleMatch).confidence),
      answered.map((r) => r.codes.includes((r.matches[0] as TitleMatch).code)),
    ),
    results: results.map((r) => ({ text: r.text, codes: r.codes, found: r.matches.map((m) => m.code) })),
  };
}
