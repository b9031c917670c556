/** Find an occupation: search by any job title, a sortable table, and two charts of all occupations. */
import { type FormEvent, type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { employmentTreemap, exposureVsWageScatter } from '../../report/charts/index.js';
import { api, type OccupationList } from '../api.js';
import { Chart } from '../chart.js';
import { CLASS_SHORT, int, pct, usd, workers } from '../format.js';
import { Link, navigate, useLocation, useTitle } from '../router.js';
import { ModelEstimateBadge, Show, useAsync } from '../ui.js';

const PAGE = 50;

type Row = OccupationList['rows'][number];

export function Occupations() {
  useTitle('Occupations');
  const { params } = useLocation();
  const q = params.get('q') ?? '';
  const sort = params.get('sort') ?? (q ? 'relevance' : '-employment');
  const [shown, setShown] = useState(PAGE);
  useEffect(() => setShown(PAGE), [q, sort]);
  const list = useAsync(() => api.occupations({ q, sort, limit: shown }), [q, sort, shown]);
  const all = useAsync(() => api.occupations({ limit: 2000 }), []);

  const setParam = (k: string, v: string) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    navigate(`/occupations${p.size ? `?${p}` : ''}`, { replace: k === 'sort' });
  };

  return (
    <>
      <h1>Occupations</h1>
      <p className="lead">Search by any job title — official O*NET titles, alternate titles and titles workers report — or browse all {all.state === 'done' ? int(all.value.total) : ''} occupations.</p>
      <SearchBox initial={q} onSearch={(v) => setParam('q', v)} />
      <Show value={list} what="occupations">
        {(l) => (
          <>
            <p className="muted" aria-live="polite">
              {q ? `${int(l.total)} occupations match “${q}”.` : `${int(l.total)} occupations.`} Exposure: {l.measure}, rated by {l.scorer === 'human' ? 'human raters' : l.scorer} where
              published labels exist, otherwise by the built-in model (marked “model estimate”); workers and wages: BLS OEWS May {l.oewsYear}, as published for each SOC occupation
              (shared by related O*NET occupations where marked).
            </p>
            <OccupationTable rows={l.rows} sort={sort} onSort={(s) => setParam('sort', s)} hasQuery={Boolean(q)} />
            {l.total > l.rows.length && (
              <button type="button" className="more" onClick={() => setShown((n) => n + PAGE)}>
                Show {Math.min(PAGE, l.total - l.rows.length)} more
              </button>
            )}
          </>
        )}
      </Show>
      <Show value={all} what="charts">
        {(a) => <OccupationCharts list={a} />}
      </Show>
    </>
  );
}

function SearchBox({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(initial);
  const [suggestions, setSuggestions] = useState<Row[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const timer = useRef<number>(undefined);
  useEffect(() => setText(initial), [initial]);

  const suggest = (v: string) => {
    window.clearTimeout(timer.current);
    if (v.trim().length < 2) return setSuggestions([]);
    timer.current = window.setTimeout(() => {
      api.occupations({ q: v, limit: 8 }).then((r) => {
        setSuggestions(r.rows);
        setActive(-1);
        setOpen(true);
      }, () => setSuggestions([]));
    }, 120);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setOpen(false);
    if (active >= 0 && suggestions[active]) return navigate(`/occupations/${suggestions[active].code}`);
    onSearch(text.trim());
  };
  const onKey = (e: KeyboardEvent) => {
    if (!open || suggestions.length === 0) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(suggestions.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(-1, a - 1));
    } else if (e.key === 'Escape') setOpen(false);
  };

  return (
    <form className="search" role="search" onSubmit={submit}>
      <label htmlFor="occupation-search" className="visually-hidden">
        Job title
      </label>
      <div className="combo">
        <input
          id="occupation-search"
          type="search"
          placeholder="A job title, e.g. accountant, nurse, truck driver"
          autoComplete="off"
          value={text}
          role="combobox"
          aria-expanded={open && suggestions.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          onChange={(e) => {
            setText(e.target.value);
            suggest(e.target.value);
          }}
          onKeyDown={onKey}
          onBlur={() => window.setTimeout(() => setOpen(false), 150)}
          onFocus={() => suggestions.length && setOpen(true)}
        />
        {open && suggestions.length > 0 && (
          <ul className="suggestions" id={listId} role="listbox">
            {suggestions.map((s, i) => (
              <li key={s.code} role="option" aria-selected={i === active} className={i === active ? 'active' : ''}>
                <Link to={`/occupations/${s.code}`}>
                  <span>{s.title}</span>
                  {s.match && <span className="muted"> — “{s.match}”</span>}
                  <span className="suggest-beta">
                    {s.beta === null ? 'not rated' : `${pct(s.beta)} exposed`}
                    {s.ratedBy === 'model' && ' (model estimate)'} · {workers(s.employmentSoc)} workers{s.employmentSplit ? ' (shared SOC count)' : ''}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
      <button type="submit">Search</button>
    </form>
  );
}

const COLUMNS: { key: string; label: string; numeric?: boolean; title?: string; wide?: boolean }[] = [
  { key: 'title', label: 'Occupation' },
  { key: 'beta', label: 'Tasks exposed (beta)', numeric: true, title: 'Share of the occupation’s tasks exposed: E1 plus half of E2' },
  { key: 'employment', label: 'Workers', numeric: true, title: 'BLS OEWS employment of the SOC occupation; where several O*NET occupations share it, the shared figure, said below it' },
  // On a phone these two are left to the occupation page.
  { key: 'wage', label: 'Median wage', numeric: true, title: 'BLS OEWS median annual wage, US$', wide: true },
  { key: 'class', label: 'Substitution or augmentation', wide: true },
];

function OccupationTable({ rows, sort, onSort, hasQuery }: { rows: Row[]; sort: string; onSort: (s: string) => void; hasQuery: boolean }) {
  const key = sort.replace(/^-/, '');
  const desc = sort.startsWith('-');
  const toggle = (k: string, numeric?: boolean) => {
    if (k === 'class') return;
    if (k === key) onSort(desc ? k : `-${k}`);
    else onSort(numeric ? `-${k}` : k);
  };
  if (rows.length === 0) return <p className="empty">No occupation matches. Try a shorter or more common title.</p>;
  return (
    <div className="table-wrap">
      <table className="occupations">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} className={`${c.numeric ? 'num' : ''} ${c.wide ? 'wide-only' : ''}`} title={c.title} aria-sort={c.key === key ? (desc ? 'descending' : 'ascending') : undefined}>
                {c.key === 'class' ? (
                  c.label
                ) : (
                  <button type="button" className="sort" onClick={() => toggle(c.key, c.numeric)}>
                    {c.label}
                    <span aria-hidden="true">{c.key === key ? (desc ? ' ▼' : ' ▲') : ''}</span>
                  </button>
                )}
              </th>
            ))}
          </tr>
          {hasQuery && key !== 'relevance' && (
            <tr>
              <td colSpan={5} className="muted small">
                <button type="button" className="linklike" onClick={() => onSort('relevance')}>
                  Sort by best match
                </button>
              </td>
            </tr>
          )}
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code}>
              <td>
                <Link to={`/occupations/${r.code}`}>{r.title}</Link>
                <span className="code wide-only"> {r.code}</span>
                {r.match && <div className="muted small">matched “{r.match}”</div>}
              </td>
              <td className="num">
                {r.beta === null ? (
                  <span className="muted" title="No task ratings for this occupation from this rater">
                    not rated
                  </span>
                ) : (
                  <>
                    <span className="bar-cell">
                      <span className="bar" style={{ width: `${Math.round(r.beta * 100)}%` }} />
                      <span>{pct(r.beta)}</span>
                    </span>
                    {r.ratedBy === 'model' && (
                      <div>
                        <ModelEstimateBadge />
                      </div>
                    )}
                  </>
                )}
              </td>
              <td className="num" data-testid="workers" title={r.employmentSoc === null ? undefined : `${int(r.employmentSoc)} (BLS OEWS)`}>
                {workers(r.employmentSoc)}
                {r.employmentNote && <div className="muted small">({r.employmentNote})</div>}
              </td>
              <td className="num wide-only">{usd(r.wage)}</td>
              <td className="wide-only">{r.class ? <span className={`class class-${r.class}`}>{CLASS_SHORT[r.class]}</span> : <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OccupationCharts({ list }: { list: OccupationList }) {
  const facts = { measure: list.measure, scorer: list.scorer, oewsYear: list.oewsYear };
  const specs = useMemo(
    () => ({
      scatter: exposureVsWageScatter(
        list.rows.map((r) => ({ ...r, exposure: r[list.measure] })),
        facts,
        { width: 'container' },
      ),
      treemap: employmentTreemap(
        list.rows.map((r) => ({ ...r, exposure: r[list.measure] })),
        list.majorGroups,
        facts,
        { width: 'container' },
      ),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [list],
  );
  return (
    <section className="grid2 charts-below">
      <Chart spec={specs.scatter} label="Exposure against median wage, every occupation" />
      <Chart spec={specs.treemap} label="Employment by major group and occupation, coloured by exposure" />
    </section>
  );
}
