/**
 * Scenario engine speed: 1,000 Monte Carlo draws over all occupations and eleven years
 * (2025-2035), the pure model only, on one core (goal < 2 s); and the whole runScenario
 * including loading from the store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importData } from '../src/data/import.js';
import { Store } from '../src/data/store.js';
import { loadModelInputs, runScenario } from '../src/simulate/index.js';
import { simulate } from '../src/simulate/model.js';
import { resolveScenario } from '../src/simulate/scenarios.js';

const data = process.env.JOBSHIFT_DATA ?? '../shared/data';
const dir = mkdtempSync(join(tmpdir(), 'jobshift-bench-'));
try {
  const store = await Store.open(join(dir, 'store.duckdb'));
  await importData(store, [data]);
  const scenario = await resolveScenario('central');
  let t = performance.now();
  const { inputs } = await loadModelInputs(store, scenario);
  const loadMs = performance.now() - t;
  simulate(inputs, scenario, { years: [2025, 2035], draws: 50, seed: 1 }); // warm-up
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    simulate(inputs, scenario, { years: [2025, 2035], draws: 1000, seed: i + 1 });
    times.push(performance.now() - t);
  }
  const n = inputs.occupations.length;
  console.log(`simulate: 1,000 draws x ${n} occupations x 11 years (with redistribution over ${inputs.transitions.to.length.toLocaleString('en-US')} transition edges): ${(Math.min(...times) / 1000).toFixed(2)} s best of 3 (goal < 2 s)`);
  console.log(`loading the model inputs from the store (exposure, baseline, transition matrix): ${(loadMs / 1000).toFixed(2)} s`);
  t = performance.now();
  await runScenario(store, { draws: 1000 });
  console.log(`runScenario end to end, 1,000 draws: ${((performance.now() - t) / 1000).toFixed(2)} s`);
  store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
