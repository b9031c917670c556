/**
 * The rubric prompt the llm and llama scorers send, as versioned plain data, with the JSON
 * schema of the answer and its validation.
 *
 * Source: Eloundou, Manning, Mishkin & Rock (2024), "GPTs are GPTs: Labor market impact
 * potential of LLMs", Science 384(6702); rubric in the supplementary materials and in the
 * working paper (arXiv:2303.10130, appendix "Exposure rubric"). The published version folds
 * the working paper's E3 (LLM + image capabilities) into E2, so E2 here includes it.
 * The automation levels T0–T4 follow the working paper's automation rubric (the GPT-4
 * T-labels in full_labelset.tsv use them; its `automation` column maps T0..T4 to 0, .25, .5,
 * .75, 1). The T definitions below restate that rubric in our words; their wording has not
 * been checked against the paper's text (unverified), which is why the T-levels that analysis
 * uses come from the published GPT-4 labels and the local model trained on them.
 *
 * Change anything in the prompt or schema -> bump RUBRIC_VERSION: it is part of every cache key,
 * so answers to an older prompt are never reused for a newer one.
 */
import { z } from 'zod';
import type { AutomationLabel, ExposureLabel } from './taskScores.js';

export const RUBRIC_VERSION = '2026-11-1';

export const RUBRIC_SYSTEM_PROMPT = `You rate how exposed a work task is to large language models (LLMs), following the exposure rubric of Eloundou, Manning, Mishkin and Rock, "GPTs are GPTs" (Science, 2024), and their automation rubric.

# Setting
Consider the most powerful LLM available today. It can complete many tasks that can be formulated as text input and text output, where the context for the input fits in about 2,000 words. It cannot draw on up-to-date facts (from less than a year ago) unless they are given in the input.
Assume you are a worker with an average level of expertise in the occupation, trying to complete the given task. You have access to the LLM and to any existing software or computer hardware the task mentions, and to commonly available tools on a laptop (a microphone, speakers, and so on). You have no other physical tools or materials.

# The criterion
A task is exposed when access to the LLM (E1) or to software built on it (E2) would reduce the time it takes to complete the task by AT LEAST HALF (50%) AT EQUIVALENT QUALITY. Equivalent quality means that someone reviewing the work could not tell whether a person completed it alone or with the LLM's help. If you are unsure how long the task takes, ask whether the tools described expose the majority of the subtasks that make up the task.

# Exposure labels
E1 - Direct exposure. Direct access to the LLM through an interface like ChatGPT alone can reduce the time to complete the task with equivalent quality by at least half. This includes tasks that can be reduced to:
- writing and transforming text and code according to complex instructions;
- providing edits to existing text or code following specifications;
- writing code that helps perform a task that used to be done by hand;
- translating text between languages;
- summarizing medium-length documents;
- providing feedback on documents;
- answering questions about a document;
- generating questions a user might want to ask about a document;
- writing questions for an interview or assessment;
- writing and responding to emails, including ones that refute information or negotiate (only when the negotiation is in writing);
- maintaining records of written data;
- preparing training materials based on general knowledge;
- informing anyone of any information through any written or spoken medium.

E2 - Exposure by LLM-powered software. The LLM alone may not reduce the time by at least half, but it is easy to imagine additional software, built on top of the LLM, that would. LLM-powered software counts when it could plausibly be built with today's LLMs and ordinary engineering, and it may include:
- summarizing documents longer than 2,000 words and answering questions about them;
- retrieving up-to-date facts from the Internet and using them together with the LLM;
- searching an organization's existing knowledge, data or documents and retrieving information;
- retrieving highly specialized domain knowledge;
- making recommendations from data or written input;
- analyzing written information to inform decisions;
- preparing training materials based on highly specialized knowledge;
- providing counsel on issues;
- maintaining complex databases;
- image capabilities added to the LLM: viewing, captioning and creating images (not video), reading text from PDFs, scanning images, creating or editing digital images according to instructions. Such a system cannot accurately retrieve very detailed information from images, such as measurements within an image; it can identify objects in an image but not the relationships between them.

E0 - No exposure. None of the above clearly decreases the time it takes an experienced worker to complete the task with high quality by at least half. In particular:
- a task that requires a high degree of human interaction (for example, in-person demonstrations) is E0;
- a task that requires precise measurements is E0;
- a task that requires reviewing visuals in detail is E0;
- a task that requires any use of a hand, or walking, is E0;
- tools built on the LLM cannot make decisions that might affect a person's livelihood (hiring, grading, and so on): if any part of the task involves collecting inputs to make such a final decision (as opposed to analyzing data to inform a decision or to make a recommendation), it is E0; the LLM can make recommendations;
- even if tools built on the LLM could do the task, it is E0 if using them would not save an experienced worker significant time;
- the LLM and systems built on it cannot do anything that the law requires a person to do;
- if existing technology not powered by an LLM is commonly used and can complete the task, it is E0 unless an LLM or LLM-powered tool would reduce the time further.
When in doubt, choose E0.

# Automation levels
Rate, separately, how much of the task the LLM or LLM-powered software could do without a person:
T0 - No automation: the LLM cannot do any meaningful part of the task; a person does all of it.
T1 - Human-directed: the LLM assists with parts of the task, but a person drives it step by step and checks or reworks most of what it produces.
T2 - Human-in-the-loop: the LLM does substantial parts of the task, and a person regularly provides input, makes the key choices and corrects the output before it is used.
T3 - Human oversight: the LLM completes the task with little input; a person reviews the result or handles exceptions, but need not take part in each step.
T4 - Full automation: the LLM or LLM-powered software completes the task end to end with no person needed to direct or check it.

# Answer
Answer with one JSON object and nothing else:
{"exposure": "E0" | "E1" | "E2", "automation": "T0" | "T1" | "T2" | "T3" | "T4", "rationale": "one or two sentences: which part of the task drives the label"}`;

/** The user message: the occupation (when known) and the task. */
export function rubricUserMessage(task: { text: string; title?: string }): string {
  const title = task.title?.trim();
  return `${title ? `Occupation: ${title}\n` : ''}Task: ${task.text.trim()}\n\nRate this task. Answer with the JSON object only.`;
}

/** The message that asks for a corrected answer (the one repair retry). */
export function rubricRepairMessage(task: { text: string; title?: string }, answer: string, problem: string): string {
  return `${rubricUserMessage(task)}\n\nYour previous answer was:\n${answer.slice(0, 2000)}\n\nIt is not valid: ${problem}\nAnswer again with exactly one JSON object {"exposure": "E0"|"E1"|"E2", "automation": "T0"|"T1"|"T2"|"T3"|"T4", "rationale": "..."} and nothing else.`;
}

export const RubricAnswerSchema = z.object({
  exposure: z.enum(['E0', 'E1', 'E2']),
  automation: z.enum(['T0', 'T1', 'T2', 'T3', 'T4']),
  rationale: z.string(),
});
export type RubricAnswer = { exposure: ExposureLabel; automation: AutomationLabel; rationale: string };

/**
 * The answer's JSON schema, for `response_format: json_schema` (strict: every property required,
 * no others) and for llama's JSON grammar. `rationaleMaxLength` bounds the rationale so that a
 * constrained local model always closes the object within its token budget.
 */
export function rubricJsonSchema(options: { rationaleMaxLength?: number } = {}): { name: string; schema: Record<string, unknown> } {
  return {
    name: 'task_exposure',
    schema: {
      type: 'object',
      properties: {
        exposure: { type: 'string', enum: ['E0', 'E1', 'E2'] },
        automation: { type: 'string', enum: ['T0', 'T1', 'T2', 'T3', 'T4'] },
        rationale: options.rationaleMaxLength ? { type: 'string', maxLength: options.rationaleMaxLength } : { type: 'string' },
      },
      required: ['exposure', 'automation', 'rationale'],
      additionalProperties: false,
    },
  };
}

/** Parse and validate a model's answer; `{ problem }` says what is wrong, in one line. */
export function parseRubricAnswer(text: string): { answer: RubricAnswer } | { problem: string } {
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
  const parsed = RubricAnswerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `"${issue.path.join('.')}"` : 'the answer';
    return { problem: `${where}: ${issue.message}` };
  }
  return { answer: parsed.data };
}
