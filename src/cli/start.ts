import type { Command } from 'commander';
import { analyzeWorkforce } from '../analysis/analyze.js';
import { fetchSources } from '../data/fetch.js';
import { importData } from '../data/import.js';
import { dataStatus } from '../data/status.js';
import { withStore } from '../data/store.js';
import { terminalProgress } from '../util/progress.js';
import { formatNational, nationalJson } from './analyze.js';
import { gapFiller } from './models.js';
import { print, printJson, runCommand } from './output.js';

/**
 * `npm start`: make sure there is data (import $JOBSHIFT_DATA, else fetch the official
 * sources), then show the most complete view that exists: the national exposure summary.
 */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('import data if the store is empty, then show the national exposure summary')
    .option('--json', 'print as JSON')
    .action((opts: { json?: boolean }) =>
      runCommand(async () => {
        await withStore(async (store) => {
          const status = await dataStatus(store);
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
          }
          const summary = await analyzeWorkforce(store, { scorer: 'human', filler: await gapFiller(store) });
          if (opts.json) printJson(nationalJson(summary));
          else print(formatNational(summary));
        });
      }),
    );
}
