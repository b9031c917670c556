/**
 * The rubrics the llm and llama scorers ask with, as plain data: a registry of exposure rubrics
 * (id, title, citation, whether the text is verbatim and where it was copied from, what it
 * changes from the published rubric and why, the prompt builders, the labels it asks for and
 * how they map to E0/E1/E2), the automation question, and the machinery every question shares:
 * the JSON answer schema (response_format / llama grammar), its validation and the repair
 * message.
 *
 * - eloundou2023 (default): the published GPTs-are-GPTs rubric, verbatim (rubrics/eloundou2023.ts).
 * - modern2025: jobshift's rewording, with its changes listed (rubrics/modern2025.ts).
 * - automation (T0–T4): jobshift's own wording, unverified (rubrics/automation.ts).
 *
 * Exposure and automation are separate requests. Change anything in a prompt or schema -> bump
 * that rubric's `version`: the id, the version and the question are part of every cache key, so
 * an answer to one prompt is never reused for another.
 */
import { z } from 'zod';
import { InputError } from '../util/errors.js';
import { AUTOMATION_CAVEAT, AUTOMATION_JOBSHIFT } from './rubrics/automation.js';
import { ELOUNDOU2023 } from './rubrics/eloundou2023.js';
import { answerShape, type RubricTask } from './rubrics/format.js';
import { MODERN2025 } from './rubrics/modern2025.js';
import type { AutomationLabel, ExposureLabel } from './taskScores.js';

export type { RubricTask } from './rubrics/format.js';
export { AUTOMATION_CAVEAT } from './rubrics/automation.js';

export type RubricQuestion = 'exposure' | 'automation';

/** Where a verbatim rubric's text was copied from. */
export interface RubricSource {
  repository: string;
  path: string;
  commit: string;
  /** Which part of the prompt comes from this file. */
  passage: string;
}

/** One way a rubric departs from the published text, and the reason. */
export interface RubricChange {
  change: string;
  why: string;
}

interface RubricBase {
  id: string;
  /** Bumped with any change to the prompt or the schema; part of the cache key. */
  version: string;
  title: string;
  citation: string;
  /** True when the rubric text is the published one, copied as is (see `sources`). */
  verbatim: boolean;
  sources: readonly RubricSource[];
  /** What differs from the published rubric, and why (empty for a verbatim rubric). */
  changes: readonly RubricChange[];
  /** What a reader of the output should know (known gaps of a copy, unverified wording). */
  caveats: readonly string[];
  /** The labels the model may answer. */
  labels: readonly string[];
  system: string;
  user(task: RubricTask): string;
}

export interface ExposureRubric extends RubricBase {
  question: 'exposure';
  /** Each answered label as E0/E1/E2 (eloundou2023: E3 -> E2). */
  toExposure: Readonly<Record<string, ExposureLabel>>;
  /** The mapping, said in a sentence with its source. */
  mapping: string;
}

export interface AutomationRubric extends RubricBase {
  question: 'automation';
  labels: readonly AutomationLabel[];
}

export type Rubric = ExposureRubric | AutomationRubric;

/** Every exposure rubric, the default first. */
export const EXPOSURE_RUBRICS: readonly ExposureRubric[] = [ELOUNDOU2023, MODERN2025];
export const RUBRIC_IDS: readonly string[] = EXPOSURE_RUBRICS.map((r) => r.id);
export const DEFAULT_RUBRIC_ID = ELOUNDOU2023.id;
/** The automation question every model scorer asks (there is one T-rubric). */
export const AUTOMATION_RUBRIC: AutomationRubric = AUTOMATION_JOBSHIFT;

/** The exposure rubric with this id (default eloundou2023); an InputError listing the ids otherwise. */
export function getRubric(id: string = DEFAULT_RUBRIC_ID): ExposureRubric {
  const rubric = EXPOSURE_RUBRICS.find((r) => r.id === id);
  if (!rubric) throw new InputError(`unknown rubric "${id}" (available: ${RUBRIC_IDS.join(', ')})`, { field: 'rubric' });
  return rubric;
}

/** "exposure:eloundou2023@2026-11-2": the question, rubric and version an answer belongs to. */
export const rubricTag = (r: Rubric): string => `${r.question}:${r.id}@${r.version}`;

// ---------- answers

export interface RubricAnswer {
  /** The label as the model answered it (e.g. E3). */
  label: string;
  rationale: string;
}

/**
 * The answer's JSON schema, for `response_format: json_schema` (strict: every property required,
 * no others) and for llama's JSON grammar. `rationaleMaxLength` bounds the rationale so that a
 * constrained local model always closes the object within its token budget.
 */
export function answerJsonSchema(rubric: Rubric, options: { rationaleMaxLength?: number } = {}): { name: string; schema: Record<string, unknown> } {
  return {
    name: `task_${rubric.question}`,
    schema: {
      type: 'object',
      properties: {
        [rubric.question]: { type: 'string', enum: [...rubric.labels] },
        rationale: options.rationaleMaxLength ? { type: 'string', maxLength: options.rationaleMaxLength } : { type: 'string' },
      },
      required: [rubric.question, 'rationale'],
      additionalProperties: false,
    },
  };
}

function answerSchema(rubric: Rubric) {
  return z.object({ [rubric.question]: z.enum(rubric.labels as [string, ...string[]]), rationale: z.string() });
}

/** Parse and validate a model's answer; `{ problem }` says what is wrong, in one line. */
export function parseAnswer(rubric: Rubric, text: string): { answer: RubricAnswer } | { problem: string } {
  // Some servers wrap JSON in a Markdown fence even when asked not to.
  const body = text
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '');
  if (!body) return { problem: 'the answer is empty' };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (err) {
    return { problem: `the answer is not JSON (${(err as Error).message.split('\n')[0]}): ${JSON.stringify(body.slice(0, 60))}` };
  }
  const parsed = answerSchema(rubric).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `"${issue.path.join('.')}"` : 'the answer';
    return { problem: `${where}: ${issue.message}` };
  }
  const data = parsed.data as Record<string, string>;
  return { answer: { label: data[rubric.question]!, rationale: data.rationale! } };
}

/** The message that asks for a corrected answer (the one repair retry). */
export function repairMessage(rubric: Rubric, task: RubricTask, answer: string, problem: string): string {
  return `${rubric.user(task)}\n\nYour previous answer was:\n${answer.slice(0, 2000)}\n\nIt is not valid: ${problem}\nAnswer again with exactly one JSON object ${answerShape(rubric.question, rubric.labels)} and nothing else.`;
}

// ---------- what outputs say about a rubric

/** The rubric as the `score` summary, the API and reports show it. */
export interface RubricSummary {
  id: string;
  version: string;
  title: string;
  citation: string;
  verbatim: boolean;
  sources: RubricSource[];
  changes: RubricChange[];
  caveats: string[];
  labels: string[];
  mapping: string;
  /** The automation question, when it was asked. */
  automation?: { id: string; version: string; title: string; verbatim: boolean; caveat: string };
}

export function rubricSummary(rubric: ExposureRubric, automation: AutomationRubric | undefined = AUTOMATION_RUBRIC): RubricSummary {
  return {
    id: rubric.id,
    version: rubric.version,
    title: rubric.title,
    citation: rubric.citation,
    verbatim: rubric.verbatim,
    sources: [...rubric.sources],
    changes: [...rubric.changes],
    caveats: [...rubric.caveats],
    labels: [...rubric.labels],
    mapping: rubric.mapping,
    ...(automation ? { automation: { id: automation.id, version: automation.version, title: automation.title, verbatim: automation.verbatim, caveat: AUTOMATION_CAVEAT } } : {}),
  };
}

/** One sentence naming the exposure rubric and its source, for describe() and methods notes. */
export function rubricNote(rubric: ExposureRubric): string {
  const where = rubric.sources.map((s) => `${s.repository}@${s.commit.slice(0, 7)}`).join(', ');
  return rubric.verbatim
    ? `exposure rubric ${rubric.id}: the published GPTs-are-GPTs rubric (Eloundou et al. 2024, appendix "Exposure rubric"), verbatim as reproduced in public code (${where}); ${rubric.mapping}`
    : `exposure rubric ${rubric.id}: ${rubric.title}; changes from the published rubric: ${rubric.changes.map((c) => c.change).join('; ')}`;
}

/** One sentence on the automation question, with its caveat. */
export const automationNote = (r: AutomationRubric = AUTOMATION_RUBRIC): string =>
  `automation ${r.labels[0]}–${r.labels.at(-1)} asked in a separate request with ${r.id} (jobshift's own wording; ${AUTOMATION_CAVEAT})`;

// ---------- which rubric a stored score came from (task_scores.run_id)

/** The run id of an `--onet` run: when it started and the rubric tags its answers were asked with. */
export function runIdFor(startedAt: string, rubric?: ExposureRubric, automation?: AutomationRubric): string {
  if (!rubric) return startedAt;
  return `${startedAt};${rubricTag(rubric)}${automation ? `;${rubricTag(automation)}` : ''}`;
}

/** The exposure rubric ids and versions named in run ids ('' for runs that named none). */
export function rubricsOfRuns(runIds: readonly (string | null)[]): { id: string; version: string }[] {
  const seen = new Map<string, { id: string; version: string }>();
  for (const run of runIds) {
    const m = /;exposure:([^@;]+)@([^;]+)/.exec(run ?? '');
    const key = m ? `${m[1]}@${m[2]}` : '';
    if (!seen.has(key)) seen.set(key, m ? { id: m[1]!, version: m[2]! } : { id: '', version: '' });
  }
  // In id order, whatever order the store returns the runs in ('' — not recorded — first).
  return [...seen.values()].sort((a, b) => a.id.localeCompare(b.id) || a.version.localeCompare(b.version));
}

/** Which rubric the stored llm/llama scores were asked with (from their run ids), with the automation caveat. */
export function storedRubricNote(runIds: readonly (string | null)[]): string {
  const notes = rubricsOfRuns(runIds).map(({ id, version }) => {
    if (!id) return 'rubric not recorded (scored before jobshift named its rubrics, with its combined paraphrased prompt)';
    const rubric = EXPOSURE_RUBRICS.find((r) => r.id === id);
    return rubric ? `${rubricNote(rubric)} (version ${version})` : `exposure rubric ${id} (version ${version}; not known to this jobshift)`;
  });
  return `${notes.length > 1 ? `mixed rubrics: ${notes.join(' | ')}` : (notes[0] ?? 'rubric not recorded')}; ${automationNote()}`;
}
