/**
 * Rubric `eloundou2023` (the default): the exposure rubric of Eloundou, Manning, Mishkin & Rock,
 * "GPTs are GPTs" (working paper arXiv:2303.10130, appendix A "Exposure rubric"; Science 384,
 * 2024, supplementary materials), copied character for character from public reproductions.
 * Nothing here is paraphrased: typos, curly apostrophes, line breaks and trailing spaces are the
 * copies' own. The PDF itself could not be read where this was written, so the text is what two
 * public repositories reproduce; where they differ, the copy whose wording matches the paper as
 * cited ("Consider the most powerful OpenAI large language model") was preferred:
 *
 * 1. RUBRIC_PASSAGE — github.com/fmegahed/ai_msa, code/01_ai_reliability_multiple_models_ai_exposure.py,
 *    the rubric part of `system_prompt`, commit a1605dda86c1bcc15cd317279742fac6cf1ecae1 (5 Apr 2024;
 *    unchanged through c8acb1f75419c635136ef8c9b4d7698206e43711). It has the paper's opening sentence
 *    and the long E1/E2 capability lists and E3 as the paper's later versions give them. Known
 *    departures of this copy from the paper: "You are a helpful research assistant who wants to
 *    label the given tasks according to the rubric below." stands where the paper has "Please label
 *    the given task according to the rubric below."; and E0 keeps only the first of the paper's
 *    E0 examples (the rest of the paper's E0 list — precise measurements, reviewing visuals in
 *    detail, use of a hand or walking, decisions affecting livelihood, legal requirements,
 *    existing non-LLM technology, "When in doubt ..." — is in no public copy found, and is not
 *    made up here).
 * 2. SOFTWARE_EXAMPLES and ANNOTATION_EXAMPLES — github.com/danparshall/reproduction-task-exposure,
 *    eloundou/prompt.py, `RUBRIC_BODY`, commit 1a6118e17c6540e6de4425c4ad2a6ecd9e4cae96 (10 Apr 2026):
 *    the five E2 software examples and the five annotation examples, as that file's Python string
 *    evaluates. (That file rewrites the opening and the E0/E1 interface sentence, so only these two
 *    blocks are taken from it.) A third public copy, found by text search, repository not
 *    identifiable, has the same five software examples word for word and three of the five
 *    annotation examples with the same wording, written "Label (E0/E1/E2/E3): E0" where this copy
 *    writes "Label: E0".
 *
 * The prompt is RUBRIC_PASSAGE, then SOFTWARE_EXAMPLES (in the paper they follow E2's capability
 * list), then ANNOTATION_EXAMPLES, then jobshift's answer-format lines (JSON, see rubric.ts): only
 * those lines are jobshift's, and they are marked as such in the prompt.
 *
 * Labels: the rubric asks for E0, E1, E2 or E3. E3 ("access to both the LLM and a system that could
 * view, caption, and create images as well as any systems powered by the LLM (those in E2 above)")
 * is counted as E2, as the authors do: the published labels (full_labelset.tsv, openai/GPTs-are-GPTs)
 * hold only E0, E1 and E2 — 19,265 tasks, human and GPT-4 — and the repository's README defines
 * beta = E1 + .5*E2 and gamma = E1 + E2 over those three; the paper combines E2 and E3 in all its
 * analyses. The model's own answer (E3) is kept beside the mapped label.
 */
import type { ExposureRubric } from '../rubric.js';
import { answerFormat, taskMessage } from './format.js';

/** sha256 of each copied passage, so a test catches any edit (see rubric.test.ts). */
export const PASSAGE_SHA256 = {
  rubric: '59095ddba5e3a2bf167f98ae86c335de456945efc83bdcbf5cb19a2d7adbc70e',
  software: '68d087e03fd4254135813fa71c2df58bfb5435fb28f19cab0f5bd998c11aee8b',
  annotation: 'd453341600df88f4c94c0a9e35c658ce900cb52f680604a503a8d215f48d87f2',
};

export const RUBRIC_PASSAGE = [
  "Consider the most powerful OpenAI large language model (LLM). This model can complete ",
  "many tasks that can be formulated as having text input and text output where the context ",
  "for the input can be captured in 2000 words. The model also cannot draw up-to-date facts ",
  "(those from <1 year ago) unless they are captured in the input. Assume you are a worker ",
  "with an average level of expertise in your role trying to complete the given task. You ",
  "have access to the LLM as well as any other existing software or computer hardware tools ",
  "mentioned in the task. You also have access to any commonly available technical tools ",
  "accessible via a laptop (e.g. a microphone, speakers, etc.). You do not have access to ",
  "any other physical tools or materials. You are a helpful research assistant who wants to ",
  "label the given tasks according to the rubric below. Equivalent quality means someone ",
  "reviewing the work would not be able to tell whether a human completed it on their own ",
  "or with assistance from the LLM. If you aren’t sure how to judge the amount of time a ",
  "task takes, consider whether the tools described exposed the majority of subtasks ",
  "associated with the task.",
  "",
  "Rubric:",
  "  * E1: Label tasks E1 if direct access to the LLM through an interface like ChatGPT or the OpenAI playground alone can reduce the time it takes to complete the task with equivalent quality by at least half. This includes tasks that can be reduced to: - Writing and transforming text and code according to complex instructions, - Providing edits to existing text or code following specifications, - Writing code that can help perform a task that used to be done by hand, - Translating text between languages, - Summarizing medium-length documents, - Providing feedback on documents, - Answering questions about a document, - Generating questions a user might want to ask about a document, - Writing questions for an interview or assessment, - Writing and responding to emails, including ones that involve refuting information or engaging in a negotiation (but only if the negotiation is via written correspondence), - Maintain records of written data, - Prepare training materials based on general knowledge, or - Inform anyone of any information via any written or spoken medium.  ",
  "  * E2: Label tasks E2 if having access to the LLM alone may not reduce the time it takes to complete the task by at least half, but it is easy to imagine additional software that could be developed on top of the LLM that would reduce the time it takes to complete the task by half. This software may include capabilities such as: - Summarizing documents longer than 2000 words and answering questions about those documents, - Retrieving up-to-date facts from the Internet and using those facts in combination with the LLM capabilities, - Searching over an organization’s existing knowledge, data, or documents and retrieving information, - Retrieving highly specialized domain knowledge, - Make recommendations given data or written input, - Analyze written information to inform decisions, - Prepare training materials based on highly specialized knowledge, - Provide counsel on issues, and - Maintain complex databases.  ",
  "  * E3: Suppose you had access to both the LLM and a system that could view, caption, and create images as well as any systems powered by the LLM (those in E2 above). This system cannot take video as an input and it cannot produce video as an output. This system cannot accurately retrieve very detailed information from image inputs, such as measurements of dimensions within an image. Label tasks as E3 if there is a significant reduction in the time it takes to complete the task given access to a LLM and these image capabilities: - Reading text from PDFs, - Scanning images, or - Creating or editing digital images according to instructions. The images can be realistic but they should not be detailed. The model can identify objects in the image but not relationships between those options.  ",
  "  * E0: Label tasks E0 if none of the above clearly decrease the time it takes for an experienced worker to complete the task with high quality by at least half. Some examples: - If a task requires a high degree of human interaction.  ",
].join('\n');

export const SOFTWARE_EXAMPLES = [
  "Examples of software built on top of the LLM that may help complete worker activities include:",
  "- Software built for a home goods company that quickly processes and summarizes their up-to-date internal data in customized ways to inform product or marketing decisions",
  "- Software that is able to suggest live responses for customer service agents speaking to customers in their company's customer service interface",
  "- Software built for legal purposes that can quickly aggregate and summarize all previous cases in a particular legal area and write legal research memos tailored to the law firm's needs",
  "- Software specifically designed for teachers that allows them to input a grading rubric and upload the text files of all student essays and have the software output a letter grade for each essay",
  "- Software that retrieves up-to-date facts from the internet and uses the capabilities of the LLM to output news summaries in different languages",
].join('\n');

export const ANNOTATION_EXAMPLES = [
  "## Annotation examples",
  "",
  "Occupation: Inspectors, Testers, Sorters, Samplers, and Weighers",
  "Task: Adjust, clean, or repair products or processing equipment to correct defects found during inspections.",
  "Label: E0",
  "Explanation: The model does not have access to any kind of physicality, and more than half of the task (adjusting, cleaning and repairing equipment) described requires hands or other embodiment.",
  "",
  "Occupation: Computer and Information Research Scientists",
  "Task: Apply theoretical expertise and innovation to create or apply new technology, such as adapting principles for applying computers to new uses.",
  "Label: E1",
  "Explanation: The model can learn theoretical expertise during training as part of its general knowledge base, and the principles to adapt can be captured in the text input to the model.",
  "",
  "Activity: Schedule dining reservations.",
  "Label: E2",
  "Explanation: Automation technology already exists for this (e.g. Resy) and it's unclear what an LLM offers on top of using that technology (no-diff). That said, you could build something that allows you to ask the LLM to make a reservation on Resy for you.",
  "",
  "Activity: Negotiate purchases or contracts.",
  "Label: E2",
  "Explanation: You could have each party transcribe their point of view and then feed this to an LLM to resolve any disputes. That said, many people would need to buy into using new technological tools to accomplish this.",
  "",
  "Occupation: Allergists and Immunologists",
  "Task: Prescribe medication such as antihistamines, antibiotics, and nasal, oral, topical, or inhaled glucocorticosteroids.",
  "Label: E2",
  "Explanation: The model can provide guesses for different diagnoses and write prescriptions and case notes. However, it still requires a human in the loop using their judgment and knowledge to make the final decision.",
].join('\n');

const LABELS = ['E0', 'E1', 'E2', 'E3'] as const;

export const ELOUNDOU2023: ExposureRubric = {
  question: 'exposure',
  id: 'eloundou2023',
  version: '2026-11-2',
  title: 'GPTs-are-GPTs exposure rubric, verbatim (E0–E3)',
  citation:
    'Eloundou, T., Manning, S., Mishkin, P. & Rock, D. (2024). GPTs are GPTs: Labor market impact potential of LLMs. Science 384(6702), 1306–1308; rubric in the working paper arXiv:2303.10130, appendix A "Exposure rubric".',
  verbatim: true,
  sources: [
    {
      repository: 'fmegahed/ai_msa',
      path: 'code/01_ai_reliability_multiple_models_ai_exposure.py',
      commit: 'a1605dda86c1bcc15cd317279742fac6cf1ecae1',
      passage: 'the rubric: setting, E1, E2 (capabilities), E3, E0',
    },
    {
      repository: 'danparshall/reproduction-task-exposure',
      path: 'eloundou/prompt.py',
      commit: '1a6118e17c6540e6de4425c4ad2a6ecd9e4cae96',
      passage: "E2's five software examples and the five annotation examples",
    },
  ],
  changes: [],
  caveats: [
    'Copied from public reproductions of the appendix, not from the PDF: the copy used says "You are a helpful research assistant who wants to label the given tasks according to the rubric below." where the paper says "Please label the given task according to the rubric below.", and its E0 keeps only the first of the paper\'s E0 examples.',
    'The answer-format lines (JSON) are jobshift\'s, marked as such in the prompt.',
  ],
  labels: LABELS,
  toExposure: { E0: 'E0', E1: 'E1', E2: 'E2', E3: 'E2' },
  mapping: 'E3 (exposure given image capabilities, on top of LLM-powered software) counts as E2, as in the published labels (E0/E1/E2 only) and the paper\'s analyses',
  system: `${RUBRIC_PASSAGE}\n\n${SOFTWARE_EXAMPLES}\n\n${ANNOTATION_EXAMPLES}\n\n${answerFormat('exposure', LABELS)}`,
  user: (task) => taskMessage(task, 'Label this task (E0/E1/E2/E3). Answer with the JSON object only.'),
};
