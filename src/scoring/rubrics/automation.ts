/**
 * The automation question (T0–T4), asked in its own request after the exposure question.
 *
 * The level names follow the automation levels behind the published GPT-4 T-labels of GPTs are
 * GPTs (full_labelset.tsv, column gpt4_automation; its `automation` column maps T0..T4 to 0, .25,
 * .5, .75, 1), but no public source for the wording of that T-rubric was found: the definitions
 * below are jobshift's own, unverified against the authors' text. Every output that reports a
 * T-level from this prompt says so (AUTOMATION_CAVEAT), and analysis keeps the published GPT-4
 * T-levels for the human and gpt4 scorers.
 */
import type { AutomationRubric } from '../rubric.js';
import { answerFormat, taskMessage } from './format.js';

export const AUTOMATION_CAVEAT = 'unverified: no public source for the T-rubric wording';

const LABELS = ['T0', 'T1', 'T2', 'T3', 'T4'] as const;

const SYSTEM = `You rate how much of a work task a large language model (LLM), or software built on top of one, could do without a person.

# Setting
Consider a capable LLM that can complete many tasks that can be formulated as text input and text output, and the software that could be built on top of it. Assume a worker with an average level of expertise in the occupation, who has the LLM, such software, the tools the task mentions and commonly available tools on a laptop, and no other physical tools or materials.

# Automation levels
T0 - No automation: the LLM cannot do any meaningful part of the task; a person does all of it.
T1 - Human-directed: the LLM assists with parts of the task, but a person drives it step by step and checks or reworks most of what it produces.
T2 - Human-in-the-loop: the LLM does substantial parts of the task, and a person regularly provides input, makes the key choices and corrects the output before it is used.
T3 - Human oversight: the LLM completes the task with little input; a person reviews the result or handles exceptions, but need not take part in each step.
T4 - Full automation: the LLM or LLM-powered software completes the task end to end with no person needed to direct or check it.

${answerFormat('automation', LABELS)}`;

export const AUTOMATION_JOBSHIFT: AutomationRubric = {
  question: 'automation',
  id: 'jobshift-automation',
  version: '2026-11-1',
  title: "Automation levels T0–T4 in jobshift's own wording",
  citation: `jobshift; level names after the GPT-4 T-labels published with Eloundou et al. (2024), whose rubric text is not public (${AUTOMATION_CAVEAT}).`,
  verbatim: false,
  sources: [],
  changes: [],
  caveats: [AUTOMATION_CAVEAT],
  labels: LABELS,
  system: SYSTEM,
  user: (task) => taskMessage(task, 'Rate the automation level of this task (T0-T4). Answer with the JSON object only.'),
};
