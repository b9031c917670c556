/**
 * The report control on the Overview page in a real browser (Debian chromium through
 * playwright-core), served by the real server over the fixture store: choose files and a
 * scenario, make the report, follow the job, download the files by their links. Screenshots go
 * to /tmp/jobshift-screens. Skips when /usr/bin/chromium is absent; builds the dashboard when
 * dist/web is stale.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { importData } from '../src/data/import.js';
import { Store } from '../src/data/store.js';
import { writeFixtureData } from '../src/data/testFixtures.js';
import { percent } from '../src/report/format.js';
import { type RunningServer, serve } from '../src/server/serve.js';
import { browserSkip as skip, ensureWebBuild, launchChromium, openPage, SHARED_SCREENS, screenshot, webRoot } from './support/browser.js';

declare const document: { documentElement: { scrollWidth: number; clientWidth: number } };

describe('report download on the Overview page in Chromium', { skip }, () => {
  const temp: string[] = [];
  let store: Store;
  let server: RunningServer;
  let browser: Browser;
  let reportsDir: string;
  const problems: string[] = [];

  before(async () => {
    ensureWebBuild();
    const data = mkdtempSync(join(tmpdir(), 'jobshift-report-browser-'));
    temp.push(data);
    writeFixtureData(data);
    store = await Store.open(join(data, 'store.duckdb'));
    await importData(store, [data]);
    reportsDir = join(data, 'reports');
    server = await serve({ store, port: 0, resamples: 20, rateLimit: false, webRoot, reportsDir, log: (m) => problems.push(`server: ${m}`) });
    await server.data.warm();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.jobs.idle();
    await server?.close();
    store?.close();
    temp.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  test('make the report for the chosen measure, then download the HTML and PDF by their links', { timeout: 120_000 }, async () => {
    const page = await openPage(browser, `${server.url}/?measure=gamma`, problems);
    const card = page.getByRole('region', { name: 'Full report' });
    await card.getByRole('heading', { name: 'Download the full report' }).waitFor();
    await card.getByLabel('PDF').check();
    await card.getByLabel('Markdown').uncheck();
    await card.getByLabel('Report scenario').selectOption('slow');
    await card.getByRole('button', { name: 'Make the report' }).click();
    const files = card.getByTestId('report-files');
    await files.waitFor({ timeout: 60_000 });
    const links = files.getByRole('link');
    assert.deepEqual(await links.allTextContents(), ['Web page (HTML)', 'PDF']);
    const hrefs = await Promise.all((await links.all()).map((l) => l.getAttribute('href')));
    assert.ok(hrefs.every((h) => /^\/api\/reports\/[0-9a-f-]{36}\/report\.(html|pdf)$/.test(h ?? '')), hrefs.join(' '));
    await screenshot(page, SHARED_SCREENS, 'overview-report');

    // The report is the one asked for: measure gamma from the page, scenario slow from the control.
    const summary = (await (await fetch(`${server.url}/api/summary?measure=gamma`)).json()) as { headline: { gamma: { mean: number } } };
    const [download] = await Promise.all([page.waitForEvent('download'), links.first().click()]);
    assert.match(download.suggestedFilename(), /^jobshift-report-\d{4}-\d{2}-\d{2}\.html$/);
    const html = readFileSync((await download.path())!, 'utf8');
    assert.match(html, /Exposure measure gamma, human task ratings/);
    assert.match(html, /scenario &quot;slow&quot;|scenario "slow"/);
    assert.ok(html.includes(percent(summary.headline.gamma.mean)), 'the mean exposure the API states');
    const [pdf] = await Promise.all([page.waitForEvent('download'), links.nth(1).click()]);
    assert.match(pdf.suggestedFilename(), /\.pdf$/);
    assert.equal(readFileSync((await pdf.path())!).subarray(0, 5).toString('latin1'), '%PDF-');
    // Written under the server's reports folder only.
    assert.equal(readdirSync(reportsDir).length, 1);
    // The files were made for gamma: another measure on the page hides them.
    await page.getByRole('combobox', { name: 'Exposure measure' }).selectOption('beta');
    await files.waitFor({ state: 'detached' });
    await page.close();
    assert.deepEqual(problems, []);
  });

  test('at phone width the control fits the screen', async () => {
    const page = await openPage(browser, `${server.url}/`, problems, { width: 390, height: 844 });
    await page.getByRole('heading', { name: 'Download the full report' }).waitFor();
    await page.getByTestId('headline-50').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 2, `page wider than the phone by ${overflow}px`);
    await page.close();
    assert.deepEqual(problems, []);
  });
});
