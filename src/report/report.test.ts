/**
 * The report over the fixture store: every section, valid SVG charts with data marks, a PDF
 * when Chromium is installed, grounding of model prose against a real loopback
 * chat-completions server, and atomic output when something fails.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { importData } from '../data/import.js';
import { Store } from '../data/store.js';
import { writeFixtureData } from '../data/testFixtures.js';
import { startTestServer, userMessage } from '../llm/testServer.js';
import { InputError } from '../util/errors.js';
import { SECTION_IDS, SECTION_TITLES } from './document.js';
import { gatherFacts, type ReportFacts } from './facts.js';
import { factNumbers, groundPassage } from './grounding.js';
import { flowSvg, mermaidSource, scenarioFlowGraph } from './mermaid.js';
import { NARRATED, sectionFacts, templateNarrative } from './narrative.js';
import { makeReport, parseFormats, parseNarrative } from './report.js';
import { normaliseSimulation } from './simulation.js';

const CHROMIUM = '/usr/bin/chromium';
const hasPdfTools = (() => {
  try {
    execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const pdfSkip = !existsSync(CHROMIUM) ? `${CHROMIUM} is not installed (apt-get install chromium)` : !hasPdfTools ? 'pdfinfo is not installed (apt-get install poppler-utils)' : false;

let dir = '';
let store: Store;
let facts: ReportFacts;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jobshift-report-'));
  writeFixtureData(join(dir, 'data'));
  store = await Store.open(join(dir, 'store.duckdb'));
  await importData(store, [join(dir, 'data')]);
  facts = await gatherFacts(store, { resamples: 50, date: '2026-01-01' });
});
after(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Structural SVG check: root element, balanced groups, size, no NaN; returns the count of data marks. */
export function assertSvgWithData(svg: string, name: string): number {
  assert.match(svg, /^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, `${name}: an SVG root`);
  assert.match(svg.trim(), /<\/svg>$/, `${name}: closed`);
  assert.equal((svg.match(/<g[\s>]/g) ?? []).length, (svg.match(/<\/g>/g) ?? []).length, `${name}: balanced groups`);
  assert.doesNotMatch(svg, /NaN|undefined/, `${name}: no NaN`);
  const marks = (svg.match(/aria-roledescription="(bar|circle|rect mark|line mark|rect|area mark|symbol)"|class="(flow|node)"|aria-label="Occupation: /g) ?? []).length;
  assert.ok(marks > 0, `${name}: has data marks`);
  return marks;
}

const leftovers = (parent: string) => readdirSync(parent).filter((f) => f.includes('.tmp-'));

test('formats and narrative kinds are checked', () => {
  assert.deepEqual(parseFormats('html,md'), ['html', 'md']);
  assert.deepEqual(parseFormats(undefined), ['md', 'html', 'pdf']);
  assert.throws(() => parseFormats('md,docx'), (e: unknown) => e instanceof InputError && /unknown format "docx" \(available: md, html, pdf\)/.test(e.message));
  assert.throws(() => parseNarrative('gpt'), (e: unknown) => e instanceof InputError && /unknown narrative "gpt"/.test(e.message));
});

test('template prose states only numbers that are in its section facts', () => {
  for (const id of NARRATED) {
    const text = templateNarrative(facts, id).join('\n\n');
    const checked = groundPassage(text, sectionFacts(facts, id));
    assert.deepEqual(checked.removed, [], `section ${id}: ${JSON.stringify(checked.removed)}`);
  }
});

test('report (md, html) on the fixture store: every section, charts, tables with units, sources', async () => {
  const out = join(dir, 'r-md-html');
  const r = await makeReport(store, { outDir: out, formats: ['md', 'html'], resamples: 50, date: '2026-01-01' });
  assert.deepEqual(r.sections.map((s) => s.id), [...SECTION_IDS]);
  const md = readFileSync(join(out, 'report.md'), 'utf8');
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  for (const id of SECTION_IDS) {
    assert.match(md, new RegExp(`## \\d+\\. ${SECTION_TITLES[id].replace(/[?:()]/g, '\\$&')}`), `markdown has ${id}`);
    assert.match(html, new RegExp(`<section class="report-section" id="${id}">`), `html has ${id}`);
  }
  const charts = readdirSync(join(out, 'charts')).filter((f) => f.endsWith('.svg'));
  assert.ok(charts.length >= 5, `at least five charts, got ${charts.join(', ')}`);
  for (const c of charts) {
    assertSvgWithData(readFileSync(join(out, 'charts', c), 'utf8'), c);
    assert.match(md, new RegExp(`!\\[[^\\]]*\\]\\(charts/${c.replace('.', '\\.')}\\)`), `markdown links ${c}`);
  }
  // Standalone HTML: every chart inline, nothing fetched from the network.
  assert.equal((html.match(/<figure id="fig-[^"]+"><svg/g) ?? []).length, r.charts);
  assert.doesNotMatch(html.replace(/xmlns(:\w+)?="http:\/\/www\.w3\.org\/[^"]+"/g, ''), /(src|href)="https?:|url\(https?:|@import/);
  assert.doesNotMatch(html, /<script/);
  // Inline SVG ids are scoped per chart, so clip paths and gradients cannot collide.
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(new Set(ids).size, ids.length, 'ids unique in the page');
  // Tables carry units; sources and licenses are named; papers are cited.
  assert.match(md, /\| Workers \(jobs\) \|/);
  assert.match(md, /CC BY 4\.0/);
  assert.match(md, /Eloundou, T\., Manning, S\., Mishkin, P\. & Rock, D\. \(2024\)/);
  for (const cite of ['Felten', 'Tomlinson', 'Gmyrek', 'Frey, C. B.', 'Handa', 'Acemoglu, D. (2024)', 'Acemoglu, D. & Restrepo, P. (2019)']) assert.ok(md.includes(cite), `cites ${cite}`);
  // Scenario sections: the engine's results, or a plain statement that it is not available.
  if (facts.simulation.available) assert.match(md, /```mermaid\nflowchart LR/);
  else assert.match(md, /scenario engine[^\n]*not (part of this build|available)/i);
  assert.deepEqual(leftovers(dir), []);
});

test('mermaid and SVG flow diagram carry the scenario numbers on their edges', () => {
  const sim = normaliseSimulation({
    scenario: 'central',
    years: [
      { year: 2026, displaced: { p5: 100, p50: 200, p95: 300 }, augmented: 500, created: { p5: 50, p50: 80, p95: 120 }, net: { p5: -250, p50: -120, p95: 20 } },
      { year: 2030, displaced: { p5: 1_000_000, p50: 2_000_000, p95: 3_100_000 }, augmented: { p5: 4e6, p50: 5e6, p95: 6e6 }, created: { p5: 5e5, p50: 9e5, p95: 1.4e6 }, net: { p5: -2.6e6, p50: -1.1e6, p95: 4e5 } },
    ],
    occupations: [],
    flows: [
      { from: 'Data Entry Keyers', to: 'Customer Service Representatives', workers: { p5: 1e5, p50: 2e5, p95: 3e5 } },
      { from: 'Data Entry Keyers', to: 'unemployed', workers: { p5: 2e4, p50: 5e4, p95: 9e4 } },
      { from: 'Bookkeeping Clerks', to: 'Accountants and Auditors', workers: { p5: 5e4, p50: 1e5, p95: 1.5e5 } },
    ],
    macro: { tfp: { p50: 0.006 } },
  });
  const g = scenarioFlowGraph(sim);
  const src = mermaidSource(g);
  assert.match(src, /^flowchart LR/m);
  assert.match(src, /exposed -- "2\.00 million \(1\.00–3\.10 million\)" --> substituted/);
  assert.match(src, /newwork -- "900,000 \(500,000–1\.40 million\)" --> created/);
  assert.match(src, /substituted -- "300,000 \(150,000–450,000\)" --> moved/);
  assert.match(src, /substituted -- "50,000 \(20,000–90,000\)" --> unemployed/);
  assert.match(src, /dest1\["Customer Service Representatives"\]/);
  const svg = flowSvg(g, { title: 'Flows' });
  assert.equal((svg.match(/class="flow"/g) ?? []).length, g.edges.length);
  assert.ok(svg.includes('>2.00 million<') && svg.includes('>1.00–3.10 million<'), 'the substituted box states its inflow');
  assertSvgWithData(svg, 'flows');
  assert.deepEqual(sim.macroBands, [{ name: 'tfp', band: { p5: 0.006, p50: 0.006, p95: 0.006 } }]);
});

test('llm narrative: prose from a loopback server is grounded; an invented number is removed and flagged', async () => {
  const server = await startTestServer({
    reply: (req) => {
      // A real number from the facts the model was given, then one it made up.
      const json = /Facts \(JSON\):\n([\s\S]*?)\n\nWrite/.exec(userMessage(req))?.[1] ?? '{}';
      const real = factNumbers(JSON.parse(json)).find((x) => x > 1000 && Number.isInteger(x));
      return { content: `${real ? `The facts count ${real} of something.` : 'The facts are sparse here.'} Analysts expect 987.6 million robots by next spring.` };
    },
  });
  try {
    const out = join(dir, 'r-llm');
    const r = await makeReport(store, {
      outDir: out,
      formats: ['md', 'html'],
      narrative: 'llm',
      sampling: { temperature: 0.2, topK: 20, topP: 0.9, maxTokens: 200, seed: 7 },
      providerOptions: { baseUrl: server.baseUrl, model: 'test-model', maxRetries: 0 },
      resamples: 50,
    });
    assert.equal(server.requests.length, NARRATED.length, 'one request per narrated section');
    const body = server.requests[0]!.body;
    assert.equal(body.temperature, 0.2);
    assert.equal(body.top_p, 0.9);
    assert.equal(body.seed, 7);
    assert.equal(r.narrative.removed.length, NARRATED.length);
    assert.ok(r.narrative.removed.every((x) => x.text === '987.6 million'));
    assert.ok(r.narrative.grounded > 0, 'real numbers kept');
    for (const f of ['report.md', 'report.html']) {
      const text = readFileSync(join(out, f), 'utf8');
      assert.doesNotMatch(text, /987\.6|robots/, `${f}: the invented number is gone`);
      assert.match(text, /Flagged:/, `${f}: the passage is flagged`);
      assert.match(text, /stated numbers not found in the computed facts/);
    }
    // Same seed, same request: the second report comes from the cache, not the server.
    const before = server.requests.length;
    await makeReport(store, { outDir: join(dir, 'r-llm-2'), formats: ['md'], narrative: 'llm', sampling: { temperature: 0.2, topK: 20, topP: 0.9, maxTokens: 200, seed: 7 }, providerOptions: { baseUrl: server.baseUrl, model: 'test-model', maxRetries: 0 }, resamples: 50 });
    assert.equal(server.requests.length, before, 'cached');
  } finally {
    await server.close();
  }
});

test('atomic output: an unreachable server, a failing PDF printer or a bad model leave no report behind', async () => {
  const parent = join(dir, 'atomic');
  mkdirSync(parent);
  const server = await startTestServer();
  const url = server.baseUrl;
  await server.close();
  const out = join(parent, 'report');
  await assert.rejects(
    makeReport(store, { outDir: out, formats: ['md', 'html'], narrative: 'llm', providerOptions: { baseUrl: url, model: 'm', maxRetries: 0 }, resamples: 20 }),
    (e: unknown) => e instanceof InputError,
  );
  assert.equal(existsSync(out), false);
  assert.deepEqual(leftovers(parent), []);
  // A server that answers only errors: one clear InputError naming the section, nothing written.
  const failing = await startTestServer({ reply: () => ({ status: 500, body: 'boom' }) });
  try {
    await assert.rejects(
      makeReport(store, { outDir: out, formats: ['md'], narrative: 'llm', providerOptions: { baseUrl: failing.baseUrl, model: 'm', maxRetries: 0 }, resamples: 20 }),
      (e: unknown) => e instanceof InputError && /failed while writing the "Summary" section/.test(e.message),
    );
  } finally {
    await failing.close();
  }
  assert.equal(existsSync(out), false);
  assert.deepEqual(leftovers(parent), []);
  // The PDF printer fails after Markdown and HTML were written (to the temporary folder).
  await assert.rejects(makeReport(store, { outDir: out, formats: ['md', 'html', 'pdf'], chromiumPath: '/bin/false', resamples: 20 }));
  assert.equal(existsSync(out), false);
  assert.deepEqual(leftovers(parent), []);
  // An earlier report in the folder survives a failed run untouched.
  mkdirSync(out);
  writeFileSync(join(out, 'report.md'), 'previous');
  await assert.rejects(makeReport(store, { outDir: out, formats: ['md', 'pdf'], chromiumPath: '/bin/false', resamples: 20 }));
  assert.equal(readFileSync(join(out, 'report.md'), 'utf8'), 'previous');
  assert.deepEqual(leftovers(parent), []);
  // Model files: missing, not GGUF.
  await assert.rejects(makeReport(store, { outDir: join(parent, 'x'), narrative: 'llama', providerOptions: { modelPath: join(dir, 'missing.gguf') } }), /model file not found/);
  writeFileSync(join(dir, 'fake.gguf'), 'not a model');
  await assert.rejects(makeReport(store, { outDir: join(parent, 'x'), narrative: 'llama', providerOptions: { modelPath: join(dir, 'fake.gguf') } }), /not a GGUF model file/);
  assert.equal(existsSync(join(parent, 'x')), false);
  // An output folder that cannot be written: a parent that is a file.
  writeFileSync(join(parent, 'file'), '');
  await assert.rejects(makeReport(store, { outDir: join(parent, 'file', 'report'), formats: ['md'] }), (e: unknown) => e instanceof InputError && /cannot write the report/.test(e.message));
  await assert.rejects(makeReport(store, { outDir: join(parent, 'file'), formats: ['md'] }), /exists and is not a directory/);
  assert.deepEqual(leftovers(parent), []);
});

test('PDF: printed by headless Chromium, at least five A4 pages', { skip: pdfSkip }, async () => {
  const out = join(dir, 'r-pdf');
  const r = await makeReport(store, { outDir: out, formats: ['html', 'pdf'], resamples: 20 });
  assert.ok(r.files.includes('report.pdf'));
  const info = execFileSync('pdfinfo', [join(out, 'report.pdf')], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  assert.ok(pages >= 5, `pages: ${pages}`);
  assert.match(info, /Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)|Page size:\s+594\.\d+ x 841\.\d+ pts/);
});
