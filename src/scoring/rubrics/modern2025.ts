/**
 * Rubric `modern2025`: jobshift's rewording of the GPTs-are-GPTs exposure rubric (Eloundou,
 * Manning, Mishkin & Rock 2024), the prompt jobshift used before it shipped the published text
 * (see eloundou2023.ts). It is NOT the published rubric, and labels made with it are not
 * comparable with the published ones; `changes` below says what differs and why, and every
 * output that names this rubric carries that list.
 */
import type { ExposureRubric } from '../rubric.js';
import { answerFormat, taskMessage } from './format.js';

const LABELS = ['E0', 'E1', 'E2'] as const;

const SYSTEM = `You rate how exposed a work task is to large language models (LLMs), following the exposure rubric of Eloundou, Manning, Mishkin and Rock, "GPTs are GPTs" (Science, 2024), in jobshift's wording.

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

${answerFormat('exposure', LABELS)}`;

export const MODERN2025: ExposureRubric = {
  question: 'exposure',
  id: 'modern2025',
  version: '2026-11-2',
  title: "GPTs-are-GPTs exposure rubric in jobshift's wording (E0–E2; not verbatim)",
  citation: 'Adapted by jobshift from Eloundou, Manning, Mishkin & Rock (2024), "GPTs are GPTs", Science 384(6702); the wording is jobshift\'s.',
  verbatim: false,
  sources: [],
  changes: [
    {
      change: '"the most powerful OpenAI large language model" became "the most powerful LLM available today"',
      why: 'to rate against current models from any vendor; the cost is that labels drift with each model generation and are not comparable with the 2023 labels',
    },
    {
      change: 'E2 counts software only when it "could plausibly be built with today\'s LLMs and ordinary engineering"',
      why: "jobshift's own condition (no source), to keep E2 from covering any software one can imagine",
    },
    {
      change: 'E3 (image capabilities) folded into E2 as one more capability; the model answers E0, E1 or E2',
      why: 'the published labels have E0/E1/E2 only (E3 counted as E2), so the three labels are asked directly',
    },
    {
      change: "the worked annotation examples and E2's five software examples dropped",
      why: 'a shorter prompt (fewer tokens per request); they illustrate the definitions rather than define them',
    },
    {
      change: 'reworded throughout (lists, emphasis on "at least half at equivalent quality")',
      why: 'for small and local models that follow the published phrasing less reliably',
    },
  ],
  caveats: ['Not the published rubric: its labels are not comparable with the GPTs-are-GPTs labels.'],
  labels: LABELS,
  toExposure: { E0: 'E0', E1: 'E1', E2: 'E2' },
  mapping: 'E0, E1 and E2 are asked directly (E3 is part of E2)',
  system: SYSTEM,
  user: (task) => taskMessage(task, 'Label this task (E0/E1/E2). Answer with the JSON object only.'),
};
