/**
 * "My job": a job title or a description -> the matched occupation with its confidence, its
 * exposure with the interval, the most and least exposed tasks, skills to strengthen and five
 * transition pathways with their reasons. Everything comes from POST /api/career (the same
 * profile as `jobshift career --json`).
 */
import { type FormEvent, useEffect, useState } from 'react';
import type { CareerProfileOut } from '../../server/careerSchemas.js';
import { ApiError, apiToken } from '../api.js';
import { CLASS_SHORT, int, pct, range, raterName, usd, workersText } from '../format.js';
import { Link, navigate, useLocation, useTitle } from '../router.js';
import { AutomationTag, ErrorBox, ExposureChip, ModelEstimateBadge, Sources } from '../ui.js';

/** What POST /api/career answers, typed by the server's own schema. */
export type ProfileView = CareerProfileOut;
type TaskView = ProfileView['mostExposed'][number];

/** An API error with the whole answer (e.g. the row errors of a rejected roster). */
export class PostError extends ApiError {
  constructor(message: string, status: number, field: string | undefined, readonly body: unknown) {
    super(message, status, field);
  }
}

/** POST JSON with the session's API token; errors as PostError with the server's message and answer. */
export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = apiToken.get();
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
  } catch {
    throw new ApiError('The jobshift server cannot be reached. Is `jobshift serve` still running?', 0);
  }
  const json = (await res.json().catch(() => ({}))) as { error?: string; field?: string };
  if (!res.ok) throw new PostError(json.error ?? `request failed (${res.status})`, res.status, json.field, json);
  return json as T;
}

const COMPONENT_LABEL: Record<string, string> = {
  similarity: 'Skills similarity',
  exposure: 'Lower exposure',
  wage: 'Wage change',
  growth: 'Projected growth',
  openings: 'Openings',
  related: 'O*NET related',
};

export function MyJob() {
  const { params } = useLocation();
  const code = params.get('code') ?? undefined;
  const q = params.get('q') ?? '';
  useTitle('My job');
  const [text, setText] = useState(q);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const [profile, setProfile] = useState<ProfileView>();

  useEffect(() => {
    if (!q && !code) return;
    let live = true;
    setBusy(true);
    setError(undefined);
    postJson<ProfileView>('/api/career', { query: q, code }).then(
      (p) => live && (setProfile(p), setBusy(false)),
      (e: Error) => live && (setError(e), setBusy(false)),
    );
    return () => {
      live = false;
    };
  }, [q, code]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const t = text.trim();
    if (!t) return setError(new Error('Enter a job title or describe what you do.'));
    navigate(`/my-job?q=${encodeURIComponent(t)}`);
  };

  return (
    <>
      <h1>My job</h1>
      <p className="lead">
        Type your job title — or paste a description of what you do — to see how exposed the work is to LLMs, which tasks are most affected, which skills to
        strengthen and five jobs you could move to, each with the reasons behind it.
      </p>
      <form className="score-form" onSubmit={submit}>
        <label htmlFor="job">Job title or description</label>
        <textarea id="job" rows={3} value={text} maxLength={5000} placeholder="e.g. Senior accounts payable clerk" onChange={(e) => setText(e.target.value)} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Looking…' : 'Show my profile'}
          </button>
        </div>
      </form>
      {error && <ErrorBox error={error} />}
      {busy && !profile && (
        <p className="loading" role="status">
          Matching and analysing…
        </p>
      )}
      {profile && <Profile p={profile} />}
    </>
  );
}

function Profile({ p }: { p: ProfileView }) {
  const e = p.exposure;
  const pick = (code: string) => navigate(`/my-job?q=${encodeURIComponent(p.query)}&code=${encodeURIComponent(code)}`);
  return (
    <section aria-label="Profile">
      <h2>
        <Link to={`/occupations/${p.occupation.code}`}>{p.occupation.title}</Link> <span className="code">{p.occupation.code}</span>
      </h2>
      {p.occupation.confidence !== null && <p className="note">Match confidence {pct(p.occupation.confidence)} (calibrated on job titles the matcher had never seen).</p>}
      {p.notes.map((n) => (
        <p key={n} className="flag">
          {n}
        </p>
      ))}
      {p.matches.length > 1 && (
        <details open={p.lowConfidence}>
          <summary>Not your job? Other candidates</summary>
          <ul>
            {p.matches
              .filter((m) => m.code !== p.occupation.code)
              .map((m) => (
                <li key={m.code}>
                  <button type="button" className="secondary" onClick={() => pick(m.code)}>
                    {m.title}
                  </button>{' '}
                  <span className="muted small">
                    {pct(m.confidence)} — matched “{m.matchedOn.text}”
                  </span>
                </li>
              ))}
          </ul>
        </details>
      )}
      <div className="headlines">
        <div className="card headline">
          <div className="kicker">
            Exposure (beta){e && ` — ${raterName(e.scorer, e.ratedBy)}`}
            {e?.ratedBy === 'model' && <ModelEstimateBadge />}
          </div>
          <div className="big">{e ? pct(e.beta) : '—'}</div>
          {e && <span className="ci">90% interval {range(e.betaInterval.lo, e.betaInterval.hi)}</span>}
          {e && <span className={`class class-${e.class}`}>{CLASS_SHORT[e.class] ?? e.classLabel}</span>}
        </div>
        <div className="card headline">
          <div className="kicker">Automation vs augmentation</div>
          <div className="big">{e ? pct(e.automation) : '—'}</div>
          <p className="what small">of task weight rated T3–T4 (the model does the task); {e ? pct(e.augmentation) : '—'} exposed but people stay in the loop</p>
        </div>
        <div className="card headline">
          <div className="kicker">Labour market</div>
          <div className="big">{usd(p.employment.medianWage)}</div>
          <p className="what small">
            median wage; <span data-testid="workers">{workersText(p.employment)}</span> employed (OEWS {p.employment.oewsYear}); projected {p.employment.growthPct === null ? '—' : `${p.employment.growthPct.toFixed(1)}%`},{' '}
            {int(p.employment.openings)} openings a year
          </p>
        </div>
      </div>

      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))', gap: '0 1.5rem' }}>
        <TaskList title="Most exposed tasks" tasks={p.mostExposed} />
        <TaskList title="Least exposed tasks" tasks={p.leastExposed} />
      </div>

      <h2>Skills to strengthen</h2>
      {p.skills.length ? (
        <ul>
          {p.skills.map((s) => (
            <li key={s.name}>
              <strong>{s.name}</strong> <span className="muted small">({s.domain})</span> — {s.reason}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">No skill stands out: the skills this job relies on are as important in more exposed work.</p>
      )}

      <h2>Five transition pathways</h2>
      <p className="note">Score = the weighted sum of the components below (each on a 0–1 scale); the weights are a stated judgement, shown in every row.</p>
      {p.pathways.map((w, i) => (
        <div className="card" style={{ marginBottom: '1rem' }} key={w.code} data-testid="pathway">
          <h3>
            {i + 1}. <Link to={`/occupations/${w.code}`}>{w.title}</Link> <span className="code">{w.code}</span> — score {w.score.toFixed(2)}
          </h3>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Component</th>
                  <th className="num">Value</th>
                  <th className="num">Weight</th>
                  <th className="num">Contribution</th>
                  <th>Why</th>
                </tr>
              </thead>
              <tbody>
                {w.reasons.map((r) => (
                  <tr key={r.component}>
                    <td>{COMPONENT_LABEL[r.component] ?? r.component}</td>
                    <td className="num">{r.value.toFixed(2)}</td>
                    <td className="num">{r.weight.toFixed(2)}</td>
                    <td className="num">{r.contribution.toFixed(3)}</td>
                    <td>{r.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {w.gaps.length > 0 && <p className="small">To build: {w.gaps.map((g) => g.name).join(', ')}</p>}
        </div>
      ))}
      <Sources items={[...p.method, ...p.sources]} />
    </section>
  );
}

function TaskList({ title, tasks }: { title: string; tasks: TaskView[] }) {
  return (
    <div>
      <h2>{title}</h2>
      {tasks.length === 0 ? (
        <p className="empty">None.</p>
      ) : (
        <ul>
          {tasks.map((t) => (
            <li key={t.taskId}>
              <ExposureChip label={t.exposure} /> {t.automation && <AutomationTag level={t.automation} />} {t.text}
              {t.likely && <span className="muted small"> — more likely {t.likely === 'automation' ? 'automated' : 'augmented'}</span>}
              {t.origin === 'model' && <span className="flag small"> (rated by the built-in model)</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
