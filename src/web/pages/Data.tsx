/** What is loaded, what is missing, and what each gap disables. */
import { api, type DataStatusOut } from '../api.js';
import { int, pct, scorerName } from '../format.js';
import { useTitle } from '../router.js';
import { Show, useAsync } from '../ui.js';

export function Data() {
  useTitle('Data');
  const status = useAsync(() => api.data(), []);
  return (
    <>
      <h1>Data</h1>
      <p className="lead">Every number on this site comes from public files imported into the local store. This page lists them.</p>
      <Show value={status} what="data status">
        {(s) => <DataBody s={s} />}
      </Show>
    </>
  );
}

function DataBody({ s }: { s: DataStatusOut }) {
  return (
    <>
      {s.empty && (
        <div className="error" role="alert">
          The store is empty. Import the official files with <code>jobshift data import DIR</code> or <code>jobshift data fetch</code>, then restart <code>jobshift serve</code>.
        </div>
      )}
      <section className="grid2">
        <div className="card">
          <h2>Loaded</h2>
          <dl className="facts">
            <dt>Occupations (O*NET)</dt>
            <dd>{int(s.tables.occupations)}</dd>
            <dt>Task statements</dt>
            <dd>{int(s.tables.tasks)}</dd>
            <dt>Task labels (GPTs-are-GPTs)</dt>
            <dd>{int(s.tables.task_labels)}</dd>
            <dt>OEWS employment years</dt>
            <dd>{s.oewsYears.join(', ') || 'none'}</dd>
            {s.oewsMatch.length > 0 && (
              <>
                <dt>OEWS jobs matched to O*NET</dt>
                <dd>{s.oewsMatch.map((m) => `${m.year}: ${pct(m.share, 1)}`).join(' · ')}</dd>
              </>
            )}
            <dt>Projections (BLS EP)</dt>
            <dd>{s.epVintages.join(', ') || 'none'}</dd>
            <dt>Demographics (CPS)</dt>
            <dd>{s.cpsYears.join(', ') || 'none'}</dd>
            <dt>Published measures</dt>
            <dd>{s.measures.join(', ') || 'none'}</dd>
            <dt>Raters available for analysis</dt>
            <dd>{s.scorers.analysis.map(scorerName).join(', ') || 'none'}</dd>
            <dt>Scorers for your own tasks</dt>
            <dd>{s.scorers.score.map((x) => x.label).join('; ') || 'none'}</dd>
          </dl>
        </div>
        <div className="card">
          <h2>Missing</h2>
          {s.missing.length === 0 ? (
            <p>Nothing: every source jobshift uses is loaded.</p>
          ) : (
            <ul className="missing">
              {s.missing.map((m) => (
                <li key={m.what}>
                  <b>{m.what}</b> — without it: {m.disables}.
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>
      <section>
        <h2>Source files</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Dataset</th>
                <th>File</th>
                <th>Release</th>
                <th className="num">Rows</th>
                <th>Imported</th>
              </tr>
            </thead>
            <tbody>
              {s.sources.map((x) => (
                <tr key={`${x.dataset}/${x.file}`}>
                  <td>{x.dataset}</td>
                  <td className="wrap">{x.file}</td>
                  <td>{x.release}</td>
                  <td className="num">{int(x.rows)}</td>
                  <td>{x.importedAt.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="note" data-testid="onet-credit">
          {s.onetCredit}{' '}
          <a href="https://www.onetcenter.org/license_db.html" target="_blank" rel="noreferrer">
            O*NET database licence
          </a>
        </p>
      </section>
      <section>
        <h2>Tables in the store</h2>
        <div className="table-wrap">
          <table className="compact">
            <tbody>
              {Object.entries(s.tables).map(([name, n]) => (
                <tr key={name}>
                  <td>
                    <code>{name}</code>
                  </td>
                  <td className="num">{int(n)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <p className="small muted">
        Licenses: O*NET CC BY 4.0; BLS and Census public domain; GPTs-are-GPTs labels MIT; Microsoft Working with AI CC BY 4.0; Anthropic Economic Index CC BY; AIOE, ILO and
        Frey–Osborne cited. Schema version {s.schemaVersion}.
      </p>
    </>
  );
}
