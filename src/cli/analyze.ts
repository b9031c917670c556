import type { Command } from 'commander';
import { analyzeWorkforce, type WorkforceAnalysis } from '../analysis/analyze.js';
import { backtest, backtestJson, type BacktestResult, type BacktestWindow, backtestWindow } from '../analysis/backtest.js';
import { compareMeasures, type ComparisonResult } from '../analysis/compare.js';
import { occupationExposure } from '../analysis/exposure.js';
import { availableOewsYears, loadOccupationFrame } from '../analysis/frame.js';
import { unitExposure } from '../analysis/workforce.js';
import { withStore } from '../data/store.js';
import { loadTaskScores, type ScorerName } from '../scoring/taskScores.js';
import { formatDelimited } from '../util/csv.js';
import { InputError } from '../util/errors.js';
import { gapFiller } from './models.js';
import { print, printJson, runCommand, wholeNumber } from './output.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const int = (x: number) => Math.round(x).toLocaleString('en-US');

export function registerAnalyzeCommands(program: Command): void {
  program
    .command('analyze')
    .description('occupation and workforce exposure: who is exposed, substitution vs augmentation, with intervals')
    .option('--scorer <name>', 'human | gpt4 | local | llm', 'human')
    .option('--measure <m>', 'alpha | beta | gamma', 'beta')
    .option('--oews <year>', 'OEWS year for employment weights (default: latest imported)')
    .option('--by <groups...>', 'breakdowns: major, wage, zone, education, demographic, age (default: all)')
    .option('--method <m>', 'how O*NET occupations meet employment: jobshift (each worker once) or eloundou2024 (the GPTs-are-GPTs paper\'s aggregation)', 'jobshift')
    .option('--level <level>', 'national (default) or occupation', 'national')
    .option('--weights <w>', 'task weights: type (core 2, supplemental 1) or ratings (O*NET importance x relevance)', 'type')
    .option('--resamples <n>', 'bootstrap resamples for intervals', '1000')
    .option('--seed <n>', 'random seed', '1')
    .option('--json', 'print as JSON')
    .option('--csv', 'print as CSV')
    .action((opts) =>
      runCommand(async () => {
        if (opts.level !== 'national' && opts.level !== 'occupation') throw new InputError(`unknown level "${opts.level}" (national or occupation)`, { field: 'level' });
        if (opts.weights !== 'type' && opts.weights !== 'ratings') throw new InputError(`unknown weights "${opts.weights}" (type or ratings)`, { field: 'weights' });
        const oews = opts.oews === undefined ? undefined : parseYear(opts.oews);
        const result = await withStore(async (store) =>
          analyzeWorkforce(store, {
            scorer: opts.scorer,
            measure: opts.measure,
            oews,
            by: opts.by,
            weighting: opts.weights,
            resamples: wholeNumber(opts.resamples, 'resamples'),
            seed: wholeNumber(opts.seed, 'seed'),
            method: opts.method,
            filler: await gapFiller(store),
          }),
        );
        if (opts.level === 'occupation') return printOccupations(result, opts);
        if (opts.json) return printJson(nationalJson(result));
        if (opts.csv) return print(nationalCsv(result));
        print(formatNational(result));
      }),
    );

  program
    .command('compare')
    .description("jobshift's scores beside every published exposure measure: correlations and top-decile overlap")
    .option('--json', 'print as JSON')
    .option('--csv', 'print as CSV')
    .action((opts: { json?: boolean; csv?: boolean }) =>
      runCommand(async () => {
        const result = await withStore(async (store) => {
          const filler = await gapFiller(store);
          const scorers: Parameters<typeof compareMeasures>[1] = [];
          const labels: Partial<Record<ScorerName, string>> = { human: 'jobshift human beta', gpt4: 'jobshift GPT-4 beta', local: 'jobshift local-model beta', llm: 'jobshift LLM beta' };
          for (const s of ['human', 'gpt4', 'local', 'llm'] as ScorerName[]) {
            try {
              const set = await loadTaskScores(store, s, { filler });
              scorers.push({ id: s, label: labels[s]!, source: set.method, occupations: occupationExposure(set.tasks, { publishedOccupations: set.publishedOccupations }) });
            } catch {
              // scorer not available here
            }
          }
          return compareMeasures(store, scorers);
        });
        if (opts.json) return printJson(result);
        if (opts.csv) return print(formatDelimited(['a', 'b', 'n', 'pearson', 'spearman', 'top_decile_overlap', 'independent'], result.pairs.map((p) => [p.a, p.b, p.n, p.pearson, p.spearman, p.topDecileOverlap, p.independent])));
        print(formatComparison(result));
      }),
    );

  program
    .command('backtest')
    .description('employment change since the last OEWS year before ChatGPT (May 2022), by exposure, beside a pre-ChatGPT placebo (May 2021 to May 2022)')
    .option('--scorer <name>', 'human | gpt4 | local | llm', 'human')
    .option('--measure <m>', 'alpha | beta | gamma', 'beta')
    .option('--from <year>', 'start year (default: 2022, the last OEWS reference period before ChatGPT)')
    .option('--to <year>', 'end year (default: the latest OEWS year imported)')
    .option('--placebo', 'require the placebo window (an error if May 2021 or May 2022 is not imported)')
    .option('--no-placebo', 'skip the placebo window')
    .option('--json', 'print as JSON')
    .action((opts: { scorer: string; measure: string; from?: string; to?: string; placebo?: boolean; json?: boolean }) =>
      runCommand(async () => {
        const from = opts.from === undefined ? undefined : parseYear(opts.from, 'from');
        const to = opts.to === undefined ? undefined : parseYear(opts.to, 'to');
        const result = await withStore(async (store) => {
          // The window first: a bad year is reported before the analysis runs.
          backtestWindow(await availableOewsYears(store), { from, to });
          const a = await analyzeWorkforce(store, { scorer: opts.scorer, measure: opts.measure, resamples: 1, compareScorers: false, by: ['major'], filler: await gapFiller(store) });
          return backtest(store, a.units, a.measure, { from, to, placebo: opts.placebo });
        });
        if (opts.json) return printJson(backtestJson(result));
        print(formatBacktest(result));
      }),
    );
}

function parseYear(s: string, field = 'oews'): number {
  const y = Number(s);
  if (!s.trim() || !Number.isInteger(y)) throw new InputError(`not a year: "${s}"`, { field });
  return y;
}

/** The JSON contract: everything but the per-unit rows (available with --level occupation). */
export function nationalJson(r: WorkforceAnalysis) {
  const { units: _units, occupations, ...rest } = r;
  return { ...rest, occupations: occupations.length };
}

function nationalCsv(r: WorkforceAnalysis): string {
  const rows: unknown[][] = [];
  for (const [m, h] of Object.entries(r.headline)) {
    rows.push(['headline', m, 'mean', '', h.mean]);
    rows.push(['headline', m, 'share >= 10%', '', h.atLeast10]);
    rows.push(['headline', m, 'share >= 50%', '', h.atLeast50]);
  }
  rows.push(['method', r.measure, r.aggregation.method, r.aggregation.note, '']);
  for (const [by, list] of Object.entries(r.breakdowns)) {
    for (const g of list ?? []) rows.push([by, r.measure, g.label, g.employment, g.mean]);
  }
  for (const c of r.classes) rows.push(['class', r.measure, c.label, c.employment, c.share]);
  return formatDelimited(['section', 'measure', 'group', 'employment', 'value'], rows);
}

/**
 * One row per O*NET occupation. employment: the equal split of the OEWS figure used in sums;
 * employment_soc: the OEWS figure itself; employment_split: whether it is shared; rated_by:
 * published, published-occupation, model or llm, for the scorer asked for (see the README).
 */
function printOccupations(r: WorkforceAnalysis, opts: { json?: boolean }): void {
  const header = ['O*NET-SOC Code', 'Title', 'alpha', 'beta', 'gamma', 'automation', 'augmentation', 'employment', 'employment_soc', 'employment_split', 'beta_lo', 'beta_hi', 'class', 'tasks', 'filled_share', 'rated_by'];
  const rows = r.occupations.map((o) => [
    o.onetCode, o.title, o.alpha, o.beta, o.gamma, o.automation, o.augmentation, o.employment === null ? null : Math.round(o.employment),
    o.employmentSoc, o.employmentSoc === null ? null : o.employmentSplit, o.interval?.lo ?? null, o.interval?.hi ?? null, o.class, o.tasks, o.filledShare, o.ratedBy,
  ]);
  if (opts.json) return printJson({ scorer: r.scorer, oewsYear: r.oewsYear, aggregation: r.aggregation, method: r.method, occupations: r.occupations });
  print(formatDelimited(header, rows));
}

export function formatNational(r: WorkforceAnalysis): string {
  const h = r.headline[r.measure];
  const lines: string[] = [];
  const range = (k: 'mean' | 'atLeast10' | 'atLeast50') =>
    r.scorerRange ? `  scorers ${pct(r.scorerRange[k][0])}–${pct(r.scorerRange[k][1])} (${r.scorerRange.scorers.join(', ')})` : '';
  lines.push(`LLM exposure of the US workforce — scorer: ${r.scorer}, measure: ${r.measure}, OEWS May ${r.oewsYear}`);
  lines.push(`Covered: ${int(r.coverage.employmentCovered)} of ${int(r.coverage.employmentTotal)} jobs (${pct(r.coverage.employmentCovered / r.coverage.employmentTotal)}); ${r.coverage.occupations} occupations scored${r.coverage.filled ? ` (${r.coverage.filled} by the local model)` : ''}${r.coverage.missing.length ? `; ${r.coverage.missing.length} O*NET occupations without scores` : ''}.`);
  if (r.coverage.modelEstimateEmployment > 0) lines.push(`Model estimates: ${pct(r.coverage.modelEstimateShare)} of covered jobs (${int(r.coverage.modelEstimateEmployment)}) are in occupations rated at least partly by the built-in model rather than published labels.`);
  lines.push('');
  lines.push(`Workers in occupations with >= 10% of tasks exposed: ${pct(h.atLeast10)} (90% CI ${pct(r.intervals.atLeast10.lo)}–${pct(r.intervals.atLeast10.hi)})${range('atLeast10')}`);
  lines.push(`Workers in occupations with >= 50% of tasks exposed: ${pct(h.atLeast50)} (90% CI ${pct(r.intervals.atLeast50.lo)}–${pct(r.intervals.atLeast50.hi)})${range('atLeast50')}`);
  lines.push(`Average exposure (${r.measure}), employment-weighted: ${pct(h.mean)} (90% CI ${pct(r.intervals.mean.lo)}–${pct(r.intervals.mean.hi)})${range('mean')}`);
  lines.push(`Method: ${r.aggregation.note} The other method ("${r.aggregation.other.method}") gives ${pct(r.aggregation.other.headline.atLeast50)} at >= 50% and ${pct(r.aggregation.other.headline.atLeast10)} at >= 10%.`);
  lines.push(`Wage bill in exposed work: $${(r.wageBill.exposed / 1e12).toFixed(2)} trillion of $${(r.wageBill.total / 1e12).toFixed(2)} trillion (${pct(r.wageBill.share)})`);
  lines.push(`Task weight automatable (T3-T4): ${pct(r.automation.automation)}; exposed but augmented (T0-T2): ${pct(r.automation.augmentation)}`);
  lines.push('', 'Substitution vs augmentation:');
  for (const c of r.classes) lines.push(`  ${c.label.padEnd(72)} ${int(c.employment).padStart(12)} workers  ${pct(c.share).padStart(6)}`);
  for (const [by, list] of Object.entries(r.breakdowns)) {
    lines.push('', `By ${by}:`);
    for (const g of list ?? []) lines.push(`  ${g.label.slice(0, 60).padEnd(60)} ${int(g.employment).padStart(12)}  ${r.measure} ${pct(g.mean).padStart(6)}  >=50% ${pct(g.atLeast50).padStart(6)}`);
  }
  lines.push('', 'Method:');
  for (const m of r.method) lines.push(`  - ${m}`);
  return lines.join('\n');
}

function formatComparison(r: ComparisonResult): string {
  const lines = ['Measures (on SOC 2018 codes):'];
  for (const s of r.series) lines.push(`  ${s.id.padEnd(30)} n=${String(s.n).padStart(4)}  ${s.note ? `[${s.note}] ` : ''}${s.source.slice(0, 90)}`);
  const header = `${'a'.padEnd(28)} ${'b'.padEnd(30)} ${'n'.padStart(5)} ${'pearson'.padStart(8)} ${'spearman'.padStart(9)} ${'top10%'.padStart(7)}`;
  const row = (p: ComparisonResult['pairs'][number]) =>
    `${p.a.padEnd(28)} ${p.b.padEnd(30)} ${String(p.n).padStart(5)} ${p.pearson.toFixed(3).padStart(8)} ${p.spearman.toFixed(3).padStart(9)} ${Number.isNaN(p.topDecileOverlap) ? '    n/a' : p.topDecileOverlap.toFixed(2).padStart(7)}`;
  lines.push('', header, ...r.pairs.filter((p) => p.independent).map(row));
  // Pairs with a measure trained on another's labels are not evidence of agreement: apart, and said so.
  const dependent = r.pairs.filter((p) => !p.independent);
  if (dependent.length) {
    const notes = r.series.filter((s) => !s.independent).map((s) => `${s.id}: ${s.note ?? 'not independent'}`);
    lines.push('', `Not independent (${notes.join('; ')}):`, header, ...dependent.map(row));
  }
  lines.push('', 'Method:', ...r.method.map((m) => `  - ${m}`));
  return lines.join('\n');
}

function formatBacktest(r: BacktestResult): string {
  const p = r.placebo.available ? r.placebo.window : null;
  const col = (a: string, b: string, c: string) => `  ${a.padEnd(40)} ${b.padStart(24)}   ${c.padStart(24)}`;
  const signed = (x: number, digits = 2) => `${x >= 0 ? '+' : '-'}${Math.abs(x).toFixed(digits)}`;
  const effect = (w: BacktestWindow) => `${signed(w.effectPer10pp)}%`;
  const effectCi = (w: BacktestWindow) => `${signed(w.effectPer10ppCi95[0])}% to ${signed(w.effectPer10ppCi95[1])}%`;
  const na = r.placebo.available ? '' : 'n/a';
  const lines = [
    `Backtest: employment change by exposure (${r.measure}), occupations compared within ${r.regression.fixedEffects}`,
    '',
    col('', 'Main window', 'Placebo (before ChatGPT)'),
    col('Window', `May ${r.fromYear} to May ${r.toYear}`, `May ${r.placebo.available ? r.placebo.window.fromYear : r.placebo.fromYear} to May ${r.placebo.available ? r.placebo.window.toYear : r.placebo.toYear}`),
    col('Occupations', String(r.regression.n), p ? String(p.regression.n) : na),
    col('Employment, exposure 10 points higher', effect(r), p ? effect(p) : na),
    col('  95% CI', effectCi(r), p ? effectCi(p) : na),
    col(`Coefficient (log points per unit of ${r.measure})`, r.regression.coefficient.toFixed(3), p ? p.regression.coefficient.toFixed(3) : na),
    col('  SE (HC1)', r.regression.se.toFixed(3), p ? p.regression.se.toFixed(3) : na),
    col('R²', r.regression.r2.toFixed(3), p ? p.regression.r2.toFixed(3) : na),
    '',
    `Employment change by exposure quintile (weighted by base-year employment; mean ${r.measure} of the main window):`,
  ];
  for (const q of r.quintiles) {
    const pq = p?.quintiles.find((x) => x.quintile === q.quintile);
    const label = `Q${q.quintile}${q.quintile === 1 ? ' least exposed' : q.quintile === 5 ? ' most exposed' : ''}, ${r.measure} ${pct(q.meanExposure)}`;
    lines.push(col(label, `${int(q.fromEmployment)} -> ${int(q.toEmployment)}  ${(q.change >= 0 ? '+' : '') + pct(q.change)}`, pq ? (pq.change >= 0 ? '+' : '') + pct(pq.change) : na));
  }
  lines.push('', r.interpretation);
  if (p) lines.push(`Placebo: ${p.interpretation}`);
  lines.push(r.reading);
  lines.push('', 'What this can and cannot show:', ...r.caveats.map((c) => `  - ${c}`));
  return lines.join('\n');
}
