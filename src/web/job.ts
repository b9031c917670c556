/**
 * Following a server job (GET /api/jobs/{id}) from a page: polls until it ends, stops when the
 * page goes away. `useJob` adds what every page that starts a job keeps: whether it runs, its
 * progress, its error, and the API token when the server asks for one.
 */
import { useEffect, useRef, useState } from 'react';
import { api, ApiError, apiToken, type JobOut } from './api.js';

export interface JobHandlers<T> {
  onUpdate: (job: JobOut) => void;
  onDone: (result: T) => void;
  onError: (error: Error) => void;
}

export function useJobFollower<T>(intervalMs: number, handlers: JobHandlers<T>): (id: string) => void {
  const timer = useRef<number>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const follow = (id: string) => {
    api.job(id).then(
      (j) => {
        handlers.onUpdate(j);
        if (j.status === 'running') timer.current = window.setTimeout(() => follow(id), intervalMs);
        else if (j.status === 'done') handlers.onDone(j.result as T);
        else handlers.onError(new Error(j.error ?? 'the job failed'));
      },
      (err: Error) => handlers.onError(err),
    );
  };
  return follow;
}

/**
 * A job a page starts and follows. `start(begin)` sends the token typed (if any), runs `begin`
 * (the POST) and follows the job it returns, or takes its answer at once (`{ result }`);
 * `onDone` gets the result. A 401 shows the token field (`needToken`).
 */
export function useJob<T>(intervalMs: number, onDone: (result: T) => void) {
  const [busy, setBusy] = useState(false);
  const [job, setJob] = useState<JobOut>();
  const [error, setError] = useState<Error>();
  const [needToken, setNeedToken] = useState(false);
  const [token, setToken] = useState(apiToken.get());
  const follow = useJobFollower<T>(intervalMs, {
    onUpdate: setJob,
    onDone: (r) => {
      setBusy(false);
      onDone(r);
    },
    onError: (err) => {
      setBusy(false);
      setError(err);
    },
  });
  const start = async (begin: () => Promise<{ job: string } | { result: T }>) => {
    setError(undefined);
    setJob(undefined);
    apiToken.set(token.trim());
    setBusy(true);
    try {
      const r = await begin();
      if ('job' in r) follow(r.job);
      else {
        setBusy(false);
        onDone(r.result);
      }
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 401) setNeedToken(true);
      setError(err as Error);
    }
  };
  return { busy, job, error, setError, needToken, token, setToken, start };
}
