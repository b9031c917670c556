/**
 * The report as plain data: sections of blocks (prose, tables, charts, diagrams). Markdown and
 * HTML are two renderings of the same document, so they never disagree.
 */
import type { ChartSpec } from './charts/index.js';

export interface Paragraph {
  kind: 'paragraph';
  text: string;
}

/** Model-written prose after the grounding check; `flag` says what was removed, if anything. */
export interface Narrative {
  kind: 'narrative';
  paragraphs: string[];
  author: string;
  flag?: string;
}

export interface List {
  kind: 'list';
  items: string[];
}

export interface Column {
  label: string;
  /** Unit shown in the header: "workers", "%", "US$". */
  unit?: string;
  align?: 'left' | 'right';
  /** Keep the cell on one line (codes). */
  nowrap?: boolean;
}

export interface Table {
  kind: 'table';
  caption: string;
  columns: Column[];
  rows: string[][];
  source: string;
}

export interface Chart {
  kind: 'chart';
  /** File name stem: charts/<id>.svg. */
  id: string;
  caption: string;
  spec: ChartSpec;
  /** Filled in by renderCharts. */
  svg?: string;
}

export interface Diagram {
  kind: 'mermaid';
  id: string;
  caption: string;
  /** Mermaid flowchart source. */
  source: string;
  /** The same flows drawn as SVG (no network, no Mermaid runtime). */
  svg: string;
}

export interface Note {
  kind: 'note';
  text: string;
}

export type Block = Paragraph | Narrative | List | Table | Chart | Diagram | Note;

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
}

export interface ReportDocument {
  title: string;
  subtitle: string;
  sections: Section[];
}

export const SECTION_IDS = [
  'summary',
  'exposure',
  'substitution',
  'affected',
  'scenario',
  'redistribution',
  'productivity',
  'comparison',
  'backtest',
  'methods',
  'limitations',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export const SECTION_TITLES: Record<SectionId, string> = {
  summary: 'Summary',
  exposure: 'Exposure by occupation and group',
  substitution: 'Substitution vs augmentation',
  affected: 'Who is affected',
  scenario: 'Scenario results: jobs substituted, augmented and created',
  redistribution: 'Redistribution between occupations',
  productivity: 'Productivity',
  comparison: 'Comparison with published measures',
  backtest: 'Backtest: has exposure shown up in employment yet?',
  methods: 'Methods and sources',
  limitations: 'Limitations',
};
