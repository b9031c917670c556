/**
 * `jobshift report` as a user runs it: real processes, a real store, exit codes. The full
 * report over the real data (../shared/data through JOBSHIFT_DATA; skipped without it), and
 * bad input on the fixture store: one line, exit 2, nothing written.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { before, test } from 'node:test';
import { importData } from '../src/data/import.js';
import { Store } from '../src/data/store.js';
import { writeFixtureData } from '../src/data/testFixtures.js';
import { SECTION_IDS, SECTION_TITLES } from '../src/report/document.js';
import { makeReport, type ReportFormat } from '../src/report/report.js';
import { jobshift } from './support/cli.js';
import { tempDirs } from './support/temp.js';

const data = process.env.JOBSHIFT_DATA;
const tempDir = tempDirs('jobshift-report-cli-');

const hasPdf = existsSync('/usr/bin/chromium') && spawnSync('pdfinfo', ['-v']).status === 0;

let fixtureHome = '';
before(() => {
  fixtureHome = tempDir();
  const dir = tempDir();
  writeFixtureData(dir);
  const r = jobshift(['data', 'import', dir], { JOBSHIFT_HOME: fixtureHome });
  assert.equal(r.code, 0, r.stderr);
});

test('bad input: one clear line, exit 2, no report and no temporary folder left', async () => {
  const parent = tempDir();
  const out = join(parent, 'report');
  writeFileSync(join(parent, 'not-a-model.gguf'), 'plain text');
  writeFileSync(join(parent, 'file'), '');
  // A loopback port with nothing listening: open one, note it, close it.
  const probe = createServer();
  await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', ok));
  const closedPort = (probe.address() as AddressInfo).port;
  await new Promise((ok) => probe.close(ok));
  const cases: [string[], Record<string, string>, RegExp][] = [
    [['--format', 'md,docx'], {}, /unknown format "docx" \(available: md, html, pdf\)/],
    [['--narrative', 'oracle'], {}, /unknown narrative "oracle" \(available: template, llm, llama\)/],
    [['--scenario', 'utopia'], {}, /unknown scenario "utopia"/],
    [['--narrative', 'llama'], { JOBSHIFT_LLAMA_MODEL: join(parent, 'missing.gguf') }, /model file not found: .*missing\.gguf/],
    [['--narrative', 'llama'], { JOBSHIFT_LLAMA_MODEL: join(parent, 'not-a-model.gguf') }, /not a GGUF model file/],
    [['--narrative', 'llm'], { JOBSHIFT_LLM_BASE_URL: `http://127.0.0.1:${closedPort}/v1`, JOBSHIFT_LLM_MODEL: 'm' }, new RegExp(`127\\.0\\.0\\.1:${closedPort}`)],
    [['--narrative', 'llm'], {}, /no LLM server configured/],
    [['--temperature', 'hot', '--narrative', 'llm'], {}, /temperature.*must be a number from 0 to 2, got "hot"/],
  ];
  for (const [args, env, message] of cases) {
    const r = jobshift(['report', '--out', out, '--format', 'md', ...args], { JOBSHIFT_HOME: fixtureHome, ...env });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/);
    assert.equal(existsSync(out), false, `${args.join(' ')}: nothing written`);
    assert.deepEqual(readdirSync(parent).filter((f) => f.includes('.tmp-')), []);
  }
  const r = jobshift(['report', '--out', join(parent, 'file', 'report'), '--format', 'md'], { JOBSHIFT_HOME: fixtureHome });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /cannot write the report to .*file\/report/);
});

test('fixture store: report --json lists every section and the files written', () => {
  const out = join(tempDir(), 'r');
  const r = jobshift(['report', '--out', out, '--format', 'md,html', '--json'], { JOBSHIFT_HOME: fixtureHome });
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(j.sections.map((s: { id: string }) => s.id), [...SECTION_IDS]);
  assert.ok(j.files.includes('report.md') && j.files.includes('report.html'));
  assert.ok(j.charts >= 5);
  assert.ok(existsSync(join(out, 'report.md')));
});

test('llama narrative: a local GGUF model writes the prose (tiny random model: gibberish, but loaded, sampled and checked)', async (t) => {
  const model = data ? resolve(data, '..', 'models', 'llama-2-tiny-random.gguf') : '';
  if (!model || !existsSync(model)) return t.skip('the tiny GGUF model (../shared/models/llama-2-tiny-random.gguf) is not available');
  const out = join(tempDir(), 'r');
  const r = jobshift(['report', '--out', out, '--format', 'md', '--narrative', 'llama', '--max-tokens', '40', '--temperature', '0.8', '--seed', '3', '--json'], { JOBSHIFT_HOME: fixtureHome, JOBSHIFT_LLAMA_MODEL: model });
  if (r.code === 2 && /node-llama-cpp/.test(r.stderr)) return t.skip(r.stderr.trim());
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.match(j.narrative.author, /^llama model llama-2-tiny-random\.gguf$/);
  assert.match(readFileSync(join(out, 'report.md'), 'utf8'), /Prose written by llama model llama-2-tiny-random\.gguf/);
});

test('real data: every section, at least five charts with data, a PDF of at least five pages', { timeout: 180_000 }, async (t) => {
  if (!data) return t.skip('JOBSHIFT_DATA not set');
  // In process (the CLI wiring is covered above): a real store imported from the real data.
  const store = await Store.open(join(tempDir(), 'store.duckdb'));
  await importData(store, [data]);
  const oewsYears = (await store.all<{ year: number }>(`SELECT DISTINCT year FROM employment ORDER BY year`)).map((r) => r.year);
  const out = join(tempDir(), 'jobshift-report');
  const formats: ReportFormat[] = hasPdf ? ['md', 'html', 'pdf'] : ['md', 'html'];
  if (!hasPdf) t.diagnostic('PDF left out: /usr/bin/chromium or pdfinfo is not installed');
  let j: Awaited<ReturnType<typeof makeReport>>;
  try {
    j = await makeReport(store, { outDir: out, formats });
  } finally {
    store.close();
  }
  const md = readFileSync(join(out, 'report.md'), 'utf8');
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  for (const id of SECTION_IDS) {
    assert.ok(md.includes(SECTION_TITLES[id]), `markdown: ${id}`);
    assert.ok(html.includes(`id="${id}"`), `html: ${id}`);
  }
  // Real numbers in the prose: the share of workers >= 50% exposed, GPTs-are-GPTs-like range.
  const atLeast50 = Number(/(\d+\.\d)% of workers are in occupations where at least half/.exec(md)?.[1]);
  assert.ok(atLeast50 > 10 && atLeast50 < 40, `share >= 50% exposed: ${atLeast50}`);
  const svgs = readdirSync(join(out, 'charts')).filter((f) => f.endsWith('.svg'));
  assert.ok(svgs.length >= 5, `charts: ${svgs.join(', ')}`);
  for (const f of svgs) {
    const svg = readFileSync(join(out, 'charts', f), 'utf8');
    assert.match(svg, /^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, f);
    assert.doesNotMatch(svg, /NaN/, f);
    const marks = (svg.match(/aria-roledescription="(bar|circle|rect mark|line mark|area mark)"|aria-label="Occupation: |class="flow"/g) ?? []).length;
    assert.ok(marks >= 3, `${f}: ${marks} data marks`);
  }
  // Scenario sections: the engine's numbers with bands, and the flow diagram with numbers on its edges.
  if (j.scenario.available) {
    assert.ok(svgs.includes('scenario-fan.svg'), 'fan chart');
    assert.match(md, /Table \d+\. Scenario "central": change in jobs against the BLS projection path/);
    assert.match(md, /```mermaid\nflowchart LR\n[\s\S]*exposed -- "-?[\d.,]+( million)? \([^)]+\)" --> substituted[\s\S]*```/);
    assert.ok(svgs.includes('scenario-flows.svg'));
    assert.match(html, /<pre class="mermaid">flowchart LR/);
  } else {
    t.diagnostic(`scenario engine not available: ${'reason' in j.scenario ? j.scenario.reason : ''}`);
    assert.match(md, /scenario engine[^\n]*not/i);
  }
  // Comparison with published measures and the backtest ran on the real data.
  assert.match(md, /Table \d+\. Agreement of jobshift's human scores with each measure/);
  assert.match(md, /LM-AIOE \| \d+ \| 0\.\d\d/);
  // The backtest's main window runs from May 2022 (the last OEWS period before ChatGPT) to the newest OEWS year imported, beside the placebo.
  assert.ok(md.includes(`Employment change May 2022 to May ${oewsYears[oewsYears.length - 1]} by exposure quintile (beta), beside the placebo window May 2021 to May 2022 before ChatGPT`), 'backtest caption');
  assert.match(md, /\| Employment change for beta 10 points higher \| [+−]\d+\.\d+% \| [+−]\d+\.\d+% \|/);
  if (hasPdf) {
    const info = execFileSync('pdfinfo', [join(out, 'report.pdf')], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    assert.ok(pages >= 5, `PDF pages: ${pages}`);
    t.diagnostic(`PDF ${pages} pages; report in ${j.seconds.total} s`);
  }
});
