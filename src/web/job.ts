/**
 * Following a server job (GET /api/jobs/{id}) from a page: polls until it ends, stops when the
 * page goes away.
 */
import { useEffect, useRef } from 'react';
import { api, type JobOut } from './api.js';

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
