/**
 * GET /api/jobs/{id}: status and progress of a long run started by a POST route.
 */
import { createRoute, type z } from '@hono/zod-openapi';
import type { AppContext, Api } from '../context.js';
import { ErrorSchema, JobIdParam, JobSchema } from '../schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

export function registerJobRoutes(app: Api, ctx: AppContext): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/jobs/{id}',
      tags: ['jobs'],
      summary: 'Status, progress and (once done) result of a job',
      request: { params: JobIdParam },
      responses: { 200: json(JobSchema, 'The job'), 404: json(ErrorSchema, 'No such job (finished jobs are kept for an hour)') },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const job = ctx.jobs.get(id);
      if (!job) return c.json({ error: `no job ${id} (finished jobs are kept for an hour)`, field: 'id' }, 404);
      return c.json(
        {
          id: job.id,
          kind: job.kind,
          status: job.status,
          progress: { ...job.progress },
          ...(job.status === 'done' ? { result: job.result } : {}),
          ...(job.error ? { error: job.error } : {}),
          createdAt: job.createdAt.toISOString(),
        },
        200,
      );
    },
  );
}
