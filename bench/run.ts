/**
 * `npm run bench`: runs every benchmark in bench/ in turn (each prints its own figures).
 * Data from JOBSHIFT_DATA (default ../shared/data).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dir = import.meta.dirname;
const only = process.argv.slice(2);
process.env.JOBSHIFT_DATA ??= resolve(dir, '..', '..', 'shared', 'data');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, f)], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
