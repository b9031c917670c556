/** Rate your own task statements with one of the server's scorers. */
import { type FormEvent, useEffect, useState } from 'react';
import { automationAbsentText, isUncertain, probabilitiesText } from '../../scoring/display.js';
import { useJob } from '../job.js';
import { api, type ScoreResult } from '../api.js';
import { AUTOMATION_MEANING, EXPOSURE_MEANING, pct } from '../format.js';
import { useTitle } from '../router.js';
import { AutomationTag, ExposureChip, Glossary, useAsync, TokenField } from '../ui.js';

const EXAMPLE = ['Prepare detailed reports on audit findings.', 'Meet with clients to discuss tax planning.', 'Inspect welds on structural steel beams.'].join('\n');
const MAX_TASKS = 1000;

export function Score() {
  useTitle('Score tasks');
  const status = useAsync(() => api.data(), []);
  const scorers = status.state === 'done' ? status.value.scorers.score : [];
  const [text, setText] = useState('');
  const [title, setTitle] = useState('');
  const [scorer, setScorer] = useState('');
  const [result, setResult] = useState<ScoreResult>();
  const { busy, job, error, setError, needToken, token, setToken, start } = useJob<ScoreResult>(700, setResult);
  useEffect(() => {
    if (!scorer && scorers[0]) setScorer(scorers[0].id);
  }, [scorers, scorer]);

  const tasks = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setResult(undefined);
    if (tasks.length === 0) return setError(new Error('Enter at least one task, one per line.'));
    if (tasks.length > MAX_TASKS) return setError(new Error(`At most ${MAX_TASKS} tasks at a time (you entered ${tasks.length}).`));
    await start(async () => {
      const r = await api.score({ tasks, scorer, title: title.trim() || undefined });
      return 'job' in r ? r : { result: r };
    });
  };

  return (
    <>
      <h1>Score your own tasks</h1>
      <p className="lead">
        Paste the tasks of a job — one per line, as in a job description — and see how exposed each is to LLMs on the same rubric used for every US occupation.
      </p>
      {status.state === 'done' && scorers.length === 0 && (
        <div className="error" role="alert">
          Scoring is not set up on this server: no scoring model is available. Train the built-in model (<code>jobshift model train</code>) or configure an LLM, then restart{' '}
          <code>jobshift serve</code>. Ratings of every O*NET task are still on the <a href="/occupations">occupation pages</a>.
        </div>
      )}
      <form className="score-form" onSubmit={submit}>
        <label htmlFor="tasks">Tasks, one per line (up to {MAX_TASKS})</label>
        <textarea id="tasks" rows={7} value={text} placeholder={EXAMPLE} onChange={(e) => setText(e.target.value)} />
        <div className="controls">
          <label>
            Job title (optional)
            <input type="text" value={title} maxLength={200} placeholder="e.g. Staff accountant" onChange={(e) => setTitle(e.target.value)} />
          </label>
          <label>
            Scorer
            <select value={scorer} onChange={(e) => setScorer(e.target.value)} disabled={scorers.length === 0}>
              {scorers.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          {needToken && <TokenField token={token} onChange={setToken} />}
        </div>
        <div className="actions">
          <button type="submit" disabled={busy || scorers.length === 0}>
            {busy ? 'Rating…' : `Rate ${tasks.length || ''} task${tasks.length === 1 ? '' : 's'}`}
          </button>
          {!text && (
            <button type="button" className="secondary" onClick={() => setText(EXAMPLE)}>
              Try an example
            </button>
          )}
        </div>
      </form>
      {job && job.status === 'running' && (
        <div className="progress" role="status">
          <progress max={job.progress.total} value={job.progress.done} /> {job.progress.done} of {job.progress.total} tasks rated
        </div>
      )}
      {error && (
        <div className="error" role="alert">
          {error.message}
        </div>
      )}
      {result && <Results result={result} />}
      <Glossary />
    </>
  );
}

function Results({ result }: { result: ScoreResult }) {
  const rated = result.results.filter((r) => 'exposure' in r && r.exposure !== null);
  const exposed = rated.filter((r) => 'exposure' in r && r.exposure !== 'E0').length;
  const unreadable = result.results.filter((r) => 'exposure' in r && r.exposure === null).length;
  return (
    <section aria-label="Ratings">
      <h2>Ratings</h2>
      <p className="note">
        {exposed} of {rated.length} tasks rated as exposed (E1 or E2) by {result.scorer}.
        {unreadable > 0 && ` ${unreadable} ${unreadable === 1 ? 'line is' : 'lines are'} not read as a task statement and left unrated.`}
      </p>
      {result.rubric && (
        <p className="note" data-testid="rubric">
          Rubric: <b>{result.rubric.title}</b> ({result.rubric.id}
          {result.rubric.verbatim ? ', the published text' : ''}). {result.rubric.citation}
          {result.rubric.caveats.map((c) => ` ${c}`).join('')}
          {result.rubric.automation && ` Automation: ${result.rubric.automation.caveat}`}
        </p>
      )}
      <div className="table-wrap">
        <table className="tasks">
          <thead>
            <tr>
              <th>Task</th>
              <th>Rating</th>
              <th>Probabilities (E0 / E1 / E2)</th>
              <th>Automation</th>
            </tr>
          </thead>
          <tbody>
            {result.results.map((r, i) => (
              <tr key={i}>
                <td>{r.text}</td>
                {'error' in r ? (
                  <td colSpan={3} className="error-cell">
                    Not rated: {r.error}
                  </td>
                ) : r.exposure === null ? (
                  // The scorer cannot read the line as a task statement: no label, its note says so.
                  <>
                    <td data-testid="rating">
                      <span className="muted">No rating</span>
                      {r.flag && <div className="flag small">{r.flag}</div>}
                    </td>
                    <td className="muted">—</td>
                    <td className="muted">—</td>
                  </>
                ) : (
                  <>
                    <td data-testid="rating">
                      <ExposureChip label={r.exposure} p={r.p} />
                      {isUncertain(r.p) && r.p && (
                        <span className="flag small" data-testid="uncertain" title={`No label reaches 50%: ${probabilitiesText(r.p)}`}>
                          {' '}
                          uncertain
                        </span>
                      )}
                      <div className="muted small">{EXPOSURE_MEANING[r.exposure]}</div>
                      {r.flag && <div className="flag small">{r.flag}</div>}
                    </td>
                    <td>
                      {r.p ? (
                        <>
                          <div className="probs" title={probabilitiesText(r.p)}>
                            {r.p.map((x, k) => (
                              <span key={k} className={`prob prob-E${k}`} style={{ width: `${Math.max(0, x * 100)}%` }} />
                            ))}
                          </div>
                          <div className="muted small">
                            {pct(r.p[0])} / {pct(r.p[1])} / {pct(r.p[2])}
                          </div>
                        </>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td data-testid="automation">
                      {/* Automation only for exposed tasks (scoring/display.ts): the API's automationShown. */}
                      {r.automationShown ? (
                        <>
                          <AutomationTag level={r.automationShown} />
                          <div className="muted small">{AUTOMATION_MEANING[r.automationShown]?.replace(/^T\d: /, '')}</div>
                        </>
                      ) : (
                        <span className="muted" title={r.exposure === 'E0' ? 'The automation rubric applies to exposed tasks only' : undefined}>
                          {automationAbsentText(r.exposure)}
                        </span>
                      )}
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
