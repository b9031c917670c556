/**
 * Where the workers are: a treemap of employment by major occupation group and occupation,
 * coloured by exposure. Vega-Lite has no treemap, so this one chart is a Vega spec (Vega's
 * stratify + treemap transforms); renderSvg and vega-embed take either kind.
 */
import type { Spec } from 'vega';
import { type AnalysisFacts, analysisSource, type ChartOptions, FONT } from './theme.js';

export interface TreemapOccupation {
  code: string;
  title: string;
  majorGroup: string;
  /** The area: the occupation's equal share of its OEWS figure, so areas add up to the workforce. */
  employment: number | null;
  /** What the tooltip says: the OEWS figure of the SOC code and, when shared, what it covers (src/analysis/employment.ts). */
  employmentSoc?: number | null;
  employmentNote?: string | null;
  exposure: number | null;
}

/** A tooltip's workers: the OEWS figure and what it covers when given, else the count itself. */
export function workersLabel(o: { employment: number | null; employmentSoc?: number | null; employmentNote?: string | null }): string {
  const n = o.employmentSoc ?? o.employment;
  if (n === null || n === undefined) return 'n/a';
  const text = Math.round(n).toLocaleString('en-US');
  return o.employmentNote ? `${text} (${o.employmentNote})` : text;
}

export function employmentTreemap(occupations: TreemapOccupation[], majorGroupTitles: Record<string, string>, facts: AnalysisFacts, options: ChartOptions = {}): Spec {
  const leaves = occupations.filter((o) => o.employment !== null && o.employment > 0);
  const groups = [...new Set(leaves.map((o) => o.majorGroup))].sort();
  const nodes = [
    { id: 'root', parent: null, name: 'US workers', size: 0, workers: '', exposure: null as number | null },
    ...groups.map((g) => ({ id: `g${g}`, parent: 'root', name: majorGroupTitles[g] ?? `Group ${g}`, size: 0, workers: '', exposure: null })),
    ...leaves.map((o) => ({ id: o.code, parent: `g${o.majorGroup}`, name: o.title, size: o.employment!, workers: workersLabel(o), exposure: o.exposure })),
  ];
  const width = options.width === 'container' || options.width === undefined ? undefined : options.width;
  const height = options.height ?? 420;
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    description: 'Treemap: each rectangle is an occupation, its area its employment, its colour its exposure; thick outlines are major occupation groups.',
    background: 'white',
    padding: 8,
    autosize: 'pad',
    title: {
      text: 'Where the workers are',
      subtitle: [
        `Area: workers in each occupation, grouped by major occupation group. Colour: share of tasks exposed (${facts.measure}); grey: not scored.`,
        options.source ?? analysisSource(facts),
      ],
      anchor: 'start',
      font: FONT,
      fontSize: 15,
      fontWeight: 600,
      subtitleFont: FONT,
      subtitleFontSize: 11,
      subtitleColor: '#555',
      subtitlePadding: 4,
      offset: 10,
    },
    signals: [
      // The parent's width in the browser; a fixed width when rendered to SVG (no container).
      width !== undefined
        ? { name: 'width', value: width }
        : { name: 'width', init: 'containerSize()[0] > 0 ? containerSize()[0] - 16 : 640', on: [{ events: 'window:resize', update: 'containerSize()[0] > 0 ? containerSize()[0] - 16 : 640' }] },
      { name: 'height', value: height },
    ],
    data: [
      {
        name: 'tree',
        values: nodes,
        transform: [
          { type: 'stratify', key: 'id', parentKey: 'parent' },
          { type: 'treemap', field: 'size', sort: { field: 'value', order: 'descending' }, round: true, method: 'squarify', ratio: 1.6, size: [{ signal: 'width' }, { signal: 'height' }] },
        ],
      },
      { name: 'groups', source: 'tree', transform: [{ type: 'filter', expr: 'datum.depth === 1' }] },
      { name: 'leaves', source: 'tree', transform: [{ type: 'filter', expr: 'datum.depth === 2' }] },
    ],
    scales: [{ name: 'color', type: 'linear', domain: [0, 0.8], clamp: true, range: ['#eef3f9', '#1e4e8c'], zero: true }],
    marks: [
      {
        type: 'rect',
        name: 'occupations',
        from: { data: 'leaves' },
        encode: {
          enter: {
            stroke: { value: 'white' },
            strokeWidth: { value: 0.5 },
            tooltip: { signal: "{'Occupation': datum.name, 'Workers': datum.workers, 'Exposure': datum.exposure === null ? 'not scored' : format(datum.exposure, '.0%')}" },
            description: { signal: "'Occupation: ' + datum.name + '; workers: ' + datum.workers + '; exposure: ' + (datum.exposure === null ? 'not scored' : format(datum.exposure, '.0%'))" },
          },
          update: {
            x: { field: 'x0' },
            y: { field: 'y0' },
            x2: { field: 'x1' },
            y2: { field: 'y1' },
            fill: [{ test: 'datum.exposure === null', value: '#d4d4d4' }, { scale: 'color', field: 'exposure' }],
          },
        },
      },
      {
        type: 'rect',
        name: 'groupOutlines',
        from: { data: 'groups' },
        interactive: false,
        encode: {
          enter: { stroke: { value: '#222' }, strokeWidth: { value: 1.5 }, fill: { value: 'transparent' } },
          update: { x: { field: 'x0' }, y: { field: 'y0' }, x2: { field: 'x1' }, y2: { field: 'y1' } },
        },
      },
      {
        type: 'text',
        name: 'groupLabels',
        from: { data: 'groups' },
        interactive: false,
        encode: {
          enter: { font: { value: FONT }, fontSize: { value: 11 }, fontWeight: { value: 600 }, fill: { value: '#111' }, baseline: { value: 'top' } },
          update: {
            x: { signal: 'datum.x0 + 4' },
            y: { signal: 'datum.y0 + 4' },
            // Only where the group is big enough to hold a label.
            text: { signal: "(datum.x1 - datum.x0) > 90 && (datum.y1 - datum.y0) > 22 ? replace(datum.name, ' Occupations', '') : ''" },
            limit: { signal: 'datum.x1 - datum.x0 - 8' },
          },
        },
      },
    ],
    legends: [{ fill: 'color', title: `Share of tasks exposed (${facts.measure})`, format: '.0%', orient: 'bottom', direction: 'horizontal', gradientLength: 200, titleFont: FONT, labelFont: FONT, titleLimit: 400 }],
  };
}
