/**
 * Substitution vs augmentation classes, in the spirit of the ILO's exposure gradients
 * (Gmyrek et al. 2025, "Generative AI and Jobs: A Refined Global Index of Occupational
 * Exposure"), which separate occupations whose exposed tasks are mostly automatable from
 * those where AI mainly complements the worker.
 *
 * Two dimensions per occupation: exposure (beta) and automation intensity — the share of
 * task weight rated T3-T4 (the model does the task with at most occasional oversight) on the
 * GPTs-are-GPTs automation rubric. Thresholds are parameters, printed with every result.
 */
import type { UnitExposure } from './workforce.js';

export type ExposureClass = 'automation' | 'augmentation' | 'moderate' | 'low';

export interface ClassThresholds {
  /** beta at or above which an occupation counts as highly exposed. */
  high: number;
  /** beta below which an occupation counts as low exposure. */
  low: number;
  /** Share of task weight at T3-T4 at or above which highly exposed work is automation-prone. */
  automation: number;
}

export const DEFAULT_THRESHOLDS: ClassThresholds = { high: 0.4, low: 0.2, automation: 0.35 };

export const CLASS_LABELS: Record<ExposureClass, string> = {
  automation: 'High automation potential (highly exposed, automatable tasks dominate)',
  augmentation: 'Augmentation-dominant (highly exposed, people stay in the loop)',
  moderate: 'Moderate exposure',
  low: 'Low exposure',
};

export function classify(beta: number, automation: number | null, t: ClassThresholds = DEFAULT_THRESHOLDS): ExposureClass {
  if (beta < t.low) return 'low';
  if (beta < t.high) return 'moderate';
  return automation !== null && automation >= t.automation ? 'automation' : 'augmentation';
}

export interface ClassRow {
  class: ExposureClass;
  label: string;
  occupations: number;
  employment: number;
  share: number;
}

export function classEmployment(units: UnitExposure[], t: ClassThresholds = DEFAULT_THRESHOLDS): ClassRow[] {
  const order: ExposureClass[] = ['automation', 'augmentation', 'moderate', 'low'];
  const acc = new Map(order.map((c) => [c, { occupations: 0, employment: 0 }]));
  let total = 0;
  for (const u of units) {
    const c = classify(u.beta, u.automation, t);
    const a = acc.get(c)!;
    a.occupations++;
    a.employment += u.employment;
    total += u.employment;
  }
  return order.map((c) => ({ class: c, label: CLASS_LABELS[c], ...acc.get(c)!, share: total ? acc.get(c)!.employment / total : 0 }));
}
