/**
 * People tools: `jobshift match` (titles -> O*NET occupations), `jobshift career` (a personal
 * profile with transition pathways) and `jobshift workforce` (an employer's roster).
 * Thin shells over src/career.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { loadCareerData } from '../career/careerData.js';
import { formatProfile, formatRoster, formatRosterErrors, rosterCsv, rosterHtml } from '../career/format.js';
import { matchTitle } from '../career/match.js';
import { profileFromData } from '../career/profile.js';
import { analyzeRoster, parseRosterCsv } from '../career/roster.js';
import { loadStoreTitleIndex } from '../career/storeCorpus.js';
import { withStore } from '../data/store.js';
import { formatDelimited } from '../util/csv.js';
import { InputError } from '../util/errors.js';
import { writeFileAtomic } from '../util/files.js';
import { terminalProgress } from '../util/progress.js';
import { gapFiller } from './models.js';
import { print, printJson, runCommand, wholeNumber } from './output.js';

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

export function registerCareerCommands(program: Command): void {
  program
    .command('match')
    .description('job titles or descriptions -> O*NET occupations, with calibrated confidence')
    .argument('[query...]', 'a job title or a description of the job')
    .option('--top <n>', 'candidates per query', '5')
    .option('--in <file>', 'batch: one title or description per line')
    .option('--out <file>', 'batch: write TSV (query, rank, code, title, score) here (default: stdout)')
    .option('--json', 'print as JSON')
    .action((words: string[], opts: { top: string; in?: string; out?: string; json?: boolean }) =>
      runCommand(async () => {
        const top = wholeNumber(opts.top, 'top', 1, 100);
        const query = words.join(' ').trim();
        if (!opts.in && !query) throw new InputError('give a job title (jobshift match "accounts payable clerk") or --in FILE');
        if (opts.in && query) throw new InputError('give either a query or --in FILE, not both');
        if (opts.out && !opts.in) throw new InputError('--out needs --in FILE', { field: 'out' });
        let lines: string[] = [];
        if (opts.in) {
          let text: string;
          try {
            text = readFileSync(opts.in, 'utf8');
          } catch (err) {
            throw new InputError(`cannot read file (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { file: opts.in });
          }
          if (text.includes('\u0000')) throw new InputError('not a text file', { file: opts.in });
          lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
          if (lines.length && lines[lines.length - 1] === '') lines.pop();
          if (!lines.some((l) => l.trim())) throw new InputError('no titles in the file (one per line)', { file: opts.in });
        }
        const index = await withStore((store) => loadStoreTitleIndex(store));
        if (!opts.in) {
          const matches = matchTitle(index, query, { top });
          if (opts.json) return printJson({ query, matches });
          if (matches.length === 0) return print(`No occupation matches "${query}".`);
          print(matches.map((m, i) => `${i + 1}. ${m.code}  ${m.title}  confidence ${pct(m.confidence)}  (matched "${m.matchedOn.text}")`).join('\n'));
          return;
        }
        const progress = terminalProgress('matching');
        const results: { query: string; matches: ReturnType<typeof matchTitle> }[] = [];
        lines.forEach((line, i) => {
          results.push({ query: line, matches: line.trim() ? matchTitle(index, line, { top }) : [] });
          progress.update(i + 1, lines.length);
        });
        progress.done(`matched ${lines.length} lines`);
        const skipped = results.filter((r) => !r.query.trim()).length;
        if (opts.json && !opts.out) return printJson({ top, results });
        const tsv = formatDelimited(
          ['query', 'rank', 'code', 'title', 'score'],
          results.flatMap((r) => r.matches.map((m, k) => [r.query, k + 1, m.code, m.title, Number(m.confidence.toFixed(4))])),
          '\t',
        );
        if (opts.out) {
          writeFileAtomic(opts.out, tsv);
          const summary = { in: opts.in, out: opts.out, queries: lines.length - skipped, skippedBlankLines: skipped, rows: results.reduce((s, r) => s + r.matches.length, 0) };
          if (opts.json) printJson(summary);
          else print(`wrote ${summary.rows} rows for ${summary.queries} queries to ${opts.out}${skipped ? ` (${skipped} blank lines skipped)` : ''}`);
        } else process.stdout.write(tsv);
      }),
    );

  program
    .command('career')
    .description('a personal profile: matched occupation, exposure, tasks, skills to strengthen, five transition pathways')
    .argument('[query...]', 'a job title or a paragraph describing the job')
    .option('--code <onet>', 'use this O*NET-SOC code instead of the best match')
    .option('--scorer <name>', 'exposure scorer: human | gpt4 | local | llm', 'human')
    .option('--resamples <n>', 'bootstrap resamples for the interval', '1000')
    .option('--json', 'print as JSON')
    .action((words: string[], opts: { code?: string; scorer: string; resamples: string; json?: boolean }) =>
      runCommand(async () => {
        const query = words.join(' ').trim();
        if (!query && !opts.code) throw new InputError('give a job title or a description (jobshift career "payroll clerk")', { field: 'query' });
        const resamples = wholeNumber(opts.resamples, 'resamples', 1, 100_000);
        const progress = terminalProgress('career');
        const profile = await withStore(async (store) => {
          progress.update(0, 2, 'loading O*NET, BLS and labels');
          const data = await loadCareerData(store, { scorer: opts.scorer, filler: await gapFiller(store) });
          progress.update(1, 2, 'matching and analysing');
          return profileFromData(data, query, { code: opts.code, resamples });
        });
        progress.done();
        if (opts.json) return printJson(profile);
        print(formatProfile(profile));
      }),
    );

  program
    .command('workforce')
    .description("an employer's roster (CSV: job_title, headcount, optional department, soc_code) analysed at task level, on this machine only")
    .argument('<roster>', 'roster CSV file')
    .option('--scorer <name>', 'exposure scorer: human | gpt4 | local | llm', 'human')
    .option('--min-confidence <p>', 'title matches below this confidence go to review', '0.5')
    .option('--resamples <n>', 'bootstrap resamples for intervals', '1000')
    .option('--out <file>', 'write the --html/--csv/--json output to this file instead of stdout')
    .option('--allow-remote', 'allow sending roster rows to a configured external LLM (no remote matcher exists; the roster always stays local)')
    .option('--json', 'print as JSON')
    .option('--csv', 'print the mapped rows as CSV')
    .option('--html', 'write a standalone HTML page')
    .action((file: string, opts: { scorer: string; minConfidence: string; resamples: string; out?: string; allowRemote?: boolean; json?: boolean; csv?: boolean; html?: boolean }) =>
      runCommand(async () => {
        if ([opts.json, opts.csv, opts.html].filter(Boolean).length > 1) throw new InputError('choose one of --json, --csv, --html');
        const minConfidence = Number(opts.minConfidence);
        if (!(minConfidence >= 0 && minConfidence <= 1)) throw new InputError(`must be between 0 and 1, got "${opts.minConfidence}"`, { field: 'min-confidence' });
        const resamples = wholeNumber(opts.resamples, 'resamples', 1, 100_000);
        let bytes: Buffer;
        try {
          bytes = readFileSync(file);
        } catch (err) {
          throw new InputError(`cannot read file (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { file });
        }
        const parsed = parseRosterCsv(bytes, basename(file));
        if (parsed.rows.length === 0) {
          throw new InputError(`no usable rows:\n${formatRosterErrors(parsed, file)}`, { file: undefined });
        }
        // Local only: the matcher and the store are on this machine; --allow-remote changes nothing
        // today because no remote matcher exists (see src/career/roster.ts).
        const progress = terminalProgress('workforce');
        const analysis = await withStore(async (store) => {
          progress.update(0, 2, 'loading O*NET, BLS and labels');
          const data = await loadCareerData(store, { scorer: opts.scorer, filler: await gapFiller(store) });
          progress.update(1, 2, `matching and analysing ${parsed.rows.length} rows`);
          return analyzeRoster(data, parsed, { minConfidence, resamples });
        });
        progress.done();
        if (analysis.rows.length === 0) {
          throw new InputError(`no usable rows:\n${formatRosterErrors(analysis, file)}`);
        }
        if (analysis.errors.length && !opts.json) process.stderr.write(`${formatRosterErrors(analysis, file)}\n`);
        if (opts.allowRemote) process.stderr.write('jobshift: --allow-remote: no remote matcher exists; the roster was processed on this machine only\n');
        const emit = (text: string) => {
          if (opts.out) {
            writeFileAtomic(opts.out, text);
            print(`wrote ${opts.out}`);
          } else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
        };
        if (opts.json) return emit(`${JSON.stringify(analysis, null, 2)}\n`);
        if (opts.csv) return emit(rosterCsv(analysis));
        if (opts.html) return emit(rosterHtml(analysis, `Workforce exposure: ${basename(file)}`));
        emit(formatRoster(analysis));
      }),
    );
}
