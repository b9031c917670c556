/**
 * The llm scorer's throughput (issue 3 target): a loopback chat-completions server answering
 * after 200 ms, the scorer at concurrency 32, distinct tasks, a fresh store (no cache).
 * The bound is 32 / 0.2 s = 160 requests/s; goal >= 90% of it.
 *
 * The server runs in a child process, as a real server would: in one process its work would
 * compete with the client's for one event loop.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Store } from '../src/data/store.js';
import { createProvider } from '../src/llm/provider.js';
import { startTestServer, userMessage } from '../src/llm/testServer.js';
import { createModelScorer } from '../src/scoring/llm.js';
import { isFailure } from '../src/scoring/scorer.js';

const LATENCY_MS = 200;
const CONCURRENCY = 32;
const TASKS = 960;
const bound = CONCURRENCY / (LATENCY_MS / 1000);

if (process.argv.includes('--serve')) {
  const server = await startTestServer({
    latencyMs: LATENCY_MS,
    reply: (req) => ({ content: JSON.stringify({ exposure: /report/.test(userMessage(req)) ? 'E1' : 'E0', automation: 'T1', rationale: 'bench' }) }),
  });
  process.stdout.write(`${server.baseUrl}\n`);
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
} else {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const baseUrl = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const stats = async () => (await (await fetch(`${new URL(baseUrl).origin}/_stats`)).json()) as { requests: number; maxInFlight: number };
  const dir = mkdtempSync(join(tmpdir(), 'jobshift-bench-llm-'));
  try {
    const store = await Store.open(join(dir, 'store.duckdb'));
    const provider = await createProvider('llm', { baseUrl, model: 'bench', env: {} });
    const tasks = Array.from({ length: TASKS }, (_, i) => ({ text: `${i % 2 ? 'Write report' : 'Inspect site'} number ${i} for the quarterly review.`, title: 'Analysts' }));
    const scorer = createModelScorer(store, provider, { concurrency: CONCURRENCY });
    const cpu0 = process.cpuUsage();
    const t = performance.now();
    const out = await scorer.rate(tasks);
    const secs = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const s = await stats();
    const rps = s.requests / secs;
    console.log(
      `llm scorer, ${TASKS} distinct tasks, ${LATENCY_MS} ms latency, concurrency ${CONCURRENCY}: ${rps.toFixed(1)} requests/s = ${((rps / bound) * 100).toFixed(1)}% of the ${bound} req/s bound (goal >= 90%); ${secs.toFixed(2)} s, ${out.filter(isFailure).length} failed, max in flight ${s.maxInFlight}; client CPU ${((cpu.user + cpu.system) / 1000 / s.requests).toFixed(2)} ms per request`,
    );
    const cachedT = performance.now();
    await createModelScorer(store, provider, { concurrency: CONCURRENCY }).rate(tasks);
    console.log(`rerun from the cache: ${((performance.now() - cachedT) / 1000).toFixed(3)} s, ${(await stats()).requests - s.requests} new requests`);
    store.close();
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
