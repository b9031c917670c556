import type { Command } from 'commander';
import { analyzeWorkforce } from '../analysis/analyze.js';
import { fetchAndImport, fetchedAnything } from '../data/fetch.js';
import { importData } from '../data/import.js';
import { dataStatus } from '../data/status.js';
import { Store } from '../data/store.js';
import { InputError } from '../util/errors.js';
import { terminalProgress } from '../util/progress.js';
import { formatNational, nationalJson } from './analyze.js';
import { warnSkipped } from './data.js';
import { gapFiller } from './models.js';
import { print, printJson, runCommand } from './output.js';
import { defaultServeOptions, parsePort, runServer } from './serve.js';

/**
 * `npm start`: make sure there is data (import $JOBSHIFT_DATA, else fetch the official
 * sources), then show the most complete view that exists: the national exposure summary on the
 * terminal, then the dashboard (jobshift serve) until Ctrl-C.
 */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('import data if the store is empty, print the national exposure summary, then serve the dashboard')
    .option('--json', 'print the summary as JSON and exit')
    .option('--no-serve', 'print the summary and exit instead of serving the dashboard')
    .option('--port <port>', 'dashboard port', defaultServeOptions.port)
    .action((opts: { json?: boolean; serve: boolean; port: string }) =>
      runCommand(async () => {
        const serve = opts.serve && !opts.json;
        if (serve) parsePort(opts.port); // a bad port is said before a long import, not after
        const store = await Store.open();
        try {
          const status = await dataStatus(store);
          if (status.empty) {
            const dir = process.env.JOBSHIFT_DATA;
            if (dir) {
              if (!opts.json) print(`The store is empty: importing ${dir} ...`);
              warnSkipped(await importData(store, [dir], terminalProgress('importing')));
            } else {
              if (!opts.json) print('The store is empty and JOBSHIFT_DATA is not set: fetching the official sources ...');
              // Each source fetched, checked and imported on its own: one failure keeps what did arrive.
              const fetched = await fetchAndImport(store, { progress: terminalProgress('fetching'), importProgress: terminalProgress('importing') });
              for (const f of fetched.sources.filter((x) => x.status === 'failed')) process.stderr.write(`jobshift: ${f.title}: ${f.reason ?? 'failed'}\n`);
              if (!fetchedAnything(fetched)) throw new InputError('no source could be fetched: see the reasons above, or put the official files in a folder and run `jobshift data import DIR`');
            }
          }
          const summary = await analyzeWorkforce(store, { scorer: 'human', filler: await gapFiller(store) });
          if (opts.json) printJson(nationalJson(summary));
          else print(formatNational(summary));
        } catch (err) {
          store.close();
          throw err;
        }
        if (!serve) return store.close();
        print('');
        // The same store and its loaded local model go on to serve the dashboard.
        await runServer({ ...defaultServeOptions, port: opts.port }, store);
      }),
    );
}
