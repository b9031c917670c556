/**
 * What every chart shares: fonts and sizes, the colours of the exposure classes, plain-language
 * names for measures and scorers, and the source line each chart carries under its title.
 */
import type { Config } from 'vega-lite';

export type MeasureName = 'alpha' | 'beta' | 'gamma';
export type ClassName = 'automation' | 'augmentation' | 'moderate' | 'low';

/** Width of a chart: pixels, or 'container' to fill its parent in the browser (renderSvg uses 640). */
export type ChartWidth = number | 'container';

export interface ChartOptions {
  width?: ChartWidth;
  height?: number;
  /** Replaces the default source line. */
  source?: string;
  /** Narrow screens: shorter axis labels. */
  compact?: boolean;
}

/** The facts every workforce chart states in its source line. */
export interface AnalysisFacts {
  measure: MeasureName;
  scorer: string;
  oewsYear: number;
}

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export const config: Config = {
  font: FONT,
  background: 'white',
  padding: 8,
  view: { stroke: null },
  title: { anchor: 'start', fontSize: 15, fontWeight: 600, subtitleFontSize: 11, subtitleColor: '#555', subtitlePadding: 4, offset: 10, limit: 0 },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 500, titleColor: '#333', labelColor: '#333', gridColor: '#e6e6e6', domainColor: '#888', tickColor: '#888' },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 500, orient: 'bottom', direction: 'horizontal', labelLimit: 280, titleLimit: 400 },
  bar: { color: '#2b6cb0' },
  point: { color: '#2b6cb0' },
};

export const CLASS_ORDER: ClassName[] = ['automation', 'augmentation', 'moderate', 'low'];
export const CLASS_SHORT: Record<ClassName, string> = {
  automation: 'High automation potential',
  augmentation: 'Augmentation-dominant',
  moderate: 'Moderate exposure',
  low: 'Low exposure',
};
export const CLASS_COLORS: Record<ClassName, string> = {
  automation: '#c2410c',
  augmentation: '#2b6cb0',
  moderate: '#93b5d6',
  low: '#c9ccd1',
};

export const MEASURE_LABELS: Record<MeasureName, string> = {
  alpha: 'alpha (LLM alone)',
  beta: 'beta (LLM, plus half of LLM-powered tools)',
  gamma: 'gamma (LLM and LLM-powered tools)',
};

export const SCORER_LABELS: Record<string, string> = {
  human: 'human ratings',
  gpt4: 'GPT-4 ratings',
  local: "jobshift's built-in model",
  llm: 'an LLM run by jobshift',
  llama: 'a local GGUF model run by jobshift',
};

/** "Source: ..." for charts of the workforce analysis. */
export function analysisSource(f: AnalysisFacts): string {
  const raters = SCORER_LABELS[f.scorer] ?? f.scorer;
  const labels = f.scorer === 'human' || f.scorer === 'gpt4' ? `GPTs-are-GPTs task labels (Eloundou et al. 2024), ${raters}` : `O*NET tasks rated by ${raters}`;
  return `Source: ${labels}; O*NET task statements; BLS OEWS May ${f.oewsYear} employment. Exposure measure: ${f.measure}.`;
}

export const pct = (x: number, digits = 0) => `${(x * 100).toFixed(digits)}%`;

/** "Business and Financial Operations Occupations" -> "Business and Financial Operations". */
export const shortGroupLabel = (label: string) => label.replace(/ Occupations$/, '');

/** Join source notes into one line without doubled full stops. */
export const joinSources = (parts: string[]) => `${parts.map((p) => p.trim().replace(/\.$/, '')).join('; ')}.`;

export function titleWith(text: string, subtitle: string | string[]) {
  return { text, subtitle };
}
