/**
 * What the browser tests share: the dashboard built when stale, Debian's chromium through
 * playwright-core, pages that record errors, console errors and CSP violations, screenshots.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { webBuildIsStale } from '../../src/server/static.js';
import { root } from './cli.js';

export { root };

// The few DOM names the in-page callbacks use (tests are type-checked without the DOM library).
declare const document: {
  addEventListener(type: 'securitypolicyviolation', listener: (e: { violatedDirective: string; blockedURI: string }) => void): void;
};

export const CHROMIUM = '/usr/bin/chromium';
export const webRoot = join(root, 'dist', 'web');
/** Screenshots for people to look at. */
export const SHARED_SCREENS = '/tmp/jobshift-screens';
/** A reason to skip, or false when chromium is there. */
export const browserSkip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install chromium)`;

/** Builds dist/web with vite when it is missing or older than its sources. */
export function ensureWebBuild(): void {
  if (!webBuildIsStale(webRoot, ['src/web', 'src/report/charts', 'src/server/schemas.ts', 'vite.config.ts'].map((p) => join(root, p)))) return;
  const built = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  assert.equal(built.status, 0, `vite build failed:\n${built.stdout}\n${built.stderr}`);
}

export function launchChromium(): Promise<Browser> {
  mkdirSync(SHARED_SCREENS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Opens `url`; page errors, console errors and CSP violations are pushed to `problems`. */
export async function openPage(browser: Browser, url: string, problems: string[], viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  const path = new URL(url).pathname;
  page.on('pageerror', (e) => problems.push(`page error on ${path}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error on ${path}: ${m.text()}`);
  });
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)));
  await page.goto(url);
  return page;
}

/** A full-page screenshot into `dir`, copied to SHARED_SCREENS. */
export async function screenshot(page: Page, dir: string, name: string): Promise<string> {
  const file = join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (dir !== SHARED_SCREENS) copyFileSync(file, join(SHARED_SCREENS, `${name}.png`));
  return file;
}
