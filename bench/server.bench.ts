/**
 * API latency on loopback with the real data (JOBSHIFT_DATA, default ../shared/data):
 * GET /api/occupations/:code for random occupations at 500 requests/s (goal: p99 < 20 ms),
 * plus search and summary for scale.
 *
 * Two load generators, because they answer different questions:
 * - autocannon with overallRate: its rate limit lets each connection send back-to-back until
 *   the second's quota is used, then pause, so the 500 requests arrive as a burst at the start
 *   of every second — a worst case for queueing;
 * - an open-loop generator here: one request every 2 ms, evenly spaced, latency measured from
 *   the scheduled send time (no coordinated omission) — what "500 requests/s" usually means.
 *
 * The server runs in a child process so the load generators do not share its event loop;
 * the store is imported once into a temporary folder.
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { importData } from '../src/data/import.js';
import { Store } from '../src/data/store.js';
import { serve } from '../src/server/serve.js';

const CHILD = 'JOBSHIFT_BENCH_SERVER_STORE';

if (process.env[CHILD]) {
  // Child: serve the store, warm the caches, report the URL, run until killed.
  const store = await Store.open(process.env[CHILD]);
  const server = await serve({ store, port: 0, rateLimit: false, webRoot: false });
  await server.data.warm();
  await server.data.compare();
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
} else {
  const data = process.env.JOBSHIFT_DATA ?? '../shared/data';
  const dir = mkdtempSync(join(tmpdir(), 'jobshift-bench-server-'));
  const path = join(dir, 'store.duckdb');
  let child: ReturnType<typeof spawn> | undefined;
  try {
    const store = await Store.open(path);
    await importData(store, [data]);
    const codes = (await store.all<{ onet_code: string }>(`SELECT onet_code FROM occupations ORDER BY onet_code`)).map((r) => r.onet_code);
    store.close();

    const started = performance.now();
    child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename], { env: { ...process.env, [CHILD]: path }, stdio: ['ignore', 'pipe', 'inherit'] });
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child!.stdout! }).once('line', (line) => resolve(JSON.parse(line).url));
      child!.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    console.log(`server ready (analysis cached, ${codes.length} occupation pages precomputed) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const run = async (title: string, paths: string[], options: { rate?: number; duration: number; connections: number }) => {
      let i = 0;
      const result = await autocannon({
        url,
        connections: options.connections,
        duration: options.duration,
        ...(options.rate ? { overallRate: options.rate } : {}),
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
      });
      const l = result.latency;
      console.log(
        `${title}: ${result.requests.average.toFixed(0)} req/s over ${options.duration} s, ${options.connections} connections — latency p50 ${l.p50} ms, p90 ${l.p90} ms, p99 ${l.p99} ms, p99.9 ${l.p99_9} ms, max ${l.max} ms; ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
      );
      return result;
    };

    // Open loop: requests leave on schedule whether or not earlier ones have come back.
    const steady = async (title: string, paths: string[], rate: number, seconds: number) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 64 });
      const latencies: number[] = [];
      let failed = 0;
      const total = rate * seconds;
      const start = performance.now() + 50;
      const pending: Promise<void>[] = [];
      for (let i = 0; i < total; i++) {
        const due = start + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait - 1));
        while (performance.now() < due) await new Promise((r) => setImmediate(r));
        pending.push(
          new Promise<void>((resolve) => {
            const req = request(`${url}${paths[i % paths.length]}`, { agent }, (res) => {
              res.on('data', () => undefined);
              res.on('end', () => {
                if (res.statusCode === 200) latencies.push(performance.now() - due);
                else failed++;
                resolve();
              });
            });
            req.on('error', () => {
              failed++;
              resolve();
            });
            req.end();
          }),
        );
      }
      await Promise.all(pending);
      agent.destroy();
      latencies.sort((a, b) => a - b);
      const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1);
      console.log(`${title}: ${total} requests over ${seconds} s, evenly spaced — latency p50 ${q(0.5)} ms, p90 ${q(0.9)} ms, p99 ${q(0.99)} ms, p99.9 ${q(0.999)} ms, max ${latencies[latencies.length - 1]!.toFixed(1)} ms; ${failed} failed`);
      return Number(q(0.99));
    };

    // Random order, every occupation page in turn.
    const shuffled = [...codes].sort(() => Math.random() - 0.5).map((c) => `/api/occupations/${c}`);
    await run('warm-up', shuffled, { duration: 3, connections: 10, rate: 200 });
    const p99 = await steady('GET /api/occupations/:code, steady 500 req/s (open loop)', shuffled, 500, 20);
    console.log(`  -> p99 ${p99} ms (goal < 20 ms): ${p99 < 20 ? 'met' : 'NOT met'}`);
    await run('GET /api/occupations/:code, autocannon overallRate 500 (bursts each second)', shuffled, { duration: 20, connections: 20, rate: 500 });
    await run('GET /api/occupations/:code, as fast as it goes', shuffled, { duration: 10, connections: 20 });
    const queries = ['accountant', 'nurse', 'truck driver', 'software', 'teacher', 'cashier', 'data entry', 'lawyer', 'welder', 'chef'];
    await run('GET /api/occupations?q= (search) at 100 req/s', queries.map((q) => `/api/occupations?q=${encodeURIComponent(q)}&limit=8`), { duration: 10, connections: 10, rate: 100 });
    await run('GET /api/summary at 200 req/s', ['/api/summary'], { duration: 10, connections: 10, rate: 200 });
  } finally {
    child?.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
