/**
 * Reports over the HTTP API as a client meets them: a real server on a random loopback port
 * over the fixture store, POST /api/reports as a job, the files downloaded from
 * /api/reports/{id}/{file}. The narrative test points the server (through its environment, as
 * in production) at a loopback chat-completions server; nothing leaves the machine.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importData } from '../src/data/import.js';
import { Store } from '../src/data/store.js';
import { writeFixtureData } from '../src/data/testFixtures.js';
import { startTestServer, type TestServer } from '../src/llm/testServer.js';
import { percent } from '../src/report/format.js';
import { REPORT_SCENARIOS } from '../src/server/schemas.js';
import { type RunningServer, serve } from '../src/server/serve.js';
import { SCENARIO_NAMES } from '../src/simulate/index.js';
import { json, post } from './support/http.js';

const ENV_KEYS = ['JOBSHIFT_LLM_BASE_URL', 'JOBSHIFT_LLM_MODEL', 'JOBSHIFT_LLM_API_KEY', 'OPENAI_API_KEY', 'JOBSHIFT_LLAMA_MODEL'] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

const CHROMIUM = '/usr/bin/chromium';
const pdfSkip = !existsSync(CHROMIUM)
  ? `${CHROMIUM} is not installed (apt-get install chromium)`
  : (() => {
      try {
        execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
        return false;
      } catch {
        return 'pdfinfo is not installed (apt-get install poppler-utils)';
      }
    })();

const temp: string[] = [];
const tempDir = (prefix = 'jobshift-report-api-') => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temp.push(d);
  return d;
};

/** A raw GET: the path goes on the wire as written (fetch would resolve "..", a client need not). */
function rawGet(base: string, path: string): Promise<{ status: number; type: string; body: string }> {
  const url = new URL(base);
  return new Promise((ok, fail) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('POST /api/reports and GET /api/reports/{id}/{file}', () => {
  let store: Store;
  let server: RunningServer;
  let base: string;
  let reportsDir: string;
  const logged: string[] = [];

  const postReport = (body: unknown) => post(`${base}/api/reports`, body);

  /** Polls the job until it ends; returns the last answer and every progress seen. */
  async function finish(id: string, timeoutMs = 60_000) {
    const seen: { done: number; total: number }[] = [];
    const until = Date.now() + timeoutMs;
    for (;;) {
      const j = await json(await fetch(`${base}/api/jobs/${id}`));
      seen.push(j.progress);
      if (j.status !== 'running') return { job: j, seen };
      if (Date.now() > until) assert.fail(`report job ${id} still running after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Starts a report and waits for it; asserts it succeeded. */
  async function report(body: Record<string, unknown>) {
    const res = await postReport(body);
    const started = await json(res);
    assert.equal(res.status, 202, JSON.stringify(started));
    assert.match(started.job, /^[0-9a-f-]{36}$/);
    assert.equal(res.headers.get('location'), `/api/jobs/${started.job}`);
    const { job, seen } = await finish(started.job);
    assert.equal(job.status, 'done', job.error);
    assert.equal(job.kind, 'report');
    return { id: started.job as string, result: job.result, seen };
  }

  before(async () => {
    for (const k of ENV_KEYS) delete process.env[k];
    const data = tempDir();
    writeFixtureData(data);
    store = await Store.open(join(tempDir(), 'store.duckdb'));
    await importData(store, [data]);
    reportsDir = join(tempDir('jobshift-home-'), 'reports');
    server = await serve({ store, host: '127.0.0.1', port: 0, resamples: 50, rateLimit: false, webRoot: false, reportsDir, log: (m) => logged.push(m) });
    base = server.url;
    await server.data.warm();
  });
  after(async () => {
    await server.jobs.idle();
    await server.close();
    store.close();
    temp.forEach((d) => rmSync(d, { recursive: true, force: true }));
    for (const k of ENV_KEYS) (savedEnv[k] === undefined ? delete process.env[k] : (process.env[k] = savedEnv[k]));
  });

  let done: { id: string; result: any };

  test('a report job finishes; md and html download with their types and carry the headline numbers the API shows', async () => {
    const { id, result, seen } = await report({ formats: ['md', 'html'], scorer: 'gpt4', measure: 'gamma', scenario: 'fast', years: [2025, 2030], draws: 200, seed: 3 });
    done = { id, result };
    assert.ok(seen.every((p) => p.total === 5 && p.done >= 0 && p.done <= 5), JSON.stringify(seen));
    assert.deepEqual(seen.at(-1), { done: 5, total: 5 });
    assert.deepEqual(result.files.map((f: { name: string }) => f.name), ['report.md', 'report.html']);
    assert.ok(result.charts.length >= 5, `charts: ${result.charts.length}`);
    assert.doesNotMatch(JSON.stringify(result), new RegExp(reportsDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'no server paths in the result');
    // Written under the server's reports folder, in the job's own folder, and nowhere else there.
    assert.deepEqual(readdirSync(reportsDir), [id]);
    assert.deepEqual(readdirSync(join(reportsDir, id)).sort(), ['charts', 'report.html', 'report.md']);

    // The same numbers as GET /api/summary for the same scorer and measure (and the same bootstrap).
    const summary = await json(await fetch(`${base}/api/summary?scorer=gpt4&measure=gamma`));
    assert.equal(result.headline.meanExposure.value, summary.headline.gamma.mean);
    assert.equal(result.headline.atLeast50.value, summary.headline.gamma.atLeast50);
    const mean = percent(summary.headline.gamma.mean);
    const interval = `90% interval ${percent(summary.intervals.mean.lo)} to ${percent(summary.intervals.mean.hi)}`;

    const md = await fetch(`${base}${result.files[0].url}`);
    assert.equal(md.status, 200);
    assert.equal(md.headers.get('content-type'), 'text/markdown; charset=utf-8');
    assert.equal(md.headers.get('content-disposition'), `attachment; filename="jobshift-report-${result.date}.md"`);
    assert.equal(md.headers.get('x-content-type-options'), 'nosniff');
    const mdText = await md.text();
    assert.equal(Buffer.byteLength(mdText), result.files[0].bytes);
    assert.match(mdText, /^# How large language models change work/);
    assert.ok(mdText.includes(`Exposure measure gamma, gpt4 task ratings`), 'the scorer and measure asked for');
    assert.ok(mdText.includes('scenario "fast"'), 'the scenario asked for');
    assert.ok(mdText.includes(`A jobshift report, ${result.date}.`));
    assert.ok(mdText.includes(`on average ${mean} of their occupation's task weight is exposed`), `mean ${mean} in the summary prose`);
    assert.ok(mdText.includes(interval), `${interval} in the summary prose`);
    assert.equal(result.scenario.available, true, 'the fixture has BLS projections');
    assert.match(mdText, /In the "fast" scenario, by 2030 /, 'the years asked for');
    assert.doesNotMatch(mdText, /by 2035/);

    const html = await fetch(`${base}${result.files[1].url}`);
    assert.equal(html.status, 200);
    assert.equal(html.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(html.headers.get('content-disposition'), `attachment; filename="jobshift-report-${result.date}.html"`);
    const htmlText = await html.text();
    assert.match(htmlText, /<section class="report-section" id="summary">/);
    assert.ok(htmlText.includes(mean) && htmlText.includes(interval), 'the headline numbers in the HTML');

    // The Markdown's relative chart links resolve to the chart route.
    const link = /!\[[^\]]*\]\((charts\/[^)]+\.svg)\)/.exec(mdText)?.[1];
    assert.ok(link, 'the Markdown links a chart');
    const chartUrl = new URL(link, `${base}${result.files[0].url}`);
    assert.ok(result.charts.some((c: { url: string }) => c.url === chartUrl.pathname), `${chartUrl.pathname} is listed`);
    const chart = await fetch(chartUrl);
    assert.equal(chart.status, 200);
    assert.equal(chart.headers.get('content-type'), 'image/svg+xml');
    assert.match(await chart.text(), /^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  test('unknown job, another kind of job, or a file the job did not write: 404 JSON naming the field', async () => {
    assert.ok(done, 'needs the report of the first test');
    const unknown = await fetch(`${base}/api/reports/00000000-0000-4000-8000-000000000000/report.md`);
    assert.equal(unknown.status, 404);
    assert.match(unknown.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(Object.keys(await json(unknown)).sort(), ['error', 'field']);
    assert.equal((await json(await fetch(`${base}/api/reports/not-a-job/report.md`))).field, 'id');

    const sim = await json(await fetch(`${base}/api/simulate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ draws: 10 }) }));
    await server.jobs.idle();
    const other = await fetch(`${base}/api/reports/${sim.job}/report.md`);
    assert.equal(other.status, 404, 'a simulate job has no report files');
    assert.equal((await json(other)).field, 'id');

    for (const path of ['report.pdf', 'report.docx', 'charts', 'charts/nothing.svg']) {
      const res = await fetch(`${base}/api/reports/${done.id}/${path}`);
      assert.equal(res.status, 404, path);
      const body = await json(res);
      assert.equal(body.field, 'file', path);
    }
    // A file in the job's folder that the job did not write is not served.
    writeFileSync(join(reportsDir, done.id, 'planted.md'), 'not from the report');
    const planted = await fetch(`${base}/api/reports/${done.id}/planted.md`);
    assert.equal(planted.status, 404);
    assert.match((await json(planted)).error, /has no file planted\.md/);
  });

  test('path traversal is refused: nothing outside the files the job listed is read', async () => {
    assert.ok(done, 'needs the report of the first test');
    writeFileSync(join(reportsDir, 'secret.txt'), 'TOP SECRET');
    const encoded = [
      `/api/reports/${done.id}/..%2Fsecret.txt`,
      `/api/reports/${done.id}/..%2F..%2F..%2F..%2Fetc%2Fpasswd`,
      `/api/reports/${done.id}/charts%2F..%2F..%2Fsecret.txt`,
      `/api/reports/${done.id}/charts/..%2F..%2Fsecret.txt`,
      `/api/reports/${done.id}/.hidden`,
    ];
    for (const path of encoded) {
      const r = await rawGet(base, path);
      assert.equal(r.status, 400, path);
      assert.match(r.type, /^application\/json/, path);
      assert.equal(JSON.parse(r.body).field, 'file', path);
    }
    // Dot segments on the wire: resolved before routing, so they never reach a report route.
    // (%2e%2e is a dot segment to URL parsers too.)
    for (const path of [`/api/reports/${done.id}/../../../../etc/passwd`, `/api/reports/${done.id}/../secret.txt`, `/api/reports/${done.id}/charts/../../secret.txt`, `/api/reports/${done.id}/%2e%2e/secret.txt`]) {
      const r = await rawGet(base, path);
      assert.notEqual(r.status, 200, path);
      assert.doesNotMatch(r.body, /TOP SECRET|root:/, path);
    }
    // The id is the registry's, never a path either.
    const byId = await rawGet(base, `/api/reports/..%2F${done.id}/report.md`);
    assert.equal(byId.status, 404);
    assert.doesNotMatch(byId.body, /# How large/);
  });

  test('bad bodies are 400 naming the field, and start nothing', async () => {
    const before = readdirSync(reportsDir).sort();
    for (const [body, field, message] of [
      [{ formats: [] }, 'formats', /at least one format/],
      [{ formats: ['md', 'docx'] }, 'formats[1]', /md|html|pdf/],
      [{ formats: 'md' }, 'formats', /array/],
      [{ scenario: 'utopia' }, 'scenario', /slow|central|fast/],
      [{ scenario: '/etc/passwd' }, 'scenario', /slow|central|fast/],
      [{ scorer: 'oracle' }, 'scorer', /human/],
      [{ scorer: 'llm' }, 'scorer', /no ratings by the llm scorer here \(available: human, gpt4\)/],
      [{ measure: 'delta' }, 'measure', /alpha|beta|gamma/],
      [{ years: [2035, 2025] }, 'years', /FROM <= TO/],
      [{ years: [2025] }, 'years', /./],
      [{ draws: 0 }, 'draws', /./],
      [{ draws: 5001 }, 'draws', /5000/],
      [{ seed: -1 }, 'seed', /./],
      [{ narrative: 'oracle' }, 'narrative', /template|llm|llama/],
      [{ temperature: 5 }, 'temperature', /./],
      [{ outDir: '/tmp/elsewhere' }, 'body', /outDir/],
      [{ baseUrl: 'http://203.0.113.1/v1', narrative: 'llm' }, 'body', /baseUrl/],
      ['{"formats": ["md"', 'body', /not valid JSON/],
    ] as const) {
      const res = await postReport(body);
      const answer = await json(res);
      assert.equal(res.status, 400, `${JSON.stringify(body)}: ${JSON.stringify(answer)}`);
      assert.equal(answer.field, field, JSON.stringify(body));
      assert.match(answer.error, message, JSON.stringify(body));
    }
    await server.jobs.idle();
    assert.deepEqual(readdirSync(reportsDir).sort(), before, 'nothing written');
  });

  test('a model narrative uses the server-configured LLM only: 503 without one; with one, progress, 409 until done, and invented numbers removed', async (t) => {
    const none = await postReport({ narrative: 'llm' });
    assert.equal(none.status, 503);
    const refusal = await json(none);
    assert.equal(refusal.field, 'narrative');
    assert.match(refusal.error, /no LLM server configured/);

    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const llm: TestServer = await startTestServer({
      reply: async (_req, n) => {
        if (n === 1) await gate;
        return { content: 'Across the covered jobs, exposure is uneven. Analysts expect 987.6 million robots by next spring.' };
      },
    });
    t.after(async () => {
      open();
      await server.jobs.idle();
      await llm.close();
    });
    process.env.JOBSHIFT_LLM_BASE_URL = llm.baseUrl;
    process.env.JOBSHIFT_LLM_MODEL = 'report-model';

    const res = await postReport({ formats: ['md'], narrative: 'llm', temperature: 0.3, maxTokens: 120, seed: 11 });
    assert.equal(res.status, 202);
    const { job } = await json(res);
    // Held at the first section's request: the job is at step 1 (narrative) of 5.
    for (let i = 0; i < 400 && llm.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    assert.equal(llm.requests.length, 1, 'the configured server was asked');
    const running = await json(await fetch(`${base}/api/jobs/${job}`));
    assert.equal(running.status, 'running');
    assert.equal(running.progress.total, 5);
    assert.ok(running.progress.done >= 1 && running.progress.done < 2, JSON.stringify(running.progress));
    const early = await fetch(`${base}/api/reports/${job}/report.md`);
    assert.equal(early.status, 409);
    assert.equal((await json(early)).field, 'id');

    open();
    const { job: finished } = await finish(job);
    assert.equal(finished.status, 'done', finished.error);
    const sent = llm.requests[0]!.body;
    assert.equal(sent.model, 'report-model');
    assert.equal(sent.temperature, 0.3);
    assert.equal(sent.max_tokens, 120);
    assert.equal(sent.seed, 11);
    const r = finished.result;
    assert.equal(r.narrative.kind, 'llm');
    assert.match(r.narrative.author, /report-model/);
    assert.ok(r.narrative.removed.length > 0 && r.narrative.removed.every((x: { text: string }) => x.text === '987.6 million'));
    const md = await (await fetch(`${base}${r.files[0].url}`)).text();
    assert.match(md, /exposure is uneven/);
    assert.doesNotMatch(md, /987\.6|robots/);
  });

  test('PDF: application/pdf, printed by Chromium', { skip: pdfSkip, timeout: 120_000 }, async () => {
    const { result } = await report({ formats: ['pdf'] });
    assert.deepEqual(result.files.map((f: { name: string }) => f.name), ['report.pdf']);
    const res = await fetch(`${base}${result.files[0].url}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="jobshift-report-${result.date}.pdf"`);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.equal(bytes.length, result.files[0].bytes);
    const file = join(tempDir(), 'r.pdf');
    writeFileSync(file, bytes);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
    assert.ok(pages >= 5, `pages: ${pages}`);
  });

  test('folders of reports the server no longer knows are removed when a report starts; others stay', async () => {
    const stale = '11111111-2222-4333-8444-555555555555';
    mkdirSync(join(reportsDir, stale, 'charts'), { recursive: true });
    writeFileSync(join(reportsDir, stale, 'report.md'), 'old');
    mkdirSync(join(reportsDir, `.${stale}.tmp-abc123`));
    mkdirSync(join(reportsDir, 'not-a-report'));
    const known = readdirSync(reportsDir).filter((n) => /^[0-9a-f-]{36}$/.test(n) && n !== stale);
    assert.ok(known.length > 0);
    const { id } = await report({ formats: ['md'] });
    const now = readdirSync(reportsDir);
    assert.ok(!now.includes(stale) && !now.includes(`.${stale}.tmp-abc123`), `stale folders removed: ${now.join(', ')}`);
    for (const n of [...known, id, 'not-a-report', 'secret.txt']) assert.ok(now.includes(n), `${n} kept`);
  });

  test('a pdf on a server without Chromium is 503 naming formats', async () => {
    const other = await serve({ store, host: '127.0.0.1', port: 0, resamples: 20, rateLimit: false, webRoot: false, reportsDir: join(tempDir(), 'reports'), chromiumPath: join(tempDir(), 'no-chromium'), log: () => undefined });
    try {
      const res = await fetch(`${other.url}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ formats: ['md', 'pdf'] }) });
      assert.equal(res.status, 503);
      const body = await json(res);
      assert.equal(body.field, 'formats');
      assert.match(body.error, /pdf is not available on this server/);
      assert.doesNotMatch(body.error, /no-chromium/, 'no server paths');
    } finally {
      await other.data.warm().catch(() => undefined);
      await other.close();
    }
  });

  test('in the OpenAPI document; the scenarios offered are the engine\'s built-in ones', async () => {
    const doc = await json(await fetch(`${base}/api/openapi.json`));
    assert.ok(doc.paths['/api/reports'].post.responses['202']);
    assert.ok(doc.paths['/api/reports'].post.requestBody.content['application/json']);
    const file = doc.paths['/api/reports/{id}/{file}'].get;
    assert.ok(file.responses['200'].content['application/pdf'] && file.responses['404'] && file.responses['200'].headers['content-disposition']);
    assert.ok(doc.paths['/api/reports/{id}/charts/{file}'].get);
    assert.ok(doc.components.schemas.ReportRequest && doc.components.schemas.ReportJobResult);
    assert.deepEqual([...REPORT_SCENARIOS], [...SCENARIO_NAMES]);
    assert.deepEqual(logged, [], 'nothing went wrong on the server');
  });
});
