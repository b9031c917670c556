/** One occupation: its exposure by each rater, every task and its ratings, jobs and pay, related work. */
import { useState } from 'react';
import { automationAbsentText, isUncertain, probabilitiesText, shownAutomation } from '../../scoring/display.js';
import { api, type OccupationDetail } from '../api.js';
import { CLASS_PLAIN, CLASS_SHORT, int, MODEL_ESTIMATE, pct, range, raterName, scorerName, usd, workersText } from '../format.js';
import { Link, useTitle } from '../router.js';
import { AutomationTag, ExposureChip, Glossary, ModelEstimateBadge, Show, Sources, useAsync } from '../ui.js';

export function Occupation({ code }: { code: string }) {
  const detail = useAsync(() => api.occupation(code), [code]);
  useTitle(detail.state === 'done' ? detail.value.title : 'Occupation');
  return (
    <>
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link to="/occupations">Occupations</Link> ›
      </nav>
      <Show value={detail} what="the occupation">
        {(d) => <OccupationBody d={d} />}
      </Show>
    </>
  );
}

function OccupationBody({ d }: { d: OccupationDetail }) {
  const [onlyDisagree, setOnlyDisagree] = useState(false);
  const order = ['human', 'gpt4', 'local', 'llm', 'llama'];
  const scorers = taskColumns(d, order);
  const modelOnly = new Set(scorers.filter((s) => !ownRatings(d, s)));
  const tasks = onlyDisagree ? d.tasks.filter((t) => t.disagree) : d.tasks;
  const main = d.exposure[0];
  const e = d.employment;
  const w = e.wages;
  const p = d.projection;

  return (
    <article className="occupation">
      <header>
        <h1>{d.title}</h1>
        <p className="muted">
          O*NET-SOC {d.code} · {d.majorGroupTitle ?? `Major group ${d.majorGroup}`}
          {d.jobZone ? ` · Job zone ${d.jobZone} of 5 (preparation needed)` : ''}
        </p>
        {d.description && <p className="lead">{d.description}</p>}
      </header>

      <section className="headlines" aria-label="Exposure">
        {d.exposure.length === 0 && (
          <div className="card">
            <p>
              <b>No task ratings for this occupation yet.</b> The published labels (GPTs-are-GPTs) do not cover it; the built-in model will rate it once it is trained.
            </p>
          </div>
        )}
        {exposureCards(d.exposure).map((x) => (
          <div className="card headline" key={x.scorer} data-testid={`exposure-${x.scorer}`}>
            <div className="kicker">
              {raterName(x.scorer, x.ratedBy)}
              {x.ratedBy === 'model' && <ModelEstimateBadge />}
            </div>
            <div className="big">{pct(x.beta)}</div>
            <div className="what">of the tasks are exposed (beta)</div>
            {x.betaInterval && <div className="ci">90% interval {range(x.betaInterval.lo, x.betaInterval.hi)}</div>}
            <div className="ci">
              alpha {pct(x.alpha)} · gamma {pct(x.gamma)}
            </div>
            <div className={`class class-${x.class}`}>{CLASS_SHORT[x.class]}</div>
          </div>
        ))}
        {main && (
          <div className="card">
            <div className="kicker">Substitution or augmentation</div>
            <p>{CLASS_PLAIN[main.class]}.</p>
            <p className="small">
              Automatable (T3–T4): {pct(main.automation)} of rated task weight. Exposed but staying with people (T0–T2): {pct(main.augmentation)}.
            </p>
          </div>
        )}
      </section>

      <section className="grid2">
        <div className="card">
          <h2>Jobs and pay</h2>
          {w ? (
            <dl className="facts">
              <dt>Workers (OEWS May {w.year})</dt>
              <dd data-testid="workers">
                {workersText(e)}
                {e.employmentSplit && <span className="muted small"> — OEWS counts these occupations together; it publishes no separate count for this one</span>}
              </dd>
              <dt>Median annual wage</dt>
              <dd>{usd(w.annualMedian)}</dd>
              <dt>Middle 80% earn</dt>
              <dd>
                {usd(w.annualP10)} to {usd(w.annualP90)}
              </dd>
              {e.history.length > 1 && (
                <>
                  <dt>Workers over time</dt>
                  <dd>{e.history.map((h) => `${h.year}: ${int(h.employment)}`).join(' · ')}</dd>
                </>
              )}
            </dl>
          ) : (
            <p className="muted">OEWS publishes no employment for this occupation.</p>
          )}
        </div>
        <div className="card">
          <h2>Outlook (BLS projections)</h2>
          {p ? (
            <dl className="facts">
              <dt>
                Change {p.baseYear}–{p.targetYear}
              </dt>
              <dd>
                {p.changePct === null ? '—' : `${p.changePct > 0 ? '+' : ''}${p.changePct.toFixed(1)}%`} ({int(p.baseEmployment)} → {int(p.targetEmployment)} jobs)
              </dd>
              <dt>Openings a year</dt>
              <dd>{int(p.openings)}</dd>
              <dt>Typical education for entry</dt>
              <dd>{p.typicalEducation ?? '—'}</dd>
            </dl>
          ) : (
            <p className="muted">No BLS projection for this occupation.</p>
          )}
          <p className="small muted">BLS projections ({p?.vintage ?? 'EP'}) predate most LLM adoption and do not model it.</p>
        </div>
      </section>

      <section>
        <h2>Tasks and how they are rated</h2>
        <p className="note">
          {d.tasks.length} tasks.{' '}
          {d.agreement.rated > 0 &&
            `Of the ${d.agreement.rated} tasks rated by more than one rater, they agree on ${d.agreement.rated - d.agreement.disagree} and disagree on ${d.agreement.disagree}.`}{' '}
          {modelOnly.size > 0 && 'No published labels cover this occupation: its task ratings are the built-in model’s estimates. '}
          The key below the glossary says what each rating means.
        </p>
        <Glossary />
        {d.agreement.disagree > 0 && (
          <label className="check">
            <input type="checkbox" checked={onlyDisagree} onChange={(e) => setOnlyDisagree(e.target.checked)} /> Only tasks where the raters disagree ({d.agreement.disagree})
          </label>
        )}
        <div className="legend-line" aria-label="Rating key">
          <span>
            <ExposureChip label="E0" bare /> not exposed
          </span>
          <span>
            <ExposureChip label="E1" bare /> exposed to an LLM alone
          </span>
          <span>
            <ExposureChip label="E2" bare /> exposed with LLM-powered tools
          </span>
          <span>
            <AutomationTag level="T3" /> automation level T0 (none) to T4 (full), for exposed tasks
          </span>
        </div>
        <div className="table-wrap">
          <table className="tasks">
            <thead>
              <tr>
                <th>Task</th>
                {scorers.map((s) => (
                  <th key={s}>{modelOnly.has(s) ? <>{MODEL_ESTIMATE}<ModelEstimateBadge /></> : scorerName(s)}</th>
                ))}
                <th title="Automation rubric T0 (none) to T4 (full)">Automation</th>
              </tr>
            </thead>
            <tbody>
              {tasks.map((t) => {
                // The automation level of the first rater that gives one, shown only when that rater
                // says the task is exposed (scoring/display.ts): no "Not exposed" beside "T4".
                const withAuto = [...scorers.map((s) => t.ratings[s]), ...Object.values(t.ratings)].find((r) => r?.automation);
                const auto = shownAutomation(withAuto?.exposure, withAuto?.automation);
                return (
                  <tr key={t.taskId} className={t.disagree ? 'disagree' : ''}>
                    <td>
                      {t.text}
                      <div className="muted small">
                        {t.type ?? 'Task'} · #{t.taskId}
                        {t.disagree && <span className="flag"> · raters disagree</span>}
                      </div>
                    </td>
                    {scorers.map((s) => {
                      const r = t.ratings[s];
                      return (
                        <td key={s}>
                          {r ? (
                            <>
                              <ExposureChip label={r.exposure} p={r.p} />
                              {r.origin === 'model' && r.p && isUncertain(r.p) && (
                                <span className="flag small" data-testid="uncertain" title={`No label reaches 50%: ${probabilitiesText(r.p)}`}>
                                  {' '}
                                  uncertain
                                </span>
                              )}
                              {r.p && <div className="muted small">p(E1) {pct(r.p[1])} · p(E2) {pct(r.p[2])}</div>}
                              {r.origin === 'model' && <div className="muted small">model, not published</div>}
                            </>
                          ) : (
                            <span className="muted" title="This rater did not rate this task (it may be newer than the published labels)">
                              not rated
                            </span>
                          )}
                        </td>
                      );
                    })}
                    <td>
                      {auto ? <AutomationTag level={auto} /> : <span className="muted">{automationAbsentText(withAuto?.exposure)}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      {d.related.length > 0 && (
        <section>
          <h2>Related occupations</h2>
          <p className="note">Occupations O*NET lists as related (similar work, skills and knowledge), most closely related first.</p>
          <ul className="related">
            {d.related.map((r) => (
              <li key={r.code}>
                <Link to={`/occupations/${r.code}`}>{r.title}</Link>
                <span className="muted small"> {r.beta === null ? 'not rated' : `${pct(r.beta)} of tasks exposed`}</span>
                {r.class && <span className={`class class-${r.class}`}>{CLASS_SHORT[r.class]}</span>}
              </li>
            ))}
          </ul>
          <p>
            <Link to={`/my-job?code=${encodeURIComponent(d.code)}`}>See transition options</Link> from this occupation, ranked with their reasons.
          </p>
        </section>
      )}
      <Sources items={d.sources} />
    </article>
  );
}

/** Whether any of this occupation's ratings from scorer `s` are its own (not filled in by the built-in model). */
const ownRatings = (d: OccupationDetail, s: string) => d.tasks.some((t) => t.ratings[s] && t.ratings[s].ratedBy !== 'model');

/**
 * The task table's rater columns: each scorer with ratings of its own, and the built-in model's
 * ratings once, however many scorers it stands in for (they are the same ratings).
 */
function taskColumns(d: OccupationDetail, order: string[]): string[] {
  const all = [...new Set(d.tasks.flatMap((t) => Object.keys(t.ratings)))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const own = all.filter((s) => ownRatings(d, s));
  const model = all.filter((s) => !ownRatings(d, s));
  return [...own, ...model.slice(0, 1)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/** One exposure card per rater: model estimates standing in for several scorers are shown once. */
function exposureCards(list: OccupationDetail['exposure']): OccupationDetail['exposure'] {
  let model = false;
  return list.filter((x) => {
    if (x.ratedBy !== 'model') return true;
    if (model) return false;
    return (model = true);
  });
}
