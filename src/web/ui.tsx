/** Small shared pieces: loading and error states, the rating chip, the plain-language glossary. */
import { type ReactNode, useEffect, useState } from 'react';
import { ApiError } from './api.js';
import { AUTOMATION_MEANING, EXPOSURE_MEANING, EXPOSURE_SHORT } from './format.js';
import { Link } from './router.js';

export type Async<T> = { state: 'loading' } | { state: 'error'; error: ApiError | Error } | { state: 'done'; value: T };

/** Run a request when its key changes; keep the last answer while the next one loads. */
export function useAsync<T>(fn: () => Promise<T>, key: unknown[]): Async<T> {
  const [s, set] = useState<Async<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    fn().then(
      (value) => live && set({ state: 'done', value }),
      (error: Error) => live && set({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, key);
  return s;
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorBox({ error }: { error: Error }) {
  const status = error instanceof ApiError ? error.status : 0;
  return (
    <div className="error" role="alert">
      <strong>{status === 503 ? 'Not available with the data loaded here. ' : status === 404 ? 'Not found. ' : 'Something went wrong. '}</strong>
      {error.message}
      {status === 503 && (
        <>
          {' '}
          See <Link to="/data">Data</Link> for what is loaded and what is missing.
        </>
      )}
    </div>
  );
}

export function Show<T>({ value, what, children }: { value: Async<T>; what: string; children: (v: T) => ReactNode }) {
  if (value.state === 'loading') return <Loading what={what} />;
  if (value.state === 'error') return <ErrorBox error={value.error} />;
  return <>{children(value.value)}</>;
}

export function ExposureChip({ label, p, bare }: { label: string; p?: [number, number, number] | null; bare?: boolean }) {
  const meaning = EXPOSURE_MEANING[label] ?? label;
  const prob = p ? ` (probability ${Math.round(p[Number(label.slice(1))]! * 100)}%)` : '';
  return (
    <span className={`chip chip-${label}`} title={`${meaning}${prob}`}>
      {label}
      {!bare && <span className="chip-text"> {EXPOSURE_SHORT[label] ?? ''}</span>}
    </span>
  );
}

export function AutomationTag({ level }: { level: string | null }) {
  if (!level) return <span className="muted">—</span>;
  return (
    <span className={`tlevel tlevel-${level}`} title={AUTOMATION_MEANING[level]}>
      {level}
    </span>
  );
}

/** The visible mark on a rating the built-in model made where no published labels exist. */
export function ModelEstimateBadge() {
  return (
    <span className="badge badge-model" data-testid="model-estimate" title="No published labels cover this occupation: the built-in model rated its tasks. Treat it as an estimate.">
      model estimate
    </span>
  );
}

/** The one-paragraph glossary: E0/E1/E2, alpha/beta/gamma, T0-T4. */
export function Glossary({ open = false }: { open?: boolean }) {
  return (
    <details className="glossary" open={open}>
      <summary>What do E0/E1/E2, alpha, beta and gamma mean?</summary>
      <dl>
        <dt>Task ratings (the E0/E1/E2 rubric, Eloundou et al. 2024)</dt>
        <dd>
          Each O*NET task statement is rated by whether an LLM could cut the time it takes by at least half at the same quality.
          <ul>
            <li>
              <span className="chip chip-E0">E0</span> not exposed;
            </li>
            <li>
              <span className="chip chip-E1">E1</span> exposed to an LLM alone (a chat assistant);
            </li>
            <li>
              <span className="chip chip-E2">E2</span> exposed to software built on an LLM (with search, documents, images).
            </li>
          </ul>
        </dd>
        <dt>Occupation exposure</dt>
        <dd>
          <b>alpha</b>: share of the job's tasks rated E1 (the narrowest reading). <b>beta</b>: E1 plus half of E2 (the middle reading, shown by default). <b>gamma</b>: E1 plus
          all of E2 (the widest). Core tasks count twice as much as supplemental ones.
        </dd>
        <dt>Automation (T0–T4)</dt>
        <dd>
          How much of a task the model could do with little human oversight, from T0 (none) to T4 (fully). Exposed work rated T3–T4 leans to substitution; exposed work rated
          T0–T2 leans to augmentation (people stay in the loop).
        </dd>
        <dt>Exposure is not job loss</dt>
        <dd>A task being exposed means an LLM could speed it up. Whether that removes, changes or creates jobs depends on costs, adoption and demand.</dd>
      </dl>
    </details>
  );
}

export function Sources({ items, title = 'Sources and method' }: { items: string[]; title?: string }) {
  return (
    <details className="sources">
      <summary>{title}</summary>
      <ul>
        {items.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
    </details>
  );
}

/** The API token field, shown once the server has answered 401 (JOBSHIFT_API_TOKEN is set). */
export function TokenField({ token, onChange }: { token: string; onChange: (token: string) => void }) {
  return (
    <label>
      API token
      <input type="password" value={token} autoComplete="off" onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}
