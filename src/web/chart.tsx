/**
 * A chart from src/report/charts, drawn by vega-embed as SVG at the width of its box (measured,
 * and redrawn when the box changes size). Vega is loaded on first use (it is most of the
 * bundle) and runs its expression interpreter, so the page needs no eval under its
 * Content-Security-Policy.
 */
import { useEffect, useRef, useState } from 'react';
import { type ChartSpec, fitToWidth } from '../report/charts/index.js';

type Embed = typeof import('vega-embed').default;
type Interpreter = typeof import('vega-interpreter').expressionInterpreter;
let vegaLoad: Promise<{ embed: Embed; expr: Interpreter }> | undefined;
const loadVega = () =>
  (vegaLoad ??= Promise.all([import('vega-embed'), import('vega-interpreter')]).then(([e, i]) => ({ embed: e.default, expr: i.expressionInterpreter })));

/** Start loading Vega early (e.g. while the page's data loads). */
export const preloadCharts = () => void loadVega().catch(() => undefined);

export function Chart({ spec, label, className }: { spec: ChartSpec; label: string; className?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [error, setError] = useState<string>();
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => {
      const w = Math.floor(el.clientWidth);
      // Redraw only for real changes (a scrollbar appearing is not one).
      setWidth((old) => (Math.abs(old - w) > 24 ? w : old));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    if (!width) return;
    let cancelled = false;
    let finalize: (() => void) | undefined;
    setError(undefined);
    loadVega()
      .then(async ({ embed, expr }) => {
        if (cancelled || !body.current) return;
        const fitted = fitToWidth(spec, width);
        const result = await embed(body.current, fitted as Parameters<Embed>[1], { actions: false, renderer: 'svg', ast: true, expr, tooltip: { theme: 'light' }, logLevel: 1 });
        finalize = () => result.finalize();
        if (cancelled) finalize();
        else setDrawn(true);
      })
      .catch((err: Error) => !cancelled && setError(err.message));
    return () => {
      cancelled = true;
      finalize?.();
    };
  }, [spec, width]);

  return (
    <figure className={`chart ${className ?? ''}`} aria-label={label} data-drawn={drawn ? 'yes' : 'no'}>
      <div ref={box} className="chart-box">
        <div ref={body} className="chart-body" />
      </div>
      {!drawn && !error && <div className="chart-loading">Drawing chart…</div>}
      {error && <div className="error">This chart could not be drawn: {error}</div>}
    </figure>
  );
}

/** True on narrow screens: charts use shorter labels. */
export const isNarrow = () => window.matchMedia('(max-width: 640px)').matches;
