/** jobshift's scores beside the published exposure measures. */
import { useMemo, useState } from 'react';
import { correlationHeatmap, measureScatter } from '../../report/charts/index.js';
import { api, type Compare as CompareData } from '../api.js';
import { Chart, isNarrow } from '../chart.js';
import { int } from '../format.js';
import { useTitle } from '../router.js';
import { Show, Sources, useAsync } from '../ui.js';

export function Compare() {
  useTitle('Compare measures');
  const data = useAsync(() => api.compare(), []);
  return (
    <>
      <h1>How the exposure measures compare</h1>
      <p className="lead">
        Researchers have built several measures of which jobs AI exposes. They use different methods (task ratings, ability links, usage logs) and different code lists. Here they
        are put on the same occupation codes (SOC 2018) and compared: where they agree, conclusions are robust; where they differ, the method matters.
      </p>
      <Show value={data} what="the comparison">
        {(d) => <CompareBody d={d} />}
      </Show>
    </>
  );
}

const fmt = (x: number | null, d = 2) => (x === null ? '—' : x.toFixed(d));

function CompareBody({ d }: { d: CompareData }) {
  const [stat, setStat] = useState<'pearson' | 'spearman'>('pearson');
  const [a, setA] = useState(d.series[0]?.id ?? '');
  const [b, setB] = useState(d.series.find((s) => s.id === 'lm_aioe')?.id ?? d.series[1]?.id ?? '');
  const narrow = isNarrow();
  // A measure trained on another's labels (the built-in model) is left out of the heat map and
  // its pairs are listed apart: its agreement with those labels is its fit, not evidence.
  const independent = useMemo(() => d.series.filter((s) => s.independent), [d]);
  const dependent = d.series.filter((s) => !s.independent);
  // Fixed-size cells: on a phone the heat map scrolls sideways rather than shrinking its numbers away.
  const heat = useMemo(
    () => correlationHeatmap(d.pairs.filter((p) => p.independent), independent, { statistic: stat, compact: narrow }),
    [d, independent, stat, narrow],
  );
  const scatter = useMemo(() => {
    const A = d.series.find((s) => s.id === a);
    const B = d.series.find((s) => s.id === b);
    if (!A || !B || a === b) return null;
    const va = d.values.measures[a] ?? [];
    const vb = d.values.measures[b] ?? [];
    const points = d.values.soc.flatMap((code, i) => (va[i] != null && vb[i] != null ? [{ code, title: d.values.title[i] ?? code, a: va[i]!, b: vb[i]! }] : []));
    const pair = d.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
    return measureScatter(points, A, B, { pearson: pair?.pearson ?? null, width: 'container' });
  }, [d, a, b]);
  const label = new Map(d.series.map((s) => [s.id, s.label]));
  const sorted = [...d.pairs].sort((x, y) => (y.pearson ?? -2) - (x.pearson ?? -2));
  const pairs = sorted.filter((p) => p.independent);
  const dependentPairs = sorted.filter((p) => !p.independent);
  const optionLabel = (s: CompareData['series'][number]) => (s.note ? `${s.label} (${s.note})` : s.label);

  return (
    <>
      <section>
        <div className="controls">
          <label>
            Correlation
            <select value={stat} onChange={(e) => setStat(e.target.value as 'pearson' | 'spearman')}>
              <option value="pearson">Pearson (values)</option>
              <option value="spearman">Spearman (ranks)</option>
            </select>
          </label>
        </div>
        <Chart spec={heat} label="Correlation heat map of exposure measures" className="heatmap" />
        {dependent.length > 0 && (
          <p className="note small" data-testid="not-independent">
            Not in the heat map:{' '}
            {dependent.map((s) => (
              <span key={s.id}>
                <b>{s.label}</b> — {s.note}.{' '}
              </span>
            ))}
            Its pairs are listed apart below.
          </p>
        )}
      </section>
      <section>
        <h2>Any two measures, occupation by occupation</h2>
        <div className="controls">
          <label>
            Across
            <select value={a} onChange={(e) => setA(e.target.value)} aria-label="First measure">
              {d.series.map((s) => (
                <option key={s.id} value={s.id}>
                  {optionLabel(s)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Up
            <select value={b} onChange={(e) => setB(e.target.value)} aria-label="Second measure">
              {d.series.map((s) => (
                <option key={s.id} value={s.id}>
                  {optionLabel(s)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {scatter ? <Chart spec={scatter} label="Scatter plot of two measures" /> : <p className="muted">Choose two different measures.</p>}
      </section>
      <section>
        <h2>Every pair</h2>
        <PairTable pairs={pairs} label={label} />
        {dependentPairs.length > 0 && (
          <>
            <h3>Not independent</h3>
            <p className="note small">
              {dependent.map((s) => `${s.label}: ${s.note}.`).join(' ')} The built-in model learns the human labels, so its agreement with them measures how well it learnt
              them, not whether different methods agree.
            </p>
            <PairTable pairs={dependentPairs} label={label} testId="dependent-pairs" />
          </>
        )}
      </section>
      <section>
        <h2>The measures</h2>
        <ul className="series">
          {d.series.map((s) => (
            <li key={s.id}>
              <b>{s.label}</b> — {s.note && <span className="flag">{s.note}. </span>}
              {s.source} <span className="muted small">({s.codeSystem}; {int(s.n)} SOC codes)</span>
            </li>
          ))}
        </ul>
      </section>
      <Sources items={d.method} title="Method" />
    </>
  );
}

function PairTable({ pairs, label, testId }: { pairs: CompareData['pairs']; label: Map<string, string>; testId?: string }) {
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <thead>
          <tr>
            <th>Measure</th>
            <th>Against</th>
            <th className="num" title="SOC codes both measures cover">
              Codes
            </th>
            <th className="num">Pearson</th>
            <th className="num">Spearman</th>
            <th className="num" title="Share of the top 10% by one measure also in the top 10% by the other; 0.10 by chance">
              Top-10% overlap
            </th>
          </tr>
        </thead>
        <tbody>
          {pairs.map((p) => (
            <tr key={`${p.a}-${p.b}`}>
              <td>{label.get(p.a)}</td>
              <td>{label.get(p.b)}</td>
              <td className="num">{int(p.n)}</td>
              <td className="num">{fmt(p.pearson)}</td>
              <td className="num">{fmt(p.spearman)}</td>
              <td className="num">{fmt(p.topDecileOverlap)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
