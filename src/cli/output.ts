/**
 * How commands speak: human text on stdout, or one JSON document with --json; errors the
 * user can fix as one line on stderr with exit code 2.
 */
import { InputError, isInputError } from '../util/errors.js';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** A whole-number option in [min, max]; anything else is the user's to fix (exit 2). */
export function wholeNumber(value: string, field: string, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max.toLocaleString('en-US')}`;
    throw new InputError(`must be a whole number ${range}, got "${value}"`, { field });
  }
  return n;
}

/** Run a command body; map InputError to exit 2 and anything else to exit 1 without a stack (unless JOBSHIFT_DEBUG). */
export async function runCommand(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    if (isInputError(err)) {
      process.stderr.write(`jobshift: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    const e = err as Error;
    process.stderr.write(`jobshift: internal error: ${e?.message ?? String(err)}\n`);
    if (process.env.JOBSHIFT_DEBUG) process.stderr.write(`${e?.stack ?? ''}\n`);
    else process.stderr.write('(set JOBSHIFT_DEBUG=1 for details)\n');
    process.exitCode = 1;
  }
}
