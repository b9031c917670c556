/**
 * Import of the whole public data set into a fresh store. Goal: under 60 s on 2 cores.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importData } from '../src/data/import.js';
import { Store } from '../src/data/store.js';

const data = process.env.JOBSHIFT_DATA ?? '../shared/data';
const dir = mkdtempSync(join(tmpdir(), 'jobshift-bench-'));
try {
  const store = await Store.open(join(dir, 'store.duckdb'));
  const t0 = performance.now();
  const summary = await importData(store, [data]);
  const first = performance.now() - t0;
  const t1 = performance.now();
  await importData(store, [data]);
  const second = performance.now() - t1;
  store.close();
  const rows = Object.values(summary.tables).reduce((a, b) => a + b, 0);
  console.log(`import: ${summary.files.length} files, ${rows.toLocaleString('en-US')} rows`);
  console.log(`import into an empty store: ${(first / 1000).toFixed(1)} s (goal < 60 s)`);
  console.log(`re-import (replace): ${(second / 1000).toFixed(1)} s`);
  console.log(`peak RSS: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
