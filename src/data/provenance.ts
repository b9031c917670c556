/**
 * Release strings for what was imported, read from the store's `sources` table, so every
 * "O*NET 30.1" or "2025-02-10 release" a user sees names the files actually behind the numbers,
 * never a release written into the code.
 */
import type { Store } from './store.js';

export interface Provenance {
  /** O*NET database releases of the imported files, oldest first ("29.1", "30.1"). */
  onetReleases: string[];
  /** Anthropic Economic Index release dates found in the imported file paths ("2025-02-10"). */
  anthropicReleases: string[];
}

export async function loadProvenance(store: Store): Promise<Provenance> {
  return provenanceOf(await store.all<{ dataset: string; file: string; release: string }>(`SELECT dataset, file, release FROM sources`));
}

/** The same from import records already read (e.g. `data status`'s sources). */
export function provenanceOf(rows: { dataset: string; file: string; release: string }[]): Provenance {
  const onet = [...new Set(rows.filter((r) => r.dataset === 'onet').map((r) => r.release))];
  onet.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  // Release dates are written 2025-02-10 (shared copies) or release_2025_02_10 (the published folders).
  const dateOf = (file: string) => /(\d{4})[-_](\d{2})[-_](\d{2})/.exec(file)?.slice(1).join('-');
  const anthropic = [...new Set(rows.filter((r) => /anthropic|economicindex/i.test(r.file)).map((r) => dateOf(r.file)).filter((x): x is string => !!x))].sort();
  return { onetReleases: onet, anthropicReleases: anthropic };
}

/** "O*NET 29.1 and 30.1" (or "O*NET" when nothing is recorded). */
export function onetLabel(p: Provenance): string {
  const r = p.onetReleases;
  if (r.length === 0) return 'O*NET';
  return `O*NET ${r.length === 1 ? r[0] : `${r.slice(0, -1).join(', ')} and ${r[r.length - 1]}`}`;
}

/**
 * The credit line O*NET's licence asks for when information is modified (onetcenter.org/license_db.html,
 * "If you make edits or additions to O*NET information"): jobshift derives scores and aggregates
 * from the data, so the modification notice applies.
 */
export function onetCredit(p: Provenance): string {
  const db = p.onetReleases.length ? `the ${onetLabel(p)} Database` : 'the O*NET Database';
  return (
    `This includes information from ${db} by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). ` +
    'Used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA. jobshift has modified all or some of this information. ' +
    'USDOL/ETA has not approved, endorsed, or tested these modifications.'
  );
}

/** "Anthropic Economic Index, 2025-02-10 release" from the imported files. */
export function anthropicLabel(p: Provenance): string {
  const r = p.anthropicReleases;
  return r.length ? `Anthropic Economic Index, ${r.join(' and ')} release${r.length > 1 ? 's' : ''}` : 'Anthropic Economic Index';
}
