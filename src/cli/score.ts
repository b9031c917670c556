/**
 * `jobshift score`, `jobshift eval` and `jobshift model train|info`: thin shells over scoring/.
 */
import type { Command } from 'commander';
import { Store, withStore } from '../data/store.js';
import type { Agreement } from '../scoring/agreement.js';
import { agreement } from '../scoring/agreement.js';
import { ensureLocalModel } from '../scoring/local/index.js';
import { modelDir, readLocalModelMeta } from '../scoring/local/persist.js';
import { type Calibration, crossValidate, loadTrainingData } from '../scoring/local/train.js';
import {
  formatFromName,
  readInputFile,
  readInputTable,
  type RowScore,
  taskRows,
  writeScoredTable,
} from '../scoring/scoreFile.js';
import { EXPOSURE_LABELS, isFailure, isUnreadable, type RatingResult, type Scorer, type ScorerUsage } from '../scoring/scorer.js';
import { AUTOMATION_RUBRIC, DEFAULT_RUBRIC_ID, type ExposureRubric, getRubric, RUBRIC_IDS, rubricSummary, rubricTag, runIdFor } from '../scoring/rubric.js';
import { createScorer } from '../scoring/scorers.js';
import { parseScorer, type ScorerName } from '../scoring/taskScores.js';
import { InputError } from '../util/errors.js';
import { writeFileAtomic } from '../util/files.js';
import { terminalProgress } from '../util/progress.js';
import { joinNotes, localModel, trainingNotice, withTitleOccupations } from './models.js';
import { loadStoreTitleIndex } from '../career/storeCorpus.js';
import { print, printJson, runCommand, wholeNumber } from './output.js';

export function registerScoreCommands(program: Command): void {
  program
    .command('score')
    .description('rate task statements for LLM exposure (E0/E1/E2) and automation (T0-T4)')
    .option('--in <file>', 'CSV, TSV or JSONL with a Task column (optional Title, Task ID); - for stdin')
    .option('--out <file>', 'where to write the scored table (- for stdout); input columns pass through, scores appended')
    .option('--format <format>', 'csv, tsv or jsonl (needed for - ; otherwise taken from the extension)')
    .option('--scorer <name>', 'local (built-in model), human, gpt4 (published labels, gaps filled by the local model), llm, llama', 'local')
    .option('--concurrency <n>', 'requests in flight for llm/llama', '8')
    .option('--rubric <id>', `exposure rubric for llm/llama: ${RUBRIC_IDS.join(', ')} (default ${DEFAULT_RUBRIC_ID}, the published GPTs-are-GPTs text)`)
    .option('--onet', 'score every O*NET task statement into the store (for `analyze --scorer llm|llama`); resumable')
    .option('--json', 'print the run summary as JSON')
    .action((opts: { in?: string; out?: string; format?: string; scorer: string; concurrency: string; rubric?: string; onet?: boolean; json?: boolean }) =>
      runCommand(async () => {
        const scorerName = parseScorer(opts.scorer);
        const concurrency = wholeNumber(opts.concurrency, 'concurrency', 1, 256);
        const rubric = modelRubric(scorerName, opts.rubric);
        if (opts.onet) return scoreOnet(scorerName, concurrency, Boolean(opts.json), rubric);
        if (!opts.in) throw new InputError('give --in FILE (or --onet to score the O*NET tasks)', { field: 'in' });
        if (!opts.out) throw new InputError('give --out FILE (- for stdout)', { field: 'out' });
        if ((opts.in === '-' || opts.out === '-') && !opts.format) throw new InputError('reading or writing - needs --format csv|tsv|jsonl', { field: 'format' });
        const inFormat = formatFromName(opts.in, opts.in === '-' ? opts.format : undefined);
        const outFormat = formatFromName(opts.out, opts.format);
        const table = readInputTable(opts.in === '-' ? 'stdin' : opts.in, readInputFile(opts.in), inFormat);
        const { tasks, problems } = taskRows(table);
        for (const p of problems) process.stderr.write(`jobshift: ${table.file}, row ${p.row}, field ${p.field}: ${p.message}\n`);

        const results: (RowScore | { error: string } | undefined)[] = new Array(table.rows.length).fill(undefined);
        for (const p of problems) results[p.index] = { error: `${p.field}: ${p.message}` };
        let usage: ScorerUsage | undefined;
        let describe = '';
        let failed = 0;
        let unreadable = 0;
        if (tasks.length > 0) {
          await withStore(async (store) => {
            const local = scorerName === 'llm' || scorerName === 'llama' ? undefined : await localModel(store);
            const scorer = await createScorer(store, scorerName, { concurrency, local, rubric: rubric?.id });
            try {
              describe = scorer.describe();
              const progress = terminalProgress(`scoring (${scorerName})`);
              // A one-off index, left to the garbage collector once the titles are resolved.
              const resolved = await withTitleOccupations(() => loadStoreTitleIndex(store), tasks, local);
              const ratings = await scorer.rate(
                resolved.tasks.map((t) => ({ text: t.text, title: t.title, taskId: t.taskId, onetCode: t.onetCode })),
                { progress: (done, total) => progress.update(done, total) },
              );
              progress.done();
              usage = scorer.usage?.();
              ratings.forEach((r, i) => {
                const task = tasks[i]!;
                if (isUnreadable(r)) {
                  // An answer, not a fault: no label, and the note says why.
                  unreadable++;
                  results[task.index] = { exposure: null, p: null, automation: null, scorer: scorerName, note: r.error };
                } else if (!r || isFailure(r)) {
                  failed++;
                  const reason = r ? r.error : 'no answer';
                  process.stderr.write(`jobshift: ${table.file}, row ${task.row}, field Task: not scored: ${reason}\n`);
                  results[task.index] = { error: `not scored: ${reason}` };
                } else {
                  results[task.index] = { exposure: r.exposure, p: r.p, automation: r.automation, scorer: scorerName, note: joinNotes(r.note, resolved.notes[i]) };
                }
              });
            } finally {
              await scorer.close?.();
            }
          });
        }
        const scored = tasks.length - failed - unreadable;
        writeOutput(opts.out, writeScoredTable(table, results, outFormat));
        const counts = Object.fromEntries(EXPOSURE_LABELS.map((e) => [e, results.filter((r) => r && !('error' in r) && r.exposure === e).length]));
        const summary = { rows: table.rows.length, scored, invalid: problems.length, failed, notTaskStatements: unreadable, counts, scorer: scorerName, model: describe, ...(rubric ? { rubric: rubricSummary(rubric) } : {}), usage, out: opts.out };
        if (opts.json && opts.out !== '-') printJson(summary);
        else {
          const issues = [problems.length + failed ? `${problems.length} invalid, ${failed} failed` : '', unreadable ? `${unreadable} not task statements, left unlabelled` : ''].filter(Boolean).join('; ');
          process.stderr.write(`jobshift: scored ${scored} of ${table.rows.length} rows with ${describe || scorerName}${issues ? ` (${issues})` : ''}${usage ? `; ${formatUsage(usage)}` : ''}\n`);
        }
        // A row the scorer answered it cannot read has its answer: only a run with no answers is an error.
        if (scored + unreadable === 0) throw new InputError('nothing could be scored', { file: table.file });
      }),
    );

  program
    .command('eval')
    .description("agreement with the human labels (accuracy, Cohen's kappa, macro-F1, confusion), folds split by occupation")
    .option('--scorer <name>', 'local, gpt4, llm or llama', 'local')
    .option('--folds <n>', 'cross-validation folds (local)', '5')
    .option('--seed <n>', 'seed of the folds and the training', '1')
    .option('--sample <n>', 'labelled tasks to send to an llm/llama scorer (random, seeded)', '200')
    .option('--rubric <id>', `exposure rubric for llm/llama: ${RUBRIC_IDS.join(', ')} (default ${DEFAULT_RUBRIC_ID})`)
    .option('--json', 'machine-readable output')
    .action((opts: { scorer: string; folds: string; seed: string; sample: string; rubric?: string; json?: boolean }) =>
      runCommand(async () => {
        const scorer = parseScorer(opts.scorer);
        const rubric = modelRubric(scorer, opts.rubric);
        if (scorer === 'human') throw new InputError('the human labels are the reference: choose local, gpt4, llm or llama', { field: 'scorer' });
        const folds = wholeNumber(opts.folds, 'folds', 2, 20);
        const seed = wholeNumber(opts.seed, 'seed', 0, 2 ** 31);
        const result = await withStore((store) =>
          scorer === 'local' ? evalLocal(store, folds, seed) : scorer === 'gpt4' ? evalGpt4(store) : evalModel(store, scorer, wholeNumber(opts.sample, 'sample', 1, 20000), seed, rubric!),
        );
        if (opts.json) printJson(result);
        else print(formatEval(result));
      }),
    );

  const model = program.command('model').description('the built-in local model');
  model
    .command('train')
    .description('train the local model on the human labels in the store (it also trains itself on first use)')
    .option('--seed <n>', 'seed (training is deterministic for a seed)', '1')
    .option('--evaluate', 'also cross-validate (5 folds grouped by occupation) and save the figures with the model')
    .option('--json', 'machine-readable output')
    .action((opts: { seed: string; evaluate?: boolean; json?: boolean }) =>
      runCommand(async () => {
        const seed = wholeNumber(opts.seed, 'seed', 0, 2 ** 31);
        const out = await withStore(async (store) => {
          const started = performance.now();
          const { model: m, path } = await ensureLocalModel(store, { retrain: true, training: { seed } });
          return { path, ...m.meta, seconds: (performance.now() - started) / 1000 };
        });
        let evaluation: EvalResult | undefined;
        if (opts.evaluate) evaluation = await withStore((store) => evalLocal(store, 5, seed));
        if (opts.json) printJson({ ...out, evaluation });
        else {
          print(`trained the local model on ${out.rows} human-labelled tasks from ${out.occupations} occupations in ${out.seconds.toFixed(1)} s (seed ${seed})`);
          print(`saved in ${out.path}`);
          if (evaluation) print(formatEval(evaluation));
        }
      }),
    );
  model
    .command('info')
    .description('what model is saved, when and on what it was trained')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) =>
      runCommand(async () => {
        const meta = readLocalModelMeta();
        if (opts.json) return printJson(meta ?? null);
        if (!meta) return print(`no local model saved in ${modelDir()} yet: it is trained on first use, or with \`jobshift model train\``);
        print(`local model v${meta.version}, seed ${meta.training.seed}, trained ${meta.trainedAt} on ${meta.rows} tasks from ${meta.occupations} occupations in ${meta.seconds.toFixed(1)} s (${modelDir()})`);
      }),
    );
}

/** The scored table to stdout, or written whole to a file. */
function writeOutput(path: string, content: string): void {
  if (path === '-') {
    process.stdout.write(content);
    return;
  }
  try {
    writeFileAtomic(path, content);
  } catch (err) {
    throw new InputError(`cannot write the output (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { file: path });
  }
}

function formatUsage(u: ScorerUsage): string {
  const cost = u.costUsd !== undefined ? `, about $${u.costUsd.toFixed(4)}` : '';
  return `${u.requests} requests (${u.cached} from cache, ${u.failed} failed), ${u.promptTokens} prompt + ${u.completionTokens} completion tokens${cost}`;
}

/** The exposure rubric for the llm and llama scorers (default eloundou2023); --rubric with another scorer is an error. */
function modelRubric(scorer: ScorerName, id: string | undefined): ExposureRubric | undefined {
  if (scorer !== 'llm' && scorer !== 'llama') {
    if (id !== undefined) throw new InputError(`--rubric applies to --scorer llm and llama only (the ${scorer} scorer asks no model)`, { field: 'rubric' });
    return undefined;
  }
  return getRubric(id);
}

/** Score every O*NET task statement into task_scores, skipping those already scored with the same rubric. */
async function scoreOnet(name: ScorerName, concurrency: number, json: boolean, rubric: ExposureRubric | undefined): Promise<void> {
  if (name === 'human' || name === 'gpt4') throw new InputError('the published labels are already in the store: --onet is for local, llm and llama', { field: 'scorer' });
  const store = await Store.open();
  let scorer: Scorer | undefined;
  try {
    // A score asked with another rubric (run_id names it) is asked again and replaced.
    const todo = await store.all<{ task_id: number; onet_code: string; text: string; title: string }>(
      `SELECT t.task_id, t.onet_code, t.text, o.title FROM tasks t JOIN occupations o USING (onet_code)
       WHERE NOT EXISTS (SELECT 1 FROM task_scores s WHERE s.scorer = ? AND s.task_id = t.task_id AND s.onet_code = t.onet_code AND contains(coalesce(s.run_id, ''), ?))
       ORDER BY t.onet_code, t.task_id`,
      [name, rubric ? `;${rubricTag(rubric)}` : ''],
    );
    scorer = await createScorer(store, name, { concurrency, onTrain: trainingNotice, rubric: rubric?.id });
    const progress = terminalProgress(`scoring O*NET tasks (${name})`);
    const runId = runIdFor(new Date().toISOString(), rubric, rubric ? AUTOMATION_RUBRIC : undefined);
    const batch = 256;
    let done = 0;
    let failed = 0;
    for (let i = 0; i < todo.length; i += batch) {
      const part = todo.slice(i, i + batch);
      const ratings: RatingResult[] = await scorer.rate(part.map((t) => ({ text: t.text, title: t.title, taskId: Number(t.task_id), onetCode: t.onet_code })));
      const rows = part.flatMap((t, j) => {
        const r = ratings[j];
        if (!r || isFailure(r)) {
          failed++;
          return [];
        }
        return [[name, Number(t.task_id), t.onet_code, r.exposure, r.p[0], r.p[1], r.p[2], r.automation, runId]];
      });
      // Each batch lands in one transaction: a killed run keeps every finished batch.
      if (rows.length) {
        await store.transaction(async () => {
          for (const r of rows) await store.run(`INSERT OR REPLACE INTO task_scores VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, r as (string | number | null)[]);
        });
      }
      done += part.length;
      progress.update(done, todo.length);
    }
    progress.done();
    const total = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM task_scores WHERE scorer = ?`, [name]);
    const summary = { scorer: name, model: scorer.describe(), ...(rubric ? { rubric: rubricSummary(rubric) } : {}), newlyScored: done - failed, failed, totalScored: total?.n ?? 0, usage: scorer.usage?.() };
    if (json) printJson(summary);
    else print(`scored ${summary.newlyScored} O*NET tasks with ${summary.model} (${failed} failed); ${summary.totalScored} in the store for ${name}`);
  } finally {
    await scorer?.close?.();
    store.close();
  }
}

interface EvalResult {
  scorer: string;
  reference: string;
  method: string;
  rows: number;
  views: { name: string; exposure: Agreement; calibration?: Calibration; automation?: Agreement }[];
  gpt4: Agreement;
  targets?: Record<string, { accuracy: number; kappa: number; met: boolean }>;
  seconds: number;
}

async function gpt4Labels(store: Store): Promise<Map<number, string>> {
  const rows = await store.all<{ task_id: number; exposure: string }>(`SELECT task_id, exposure FROM task_labels WHERE source = 'gpt4' AND exposure IS NOT NULL`);
  return new Map(rows.map((r) => [Number(r.task_id), r.exposure]));
}

async function evalLocal(store: Store, folds: number, seed: number): Promise<EvalResult> {
  const data = await loadTrainingData(store);
  if (data.rows.length === 0) throw new InputError('no human labels in the store to evaluate against: import full_labelset.tsv');
  const progress = terminalProgress('cross-validating');
  const cv = crossValidate(data, { folds, training: { seed }, gpt4: await gpt4Labels(store), progress: (f, n) => progress.update(f, n) });
  progress.done();
  const target = (a: Agreement, acc: number, kappa: number) => ({ accuracy: acc, kappa, met: a.accuracy >= acc && a.kappa >= kappa });
  return {
    scorer: 'local',
    reference: 'human labels (GPTs-are-GPTs)',
    method: cv.method,
    rows: cv.rows,
    views: [
      { name: `O*NET tasks, held-out occupations (${cv.knownRows} with work activities)`, ...cv.known },
      { name: 'text and title alone, held-out occupations', ...cv.text },
    ],
    gpt4: cv.gpt4,
    targets: { known: target(cv.known.exposure, 0.82, 0.7), text: target(cv.text.exposure, 0.76, 0.58) },
    seconds: cv.seconds,
  };
}

async function evalGpt4(store: Store): Promise<EvalResult> {
  const started = performance.now();
  const rows = await store.all<{ h: string; g: string }>(
    `SELECT h.exposure AS h, g.exposure AS g FROM task_labels h JOIN task_labels g ON g.source = 'gpt4' AND g.task_id = h.task_id AND g.onet_code = h.onet_code
     WHERE h.source = 'human' AND h.exposure IS NOT NULL AND g.exposure IS NOT NULL`,
  );
  if (rows.length === 0) throw new InputError('no human and GPT-4 labels in the store: import full_labelset.tsv');
  const a = agreement(rows.map((r) => r.h), rows.map((r) => r.g), EXPOSURE_LABELS);
  return {
    scorer: 'gpt4',
    reference: 'human labels (GPTs-are-GPTs)',
    method: 'GPT-4\'s published labels against the human labels on every task both rated (no training involved).',
    rows: rows.length,
    views: [{ name: 'published GPT-4 labels', exposure: a }],
    gpt4: a,
    seconds: (performance.now() - started) / 1000,
  };
}

/** An llm or llama scorer on a seeded random sample of human-labelled tasks. */
async function evalModel(store: Store, name: ScorerName, sample: number, seed: number, rubric: ExposureRubric): Promise<EvalResult> {
  const started = performance.now();
  const rows = await store.all<{ task_id: number; onet_code: string; text: string; title: string; h: string; g: string | null }>(
    `SELECT h.task_id, h.onet_code, h.text, coalesce(o.title, '') AS title, h.exposure AS h, g.exposure AS g
     FROM task_labels h LEFT JOIN task_labels g ON g.source = 'gpt4' AND g.task_id = h.task_id AND g.onet_code = h.onet_code
     LEFT JOIN occupations o ON o.onet_code = h.onet_code
     WHERE h.source = 'human' AND h.exposure IS NOT NULL
     ORDER BY hash(h.task_id::VARCHAR || ?::VARCHAR) LIMIT ?`,
    [String(seed), sample],
  );
  if (rows.length === 0) throw new InputError('no human labels in the store: import full_labelset.tsv');
  // Agreement is on exposure only: the automation question is not asked.
  const scorer = await createScorer(store, name, { rubric: rubric.id, automation: false });
  try {
    const progress = terminalProgress(`asking ${name}`);
    const ratings = await scorer.rate(rows.map((r) => ({ text: r.text, title: r.title })), { progress: (d, t) => progress.update(d, t) });
    progress.done();
    const ok = rows.map((r, i) => ({ r, rating: ratings[i] })).filter((x) => x.rating && !isFailure(x.rating));
    const pred = ok.map((x) => (x.rating as { exposure: string }).exposure);
    const ref = ok.map((x) => x.r.h);
    const withG = ok.filter((x) => x.r.g);
    return {
      scorer: name,
      reference: 'human labels (GPTs-are-GPTs)',
      method: `${rows.length} human-labelled tasks drawn at random (seed ${seed}), rated from text and title by ${scorer.describe()}; ${rows.length - ok.length} failed and are left out.`,
      rows: ok.length,
      views: [{ name: 'sample of labelled tasks', exposure: agreement(ref, pred, EXPOSURE_LABELS) }],
      gpt4: agreement(withG.map((x) => x.r.h), withG.map((x) => x.r.g!), EXPOSURE_LABELS),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await scorer.close?.();
  }
}

function formatAgreement(a: Agreement): string {
  return `accuracy ${a.accuracy.toFixed(3)}  kappa ${a.kappa.toFixed(3)}  macro-F1 ${a.macroF1.toFixed(3)}  (n = ${a.n})`;
}

function formatConfusion(a: Agreement): string {
  const head = `      predicted ${a.labels.map((l) => l.padStart(6)).join('')}`;
  const lines = a.labels.map((l, i) => `  human ${l.padEnd(8)}${a.confusion[i]!.map((c) => String(c).padStart(6)).join('')}`);
  return [head, ...lines].join('\n');
}

function formatEval(r: EvalResult): string {
  const out = [`${r.scorer} against the ${r.reference}`, ''];
  for (const v of r.views) {
    out.push(`${v.name}:`, `  exposure    ${formatAgreement(v.exposure)}`);
    if (v.calibration) {
      const c = v.calibration;
      out.push(`  calibration mean top probability ${c.meanConfidence.toFixed(3)} vs accuracy ${v.exposure.accuracy.toFixed(3)}  ECE ${c.ece.toFixed(3)}  log loss ${c.logLoss.toFixed(3)}  Brier ${c.brier.toFixed(3)}`);
    }
    if (v.automation && v.automation.n) out.push(`  automation  ${formatAgreement(v.automation)}  (against GPT-4's T-levels)`);
    out.push(formatConfusion(v.exposure), '');
  }
  out.push(`reference line: GPT-4's labels on the same rows  ${formatAgreement(r.gpt4)}`);
  if (r.targets) {
    for (const [k, t] of Object.entries(r.targets)) out.push(`target ${k}: accuracy >= ${t.accuracy}, kappa >= ${t.kappa}: ${t.met ? 'met' : 'not met'}`);
  }
  out.push('', r.method, `(${r.seconds.toFixed(1)} s)`);
  return out.join('\n');
}
