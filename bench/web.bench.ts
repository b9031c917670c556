/**
 * First render of the dashboard's overview in headless Chromium, with the real data
 * (JOBSHIFT_DATA, default ../shared/data): time from navigation to the headline number on
 * screen (goal < 1.5 s) and to every overview chart drawn, with a cold browser cache each time.
 * Builds the dashboard first when dist/web is missing or stale.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { importData } from '../src/data/import.js';
import { Store } from '../src/data/store.js';
import { serve } from '../src/server/serve.js';
import { webBuildIsStale } from '../src/server/static.js';

declare const document: { querySelectorAll(s: string): { length: number } };

const CHROMIUM = '/usr/bin/chromium';
const RUNS = 7;

if (!existsSync(CHROMIUM)) {
  console.log(`skipped: ${CHROMIUM} is not installed`);
} else {
  const root = resolve(import.meta.dirname, '..');
  const webRoot = join(root, 'dist', 'web');
  if (webBuildIsStale(webRoot, ['src/web', 'src/report/charts', 'src/server/schemas.ts', 'vite.config.ts'].map((p) => join(root, p)))) {
    console.log('building the dashboard (vite build) ...');
    const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('vite build failed');
  }
  const dir = mkdtempSync(join(tmpdir(), 'jobshift-bench-web-'));
  const store = await Store.open(join(dir, 'store.duckdb'));
  try {
    await importData(store, [process.env.JOBSHIFT_DATA ?? '../shared/data']);
    const server = await serve({ store, port: 0, rateLimit: false });
    await server.data.warm();
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    const headline: number[] = [];
    const charts: number[] = [];
    const warmHeadline: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(server.url, { waitUntil: 'commit' });
      await page.getByTestId('headline-50').locator('.big').waitFor({ state: 'visible' });
      // Milliseconds since navigation start, measured by the page itself.
      headline.push(await page.evaluate(() => performance.now()));
      await page.waitForFunction(() => document.querySelectorAll('figure.chart[data-drawn="yes"] svg').length >= 6, undefined, { timeout: 30_000 });
      charts.push(await page.evaluate(() => performance.now()));
      // A second visit in the same browser: assets cached, API answers cached on the server.
      await page.goto(`${server.url}/?again=1`, { waitUntil: 'commit' });
      await page.getByTestId('headline-50').locator('.big').waitFor({ state: 'visible' });
      warmHeadline.push(await page.evaluate(() => performance.now()));
      await context.close();
    }
    await browser.close();
    await server.close();
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const fmt = (xs: number[]) => `median ${(median(xs) / 1000).toFixed(2)} s (best ${(Math.min(...xs) / 1000).toFixed(2)} s, worst ${(Math.max(...xs) / 1000).toFixed(2)} s)`;
    console.log(`overview, cold cache, ${RUNS} runs — headline number on screen: ${fmt(headline)} (goal < 1.5 s): ${median(headline) < 1500 ? 'met' : 'NOT met'}`);
    console.log(`overview, cold cache — all 6 charts drawn: ${fmt(charts)}`);
    console.log(`overview, second visit (cached assets) — headline on screen: ${fmt(warmHeadline)}`);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
