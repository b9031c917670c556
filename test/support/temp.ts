/**
 * Temporary folders for one test file: `const tempDir = tempDirs('jobshift-score-')` at the
 * top of the file, then `tempDir()` wherever a folder is needed; all are removed when the
 * file's tests end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

export function tempDirs(prefix: string): (otherPrefix?: string) => string {
  const made: string[] = [];
  after(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });
  return (otherPrefix = prefix) => {
    const d = mkdtempSync(join(tmpdir(), otherPrefix));
    made.push(d);
    return d;
  };
}
