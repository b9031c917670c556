/**
 * The HTTP API and the dashboard, as one Hono app. `createApp` builds it from a store and
 * what it should plug in (scorer, token, limits); the same app answers `app.request()` in
 * tests and real sockets through serve.ts.
 *
 * Request path: security headers -> (under /api) rate limit -> token on POST -> body limit
 * -> validated route -> JSON. Everything else is the built dashboard with SPA fallback.
 *
 * Adding a route: write a route module like routes/simulate.ts (zod schemas in schemas.ts,
 * `app.openapi(createRoute(...), handler)`, long runs through `ctx.jobs.start(kind, total, run)`
 * answering 202 {job}, as simulate and reports do), then add it to ROUTES below
 * or pass it in `routes`. It inherits the guards and appears in /api/openapi.json.
 */
import { join } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { jobshiftHome, type Store } from '../data/store.js';
import { CHROMIUM_PATH } from '../report/pdf.js';
import type { GapFiller } from '../scoring/taskScores.js';
import type { AppContext, RouteModule, ScorerInfo, ScoreTasks } from './context.js';
import { createServerData, type ServerData } from './data.js';
import { bodyLimit, clientAddress, errorHandler, errorResponse, type RateLimitOptions, rateLimit, requireToken, securityHeaders } from './guards.js';
import { createJobRegistry, type JobRegistry } from './jobs.js';
import { type ProviderFor, providerCache } from './providers.js';
import { registerAnalysisRoutes, VERSION } from './routes/analysis.js';
import { registerCareerRoutes } from './routes/career.js';
import { registerGenerateRoutes } from './routes/generate.js';
import { registerJobRoutes } from './routes/jobs.js';
import { registerReportRoutes } from './routes/report.js';
import { registerScoreRoutes } from './routes/score.js';
import { registerSimulateRoutes } from './routes/simulate.js';
import { defaultWebRoot, loadStaticFiles, staticFiles } from './static.js';

export interface AppOptions {
  store: Store;
  /** The local model as gap filler for the published labels and as the `local` scorer in analysis. */
  filler?: GapFiller;
  /** Scoring engine for POST /api/score (without it the route answers 503). */
  scoreTasks?: ScoreTasks;
  /** Scorers POST /api/score accepts. Default: local (inline) and llm (as a job). */
  scorers?: ScorerInfo[];
  /** When set, every POST needs `Authorization: Bearer <token>`. */
  token?: string;
  /** Per-client fixed-window limit on /api (default 600 requests a minute); false turns it off. */
  rateLimit?: RateLimitOptions | false;
  /** Largest request body, in bytes (default 1 MB). */
  bodyLimit?: number;
  /** Folder of the built dashboard (default dist/web); false serves the API only. */
  webRoot?: string | false;
  /** Bootstrap resamples for the cached analysis (default 1000). */
  resamples?: number;
  /** Where errors are logged, with their stacks (default stderr). */
  log?: (message: string) => void;
  /** Route modules beyond the built-in ones. */
  routes?: RouteModule[];
  /** A job registry to share (default: a new one). */
  jobs?: JobRegistry;
  /** Where POST /api/reports writes, one folder per job (default $JOBSHIFT_HOME/reports). */
  reportsDir?: string;
  /** Chromium for PDF reports (default JOBSHIFT_CHROMIUM or /usr/bin/chromium). */
  chromiumPath?: string;
  /** Text providers for generation and report narratives (default: from the environment, once per kind). */
  textProvider?: ProviderFor;
}

export const DEFAULT_SCORERS: ScorerInfo[] = [
  { id: 'local', label: 'Built-in model (fast, offline)', background: false },
  { id: 'llm', label: 'LLM (OpenAI-compatible server; runs as a job)', background: true },
];

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { windowMs: 60_000, max: 600 };

const ROUTES: RouteModule[] = [registerAnalysisRoutes, registerScoreRoutes, registerJobRoutes, registerGenerateRoutes, registerCareerRoutes, registerSimulateRoutes, registerReportRoutes];

/** The Hono app (app.request(), app.fetch) with its cached data and job registry at hand. */
export type JobshiftApp = OpenAPIHono & { data: ServerData; jobs: JobRegistry };

export function createApp(options: AppOptions): JobshiftApp {
  const log = options.log ?? ((m: string) => process.stderr.write(`jobshift serve: ${m}\n`));
  const scorers = options.scorers ?? DEFAULT_SCORERS;
  const data = createServerData({ store: options.store, filler: options.filler, resamples: options.resamples, scoreScorers: scorers });
  const jobs = options.jobs ?? createJobRegistry({ log });
  const ctx: AppContext = {
    data,
    jobs,
    scoreTasks: options.scoreTasks,
    scorers,
    log,
    store: options.store,
    filler: options.filler,
    textProvider: options.textProvider ?? providerCache(),
    resamples: options.resamples,
    reportsDir: options.reportsDir ?? join(jobshiftHome(), 'reports'),
    chromiumPath: options.chromiumPath ?? CHROMIUM_PATH,
  };

  const app = new OpenAPIHono({
    // Validation failures: 400 naming the first field at fault.
    defaultHook: (result) => {
      if (result.success) return;
      const issue = result.error.issues[0];
      const field = issue ? fieldName(issue.path, result.target) : result.target;
      const message = issue ? issueMessage(issue) : 'invalid request';
      return errorResponse(400, `${field}: ${message}`, field);
    },
  });
  app.onError(errorHandler(log));
  app.notFound((c) => errorResponse(404, `no route ${c.req.method} ${c.req.path}`));

  app.use('*', securityHeaders());
  if (options.rateLimit !== false) app.use('/api/*', rateLimit(options.rateLimit ?? DEFAULT_RATE_LIMIT, clientAddress));
  app.use('/api/*', requireToken(options.token));
  app.use('/api/*', bodyLimit(options.bodyLimit ?? 1 << 20));
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
  });

  for (const register of [...ROUTES, ...(options.routes ?? [])]) register(app, ctx);
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'Needed on POST routes when the server sets JOBSHIFT_API_TOKEN' });
  app.doc('/api/openapi.json', {
    openapi: '3.0.0',
    info: {
      title: 'jobshift API',
      version: VERSION,
      description: 'How large language models change work: task and occupation exposure, workforce analysis and published measures, from O*NET, BLS and GPTs-are-GPTs data.',
    },
  });

  if (options.webRoot !== false) app.use('*', staticFiles(loadStaticFiles(options.webRoot ?? defaultWebRoot())));
  return Object.assign(app, { data, jobs });
}

function fieldName(path: PropertyKey[], target: string): string {
  if (path.length === 0) return target === 'json' ? 'body' : target;
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), '');
}

function issueMessage(issue: { code: string; message: string; input?: unknown }): string {
  if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) return 'is required';
  return issue.message;
}
