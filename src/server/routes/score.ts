/**
 * POST /api/score: rate task statements with an injected scorer. Fast scorers answer 200 with
 * the ratings; slow ones (an LLM) run as a job and answer 202 {job}, to be polled at
 * GET /api/jobs/{id}.
 */
import { createRoute, type z } from '@hono/zod-openapi';
import { getRubric, RUBRIC_IDS, rubricSummary, type RubricSummary } from '../../scoring/rubric.js';
import { shownAutomation } from '../../scoring/display.js';
import { InputError } from '../../util/errors.js';
import type { AppContext, Api, ScoreTasks, TaskToScore } from '../context.js';
import { TooManyJobsError } from '../jobs.js';
import { ErrorSchema, JobAcceptedSchema, ScoreRequestSchema, ScoreResultSchema, TaskScoreSchema, type ScoreResult } from '../schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

export const scoreRoute = createRoute({
  method: 'post',
  path: '/api/score',
  tags: ['scoring'],
  summary: 'Rate task statements (E0/E1/E2 exposure with probabilities, T0-T4 automation)',
  security: [{ bearer: [] }],
  request: { body: { content: { 'application/json': { schema: ScoreRequestSchema } }, required: true } },
  responses: {
    200: json(ScoreResultSchema, 'The ratings, one per task, in order'),
    202: json(JobAcceptedSchema, 'Started as a job: poll GET /api/jobs/{id}'),
    400: json(ErrorSchema, 'Invalid request: the message names the field'),
    401: json(ErrorSchema, 'Missing or wrong API token'),
    413: json(ErrorSchema, 'Body too large'),
    415: json(ErrorSchema, 'The body is not sent as application/json'),
    429: json(ErrorSchema, 'Too many requests (see Retry-After)'),
    503: json(ErrorSchema, 'Scoring is not available on this server, or too many jobs are running'),
  },
});

export function registerScoreRoutes(app: Api, ctx: AppContext): void {
  app.openapi(scoreRoute, async (c) => {
    const body = c.req.valid('json');
    if (!ctx.scoreTasks || ctx.scorers.length === 0) return c.json({ error: 'scoring is not available on this server (no scoring model is set up)' }, 503);
    const info = ctx.scorers.find((s) => s.id === body.scorer);
    if (!info) {
      return c.json({ error: `unknown scorer "${body.scorer}" (available: ${ctx.scorers.map((s) => s.id).join(', ')})`, field: 'scorer' }, 400);
    }
    // The rubric of the model-backed scorers (default eloundou2023); named in the result.
    const modelScorer = info.id === 'llm' || info.id === 'llama';
    if (body.rubric !== undefined && !modelScorer) {
      return c.json({ error: `rubric applies to the llm and llama scorers only (the ${info.id} scorer asks no model)`, field: 'rubric' }, 400);
    }
    if (body.rubric !== undefined && !RUBRIC_IDS.includes(body.rubric)) {
      return c.json({ error: `unknown rubric "${body.rubric}" (available: ${RUBRIC_IDS.join(', ')})`, field: 'rubric' }, 400);
    }
    const rubric = modelScorer ? rubricSummary(getRubric(body.rubric)) : undefined;
    const tasks: TaskToScore[] = body.tasks.map((t) => ({ text: t.text, title: t.title ?? body.title, onetCode: t.onetCode ?? body.onetCode }));
    const score = ctx.scoreTasks;
    if (info.background) {
      try {
        const job = ctx.jobs.start('score', tasks.length, (jc) => runScore(score, tasks, info.id, (d) => jc.progress(d), ctx.log, rubric));
        c.header('location', `/api/jobs/${job.id}`);
        return c.json({ job: job.id }, 202);
      } catch (err) {
        if (err instanceof TooManyJobsError) return c.json({ error: err.message }, 503);
        throw err;
      }
    }
    return c.json(await runScore(score, tasks, info.id, () => undefined, ctx.log, rubric), 200);
  });
}

/** Run the scorer and check what it returns: one valid rating (or a row error) per task. */
async function runScore(
  score: ScoreTasks,
  tasks: TaskToScore[],
  scorer: string,
  progress: (done: number) => void,
  log: (m: string) => void,
  rubric?: RubricSummary,
): Promise<ScoreResult> {
  const out = await score(tasks, scorer, progress, rubric ? { rubric: rubric.id } : undefined);
  if (!Array.isArray(out) || out.length !== tasks.length) {
    log(`scorer ${scorer} returned ${Array.isArray(out) ? out.length : typeof out} results for ${tasks.length} tasks`);
    throw new InputError(`the ${scorer} scorer did not return one rating per task`, { status: 502 });
  }
  return {
    scorer,
    ...(rubric ? { rubric } : {}),
    results: out.map((r, i) => {
      const text = tasks[i]!.text;
      if (r && 'error' in r && typeof r.error === 'string') return { text, error: r.error };
      const parsed = TaskScoreSchema.safeParse(r);
      // The raw automation level stays; automationShown applies the one display rule (E0: none).
      if (parsed.success) return { text, ...parsed.data, automationShown: shownAutomation(parsed.data.exposure, parsed.data.automation) };
      log(`scorer ${scorer} returned an invalid rating for task ${i}: ${parsed.error.message}`);
      return { text, error: 'the scorer returned an invalid rating' };
    }),
  };
}
