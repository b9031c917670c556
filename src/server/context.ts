/**
 * What route modules share: the cached data, the job registry and the injected scorer.
 * A route module is a function `(app, ctx) => void` that registers its routes with
 * `app.openapi(...)`, so they are validated and appear in /api/openapi.json.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { z } from '@hono/zod-openapi';
import type { Store } from '../data/store.js';
import type { GapFiller } from '../scoring/taskScores.js';
import type { ServerData } from './data.js';
import type { JobRegistry } from './jobs.js';
import type { ProviderFor } from './providers.js';
import type { TaskScoreSchema } from './schemas.js';

export type Api = OpenAPIHono;

/** One task to rate: its statement and, when known, the job title and O*NET-SOC occupation it belongs to. */
export interface TaskToScore {
  text: string;
  title?: string;
  onetCode?: string;
}

/** A rating of one task, or why that task could not be rated. */
export type TaskScoreOut = z.infer<typeof TaskScoreSchema> | { error: string };

/**
 * The scoring engine as the server sees it (injected by the caller of createApp: the CLI wires
 * the local model and the LLM scorer). Returns one entry per task, in order; calls
 * `progress(done)` as tasks finish so long runs can report it; `options.rubric` is the exposure
 * rubric of the llm and llama scorers (validated by the route). Throw an InputError for a fault
 * the user can fix (no model trained, no API key): its message reaches the client.
 */
export type ScoreTasks = (tasks: TaskToScore[], scorer: string, progress: (done: number) => void, options?: { rubric?: string }) => Promise<TaskScoreOut[]>;

export interface ScorerInfo {
  id: string;
  label: string;
  /** Slow scorers (an LLM over the network) run as jobs: POST answers 202 {job}. */
  background: boolean;
}

export interface AppContext {
  data: ServerData;
  /** The store, for route modules that read it directly (its statements are serialised). */
  store?: Store;
  /** The local model as gap filler, when there is one. */
  filler?: GapFiller;
  jobs: JobRegistry;
  scoreTasks?: ScoreTasks;
  scorers: ScorerInfo[];
  log: (message: string) => void;
  /** Text providers from the server's environment, shared by the routes that generate text. */
  textProvider: ProviderFor;
  /** Bootstrap resamples for intervals (the analysis cache's; reports use the same). */
  resamples?: number;
  /** Where report jobs write their files, one folder per job ($JOBSHIFT_HOME/reports by default). */
  reportsDir: string;
  /** Chromium for PDF reports. */
  chromiumPath: string;
}

export type RouteModule = (app: Api, ctx: AppContext) => void;
