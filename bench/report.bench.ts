/**
 * Report speed: `jobshift report` without an LLM (template narrative), Markdown + HTML + PDF,
 * over the real data, as the CLI runs it (the local model filling label gaps; its one-off
 * training is timed apart). Goal < 20 s. Prints each stage.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gapFiller } from '../src/cli/models.js';
import { importData } from '../src/data/import.js';
import { Store } from '../src/data/store.js';
import { makeReport, type ReportFormat } from '../src/report/report.js';

const data = process.env.JOBSHIFT_DATA ?? '../shared/data';
const dir = mkdtempSync(join(tmpdir(), 'jobshift-bench-report-'));
try {
  const store = await Store.open(join(dir, 'store.duckdb'));
  await importData(store, [data]);
  const trainStart = performance.now();
  const filler = await gapFiller(store);
  console.log(`local model for label gaps (trained once per store): ${((performance.now() - trainStart) / 1000).toFixed(2)} s`);
  const formats: ReportFormat[] = existsSync('/usr/bin/chromium') ? ['md', 'html', 'pdf'] : ['md', 'html'];
  if (!formats.includes('pdf')) console.log('(no /usr/bin/chromium: PDF left out)');
  for (const run of ['first', 'second']) {
    const t = performance.now();
    const r = await makeReport(store, { outDir: join(dir, `report-${run}`), formats, filler });
    const total = (performance.now() - t) / 1000;
    const s = r.seconds;
    console.log(
      `report (${formats.join('+')}, template narrative, ${r.charts} charts), ${run} run: ${total.toFixed(2)} s (goal < 20 s) — facts ${s.facts.toFixed(2)} s, charts+md+html ${s.render.toFixed(2)} s, pdf ${s.pdf.toFixed(2)} s`,
    );
  }
  store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
