/**
 * The people tools as a user meets them: `jobshift match`, `career` and `workforce` as real
 * processes over a real store (imported from the fixture folder plus O*NET skills, knowledge
 * and related occupations), and the API routes on a real loopback server.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { writeCareerFixture } from '../src/career/fixtures/careerFixture.js';
import { Store } from '../src/data/store.js';
import { CareerProfileSchema, MatchResultSchema, RosterAnalysisSchema } from '../src/server/careerSchemas.js';
import { careerRoutes } from '../src/server/routes/career.js';
import { type RunningServer, serve } from '../src/server/serve.js';
import { jobshift as run } from './support/cli.js';

let dir: string;
let home: string;
/** The CLI over this file's store; `preload` modules load first (e.g. a network blocker). */
const cli = (args: string[], preload: string[] = []) => run(args, { JOBSHIFT_HOME: home }, { preload, timeout: 120_000 });

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'jobshift-career-cli-'));
  home = join(dir, 'home');
  writeCareerFixture(join(dir, 'data'));
  const r = cli(['data', 'import', join(dir, 'data')]);
  assert.equal(r.code, 0, r.stderr);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('match: one query, as text and --json', () => {
  const r = cli(['match', 'data', 'entry', 'clerk', '--top', '2', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.query, 'data entry clerk');
  assert.equal(out.matches[0].code, '43-9021.00');
  assert.ok(out.matches[0].confidence > 0.5 && out.matches[0].confidence <= 1);
  assert.ok(out.matches.length <= 2);
  const text = cli(['match', 'CPA']);
  assert.match(text.stdout, /^1\. 13-2011\.00 {2}Accountants and Auditors {2}confidence \d+%/);
  assert.equal(cli(['match']).code, 2);
  assert.equal(cli(['match', 'x', '--top', 'many']).code, 2);
});

test('match: batch --in/--out writes one TSV row per candidate, query exactly as given', () => {
  const input = join(dir, 'titles.txt');
  const out = join(dir, 'matches.tsv');
  writeFileSync(input, 'Data Entry Clerk\n  certified public accountant \n\nconstruction laborers\n');
  const r = cli(['match', '--in', input, '--out', out, '--top', '2']);
  assert.equal(r.code, 0, r.stderr);
  const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
  assert.equal(lines[0], 'query\trank\tcode\ttitle\tscore');
  const rows = lines.slice(1).map((l) => l.split('\t'));
  assert.deepEqual([...new Set(rows.map((x) => x[0]))], ['Data Entry Clerk', '  certified public accountant ', 'construction laborers']);
  for (const x of rows) assert.ok(Number(x[4]) >= 0 && Number(x[4]) <= 1 && (x[1] === '1' || x[1] === '2'));
  assert.deepEqual(rows.filter((x) => x[1] === '1').map((x) => x[2]), ['43-9021.00', '13-2011.00', '47-2061.00']);
  assert.match(r.stdout, /1 blank lines skipped/);
  assert.equal(cli(['match', '--in', join(dir, 'missing.txt')]).code, 2);
});

test('career --json: occupation, exposure interval, tasks, pathways with reasons', () => {
  const r = cli(['career', 'data entry clerk', '--json', '--resamples', '200']);
  assert.equal(r.code, 0, r.stderr);
  const p = JSON.parse(r.stdout);
  assert.equal(p.occupation.code, '43-9021.00');
  assert.equal(p.exposure.beta, 0.75);
  assert.ok(p.exposure.betaInterval.lo <= 0.75 && p.exposure.betaInterval.hi >= 0.75);
  assert.equal(p.mostExposed[0].likely, 'automation');
  assert.equal(p.pathways[0].code, '13-2011.00');
  const sum = p.pathways[0].reasons.reduce((s: number, x: { contribution: number }) => s + x.contribution, 0);
  assert.ok(Math.abs(sum - p.pathways[0].score) < 1e-9);
  const text = cli(['career', 'data entry clerk', '--resamples', '50']);
  assert.match(text.stdout, /Transition pathways/);
  assert.match(text.stdout, /similarity .* x 0\.40 = /);
  assert.equal(cli(['career']).code, 2);
  assert.equal(cli(['career', 'x', '--code', '99-9999.00']).code, 2);
});

test('workforce: bad rows listed with row numbers, valid rows analysed, no network used', () => {
  const roster = join(dir, 'roster.csv');
  writeFileSync(roster, 'job_title,headcount,department,soc_code\nData Entry Clerk,10,Ops,\nAccountant,5,Finance,13-2011\n,2,Ops,\nData Entry Clerk,1,Ops,\nLaborer,two,Site,\nAnalyst,3,Finance,99-9999\n');
  // Any TCP connection, DNS lookup or fetch ends the process with code 97 (local IPC pipes, which
  // the TypeScript loader uses, stay allowed).
  const noNet = join(dir, 'no-network.mjs');
  writeFileSync(
    noNet,
    `import net from 'node:net'; import dns from 'node:dns';
const stop = (what) => () => { process.stderr.write('NETWORK ATTEMPT: ' + what + '\\n'); process.exit(97); };
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const a = Array.isArray(args[0]) ? args[0][0] : args[0];
  const ipc = typeof a === 'string' || (a && typeof a === 'object' && typeof a.path === 'string');
  return ipc ? connect.apply(this, args) : stop('tcp connect')();
};
dns.lookup = stop('dns'); dns.promises.lookup = stop('dns'); globalThis.fetch = stop('fetch');\n`,
  );
  const r = cli(['workforce', roster, '--json', '--resamples', '100'], [noNet]);
  assert.equal(r.code, 0, r.stderr);
  const a = JSON.parse(r.stdout);
  assert.deepEqual(a.rows.map((x: { row: number }) => x.row), [2, 3]);
  assert.deepEqual(a.errors.map((e: { row: number; field: string }) => [e.row, e.field]), [[4, 'job_title'], [5, 'job_title'], [6, 'headcount'], [7, 'soc_code']]);
  assert.ok(Math.abs(a.totals.beta - (10 * 0.75 + 5 * 0.6) / 15) < 1e-9);
  assert.equal(a.totals.hoursExposed, 2080 * (10 * 0.75 + 5 * 0.6));

  const text = cli(['workforce', roster, '--resamples', '50']);
  assert.equal(text.code, 0);
  assert.match(text.stderr, /roster\.csv, row 6, field "headcount": headcount must be a positive whole number/);
  assert.match(text.stdout, /Headcount-weighted exposure \(beta\): 70%/);

  const html = join(dir, 'roster.html');
  assert.equal(cli(['workforce', roster, '--html', '--out', html, '--resamples', '50']).code, 0);
  const page = readFileSync(html, 'utf8');
  assert.match(page, /<!doctype html>/);
  assert.ok(!/<script|https?:\/\//i.test(page));
});

test('workforce: exit 2 when no row is usable, or the file is not a roster CSV', () => {
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'job_title,headcount\n,3\nClerk,0\n');
  const r = cli(['workforce', bad]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no usable rows/);
  assert.match(r.stderr, /row 2, field "job_title": empty job title/);
  assert.match(r.stderr, /row 3, field "headcount"/);
  assert.ok(!/at .*\.ts:\d+/.test(r.stderr), 'no stack trace');
  const xlsx = join(dir, 'roster.xlsx');
  writeFileSync(xlsx, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0xff, 0xfe, 0]));
  const x = cli(['workforce', xlsx]);
  assert.equal(x.code, 2);
  assert.match(x.stderr, /row 1: not a CSV/);
  const soc = join(dir, 'soc.csv');
  writeFileSync(soc, 'job_title,headcount,soc_code\nAnalyst,3,99-9999\n');
  const s = cli(['workforce', soc]);
  assert.equal(s.code, 2);
  assert.match(s.stderr, /row 2, field "soc_code": unknown SOC code 99-9999/);
  assert.equal(cli(['workforce', join(dir, 'none.csv')]).code, 2);
});

test('API: GET /api/match, POST /api/career and /api/workforce on a loopback server', async () => {
  const store = await Store.open(join(home, 'jobshift.duckdb'));
  let server: RunningServer | undefined;
  try {
    server = await serve({ store, host: '127.0.0.1', port: 0, resamples: 50, rateLimit: false, webRoot: false, routes: [careerRoutes({ store, resamples: 50 })], log: () => undefined });
    const base = server.url;
    // Answers are checked whole against the declared response schemas (strict: no field more or less).
    const read = async <T,>(r: Response) => (await r.json()) as T;
    const asMatch = async (r: Response) => MatchResultSchema.parse(await r.json());
    const asProfile = async (r: Response) => CareerProfileSchema.parse(await r.json());
    const asRoster = async (r: Response) => RosterAnalysisSchema.parse(await r.json());
    type Rejected = { field?: string; errors: { row: number }[] };
    const post = (path: string, body: unknown) => fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    const m = await fetch(`${base}/api/match?q=${encodeURIComponent('data entry clerk')}&top=2`);
    assert.equal(m.status, 200);
    const mj = await asMatch(m);
    assert.equal(mj.matches[0]!.code, '43-9021.00');
    assert.equal((await fetch(`${base}/api/match?q=`)).status, 400);
    assert.equal((await fetch(`${base}/api/match?q=x&top=500`)).status, 400);

    const c = await post('/api/career', { query: 'certified public accountant' });
    assert.equal(c.status, 200);
    const cj = await asProfile(c);
    assert.equal(cj.occupation.code, '13-2011.00');
    assert.equal(cj.exposure?.beta, 0.6);
    assert.ok(cj.pathways.length >= 1);
    const cc = await post('/api/career', { code: '47-2061.00' });
    assert.equal((await asProfile(cc)).occupation.chosen, 'code');
    const ce = await post('/api/career', {});
    assert.equal(ce.status, 400);
    assert.equal((await read<Rejected>(ce)).field, 'query');
    assert.equal((await post('/api/career', { code: '99-9999.00' })).status, 400);

    const w = await post('/api/workforce', { rows: [{ job_title: 'Data Entry Clerk', headcount: 10 }, { job_title: 'Accountant', headcount: 5, soc_code: '13-2011' }, { job_title: '', headcount: 1 }] });
    assert.equal(w.status, 200);
    const wj = await asRoster(w);
    assert.ok(Math.abs(wj.totals.beta! - (10 * 0.75 + 5 * 0.6) / 15) < 1e-9);
    assert.deepEqual(wj.errors.map((e) => e.row), [4]);
    const wc = await post('/api/workforce', { csv: 'job_title,headcount\nData Entry Clerk,4\n' });
    assert.equal((await asRoster(wc)).totals.analysedHeadcount, 4);
    const none = await post('/api/workforce', { csv: 'job_title,headcount\nClerk,0\n' });
    assert.equal(none.status, 422);
    assert.deepEqual((await read<Rejected>(none)).errors.map((e) => e.row), [2]);
    assert.equal((await post('/api/workforce', { rows: [], csv: 'x' })).status, 400);
    const spec = await read<{ paths: Record<string, unknown> }>(await fetch(`${base}/api/openapi.json`));
    assert.ok(spec.paths['/api/match'] && spec.paths['/api/career'] && spec.paths['/api/workforce']);
  } finally {
    await server?.close();
    store.close();
  }
});
