/**
 * The parts of a rubric prompt that are jobshift's in every rubric: how the task is put to the
 * model and the JSON answer format. Kept apart from the rubric texts so that a verbatim rubric
 * stays verbatim and what jobshift adds is marked as such in the prompt itself.
 */

/** A task as the rubric prompts see it. */
export interface RubricTask {
  text: string;
  /** Occupation or job title, when known. */
  title?: string;
}

/**
 * The task as the published annotation examples present one ("Occupation: ...", "Task: ..."),
 * then the instruction for this question.
 */
export function taskMessage(task: RubricTask, instruction: string): string {
  const title = task.title?.trim();
  return `${title ? `Occupation: ${title}\n` : ''}Task: ${task.text.trim()}\n\n${instruction}`;
}

/** The answer object, as the prompt spells it: {"exposure": "E0" | "E1", "rationale": "..."}. */
export function answerShape(field: string, labels: readonly string[]): string {
  return `{"${field}": ${labels.map((l) => `"${l}"`).join(' | ')}, "rationale": "one or two sentences: which part of the task drives the label"}`;
}

/** The answer-format lines appended to a rubric's system prompt, marked as jobshift's. */
export function answerFormat(field: string, labels: readonly string[]): string {
  return `[Answer format, added by jobshift; not part of the rubric above]\nAnswer with one JSON object and nothing else:\n${answerShape(field, labels)}`;
}
