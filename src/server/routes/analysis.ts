/**
 * Read-only routes over the cached analysis: summary, occupations, one occupation, the
 * comparison with published measures, and data status.
 */
import { createRoute, type z } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import type { AppContext, Api } from '../context.js';
import {
  AnalysisQuerySchema,
  CompareSchema,
  DataStatusSchema,
  ErrorSchema,
  HealthSchema,
  OccupationCodeParam,
  OccupationDetailSchema,
  OccupationListQuerySchema,
  OccupationListSchema,
  SummarySchema,
} from '../schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const errors = {
  400: json(ErrorSchema, 'Invalid query: the message names the field'),
  429: json(ErrorSchema, 'Too many requests from this client (see Retry-After)'),
  503: json(ErrorSchema, 'The store lacks the data this needs (see /api/data)'),
};

export const VERSION = '0.1.0';

/**
 * The cached answers (summary, occupation pages, comparison, data status) are the same object
 * on every request: serialise each once and send the bytes. The objects are typed by the
 * schemas where they are built (src/server/data.ts).
 */
const serialised = new WeakMap<object, string>();
function sendCached<T extends object>(c: Context, value: T): Response & TypedResponse<JSONParsed<T>, 200, 'json'> {
  let body = serialised.get(value);
  if (body === undefined) serialised.set(value, (body = JSON.stringify(value)));
  // Typed as c.json(value, 200) would be, so the route's response schema still checks it.
  return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' }) as unknown as Response & TypedResponse<JSONParsed<T>, 200, 'json'>;
}

export function registerAnalysisRoutes(app: Api, ctx: AppContext): void {
  app.openapi(
    createRoute({ method: 'get', path: '/api/health', tags: ['status'], summary: 'Liveness and readiness', responses: { 200: json(HealthSchema, 'The server is up') } }),
    (c) => c.json({ ok: true as const, ready: ctx.data.isReady(), version: VERSION }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/summary',
      tags: ['analysis'],
      summary: 'National exposure: headline shares with intervals and scorer ranges, breakdowns, classes',
      request: { query: AnalysisQuerySchema },
      responses: { 200: json(SummarySchema, 'The national analysis (as `jobshift analyze --json`)'), ...errors },
    }),
    async (c) => sendCached(c, await ctx.data.summary(c.req.valid('query'))),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/occupations',
      tags: ['occupations'],
      summary: 'Search and list occupations with exposure, employment and wage',
      request: { query: OccupationListQuerySchema },
      responses: { 200: json(OccupationListSchema, 'A page of occupations'), ...errors },
    }),
    async (c) => c.json(await ctx.data.occupations(c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/occupations/{code}',
      tags: ['occupations'],
      summary: 'One occupation: exposure by scorer, every task and its ratings, employment, wages, projections, related occupations',
      request: { params: OccupationCodeParam },
      responses: { 200: json(OccupationDetailSchema, 'The occupation'), 404: json(ErrorSchema, 'No such O*NET-SOC occupation'), ...errors },
    }),
    async (c) => {
      const { code } = c.req.valid('param');
      const detail = await ctx.data.occupation(code);
      if (!detail) return c.json({ error: `no O*NET-SOC occupation ${code} in the store`, field: 'code' }, 404);
      return sendCached(c, detail);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/compare',
      tags: ['analysis'],
      summary: "jobshift's scores beside every published exposure measure: correlations, top-decile overlap, and per-SOC values",
      responses: { 200: json(CompareSchema, 'Measures side by side on SOC 2018 codes'), ...errors },
    }),
    async (c) => sendCached(c, await ctx.data.compare()),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/data',
      tags: ['status'],
      summary: 'What is loaded, what is missing and what that disables',
      responses: { 200: json(DataStatusSchema, 'Data status'), ...errors },
    }),
    async (c) => sendCached(c, await ctx.data.status()),
  );
}
