/**
 * `jobshift data fetch`: download the official sources into a cache under JOBSHIFT_HOME,
 * check them (a zip must open and hold the files we need), and leave them in a folder that
 * `data import` reads. Offline, it fails within seconds and says to use `data import DIR`.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { writeFileAtomic } from '../util/files.js';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { InputError } from '../util/errors.js';
import { type Progress, silentProgress } from '../util/progress.js';
import { jobshiftHome } from './store.js';

export interface OfficialSource {
  name: string;
  url: string;
  /** 'file': saved as `saveAs`; 'zip': unpacked, keeping entries whose base name matches `keep`. */
  kind: 'file' | 'zip';
  saveAs?: string;
  keep?: RegExp;
  /** Entries (base names) that must be present, as a check that the download is what we expect. */
  expect?: string[];
  license: string;
}

/** The official downloads. URLs change with each release; override with JOBSHIFT_FETCH_* if needed. */
export const officialSources: OfficialSource[] = [
  {
    name: 'O*NET database (text release)',
    url: 'https://www.onetcenter.org/dl_files/database/db_30_1_text.zip',
    kind: 'zip',
    keep: /\.txt$/i,
    expect: ['Occupation Data.txt', 'Task Statements.txt', 'Tasks to DWAs.txt', 'Alternate Titles.txt'],
    license: 'CC BY 4.0, National Center for O*NET Development',
  },
  {
    name: 'BLS OEWS national estimates, May 2024',
    url: 'https://www.bls.gov/oes/special-requests/oesm24nat.zip',
    kind: 'zip',
    keep: /^national_.*_dl\.xlsx$/i,
    expect: ['national_M2024_dl.xlsx'],
    license: 'public domain (U.S. Bureau of Labor Statistics)',
  },
  {
    name: 'BLS Employment Projections occupation workbook, 2024-34',
    url: 'https://www.bls.gov/emp/ind-occ-matrix/occupation.xlsx',
    kind: 'file',
    saveAs: 'occupation_2024-34.xlsx',
    license: 'public domain (U.S. Bureau of Labor Statistics)',
  },
  ...['full_labelset.tsv', 'automation_gpt4_human_labels.tsv', 'occ_level.csv'].map(
    (f): OfficialSource => ({
      name: `GPTs-are-GPTs labels: ${f}`,
      url: `https://raw.githubusercontent.com/openai/GPTs-are-GPTs/main/data/${f}`,
      kind: 'file',
      saveAs: f,
      license: 'MIT (openai/GPTs-are-GPTs)',
    }),
  ),
];

export interface FetchResult {
  dir: string;
  files: { source: string; url: string; saved: string[]; sha256: string; bytes: number }[];
}

export interface FetchOptions {
  sources?: OfficialSource[];
  cacheDir?: string;
  /** Give up when a server has not answered within this time. */
  timeoutMs?: number;
  progress?: Progress;
  fetchImpl?: typeof fetch;
}

export async function fetchSources(options: FetchOptions = {}): Promise<FetchResult> {
  const sources = options.sources ?? officialSources;
  const dir = options.cacheDir ?? join(jobshiftHome(), 'cache', 'sources');
  const timeoutMs = options.timeoutMs ?? 15_000;
  const progress = options.progress ?? silentProgress;
  const doFetch = options.fetchImpl ?? fetch;
  mkdirSync(dir, { recursive: true });
  const result: FetchResult = { dir, files: [] };
  for (let i = 0; i < sources.length; i++) {
    const src = sources[i]!;
    progress.update(i, sources.length, src.name);
    const bytes = await download(doFetch, src, timeoutMs);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const saved: string[] = [];
    if (src.kind === 'zip') {
      let entries: Record<string, Uint8Array>;
      try {
        entries = unzipSync(bytes);
      } catch {
        throw new InputError(`${src.url} did not return a valid zip archive (download truncated or the address has moved)`);
      }
      const byBase = new Map(Object.entries(entries).map(([k, v]) => [k.split('/').pop() ?? k, v]));
      for (const want of src.expect ?? []) {
        if (!byBase.has(want)) throw new InputError(`${src.url}: the archive has no "${want}" (has the release changed?)`);
      }
      for (const [base, data] of byBase) {
        if (!base || (src.keep && !src.keep.test(base))) continue;
        writeFileAtomic(join(dir, base), data);
        saved.push(base);
      }
    } else {
      writeFileAtomic(join(dir, src.saveAs!), bytes);
      saved.push(src.saveAs!);
    }
    result.files.push({ source: src.name, url: src.url, saved, sha256, bytes: bytes.length });
  }
  progress.done();
  return result;
}

async function download(doFetch: typeof fetch, src: OfficialSource, timeoutMs: number): Promise<Uint8Array> {
  const offline = (why: string) =>
    new InputError(`cannot download ${src.name} from ${src.url} (${why}). Without internet access, import a local copy instead: jobshift data import DIR`);
  let res: Response;
  try {
    res = await doFetch(src.url, {
      signal: AbortSignal.timeout(timeoutMs),
      // BLS refuses requests without a descriptive user agent.
      headers: { 'user-agent': 'jobshift (open labour-data tool; https://github.com/jobshift)' },
    });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const code = e.cause?.code ?? (e.name === 'TimeoutError' ? `no answer in ${Math.round(timeoutMs / 1000)} s` : e.message);
    throw offline(code);
  }
  if (!res.ok) throw offline(`HTTP ${res.status}`);
  try {
    return new Uint8Array(await res.arrayBuffer());
  } catch (err) {
    throw offline(`download interrupted: ${(err as Error).message}`);
  }
}

