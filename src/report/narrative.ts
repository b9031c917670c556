/**
 * The report's prose. Three authors:
 * - `template`: deterministic sentences filled from the facts (default; no model needed);
 * - `llm` / `llama`: a model writes each section's prose from that section's facts, given to it
 *   as JSON; every number in what it writes is then checked against those facts
 *   (grounding.ts) and sentences with unmatched numbers are removed, the passage flagged.
 */
import { type GenerationCache, generateCached } from '../llm/cache.js';
import type { TextProvider } from '../llm/provider.js';
import { type BacktestWindow, PRE_CHATGPT_YEAR } from '../analysis/backtest.js';
import { InputError, isInputError } from '../util/errors.js';
import { SECTION_TITLES, type SectionId } from './document.js';
import { PUBLISHED_MEASURES, PUBLISHED_PRODUCTIVITY, type ReportFacts } from './facts.js';
import { change, fixed, percent, workers } from './format.js';
import { groundPassage } from './grounding.js';

export type NarrativeKind = 'template' | 'llm' | 'llama';
export const NARRATIVE_KINDS: NarrativeKind[] = ['template', 'llm', 'llama'];

/** Sections that carry prose (methods and limitations are fixed text). */
export const NARRATED: SectionId[] = ['summary', 'exposure', 'substitution', 'affected', 'scenario', 'redistribution', 'productivity', 'comparison', 'backtest'];

export interface SectionNarrative {
  section: SectionId;
  paragraphs: string[];
  author: string;
  /** Numbers removed by the grounding check, with their sentences (for --json and audits). */
  removed: { text: string; sentence: string }[];
  grounded: number;
}

/** Round for the model's eyes: 4 significant digits is plenty and keeps the JSON short. */
const r4 = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(4)) : x);

/** The facts one section's prose may use, as plain JSON (shares in 0–1, workers as counts, US dollars). */
export function sectionFacts(f: ReportFacts, id: SectionId): Record<string, unknown> {
  const a = f.analysis;
  const h = a.headline[a.measure];
  const units = { shares: 'fractions between 0 and 1 (0.31 = 31%)', workers: 'number of jobs', money: 'US dollars per year' };
  const group = (by: 'major' | 'wage' | 'education' | 'demographic' | 'zone') =>
    (a.breakdowns[by] ?? []).map((g) => ({ group: g.label.replace(/ Occupations$/, ''), workers: Math.round(g.employment), meanExposure: r4(g.mean), shareAtLeast50: r4(g.atLeast50) }));
  const sim = f.simulation.available ? f.simulation.value : null;
  const lastYear = sim?.years[sim.years.length - 1];
  const band = (b: { p5: number; p50: number; p95: number }) => ({ median: Math.round(b.p50), p5: Math.round(b.p5), p95: Math.round(b.p95) });
  switch (id) {
    case 'summary':
      return {
        units,
        measure: a.measure,
        oewsYear: f.oewsYear,
        intervalLevel: 0.9,
        workersCovered: Math.round(a.coverage.employmentCovered),
        workersTotal: Math.round(a.coverage.employmentTotal),
        meanExposure: r4(h.mean),
        meanExposure90: [r4(a.intervals.mean.lo), r4(a.intervals.mean.hi)],
        shareOfWorkersAtLeast10PctExposed: r4(h.atLeast10),
        shareOfWorkersAtLeast50PctExposed: r4(h.atLeast50),
        shareAtLeast50_90: [r4(a.intervals.atLeast50.lo), r4(a.intervals.atLeast50.hi)],
        wageBillExposedShare: r4(a.wageBill.share),
        classes: a.classes.map((c) => ({ class: c.label, share: r4(c.share), workers: Math.round(c.employment) })),
        scenario: lastYear ? { name: sim!.scenario, year: lastYear.year, substituted: band(lastYear.displaced), augmented: band(lastYear.augmented), created: band(lastYear.created), net: band(lastYear.net) } : 'not available',
      };
    case 'exposure':
      return {
        units,
        measure: a.measure,
        shareOfWorkersAtLeast50PctExposed: r4(h.atLeast50),
        distribution: a.distribution.map((b) => ({ exposedFrom: r4(b.from), exposedTo: r4(b.to), shareOfWorkers: r4(b.share) })),
        byMajorGroup: group('major'),
        largeOccupationMinWorkers: 100000,
        // Workers: the OEWS figure of the SOC code, with what it covers when O*NET occupations share it (never the equal split).
        mostExposedLargeOccupations: topOccupations(f, 8).map((o) => ({
          occupation: o.title,
          exposure: r4(o.beta),
          workers: Math.round(o.employmentSoc ?? 0),
          ...(o.employmentNote ? { workersAreOf: o.employmentNote } : {}),
          ...(o.ratedBy === 'model' ? { ratedBy: 'built-in model estimate (no published labels)' } : {}),
        })),
      };
    case 'substitution':
      return {
        units,
        thresholds: a.classThresholds,
        classes: a.classes.map((c) => ({ class: c.label, share: r4(c.share), workers: Math.round(c.employment), occupations: c.occupations })),
        automatableTaskShare: r4(a.automation.automation),
        augmentedTaskShare: r4(a.automation.augmentation),
      };
    case 'affected':
      return { units, measure: a.measure, byWageQuintile: group('wage'), byEducation: group('education'), byDemographicGroup: group('demographic'), wageBillExposedShare: r4(a.wageBill.share), wageBillTotal: r4(a.wageBill.total) };
    case 'scenario':
      return sim
        ? {
            units,
            scenario: sim.scenario,
            description: sim.description,
            meaning: 'differences from the BLS 2024-34 projection path, cumulative by the end of each year; augmented = change in jobs in exposed-but-augmented work (can be negative)',
            bandPercentiles: [5, 95],
            bandLevel: 0.9,
            draws: sim.settings.draws,
            years: sim.years.map((y) => ({ year: y.year, substituted: band(y.displaced), augmentedChange: band(y.augmented), created: band(y.created), net: band(y.net) })),
          }
        : { scenario: 'not available', reason: f.simulation.available ? '' : f.simulation.reason };
    case 'redistribution':
      return sim
        ? {
            units,
            year: lastYear?.year,
            totals: Object.fromEntries(Object.entries(sim.redistribution).map(([k, b]) => [k, band(b)])),
            groupFlows: [...sim.groupFlows].filter((fl) => fl.from !== fl.to).sort((x, y) => y.workers.p50 - x.workers.p50).slice(0, 8).map((fl) => ({ from: fl.from, to: fl.to, workers: band(fl.workers) })),
            flows: [...sim.flows].sort((x, y) => y.workers.p50 - x.workers.p50).slice(0, 8).map((fl) => ({ from: fl.from, to: fl.to, workers: band(fl.workers) })),
            largestLosses: [...sim.occupations].sort((x, y) => x.net.p50 - y.net.p50).slice(0, 6).map((o) => ({ occupation: o.title, net: Math.round(o.net.p50) })),
            largestGains: [...sim.occupations].sort((x, y) => y.net.p50 - x.net.p50).slice(0, 6).map((o) => ({ occupation: o.title, net: Math.round(o.net.p50) })),
            unemployed: sim.unemployed ? band(sim.unemployed) : null,
          }
        : { scenario: 'not available', reason: f.simulation.available ? '' : f.simulation.reason };
    case 'productivity':
      return {
        units,
        historical: f.productivity.available
          ? { fromYear: f.productivity.value.fromYear, toYear: f.productivity.value.toYear, industries: f.productivity.value.industries.length, medianAnnualLabourProductivityGrowth: r4(f.productivity.value.medianLabourProductivity), medianAnnualTfpGrowth: r4(f.productivity.value.medianTfp) }
          : 'not available',
        wageBillExposedShare: r4(a.wageBill.share),
        publishedEstimates: PUBLISHED_PRODUCTIVITY.map((p) => ({ study: p.study, setting: p.setting, effect: p.effect, value: p.value, unit: p.unit })),
        scenarioMacro: sim ? { year: lastYear?.year, bands: Object.fromEntries(sim.macroBands.map((m) => [m.name, { median: r4(m.band.p50), p5: r4(m.band.p5), p95: r4(m.band.p95) }])), other: sim.macro.map((m) => ({ name: m.name, value: r4(m.value) })) } : 'not available',
      };
    case 'comparison':
      return f.comparison.available
        ? {
            codeSystem: 'SOC 2018',
            // The built-in model is trained on the human labels: its pairs say so, so no prose calls them agreement.
            measures: f.comparison.value.series.map((s) => ({ id: s.id, label: s.label, occupations: s.n, ...(s.note ? { note: s.note } : {}) })),
            correlationsWithJobshift: f.comparison.value.pairs
              .filter((p) => p.a === a.scorer || p.b === a.scorer)
              .map((p) => ({ a: p.a, b: p.b, n: p.n, pearson: r4(p.pearson), spearman: r4(p.spearman), ...(p.independent ? {} : { independent: false }) })),
          }
        : { comparison: 'not available', reason: f.comparison.reason };
    case 'backtest': {
      if (!f.backtest.available) return { backtest: 'not available', reason: f.backtest.reason };
      const b = f.backtest.value;
      const window = (w: BacktestWindow) => ({
        fromYear: w.fromYear,
        toYear: w.toYear,
        occupations: w.occupations,
        quintiles: w.quintiles.map((q) => ({ quintile: q.quintile, meanExposure: r4(q.meanExposure), employmentChange: r4(q.change) })),
        coefficientLogPointsPerUnit: r4(w.regression.coefficient),
        coefficientSe: r4(w.regression.se),
        employmentChangePercentFor10PointsMoreExposure: r4(w.effectPer10pp),
        employmentChangePercentFor10PointsMoreExposure95: w.effectPer10ppCi95.map(r4),
        r2: r4(w.regression.r2),
        sentence: w.interpretation,
      });
      return {
        units: { ...units, employmentChange: 'fraction (0.021 = +2.1%)', employmentChangePercent: 'percent (0.5 = 0.5%)', coefficient: 'log points per unit of exposure (0 to 1)' },
        measure: b.measure,
        ciLevel: 0.95,
        why: `The main window starts in May ${PRE_CHATGPT_YEAR}, the last OEWS reference period before ChatGPT (30 November 2022); the placebo window is before ChatGPT, where no LLM effect can exist yet.`,
        main: window(b),
        placebo: b.placebo.available ? window(b.placebo.window) : { fromYear: b.placebo.fromYear, toYear: b.placebo.toYear, available: false, reason: b.placebo.reason },
        reading: b.reading,
      };
    }
    default:
      return {};
  }
}

/** The most exposed occupations among those with at least `minWorkers` workers. */
export function topOccupations(f: ReportFacts, n: number, minWorkers = 100_000) {
  return f.analysis.occupations
    .filter((o) => (o.employment ?? 0) >= minWorkers)
    .sort((x, y) => y.beta - x.beta || (y.employment ?? 0) - (x.employment ?? 0))
    .slice(0, n);
}

/** Deterministic prose for a section, from its facts. */
export function templateNarrative(f: ReportFacts, id: SectionId): string[] {
  const a = f.analysis;
  const h = a.headline[a.measure];
  const m = a.measure;
  const sim = f.simulation.available ? f.simulation.value : null;
  const last = sim?.years[sim.years.length - 1];
  const cls = Object.fromEntries(a.classes.map((c) => [c.class, c]));
  switch (id) {
    case 'summary': {
      const p = [
        `Of the ${workers(a.coverage.employmentTotal)} jobs counted by BLS in May ${f.oewsYear}, ${workers(a.coverage.employmentCovered)} are in occupations whose tasks have exposure ratings. ` +
          `For these workers, on average ${percent(h.mean)} of their occupation's task weight is exposed to large language models (measure ${m}; 90% interval ${percent(a.intervals.mean.lo)} to ${percent(a.intervals.mean.hi)}). ` +
          `${percent(h.atLeast50)} of workers are in occupations where at least half of the task weight is exposed, and ${percent(h.atLeast10)} where at least a tenth is.`,
        `Exposure is not the same as job loss. ${percent(cls.automation?.share ?? 0)} of workers are in highly exposed occupations whose exposed tasks are mostly automatable; ${percent(cls.augmentation?.share ?? 0)} are in highly exposed occupations where people stay in the loop. ` +
          `Exposed work accounts for ${percent(a.wageBill.share)} of the wage bill of covered occupations.`,
      ];
      if (last) {
        p.push(
          `In the "${sim!.scenario}" scenario, by ${last.year} ${workers(last.displaced.p50)} jobs are substituted (90% band ${workers(last.displaced.p5)} to ${workers(last.displaced.p95)}) and ${workers(last.created.p50)} created, while employment in augmented work changes by ${workers(last.augmented.p50)}: a net change of ${workers(last.net.p50)} jobs against the BLS projection path.`,
        );
      } else {
        p.push(`Scenario results (jobs substituted, augmented and created over time) are not included: ${f.simulation.available ? '' : f.simulation.reason}.`);
      }
      return p;
    }
    case 'exposure': {
      const groups = [...(a.breakdowns.major ?? [])].sort((x, y) => y.mean - x.mean);
      const top = groups.slice(0, 3);
      const bottom = groups.slice(-2);
      const occ = topOccupations(f, 3);
      const p = [
        `Exposure is concentrated: ${percent(h.atLeast50)} of workers are in occupations with half or more of their tasks exposed, while ${percent(a.distribution[0]?.share ?? 0)} are in occupations with less than a tenth exposed.`,
      ];
      if (top.length >= 2 && bottom.length >= 1) {
        p.push(
          `By major group, ${top.map((g) => `${g.label.replace(/ Occupations$/, '')} (${percent(g.mean)})`).join(', ')} are the most exposed on average; ${bottom.map((g) => `${g.label.replace(/ Occupations$/, '')} (${percent(g.mean)})`).join(' and ')} the least.`,
        );
      }
      if (occ.length) p.push(`Among large occupations (at least 100,000 workers), the most exposed are ${occ.map((o) => `${o.title} (${percent(o.beta)})`).join(', ')}.`);
      return p;
    }
    case 'substitution':
      return [
        `Whether exposure substitutes for workers or augments them depends on how much of the exposed work a model could do with little oversight. Across covered workers, ${percent(a.automation.automation)} of task weight is rated automatable (T3–T4) and ${percent(a.automation.augmentation)} is exposed but rated as work where people stay in charge (T0–T2).`,
        `Classifying occupations (highly exposed: ${m === 'beta' ? 'beta' : 'beta'} at least ${percent(a.classThresholds.high, 0)}; automation-prone when at least ${percent(a.classThresholds.automation, 0)} of task weight is T3–T4): ${a.classes.map((c) => `${c.label.split(' (')[0]} ${percent(c.share)} of workers`).join('; ')}.`,
      ];
    case 'affected': {
      const wage = a.breakdowns.wage ?? [];
      const edu = a.breakdowns.education ?? [];
      const demo = (a.breakdowns.demographic ?? []).filter((g) => g.group !== 'all');
      const p: string[] = [];
      if (wage.length >= 2) {
        const lo = wage[0]!.mean;
        const hi = wage[wage.length - 1]!.mean;
        p.push(
          hi > lo
            ? `Exposure rises with pay: average exposure is ${percent(lo)} in the lowest wage quintile and ${percent(hi)} in the highest. Unlike earlier waves of automation, LLMs reach furthest into well-paid work.`
            : `Exposure does not rise with pay here: average exposure is ${percent(lo)} in the lowest wage quintile and ${percent(hi)} in the highest.`,
        );
      }
      if (edu.length >= 2) {
        const hi = [...edu].sort((x, y) => y.mean - x.mean)[0]!;
        const lo = [...edu].sort((x, y) => x.mean - y.mean)[0]!;
        p.push(`By the typical education for entry, exposure ranges from ${percent(lo.mean)} (${lo.label.toLowerCase()}) to ${percent(hi.mean)} (${hi.label.toLowerCase()}).`);
      }
      if (demo.length) p.push(`By demographic group: ${demo.map((g) => `${g.label} ${percent(g.mean)}`).join(', ')} (average exposure of the jobs each group holds, from CPS shares by occupation).`);
      if (p.length === 0) p.push('Breakdowns by wage, education and demographic group need OEWS wages, BLS EP education and CPS table 11 in the store.');
      return p;
    }
    case 'scenario':
      if (!sim || !last) return [`The scenario engine is not available in this build, so this report has no projections of jobs substituted, augmented or created: ${f.simulation.available ? '' : f.simulation.reason}. The exposure results above describe potential, not a forecast.`];
      return [
        `Scenario "${sim.scenario}"${sim.description ? ` (${sim.description.replace(/\.$/, '')})` : ''}. Results are differences from the BLS projection path, cumulative to the end of each year.`,
        `By ${last.year}, ${workers(last.displaced.p50)} jobs are substituted (90% band ${workers(last.displaced.p5)} to ${workers(last.displaced.p95)}) and ${workers(last.created.p50)} are created (${workers(last.created.p5)} to ${workers(last.created.p95)}); in work that LLMs augment rather than replace, employment changes by ${workers(last.augmented.p50)} (${workers(last.augmented.p5)} to ${workers(last.augmented.p95)}), as cheaper output meets demand. The net change is ${workers(last.net.p50)} jobs (${workers(last.net.p5)} to ${workers(last.net.p95)}).`,
        'Bands are the 5th and 95th percentiles over the Monte Carlo draws of the scenario\'s uncertain parameters; they show the spread implied by those ranges, not every way the future could differ.',
      ];
    case 'redistribution': {
      if (!sim) return ['Redistribution between occupations comes from the scenario engine, which is not available in this build.'];
      const p: string[] = [];
      const r = sim.redistribution;
      if (r.displaced && r.moved && (r.unemployed ?? sim.unemployed)) {
        const u = (r.unemployed ?? sim.unemployed)!;
        p.push(`Of the ${workers(r.displaced.p50)} workers substituted by ${last?.year ?? 'the last year'}, ${workers(r.moved.p50)} move to other occupations (${workers(r.moved.p5)} to ${workers(r.moved.p95)}) and ${workers(u.p50)} are not re-employed (${workers(u.p5)} to ${workers(u.p95)}).`);
      } else if (sim.unemployed) p.push(`Workers not re-employed by the end of the scenario: ${workers(sim.unemployed.p50)} (${workers(sim.unemployed.p5)} to ${workers(sim.unemployed.p95)}).`);
      const groups = [...sim.groupFlows].filter((fl) => fl.from !== fl.to).sort((x, y) => y.workers.p50 - x.workers.p50).slice(0, 3);
      if (groups.length) p.push(`Between major groups, the largest moves are ${groups.map((fl) => `from ${fl.from} to ${fl.to} (${workers(fl.workers.p50)})`).join(', ')}.`);
      const flows = [...sim.flows].sort((x, y) => y.workers.p50 - x.workers.p50).slice(0, 3);
      if (flows.length) p.push(`Between occupations, the largest flows are ${flows.map((fl) => `from ${fl.from} to ${fl.to} (${workers(fl.workers.p50)})`).join('; ')}.`);
      if (p.length === 0) p.push('The scenario reports no flows between occupations.');
      return p;
    }
    case 'productivity': {
      const p: string[] = [];
      if (f.productivity.available) {
        const pr = f.productivity.value;
        p.push(`For scale: between ${pr.fromYear} and ${pr.toYear}, labour productivity grew by a median of ${percent(pr.medianLabourProductivity, 2)} a year across ${pr.industries.length} US industries, and total factor productivity by ${percent(pr.medianTfp, 2)} a year.`);
      }
      p.push(`Published estimates of what generative AI adds differ by an order of magnitude: task-level experiments find large gains on the tasks studied, while economy-wide estimates built from exposure shares are small (Acemoglu 2024: about ${percent(0.0066, 2)} of TFP over ten years). Exposed work is ${percent(a.wageBill.share)} of the covered wage bill, the base any such estimate multiplies.`);
      const tfp = sim?.macroBands.find((m) => m.name === 'tfp')?.band;
      const gdp = sim?.macroBands.find((m) => m.name === 'gdp')?.band;
      if (sim && last && tfp) {
        p.push(`In the "${sim.scenario}" scenario, total factor productivity is higher by ${percent(tfp.p50, 2)} by ${last.year} (${percent(tfp.p5, 2)} to ${percent(tfp.p95, 2)})${gdp ? ` and GDP by ${percent(gdp.p50, 2)} (${percent(gdp.p5, 2)} to ${percent(gdp.p95, 2)})` : ''}, computed with Hulten's theorem as in Acemoglu (2024).`);
      }
      return p;
    }
    case 'comparison': {
      if (!f.comparison.available) return [`No published measures to compare with: ${f.comparison.reason}.`];
      const published = new Set(PUBLISHED_MEASURES.map((m) => m.id));
      const other = (p: { a: string; b: string }) => (p.a === a.scorer ? p.b : p.a);
      const mine = f.comparison.value.pairs.filter((p) => (p.a === a.scorer || p.b === a.scorer) && published.has(other(p)) && Number.isFinite(p.pearson));
      const label = new Map(f.comparison.value.series.map((s) => [s.id, s.label]));
      const sorted = [...mine].sort((x, y) => y.pearson - x.pearson);
      if (mine.length === 0) return ['No published exposure measures are imported, so jobshift\'s scores are compared only with each other below.'];
      const p = [`jobshift's ${a.scorer} scores were compared with ${mine.length} published measures on SOC 2018 codes.`];
      if (sorted.length) {
        const best = sorted[0]!;
        const worst = sorted[sorted.length - 1]!;
        p.push(
          `Agreement is closest with ${label.get(other(best)) ?? other(best)} (Pearson r = ${fixed(best.pearson)}, ${best.n} occupations) and weakest with ${label.get(other(worst)) ?? other(worst)} (r = ${fixed(worst.pearson)}, ${worst.n} occupations).` +
            (other(worst) === 'frey_osborne' ? ' The weakest agreement is with a measure of an earlier technology (computerisation): jobs that computers could take and jobs that language models reach are different jobs.' : ''),
        );
      }
      return p;
    }
    case 'backtest': {
      if (!f.backtest.available) return [`The backtest could not run: ${f.backtest.reason}.`];
      const b = f.backtest.value;
      const q1 = b.quintiles[0];
      const q5 = b.quintiles[b.quintiles.length - 1];
      const p: string[] = [];
      if (q1 && q5) p.push(`Between May ${b.fromYear} and May ${b.toYear}, employment changed by ${change(q1.change)} in the least exposed fifth of jobs and by ${change(q5.change)} in the most exposed fifth.`);
      p.push(
        `${b.interpretation} ` +
          `May ${PRE_CHATGPT_YEAR} is the last OEWS reference period before ChatGPT (released 30 November 2022); as a placebo, the same regression is run on May ${b.placebo.available ? b.placebo.window.fromYear : b.placebo.fromYear} to May ${b.placebo.available ? b.placebo.window.toYear : b.placebo.toYear}, before ChatGPT, where no LLM effect can exist yet.`,
      );
      if (b.placebo.available) p.push(`Placebo: ${b.placebo.window.interpretation}`);
      p.push(b.reading);
      return p;
    }
    default:
      return [];
  }
}

export interface SamplingOptions {
  temperature?: number;
  topK?: number;
  topP?: number;
  maxTokens?: number;
  seed?: number;
}

const SYSTEM = [
  'You write one section of a report on how large language models change work, for an informed general reader.',
  'Write two short paragraphs of plain prose (no headings, no lists, no Markdown).',
  'Use only numbers that appear in the JSON facts you are given. Shares are fractions: write 0.312 as 31.2%. Worker counts may be written in millions (4213000 as 4.21 million).',
  'Do not compute new numbers (no sums, differences or ratios), do not add numbers from memory, and say plainly when something is uncertain.',
].join(' ');

/**
 * Prose for each narrated section from a model, checked against the facts it was given. With a
 * seed and a cache, the same facts and settings give the same prose without calling the model.
 */
export async function modelNarrative(
  provider: TextProvider,
  f: ReportFacts,
  sampling: SamplingOptions = {},
  options: { cache?: GenerationCache; onSection?: (i: number, n: number, id: SectionId) => void } = {},
): Promise<SectionNarrative[]> {
  const onSection = options.onSection;
  const out: SectionNarrative[] = [];
  for (const [i, id] of NARRATED.entries()) {
    onSection?.(i, NARRATED.length, id);
    const facts = sectionFacts(f, id);
    const prompt = `Section: ${SECTION_TITLES[id]}\n\nFacts (JSON):\n${JSON.stringify(facts, null, 1)}\n\nWrite the section's prose now.`;
    let res: Awaited<ReturnType<typeof generateCached>>;
    try {
      res = await generateCached(provider, { system: SYSTEM, prompt, temperature: sampling.temperature, topK: sampling.topK, topP: sampling.topP, maxTokens: sampling.maxTokens ?? 400, seed: sampling.seed }, options.cache);
    } catch (err) {
      if (isInputError(err)) throw err;
      // The server answered with errors until the client gave up: the user's server to fix.
      throw new InputError(`the ${provider.kind} provider (${provider.id}) failed while writing the "${SECTION_TITLES[id]}" section: ${(err as Error).message.split('\n')[0]}`, { field: 'narrative' });
    }
    out.push(checkedNarrative(id, res.text, facts, `${provider.kind} model ${provider.model}`));
  }
  onSection?.(NARRATED.length, NARRATED.length, 'backtest');
  return out;
}

/** Ground one model-written passage against the facts it was given. */
export function checkedNarrative(id: SectionId, text: string, facts: unknown, author: string): SectionNarrative {
  const cleaned = text.replace(/```[\s\S]*?```/g, ' ').replace(/^#+\s.*$/gm, '').replace(/\*\*|__/g, '').trim();
  const checked = groundPassage(cleaned, facts);
  return { section: id, paragraphs: checked.text.split(/\n\s*\n/).filter((p) => p.trim()), author, removed: checked.removed, grounded: checked.grounded.length };
}

export function templateNarratives(f: ReportFacts): SectionNarrative[] {
  return NARRATED.map((id) => ({ section: id, paragraphs: templateNarrative(f, id), author: 'template', removed: [], grounded: 0 }));
}

