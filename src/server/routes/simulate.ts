/**
 * POST /api/simulate: run a scenario (built-in name or an inline scenario object, years, draws
 * <= 5,000, seed, set[]) as a job; answers 202 {job}, poll GET /api/jobs/{id} for progress and
 * the result (the same JSON as `jobshift simulate --json`). GET /api/scenarios lists the
 * built-in scenarios with every parameter and its source, for the dashboard's sliders.
 *
 * The model inputs are loaded from the store once and kept (the store does not change while the
 * server runs); each run is pure maths on them.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Store } from '../../data/store.js';
import type { GapFiller } from '../../scoring/taskScores.js';
import { BUILTIN_SCENARIOS, loadRawInputs, parseScenario, type RawModelInputs, resolveScenario, runScenarioOn, SCENARIO_NAMES, type ScenarioInput } from '../../simulate/index.js';
import { paramEntries } from '../../simulate/params.js';
import { isInputError } from '../../util/errors.js';
import type { AppContext, Api, RouteModule } from '../context.js';
import { TooManyJobsError } from '../jobs.js';
import { ErrorSchema, JobAcceptedSchema } from '../schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

export const MAX_API_DRAWS = 5000;

export const SimulateRequestSchema = z
  .object({
    scenario: z
      .union([z.enum(SCENARIO_NAMES as [string, ...string[]]), z.record(z.string(), z.unknown())])
      .optional()
      .openapi({ description: 'A built-in scenario (slow, central, fast) or a whole scenario object (see GET /api/scenarios for the shape)', example: 'central' }),
    years: z
      .tuple([z.number().int().min(2000).max(2100), z.number().int().min(2000).max(2100)])
      .optional()
      .openapi({ description: 'First and last year (default [2025, 2035])', example: [2025, 2035] }),
    draws: z.number().int().min(1).max(MAX_API_DRAWS).optional().openapi({ description: `Monte Carlo draws (default 1000, at most ${MAX_API_DRAWS})`, example: 1000 }),
    seed: z.number().int().min(0).max(2 ** 32 - 1).optional().openapi({ example: 1 }),
    set: z.array(z.string().min(3).max(200)).max(50).optional().openapi({ description: 'Overrides PATH=VALUE, e.g. "adoption.ceiling=0.6"', example: ['adoption.ceiling=0.6'] }),
  })
  .strict()
  .openapi('SimulateRequest');
export type SimulateRequest = z.infer<typeof SimulateRequestSchema>;

const ParameterSchema = z.object({ path: z.string(), value: z.number(), dist: z.unknown().optional(), source: z.string(), unverified: z.boolean() });
export const ScenarioListSchema = z
  .object({ scenarios: z.array(z.object({ name: z.string(), description: z.string(), parameters: z.array(ParameterSchema), definition: z.unknown() })) })
  .openapi('ScenarioList');
export type ScenarioList = z.infer<typeof ScenarioListSchema>;

export const simulateRoute = createRoute({
  method: 'post',
  path: '/api/simulate',
  tags: ['scenarios'],
  summary: 'Run a scenario: jobs displaced, augmented, created and net per year, redistribution flows and productivity, with 90% bands (a job)',
  security: [{ bearer: [] }],
  request: { body: { content: { 'application/json': { schema: SimulateRequestSchema } }, required: true } },
  responses: {
    202: json(JobAcceptedSchema, 'Started: poll GET /api/jobs/{id}; the result is the SimulationResult JSON (workers, bands p5/p50/p95)'),
    400: json(ErrorSchema, 'Invalid request or scenario: the message names the parameter'),
    401: json(ErrorSchema, 'Missing or wrong API token'),
    429: json(ErrorSchema, 'Too many requests'),
    503: json(ErrorSchema, 'The scenario engine has no store here, or too many jobs are running'),
  },
});

export const scenariosRoute = createRoute({
  method: 'get',
  path: '/api/scenarios',
  tags: ['scenarios'],
  summary: 'The built-in scenarios with every parameter, its distribution and its source',
  responses: { 200: json(ScenarioListSchema, 'The built-in scenarios') },
});

export interface SimulateDeps {
  store?: Store;
  filler?: GapFiller;
}

/** The route module, given the store to read (createApp's store). */
export function simulateRoutes(deps: SimulateDeps): RouteModule {
  return (app: Api, ctx: AppContext) => {
    let raw: Promise<RawModelInputs> | undefined;
    const inputs = () => {
      if (!raw) {
        raw = loadRawInputs(deps.store!, { filler: deps.filler });
        raw.catch((err) => {
          if (!isInputError(err)) raw = undefined;
        });
      }
      return raw;
    };

    app.openapi(scenariosRoute, (c) =>
      c.json(
        {
          scenarios: SCENARIO_NAMES.map((name) => {
            const s = parseScenario(BUILTIN_SCENARIOS[name]);
            return {
              name: s.name,
              description: s.description,
              parameters: paramEntries(s).map(({ path, param }) => ({ path, value: param.value, ...(param.dist ? { dist: param.dist } : {}), source: param.source, unverified: param.unverified ?? false })),
              definition: s,
            };
          }),
        },
        200,
      ),
    );

    app.openapi(simulateRoute, async (c) => {
      const body = c.req.valid('json');
      if (!deps.store) return c.json({ error: 'the scenario engine is not available on this server (no store)' }, 503);
      // Check the scenario and overrides now, so a bad parameter is a 400 rather than a failed job.
      try {
        await resolveScenario(body.scenario as string | ScenarioInput | undefined, body.set ?? []);
      } catch (err) {
        if (isInputError(err)) return c.json({ error: err.message, ...(err.field ? { field: err.field } : {}) }, 400);
        throw err;
      }
      const draws = body.draws ?? 1000;
      try {
        const job = ctx.jobs.start('simulate', draws, async (jc) => {
          const raw = await inputs();
          return runScenarioOn(raw, {
            scenario: body.scenario as string | ScenarioInput | undefined,
            years: body.years as [number, number] | undefined,
            draws,
            seed: body.seed,
            set: body.set,
            onProgress: (d) => jc.progress(d),
          });
        });
        c.header('location', `/api/jobs/${job.id}`);
        return c.json({ job: job.id }, 202);
      } catch (err) {
        if (err instanceof TooManyJobsError) return c.json({ error: err.message }, 503);
        throw err;
      }
    });
  };
}

/**
 * For ROUTES in app.ts: registers the scenario routes when the app context carries the store
 * (`ctx.store`, `ctx.filler`, as for the career routes), and nothing otherwise.
 */
export const registerSimulateRoutes: RouteModule = (app, ctx) => {
  const c = ctx as AppContext & SimulateDeps;
  if (c.store) simulateRoutes({ store: c.store, filler: c.filler })(app, ctx);
};
