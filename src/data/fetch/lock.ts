/**
 * $JOBSHIFT_HOME/fetch-lock.json: what `data fetch` last downloaded, file by file — the URL, the
 * release it was taken as, its SHA-256 and size. A later fetch compares against it, so a
 * publisher that changes the bytes of a release it already published (BLS revises files in
 * place at unversioned URLs) is noticed and said, never silently absorbed.
 *
 * {
 *   "version": 1,
 *   "files": [
 *     { "source": "ep", "file": "occupation.xlsx", "url": "https://www.bls.gov/emp/ind-occ-matrix/occupation.xlsx",
 *       "release": "2025-35", "sha256": "…", "bytes": 1234567, "fetched_at": "2026-09-01T12:00:00.000Z" }
 *   ]
 * }
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../../util/errors.js';
import { writeFileAtomic } from '../../util/files.js';

export const LOCK_FILE = 'fetch-lock.json';

const lockEntry = z.object({
  source: z.string(),
  /** Name of the downloaded file (for a zip, the archive). */
  file: z.string(),
  url: z.string(),
  release: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  fetched_at: z.string(),
});
const lockSchema = z.object({ version: z.literal(1), files: z.array(lockEntry) });

export type LockEntry = z.infer<typeof lockEntry>;
export type Lock = z.infer<typeof lockSchema>;

export function lockPath(home: string): string {
  return join(home, LOCK_FILE);
}

/** The lock file, or an empty lock when there is none yet. A damaged one is an error naming it. */
export function readLock(home: string): Lock {
  const path = lockPath(home);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, files: [] };
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InputError('not valid JSON (delete it to start a fresh lock; the next fetch rewrites it)', { file: path });
  }
  const lock = lockSchema.safeParse(parsed);
  if (!lock.success) {
    const issue = lock.error.issues[0]!;
    throw new InputError(`not a jobshift fetch lock (${issue.path.join('.') || 'top level'}: ${issue.message}); delete it to start a fresh lock`, { file: path });
  }
  return lock.data;
}

export function writeLock(home: string, lock: Lock): void {
  const files = [...lock.files].sort((a, b) => a.source.localeCompare(b.source) || a.file.localeCompare(b.file));
  writeFileAtomic(lockPath(home), `${JSON.stringify({ version: 1, files }, null, 2)}\n`);
}

/** What changed for one file against the lock: nothing new, a new release, or other bytes for the same release. */
export type LockChange = { kind: 'new' } | { kind: 'same' } | { kind: 'new-release'; previous: LockEntry } | { kind: 'changed-bytes'; previous: LockEntry };

export function compareWithLock(lock: Lock, entry: Omit<LockEntry, 'fetched_at'>): LockChange {
  const previous = lock.files.find((f) => f.source === entry.source && f.file === entry.file);
  if (!previous) return { kind: 'new' };
  if (previous.release !== entry.release) return { kind: 'new-release', previous };
  return previous.sha256 === entry.sha256 ? { kind: 'same' } : { kind: 'changed-bytes', previous };
}

/** The lock with one source's entries replaced by what was just fetched. */
export function withSource(lock: Lock, source: string, entries: LockEntry[]): Lock {
  return { version: 1, files: [...lock.files.filter((f) => f.source !== source), ...entries] };
}
