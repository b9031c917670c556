/** How numbers read on the dashboard. */

export const pct = (x: number | null | undefined, digits = 0): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(digits)}%`);

export const int = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : Math.round(x).toLocaleString('en-US'));

export const usd = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : `$${Math.round(x).toLocaleString('en-US')}`);

/** 1234567 -> "1.2 million"; 3.4e12 -> "$3.4 trillion" with money. */
export function big(x: number | null | undefined, money = false): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const units: [number, string][] = [
    [1e12, 'trillion'],
    [1e9, 'billion'],
    [1e6, 'million'],
  ];
  const sign = money ? '$' : '';
  for (const [v, name] of units) if (Math.abs(x) >= v) return `${sign}${(x / v).toFixed(1)} ${name}`;
  return `${sign}${Math.round(x).toLocaleString('en-US')}`;
}

export const range = (lo: number, hi: number, digits = 0): string => `${pct(lo, digits)}–${pct(hi, digits)}`;

export const SCORER_NAMES: Record<string, string> = {
  human: 'Human raters',
  gpt4: 'GPT-4',
  local: 'Built-in model',
  llm: 'LLM',
  llama: 'Local GGUF model',
};

export const scorerName = (s: string) => SCORER_NAMES[s] ?? s;

/** The words for ratings the built-in model filled in where a scorer has no published labels. */
export const MODEL_ESTIMATE = 'Built-in model (estimate)';

/**
 * Who rated an exposure, as the dashboard names it: "Human raters" and "GPT-4" only over their
 * published labels (ratedBy, src/scoring/taskScores.ts); the built-in model's estimates say so.
 */
export function raterName(scorer: string, ratedBy: string | null | undefined): string {
  if (ratedBy === 'model') return MODEL_ESTIMATE;
  if (ratedBy === 'published-occupation') return `${scorerName(scorer)} (published occupation score)`;
  return scorerName(scorer);
}

/** 3282010 -> "3.28M"; under a million, the whole number (the OEWS figure, rounded as BLS rounds it). */
export const workers = (x: number | null | undefined): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : Math.round(x).toLocaleString('en-US');

/**
 * Workers of an O*NET occupation as BLS publishes them: the SOC figure, and when several O*NET
 * occupations share it, what it covers — "3.28M (Registered Nurses and 4 related O*NET
 * occupations)" — never the equal split used in sums.
 */
export const workersText = (e: { employmentSoc: number | null; employmentNote: string | null }): string =>
  e.employmentNote && e.employmentSoc !== null ? `${workers(e.employmentSoc)} (${e.employmentNote})` : workers(e.employmentSoc);

export const EXPOSURE_MEANING: Record<string, string> = {
  E0: 'Not exposed: an LLM would not cut the time this task takes by half.',
  E1: 'Exposed: an LLM alone (e.g. a chat assistant) could cut the time by half or more at the same quality.',
  E2: 'Exposed with tools: software built on an LLM (search, spreadsheets, images) would cut the time by half or more.',
};

export const EXPOSURE_SHORT: Record<string, string> = { E0: 'Not exposed', E1: 'Exposed (LLM alone)', E2: 'Exposed (with LLM tools)' };

export const AUTOMATION_MEANING: Record<string, string> = {
  T0: 'T0: none — people do the task',
  T1: 'T1: low — the model does a small part',
  T2: 'T2: partial — the model does part, people do the rest',
  T3: 'T3: high — the model does it with occasional human oversight',
  T4: 'T4: full — the model does it on its own',
};

export const CLASS_PLAIN: Record<string, string> = {
  automation: 'High automation potential — highly exposed, and most exposed tasks could be done by the model with little oversight',
  augmentation: 'Augmentation-dominant — highly exposed, but people stay in the loop',
  moderate: 'Moderate exposure',
  low: 'Low exposure',
};

export const CLASS_SHORT: Record<string, string> = {
  automation: 'High automation potential',
  augmentation: 'Augmentation-dominant',
  moderate: 'Moderate',
  low: 'Low',
};
