/**
 * `data fetch` against loopback servers playing onetcenter.org, bls.gov, raw.githubusercontent.com
 * and huggingface.co, with the real source table (its pinned hashes removed where the fixture
 * bytes stand in for the real files). Every failure mode has its test: 403, 404, a slow body, a
 * stalled body, changed bytes, an unknown EP vintage, other bytes at a pin, offline, one source
 * down while the others arrive.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { jobshiftAsync } from '../../test/support/cli.js';
import { InputError } from '../util/errors.js';
import { fetchAndImport, fetchedAnything, fetchSources, type FetchOptions, type FetchSummary, sourceAddresses } from './fetch.js';
import { rememberContact, resolveContact, userAgent } from './fetch/contact.js';
import { readLock } from './fetch/lock.js';
import { type FetchSource, officialSources, urlOverrideVariable } from './fetch/sources.js';
import { dataStatus } from './status.js';
import { Store } from './store.js';
import { csv, tsv, writeFixtureData, writeWorkbook } from './testFixtures.js';
import { tempDirs } from '../../test/support/temp.js';

const tempDir = tempDirs('jobshift-fetch-');

// ---- fixtures: every source's files, small, in their publishers' formats --------------------

const GPTS = officialSources.find((s) => s.id === 'gpts-labels')!.origin as { commit: string };
const AEI = officialSources.find((s) => s.id === 'anthropic')!.origin as { revision: string };
const pinOf = (id: string) => {
  const o = officialSources.find((s) => s.id === id)!.origin as { commit?: string; revision?: string };
  return o.commit ?? o.revision!;
};

/** The fixture bytes of every file, by the path each host serves it at. */
const files = new Map<string, Uint8Array>();
let fixtureDir: string;

function workbookBytes(sheets: Record<string, (string | number | null)[][]>): Uint8Array {
  const path = join(fixtureDir, `wb-${files.size}-${Math.random().toString(36).slice(2)}.xlsx`);
  writeWorkbook(path, sheets);
  return readFileSync(path);
}

/** An EP workbook in BLS's layout with the header years of one vintage (null: no years in the headers). */
function epWorkbook(base: number | null, target: number | null, scale = 1): Uint8Array {
  const b = base === null ? '' : `${base} `;
  const span = base === null || target === null ? '' : `, ${base}–${String(target).slice(2)}`;
  return workbookBytes({
    Index: [['contents']],
    'Table 1.2': [
      [`Table 1.2 Occupational projections${span} (Employment in thousands)`],
      [`${b}National Employment Matrix title`, `${b}National Employment Matrix code`, 'Occupation type', base === null ? 'Employment, base year' : `Employment, ${base}`,
        target === null ? 'Employment, target year' : `Employment, ${target}`, `Employment change, numeric${span}`, `Employment change, percent${span}`, `Occupational openings${span} annual average`],
      ['Total, all occupations', '00-0000', 'Summary', 2100 * scale, 2150, 50, 2.4, 210],
      ['  Accountants and auditors', '13-2011', 'Line item', 1450 * scale, 1500, 50, 3.4, 131],
    ],
  });
}

function onetZip(release: string): Uint8Array {
  const src = join(fixtureDir, 'data', 'onet', 'db_29_1_text');
  const folder = `db_${release.replace('.', '_')}_text`;
  const entries: Record<string, Uint8Array> = { [`${folder}/Read Me.txt`]: strToU8(`O*NET ${release} Database\r\nAugust 2026 Release\r\n`) };
  for (const f of readdirSync(src)) if (f !== 'Read Me.txt') entries[`${folder}/${f}`] = readFileSync(join(src, f));
  entries[`${folder}/Data Dictionary.pdf`] = strToU8('%PDF-1.4');
  return zipSync(entries);
}

before(() => {
  fixtureDir = tempDir();
  writeFixtureData(join(fixtureDir, 'data'));
  const data = (p: string) => readFileSync(join(fixtureDir, 'data', p));
  // onetcenter.org: the database page names 30.3 in the archive list and 31.0 as the current release.
  files.set('/database.html', strToU8(`<html><h1>O*NET&reg; 31.0 Database</h1>
    <a href="/dl_files/database/db_31_0_text.zip">Text</a> <a href="dl_files/database/db_30_3_text.zip">30.3</a></html>`));
  files.set('/dl_files/database/db_31_0_text.zip', onetZip('31.0'));
  // bls.gov
  files.set('/oes/special-requests/oesm25nat.zip', zipSync({ 'oesm25nat/national_M2025_dl.xlsx': data('bls/national_M2024_dl.xlsx'), 'oesm25nat/field_descriptions.xlsx': strToU8('x') }));
  files.set('/emp/ind-occ-matrix/occupation.xlsx', epWorkbook(2025, 2035));
  files.set('/soc/2018/soc_2010_to_2018_crosswalk.xlsx', workbookBytes({
    'Sorted by 2010': [['2010 to 2018 crosswalk'], [], ['2010 SOC Code', '2010 SOC Title', '2018 SOC Code', '2018 SOC Title'], ['13-2011', 'Accountants and Auditors', '13-2011', 'Accountants and Auditors'], ['43-9021', 'Data Entry Keyers', '43-9021', 'Data Entry Keyers']],
  }));
  // raw.githubusercontent.com
  const gh = (repo: string, id: string, path: string, bytes: Uint8Array) => files.set(`/${repo}/${pinOf(id)}/${path.split('/').map(encodeURIComponent).join('/')}`, bytes);
  gh('openai/GPTs-are-GPTs', 'gpts-labels', 'data/full_labelset.tsv', data('labels/full_labelset.tsv'));
  gh('openai/GPTs-are-GPTs', 'gpts-labels', 'data/automation_gpt4_human_labels.tsv', strToU8(tsv([['gpt4_automation', 'O*NET-SOC Code', 'Task ID', 'Task', 'Task Type', 'Title', 'human_automation'], ['T3', '43-9021.00', '2001.0', 'Type data.', 'Core', 'Data Entry Keyers', 'T3']])));
  gh('openai/GPTs-are-GPTs', 'gpts-labels', 'data/occ_level.csv', strToU8(csv([['O*NET-SOC Code', 'Title', 'dv_rating_alpha', 'dv_rating_beta', 'dv_rating_gamma', 'human_rating_alpha', 'human_rating_beta', 'human_rating_gamma'], ['43-9021.00', 'Data Entry Keyers', 0.5, 0.75, 1, 0.5, 0.75, 1]])));
  gh('openai/GPTs-are-GPTs', 'gpts-labels', 'data/occupations_onet_bls_matched.csv', strToU8(csv([['occupation', 'onet_included', 'OCC_CODE', 'TOT_EMP'], ['Data Entry Keyers', 1, '43-9021', 150000]])));
  gh('openai/GPTs-are-GPTs', 'gpts-labels', 'data/BEA_BLS_industry_lp.csv', strToU8(csv([['industry', '2019', '2020'], ['Farms', 100, 101]])));
  gh('openai/GPTs-are-GPTs', 'gpts-labels', 'data/BEA_BLS_industry_tfp.csv', strToU8(csv([['industry', '2019', '2020'], ['Farms', 100, 99]])));
  const aioeSheet = (col: string) => [['SOC Code', 'Occupation Title', col], ['13-2011', 'Accountants and Auditors', 1.2], ['47-2061', 'Construction Laborers', -1.1]];
  gh('AIOE-Data/AIOE', 'aioe', 'AIOE_DataAppendix.xlsx', workbookBytes({ 'Appendix A': aioeSheet('AIOE') }));
  gh('AIOE-Data/AIOE', 'aioe', 'Language Modeling AIOE and AIIE.xlsx', workbookBytes({ 'LM AIOE': aioeSheet('Language Modeling AIOE') }));
  gh('AIOE-Data/AIOE', 'aioe', 'Image Generation AIOE and AIIE.xlsx', workbookBytes({ 'IG AIOE': aioeSheet('Image Generation AIOE') }));
  gh('microsoft/working-with-ai', 'microsoft', 'soc_ai_applicability_scores.csv', strToU8(csv([['SOC Code', 'title', 'ai_applicability_score'], ['43-9021', 'Data Entry Keyers', 0.41]])));
  gh('pgmyrek/2025_GenAI_scores_ISCO08', 'ilo', 'Final_Scores_ISCO08_Gmyrek_et_al_2025.xlsx', workbookBytes({ scores: [['ISCO_08', 'Title', 'score_2025', 'score_2023'], ['4132', 'Data entry clerks', 0.8, 0.7], ['4132', 'Data entry clerks', 0.6, 0.5]] }));
  gh('nestauk/mapping-career-causeways', 'nesta-crosswalks', 'supplementary_online_data/ONET_ESCO_crosswalk/lookups/ISCO_SOC_Crosswalk.xls', workbookBytes({
    'ISCO-08 to 2010 SOC': [['ISCO-08 to SOC'], ['ISCO-08 Code', 'ISCO-08 Title EN', 'part', '2010 SOC Code', '2010 SOC Title'], ['4132', 'Data entry clerks', '', '43-9021', 'Data Entry Keyers']],
  }));
  gh('nestauk/mapping-career-causeways', 'nesta-crosswalks', 'supplementary_online_data/ONET_ESCO_crosswalk/esco_onet_crosswalk_Nov2020.csv', strToU8(csv([['concept_uri', 'esco_occupation', 'isco_code', 'onet_code', 'confidence'], ['http://data.europa.eu/esco/occupation/x', 'data entry clerk', '4132', '43-9021.00', 0.9]])));
  // huggingface.co
  const hf = (path: string, text: string) => files.set(`/datasets/Anthropic/EconomicIndex/resolve/${AEI.revision}/${path}`, strToU8(text));
  hf('release_2025_02_10/onet_task_mappings.csv', 'task_name,pct\ntype data from source documents into computer files.,1.5\n');
  hf('release_2025_02_10/onet_task_statements.csv', csv([['O*NET-SOC Code', 'Title', 'Task ID', 'Task'], ['43-9021.00', 'Data Entry Keyers', 2001, 'Type data from source documents into computer files.']]));
  hf('labor_market_impacts/job_exposure.csv', 'occ_code,title,observed_exposure\n43-9021,Data Entry Keyers,0.6707\n13-2011,Accountants and Auditors,0.2531\n');
});

/** The real table without the pinned SHA-256s (the fixtures stand in for the real bytes). */
const unpinned: FetchSource[] = officialSources.map((s) =>
  s.origin.kind === 'github' || s.origin.kind === 'huggingface' ? { ...s, origin: { ...s.origin, files: s.origin.files.map((f) => ({ path: f.path })) } } : s,
);

// ---- a loopback server playing all four hosts ----------------------------------------------

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface Hosts {
  base: string;
  server: Server;
  /** Paths asked for, with the User-Agent they came with. */
  requests: { path: string; ua: string }[];
  /** Per-path replacements: a status code, other bytes, or a handler. */
  routes: Map<string, number | Uint8Array | Handler>;
  close(): Promise<void>;
}

async function hosts(): Promise<Hosts> {
  const requests: Hosts['requests'] = [];
  const routes: Hosts['routes'] = new Map();
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    requests.push({ path, ua: String(req.headers['user-agent'] ?? '') });
    const route = routes.get(path) ?? files.get(path);
    if (route === undefined) return void res.writeHead(404).end('not found');
    if (typeof route === 'number') return void res.writeHead(route).end(`status ${route}`);
    if (typeof route === 'function') return route(req, res);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': route.byteLength }).end(Buffer.from(route));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, server, requests, routes, close: () => new Promise((r) => server.close(() => r())) };
}

const bases = (base: string) => ({ onetcenter: base, bls: base, github: base, huggingface: base });
const options = (h: Hosts, home: string, extra: Partial<FetchOptions> = {}): FetchOptions => ({
  home, sources: unpinned, bases: bases(h.base), env: {}, now: new Date('2027-01-15T00:00:00Z'), timeoutMs: 5_000, ...extra,
});
const byId = (s: FetchSummary, id: string) => s.sources.find((o) => o.id === id)!;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

// ---- tests ---------------------------------------------------------------------------------

test('every source through loopback hosts: fetched, checked, imported on its own, recorded in the lock', async () => {
  const h = await hosts();
  const home = tempDir();
  const store = await Store.open(join(home, 'store.duckdb'));
  try {
    const summary = await fetchAndImport(store, options(h, home, { contact: 'analyst@example.org' }));
    for (const s of summary.sources) assert.equal(s.status, 'fetched', `${s.id}: ${s.reason}`);
    assert.equal(byId(summary, 'onet').release, '31.0', 'the current release from the database page, not the archived 30.3');
    assert.equal(byId(summary, 'oews').release, '2025');
    assert.match(byId(summary, 'oews').notes.join('\n'), /oesm26nat\.zip not published yet \(HTTP 404\); took oesm25nat\.zip/);
    assert.equal(byId(summary, 'ep').release, '2025-35', 'the vintage from the workbook headers');
    assert.equal(byId(summary, 'gpts-labels').release, GPTS.commit);
    assert.equal(byId(summary, 'anthropic').release, AEI.revision);
    assert.ok(fetchedAnything(summary));
    assert.deepEqual(summary.hints, []);
    // Every download carried the contact; every URL is at its pin.
    for (const r of h.requests) assert.match(r.ua, /^jobshift\/[\d.]+ \(open labour-data tool; contact: analyst@example\.org\)$/);
    assert.ok(h.requests.some((r) => r.path === `/openai/GPTs-are-GPTs/${GPTS.commit}/data/full_labelset.tsv`));
    assert.ok(h.requests.some((r) => r.path === '/AIOE-Data/AIOE/' + pinOf('aioe') + '/Language%20Modeling%20AIOE%20and%20AIIE.xlsx'));
    // The cache: one folder per source; the O*NET archive unpacked in its release folder, text files only.
    const onetDir = join(home, 'cache', 'sources', 'onet', 'db_31_0_text');
    assert.ok(existsSync(join(onetDir, 'Task Statements.txt')) && !existsSync(join(onetDir, 'Data Dictionary.pdf')));
    assert.ok(existsSync(join(home, 'cache', 'sources', 'anthropic', 'labor_market_impacts', 'job_exposure.csv')));
    assert.deepEqual(readdirSync(join(home, 'cache')).sort(), ['sources', 'staging']);
    assert.deepEqual(readdirSync(join(home, 'cache', 'staging')), [], 'nothing left half-done');
    // Imported, each source on its own.
    const status = await dataStatus(store, home);
    assert.equal(status.tables.occupations, 3);
    assert.deepEqual(status.oews_years, [2025]);
    assert.deepEqual(status.ep_vintages, ['2025-35']);
    for (const m of ['aioe', 'lm_aioe', 'ig_aioe', 'microsoft_ai_applicability', 'ilo_2025', 'anthropic_conversation_share', 'anthropic_observed_exposure']) assert.ok(status.measures.includes(m), m);
    assert.ok(status.tables.crosswalk_soc2010_soc2018! > 0 && status.tables.crosswalk_isco08_soc2010! > 0 && status.tables.crosswalk_esco_onet! > 0);
    assert.ok(byId(summary, 'onet').imported!.files >= 4);
    // The lock: URL, release and SHA-256 of every file; data status lists them, and each imported file's hash.
    const lock = readLock(home);
    const ep = lock.files.find((f) => f.source === 'ep')!;
    assert.deepEqual({ ...ep, fetched_at: '' }, {
      source: 'ep', file: 'occupation.xlsx', url: `${h.base}/emp/ind-occ-matrix/occupation.xlsx`, release: '2025-35',
      sha256: sha(files.get('/emp/ind-occ-matrix/occupation.xlsx')!), bytes: files.get('/emp/ind-occ-matrix/occupation.xlsx')!.byteLength, fetched_at: '',
    });
    assert.equal(lock.files.filter((f) => f.source === 'gpts-labels').length, 6);
    assert.deepEqual(status.fetched, lock.files);
    const epSource = status.sources.find((s) => s.dataset === 'ep')!;
    assert.equal(epSource.release, '2025-35');
    assert.equal(epSource.sha256, ep.sha256, 'the bytes imported are the bytes fetched');
    assert.equal(status.sources.find((s) => s.file.endsWith('onet_task_mappings.csv'))?.release, '2025-02-10', 'the Economic Index release from its folder');
  } finally {
    store.close();
    await h.close();
  }
});

test('one source down while the others arrive: BLS refuses (403), the rest is fetched and imported, and the refusal says what to do', async () => {
  const h = await hosts();
  for (const p of ['/oes/special-requests/oesm26nat.zip', '/oes/special-requests/oesm25nat.zip', '/emp/ind-occ-matrix/occupation.xlsx']) h.routes.set(p, 403);
  const home = tempDir();
  const store = await Store.open(join(home, 'store.duckdb'));
  try {
    const summary = await fetchAndImport(store, options(h, home, { only: ['onet', 'oews', 'ep', 'gpts-labels'] }));
    const dir = (id: string) => join(home, 'cache', 'sources', id);
    assert.deepEqual(summary.sources.map((s) => [s.id, s.status]), [
      ['onet', 'fetched'], ['oews', 'failed'], ['ep', 'failed'], ['soc-crosswalk', 'skipped'], ['gpts-labels', 'fetched'],
      ['aioe', 'skipped'], ['microsoft', 'skipped'], ['ilo', 'skipped'], ['nesta-crosswalks', 'skipped'], ['anthropic', 'skipped'],
    ]);
    assert.equal(byId(summary, 'aioe').reason, 'not requested');
    assert.equal(byId(summary, 'ep').reason,
      `BLS refused the download (HTTP 403). Open ${h.base}/emp/ind-occ-matrix/occupation.xlsx in a browser, save the file into ${dir('ep')}, then run \`jobshift data import ${dir('ep')}\`` +
      ' (no contact address was sent: set JOBSHIFT_CONTACT=you@example.org, which BLS asks of scripted downloads, and try again)');
    // A refusal is not a missing year: OEWS does not fall back past a 403, and says to unzip.
    assert.match(byId(summary, 'oews').reason!, /^BLS refused the download \(HTTP 403\)\. Open .*\/oesm26nat\.zip in a browser, save the file and unzip it into /);
    assert.ok(!h.requests.some((r) => r.path.endsWith('oesm25nat.zip')));
    assert.doesNotMatch(summary.sources.map((s) => s.reason ?? '').join('\n'), /offline|cannot reach/);
    assert.match(summary.hints.join('\n'), /BLS asks scripted downloads to carry a contact address/);
    assert.ok(fetchedAnything(summary));
    const status = await dataStatus(store, home);
    assert.equal(status.tables.occupations, 3);
    assert.ok(status.tables.task_labels! > 0);
    assert.equal(status.tables.employment, 0);
    assert.deepEqual(readLock(home).files.map((f) => f.source).sort(), ['gpts-labels', 'gpts-labels', 'gpts-labels', 'gpts-labels', 'gpts-labels', 'gpts-labels', 'onet']);
  } finally {
    store.close();
    await h.close();
  }
});

test('404: a file that is not there fails its source with the address, and an O*NET page without a release says so', async () => {
  const h = await hosts();
  h.routes.set('/dl_files/database/db_31_0_text.zip', 404);
  try {
    let summary = await fetchSources(options(h, tempDir(), { only: ['onet'] }));
    assert.equal(byId(summary, 'onet').status, 'failed');
    assert.equal(byId(summary, 'onet').reason, `127.0.0.1:${new URL(h.base).port} has no such file (HTTP 404): ${h.base}/dl_files/database/db_31_0_text.zip (the address has moved, or the release is not published yet)`);
    assert.ok(!fetchedAnything(summary));
    h.routes.set('/database.html', strToU8('<html>maintenance</html>'));
    summary = await fetchSources(options(h, tempDir(), { only: ['onet'] }));
    assert.match(byId(summary, 'onet').reason!, /database\.html names no release .*set JOBSHIFT_FETCH_ONET_URL to the text release's zip/);
  } finally {
    await h.close();
  }
});

test('OEWS: no national file in any year tried is one clear failure', async () => {
  const h = await hosts();
  h.routes.set('/oes/special-requests/oesm25nat.zip', 404);
  try {
    const summary = await fetchSources(options(h, tempDir(), { only: ['oews'] }));
    assert.match(byId(summary, 'oews').reason!, /^no OEWS national file found: oesm26nat\.zip, oesm25nat\.zip, oesm24nat\.zip, oesm23nat\.zip all answered HTTP 404/);
  } finally {
    await h.close();
  }
});

test('a slow body is not a timeout: the bound is on each wait for data, not on the whole download', async () => {
  const h = await hosts();
  const bytes = files.get('/emp/ind-occ-matrix/occupation.xlsx')!;
  // Eight pieces, 200 ms apart: the whole body takes ~1.4 s, more than twice the 600 ms timeout.
  h.routes.set('/emp/ind-occ-matrix/occupation.xlsx', (_req, res) => {
    res.writeHead(200, { 'content-length': bytes.byteLength });
    const size = Math.ceil(bytes.byteLength / 8);
    let at = 0;
    const next = () => {
      res.write(Buffer.from(bytes.subarray(at, at + size)));
      at += size;
      if (at >= bytes.byteLength) res.end();
      else setTimeout(next, 200);
    };
    next();
  });
  const updates: number[] = [];
  try {
    const summary = await fetchSources(options(h, tempDir(), { only: ['ep'], timeoutMs: 600, progress: { update: (d) => void updates.push(d), done() {} } }));
    assert.equal(byId(summary, 'ep').status, 'fetched', byId(summary, 'ep').reason);
    assert.equal(byId(summary, 'ep').files[0]!.sha256, sha(bytes));
    assert.ok(updates.length >= 2, 'progress reported while the body arrives');
  } finally {
    await h.close();
  }
});

test('a stalled body fails with how much arrived; a server that never answers fails as no answer', async () => {
  const h = await hosts();
  const bytes = files.get('/emp/ind-occ-matrix/occupation.xlsx')!;
  h.routes.set('/emp/ind-occ-matrix/occupation.xlsx', (_req, res) => {
    res.writeHead(200, { 'content-length': bytes.byteLength });
    res.write(Buffer.from(bytes.subarray(0, 1000))); // then nothing
  });
  h.routes.set('/database.html', () => undefined); // accepts the connection, never answers
  const home = tempDir();
  try {
    const summary = await fetchSources(options(h, home, { only: ['ep', 'onet'], timeoutMs: 300 }));
    assert.match(byId(summary, 'ep').reason!, new RegExp(`^the download stalled: no data for 0\\.3 s after 1,000 of ${bytes.byteLength.toLocaleString('en-US')} bytes: `));
    assert.match(byId(summary, 'onet').reason!, /^127\.0\.0\.1:\d+ did not answer within 0\.3 s \(offline, or the server is slow: try --timeout with more seconds\)$/);
    assert.ok(!existsSync(join(home, 'cache', 'sources', 'ep')), 'no partial file where import would read it');
    assert.deepEqual(readdirSync(join(home, 'cache', 'staging')), []);
  } finally {
    h.server.closeAllConnections();
    await h.close();
  }
});

test('changed bytes: a refetch that gets other bytes for the same release says so, and the lock takes the new hash', async () => {
  const h = await hosts();
  const home = tempDir();
  try {
    const first = await fetchSources(options(h, home, { only: ['ep'] }));
    assert.deepEqual(byId(first, 'ep').notes, []);
    const again = await fetchSources(options(h, home, { only: ['ep'] }));
    assert.deepEqual(byId(again, 'ep').notes, [], 'same bytes, nothing to say');
    const revised = epWorkbook(2025, 2035, 1.01); // BLS revises the 2025-35 file in place
    h.routes.set('/emp/ind-occ-matrix/occupation.xlsx', revised);
    const third = await fetchSources(options(h, home, { only: ['ep'] }));
    const old = sha(files.get('/emp/ind-occ-matrix/occupation.xlsx')!);
    assert.equal(byId(third, 'ep').status, 'fetched');
    assert.match(byId(third, 'ep').notes.join('\n'), new RegExp(`^occupation\\.xlsx: different bytes for the same release 2025-35 \\(SHA-256 ${old.slice(0, 12)}… on \\d{4}-\\d{2}-\\d{2}, now ${sha(revised).slice(0, 12)}…\\): the publisher changed the file in place$`));
    assert.equal(readLock(home).files.find((f) => f.source === 'ep')!.sha256, sha(revised));
    // A new vintage is a new release, not a change.
    h.routes.set('/emp/ind-occ-matrix/occupation.xlsx', epWorkbook(2026, 2036));
    const fourth = await fetchSources(options(h, home, { only: ['ep'] }));
    assert.deepEqual(byId(fourth, 'ep').notes, ['occupation.xlsx: new release 2026-36 (was 2025-35)']);
  } finally {
    await h.close();
  }
});

test('unknown EP vintage: a workbook whose headers carry no years is refused, naming the file and the header, and the earlier copy is kept', async () => {
  const h = await hosts();
  const home = tempDir();
  try {
    await fetchSources(options(h, home, { only: ['ep'] }));
    h.routes.set('/emp/ind-occ-matrix/occupation.xlsx', epWorkbook(null, null));
    const summary = await fetchSources(options(h, home, { only: ['ep'] }));
    const ep = byId(summary, 'ep');
    assert.equal(ep.status, 'failed');
    assert.match(ep.reason!, /^checked and refused: occupation\.xlsx, field "YYYY National Employment Matrix code": cannot tell the projections vintage: Table 1\.2 has no "YYYY National Employment Matrix code" column/);
    assert.match(ep.notes.join('\n'), /the copy fetched earlier \(release 2025-35, \d{4}-\d{2}-\d{2}\) is kept in /);
    assert.equal(readFileSync(join(home, 'cache', 'sources', 'ep', 'occupation.xlsx')).equals(Buffer.from(files.get('/emp/ind-occ-matrix/occupation.xlsx')!)), true);
    // An HTML page served as the workbook is refused before its vintage is looked for.
    h.routes.set('/emp/ind-occ-matrix/occupation.xlsx', strToU8('<!DOCTYPE html><html>Access Denied</html>'));
    const page = await fetchSources(options(h, home, { only: ['ep'] }));
    assert.match(byId(page, 'ep').reason!, /did not return a workbook: occupation\.xlsx is not an Excel \.xlsx file/);
  } finally {
    await h.close();
  }
});

test('a pinned file with other bytes than the pin is refused; a cached pin is not downloaded again unless forced', async () => {
  const h = await hosts();
  const home = tempDir();
  const path = `/microsoft/working-with-ai/${pinOf('microsoft')}/soc_ai_applicability_scores.csv`;
  const good = files.get(path)!;
  const pinned = officialSources.map((s) => (s.id !== 'microsoft' ? s : { ...s, origin: { ...s.origin, files: [{ path: 'soc_ai_applicability_scores.csv', sha256: sha(good) }] } })) as FetchSource[];
  try {
    h.routes.set(path, strToU8('SOC Code,title,ai_applicability_score\n43-9021,Data Entry Keyers,0.99\n'));
    const bad = await fetchSources(options(h, home, { only: ['microsoft'], sources: pinned }));
    assert.match(byId(bad, 'microsoft').reason!, new RegExp(`is not the pinned file: its SHA-256 is [0-9a-f]{64}, the file at ${pinOf('microsoft')} has ${sha(good)}$`));
    h.routes.delete(path);
    const ok = await fetchSources(options(h, home, { only: ['microsoft'], sources: pinned }));
    assert.equal(byId(ok, 'microsoft').status, 'fetched');
    const asked = h.requests.length;
    const cached = await fetchSources(options(h, home, { only: ['microsoft'], sources: pinned }));
    assert.equal(byId(cached, 'microsoft').status, 'skipped');
    assert.equal(byId(cached, 'microsoft').reason, `up to date: the cache holds the files at ${pinOf('microsoft').slice(0, 7)}`);
    assert.equal(h.requests.length, asked, 'nothing downloaded');
    assert.ok(fetchedAnything(cached), 'a cached source is usable');
    const forced = await fetchSources(options(h, home, { only: ['microsoft'], sources: pinned, force: true }));
    assert.equal(byId(forced, 'microsoft').status, 'fetched');
  } finally {
    await h.close();
  }
});

test('offline: connection refused is said as offline, never as a refusal, with the local import as the way on', async () => {
  const h = await hosts();
  await h.close(); // nobody listens there now: connection refused, as with no network
  const summary = await fetchSources(options(h, tempDir(), { only: ['onet', 'ep'] }));
  for (const id of ['onet', 'ep']) {
    assert.match(byId(summary, id).reason!, /^cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\): no internet connection, or the host name does not resolve\. Without internet access, import local copies instead: jobshift data import DIR$/);
  }
  assert.match(summary.hints[0]!, /^No source could be reached: this machine looks offline/);
  assert.ok(!fetchedAnything(summary));
});

test('JOBSHIFT_FETCH_<SOURCE>_URL replaces a source\'s address; JOBSHIFT_FETCH_<HOST>_BASE a host\'s', async () => {
  const h = await hosts();
  h.routes.set('/mirror/onet.zip', onetZip('30.3'));
  h.routes.set('/mirror/ep.xlsx', files.get('/emp/ind-occ-matrix/occupation.xlsx')!);
  h.routes.set('/hf-mirror/labor_market_impacts/job_exposure.csv', files.get(`/datasets/Anthropic/EconomicIndex/resolve/${AEI.revision}/labor_market_impacts/job_exposure.csv`)!);
  h.routes.set('/hf-mirror/release_2025_02_10/onet_task_mappings.csv', strToU8('task_name,pct\n'));
  h.routes.set('/hf-mirror/release_2025_02_10/onet_task_statements.csv', strToU8('O*NET-SOC Code,Title,Task ID,Task\n'));
  const env = {
    [urlOverrideVariable('onet')]: `${h.base}/mirror/onet.zip`,
    [urlOverrideVariable('ep')]: `${h.base}/mirror/ep.xlsx`,
    [urlOverrideVariable('anthropic')]: `${h.base}/hf-mirror/`,
  };
  try {
    assert.equal(urlOverrideVariable('soc-crosswalk'), 'JOBSHIFT_FETCH_SOC_CROSSWALK_URL');
    const summary = await fetchSources({ ...options(h, tempDir(), { only: ['onet', 'ep', 'anthropic'] }), bases: undefined, env: { ...env, JOBSHIFT_FETCH_BLS_BASE: 'http://127.0.0.1:9' } });
    assert.deepEqual(summary.sources.filter((s) => s.status !== 'skipped').map((s) => [s.id, s.status, s.release]), [['onet', 'fetched', '30.3'], ['ep', 'fetched', '2025-35'], ['anthropic', 'fetched', AEI.revision]]);
    assert.ok(!h.requests.some((r) => r.path === '/database.html'), 'no discovery when the URL is given');
    assert.deepEqual(sourceAddresses(officialSources.find((s) => s.id === 'oews')!, { env: { JOBSHIFT_FETCH_BLS_BASE: 'http://mirror.example/' } }), ['http://mirror.example/oes/special-requests/oesm{yy}nat.zip (newest year first)']);
    assert.deepEqual(sourceAddresses(officialSources.find((s) => s.id === 'ilo')!, {}), [`https://raw.githubusercontent.com/pgmyrek/2025_GenAI_scores_ISCO08/${pinOf('ilo')}/Final_Scores_ISCO08_Gmyrek_et_al_2025.xlsx`]);
    assert.deepEqual(sourceAddresses(officialSources.find((s) => s.id === 'anthropic')!, {})[2], `https://huggingface.co/datasets/Anthropic/EconomicIndex/resolve/${AEI.revision}/labor_market_impacts/job_exposure.csv`);
  } finally {
    await h.close();
  }
});

test('an import that refuses what arrived fails that source only', async () => {
  const h = await hosts();
  h.routes.set(`/microsoft/working-with-ai/${pinOf('microsoft')}/soc_ai_applicability_scores.csv`, strToU8('SOC Code,title,ai_applicability_score\nnot-a-code,x,1\n'));
  const home = tempDir();
  const store = await Store.open(join(home, 'store.duckdb'));
  try {
    const summary = await fetchAndImport(store, options(h, home, { only: ['microsoft', 'aioe'] }));
    assert.equal(byId(summary, 'aioe').status, 'fetched');
    assert.equal(byId(summary, 'aioe').imported!.files, 3);
    assert.equal(byId(summary, 'microsoft').status, 'failed');
    assert.match(byId(summary, 'microsoft').reason!, /^downloaded, but the import refused it: soc_ai_applicability_scores\.csv, row 2, field "SOC Code": not a SOC code: "not-a-code"$/);
  } finally {
    store.close();
    await h.close();
  }
});

test('unknown source ids are refused before anything is downloaded', async () => {
  await assert.rejects(fetchSources({ home: tempDir(), only: ['onet', 'bls'] }), (err: unknown) => err instanceof InputError && /^unknown source "bls" \(sources: onet, oews, ep, /.test(err.message));
});

test('the contact: JOBSHIFT_CONTACT, else the remembered answer (an address, or none); checked to fit a header', () => {
  const home = tempDir();
  assert.deepEqual(resolveContact(home, {}), { from: 'unknown' });
  rememberContact(home, null);
  assert.deepEqual(resolveContact(home, {}), { from: 'declined' });
  rememberContact(home, 'me@example.org');
  assert.deepEqual(resolveContact(home, {}), { contact: 'me@example.org', from: 'remembered' });
  assert.deepEqual(resolveContact(home, { JOBSHIFT_CONTACT: 'ops@example.org' }), { contact: 'ops@example.org', from: 'env' });
  assert.throws(() => resolveContact(home, { JOBSHIFT_CONTACT: 'me\r\nX-Evil: 1' }), /JOBSHIFT_CONTACT: expected an e-mail address/);
  assert.match(userAgent('me@example.org'), /^jobshift\/\d+\.\d+\.\d+ \(open labour-data tool; contact: me@example\.org\)$/);
  assert.match(userAgent(), /^jobshift\/\d+\.\d+\.\d+ \(open labour-data tool\)$/);
});

test('a damaged lock file is an error naming it', async () => {
  const home = tempDir();
  writeFileSync(join(home, 'fetch-lock.json'), '{"version": 1, "files": [{"source": "ep"}]}');
  await assert.rejects(fetchSources({ home, only: ['ep'] }), (err: unknown) => err instanceof InputError && err.message.startsWith(`${join(home, 'fetch-lock.json')}: not a jobshift fetch lock (files.0.file:`));
});

test('CLI: data fetch imports what arrived, prints the per-source summary, exits 2 when a source asked for failed; data status --json lists releases and hashes', async () => {
  const h = await hosts();
  h.routes.set('/emp/ind-occ-matrix/occupation.xlsx', 403);
  const home = tempDir();
  const env = { JOBSHIFT_HOME: home, JOBSHIFT_CONTACT: '', JOBSHIFT_FETCH_ONETCENTER_BASE: h.base, JOBSHIFT_FETCH_BLS_BASE: h.base };
  try {
    // stdin is not a terminal: never asked for a contact, the hint says how to give one.
    const failed = await jobshiftAsync(['data', 'fetch', 'onet', 'ep', '--json'], env);
    assert.equal(failed.code, 2, failed.stderr);
    const summary = JSON.parse(failed.stdout) as FetchSummary;
    assert.deepEqual(summary.sources.filter((s) => s.status !== 'skipped').map((s) => [s.id, s.status]), [['onet', 'fetched'], ['ep', 'failed']]);
    assert.ok(byId(summary, 'onet').imported!.rows > 0);
    assert.match(byId(summary, 'ep').reason!, /^BLS refused the download \(HTTP 403\)\. Open http:\/\/127\.0\.0\.1:\d+\/emp\/ind-occ-matrix\/occupation\.xlsx in a browser, save the file into .*, then run `jobshift data import /);
    assert.match(summary.hints.join('\n'), /Set JOBSHIFT_CONTACT=you@example\.org/);
    assert.equal(summary.user_agent.includes('contact'), false);

    h.routes.delete('/emp/ind-occ-matrix/occupation.xlsx');
    const text = await jobshiftAsync(['data', 'fetch', 'ep'], { ...env, JOBSHIFT_CONTACT: 'analyst@example.org' });
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^ {2}fetched {2}ep {16}BLS Employment Projections occupation workbook 2025-35; imported 1 files, \d+ rows$/m);
    assert.match(text.stdout, /^ {2}skipped {2}onet {14}not requested$/m);
    assert.ok(h.requests.filter((r) => r.path.startsWith('/emp/')).at(-1)!.ua.endsWith('contact: analyst@example.org)'));

    const status = await jobshiftAsync(['data', 'status', '--json'], env);
    assert.equal(status.code, 0, status.stderr);
    const s = JSON.parse(status.stdout) as { sources: { dataset: string; release: string; sha256: string; file: string }[]; fetched: { source: string; release: string; sha256: string; url: string }[] };
    const ep = s.sources.find((x) => x.dataset === 'ep')!;
    assert.equal(ep.release, '2025-35');
    assert.equal(ep.sha256, sha(files.get('/emp/ind-occ-matrix/occupation.xlsx')!));
    assert.equal(relative(join(home, 'cache', 'sources'), ep.file), join('ep', 'occupation.xlsx'));
    assert.deepEqual(s.fetched.map((f) => [f.source, f.release]), [['ep', '2025-35'], ['onet', '31.0']]);
    assert.ok(s.fetched.every((f) => /^[0-9a-f]{64}$/.test(f.sha256) && f.url.startsWith(h.base)));
    assert.ok(s.sources.filter((x) => x.dataset === 'onet').every((x) => x.release === '31.0' && /^[0-9a-f]{64}$/.test(x.sha256)));
  } finally {
    await h.close();
  }
});

test('CLI: nothing usable arrived (offline) exits 2 with the summary', async () => {
  const h = await hosts();
  await h.close();
  const home = tempDir();
  mkdirSync(home, { recursive: true });
  const r = await jobshiftAsync(['data', 'fetch', '--no-import'], { JOBSHIFT_HOME: home, JOBSHIFT_CONTACT: 'a@example.org', JOBSHIFT_FETCH_ONETCENTER_BASE: h.base, JOBSHIFT_FETCH_BLS_BASE: h.base, JOBSHIFT_FETCH_GITHUB_BASE: h.base, JOBSHIFT_FETCH_HUGGINGFACE_BASE: h.base });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stdout, /^ {2}failed {3}onet {14}cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/m);
  assert.match(r.stdout, /^hint: No source could be reached: this machine looks offline/m);
});
