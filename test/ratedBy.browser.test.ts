/**
 * Who rated it and how many work there, in the dashboard (Chromium): a model-rated occupation
 * carries a visible "model estimate" badge and is never shown under "Human raters" or "GPT-4";
 * the table and the occupation page show the OEWS figure of the SOC code and what it covers,
 * never the equal split. Over the fixture store with unlabelled occupations
 * (writeUnlabelledFixtures) and a deterministic stand-in for the built-in model.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { importData } from '../src/data/import.js';
import { Store } from '../src/data/store.js';
import { fixtureFiller, writeFixtureData, writeUnlabelledFixtures } from '../src/data/testFixtures.js';
import type { OccupationDetail, OccupationList, Summary } from '../src/server/schemas.js';
import { type RunningServer, serve } from '../src/server/serve.js';
import { browserSkip as skip, ensureWebBuild, launchChromium, openPage, screenshot } from './support/browser.js';

declare const document: { body: { innerText: string } };

describe('dashboard: who rated it, and SOC employment', { skip }, () => {
  let dir: string;
  let store: Store;
  let server: RunningServer;
  let browser: Browser;
  const problems: string[] = [];

  before(async () => {
    ensureWebBuild();
    dir = mkdtempSync(join(tmpdir(), 'jobshift-ratedby-web-'));
    writeFixtureData(join(dir, 'data'));
    writeUnlabelledFixtures(join(dir, 'data'));
    store = await Store.open(join(dir, 'store.duckdb'));
    await importData(store, [join(dir, 'data')]);
    server = await serve({ store, port: 0, resamples: 20, rateLimit: false, filler: fixtureFiller, log: (m) => problems.push(`server: ${m}`) });
    await server.data.warm();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = (path: string): Promise<Page> => openPage(browser, `${server.url}${path}`, problems);
  const api = async <T>(path: string) => (await (await fetch(`${server.url}${path}`)).json()) as T;

  test('occupation page of a model-rated occupation: a "model estimate" badge, no "Human raters" or "GPT-4", the SOC figure and what it covers', async () => {
    const d = await api<OccupationDetail>('/api/occupations/29-1141.00');
    assert.equal(d.ratedBy, 'model');
    const page = await open('/occupations/29-1141.00');
    await page.getByRole('heading', { name: 'Registered Nurses', level: 1 }).waitFor();
    const badge = page.getByTestId('model-estimate').first();
    await badge.waitFor();
    assert.ok(await badge.isVisible());
    assert.equal((await badge.textContent())?.trim(), 'model estimate');
    const text = await page.evaluate(() => document.body.innerText);
    assert.doesNotMatch(text, /Human raters/i);
    assert.doesNotMatch(text, /GPT-4/);
    assert.match(text, /Built-in model \(estimate\)/);
    // One exposure card for the model, however many scorers it stands in for.
    assert.equal(await page.locator('.headlines .card.headline').count(), 1);
    assert.doesNotMatch(text, /agree on \d+ and disagree on/);
    const workers = (await page.getByTestId('workers').textContent()) ?? '';
    assert.ok(workers.includes(`${d.employment.employmentSoc!.toLocaleString('en-US')} (${d.employment.employmentNote})`), workers);
    assert.ok(!workers.includes(Math.round(d.employment.employment!).toLocaleString('en-US')), 'not the equal split');
    await screenshot(page, dir, 'occupation-model-estimate');
    await page.close();
  });

  test('a labelled occupation keeps "Human raters" and "GPT-4", with no badge on them', async () => {
    const page = await open('/occupations/13-2011.00');
    await page.getByRole('heading', { name: 'Accountants and Auditors', level: 1 }).waitFor();
    assert.match((await page.getByTestId('exposure-human').textContent()) ?? '', /^Human raters/);
    assert.match((await page.getByTestId('exposure-gpt4').textContent()) ?? '', /^GPT-4/);
    assert.equal(await page.getByTestId('exposure-human').getByTestId('model-estimate').count(), 0);
    await page.close();
  });

  test('occupations table: SOC employment with the split note, sorted by it; model-rated rows badged', async () => {
    const list = await api<OccupationList>('/api/occupations?sort=-employment&limit=100');
    const page = await open('/occupations');
    const rows = page.locator('table.occupations tbody tr');
    await rows.first().waitFor();
    const nurseRow = rows.filter({ has: page.getByRole('link', { name: 'Registered Nurses' }) });
    const nurse = list.rows.find((r) => r.code === '29-1141.00')!;
    const cell = (await nurseRow.getByTestId('workers').textContent()) ?? '';
    assert.equal(cell, `${nurse.employmentSoc!.toLocaleString('en-US')}(${nurse.employmentNote})`);
    assert.equal(await nurseRow.getByTestId('model-estimate').count(), 1);
    const acct = rows.filter({ has: page.getByRole('link', { name: 'Accountants and Auditors' }) });
    assert.equal(await acct.getByTestId('model-estimate').count(), 0);
    // Default order: workers, descending, by the SOC figure (the API's order).
    const titles = await rows.locator('td:first-child a').allTextContents();
    assert.deepEqual(titles, list.rows.slice(0, titles.length).map((r) => r.title));
    await screenshot(page, dir, 'occupations-soc-employment');
    await page.close();
  });

  test('overview states the share of employment whose rating is a model estimate', async () => {
    const s = await api<Summary>('/api/summary');
    const page = await open('/');
    const share = page.getByTestId('model-share');
    await share.waitFor();
    assert.match((await share.textContent()) ?? '', new RegExp(`^${(s.coverage.modelEstimateShare * 100).toFixed(0)}% of the covered jobs .* model estimate`));
    await page.close();
  });

  test('My job: the SOC figure with what it covers, and the model-estimate badge', async () => {
    const d = await api<OccupationDetail>('/api/occupations/29-1141.00');
    const page = await open('/my-job?code=29-1141.00');
    const workers = page.getByTestId('workers');
    await workers.waitFor();
    assert.equal(await workers.textContent(), `${d.employment.employmentSoc!.toLocaleString('en-US')} (${d.employment.employmentNote})`);
    assert.ok(await page.getByTestId('model-estimate').first().isVisible());
    const text = await page.evaluate(() => document.body.innerText);
    assert.doesNotMatch(text, /Human raters|human labels/i);
    await page.close();
  });

  test('no page errors', () => {
    assert.deepEqual(problems, []);
  });
});
