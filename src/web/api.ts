/**
 * The dashboard's view of the API: typed by the server's own schemas (type-only imports), GETs
 * cached for the session (the data does not change while the server runs).
 */
import type { Compare, DataStatusOut, JobOut, OccupationDetail, OccupationList, ReportJobResult, ReportRequestBody, ScoreResult, Summary } from '../server/schemas.js';

export type { Compare, DataStatusOut, JobOut, OccupationDetail, OccupationList, ReportJobResult, ReportRequestBody, ScoreResult, Summary };

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly field?: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'jobshift-api-token';
export const apiToken = {
  get: () => sessionStorage.getItem(TOKEN_KEY) ?? '',
  set: (t: string) => (t ? sessionStorage.setItem(TOKEN_KEY, t) : sessionStorage.removeItem(TOKEN_KEY)),
};

async function request<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError('The jobshift server cannot be reached. Is `jobshift serve` still running?', 0);
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new ApiError(`The server answered ${res.status} without JSON.`, res.status);
  }
  if (!res.ok) {
    const e = body as { error?: string; field?: string };
    throw new ApiError(e.error ?? `request failed (${res.status})`, res.status, e.field);
  }
  return { status: res.status, body: body as T };
}

const cache = new Map<string, Promise<unknown>>();
function get<T>(path: string): Promise<T> {
  let p = cache.get(path) as Promise<T> | undefined;
  if (!p) {
    p = request<T>(path).then((r) => r.body);
    cache.set(path, p);
    p.catch(() => cache.delete(path));
  }
  return p;
}

const query = (params: Record<string, string | number | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};

export interface AnalysisParams {
  scorer?: string;
  measure?: string;
}

/** Headers of a JSON POST, with the API token when one was given. */
function postHeaders(): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = apiToken.get();
  if (token) headers.authorization = `Bearer ${token}`;
  return headers;
}

export const api = {
  summary: (p: AnalysisParams = {}) => get<Summary>(`/api/summary${query({ ...p })}`),
  occupations: (p: AnalysisParams & { q?: string; sort?: string; limit?: number; offset?: number } = {}) => get<OccupationList>(`/api/occupations${query({ ...p })}`),
  occupation: (code: string) => get<OccupationDetail>(`/api/occupations/${encodeURIComponent(code)}`),
  compare: () => get<Compare>('/api/compare'),
  data: () => get<DataStatusOut>('/api/data'),
  job: (id: string) => request<JobOut>(`/api/jobs/${encodeURIComponent(id)}`).then((r) => r.body),
  /** 200 with the ratings, or 202 with a job to poll. */
  score: async (body: { tasks: string[]; scorer: string; title?: string }) => {
    const r = await request<ScoreResult | { job: string }>('/api/score', { method: 'POST', headers: postHeaders(), body: JSON.stringify(body) });
    return r.body;
  },
  /** Starts writing the report (a job, 202 {job}); its result lists the files to download. */
  startReport: async (body: ReportRequestBody) => {
    const r = await request<{ job: string }>('/api/reports', { method: 'POST', headers: postHeaders(), body: JSON.stringify(body) });
    return r.body.job;
  },
};
