/**
 * "Download the report": starts POST /api/reports (the same report as `jobshift report`) for the
 * rater and measure the page shows, follows the job, then links the files it wrote. The server
 * does all the work; this only collects the choices and shows progress.
 */
import { type FormEvent, useRef, useState } from 'react';
import { api, type ReportJobResult, type ReportRequestBody } from './api.js';
import { useJob } from './job.js';
import { TokenField } from './ui.js';

type Format = NonNullable<ReportRequestBody['formats']>[number];
type ScenarioName = NonNullable<ReportRequestBody['scenario']>;

const FORMATS: { id: Format; label: string }[] = [
  { id: 'html', label: 'Web page (HTML, charts inline)' },
  { id: 'pdf', label: 'PDF' },
  { id: 'md', label: 'Markdown' },
];
const SCENARIOS: ScenarioName[] = ['central', 'slow', 'fast'];

const FILE_LABELS: Record<string, string> = { 'report.html': 'Web page (HTML)', 'report.pdf': 'PDF', 'report.md': 'Markdown' };
const size = (bytes: number) => (bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`);

export function ReportDownload({ scorer, measure }: { scorer: string; measure: string }) {
  const [formats, setFormats] = useState<Format[]>(['html', 'md']);
  const [scenario, setScenario] = useState<ScenarioName>('central');
  const [made, setMade] = useState<{ key: string; result: ReportJobResult }>();

  // Files belong to the rater and measure they were made for: shown only while the page shows those.
  const key = `${scorer}|${measure}`;
  const result = made?.key === key ? made.result : undefined;
  const startedFor = useRef(key);

  const { busy, job, error, needToken, token, setToken, start: startJob } = useJob<ReportJobResult>(500, (r) => setMade({ key: startedFor.current, result: r }));

  const start = async (e: FormEvent) => {
    e.preventDefault();
    setMade(undefined);
    startedFor.current = key;
    await startJob(async () => ({ job: await api.startReport({ formats, scenario, scorer: scorer as ReportRequestBody['scorer'], measure: measure as ReportRequestBody['measure'] }) }));
  };
  const toggle = (f: Format, on: boolean) => setFormats(FORMATS.map((x) => x.id).filter((x) => (x === f ? on : formats.includes(x))));

  return (
    <section className="card" aria-label="Full report">
      <h2>Download the full report</h2>
      <p className="note small">
        Everything on this page and more — scenarios, redistribution, comparison with published measures, backtest, methods and sources — written up with charts, for the rater and
        measure chosen above. It takes a few seconds.
      </p>
      <form onSubmit={start}>
        <fieldset className="report-formats" disabled={busy}>
          <legend className="small muted">Files</legend>
          {FORMATS.map((f) => (
            <label key={f.id} className="check">
              <input type="checkbox" checked={formats.includes(f.id)} onChange={(e) => toggle(f.id, e.target.checked)} /> {f.label}
            </label>
          ))}
        </fieldset>
        <div className="controls">
          <label>
            Scenario
            <select aria-label="Report scenario" value={scenario} onChange={(e) => setScenario(e.target.value as ScenarioName)} disabled={busy}>
              {SCENARIOS.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          {needToken && <TokenField token={token} onChange={setToken} />}
        </div>
        <div className="actions">
          <button type="submit" disabled={busy || formats.length === 0}>
            {busy ? 'Writing the report…' : 'Make the report'}
          </button>
        </div>
      </form>
      {busy && job?.status === 'running' && (
        <div className="progress" role="status">
          <progress max={job.progress.total} value={job.progress.done} /> step {Math.min(job.progress.total, Math.floor(job.progress.done) + 1)} of {job.progress.total}
        </div>
      )}
      {error && (
        <div className="error" role="alert">
          {error.message}
        </div>
      )}
      {result && (
        <ul aria-label="Report files" data-testid="report-files">
          {result.files.map((f) => (
            <li key={f.name}>
              <a href={f.url} download>
                {FILE_LABELS[f.name] ?? f.name}
              </a>{' '}
              <span className="muted small">({size(f.bytes)})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
