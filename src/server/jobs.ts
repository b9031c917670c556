/**
 * Long runs (scoring with an LLM, later scenario simulation) as in-memory jobs with progress.
 * A POST route starts a job and answers 202 {job: id}; GET /api/jobs/{id} reports
 * {status, progress, result?, error?}. Jobs live in this process only: a restart forgets them.
 */
import { randomUUID } from 'node:crypto';
import { isInputError } from '../util/errors.js';

export type JobStatus = 'running' | 'done' | 'failed';

export interface Job<T = unknown> {
  id: string;
  kind: string;
  status: JobStatus;
  progress: { done: number; total: number };
  result?: T;
  error?: string;
  createdAt: Date;
  finishedAt?: Date;
}

export interface JobContext {
  /** The job's id (e.g. to name the folder a job writes its files to). */
  id: string;
  /** Report progress: `done` of `total` units (tasks, years...). */
  progress(done: number, total?: number): void;
}

export interface JobRegistryOptions {
  /** Jobs running at once; starting another throws a 503 InputError-like error. Default 4. */
  maxRunning?: number;
  /** Finished jobs kept for this long, then forgotten. Default one hour. */
  keepMs?: number;
  /** At most this many finished jobs are kept (oldest dropped first). Default 200. */
  maxKept?: number;
  /** Where unexpected job failures are logged (their messages never reach clients). */
  log?: (message: string) => void;
}

export class TooManyJobsError extends Error {
  constructor(readonly maxRunning: number) {
    super(`${maxRunning} jobs are already running: try again when one finishes`);
  }
}

export interface JobRegistry {
  start<T>(kind: string, total: number, run: (ctx: JobContext) => Promise<T>): Job<T>;
  get(id: string): Job | undefined;
  /** Resolves when every running job has settled (for tests and shutdown). */
  idle(): Promise<void>;
}

export function createJobRegistry(options: JobRegistryOptions = {}): JobRegistry {
  const maxRunning = options.maxRunning ?? 4;
  const keepMs = options.keepMs ?? 60 * 60 * 1000;
  const maxKept = options.maxKept ?? 200;
  const log = options.log ?? ((m: string) => console.error(m));
  const jobs = new Map<string, Job>();
  const running = new Set<Promise<unknown>>();

  const prune = () => {
    const now = Date.now();
    const finished = [...jobs.values()].filter((j) => j.finishedAt);
    for (const j of finished) if (now - j.finishedAt!.getTime() > keepMs) jobs.delete(j.id);
    const kept = finished.filter((j) => jobs.has(j.id)).sort((a, b) => a.finishedAt!.getTime() - b.finishedAt!.getTime());
    for (let i = 0; i < kept.length - maxKept; i++) jobs.delete(kept[i]!.id);
  };

  return {
    start<T>(kind: string, total: number, run: (ctx: JobContext) => Promise<T>): Job<T> {
      prune();
      if (running.size >= maxRunning) throw new TooManyJobsError(maxRunning);
      const job: Job<T> = { id: randomUUID(), kind, status: 'running', progress: { done: 0, total }, createdAt: new Date() };
      jobs.set(job.id, job as Job);
      const ctx: JobContext = {
        id: job.id,
        progress(done, t) {
          if (t !== undefined) job.progress.total = t;
          job.progress.done = Math.min(done, job.progress.total);
        },
      };
      const p = Promise.resolve()
        .then(() => run(ctx))
        .then(
          (result) => {
            job.result = result;
            job.progress.done = job.progress.total;
            job.status = 'done';
          },
          (err: unknown) => {
            job.status = 'failed';
            if (isInputError(err)) job.error = err.message;
            else {
              job.error = 'internal error (see the server log)';
              log(`job ${job.id} (${kind}) failed: ${(err as Error)?.stack ?? String(err)}`);
            }
          },
        )
        .finally(() => {
          job.finishedAt = new Date();
          running.delete(p);
        });
      running.add(p);
      return job;
    },
    get(id) {
      return jobs.get(id);
    },
    async idle() {
      while (running.size) await Promise.allSettled([...running]);
    },
  };
}
