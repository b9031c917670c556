/**
 * Analysis speed: `analyze` for the whole US warm (goal < 2 s) and 1,000 bootstrap
 * resamples (goal < 10 s).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeWorkforce } from '../src/analysis/analyze.js';
import { loadOccupationFrame } from '../src/analysis/frame.js';
import { bootstrapExposure } from '../src/analysis/uncertainty.js';
import { importData } from '../src/data/import.js';
import { Store } from '../src/data/store.js';
import { loadTaskScores } from '../src/scoring/taskScores.js';

const data = process.env.JOBSHIFT_DATA ?? '../shared/data';
const dir = mkdtempSync(join(tmpdir(), 'jobshift-bench-'));
try {
  const store = await Store.open(join(dir, 'store.duckdb'));
  await importData(store, [data]);
  await analyzeWorkforce(store, { scorer: 'human', resamples: 10 }); // warm-up
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await analyzeWorkforce(store, { scorer: 'human', resamples: 1000, compareScorers: false });
    times.push(performance.now() - t);
  }
  console.log(`analyze (whole US, human scorer, 1,000 resamples), warm: ${(Math.min(...times) / 1000).toFixed(2)} s best of 3 (goal < 2 s)`);
  const withRange = performance.now();
  await analyzeWorkforce(store, { scorer: 'human', resamples: 1000 });
  console.log(`analyze with the scorer range (human + gpt4): ${((performance.now() - withRange) / 1000).toFixed(2)} s`);
  const frame = await loadOccupationFrame(store);
  const scores = await loadTaskScores(store, 'human');
  const t = performance.now();
  bootstrapExposure(scores.tasks, frame.units, { resamples: 1000, seed: 1 });
  console.log(`bootstrap: 1,000 resamples over ${scores.tasks.length.toLocaleString('en-US')} tasks: ${((performance.now() - t) / 1000).toFixed(2)} s (goal < 10 s)`);
  store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
