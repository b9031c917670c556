import type { Command } from 'commander';
import { fetchSources } from '../data/fetch.js';
import { importData } from '../data/import.js';
import { dataStatus, formatStatus } from '../data/status.js';
import { withStore } from '../data/store.js';
import { terminalProgress } from '../util/progress.js';
import { print, printJson, runCommand } from './output.js';

/**
 * `npm start`: make sure there is data (import $JOBSHIFT_DATA, else fetch the official
 * sources), then show the most complete view that exists.
 */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('import data if the store is empty, then show the main view')
    .option('--json', 'print as JSON')
    .action((opts: { json?: boolean }) =>
      runCommand(async () => {
        await withStore(async (store) => {
          let status = await dataStatus(store);
          if (status.empty) {
            const dir = process.env.JOBSHIFT_DATA;
            if (dir) {
              if (!opts.json) print(`The store is empty: importing ${dir} ...`);
              await importData(store, [dir], terminalProgress('importing'));
            } else {
              if (!opts.json) print('The store is empty and JOBSHIFT_DATA is not set: fetching the official sources ...');
              const fetched = await fetchSources({ progress: terminalProgress('fetching') });
              await importData(store, [fetched.dir], terminalProgress('importing'));
            }
            status = await dataStatus(store);
          }
          if (opts.json) printJson(status);
          else print(formatStatus(status));
        });
      }),
    );
}
