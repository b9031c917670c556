/**
 * The Scenarios page in a real browser (Debian chromium through playwright-core), served by the
 * real server over the fixture store: pick a scenario, move a slider, run, see the fan chart,
 * the Sankey of flows and the table. Screenshots go to /tmp/jobshift-screens. Skips when
 * /usr/bin/chromium is absent; builds the dashboard when dist/web is stale.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import { importData } from '../src/data/import.js';
import { Store } from '../src/data/store.js';
import { writeFixtureData } from '../src/data/testFixtures.js';
import { simulateRoutes } from '../src/server/routes/simulate.js';
import { type RunningServer, serve } from '../src/server/serve.js';
import { webBuildIsStale } from '../src/server/static.js';

declare const document: {
  querySelectorAll(selector: string): { length: number };
  documentElement: { scrollWidth: number; clientWidth: number };
  addEventListener(type: 'securitypolicyviolation', listener: (e: { violatedDirective: string; blockedURI: string }) => void): void;
};

const CHROMIUM = '/usr/bin/chromium';
const root = resolve(import.meta.dirname, '..');
const webRoot = join(root, 'dist', 'web');
const SHARED_SCREENS = '/tmp/jobshift-screens';
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install chromium)`;

describe('Scenarios page in Chromium', { skip }, () => {
  const temp: string[] = [];
  let store: Store;
  let server: RunningServer;
  let browser: Browser;
  const problems: string[] = [];

  before(async () => {
    if (webBuildIsStale(webRoot, ['src/web', 'src/report/charts', 'src/server/schemas.ts', 'vite.config.ts'].map((p) => join(root, p)))) {
      const built = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, encoding: 'utf8', timeout: 300_000 });
      assert.equal(built.status, 0, `vite build failed:\n${built.stdout}\n${built.stderr}`);
    }
    const data = mkdtempSync(join(tmpdir(), 'jobshift-scen-browser-'));
    temp.push(data);
    writeFixtureData(data);
    store = await Store.open(join(data, 'store.duckdb'));
    await importData(store, [data]);
    const start = (routes?: ReturnType<typeof simulateRoutes>[]) => serve({ store, port: 0, resamples: 20, rateLimit: false, webRoot, routes, log: (m) => problems.push(`server: ${m}`) });
    server = await start();
    await server.data.warm();
    // Until the app puts the store in the route context, plug the module in directly.
    if ((await fetch(`${server.url}/api/scenarios`)).status === 404) {
      await server.close();
      server = await start([simulateRoutes({ store })]);
      await server.data.warm();
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    mkdirSync(SHARED_SCREENS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    store?.close();
    temp.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  async function open(path: string, viewport: { width: number; height: number }): Promise<Page> {
    const page = await browser.newPage({ viewport });
    page.on('pageerror', (e) => problems.push(`page error on ${path}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error on ${path}: ${m.text()}`);
    });
    await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)));
    await page.goto(`${server.url}${path}`);
    return page;
  }

  for (const [label, viewport] of [
    ['desktop', { width: 1280, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    test(`run a scenario with a slider moved (${label})`, { timeout: 60_000 }, async () => {
      const page = await open('/scenarios', viewport);
      await page.getByRole('heading', { name: /Scenarios/ }).waitFor();
      await page.getByLabel('Scenario', { exact: true }).selectOption('fast');
      const slider = page.locator('#slider-adoption-ceiling');
      await slider.fill('0.9');
      await page.getByText(/Adoption ceiling .*: 90%/).waitFor();
      await page.getByLabel('Draws').selectOption('200');
      await page.getByRole('button', { name: 'Run scenario' }).click();
      const results = page.getByTestId('scenario-results');
      await results.waitFor({ timeout: 30_000 });
      assert.match((await results.textContent()) ?? '', /scenario “fast”/);
      assert.match((await results.textContent()) ?? '', /Jobs displaced.*90%: /);
      await page.waitForFunction(() => document.querySelectorAll('figure.chart[data-drawn="yes"] svg').length >= 2, undefined, { timeout: 20_000 });
      const svgText = (await page.locator('figure.chart svg').allTextContents()).join(' ');
      assert.match(svgText, /Jobs displaced, created and net,\s*year by year/);
      assert.match(svgText, /Source: jobshift scenario "fast"/);
      assert.ok((await page.locator('figure[aria-label^="Flows of displaced workers"] path').count()) > 0, 'the Sankey has ribbons');
      assert.ok((await page.locator('table tbody tr').count()) > 0);
      if (label === 'phone') {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 2, `page wider than the phone by ${overflow}px`);
      }
      const file = join(SHARED_SCREENS, `scenarios-${label}.png`);
      await page.screenshot({ path: file, fullPage: true });
      copyFileSync(file, join(temp[0]!, `scenarios-${label}.png`));
      await page.close();
      assert.deepEqual(problems, []);
    });
  }
});
