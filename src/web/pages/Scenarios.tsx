/**
 * Scenarios: pick a built-in scenario, move the main parameters with sliders, run it on the
 * server (POST /api/simulate, a job) and see jobs displaced, created and net by year with 90%
 * bands, where displaced workers go (a Sankey between occupation groups, drawn in plain SVG),
 * and the occupations most affected. All numbers come from src/simulate via the API.
 */
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useJob } from '../job.js';
import { scenarioFanChart, topFlowsChart } from '../../report/charts/index.js';
import { api, ApiError, apiToken } from '../api.js';
import { Chart } from '../chart.js';
import { int, pct } from '../format.js';
import { Link, useTitle } from '../router.js';
import { Sources, TokenField } from '../ui.js';

interface Band {
  p5: number;
  p50: number;
  p95: number;
}
interface Parameter {
  path: string;
  value: number;
  source: string;
  unverified: boolean;
}
interface ScenarioInfo {
  name: string;
  description: string;
  parameters: Parameter[];
}
interface Flow {
  from: string;
  fromTitle: string;
  to: string;
  toTitle: string;
  workers: Band;
}
interface SimulationResult {
  scenario: { name: string; parameters: Parameter[] };
  settings: { years: [number, number]; draws: number; seed: number };
  years: { year: number; displaced: Band; augmented: Band; created: Band; net: Band }[];
  occupations: { code: string; title: string; employment: number; displaced: Band; augmented: Band; created: Band; net: Band }[];
  flows: Flow[];
  groupFlows: Flow[];
  redistribution: { displaced: Band; moved: Band; unemployed: Band };
  macro: { tfp: Band; tfpAnnual: Band; gdp: Band; acemogluCheck: { tfp: number } };
  coverage: { employmentCovered: number; employmentTotal: number; oewsYear: number };
  baseline: { vintage: string };
  method: string[];
  sources: string[];
}

/** The sliders: the parameters a user most wants to move, with their allowed ranges. */
const SLIDERS = [
  { path: 'adoption.ceiling', label: 'Adoption ceiling (share of workers using AI at saturation)', min: 0, max: 1, step: 0.05, format: (x: number) => pct(x) },
  { path: 'adoption.midpoint', label: 'Adoption midpoint (year half the ceiling is reached)', min: 2024, max: 2040, step: 0.1, format: (x: number) => x.toFixed(1) },
  { path: 'displacement.substitutionRate', label: 'Substitution rate (share of automatable task work actually replaced)', min: 0, max: 0.6, step: 0.01, format: (x: number) => pct(x) },
  { path: 'augmentation.elasticity', label: 'Demand elasticity (above ~1.9 augmentation creates jobs)', min: 0, max: 4, step: 0.05, format: (x: number) => x.toFixed(2) },
] as const;

const DRAWS = [200, 1000, 5000];

async function getScenarios(): Promise<ScenarioInfo[]> {
  const res = await fetch('/api/scenarios');
  if (!res.ok) throw new ApiError(res.status === 404 ? 'The scenario engine is not available on this server.' : `request failed (${res.status})`, res.status);
  return ((await res.json()) as { scenarios: ScenarioInfo[] }).scenarios;
}

async function postSimulate(body: unknown): Promise<string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = apiToken.get();
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch('/api/simulate', { method: 'POST', headers, body: JSON.stringify(body) });
  } catch {
    throw new ApiError('The jobshift server cannot be reached. Is `jobshift serve` still running?', 0);
  }
  const out = (await res.json().catch(() => ({}))) as { job?: string; error?: string; field?: string };
  if (!res.ok || !out.job) throw new ApiError(out.error ?? `request failed (${res.status})`, res.status, out.field);
  return out.job;
}

const short = (x: number) => {
  const a = Math.abs(x);
  const s = a >= 1e6 ? `${(a / 1e6).toFixed(1)}M` : a >= 1e3 ? `${Math.round(a / 1e3)}k` : String(Math.round(a));
  return x < 0 && Math.round(a) > 0 ? `−${s}` : s;
};
const bandText = (b: Band) => `${short(b.p5)} to ${short(b.p95)}`;

export function Scenarios() {
  useTitle('Scenarios');
  const [scenarios, setScenarios] = useState<ScenarioInfo[]>();
  const [loadError, setLoadError] = useState<Error>();
  const [name, setName] = useState('central');
  const [values, setValues] = useState<Record<string, number>>({});
  const [draws, setDraws] = useState(1000);
  const [result, setResult] = useState<SimulationResult>();
  const { busy, job, error, needToken, token, setToken, start } = useJob<SimulationResult>(400, setResult);

  useEffect(() => {
    getScenarios().then(setScenarios, setLoadError);
  }, []);
  const current = scenarios?.find((s) => s.name === name);
  const defaults = useMemo(() => Object.fromEntries((current?.parameters ?? []).map((p) => [p.path, p.value])), [current]);
  useEffect(() => setValues(defaults), [defaults]);

  const run = async (e?: FormEvent) => {
    e?.preventDefault();
    const set = SLIDERS.filter((s) => values[s.path] !== undefined && values[s.path] !== defaults[s.path]).map((s) => `${s.path}=${values[s.path]}`);
    await start(async () => ({ job: await postSimulate({ scenario: name, draws, seed: 1, set }) }));
  };

  return (
    <>
      <h1>Scenarios: jobs displaced, augmented and created</h1>
      <p className="lead">
        A transparent task-based model: AI adoption spreads along a logistic curve; automatable tasks displace jobs, augmented tasks raise productivity (which creates or destroys
        jobs depending on demand), and new tasks create work. Results are differences from the BLS 2024–34 projections, with 90% bands from Monte Carlo draws of every parameter.
      </p>
      {loadError && (
        <div className="error" role="alert">
          {loadError.message}
        </div>
      )}
      <form className="card" onSubmit={run} aria-label="Scenario settings">
        <div className="controls">
          <label>
            Scenario
            <select aria-label="Scenario" value={name} onChange={(e) => setName(e.target.value)}>
              {(scenarios ?? [{ name: 'central', description: '', parameters: [] }]).map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Draws
            <select aria-label="Draws" value={draws} onChange={(e) => setDraws(Number(e.target.value))}>
              {DRAWS.map((d) => (
                <option key={d} value={d}>
                  {d.toLocaleString('en-US')}
                </option>
              ))}
            </select>
          </label>
          {needToken && <TokenField token={token} onChange={setToken} />}
        </div>
        {current && <p className="note small">{current.description}</p>}
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))', gap: '0.75rem 1.5rem' }}>
          {SLIDERS.map((s) => {
            const v = values[s.path] ?? s.min;
            const param = current?.parameters.find((p) => p.path === s.path);
            const id = `slider-${s.path.replace(/\./g, '-')}`;
            return (
              <div key={s.path}>
                <label htmlFor={id} className="small">
                  {s.label}: <strong>{s.format(v)}</strong>
                  {param && v !== param.value && <span className="muted"> (scenario: {s.format(param.value)})</span>}
                </label>
                <input id={id} type="range" min={s.min} max={s.max} step={s.step} value={v} style={{ width: '100%' }} onChange={(e) => setValues({ ...values, [s.path]: Number(e.target.value) })} />
                {param && (
                  <div className="muted small" title={param.source}>
                    {param.unverified ? 'Unverified: ' : 'Source: '}
                    {param.source.length > 110 ? `${param.source.slice(0, 110)}…` : param.source}
                  </div>
                )}
              </div>
            );
          })}
        </div>
        <div className="actions">
          <button type="submit" disabled={busy || !scenarios}>
            {busy ? 'Running…' : 'Run scenario'}
          </button>
          <button type="button" className="secondary" onClick={() => setValues(defaults)} disabled={busy}>
            Reset sliders
          </button>
        </div>
      </form>
      {job && job.status === 'running' && (
        <div className="progress" role="status">
          <progress max={job.progress.total} value={job.progress.done} /> {job.progress.done} of {job.progress.total} draws
        </div>
      )}
      {error && (
        <div className="error" role="alert">
          {error.message}
        </div>
      )}
      {result && <Results r={result} />}
    </>
  );
}

function Results({ r }: { r: SimulationResult }) {
  const last = r.years[r.years.length - 1]!;
  const facts = { scenario: r.scenario.name, draws: r.settings.draws, baselineVintage: r.baseline.vintage, oewsYear: r.coverage.oewsYear };
  const fan = useMemo(() => scenarioFanChart(r.years, facts, { width: 'container' }), [r]);
  const flows = useMemo(() => topFlowsChart(r.flows, facts, { width: 'container', top: 12 }), [r]);
  const affected = [...r.occupations].sort((a, b) => a.net.p50 - b.net.p50).slice(0, 15);
  return (
    <section aria-label="Scenario results" data-testid="scenario-results">
      <h2>
        By {last.year}, scenario “{r.scenario.name}”
      </h2>
      <div className="headlines">
        <Headline kicker="Jobs displaced" value={last.displaced} note="automated task work, vs the BLS baseline" />
        <Headline kicker="Jobs created" value={last.created} note="new tasks and AI-complementary growth" />
        <Headline kicker="Augmentation (demand)" value={last.augmented} note="productivity passed through demand" />
        <Headline kicker="Net change" value={last.net} note={`of ${short(r.coverage.employmentCovered)} workers simulated`} />
        <div className="card headline">
          <div className="kicker">Productivity (TFP)</div>
          <div className="big">+{pct(r.macro.tfp.p50, 2)}</div>
          <span className="ci">
            90%: {pct(r.macro.tfp.p5, 2)} to {pct(r.macro.tfp.p95, 2)}; GDP +{pct(r.macro.gdp.p50, 2)}
          </span>
          <span className="ci">Acemoglu's inputs give {pct(r.macro.acemogluCheck.tfp, 2)}</span>
        </div>
      </div>
      <Chart spec={fan} label="Jobs displaced, created and net by year" />
      <h2>Where displaced workers go</h2>
      <p className="note">
        Of {short(r.redistribution.displaced.p50)} displaced workers, {short(r.redistribution.moved.p50)} move to other occupations (by skill similarity, O*NET related
        occupations, wages and projected openings); {short(r.redistribution.unemployed.p50)} ({bandText(r.redistribution.unemployed)}) stay in the unemployed pool.
      </p>
      <Sankey flows={r.groupFlows.slice(0, 30)} />
      <Chart spec={flows} label="Largest moves between occupations" />
      <h2>Occupations most affected</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Occupation</th>
              <th className="num">Workers</th>
              <th className="num">Displaced</th>
              <th className="num">Augmentation</th>
              <th className="num">Created</th>
              <th className="num">Net (90% band)</th>
            </tr>
          </thead>
          <tbody>
            {affected.map((o) => (
              <tr key={o.code}>
                <td>
                  <Link to={`/occupations?q=${encodeURIComponent(o.title)}`}>{o.title}</Link> <span className="code">{o.code}</span>
                </td>
                <td className="num">{int(o.employment)}</td>
                <td className="num">{int(o.displaced.p50)}</td>
                <td className="num">{int(o.augmented.p50)}</td>
                <td className="num">{int(o.created.p50)}</td>
                <td className="num">
                  {int(o.net.p50)} <span className="muted small">({bandText(o.net)})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        Simulated: {pct(r.coverage.employmentCovered / Math.max(1, r.coverage.employmentTotal), 1)} of OEWS {r.coverage.oewsYear} employment (occupations with rated tasks; see Sources and method).
      </p>
      <Sources items={[...r.method, ...r.sources, ...r.scenario.parameters.map((p) => `${p.path} = ${p.value}: ${p.unverified ? '[unverified] ' : ''}${p.source}`)]} />
    </section>
  );
}

function Headline({ kicker, value, note }: { kicker: string; value: Band; note: string }) {
  return (
    <div className="card headline">
      <div className="kicker">{kicker}</div>
      <div className="big">{short(value.p50)}</div>
      <span className="ci">90%: {bandText(value)}</span>
      <span className="ci">{note}</span>
    </div>
  );
}

/** A two-column Sankey of flows between occupation groups, in plain SVG (median workers). */
function Sankey({ flows }: { flows: Flow[] }) {
  const W = 640;
  const gap = 6;
  const from = [...new Set(flows.map((f) => f.from))];
  const to = [...new Set(flows.map((f) => f.to))];
  const total = flows.reduce((s, f) => s + f.workers.p50, 0);
  if (total <= 0) return <p className="empty">No workers move in this scenario.</p>;
  const H = Math.max(220, 18 * Math.max(from.length, to.length) + 80);
  const scale = (H - gap * Math.max(from.length, to.length)) / total;
  const sum = (key: 'from' | 'to', code: string) => flows.filter((f) => f[key] === code).reduce((s, f) => s + f.workers.p50, 0);
  const layout = (codes: string[], key: 'from' | 'to') => {
    let y = 0;
    const out = new Map<string, { y: number; h: number; used: number }>();
    for (const c of codes.sort((a, b) => sum(key, b) - sum(key, a))) {
      const h = sum(key, c) * scale;
      out.set(c, { y, h, used: 0 });
      y += h + gap;
    }
    return out;
  };
  const left = layout(from, 'from');
  const right = layout(to, 'to');
  const title = (key: 'from' | 'to', code: string) => flows.find((f) => f[key] === code)?.[key === 'from' ? 'fromTitle' : 'toTitle'] ?? code;
  const x0 = 200;
  const x1 = W - 200;
  const colour = (i: number) => `hsl(${(i * 47) % 360} 55% 50%)`;
  return (
    <figure className="chart" aria-label="Flows of displaced workers between occupation groups">
      <figcaption className="small">
        <strong>Flows of displaced workers between occupation groups</strong> (median workers by the last year; largest {flows.length} group pairs). Source: jobshift scenario engine; O*NET
        skills, knowledge and related occupations; BLS projections.
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" style={{ maxWidth: W, fontSize: 10 }}>
        {flows.map((f, i) => {
          const a = left.get(f.from)!;
          const b = right.get(f.to)!;
          const h = f.workers.p50 * scale;
          const ya = a.y + a.used + h / 2;
          const yb = b.y + b.used + h / 2;
          a.used += h;
          b.used += h;
          const k = [...left.keys()].indexOf(f.from);
          return (
            <path key={i} d={`M${x0},${ya} C${(x0 + x1) / 2},${ya} ${(x0 + x1) / 2},${yb} ${x1},${yb}`} fill="none" stroke={colour(k)} strokeOpacity={0.35} strokeWidth={Math.max(1, h)}>
              <title>{`${f.fromTitle} → ${f.toTitle}: ${int(f.workers.p50)} workers (90%: ${int(f.workers.p5)}–${int(f.workers.p95)})`}</title>
            </path>
          );
        })}
        {[...left].map(([c, n], k) => (
          <g key={`l${c}`}>
            <rect x={x0 - 8} y={n.y} width={8} height={Math.max(1, n.h)} fill={colour(k)} />
            <text x={x0 - 12} y={n.y + n.h / 2} textAnchor="end" dominantBaseline="middle">
              {title('from', c).slice(0, 34)}
            </text>
          </g>
        ))}
        {[...right].map(([c, n]) => (
          <g key={`r${c}`}>
            <rect x={x1} y={n.y} width={8} height={Math.max(1, n.h)} fill="#555" />
            <text x={x1 + 12} y={n.y + n.h / 2} dominantBaseline="middle">
              {title('to', c).slice(0, 34)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
