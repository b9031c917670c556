/**
 * The early-career view of exposure by age (CPS table 11b), in one sentence shared by the
 * dashboard and the report. Why this view: Brynjolfsson, Chandar & Chen (2025), "Canaries in the
 * Coal Mine? Six Facts about the Recent Employment Effects of Artificial Intelligence", find
 * employment of 22-25-year-olds in the most AI-exposed occupations down about 13% relative to
 * less exposed peers since late 2022. That figure is theirs, from payroll data; jobshift shows who
 * holds exposed jobs by age, not the effect.
 */
/** The fields of an analysis breakdown row this needs (kept structural: the dashboard imports this file). */
interface AgeRow {
  group: string;
  atLeast50: number;
}

export const EARLY_CAREER_SOURCE =
  'Brynjolfsson, Chandar & Chen (2025), "Canaries in the Coal Mine?": the first measurable employment effects of generative AI were found among early-career workers in the most exposed occupations.';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** "Of workers aged 20 to 24, 15.6% hold highly exposed jobs (...), against 23.4% of all workers; ..." or null without age rows. */
export function earlyCareerSentence(rows: AgeRow[] | undefined, measure: string): string | null {
  const by = new Map((rows ?? []).map((g) => [g.group, g]));
  const all = by.get('all');
  const young = by.get('age_20_24');
  const early = by.get('age_25_34');
  if (!all || !young || !early) return null;
  return (
    `Of workers aged 20 to 24, ${pct(young.atLeast50)} hold highly exposed jobs (${measure} at least 50%), and of those aged 25 to 34, ${pct(early.atLeast50)}, ` +
    `against ${pct(all.atLeast50)} of all workers in CPS-matched occupations.`
  );
}
