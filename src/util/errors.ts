/**
 * Errors a user can act on. The CLI prints `message` alone (no stack) and exits 2;
 * the API answers 4xx with `{ "error": message, "field": ... }`.
 *
 * Where the fault is in a file, name the file, the 1-based row (as a spreadsheet or
 * `sed -n Np` would count it, header = row 1) and the column/field.
 */
export class InputError extends Error {
  readonly file?: string;
  readonly row?: number;
  readonly field?: string;
  readonly status: number;

  constructor(message: string, where: { file?: string; row?: number; field?: string; status?: number } = {}) {
    super(InputError.compose(message, where));
    this.name = 'InputError';
    this.file = where.file;
    this.row = where.row;
    this.field = where.field;
    this.status = where.status ?? 400;
  }

  private static compose(message: string, where: { file?: string; row?: number; field?: string }): string {
    const parts: string[] = [];
    if (where.file) parts.push(where.file);
    if (where.row !== undefined) parts.push(`row ${where.row}`);
    if (where.field) parts.push(`field "${where.field}"`);
    return parts.length ? `${parts.join(', ')}: ${message}` : message;
  }
}

/** True for errors that should reach a user as a one-line message rather than a crash. */
export function isInputError(err: unknown): err is InputError {
  return err instanceof InputError;
}
