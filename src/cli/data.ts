import type { Command } from 'commander';
import { fetchSources } from '../data/fetch.js';
import { importData, type ImportSummary } from '../data/import.js';
import { dataStatus, formatStatus } from '../data/status.js';
import { withStore } from '../data/store.js';
import { InputError } from '../util/errors.js';
import { terminalProgress } from '../util/progress.js';
import { print, printJson, runCommand } from './output.js';

export function registerDataCommands(program: Command): void {
  const data = program.command('data').description('import, fetch and inspect the public data in the store');

  data
    .command('import')
    .description('import official data files found anywhere under DIR (default: $JOBSHIFT_DATA)')
    .argument('[dirs...]', 'folders to search')
    .option('--json', 'print the import summary as JSON')
    .action((dirs: string[], opts: { json?: boolean }) =>
      runCommand(async () => {
        const folders = dirs.length ? dirs : process.env.JOBSHIFT_DATA ? [process.env.JOBSHIFT_DATA] : [];
        if (!folders.length) throw new InputError('no folder given: `jobshift data import DIR` (or set JOBSHIFT_DATA)');
        const summary = await withStore((store) => importData(store, folders, terminalProgress('importing')));
        if (opts.json) return printJson(summary);
        warnSkipped(summary);
        print(`Imported ${summary.files.length} files in ${(summary.elapsedMs / 1000).toFixed(1)} s.`);
        for (const f of summary.files) print(`  ${f.dataset.padEnd(12)} ${String(f.rows).padStart(8)} rows  ${f.file}`);
      }),
    );

  data
    .command('fetch')
    .description('download the official sources into a cache, check them, and import them')
    .option('--json', 'print the summary as JSON')
    .option('--timeout <seconds>', 'give up on a download after this long without an answer', '15')
    .action((opts: { json?: boolean; timeout: string }) =>
      runCommand(async () => {
        const result = await fetchSources({ timeoutMs: Number(opts.timeout) * 1000, progress: terminalProgress('fetching') });
        const summary = await withStore((store) => importData(store, [result.dir], terminalProgress('importing')));
        if (opts.json) return printJson({ fetched: result, imported: summary });
        warnSkipped(summary);
        print(`Fetched ${result.files.length} sources into ${result.dir} and imported ${summary.files.length} files.`);
      }),
    );

  data
    .command('status')
    .description('what is loaded, what is missing, and which features that disables')
    .option('--json', 'print as JSON')
    .action((opts: { json?: boolean }) =>
      runCommand(async () => {
        const status = await withStore((store) => dataStatus(store));
        if (opts.json) printJson(status);
        else print(formatStatus(status));
      }),
    );
}

/**
 * Files the importer matched by name but could not read as any table it knows, and what the
 * store now mixes (O*NET releases, job zones of unknown framework): said, never fatal.
 */
export function warnSkipped(summary: ImportSummary): void {
  for (const s of summary.skipped) process.stderr.write(`jobshift: warning: skipped ${s.file}: ${s.reason}\n`);
  for (const w of summary.warnings) process.stderr.write(`jobshift: warning: ${w.message}\n`);
}
