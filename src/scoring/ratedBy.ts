/**
 * Who rated a rating: the vocabulary every occupation-level and task-level rating carries
 * (src/scoring/taskScores.ts), declared once for the analysis, the HTTP schemas and the dashboard.
 *
 * - published: the published labels of the scorer asked for (human, gpt4; GPTs-are-GPTs,
 *   Eloundou et al. 2024) rate all of the task weight;
 * - published-occupation: occ_level.csv has the occupation but full_labelset.tsv has no task
 *   labels for it: alpha/beta/gamma are the published occupation scores, the tasks are rated by
 *   the built-in model (occupation level only);
 * - model: the built-in model rated some or all of the task weight (a model estimate); always
 *   so for the local scorer;
 * - llm: the llm / llama scorers' own stored ratings.
 */
export const RATED_BY = ['published', 'published-occupation', 'model', 'llm'] as const;
export type RatedBy = (typeof RATED_BY)[number];

/** Task-level provenance: a task is rated by published labels, the built-in model or an LLM run. */
export const TASK_RATED_BY = ['published', 'model', 'llm'] as const;
export type TaskRatedBy = (typeof TASK_RATED_BY)[number];
