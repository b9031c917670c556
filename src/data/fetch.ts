/**
 * `jobshift data fetch`: download the official sources (the table in fetch/sources.ts) into a
 * cache under JOBSHIFT_HOME, check them, and import them — each source on its own, so one that
 * fails (BLS refusing scripted downloads, a release not yet published, a layout that changed)
 * never discards what the others brought. The summary says, per source: fetched / failed (why,
 * and what the user can do) / skipped (why).
 *
 * Layout under $JOBSHIFT_HOME:
 *   cache/sources/<id>/   the last good copy of each source (what `data import` reads)
 *   cache/staging/<id>/   a fetch in progress; swapped in whole when every file arrived and passed
 *   fetch-lock.json       URL, release and SHA-256 of every file fetched (fetch/lock.ts)
 *
 * Every URL can be replaced: JOBSHIFT_FETCH_<SOURCE>_URL (the file's URL for one-file sources and
 * for O*NET and OEWS, whose discovery it skips; the folder the files' paths are appended to for
 * sources of several files), and each host's base with JOBSHIFT_FETCH_<HOST>_BASE
 * (ONETCENTER, BLS, GITHUB, HUGGINGFACE) for a mirror.
 *
 * BLS's api.bls.gov v2 API is not used: it serves time series, not the OEWS national file or the
 * Employment Projections matrix that the importer reads.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { unzipSync } from 'fflate';
import { InputError } from '../util/errors.js';
import { writeFileAtomic } from '../util/files.js';
import { type Progress, silentProgress } from '../util/progress.js';
import { CONTACT_VARIABLE, userAgent } from './fetch/contact.js';
import { downloadTo, FetchFailure, fetchText, type HttpOptions } from './fetch/http.js';
import { compareWithLock, type Lock, type LockEntry, lockPath, readLock, withSource, writeLock } from './fetch/lock.js';
import { baseOverrideVariable, type FetchSource, type Host, HOSTS, officialSources, type PinnedFile, urlOverrideVariable } from './fetch/sources.js';
import { importData } from './import.js';
import { epVintage } from './sources/bls.js';
import { type Store, jobshiftHome } from './store.js';

export { officialSources, type FetchSource } from './fetch/sources.js';

export interface FetchOptions {
  /** JOBSHIFT_HOME (default: jobshiftHome()). */
  home?: string;
  /** Source ids to fetch; the others are skipped. Default: all. */
  only?: string[];
  /** The source table (default: officialSources). */
  sources?: readonly FetchSource[];
  /** Bound on connecting and on each wait for data, in ms (never on a whole download). Default 30 s. */
  timeoutMs?: number;
  /** Contact address for the User-Agent (BLS asks for one). */
  contact?: string;
  /** Where JOBSHIFT_FETCH_* overrides are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Host bases, over JOBSHIFT_FETCH_<HOST>_BASE and the defaults. */
  bases?: Partial<Record<Host, string>>;
  /** Download pinned sources again even when the cache holds the pinned files. */
  force?: boolean;
  /** Today, for the newest OEWS year to try (default: now). */
  now?: Date;
  progress?: Progress;
}

export interface FetchedFile {
  /** Name of the downloaded file (for a zip, the archive; its entries are unpacked). */
  file: string;
  url: string;
  sha256: string;
  bytes: number;
}

export type SourceStatus = 'fetched' | 'failed' | 'skipped';

export interface SourceOutcome {
  id: string;
  title: string;
  status: SourceStatus;
  /** failed: what went wrong and what to do; skipped: why. */
  reason?: string;
  release?: string;
  /** The folder holding this source's files (absent when none arrived). */
  dir?: string;
  files: FetchedFile[];
  /** Things worth knowing that are not failures: fallbacks taken, changed bytes, new releases. */
  notes: string[];
  /** Set by fetchAndImport. */
  imported?: { files: number; rows: number; warnings: string[] };
}

export interface FetchSummary {
  /** cache/sources: one folder per source. */
  dir: string;
  lock: string;
  user_agent: string;
  sources: SourceOutcome[];
  /** Advice that applies to the whole run (a contact for BLS; offline). */
  hints: string[];
}

/** Download, check and cache each source; never throws for one source's failure. */
export async function fetchSources(options: FetchOptions = {}): Promise<FetchSummary> {
  const home = options.home ?? jobshiftHome();
  const table = options.sources ?? officialSources;
  const only = options.only?.length ? options.only : undefined;
  if (only) {
    const unknown = only.filter((id) => !table.some((s) => s.id === id));
    if (unknown.length) throw new InputError(`unknown source ${unknown.map((u) => `"${u}"`).join(', ')} (sources: ${table.map((s) => s.id).join(', ')})`);
  }
  const dir = join(home, 'cache', 'sources');
  const staging = join(home, 'cache', 'staging');
  mkdirSync(dir, { recursive: true });
  const ua = userAgent(options.contact);
  const progress = options.progress ?? silentProgress;
  const ctx: Context = {
    home,
    env: options.env ?? process.env,
    bases: options.bases ?? {},
    http: { userAgent: ua, timeoutMs: options.timeoutMs ?? 30_000 },
    now: options.now ?? new Date(),
    force: options.force ?? false,
    progress,
  };
  let lock = readLock(home);
  const outcomes: SourceOutcome[] = [];
  for (const source of table) {
    const outcome: SourceOutcome = { id: source.id, title: source.title, status: 'skipped', files: [], notes: [] };
    outcomes.push(outcome);
    if (only && !only.includes(source.id)) {
      outcome.reason = 'not requested';
      continue;
    }
    const target = join(dir, source.id);
    const cached = ctx.force ? undefined : cachedPin(source, lock, target);
    if (cached) {
      Object.assign(outcome, { reason: `up to date: the cache holds the files at ${cached.release.slice(0, 7)}`, release: cached.release, dir: target, files: cached.files });
      continue;
    }
    const stage = join(staging, source.id);
    rmSync(stage, { recursive: true, force: true });
    mkdirSync(stage, { recursive: true });
    try {
      const got = await fetchOne(source, stage, ctx, outcome.notes);
      // Every file arrived and passed its checks: the new copy replaces the old one whole.
      rmSync(target, { recursive: true, force: true });
      renameSync(stage, target);
      const now = new Date().toISOString();
      const entries: LockEntry[] = got.files.map((f) => ({ source: source.id, file: f.file, url: f.url, release: got.release, sha256: f.sha256, bytes: f.bytes, fetched_at: now }));
      for (const e of entries) outcome.notes.push(...lockNotes(lock, e));
      lock = withSource(lock, source.id, entries);
      writeLock(home, lock);
      Object.assign(outcome, { status: 'fetched', release: got.release, dir: target, files: got.files });
    } catch (err) {
      rmSync(stage, { recursive: true, force: true });
      if (!(err instanceof FetchFailure) && !(err instanceof InputError)) throw err;
      outcome.status = 'failed';
      outcome.reason = failureReason(source, err, target, options.contact);
      if (existsSync(target)) {
        const previous = lock.files.find((f) => f.source === source.id);
        outcome.dir = target;
        outcome.notes.push(`the copy fetched earlier${previous ? ` (release ${previous.release}, ${previous.fetched_at.slice(0, 10)})` : ''} is kept in ${target}`);
      }
    }
  }
  progress.done();
  return { dir, lock: lockPath(home), user_agent: ua, sources: outcomes, hints: hints(outcomes, table, options.contact) };
}

/**
 * Fetch, then import what arrived, source by source: a source whose files the importer refuses
 * is marked failed (with the importer's message); the others are imported regardless.
 */
export async function fetchAndImport(store: Store, options: FetchOptions & { importProgress?: Progress } = {}): Promise<FetchSummary> {
  const summary = await fetchSources(options);
  for (const s of summary.sources) {
    if (!s.dir || s.status === 'failed' || !existsSync(s.dir)) continue;
    try {
      const r = await importData(store, [s.dir], options.importProgress);
      s.imported = { files: r.files.length, rows: r.files.reduce((n, f) => n + f.rows, 0), warnings: r.skipped.map((k) => `skipped ${k.file}: ${k.reason}`) };
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      s.status = 'failed';
      s.reason = `downloaded, but the import refused it: ${err.message}`;
    }
  }
  return summary;
}

/** True when the summary holds something usable: a source fetched (or already cached) and, when imports ran, imported. */
export function fetchedAnything(summary: FetchSummary): boolean {
  return summary.sources.some((s) => s.status !== 'failed' && s.dir !== undefined && (s.imported === undefined || s.imported.files > 0));
}

/** The addresses a source is fetched from (with overrides applied), for `data fetch --list` and messages. */
export function sourceAddresses(source: FetchSource, options: Pick<FetchOptions, 'env' | 'bases'> = {}): string[] {
  const ctx = { env: options.env ?? process.env, bases: options.bases ?? {} } as Context;
  const o = source.origin;
  const fixed = override(source, ctx);
  switch (o.kind) {
    case 'onet-database':
      return [fixed ?? `${base(source, ctx)}${o.page} (the newest db_X_Y_text.zip it links to)`];
    case 'oews-national':
      return [fixed ?? `${base(source, ctx)}${o.path} (newest year first)`];
    case 'file':
      return [fixed ?? `${base(source, ctx)}${o.path}`];
    case 'github':
    case 'huggingface':
      return o.files.map((f) => pinnedUrl(source, f, ctx));
  }
}

// ---------------------------------------------------------------------------------------------

interface Context {
  home: string;
  env: NodeJS.ProcessEnv;
  bases: Partial<Record<Host, string>>;
  http: HttpOptions;
  now: Date;
  force: boolean;
  progress: Progress;
}

interface Got {
  release: string;
  files: FetchedFile[];
}

function base(source: FetchSource, ctx: Context): string {
  const b = ctx.bases[source.host] ?? ctx.env[baseOverrideVariable(source.host)] ?? HOSTS[source.host].base;
  return b.replace(/\/+$/, '');
}

function override(source: FetchSource, ctx: Context): string | undefined {
  const v = ctx.env[urlOverrideVariable(source.id)]?.trim();
  return v || undefined;
}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/** The URL of a pinned file: under the override folder when set, else at the pin on its host. */
function pinnedUrl(source: FetchSource, file: PinnedFile, ctx: Context): string {
  const o = source.origin;
  const root = override(source, ctx);
  if (root) return (o.kind === 'github' || o.kind === 'huggingface') && o.files.length === 1 ? root : `${root.replace(/\/+$/, '')}/${encodePath(file.path)}`;
  if (o.kind === 'github') return `${base(source, ctx)}/${o.repo}/${o.commit}/${encodePath(file.path)}`;
  if (o.kind === 'huggingface') return `${base(source, ctx)}/datasets/${o.dataset}/resolve/${o.revision}/${encodePath(file.path)}`;
  throw new Error(`${source.id}: not a pinned source`);
}

async function fetchOne(source: FetchSource, stage: string, ctx: Context, notes: string[]): Promise<Got> {
  const o = source.origin;
  switch (o.kind) {
    case 'onet-database':
      return fetchOnet(source, o, stage, ctx, notes);
    case 'oews-national':
      return fetchOews(source, o, stage, ctx, notes);
    case 'file': {
      const url = override(source, ctx) ?? `${base(source, ctx)}${o.path}`;
      const path = join(stage, o.saveAs);
      const got = await download(source, url, path, ctx);
      checkBinary(path, o.saveAs, url);
      // The vintage is read from the workbook itself; a workbook without one is refused here.
      const release = o.release === 'ep-vintage' ? epVintage(path).vintage : o.release;
      return { release, files: [{ file: o.saveAs, ...got }] };
    }
    case 'github':
    case 'huggingface': {
      const files: FetchedFile[] = [];
      for (const f of o.files) {
        const name = o.kind === 'github' ? f.path.split('/').pop()! : f.path;
        const path = join(stage, ...name.split('/'));
        mkdirSync(dirname(path), { recursive: true });
        const url = pinnedUrl(source, f, ctx);
        const got = await download(source, url, path, ctx);
        if (f.sha256 && got.sha256 !== f.sha256) {
          throw new FetchFailure('http', `${url} is not the pinned file: its SHA-256 is ${got.sha256}, the file at ${pinOf(source)} has ${f.sha256}`, url);
        }
        checkBinary(path, name, url);
        files.push({ file: name, ...got });
      }
      return { release: pinOf(source)!, files };
    }
  }
}

function pinOf(source: FetchSource): string | undefined {
  const o = source.origin;
  return o.kind === 'github' ? o.commit : o.kind === 'huggingface' ? o.revision : undefined;
}

async function download(source: FetchSource, url: string, path: string, ctx: Context): Promise<Omit<FetchedFile, 'file'>> {
  const last = url.split(/[?#]/)[0]!.split('/').pop() ?? '';
  let label = `${source.id}: ${last}`;
  try {
    label = `${source.id}: ${decodeURIComponent(last)}`;
  } catch {
    // keep the encoded name
  }
  const mb = (n: number) => Math.round(n / 1e5) / 10;
  const got = await downloadTo(url, path, { ...ctx.http, onProgress: (done, total) => ctx.progress.update(mb(done), total ? mb(total) : 0, `MB ${label}`) });
  return { url: got.url, sha256: got.sha256, bytes: got.bytes };
}

/** The current O*NET release from the database page: the newest db_X_Y_text.zip it links to. */
async function fetchOnet(source: FetchSource, o: Extract<FetchSource['origin'], { kind: 'onet-database' }>, stage: string, ctx: Context, notes: string[]): Promise<Got> {
  let url = override(source, ctx);
  if (!url) {
    const page = `${base(source, ctx)}${o.page}`;
    const html = await fetchText(page, ctx.http);
    const versions = [...html.matchAll(o.zip)].map((m) => [Number(m[1]), Number(m[2])] as const);
    const heading = /O\*NET(?:®|&reg;|&#174;)?\s*(\d+)\.(\d+)\s+Database/i.exec(html);
    if (heading) versions.push([Number(heading[1]), Number(heading[2])]);
    if (versions.length === 0) {
      throw new FetchFailure('not-found', `${page} names no release (no db_X_Y_text.zip link, no "O*NET X.Y Database" heading); set ${urlOverrideVariable(source.id)} to the text release's zip`, page);
    }
    const [major, minor] = versions.reduce((a, b) => (b[0] > a[0] || (b[0] === a[0] && b[1] > a[1]) ? b : a));
    const name = `db_${major}_${minor}_text.zip`;
    const href = new RegExp(`href\\s*=\\s*["']([^"']*${name.replace(/\./g, '\\.')})["']`, 'i').exec(html)?.[1];
    url = href ? new URL(href, page).href : `${base(source, ctx)}${o.zipPath.replace('{major}', String(major)).replace('{minor}', String(minor))}`;
    notes.push(`${page} lists O*NET ${major}.${minor}`);
  }
  const zipName = url.split('/').pop() || 'onet.zip';
  const got = await downloadZip(source, url, stage, ctx, o.keep, o.expect);
  const release = onetReleaseOf(got.entries, zipName);
  return { release, files: [{ file: zipName, ...got.file }] };
}

/** "31.0" from the archive: its Read Me, else its folder or file name. */
function onetReleaseOf(entries: Record<string, Uint8Array>, zipName: string): string {
  const readme = Object.entries(entries).find(([k]) => /(^|\/)Read Me\.txt$/i.test(k));
  const m = readme && /O\*NET\s+(\d+)\.(\d+)/.exec(Buffer.from(readme[1].subarray(0, 400)).toString('utf8'));
  if (m) return `${m[1]}.${m[2]}`;
  const n = Object.keys(entries).map((k) => /db_(\d+)_(\d+)/.exec(k)).find(Boolean) ?? /db_(\d+)_(\d+)/.exec(zipName);
  return n ? `${n[1]}.${n[2]}` : 'unknown';
}

/** OEWS national estimates: the newest oesmYYnat.zip first, then a year at a time further back. */
async function fetchOews(source: FetchSource, o: Extract<FetchSource['origin'], { kind: 'oews-national' }>, stage: string, ctx: Context, notes: string[]): Promise<Got> {
  const fixed = override(source, ctx);
  const newest = ctx.now.getUTCFullYear() - 1; // May of year Y is published in the spring of Y+1
  const candidates = fixed ? [fixed] : Array.from({ length: o.years }, (_, i) => `${base(source, ctx)}${o.path.replace('{yy}', String((newest - i) % 100).padStart(2, '0'))}`);
  const missing: string[] = [];
  for (const url of candidates) {
    try {
      const got = await downloadZip(source, url, stage, ctx, o.keep, []);
      const names = Object.keys(got.entries).map((k) => k.split('/').pop()!).filter((k) => o.keep.test(k));
      if (names.length === 0) throw new InputError(`${url}: the archive holds no national_*_dl file (has the layout changed?)`);
      const year = names.map((n) => /(\d{4})/.exec(n)?.[1]).find(Boolean) ?? 'unknown';
      if (missing.length) notes.push(`${missing.join(', ')} not published yet (HTTP 404); took ${url.split('/').pop()}`);
      return { release: year, files: [{ file: url.split('/').pop()!, ...got.file }] };
    } catch (err) {
      // Only "not published" moves on to the year before; a refusal or an outage would repeat.
      if (err instanceof FetchFailure && err.kind === 'not-found' && !fixed) {
        missing.push(url.split('/').pop()!);
        continue;
      }
      throw err;
    }
  }
  throw new FetchFailure('not-found', `no OEWS national file found: ${missing.join(', ')} all answered HTTP 404`, candidates[0]!);
}

/** Download a zip, check it opens and holds `expect`, unpack the entries whose names match `keep`. */
async function downloadZip(source: FetchSource, url: string, stage: string, ctx: Context, keep: RegExp, expect: string[]): Promise<{ file: Omit<FetchedFile, 'file'>; entries: Record<string, Uint8Array> }> {
  const zipPath = join(stage, '.download.zip');
  const file = await download(source, url, zipPath, ctx);
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(readFileSync(zipPath));
  } catch {
    throw new InputError(`${url} did not return a valid zip archive (download damaged, or the address now serves a page)`);
  } finally {
    rmSync(zipPath, { force: true });
  }
  const bases = new Set(Object.keys(entries).map((k) => k.split('/').pop()));
  for (const want of expect) {
    if (!bases.has(want)) throw new InputError(`${url}: the archive has no "${want}" (has the release changed its layout?)`);
  }
  for (const [name, data] of Object.entries(entries)) {
    const baseName = name.split('/').pop() ?? '';
    if (!baseName || !keep.test(baseName)) continue;
    const rel = normalize(name);
    if (rel.startsWith('..') || rel.startsWith(sep) || /^[a-z]:/i.test(rel)) throw new InputError(`${url}: the archive has an entry outside its folder ("${name}")`);
    const out = join(stage, rel);
    mkdirSync(dirname(out), { recursive: true });
    writeFileAtomic(out, data);
  }
  return { file, entries };
}

/** A workbook or archive must look like one: servers answer moved files with an HTML page and status 200. */
function checkBinary(path: string, name: string, url: string): void {
  const head = readFileSync(path).subarray(0, 512);
  const isZip = head[0] === 0x50 && head[1] === 0x4b;
  const isCfb = head[0] === 0xd0 && head[1] === 0xcf;
  if (/\.(xlsx|zip)$/i.test(name) && !isZip) throw new InputError(`${url} did not return a workbook: ${name} is not an Excel .xlsx file (the address may now serve a page)`);
  if (/\.xls$/i.test(name) && !isCfb && !isZip) throw new InputError(`${url} did not return a workbook: ${name} is not an Excel file (the address may now serve a page)`);
  if (/\.(csv|tsv|txt)$/i.test(name) && /^\s*<(!doctype html|html)/i.test(head.toString('utf8'))) {
    throw new InputError(`${url} returned a web page, not ${name} (the address may have moved)`);
  }
}

/** The pinned files of a source when the cache already holds exactly them (same pin, same bytes). */
function cachedPin(source: FetchSource, lock: Lock, target: string): { release: string; files: FetchedFile[] } | undefined {
  const pin = pinOf(source);
  if (!pin || !existsSync(target)) return undefined;
  const o = source.origin as Extract<FetchSource['origin'], { kind: 'github' | 'huggingface' }>;
  const entries = lock.files.filter((f) => f.source === source.id);
  const files: FetchedFile[] = [];
  for (const f of o.files) {
    const name = o.kind === 'github' ? f.path.split('/').pop()! : f.path;
    const e = entries.find((x) => x.file === name && x.release === pin);
    const path = join(target, ...name.split('/'));
    if (!e || !existsSync(path)) return undefined;
    if (createHash('sha256').update(readFileSync(path)).digest('hex') !== e.sha256) return undefined;
    files.push({ file: name, url: e.url, sha256: e.sha256, bytes: e.bytes });
  }
  return { release: pin, files };
}

function lockNotes(lock: Lock, entry: LockEntry): string[] {
  const change = compareWithLock(lock, entry);
  if (change.kind === 'changed-bytes') {
    return [
      `${entry.file}: different bytes for the same release ${entry.release} (SHA-256 ${change.previous.sha256.slice(0, 12)}… on ${change.previous.fetched_at.slice(0, 10)}, now ${entry.sha256.slice(0, 12)}…): the publisher changed the file in place`,
    ];
  }
  if (change.kind === 'new-release') return [`${entry.file}: new release ${entry.release} (was ${change.previous.release})`];
  return [];
}

/** What went wrong, and what the user can do about it. */
function failureReason(source: FetchSource, err: FetchFailure | InputError, dir: string, contact: string | undefined): string {
  if (!(err instanceof FetchFailure)) return `checked and refused: ${err.message}`;
  const publisher = HOSTS[source.host].publisher;
  const isZip = /\.zip($|\?)/i.test(err.url);
  switch (err.kind) {
    case 'refused': {
      const noContact = source.host === 'bls' && !contact ? ` (no contact address was sent: set ${CONTACT_VARIABLE}=you@example.org, which BLS asks of scripted downloads, and try again)` : '';
      return `${publisher} refused the download (HTTP 403). Open ${err.url} in a browser, save the file${isZip ? ' and unzip it' : ''} into ${dir}, then run \`jobshift data import ${dir}\`${noContact}`;
    }
    case 'offline':
      return `${err.message}. Without internet access, import local copies instead: jobshift data import DIR`;
    case 'not-found':
      return `${err.message} (the address has moved, or the release is not published yet)`;
    default:
      return err.message;
  }
}

function hints(outcomes: SourceOutcome[], table: readonly FetchSource[], contact: string | undefined): string[] {
  const out: string[] = [];
  const tried = outcomes.filter((o) => o.status !== 'skipped');
  if (tried.length && tried.every((o) => o.status === 'failed' && /cannot reach|did not answer/.test(o.reason ?? ''))) {
    out.push('No source could be reached: this machine looks offline. With copies of the files, run `jobshift data import DIR`.');
  }
  const bls = tried.filter((o) => table.find((s) => s.id === o.id)?.host === 'bls');
  if (bls.length && !contact) {
    out.push(`BLS asks scripted downloads to carry a contact address in the User-Agent; none was sent. Set ${CONTACT_VARIABLE}=you@example.org (or run \`jobshift data fetch\` once on a terminal to be asked).`);
  }
  return out;
}
