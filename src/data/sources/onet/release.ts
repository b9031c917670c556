/**
 * Releases: which O*NET release a file belongs to, and how release strings compare. Every
 * source's release strings ("29.1", OEWS "2024", EP "2024-34") compare with compareRelease.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Compare release strings numerically part by part ("30.1" > "29.1", "29.10" > "29.9"). */
export function compareRelease(a: string, b: string): number {
  const pa = a.split(/[.\-]/);
  const pb = b.split(/[.\-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const nx = Number(x);
    const ny = Number(y);
    const c = Number.isFinite(nx) && Number.isFinite(ny) && x !== '' && y !== '' ? nx - ny : x.localeCompare(y);
    if (c !== 0) return c;
  }
  return 0;
}

/** Release "0": neither a Read Me nor the folder name says which release a file is from. */
export const UNKNOWN_RELEASE = '0';

/** Is release within [from, to] (either bound open when absent)? */
export function inReleaseRange(release: string, range: { from?: string; to?: string }): boolean {
  return (range.from === undefined || compareRelease(release, range.from) >= 0) && (range.to === undefined || compareRelease(release, range.to) <= 0);
}

/**
 * Release of an O*NET file: from the "Read Me.txt" O*NET ships beside its files ("O*NET 30.3
 * Database / May 2026 Release"), else the folder name of the official download (db_30_3_text,
 * db_30_3_excel), else UNKNOWN_RELEASE.
 */
export function onetRelease(path: string): string {
  const dir = dirname(path);
  const readme = join(dir, 'Read Me.txt');
  if (existsSync(readme)) {
    const m = /O\*NET\s+(\d+)\.(\d+)/.exec(readFileSync(readme, 'utf8').slice(0, 200));
    if (m) return `${m[1]}.${m[2]}`;
  }
  const m = /db_(\d+)_(\d+)/.exec(dir);
  return m ? `${m[1]}.${m[2]}` : UNKNOWN_RELEASE;
}
