/**
 * "Workforce": upload (or paste) a roster CSV — job_title, headcount, optional department and
 * soc_code — and see it analysed at task level by POST /api/workforce (the same analysis as
 * `jobshift workforce --json`). The file is read in the browser and sent only to this jobshift
 * server, which analyses it in memory and keeps nothing.
 */
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { CLASS_SHORT, int, pct, range } from '../format.js';
import { Link, useTitle } from '../router.js';
import { ErrorBox, Sources } from '../ui.js';
import type { RosterAnalysisOut } from '../../server/careerSchemas.js';
import { PostError, postJson } from './MyJob.js';

const EXAMPLE = ['job_title,headcount,department,soc_code', 'Accounts Payable Clerk,12,Finance,', 'Senior Accountant,6,Finance,13-2011', 'Customer Service Representative,40,Operations,', 'Warehouse Worker,25,Operations,', 'Software Engineer,10,IT,'].join('\n');

/** What POST /api/workforce answers, typed by the server's own schema. */
type RosterView = RosterAnalysisOut;
type RowError = RosterView['errors'][number];

export function Workforce() {
  useTitle('Workforce');
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const [rowErrors, setRowErrors] = useState<RowError[]>([]);
  const [result, setResult] = useState<RosterView>();

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    if (!f) return;
    if (f.size > 900_000) return setError(new Error('The file is larger than 900 kB; split the roster.'));
    setFileName(f.name);
    f.text().then(setCsv, () => setError(new Error('The file could not be read.')));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setRowErrors([]);
    setResult(undefined);
    if (!csv.trim()) return setError(new Error('Choose a roster CSV file or paste one.'));
    setBusy(true);
    try {
      const r = await postJson<RosterView>('/api/workforce', { csv });
      setResult(r);
    } catch (err) {
      setError(err as Error);
      // No usable row: the server lists why, row by row.
      if (err instanceof PostError && err.status === 422) setRowErrors((err.body as { errors?: RowError[] }).errors ?? []);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>Workforce</h1>
      <p className="lead">
        Upload your roster to see, role by role, how exposed your workforce is to LLMs, which roles face substitution and which will be augmented, where people
        could be redeployed inside your organisation, and what they would need to learn.
      </p>
      <p className="note">
        Columns: <code>job_title</code>, <code>headcount</code>, optional <code>department</code> and <code>soc_code</code>. The roster goes only to this jobshift
        server, is matched with its local title matcher and is not stored.
      </p>
      <form className="score-form" onSubmit={submit}>
        <label htmlFor="roster-file">Roster CSV file</label>
        <input id="roster-file" type="file" accept=".csv,text/csv" onChange={onFile} />
        <label htmlFor="roster-text">…or paste it {fileName && <span className="muted small">(loaded {fileName})</span>}</label>
        <textarea id="roster-text" rows={7} value={csv} placeholder={EXAMPLE} onChange={(e) => setCsv(e.target.value)} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Analysing…' : 'Analyse roster'}
          </button>
          {!csv && (
            <button type="button" className="secondary" onClick={() => setCsv(EXAMPLE)}>
              Try an example
            </button>
          )}
        </div>
      </form>
      {error && <ErrorBox error={error} />}
      {rowErrors.length > 0 && <RowErrors errors={rowErrors} />}
      {result && <Result r={result} />}
    </>
  );
}

function RowErrors({ errors }: { errors: RowError[] }) {
  return (
    <section aria-label="Row errors">
      <h2>Rows not analysed</h2>
      <ul>
        {errors.map((e) => (
          <li key={`${e.row}-${e.field ?? ''}`} className="error-cell">
            Row {e.row}
            {e.field ? ` (${e.field})` : ''}: {e.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Result({ r }: { r: RosterView }) {
  const t = r.totals;
  return (
    <section aria-label="Roster analysis">
      <div className="headlines">
        <div className="card headline">
          <div className="kicker">Headcount-weighted exposure</div>
          <div className="big" data-testid="roster-beta">{pct(t.beta)}</div>
          {t.betaInterval && <span className="ci">90% interval {range(t.betaInterval.lo, t.betaInterval.hi)}</span>}
          <p className="what small">
            {int(t.analysedHeadcount)} of {int(t.headcount)} people analysed
          </p>
        </div>
        <div className="card headline">
          <div className="kicker">Hours of work exposed</div>
          <div className="big">{int(t.hoursExposed)}</div>
          <p className="what small">
            a year, of {int(t.hours)}; {int(t.hoursAutomationExposed)} in automation-prone tasks (T3–T4)
          </p>
        </div>
        <div className="card headline">
          <div className="kicker">To review</div>
          <div className="big">{int(t.reviewHeadcount)}</div>
          <p className="what small">people in roles the matcher was not sure about (not counted); add a soc_code to map them</p>
        </div>
      </div>
      {r.errors.length > 0 && <RowErrors errors={r.errors} />}

      <h2>Roles</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th className="num">Row</th>
              <th>Job title</th>
              <th>Department</th>
              <th className="num">People</th>
              <th>Occupation</th>
              <th>Mapped by</th>
              <th className="num">Exposure</th>
              <th>Class</th>
            </tr>
          </thead>
          <tbody>
            {r.rows.map((x) => (
              <tr key={x.row} className={x.status === 'review' ? 'flag' : undefined}>
                <td className="num">{x.row}</td>
                <td>{x.jobTitle}</td>
                <td>{x.department ?? ''}</td>
                <td className="num">{int(x.headcount)}</td>
                <td>
                  {x.status === 'review' ? (
                    <>
                      <strong>Review:</strong> {x.candidates.length ? `best guess ${x.title}` : 'no occupation matches'}
                    </>
                  ) : (
                    <Link to={`/occupations/${x.code}`}>{x.title}</Link>
                  )}
                </td>
                <td>{x.via === 'soc_code' ? 'soc_code' : `title, ${pct(x.confidence)}`}</td>
                <td className="num">
                  {x.status === 'unscored' ? 'not rated' : pct(x.beta)}
                  {x.betaInterval && <div className="muted small">{range(x.betaInterval.lo, x.betaInterval.hi)}</div>}
                </td>
                <td>{x.class && <span className={`class class-${x.class}`}>{CLASS_SHORT[x.class] ?? x.class}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Substitution risk vs augmentation</h2>
      <ul>
        {r.byClass.map((c) => (
          <li key={c.class}>
            <span className={`class class-${c.class}`}>{CLASS_SHORT[c.class] ?? c.label}</span> {int(c.headcount)} people{c.roles.length ? ` — ${c.roles.join(', ')}` : ''}
          </li>
        ))}
      </ul>

      <h2>Redeployment inside the roster</h2>
      {r.redeployment.length === 0 ? (
        <p className="empty">No highly exposed roles.</p>
      ) : (
        <ul>
          {r.redeployment.map((d) => (
            <li key={d.from.row}>
              <strong>{d.from.jobTitle}</strong> ({pct(d.from.beta)}, {int(d.from.headcount)} people):{' '}
              {d.options.length ? d.options.map((o) => `${o.jobTitle} (${pct(o.beta)}, score ${o.score.toFixed(2)})`).join('; ') : 'no less exposed role with similar skills in the roster'}
            </li>
          ))}
        </ul>
      )}

      <h2>Reskilling plan</h2>
      {r.reskilling.length === 0 ? (
        <p className="empty">Nothing to plan.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Role</th>
                <th className="num">People</th>
                <th>Move to</th>
                <th>Learn</th>
                <th>Strengthen</th>
              </tr>
            </thead>
            <tbody>
              {r.reskilling.map((s) => (
                <tr key={s.row}>
                  <td>{s.jobTitle}</td>
                  <td className="num">{int(s.headcount)}</td>
                  <td>{s.target.inRoster ? `${s.target.jobTitle} (in the roster)` : `${s.target.title} (outside the roster)`}</td>
                  <td>{s.learn.map((g) => g.name).join(', ')}</td>
                  <td>{s.strengthen.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Sources items={[...r.assumptions, ...r.method, ...r.sources]} title="Assumptions, method and sources" />
    </section>
  );
}
