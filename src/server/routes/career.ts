/**
 * People tools over HTTP: GET /api/match?q= (titles -> O*NET occupations), POST /api/career
 * (a personal profile with pathways), POST /api/workforce (a roster as JSON rows or CSV text).
 * The handlers only validate and call src/career (the same functions as the CLI); the career
 * data (title index, task scores, wages, projections, skills) is loaded once per scorer and
 * kept for the life of the process, like the analysis cache in ../data.ts.
 *
 * Rosters are analysed in memory and never stored or logged.
 *
 * Wiring: the routes need the store. `careerRoutes({ store, filler })` returns a route module
 * (pass it in AppOptions.routes); `registerCareerRoutes` (in ROUTES) takes them from the app
 * context when it carries `store` (and `filler`), and registers nothing otherwise.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { type CareerData, loadCareerData } from '../../career/careerData.js';
import { matchTitle, type TitleIndex } from '../../career/match.js';
import { storeTitleIndex } from '../../career/storeCorpus.js';
import { profileFromData } from '../../career/profile.js';
import { analyzeRoster, parseRosterCsv, parseRosterObjects } from '../../career/roster.js';
import type { Store } from '../../data/store.js';
import type { GapFiller } from '../../scoring/taskScores.js';
import { InputError, isInputError } from '../../util/errors.js';
import { memoAsync } from '../../util/memo.js';
import type { Api, AppContext, RouteModule } from '../context.js';
import { CareerProfileSchema, CareerRequestSchema, MatchQuerySchema, MatchResultSchema, RosterAnalysisSchema, RosterRejectedSchema, WorkforceRequestSchema } from '../careerSchemas.js';
import { ErrorSchema } from '../schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

export interface CareerDeps {
  store: Store;
  filler?: GapFiller;
  /** Bootstrap resamples for intervals (default 1000). */
  resamples?: number;
}

/** No data imported is the server's state, not the request's fault: 503. */
function noData(err: unknown): never {
  if (isInputError(err) && !err.field && err.status === 400) throw new InputError(err.message, { status: 503 });
  throw err;
}

const common = {
  400: json(ErrorSchema, 'Invalid request: the message names the field'),
  429: json(ErrorSchema, 'Too many requests (see Retry-After)'),
  503: json(ErrorSchema, 'No data imported in the store'),
};

/** The career routes over a store (see the module comment for wiring). */
export function careerRoutes(deps: CareerDeps): RouteModule {
  return (app, ctx) => register(app, ctx, deps);
}

/** ROUTES entry: registers the career routes when the app context carries the store. */
export const registerCareerRoutes: RouteModule = (app, ctx) => {
  const c = ctx as AppContext & Partial<CareerDeps>;
  if (c.store) register(app, ctx, { store: c.store, filler: c.filler });
};

function register(app: Api, _ctx: AppContext, deps: CareerDeps): void {
  // The title index alone answers /api/match (about a second to build); profiles and the
  // occupation search share it.
  const titleIndex = (): Promise<TitleIndex> => storeTitleIndex(deps.store).catch(noData);
  // One load per scorer; failures other than "no data" are retried on the next request.
  const loadFor = memoAsync((scorer: string) => titleIndex().then((index) => loadCareerData(deps.store, { scorer, filler: deps.filler, index })), { keepFailure: isInputError });
  const careerData = (scorer: string): Promise<CareerData> => loadFor(scorer).catch(noData);
  const resamples = deps.resamples ?? 1000;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/match',
      tags: ['career'],
      summary: 'Match a job title or description to O*NET occupations, with calibrated confidence',
      request: { query: MatchQuerySchema },
      responses: { 200: json(MatchResultSchema, 'Candidates, best first'), ...common },
    }),
    async (c) => {
      const { q, top } = c.req.valid('query');
      return c.json({ query: q, matches: matchTitle(await titleIndex(), q, { top: top ?? 5 }) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/career',
      tags: ['career'],
      summary: 'A personal profile: matched occupation, exposure with interval, tasks, skills to strengthen, five pathways',
      security: [{ bearer: [] }],
      request: { body: { content: { 'application/json': { schema: CareerRequestSchema } }, required: true } },
      responses: { 200: json(CareerProfileSchema, 'The profile'), 401: json(ErrorSchema, 'Missing or wrong API token'), ...common },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const data = await careerData(body.scorer);
      return c.json(profileFromData(data, body.query, { code: body.code, resamples }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/workforce',
      tags: ['career'],
      summary: "An employer's roster analysed at task level (analysed in memory; never stored or logged)",
      security: [{ bearer: [] }],
      request: { body: { content: { 'application/json': { schema: WorkforceRequestSchema } }, required: true } },
      responses: {
        200: json(RosterAnalysisSchema, 'The analysis; rows with problems are listed in `errors` with their row numbers'),
        401: json(ErrorSchema, 'Missing or wrong API token'),
        422: json(RosterRejectedSchema, 'No usable row: every row has an error'),
        ...common,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const parsed = body.csv !== undefined ? parseRosterCsv(body.csv, 'roster') : parseRosterObjects(body.rows as Record<string, unknown>[]);
      if (parsed.rows.length === 0) return c.json({ error: 'no usable rows in the roster', errors: parsed.errors }, 422);
      const data = await careerData(body.scorer);
      const analysis = analyzeRoster(data, parsed, { minConfidence: body.minConfidence, resamples });
      if (analysis.rows.length === 0) return c.json({ error: 'no usable rows in the roster', errors: analysis.errors }, 422);
      return c.json(analysis, 200);
    },
  );
}
