/** The national picture: headline shares with intervals and scorer ranges, then who is affected. */
import { useMemo } from 'react';
import { earlyCareerSentence, EARLY_CAREER_SOURCE } from '../../report/age.js';
import { classesChart, exposureByGroupChart, exposureDistributionChart, type AnalysisFacts } from '../../report/charts/index.js';
import { api, type Summary } from '../api.js';
import { Chart, isNarrow } from '../chart.js';
import { big, int, pct, range, scorerName } from '../format.js';
import { ReportDownload } from '../report.js';
import { navigate, useLocation, useTitle } from '../router.js';
import { Glossary, Show, Sources, useAsync } from '../ui.js';

const MEASURE_HELP: Record<string, string> = {
  alpha: 'alpha — LLM alone (narrowest)',
  beta: 'beta — LLM + half of LLM-powered tools (default)',
  gamma: 'gamma — LLM + all LLM-powered tools (widest)',
};

export function Overview() {
  useTitle('');
  const { params } = useLocation();
  const scorer = params.get('scorer') ?? 'human';
  const measure = params.get('measure') ?? 'beta';
  const summary = useAsync(() => api.summary({ scorer, measure }), [scorer, measure]);
  const status = useAsync(() => api.data(), []);
  const scorers = status.state === 'done' ? status.value.scorers.analysis : ['human', 'gpt4'];
  const set = (k: string, v: string) => {
    const p = new URLSearchParams(params);
    p.set(k, v);
    navigate(`/?${p}`, { replace: true });
  };

  return (
    <>
      <section className="intro">
        <h1>How exposed is US work to large language models?</h1>
        <p className="lead">
          Each task in every US occupation is rated by whether an LLM could cut the time it takes by half. Weighted by how many people do each job, that tells how much of
          the workforce is exposed — and whether the exposed work leans to being automated or to being helped.
        </p>
        <div className="controls">
          <label>
            Who rated the tasks
            <select value={scorer} onChange={(e) => set('scorer', e.target.value)}>
              {scorers.map((s) => (
                <option key={s} value={s}>
                  {scorerName(s)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Exposure measure
            <select value={measure} onChange={(e) => set('measure', e.target.value)}>
              {['alpha', 'beta', 'gamma'].map((m) => (
                <option key={m} value={m}>
                  {MEASURE_HELP[m]}
                </option>
              ))}
            </select>
          </label>
        </div>
      </section>
      <Show value={summary} what="the national analysis">
        {(s) => <OverviewBody s={s} />}
      </Show>
      <ReportDownload scorer={scorer} measure={measure} />
    </>
  );
}

function OverviewBody({ s }: { s: Summary }) {
  const h = s.headline[s.measure];
  const facts: AnalysisFacts = { measure: s.measure, scorer: s.scorer, oewsYear: s.oewsYear };
  const narrow = isNarrow();
  const width = 'container' as const;
  const charts = useMemo(
    () => ({
      distribution: exposureDistributionChart(s.distribution, facts, { width, compact: narrow }),
      classes: classesChart(s.classes, { ...facts, thresholds: s.classThresholds }, { width, compact: narrow }),
      major: s.breakdowns.major && exposureByGroupChart(s.breakdowns.major, { ...facts, groupTitle: 'Major occupation group' }, { width, compact: narrow }),
      wage: s.breakdowns.wage && exposureByGroupChart(s.breakdowns.wage, { ...facts, groupTitle: 'Wage quintile' }, { width, compact: narrow }),
      education: s.breakdowns.education && exposureByGroupChart(s.breakdowns.education, { ...facts, groupTitle: 'Typical education for entry' }, { width, compact: narrow }),
      demographic: s.breakdowns.demographic && exposureByGroupChart(s.breakdowns.demographic, { ...facts, groupTitle: 'Demographic group' }, { width, compact: narrow }),
      age: s.breakdowns.age?.length ? exposureByGroupChart(s.breakdowns.age, { ...facts, groupTitle: 'Age group' }, { width, compact: narrow }) : undefined,
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [s],
  );
  const r = s.scorerRange;
  const scorerRange = (k: 'mean' | 'atLeast10' | 'atLeast50') =>
    r ? (
      <span className="range">
        Other raters: {range(r[k][0], r[k][1])} ({r.scorers.map(scorerName).join(', ')})
      </span>
    ) : null;
  const covered = s.coverage.employmentCovered / s.coverage.employmentTotal;

  return (
    <>
      <section className="headlines" aria-label="Headline numbers">
        <div className="card headline" data-testid="headline-50">
          <div className="big">{pct(h.atLeast50)}</div>
          <div className="what">of US workers are in jobs where at least half of the tasks are exposed</div>
          <div className="ci">
            90% interval {range(s.intervals.atLeast50.lo, s.intervals.atLeast50.hi)}
            {s.intervals.measure !== s.measure ? ` (${s.intervals.measure})` : ''}
          </div>
          {scorerRange('atLeast50')}
        </div>
        <div className="card headline">
          <div className="big">{pct(h.atLeast10)}</div>
          <div className="what">are in jobs where at least 10% of the tasks are exposed</div>
          <div className="ci">90% interval {range(s.intervals.atLeast10.lo, s.intervals.atLeast10.hi)}</div>
          {scorerRange('atLeast10')}
        </div>
        <div className="card headline">
          <div className="big">{pct(h.mean)}</div>
          <div className="what">of the average worker's tasks are exposed ({s.measure}, weighted by employment)</div>
          <div className="ci">90% interval {range(s.intervals.mean.lo, s.intervals.mean.hi)}</div>
          {scorerRange('mean')}
        </div>
        <div className="card headline">
          <div className="big">{big(s.wageBill.exposed, true)}</div>
          <div className="what">
            a year in wages is paid for exposed work — {pct(s.wageBill.share)} of the {big(s.wageBill.total, true)} wage bill
          </div>
          <div className="ci">OEWS May {s.oewsYear} mean wages × employment × exposure</div>
        </div>
      </section>
      <p className="note">
        Rated by <b>{scorerName(s.scorer)}</b>. Covers {int(s.coverage.employmentCovered)} of {int(s.coverage.employmentTotal)} US jobs ({pct(covered)}), in {int(s.coverage.occupations)}{' '}
        occupations.
        {s.coverage.missing.length > 0 && ` ${s.coverage.missing.length} O*NET occupations have no ratings from this rater and are left out.`}
        {s.coverage.filled > 0 && ` ${s.coverage.filled} occupations without published ratings were rated by the built-in model.`}{' '}
        {s.coverage.modelEstimateEmployment > 0 && (
          <span data-testid="model-share">
            <b>{pct(s.coverage.modelEstimateShare)}</b> of the covered jobs ({int(s.coverage.modelEstimateEmployment)}) are in occupations whose rating is a <b>model estimate</b>
            {s.scorer === 'local' ? '' : ' rather than published labels'}.
          </span>
        )}{' '}
        <span data-testid="aggregation">
          {s.aggregation.note} Counted the other way ("{s.aggregation.other.method}"), {pct(s.aggregation.other.headline.atLeast50)} of workers are in jobs at least 50%
          exposed.
        </span>{' '}
        Intervals come from resampling each
        occupation's tasks ({int(s.intervals.resamples)} times); the range across raters is a different kind of uncertainty and is shown separately.
      </p>
      <Glossary />

      <section className="grid2">
        <Chart spec={charts.distribution} label="Distribution of exposure over workers" />
        <div>
          <Chart spec={charts.classes} label="Substitution vs augmentation" />
          <p className="note">
            Across all exposed work, {pct(s.automation.automation)} of rated task weight is automatable (T3–T4); {pct(s.automation.augmentation)} of task weight is exposed
            but stays with people (T0–T2).
          </p>
        </div>
      </section>

      {charts.major && (
        <section>
          <h2>Which kinds of work are most exposed</h2>
          <Chart spec={charts.major} label="Exposure by major occupation group" />
        </section>
      )}

      <section>
        <h2>Who is affected</h2>
        {wageGap(s) && <p className="note">{wageGap(s)}</p>}
        <div className="grid2">
          {charts.wage && <Chart spec={charts.wage} label="Exposure by wage quintile" />}
          {charts.education && <Chart spec={charts.education} label="Exposure by education" />}
          {charts.demographic && <Chart spec={charts.demographic} label="Exposure by demographic group" />}
          {charts.age && <Chart spec={charts.age} label="Exposure by age group" />}
        </div>
        {earlyCareerSentence(s.breakdowns.age, s.measure) && (
          <p className="note" data-testid="early-career">
            {earlyCareerSentence(s.breakdowns.age, s.measure)} {EARLY_CAREER_SOURCE} (BLS CPS {s.cpsYears.age} table 11b.)
          </p>
        )}
      </section>
      <Sources items={[...s.sources, ...s.method]} />
    </>
  );
}

/** One sentence comparing the lowest and highest wage quintiles, from the numbers shown. */
function wageGap(s: Summary): string | null {
  const w = s.breakdowns.wage;
  const lo = w?.find((g) => g.group === 'Q1');
  const hi = w?.find((g) => g.group === 'Q5');
  if (!lo || !hi) return null;
  return `Workers in the best-paid fifth of occupations average ${pct(hi.mean)} of tasks exposed (${s.measure}); in the lowest-paid fifth, ${pct(lo.mean)}.`;
}
