/**
 * Grounding: every number in model-written prose must be one of the computed facts.
 *
 * The facts are the JSON the model was given. Each number in the prose is read with its
 * unit words ("31%", "0.31", "$2.3 trillion", "4.2 million workers", "1,540,000") and
 * compared with every number in the facts, allowing for how people write numbers:
 * - rounding to the digits shown ("31%" matches 0.3127; "30%" matches 0.2951: a number
 *   ending in zeros may be rounded to that place),
 * - percent vs share ("31%" or "31 percent" matches a share of 0.31),
 * - scale words ("4.2 million" matches 4,213,000; "$2.3 trillion" matches 2.31e12; also
 *   "thousand", "billion", "k", "m", "bn"),
 * - percentage points for differences that the facts state as shares.
 * Years that appear in the facts are numbers like any other; small counting numbers
 * (0–10 written bare, with no unit) are allowed, since prose counts things ("two groups").
 *
 * Pure functions; no I/O.
 */

export interface ProseNumber {
  /** The text as written, with its unit words ("4.2 million"). */
  text: string;
  /** Offset of `text` in the prose. */
  index: number;
  /** The number as written, without scale ("4.2"). */
  value: number;
  /** Multiplier from scale words (1e6 for "million"). */
  scale: number;
  percent: boolean;
  /** Half a unit of the last digit shown, in the written units (0.05 for "4.2"; 5 for "30"). */
  tolerance: number;
}

const SCALES: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  m: 1e6,
  mn: 1e6,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
  tn: 1e12,
  t: 1e12,
};

/**
 * A number: optional sign or currency, digits with thousands separators, decimals; then
 * optionally percent / percentage points / a scale word. Numbers glued to letters (E1, T3,
 * O*NET-SOC codes like 13-2011.00) are not prose numbers and are skipped by the caller.
 */
const NUMBER = /(?<![\w.])[-−]?\$?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s?(%|percent(?:age points?)?|pp\b|per cent)|\s?(thousand|million|billion|trillion|bn|mn|tn|[kmbt])\b)?/gi;

const RANGE_TAIL = /^\s?(?:[–-]|to)\s?\$?[\d,]+(?:\.\d+)?(?:\s?(%|percent(?:age points?)?|pp\b|per cent)|\s?(thousand|million|billion|trillion|bn|mn|tn)\b)/i;

/** Every number in `text` with its unit, in order. */
export function extractNumbers(text: string): ProseNumber[] {
  const out: ProseNumber[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const whole = m[0];
    const index = m.index!;
    const after = text.slice(index + whole.length, index + whole.length + 1);
    // Codes and identifiers: "13-2011", "T3", "2010-2018" handled as separate numbers; skip
    // numbers followed directly by a letter or digit group that belongs to a code.
    if (/^[A-Za-z]/.test(after) && !m[3] && !m[4]) continue;
    // Glued to a label: "E1", "T3", "GPT-4".
    if (/[A-Za-z*]-?$/.test(text.slice(Math.max(0, index - 2), index))) continue;
    const intPart = m[1]!.replace(/,/g, '');
    const frac = m[2] ?? '';
    const raw = Number(intPart + frac);
    if (!Number.isFinite(raw)) continue;
    const negative = /^[-−]/.test(whole) && !/\d-$/.test(text.slice(Math.max(0, index - 2), index + 1));
    const value = negative ? -raw : raw;
    // The first number of a range takes the unit of the second: "28–34%", "1.2–1.5 million".
    // ("538,000 to 5.29 million" is not a range of millions: only small numbers inherit.)
    const range = !m[3] && !m[4] && raw < 1000 ? RANGE_TAIL.exec(text.slice(index + whole.length)) : null;
    const unit = (m[3] ?? range?.[1] ?? '').toLowerCase();
    const scaleWord = (m[4] ?? range?.[2] ?? '').toLowerCase();
    const percent = unit !== '';
    const scale = scaleWord ? SCALES[scaleWord] ?? 1 : 1;
    out.push({ text: whole.trim(), index, value, scale, percent, tolerance: writtenTolerance(intPart, frac) });
  }
  return out;
}

/** Half a unit of the last significant digit shown: "4.2" -> 0.05; "31" -> 0.5; "30" -> 5; "1,500" -> 50. */
export function writtenTolerance(intPart: string, frac: string): number {
  if (frac.length > 1) return 0.5 * 10 ** -(frac.length - 1);
  const trailing = /0+$/.exec(intPart)?.[0].length ?? 0;
  const zeros = intPart === '0' ? 0 : Math.min(trailing, intPart.length - 1);
  return 0.5 * 10 ** zeros;
}

/**
 * Every finite number in a JSON-like value (object values, array items), deduplicated; numbers
 * written inside strings count too ("Wage quintile 5", "May 2024"), since prose may repeat a label.
 */
export function factNumbers(facts: unknown): number[] {
  const out = new Set<number>();
  const walk = (x: unknown) => {
    if (typeof x === 'number' && Number.isFinite(x)) out.add(x);
    else if (typeof x === 'string') for (const n of extractNumbers(x)) out.add(n.percent ? n.value / 100 : n.value * n.scale);
    else if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') Object.values(x).forEach(walk);
  };
  walk(facts);
  return [...out];
}

/** Bare integers this small, with no unit, are counting words ("two groups", "5 measures"). */
const SMALL_COUNT = 10;

/** The fact a prose number stands for, or null when none is within rounding of it. */
export function matchNumber(n: ProseNumber, facts: number[]): number | null {
  if (!n.percent && n.scale === 1 && Number.isInteger(n.value) && Math.abs(n.value) <= SMALL_COUNT) return n.value;
  // Slack for floating point and for rounding twice (the model may round an already-rounded fact).
  const tol = n.tolerance * 1.02 + 1e-9;
  for (const f of facts) {
    for (const sign of [1, -1]) {
      const v = sign * n.value;
      if (sign === -1 && v === n.value) continue;
      if (n.percent) {
        // "31%" is a share of 0.31, or a fact already stated in percent (31).
        if (Math.abs(f * 100 - v) <= tol || Math.abs(f - v) <= tol) return f;
      } else if (n.scale !== 1) {
        if (Math.abs(f - v * n.scale) <= tol * n.scale) return f;
      } else {
        // A bare number: the fact as is (a count written in full, a correlation, a year).
        if (Math.abs(f - v) <= tol) return f;
      }
    }
  }
  return null;
}

export interface CheckedPassage {
  /** The prose with every sentence holding an unmatched number removed. */
  text: string;
  /** Numbers that matched a fact. */
  grounded: { text: string; fact: number }[];
  /** Numbers that matched nothing (each removed with its sentence). */
  removed: { text: string; sentence: string }[];
}

/** Sentences, keeping their end punctuation; decimals and abbreviations like "et al." stay inside. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  const re = /[.!?](?=\s+[A-Z("“]|\s*$)/g;
  for (const m of text.matchAll(re)) {
    const end = m.index! + 1;
    const piece = text.slice(start, end);
    if (/\b(et al|e\.g|i\.e|cf|vs|approx|no)\.$/i.test(piece)) continue;
    out.push(piece.trim());
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out.filter((s) => s.length > 0);
}

/**
 * Check every number in a passage against the facts; remove each sentence that holds a number
 * with no match. The passage is flagged (removed.length > 0) so the report can say so.
 */
export function groundPassage(text: string, facts: unknown): CheckedPassage {
  const numbers = factNumbers(facts);
  const grounded: CheckedPassage['grounded'] = [];
  const removed: CheckedPassage['removed'] = [];
  const paragraphs = text.split(/\n\s*\n/);
  const kept = paragraphs.map((p) => {
    const keep: string[] = [];
    for (const s of sentences(p.replace(/\s*\n\s*/g, ' '))) {
      const found = extractNumbers(s);
      const bad = found.filter((n) => matchNumber(n, numbers) === null);
      for (const n of found) {
        const f = matchNumber(n, numbers);
        if (f !== null) grounded.push({ text: n.text, fact: f });
      }
      if (bad.length) for (const b of bad) removed.push({ text: b.text, sentence: s });
      else keep.push(s);
    }
    return keep.join(' ');
  });
  return { text: kept.filter((p) => p.trim()).join('\n\n'), grounded, removed };
}
