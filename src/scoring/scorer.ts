/**
 * The one interface every scorer implements: local (the built-in model), human and gpt4 (the
 * published GPTs-are-GPTs labels, the local model filling gaps), llm (any OpenAI-compatible
 * chat-completions server) and llama (a local GGUF model through node-llama-cpp).
 *
 * Rubric: Eloundou, Manning, Mishkin & Rock (2024), "GPTs are GPTs: Labor market impact
 * potential of LLMs", Science 384 — E0 no exposure; E1 an LLM alone cuts the time a worker
 * needs by at least half at equal quality; E2 it would with software built on an LLM.
 * Automation levels T0 (none) … T4 (full automation) are their automation rubric.
 */
import type { AutomationLabel, ExposureLabel, ScorerName } from './taskScores.js';

/** A task statement (or a sentence from a job description) to rate. */
export interface TaskInput {
  text: string;
  /** Occupation or job title, when known. */
  title?: string;
  /** O*NET Task ID, when the task is one O*NET knows. */
  taskId?: number;
  /** O*NET-SOC code, when known. */
  onetCode?: string;
}

export interface TaskRating {
  exposure: ExposureLabel;
  /** Probabilities of E0, E1, E2 (a one-hot vector for labels without probabilities). */
  p: [number, number, number];
  automation: AutomationLabel | null;
  /** Flags a person should see, e.g. "gap: no published label, rated by the local model". */
  note?: string;
  /** A model's short reason for the exposure label (llm, llama). */
  rationale?: string;
  /** The exposure label as the model answered it, when the rubric maps it (eloundou2023: E3, counted as E2). */
  rawExposure?: string;
  /** A model's short reason for the automation level, asked in its own request (llm, llama). */
  automationRationale?: string;
}

/** A task that could not be rated, with the reason (never silently labelled). */
export interface RatingFailure {
  error: string;
  /**
   * The scorer's answer rather than a fault: it cannot read the text as a task statement
   * (`error` is then NOT_A_TASK_STATEMENT, display.ts). Shown as a note without a label, not
   * counted as failed.
   */
  unreadable?: true;
}

export type RatingResult = TaskRating | RatingFailure;

export const isFailure = (r: RatingResult | undefined): r is RatingFailure => !!r && 'error' in r;

/** A text the scorer answered it cannot read: no label (RatingFailure.unreadable). */
export const isUnreadable = (r: RatingResult | undefined): r is RatingFailure & { unreadable: true } => isFailure(r) && r.unreadable === true;

export interface RateOptions {
  /** Called with the number of tasks finished so far (in any order). */
  progress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Token and request accounting for model-backed scorers. */
export interface ScorerUsage {
  requests: number;
  cached: number;
  failed: number;
  promptTokens: number;
  completionTokens: number;
  /** Estimated cost in US dollars when prices are known (JOBSHIFT_LLM_PRICE_IN/OUT per 1M tokens). */
  costUsd?: number;
}

export interface Scorer {
  name: ScorerName;
  /** What produced the ratings, for the output and the methods note, e.g. "local model v1 (seed 1)". */
  describe(): string;
  /** Rate tasks; the result has one entry per input, in the same order. */
  rate(tasks: TaskInput[], options?: RateOptions): Promise<RatingResult[]>;
  usage?(): ScorerUsage;
  close?(): Promise<void>;
}

export const oneHot = (e: ExposureLabel): [number, number, number] =>
  e === 'E0' ? [1, 0, 0] : e === 'E1' ? [0, 1, 0] : [0, 0, 1];

export const EXPOSURE_LABELS: readonly ExposureLabel[] = ['E0', 'E1', 'E2'];
export const AUTOMATION_LABELS: readonly AutomationLabel[] = ['T0', 'T1', 'T2', 'T3', 'T4'];
