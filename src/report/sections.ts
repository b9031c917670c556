/**
 * The report's sections, built from the facts and the narrative: prose first, then the
 * charts (from the chart specs the dashboard uses), tables with units, and the flow diagram.
 */
import { type AnalysisFacts, classesChart, correlationHeatmap, employmentTreemap, exposureByGroupChart, exposureDistributionChart, exposureVsWageScatter, groupFlowsHeatmap, measureScatter, type ScenarioFacts, type ScenarioFlow, scenarioFanChart, topFlowsChart } from './charts/index.js';
import { type Block, type ReportDocument, type Section, SECTION_TITLES, type SectionId } from './document.js';
import { onetCredit, provenanceOf } from '../data/provenance.js';
import { earlyCareerSentence, EARLY_CAREER_SOURCE } from './age.js';
import { CITATIONS, MODEL_ESTIMATE_METHOD, PUBLISHED_PRODUCTIVITY, type ReportFacts } from './facts.js';
import { change, fixed, int, percent, usd } from './format.js';
import { flowSvg, mermaidSource, scenarioFlowGraph } from './mermaid.js';
import { type SectionNarrative, topOccupations } from './narrative.js';
import type { Flow, Simulation } from './simulation.js';
import { BACKTEST_CAVEATS, PRE_CHATGPT_YEAR } from '../analysis/backtest.js';

export function buildDocument(f: ReportFacts, narratives: SectionNarrative[]): ReportDocument {
  const byId = new Map(narratives.map((n) => [n.section, n]));
  const prose = (id: SectionId): Block[] => {
    const n = byId.get(id);
    if (!n) return [];
    const flag = n.removed.length
      ? `${n.removed.length} sentence${n.removed.length === 1 ? '' : 's'} of model-written prose ${n.removed.length === 1 ? 'was' : 'were'} removed here because ${n.removed.length === 1 ? 'it' : 'they'} stated numbers not found in the computed facts.`
      : undefined;
    return [{ kind: 'narrative', paragraphs: n.paragraphs, author: n.author, ...(flag ? { flag } : {}) }];
  };
  const sections: Section[] = [
    { id: 'summary', title: SECTION_TITLES.summary, blocks: [...prose('summary'), summaryTable(f)] },
    { id: 'exposure', title: SECTION_TITLES.exposure, blocks: [...prose('exposure'), ...exposureBlocks(f)] },
    { id: 'substitution', title: SECTION_TITLES.substitution, blocks: [...prose('substitution'), ...substitutionBlocks(f)] },
    { id: 'affected', title: SECTION_TITLES.affected, blocks: [...prose('affected'), ...affectedBlocks(f)] },
    { id: 'scenario', title: SECTION_TITLES.scenario, blocks: [...prose('scenario'), ...scenarioBlocks(f)] },
    { id: 'redistribution', title: SECTION_TITLES.redistribution, blocks: [...prose('redistribution'), ...redistributionBlocks(f)] },
    { id: 'productivity', title: SECTION_TITLES.productivity, blocks: [...prose('productivity'), ...productivityBlocks(f)] },
    { id: 'comparison', title: SECTION_TITLES.comparison, blocks: [...prose('comparison'), ...comparisonBlocks(f)] },
    { id: 'backtest', title: SECTION_TITLES.backtest, blocks: [...prose('backtest'), ...backtestBlocks(f)] },
    { id: 'methods', title: SECTION_TITLES.methods, blocks: methodsBlocks(f, narratives) },
    { id: 'limitations', title: SECTION_TITLES.limitations, blocks: limitationsBlocks(f) },
  ];
  return {
    title: 'How large language models change work in the United States',
    subtitle: `A jobshift report, ${f.date}. Exposure measure ${f.measure}, ${f.scorer} task ratings, BLS OEWS May ${f.oewsYear} employment${f.simulation.available ? `, scenario "${f.simulation.value.scenario}"` : ''}.`,
    sections,
  };
}

const chartFacts = (f: ReportFacts): AnalysisFacts => ({ measure: f.measure, scorer: f.scorer, oewsYear: f.oewsYear });
const oews = (f: ReportFacts) => `BLS OEWS May ${f.oewsYear}`;
/** The headline's aggregation in one sentence, with the other method's figure beside it. */
const aggregationSentence = (f: ReportFacts) => {
  const g = f.analysis.aggregation;
  return `${g.note} Under "${g.other.method}" the share at ${f.measure} ≥ 50% is ${percent(g.other.headline.atLeast50)} (≥ 10%: ${percent(g.other.headline.atLeast10)}).`;
};
const cpsSource = (f: ReportFacts, table: 'sexRace' | 'age') =>
  `BLS Current Population Survey ${f.analysis.cpsYears[table] ?? ''} annual averages, table ${table === 'age' ? '11b' : '11'}`;
const labelsSource = (f: ReportFacts) => `GPTs-are-GPTs task labels (Eloundou et al. 2024), ${f.scorer} ratings; O*NET task statements; ${oews(f)} employment`;

function summaryTable(f: ReportFacts): Block {
  const a = f.analysis;
  const h = a.headline[a.measure];
  const i = a.intervals;
  const range = (lo: number, hi: number) => `${percent(lo)}–${percent(hi)}`;
  const labels = 'Labels × OEWS';
  const rows: string[][] = [
    ['Jobs in occupations with exposure ratings', int(a.coverage.employmentCovered), `of ${int(a.coverage.employmentTotal)} (${percent(a.coverage.employmentCovered / a.coverage.employmentTotal)})`, 'jobs', `OEWS May ${f.oewsYear}`],
    ['Jobs whose exposure rating is a model estimate', percent(a.coverage.modelEstimateShare), `${int(a.coverage.modelEstimateEmployment)} of the jobs covered`, '% of jobs covered', 'Built-in model × OEWS'],
    [`Average share of tasks exposed (${a.measure})`, percent(h.mean), range(i.mean.lo, i.mean.hi), '% of task weight', labels],
    ['Workers with ≥ 10% of tasks exposed', percent(h.atLeast10), range(i.atLeast10.lo, i.atLeast10.hi), '% of workers', labels],
    ['Workers with ≥ 50% of tasks exposed', percent(h.atLeast50), range(i.atLeast50.lo, i.atLeast50.hi), '% of workers', labels],
    ...(a.scorerRange
      ? [[`Average exposure, range across scorers`, `${percent(a.scorerRange.mean[0])}–${percent(a.scorerRange.mean[1])}`, a.scorerRange.scorers.join(', '), '% of task weight', 'Each scorer × OEWS']]
      : []),
    ['Wage bill paid for exposed work', percent(a.wageBill.share), `of ${usd(a.wageBill.total)} a year`, '% of wage bill', `${labels} wages`],
    ['Task weight automatable (T3–T4)', percent(a.automation.automation), '', '% of task weight', labels],
    ['Task weight exposed, people in charge (T0–T2)', percent(a.automation.augmentation), '', '% of task weight', labels],
  ];
  for (const c of a.classes.filter((x) => x.class === 'automation' || x.class === 'augmentation')) rows.push([`Workers in class: ${c.label.split(' (')[0]}`, percent(c.share), int(c.employment), '% of workers (jobs)', labels]);
  if (f.backtest.available) {
    const b = f.backtest.value;
    rows.push([`Backtest: employment change for ${b.measure} 10 points higher, ${b.fromYear}–${b.toYear}`, signedPercent(b.effectPer10pp), `${signedPercent(b.effectPer10ppCi95[0])} to ${signedPercent(b.effectPer10ppCi95[1])} (95%)`, '% of employment', `OEWS ${b.fromYear}, ${b.toYear}`]);
    if (b.placebo.available) {
      const p = b.placebo.window;
      rows.push([`Placebo before ChatGPT: the same, ${p.fromYear}–${p.toYear}`, signedPercent(p.effectPer10pp), `${signedPercent(p.effectPer10ppCi95[0])} to ${signedPercent(p.effectPer10ppCi95[1])} (95%)`, '% of employment', `OEWS ${p.fromYear}, ${p.toYear}`]);
    }
  }
  if (f.simulation.available) {
    const sim = f.simulation.value;
    const last = sim.years[sim.years.length - 1];
    if (last) {
      const band = (b: { p5: number; p50: number; p95: number }) => `${int(b.p5)} to ${int(b.p95)}`;
      rows.push(
        [`Jobs substituted by ${last.year}`, int(last.displaced.p50), band(last.displaced), 'jobs', `scenario ${sim.scenario}`],
        [`Jobs augmented by ${last.year}`, int(last.augmented.p50), band(last.augmented), 'jobs', `scenario ${sim.scenario}`],
        [`Jobs created by ${last.year}`, int(last.created.p50), band(last.created), 'jobs', `scenario ${sim.scenario}`],
        [`Net change by ${last.year}`, int(last.net.p50), band(last.net), 'jobs', `scenario ${sim.scenario}`],
      );
    }
  }
  return {
    kind: 'table',
    caption: 'Headline numbers',
    columns: [{ label: 'What' }, { label: 'Value', align: 'right' }, { label: 'Range or base', unit: 'intervals: 90% unless stated', align: 'right' }, { label: 'Unit' }, { label: 'Source' }],
    rows,
    source: `Labels × OEWS: ${labelsSource(f)}; intervals from ${i.resamples} bootstrap resamples of tasks within occupations. ${aggregationSentence(f)} Scenario bands: 5th–95th percentile of the scenario's draws. Methods in "Methods and sources".`,
  };
}

function exposureBlocks(f: ReportFacts): Block[] {
  const a = f.analysis;
  const cf = chartFacts(f);
  const blocks: Block[] = [
    { kind: 'chart', id: 'exposure-distribution', caption: 'Share of workers by the share of their occupation’s tasks exposed.', spec: exposureDistributionChart(a.distribution, cf) },
  ];
  const major = a.breakdowns.major ?? [];
  if (major.length) {
    blocks.push({ kind: 'chart', id: 'exposure-by-major-group', caption: 'Average exposure by major occupation group.', spec: exposureByGroupChart([...major].sort((x, y) => y.mean - x.mean), { ...cf, groupTitle: 'Major occupation group' }) });
  }
  const titles: Record<string, string> = {};
  for (const g of major) titles[g.group] = g.label;
  blocks.push({
    kind: 'chart',
    id: 'employment-treemap',
    caption: 'Where the workers are: each rectangle an occupation, sized by employment and coloured by exposure.',
    spec: employmentTreemap(
      a.occupations.map((o) => ({ code: o.onetCode, title: o.title, majorGroup: o.onetCode.slice(0, 2), employment: o.employment, employmentSoc: o.employmentSoc, employmentNote: o.employmentNote, exposure: o[a.measure] })),
      titles,
      cf,
    ),
  });
  const top = topOccupations(f, 15);
  blocks.push({
    kind: 'table',
    caption: `The most exposed large occupations (at least 100,000 workers), by share of tasks exposed (${a.measure})`,
    columns: [{ label: 'O*NET-SOC', nowrap: true }, { label: 'Occupation' }, { label: `Exposure (${a.measure})`, unit: '%', align: 'right' }, { label: '90% interval', unit: '%', align: 'right' }, { label: 'Workers', unit: 'jobs', align: 'right' }, { label: 'Automatable (T3–T4)', unit: '% of tasks', align: 'right' }],
    rows: top.map((o) => [
      o.onetCode,
      o.ratedBy === 'model' ? `${o.title} (model estimate)` : o.title,
      percent(o[a.measure]),
      o.interval ? `${percent(o.interval.lo, 0)}–${percent(o.interval.hi, 0)}` : '–',
      o.employmentSoc === null ? '–' : `${int(o.employmentSoc)}${o.employmentNote ? ` (${o.employmentNote})` : ''}`,
      o.automation === null ? '–' : percent(o.automation, 0),
    ]),
    source: `${labelsSource(f)}. Workers: OEWS employment of the SOC occupation as BLS publishes it; where several O*NET occupations share it, the row says so and the figure is theirs together (sums elsewhere split it equally). "Model estimate": no published labels cover the occupation; the built-in model rated its tasks.`,
  });
  blocks.push({
    kind: 'table',
    caption: 'Exposure by major occupation group',
    columns: [{ label: 'Major group' }, { label: 'Workers', unit: 'jobs', align: 'right' }, { label: `Average ${a.measure}`, unit: '%', align: 'right' }, { label: 'Workers ≥ 50% exposed', unit: '%', align: 'right' }],
    rows: [...major].sort((x, y) => y.mean - x.mean).map((g) => [g.label.replace(/ Occupations$/, ''), int(g.employment), percent(g.mean), percent(g.atLeast50)]),
    source: labelsSource(f),
  });
  return blocks;
}

function substitutionBlocks(f: ReportFacts): Block[] {
  const a = f.analysis;
  return [
    { kind: 'chart', id: 'exposure-classes', caption: 'Workers by exposure class: automation-prone, augmentation-dominant, moderate, low.', spec: classesChart(a.classes, { ...chartFacts(f), thresholds: a.classThresholds }) },
    {
      kind: 'chart',
      id: 'exposure-vs-wage',
      caption: 'Exposure against median wage, one dot per occupation, coloured by class.',
      spec: exposureVsWageScatter(
        a.units.map((u) => ({ code: u.socCode, title: u.title, exposure: u[a.measure], wage: u.annualMedian, employment: u.employment, class: a.occupations.find((o) => u.onetCodes.includes(o.onetCode))?.class ?? null })),
        chartFacts(f),
      ),
    },
    {
      kind: 'table',
      caption: 'Workers by exposure class',
      columns: [{ label: 'Class' }, { label: 'Occupations', unit: 'count', align: 'right' }, { label: 'Workers', unit: 'jobs', align: 'right' }, { label: 'Share of workers', unit: '%', align: 'right' }],
      rows: a.classes.map((c) => [c.label, int(c.occupations), int(c.employment), percent(c.share)]),
      source: `${labelsSource(f)}. Thresholds: highly exposed at beta ≥ ${percent(a.classThresholds.high, 0)}, low below ${percent(a.classThresholds.low, 0)}, automation-prone at ≥ ${percent(a.classThresholds.automation, 0)} of task weight rated T3–T4 (after Gmyrek et al. 2025).`,
    },
  ];
}

function groupTable(f: ReportFacts, by: 'wage' | 'education' | 'demographic' | 'zone' | 'age', caption: string, title: string): Block | null {
  const rows = f.analysis.breakdowns[by] ?? [];
  if (!rows.length) return null;
  return {
    kind: 'table',
    caption,
    columns: [{ label: title }, { label: 'Workers', unit: 'jobs', align: 'right' }, { label: `Average ${f.measure}`, unit: '%', align: 'right' }, { label: 'Workers ≥ 50% exposed', unit: '%', align: 'right' }, { label: 'Automatable (T3–T4)', unit: '% of tasks', align: 'right' }],
    rows: rows.map((g) => [g.label, int(g.employment), percent(g.mean), percent(g.atLeast50), g.automation === null ? '–' : percent(g.automation)]),
    source: by === 'demographic' ? `${labelsSource(f)}; ${cpsSource(f, 'sexRace')} shares by occupation` : by === 'age' ? `${labelsSource(f)}; ${cpsSource(f, 'age')} age shares by occupation. ${EARLY_CAREER_SOURCE}` : by === 'education' ? `${labelsSource(f)}; BLS Employment Projections typical entry education` : `${labelsSource(f)}; OEWS median annual wages`,
  };
}

function affectedBlocks(f: ReportFacts): Block[] {
  const a = f.analysis;
  const cf = chartFacts(f);
  const blocks: Block[] = [];
  if (a.breakdowns.wage?.length) blocks.push({ kind: 'chart', id: 'exposure-by-wage', caption: 'Average exposure by wage quintile (employment-weighted quintiles of the median wage).', spec: exposureByGroupChart(a.breakdowns.wage, { ...cf, groupTitle: 'Wage quintile' }) });
  if (a.breakdowns.education?.length) blocks.push({ kind: 'chart', id: 'exposure-by-education', caption: 'Average exposure by typical education needed for entry.', spec: exposureByGroupChart(a.breakdowns.education, { ...cf, groupTitle: 'Typical entry education' }) });
  if (a.breakdowns.demographic?.length) blocks.push({ kind: 'chart', id: 'exposure-by-demographic', caption: 'Average exposure of the jobs held by each demographic group.', spec: exposureByGroupChart(a.breakdowns.demographic, { ...cf, groupTitle: 'Demographic group' }, { source: `Source: ${labelsSource(f)}; ${cpsSource(f, 'sexRace')}.` }) });
  if (a.breakdowns.age?.length) blocks.push({ kind: 'chart', id: 'exposure-by-age', caption: 'Average exposure of the jobs held by each age group.', spec: exposureByGroupChart(a.breakdowns.age, { ...cf, groupTitle: 'Age group' }, { source: `Source: ${labelsSource(f)}; ${cpsSource(f, 'age')}.` }) });
  const early = earlyCareerSentence(a.breakdowns.age, f.measure);
  if (early) blocks.push({ kind: 'paragraph', text: `${early} ${EARLY_CAREER_SOURCE}` });
  for (const t of [groupTable(f, 'wage', 'Exposure by wage quintile', 'Wage quintile'), groupTable(f, 'education', 'Exposure by typical entry education', 'Education'), groupTable(f, 'demographic', 'Exposure by demographic group', 'Group'), groupTable(f, 'age', 'Exposure by age group', 'Age group')]) if (t) blocks.push(t);
  blocks.push({
    kind: 'table',
    caption: 'Wage bill',
    columns: [{ label: 'What' }, { label: 'Value', unit: 'US$ per year', align: 'right' }],
    rows: [
      ['Wage bill of covered occupations', usd(a.wageBill.total)],
      [`Paid for exposed work (weighted by ${a.measure})`, usd(a.wageBill.exposed)],
      ['Paid to workers in occupations ≥ 50% exposed', usd(a.wageBill.inHighlyExposed)],
    ],
    source: `${labelsSource(f)}; OEWS mean annual wages x employment`,
  });
  return blocks;
}

const bandCell = (b: { p5: number; p50: number; p95: number }) => `${int(b.p50)} (${int(b.p5)} to ${int(b.p95)})`;

const scenarioChartFacts = (f: ReportFacts, sim: Simulation): ScenarioFacts | null =>
  sim.settings.draws === null ? null : { scenario: sim.scenario, draws: sim.settings.draws, baselineVintage: sim.baselineVintage ?? undefined, oewsYear: f.oewsYear };
const chartFlow = (fl: Flow): ScenarioFlow => ({ from: fl.fromCode ?? fl.from, fromTitle: fl.from, to: fl.toCode ?? fl.to, toTitle: fl.to, workers: fl.workers });

function scenarioBlocks(f: ReportFacts): Block[] {
  if (!f.simulation.available) return [{ kind: 'note', text: `Not available: ${f.simulation.reason}. This section will show jobs substituted, augmented and created per year, with 90% bands, once the scenario engine is part of the build.` }];
  const sim = f.simulation.value;
  const draws = sim.settings.draws ? `${int(sim.settings.draws)} Monte Carlo draws` : 'Monte Carlo draws';
  const blocks: Block[] = [
    {
      kind: 'table',
      caption: `Scenario "${sim.scenario}": change in jobs against the BLS projection path, cumulative by year — median (5th to 95th percentile)`,
      columns: [{ label: 'Year' }, { label: 'Substituted', unit: 'jobs', align: 'right' }, { label: 'Augmented work: change', unit: 'jobs', align: 'right' }, { label: 'Created', unit: 'jobs', align: 'right' }, { label: 'Net', unit: 'jobs', align: 'right' }],
      rows: sim.years.map((y) => [String(y.year), bandCell(y.displaced), bandCell(y.augmented), bandCell(y.created), bandCell(y.net)]),
      source: `jobshift scenario engine, ${draws}${sim.settings.seed !== null ? ` (seed ${sim.settings.seed})` : ''}; ${sim.sources.slice(0, 3).join('; ')}`,
    },
  ];
  const cf = scenarioChartFacts(f, sim);
  if (cf && sim.years.length > 1) blocks.unshift({ kind: 'chart', id: 'scenario-fan', caption: `Jobs substituted, created and net by year in scenario "${sim.scenario}": median and 90% band.`, spec: scenarioFanChart(sim.years, cf) });
  const g = scenarioFlowGraph(sim);
  if (g.edges.length) {
    const title = `Flows in scenario "${sim.scenario}" by ${sim.years[sim.years.length - 1]!.year} (workers, median and 90% band)`;
    blocks.push({ kind: 'mermaid', id: 'scenario-flows', caption: title, source: mermaidSource(g), svg: flowSvg(g, { title, source: 'Source: jobshift scenario engine; substitution and augmentation from task exposure, creation and moves from the scenario parameters.' }) });
  }
  if (sim.parameters.length) {
    blocks.push({
      kind: 'table',
      caption: `Scenario "${sim.scenario}" parameters (central values; each is sampled over its range in the draws)`,
      columns: [{ label: 'Parameter' }, { label: 'Value', align: 'right' }, { label: 'Source' }],
      rows: sim.parameters.map((p) => [p.path, fixed(p.value, Math.abs(p.value) >= 100 ? 1 : 3), `${p.source}${p.unverified ? ' (unverified: secondary source or reasoning)' : ''}`]),
      source: 'Scenario definition; parameter values and ranges from /shared/METHODS.md as cited in each row',
    });
  }
  return blocks;
}

function redistributionBlocks(f: ReportFacts): Block[] {
  if (!f.simulation.available) return [{ kind: 'note', text: `Not available: ${f.simulation.reason}.` }];
  const sim = f.simulation.value;
  const blocks: Block[] = [];
  const totals = Object.entries(sim.redistribution);
  const names: Record<string, string> = { displaced: 'Workers substituted', moved: 'Moved to other occupations', notReemployed: 'Not re-employed', notAbsorbed: 'Not absorbed by destination openings', unemployed: 'Unemployed (not re-employed or not absorbed)' };
  if (totals.length) {
    blocks.push({ kind: 'table', caption: `Where substituted workers go, by ${sim.years[sim.years.length - 1]?.year ?? 'the last year'}`, columns: [{ label: 'Outcome' }, { label: 'Workers', unit: 'median (5th to 95th pct.)', align: 'right' }], rows: totals.map(([k, b]) => [names[k] ?? k, bandCell(b)]), source: 'jobshift scenario engine; re-employment rate from the BLS Displaced Worker Survey (Jan 2024)' });
  }
  const cf = scenarioChartFacts(f, sim);
  if (cf && sim.groupFlows.length) blocks.push({ kind: 'chart', id: 'scenario-group-flows', caption: 'Where substituted workers go, between major occupation groups (median).', spec: groupFlowsHeatmap(sim.groupFlows.map(chartFlow), cf) });
  if (cf && sim.flows.length) blocks.push({ kind: 'chart', id: 'scenario-top-flows', caption: 'The largest moves between occupations, median and 90% range.', spec: topFlowsChart(sim.flows.map(chartFlow), cf) });
  const groups = [...sim.groupFlows].filter((fl) => fl.from !== fl.to).sort((x, y) => y.workers.p50 - x.workers.p50).slice(0, 12);
  if (groups.length) {
    blocks.push({ kind: 'table', caption: 'Largest moves between major occupation groups', columns: [{ label: 'From' }, { label: 'To' }, { label: 'Workers', unit: 'median (5th to 95th pct.)', align: 'right' }], rows: groups.map((fl) => [fl.from, fl.to, bandCell(fl.workers)]), source: 'jobshift scenario engine: transition matrix over O*NET skills and knowledge, Related Occupations, wages and openings' });
  }
  const flows = [...sim.flows].sort((x, y) => y.workers.p50 - x.workers.p50).slice(0, 15);
  if (flows.length) {
    blocks.push({ kind: 'table', caption: 'Largest flows of workers between occupations', columns: [{ label: 'From' }, { label: 'To' }, { label: 'Workers', unit: 'median (5th to 95th pct.)', align: 'right' }], rows: flows.map((fl) => [fl.from, fl.to, bandCell(fl.workers)]), source: 'jobshift scenario engine' });
  }
  const occ = [...sim.occupations].sort((x, y) => x.net.p50 - y.net.p50);
  if (occ.length) {
    const pick = [...occ.slice(0, 8), ...occ.slice(-8).reverse()].filter((o, i, all) => all.findIndex((p) => p.code === o.code) === i);
    blocks.push({
      kind: 'table',
      caption: 'Occupations with the largest net losses and gains (medians)',
      columns: [{ label: 'Occupation' }, { label: 'Workers now', unit: 'jobs', align: 'right' }, { label: 'Substituted', unit: 'jobs', align: 'right' }, { label: 'Augmented: change', unit: 'jobs', align: 'right' }, { label: 'Created', unit: 'jobs', align: 'right' }, { label: 'Net', unit: 'jobs', align: 'right' }],
      rows: pick.map((o) => [o.title, int(o.employment), int(o.displaced.p50), int(o.augmented.p50), int(o.created.p50), int(o.net.p50)]),
      source: `jobshift scenario engine; workers now: BLS OEWS May ${f.oewsYear}`,
    });
  }
  if (!blocks.length) blocks.push({ kind: 'note', text: 'The scenario reports no flows between occupations.' });
  return blocks;
}

function productivityBlocks(f: ReportFacts): Block[] {
  const blocks: Block[] = [];
  if (f.productivity.available) {
    const p = f.productivity.value;
    const sorted = [...p.industries].filter((i) => i.labourProductivity !== null).sort((x, y) => y.labourProductivity! - x.labourProductivity!);
    const pick = [...sorted.slice(0, 8), ...sorted.slice(-4)];
    blocks.push({
      kind: 'table',
      caption: `Productivity growth by industry, ${p.fromYear}–${p.toYear} (fastest eight and slowest four of ${sorted.length})`,
      columns: [{ label: 'Industry' }, { label: 'Labour productivity', unit: '% a year', align: 'right' }, { label: 'TFP', unit: '% a year', align: 'right' }],
      rows: pick.map((i) => [i.industry, percent(i.labourProductivity!, 2), i.tfp === null ? '–' : percent(i.tfp, 2)]),
      source: `${p.source}. ${p.method}`,
    });
  } else blocks.push({ kind: 'note', text: `Historical productivity series not available: ${f.productivity.reason}.` });
  blocks.push({
    kind: 'table',
    caption: 'Published estimates of productivity effects of generative AI',
    columns: [{ label: 'Study' }, { label: 'Setting' }, { label: 'Effect' }, { label: 'Size', unit: '%', align: 'right' }],
    rows: PUBLISHED_PRODUCTIVITY.map((p) => [p.study, p.setting, p.effect, percent(p.value, p.value < 0.01 ? 2 : 1)]),
    source: 'As published in each study (see references); Acemoglu (2024) figures are TFP over ten years, the others effects on the tasks studied.',
  });
  if (f.simulation.available && (f.simulation.value.macroBands.length || f.simulation.value.macro.length)) {
    const sim = f.simulation.value;
    const names: Record<string, string> = { tfp: 'Total factor productivity, level by the last year', tfpAnnual: 'Total factor productivity, per year', gdp: 'GDP, level by the last year' };
    blocks.push({
      kind: 'table',
      caption: `Scenario "${sim.scenario}": productivity and output, difference from the baseline`,
      columns: [{ label: 'Quantity' }, { label: 'Median', unit: '%', align: 'right' }, { label: '5th to 95th percentile', unit: '%', align: 'right' }],
      rows: [
        ...sim.macroBands.map((m) => [names[m.name] ?? m.name, percent(m.band.p50, 3), `${percent(m.band.p5, 3)} to ${percent(m.band.p95, 3)}`]),
        ...sim.macro.filter((m) => /tfp$/i.test(m.name)).map((m) => [`Check: ${m.name} (Acemoglu 2024 inputs, same formula)`, percent(m.value, 3), '']),
      ],
      source: "jobshift scenario engine: Hulten's theorem as in Acemoglu (2024)",
    });
  }
  return blocks;
}

function comparisonBlocks(f: ReportFacts): Block[] {
  if (!f.comparison.available) return [{ kind: 'note', text: `Not available: ${f.comparison.reason}.` }];
  const c = f.comparison.value;
  const label = new Map(c.series.map((s) => [s.id, s.label]));
  const pairs = c.pairs.filter((p) => Number.isFinite(p.pearson));
  // A measure trained on another's labels (the built-in model) is no evidence of agreement: out
  // of the heat map, and apart and labelled in the table (analysis/compare.ts).
  const dependent = c.series.filter((s) => !s.independent);
  const independentSeries = c.series.filter((s) => s.independent);
  const mine = pairs.filter((p) => p.a === f.scorer || p.b === f.scorer);
  const noteOf = new Map(dependent.map((s) => [s.id, s.note ?? 'not independent']));
  const row = (p: (typeof pairs)[number]) => {
    const other = p.a === f.scorer ? p.b : p.a;
    const note = noteOf.get(other);
    return [`${label.get(other) ?? other}${note ? ` — ${note}` : ''}`, int(p.n), fixed(p.pearson), fixed(p.spearman), Number.isFinite(p.topDecileOverlap) ? fixed(p.topDecileOverlap) : '–'];
  };
  return [
    {
      kind: 'chart',
      id: 'measure-correlations',
      caption:
        'Correlation between every pair of exposure measures, across occupations (SOC 2018).' +
        (dependent.length ? ` Not shown: ${dependent.map((s) => `${s.label} (${s.note ?? 'not independent'})`).join('; ')}.` : ''),
      spec: correlationHeatmap(
        pairs.filter((p) => p.independent),
        independentSeries.map((s) => ({ id: s.id, label: s.label })),
      ),
    },
    ...(f.measurePair && f.measurePair.points.length >= 10
      ? [{ kind: 'chart', id: 'measure-scatter', caption: `${f.measurePair.a.label} against ${f.measurePair.b.label}, one dot per SOC 2018 occupation.`, spec: measureScatter(f.measurePair.points, f.measurePair.a, f.measurePair.b, { pearson: f.measurePair.pearson }) } satisfies Block]
      : []),
    {
      kind: 'table',
      caption: `Agreement of jobshift's ${f.scorer} scores with each measure${noteOf.has(f.scorer) ? ` (${label.get(f.scorer) ?? f.scorer}: ${noteOf.get(f.scorer)})` : ''}`,
      columns: [{ label: 'Measure' }, { label: 'Occupations compared', unit: 'SOC codes', align: 'right' }, { label: 'Pearson r', align: 'right' }, { label: 'Spearman ρ', align: 'right' }, { label: 'Top-decile overlap', unit: 'share', align: 'right' }],
      // Independent measures first; a pair with a measure trained on the other's labels last, labelled.
      rows: [...mine.filter((p) => p.independent).map(row), ...mine.filter((p) => !p.independent).map(row)],
      source: c.series.filter((s) => s.id !== f.scorer).map((s) => `${s.label}: ${s.source}`).join('; '),
    },
    { kind: 'list', items: c.method },
  ];
}

function backtestBlocks(f: ReportFacts): Block[] {
  if (!f.backtest.available) return [{ kind: 'note', text: `Not available: ${f.backtest.reason}.` }, { kind: 'list', items: BACKTEST_CAVEATS }];
  const b = f.backtest.value;
  const p = b.placebo.available ? b.placebo.window : null;
  const pFrom = b.placebo.available ? b.placebo.window.fromYear : b.placebo.fromYear;
  const pTo = b.placebo.available ? b.placebo.window.toYear : b.placebo.toYear;
  const na = 'n/a';
  const window = (from: number, to: number) => `May ${from} to May ${to}`;
  const ci = (lo: number, hi: number, show: (x: number) => string) => `${show(lo)} to ${show(hi)}`;
  const three = (x: number) => fixed(x, 3);
  return [
    {
      kind: 'table',
      caption: `Employment change ${window(b.fromYear, b.toYear)} by exposure quintile (${b.measure}), beside the placebo window ${window(pFrom, pTo)} before ChatGPT`,
      columns: [
        { label: 'Quintile' },
        { label: `Mean ${b.measure}`, unit: '%', align: 'right' },
        { label: `Workers ${b.fromYear}`, unit: 'jobs', align: 'right' },
        { label: `Workers ${b.toYear}`, unit: 'jobs', align: 'right' },
        { label: `Change ${b.fromYear}–${b.toYear}`, unit: '%', align: 'right' },
        { label: `Placebo change ${pFrom}–${pTo}`, unit: '%', align: 'right' },
      ],
      rows: b.quintiles.map((q) => {
        const pq = p?.quintiles.find((x) => x.quintile === q.quintile);
        return [`Q${q.quintile}${q.quintile === 1 ? ' (least exposed)' : q.quintile === 5 ? ' (most exposed)' : ''}`, percent(q.meanExposure), int(q.fromEmployment), int(q.toEmployment), change(q.change), pq ? change(pq.change) : na];
      }),
      source: `BLS OEWS ${[...new Set([pFrom, pTo, b.fromYear, b.toYear])].sort().map((y) => `May ${y}`).join(', ')}; ${labelsSource(f)}. Quintiles weighted by each window's base-year employment; mean exposure of the main window.`,
    },
    {
      kind: 'table',
      caption: 'Regression of log employment change on exposure: main window and placebo',
      columns: [{ label: 'Statistic' }, { label: 'Main window', align: 'right' }, { label: 'Placebo (before ChatGPT)', align: 'right' }],
      rows: [
        ['Window', window(b.fromYear, b.toYear), window(pFrom, pTo)],
        [`Employment change for ${b.measure} 10 points higher`, signedPercent(b.effectPer10pp), p ? signedPercent(p.effectPer10pp) : na],
        ['95% confidence interval', ci(b.effectPer10ppCi95[0], b.effectPer10ppCi95[1], signedPercent), p ? ci(p.effectPer10ppCi95[0], p.effectPer10ppCi95[1], signedPercent) : na],
        [`Coefficient on ${b.measure} (log points per unit)`, three(b.regression.coefficient), p ? three(p.regression.coefficient) : na],
        ['Standard error (HC1)', three(b.regression.se), p ? three(p.regression.se) : na],
        ['R²', three(b.regression.r2), p ? three(p.regression.r2) : na],
        ['Occupations', int(b.regression.n), p ? int(p.regression.n) : na],
        ['Fixed effects', b.regression.fixedEffects, p ? p.regression.fixedEffects : na],
      ],
      source:
        `Weighted least squares of log(employment at the end / at the start) on ${b.measure} (0 to 1), weights: base-year employment. ` +
        `The employment change for exposure 10 points higher is (exp(0.1 × coefficient) − 1) × 100. ` +
        `The main window starts in May ${PRE_CHATGPT_YEAR}, the last OEWS reference period before ChatGPT (released 30 November 2022); the placebo asks the same question of a window before ChatGPT. ` +
        `${b.interpretation}` +
        (b.placebo.available ? '' : ` Placebo not available: ${b.placebo.reason}.`),
    },
    { kind: 'list', items: b.caveats },
  ];
}

/** A change given in percent (the backtest's effect): 0.501 -> "+0.50%", −2.34 -> "−2.3%". */
const signedPercent = (x: number): string => change(x / 100, Math.abs(x) < 1 ? 2 : 1);

function methodsBlocks(f: ReportFacts, narratives: SectionNarrative[]): Block[] {
  const authors = [...new Set(narratives.map((n) => n.author))];
  const removed = narratives.reduce((s, n) => s + n.removed.length, 0);
  const blocks: Block[] = [
    { kind: 'paragraph', text: 'How each number was computed:' },
    { kind: 'list', items: f.analysis.method },
  ];
  if (f.simulation.available && f.simulation.value.method.length) blocks.push({ kind: 'paragraph', text: 'Scenario engine:' }, { kind: 'list', items: f.simulation.value.method });
  if (f.productivity.available) blocks.push({ kind: 'paragraph', text: `Productivity: ${f.productivity.value.method}` });
  blocks.push({
    kind: 'paragraph',
    text: authors.includes('template')
      ? 'Prose: written from templates filled with the computed facts (no language model).'
      : `Prose: written by ${authors.join(', ')} from each section's facts given to it as JSON. Every number in the prose was checked against those facts (allowing for rounding, percent vs share and thousands/millions); ${removed} sentence${removed === 1 ? '' : 's'} with numbers not in the facts ${removed === 1 ? 'was' : 'were'} removed and the passages flagged.`,
  });
  blocks.push({
    kind: 'table',
    caption: 'Data sources',
    columns: [{ label: 'Source' }, { label: 'Publisher' }, { label: 'Version' }, { label: 'License' }, { label: 'Files' }],
    rows: f.dataSources.map((d) => [d.name, d.publisher, d.version, d.license, d.files.join(', ')]),
    source: `Import records of the jobshift store (${f.data.store.split(/[\\/]/).slice(-1)[0]}, schema v${f.data.schema_version}).`,
  });
  blocks.push({ kind: 'paragraph', text: onetCredit(provenanceOf(f.data.sources)) });
  blocks.push({ kind: 'paragraph', text: 'References:' }, { kind: 'list', items: CITATIONS.map((c) => `${c.text} Used for: ${c.usedFor}.`) });
  return blocks;
}

function limitationsBlocks(f: ReportFacts): Block[] {
  const a = f.analysis;
  const items = [
    'Exposure is potential, not adoption: a task an LLM could speed up is not a task employers have changed. Exposure measures the reach of the technology, not its effect on jobs.',
    `Coverage: ${percent(a.coverage.employmentCovered / a.coverage.employmentTotal)} of OEWS jobs are in occupations with task ratings; the rest are left out of every share in this report.`,
    `Model estimates: ${percent(a.coverage.modelEstimateShare)} of the jobs covered are in occupations whose rating is a model estimate (${MODEL_ESTIMATE_METHOD}); their exposure is the built-in model's, not ${a.scorer === 'local' ? 'a published rating' : `published ${a.scorer} labels`}.`,
    'Task weights treat all core tasks as equally important (or use O*NET importance and relevance where available); time spent on each task is not observed.',
    'Occupations that OEWS publishes only as broad groups take the mean exposure of the O*NET occupations in the group; several O*NET occupations sharing one SOC code split its employment equally.',
    `Demographic and age breakdowns apply CPS ${[a.cpsYears.sexRace, a.cpsYears.age].filter((y) => y !== null).join(' and ') || ''} shares by occupation to OEWS employment; they describe who holds exposed jobs, not who will be affected.`,
    'Published measures differ in what they measure (AI in general, language models, image generation, computerisation, observed use); low correlations are partly differences of definition.',
    ...(f.simulation.available ? ['Scenario results depend on assumed adoption, substitution, demand and reallocation parameters; the bands reflect the ranges sampled, not all uncertainty about the future.'] : ['No scenario projections are included in this report (the scenario engine is not part of this build).']),
    'The backtest window is short and its design descriptive; see the caveats in the backtest section.',
  ];
  return [{ kind: 'list', items }];
}

