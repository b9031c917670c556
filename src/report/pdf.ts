/**
 * HTML to PDF with headless Chromium (Debian's /usr/bin/chromium through playwright-core; no
 * browser download). The page is loaded from a string with every network request refused,
 * so printing cannot reach outside the machine.
 */
import { existsSync } from 'node:fs';
import { InputError } from '../util/errors.js';

export const CHROMIUM_PATH = process.env.JOBSHIFT_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Print a standalone HTML document to a PDF file (A4, backgrounds, page numbers in the footer). */
export async function htmlToPdf(html: string, outFile: string, options: { executablePath?: string; title?: string } = {}): Promise<void> {
  const executablePath = options.executablePath ?? CHROMIUM_PATH;
  if (!existsSync(executablePath)) {
    throw new InputError(`the PDF needs Chromium at ${executablePath}, which is missing (apt-get install chromium, or set JOBSHIFT_CHROMIUM; or leave pdf out of --format)`, { field: 'format' });
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    await page.pdf({
      path: outFile,
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font: 8px system-ui, sans-serif; color: #666; width: 100%; padding: 0 15mm; display: flex; justify-content: space-between;"><span>${(options.title ?? 'jobshift report').replace(/[<>&"]/g, '')}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
    });
    await context.close();
  } finally {
    await browser.close();
  }
}
