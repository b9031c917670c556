/**
 * The Scenarios page in a real browser (Debian chromium through playwright-core), served by the
 * real server over the fixture store: pick a scenario, move a slider, run, see the fan chart,
 * the Sankey of flows and the table. Screenshots go to /tmp/jobshift-screens. Skips when
 * /usr/bin/chromium is absent; builds the dashboard when dist/web is stale.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { importData } from '../src/data/import.js';
import { Store } from '../src/data/store.js';
import { writeFixtureData } from '../src/data/testFixtures.js';
import { type RunningServer, serve } from '../src/server/serve.js';
import { browserSkip as skip, ensureWebBuild, launchChromium, openPage, SHARED_SCREENS, screenshot, webRoot } from './support/browser.js';

declare const document: {
  querySelectorAll(selector: string): { length: number };
  documentElement: { scrollWidth: number; clientWidth: number };
};

describe('Scenarios page in Chromium', { skip }, () => {
  const temp: string[] = [];
  let store: Store;
  let server: RunningServer;
  let browser: Browser;
  const problems: string[] = [];

  before(async () => {
    ensureWebBuild();
    const data = mkdtempSync(join(tmpdir(), 'jobshift-scen-browser-'));
    temp.push(data);
    writeFixtureData(data);
    store = await Store.open(join(data, 'store.duckdb'));
    await importData(store, [data]);
    server = await serve({ store, port: 0, resamples: 20, rateLimit: false, webRoot, log: (m) => problems.push(`server: ${m}`) });
    await server.data.warm();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    store?.close();
    temp.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  const open = (path: string, viewport: { width: number; height: number }): Promise<Page> => openPage(browser, `${server.url}${path}`, problems, viewport);

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
      await screenshot(page, SHARED_SCREENS, `scenarios-${label}`);
      await page.close();
      assert.deepEqual(problems, []);
    });
  }
});
