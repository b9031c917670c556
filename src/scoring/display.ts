/**
 * How a task rating reads to a person — the same in `jobshift score`, POST /api/score and the
 * dashboard, so these rules live here once (pure, and importing nothing: the dashboard imports
 * this file too; labels are the scorers' E0-E2 and T0-T4 strings).
 *
 *  - Not a task statement: a scorer that cannot read a text (the built-in model knows none or
 *    too few of its words, local/vocabulary.ts) gives no label, only this note.
 *  - Uncertain: a rating whose top probability is below one half is shown with that word and
 *    its probabilities; a 32/34/34 split is not a confident E2.
 *  - Automation is shown for exposed tasks only. The GPTs-are-GPTs automation rubric (T0 none …
 *    T4 full; Eloundou, Manning, Mishkin & Rock 2024, Science 384, supplementary rubric) rates
 *    how much of a task an LLM-powered system could do on its own. For an E0 task the same
 *    paper's exposure rubric says an LLM would not cut its time by half, so a T-level beside it
 *    ("not exposed" next to "high — the model does it") says nothing a reader can use and
 *    reads as a contradiction: it is shown as "— (not exposed)". The raw level stays in the
 *    data (CSV `automation`, the API's `automation`). Analysis already counts augmentation and
 *    `automationExposed` over exposed tasks only (analysis/exposure.ts); its `automation`
 *    share, the T3-T4 share of every rated task, is unchanged.
 */
/** The note of a text a scorer cannot read: no label is given. */
export const NOT_A_TASK_STATEMENT = 'not a task statement';

/** A rating whose top probability is below this is flagged `uncertain`. */
export const UNCERTAIN_BELOW = 0.5;

const percent = (x: number) => `${Math.round(x * 100)}%`;

/** True when no exposure label has probability of at least one half. */
export function isUncertain(p: readonly number[] | null | undefined): boolean {
  if (!p || p.length === 0) return false;
  return Math.max(...p) < UNCERTAIN_BELOW;
}

/** "E0 32%, E1 34%, E2 34%". */
export const probabilitiesText = (p: readonly number[]): string => p.map((x, k) => `E${k} ${percent(x)}`).join(', ');

/** "uncertain (E0 32%, E1 34%, E2 34%)" for a rating below the line; undefined otherwise. */
export function uncertaintyNote(p: readonly number[] | null | undefined): string | undefined {
  if (!p || !isUncertain(p)) return undefined;
  return `uncertain (${probabilitiesText(p)})`;
}

/** Notes joined into one (`; ` between), empty ones dropped. */
export const joinNotes = (...notes: (string | undefined | null)[]): string | undefined => notes.filter(Boolean).join('; ') || undefined;

/**
 * The automation level to show beside an exposure label: the level for an exposed task (E1,
 * E2); null for an E0 task (the rubric does not apply: see above) and for text without a label.
 */
export function shownAutomation<T extends string>(exposure: string | null | undefined, automation: T | null | undefined): T | null {
  if (!exposure || exposure === 'E0') return null;
  return automation ?? null;
}

/** What the automation cell says when no level is shown. */
export const automationAbsentText = (exposure: string | null | undefined): string => (exposure === 'E0' ? '— (not exposed)' : '—');
