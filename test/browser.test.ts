/**
 * The dashboard in a real browser (Debian chromium through playwright-core), served by the real
 * server over the fixture store. Skips when /usr/bin/chromium is absent.
 *
 * The dashboard must be built (dist/web). `before` builds it with `vite build` when dist/web is
 * missing or older than its sources (src/web, src/report/charts, src/server/schemas.ts,
 * vite.config.ts), so `npm test` needs no separate build step; a fresh build takes ~15 s.
 * The dashboard's own type check (src/web/tsconfig.json, which the root tsconfig excludes) runs
 * here too.
 *
 * Screenshots go to a temporary folder and, for people to look at, /tmp/jobshift-screens.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { importData } from '../src/data/import.js';
import { Store } from '../src/data/store.js';
import { writeFixtureData } from '../src/data/testFixtures.js';
import { apiScorers, apiScoreTasks } from '../src/cli/models.js';
import { startTestServer, type TestServer, userMessage } from '../src/llm/testServer.js';
import { type RunningServer, serve } from '../src/server/serve.js';
import { browserSkip as skip, ensureWebBuild, launchChromium, openPage, root, screenshot as saveScreenshot } from './support/browser.js';

// The few DOM names the in-page callbacks use (the test itself is type-checked without the DOM library).
declare const document: {
  querySelector(selector: string): { textContent: string | null } | null;
  querySelectorAll(selector: string): { length: number };
  documentElement: { scrollWidth: number };
};

describe('dashboard in Chromium', { skip }, () => {
  const temp: string[] = [];
  let store: Store;
  let server: RunningServer;
  let browser: Browser;
  let shots: string;
  let llm: TestServer;
  const problems: string[] = [];

  before(async () => {
    ensureWebBuild();
    llm = await startTestServer({
      latencyMs: 150,
      reply: (req) => ({ content: JSON.stringify({ exposure: /report/i.test(userMessage(req)) ? 'E1' : 'E0', automation: 'T1', rationale: 'test' }) }),
    });
    process.env.JOBSHIFT_LLM_BASE_URL = llm.baseUrl;
    process.env.JOBSHIFT_LLM_MODEL = 'test-model';
    process.env.JOBSHIFT_LLM_API_KEY = 'test-key';
    const data = mkdtempSync(join(tmpdir(), 'jobshift-browser-'));
    temp.push(data);
    writeFixtureData(data);
    process.env.JOBSHIFT_HOME = data; // the local model trains into this temporary home
    store = await Store.open(join(data, 'store.duckdb'));
    await importData(store, [data]);
    server = await serve({
      store,
      port: 0,
      resamples: 50,
      rateLimit: false,
      // The real scorers: published labels inline; the llm scorer, as a job, against a real
      // chat-completions server on loopback that rates report writing E1 and the rest E0.
      scoreTasks: apiScoreTasks(store),
      scorers: apiScorers(process.env),
      log: (m) => problems.push(`server: ${m}`),
    });
    await server.data.warm();
    browser = await launchChromium();
    shots = mkdtempSync(join(tmpdir(), 'jobshift-screens-'));
    temp.push(shots);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await llm?.close();
    for (const k of ['JOBSHIFT_LLM_BASE_URL', 'JOBSHIFT_LLM_MODEL', 'JOBSHIFT_LLM_API_KEY']) delete process.env[k];
    store?.close();
    temp.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  const open = (path: string, viewport = { width: 1280, height: 900 }): Promise<Page> => openPage(browser, `${server.url}${path}`, problems, viewport);

  const screenshot = (page: Page, name: string) => saveScreenshot(page, shots, name);

  const chartsDrawn = async (page: Page, n: number) => {
    await page.waitForFunction((k) => document.querySelectorAll('figure.chart[data-drawn="yes"] svg').length >= k, n, { timeout: 20_000 });
  };

  test('the dashboard type-checks (src/web/tsconfig.json)', () => {
    const r = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'src', 'web', 'tsconfig.json'), '--noEmit'], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  test('overview: the headline number from the API, intervals, and charts drawn', async () => {
    const summary = (await (await fetch(`${server.url}/api/summary`)).json()) as {
      headline: Record<'beta' | 'gamma', { atLeast50: number }>;
      aggregation: { method: string; note: string; other: { method: string } };
    };
    const page = await open('/');
    const headline = page.getByTestId('headline-50');
    await headline.waitFor();
    const big = await headline.locator('.big').textContent();
    assert.equal(big, `${(summary.headline.beta.atLeast50 * 100).toFixed(0)}%`);
    assert.match((await headline.textContent()) ?? '', /90% interval \d+%–\d+%/);
    assert.match((await headline.textContent()) ?? '', /Other raters: .*GPT-4/);
    // The headline names how workers were counted, and the other method's figure is beside it.
    const aggregation = (await page.getByTestId('aggregation').textContent()) ?? '';
    assert.ok(aggregation.includes(summary.aggregation.note), aggregation);
    assert.match(aggregation, new RegExp(`Counted the other way \\("${summary.aggregation.other.method}"\\), \\d+(\\.\\d)?% of workers`));
    await chartsDrawn(page, 5);
    const svgText = await page.locator('figure.chart svg').allTextContents();
    assert.ok(svgText.some((t) => /How much of each job is exposed to LLMs/.test(t)));
    assert.ok(svgText.some((t) => /Source: GPTs-are-GPTs task labels/.test(t)));
    assert.ok(svgText.some((t) => /Substitution or augmentation\?/.test(t)));
    await page.getByText('What do E0/E1/E2, alpha, beta and gamma mean?').click();
    assert.ok(await page.getByText('exposed to an LLM alone (a chat assistant)').isVisible());
    await screenshot(page, 'overview-desktop');
    // Changing the measure reloads the numbers.
    await page.getByRole('combobox', { name: 'Exposure measure' }).selectOption('gamma');
    await page.waitForFunction((v) => document.querySelector('[data-testid="headline-50"] .big')?.textContent === v, `${(summary.headline.gamma.atLeast50 * 100).toFixed(0)}%`);
    await page.close();
  });

  test('overview at phone width: nothing wider than the screen', async () => {
    const page = await open('/', { width: 390, height: 844 });
    await page.getByTestId('headline-50').waitFor();
    await chartsDrawn(page, 5);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `page is ${width}px wide at a 390px viewport`);
    await screenshot(page, 'overview-phone');
    await page.close();
  });

  test('search "accountant" with suggestions, then the occupation page with its tasks', async () => {
    const page = await open('/occupations');
    const box = page.getByRole('combobox', { name: 'Job title' });
    await box.fill('accountant');
    const suggestion = page.locator('.suggestions li').first();
    await suggestion.waitFor();
    assert.match((await suggestion.textContent()) ?? '', /Accountants and Auditors/);
    await box.press('Enter');
    await page.waitForURL(/\/occupations\?q=accountant$/);
    const first = page.locator('table.occupations tbody tr').first();
    await first.getByRole('link', { name: 'Accountants and Auditors' }).waitFor();
    assert.match((await first.textContent()) ?? '', /60%/);
    await chartsDrawn(page, 2);
    await screenshot(page, 'occupations-search');
    await first.getByRole('link', { name: 'Accountants and Auditors' }).click();
    await page.waitForURL(/\/occupations\/13-2011\.00$/);
    await page.getByRole('heading', { name: 'Accountants and Auditors', level: 1 }).waitFor();
    const rows = page.locator('table.tasks tbody tr');
    assert.equal(await rows.count(), 3);
    assert.match((await rows.first().textContent()) ?? '', /Prepare detailed reports on audit findings\./);
    assert.equal(await page.locator('tr.disagree').count(), 1, 'human E2 vs GPT-4 E1 on task 1002');
    assert.match((await page.getByTestId('exposure-human').textContent()) ?? '', /60%/);
    assert.match((await page.locator('main').textContent()) ?? '', /Median annual wage\$80,000/);
    await screenshot(page, 'occupation-desktop');
    await page.getByLabel(/Only tasks where the raters disagree/).check();
    assert.equal(await rows.count(), 1);
    await page.close();
  });

  test('an occupation page opened directly (SPA fallback), at phone width', async () => {
    const page = await open('/occupations/43-9021.00', { width: 390, height: 844 });
    await page.getByRole('heading', { name: 'Data Entry Keyers', level: 1 }).waitFor();
    assert.equal(await page.locator('table.tasks tbody tr').count(), 2);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `page is ${width}px wide`);
    await screenshot(page, 'occupation-phone');
    await page.close();
  });

  test('score tasks with the published labels inline, then with an LLM as a job', async () => {
    const page = await open('/score');
    // Fixture tasks the published human labels rate E1 and E0.
    await page.getByLabel(/Tasks, one per line/).fill('Prepare detailed reports on audit findings.\nLoad and unload building materials.');
    await page.getByLabel('Scorer').selectOption('human');
    await page.getByRole('button', { name: 'Rate 2 tasks' }).click();
    const ratings = page.getByTestId('rating');
    await ratings.first().waitFor();
    assert.equal(await ratings.count(), 2);
    assert.match((await ratings.nth(0).textContent()) ?? '', /E1/);
    assert.match((await ratings.nth(1).textContent()) ?? '', /E0/);
    assert.match((await page.locator('main').textContent()) ?? '', /1 of 2 tasks rated as exposed/);
    await screenshot(page, 'score-desktop');

    await page.getByLabel('Scorer').selectOption('llm');
    await page.getByRole('button', { name: 'Rate 2 tasks' }).click();
    await page.getByRole('status').filter({ hasText: /of 2 tasks rated/ }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="rating"]').length === 2 && !document.querySelector('progress'));
    assert.match((await page.locator('main').textContent()) ?? '', /1 of 2 tasks rated as exposed \(E1 or E2\) by llm/);
    // The page names the rubric the LLM was asked with, and says the T-rubric wording is unverified.
    const rubric = (await page.getByTestId('rubric').textContent()) ?? '';
    assert.match(rubric, /\(eloundou2023, the published text\)/);
    assert.match(rubric, /unverified: no public source for the T-rubric wording/);
    await page.close();
  });

  test('compare and data pages', async () => {
    const page = await open('/compare');
    await chartsDrawn(page, 2);
    assert.ok((await page.locator('figure.chart svg').allTextContents()).some((t) => /How far the exposure measures agree/.test(t)));
    await screenshot(page, 'compare-desktop');
    await page.getByRole('link', { name: 'Data', exact: true }).click();
    await page.getByRole('heading', { name: 'Missing' }).waitFor();
    assert.match((await page.locator('main').textContent()) ?? '', /O\*NET Skills and Knowledge — without it: skill similarity/);
    await screenshot(page, 'data-desktop');
    await page.close();
  });

  test('no page errors, console errors or CSP violations on any page', () => {
    assert.deepEqual(problems, []);
  });
});
