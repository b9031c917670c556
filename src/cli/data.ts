import type { Command } from 'commander';
import { createInterface } from 'node:readline/promises';
import { fetchAndImport, fetchedAnything, type FetchSummary, fetchSources, officialSources, sourceAddresses } from '../data/fetch.js';
import { checkContact, type Contact, CONTACT_VARIABLE, contactPath, rememberContact, resolveContact } from '../data/fetch/contact.js';
import { importData, type ImportSummary } from '../data/import.js';
import { dataStatus, formatStatus } from '../data/status.js';
import { jobshiftHome, withStore } from '../data/store.js';
import { InputError } from '../util/errors.js';
import { terminalProgress } from '../util/progress.js';
import { print, printJson, runCommand, wholeNumber } from './output.js';

export function registerDataCommands(program: Command): void {
  const data = program.command('data').description('import, fetch and inspect the public data in the store');

  data
    .command('import')
    .description('import official data files found anywhere under DIR (default: $JOBSHIFT_DATA)')
    .argument('[dirs...]', 'folders to search')
    .option('--json', 'print the import summary as JSON')
    .action((dirs: string[], opts: { json?: boolean }) =>
      runCommand(async () => {
        const folders = dirs.length ? dirs : process.env.JOBSHIFT_DATA ? [process.env.JOBSHIFT_DATA] : [];
        if (!folders.length) throw new InputError('no folder given: `jobshift data import DIR` (or set JOBSHIFT_DATA)');
        const summary = await withStore((store) => importData(store, folders, terminalProgress('importing')));
        if (opts.json) return printJson(summary);
        warnSkipped(summary);
        print(`Imported ${summary.files.length} files in ${(summary.elapsedMs / 1000).toFixed(1)} s.`);
        for (const f of summary.files) print(`  ${f.dataset.padEnd(12)} ${String(f.rows).padStart(8)} rows  ${f.file}`);
      }),
    );

  data
    .command('fetch')
    .description('download the official sources into a cache, check them, and import each one on its own')
    .argument('[sources...]', `only these sources (${officialSources.map((s) => s.id).join(', ')})`)
    .option('--json', 'print the summary as JSON')
    .option('--timeout <seconds>', 'give up when connecting or waiting for data takes longer (never bounds a whole download)', '30')
    .option('--force', 'download pinned sources again even when the cache holds them')
    .option('--no-import', 'download and check only')
    .option('--list', 'list the sources, their addresses and licenses, and exit')
    .action((only: string[], opts: { json?: boolean; timeout: string; force?: boolean; import: boolean; list?: boolean }) =>
      runCommand(async () => {
        if (opts.list) return listSources(opts.json);
        const timeoutMs = wholeNumber(opts.timeout, '--timeout', 1, 3600) * 1000;
        const home = jobshiftHome();
        const contact = await contactFor(home, only, !opts.json);
        const options = { home, only, timeoutMs, contact: contact.contact, force: opts.force, progress: terminalProgress('fetching'), importProgress: terminalProgress('importing') };
        const summary = opts.import ? await withStore((store) => fetchAndImport(store, options)) : await fetchSources(options);
        if (opts.json) printJson(summary);
        else print(formatFetchSummary(summary));
        // Exit 2 when nothing usable arrived, or when a source asked for by name failed.
        const askedAndFailed = only.length > 0 && summary.sources.some((s) => only.includes(s.id) && s.status === 'failed');
        if (!fetchedAnything(summary) || askedAndFailed) process.exitCode = 2;
      }),
    );

  data
    .command('status')
    .description('what is loaded, what is missing, and which features that disables')
    .option('--json', 'print as JSON')
    .action((opts: { json?: boolean }) =>
      runCommand(async () => {
        const status = await withStore((store) => dataStatus(store));
        if (opts.json) printJson(status);
        else print(formatStatus(status));
      }),
    );
}

/**
 * Files the importer matched by name but could not read as any table it knows, and what the
 * store now mixes (O*NET releases, job zones of unknown framework): said, never fatal.
 */
export function warnSkipped(summary: ImportSummary): void {
  for (const s of summary.skipped) process.stderr.write(`jobshift: warning: skipped ${s.file}: ${s.reason}\n`);
  for (const w of summary.warnings) process.stderr.write(`jobshift: warning: ${w.message}\n`);
}

/**
 * The contact address for the User-Agent: JOBSHIFT_CONTACT, else the remembered answer, else —
 * on an interactive terminal, and only when a BLS source is to be fetched — asked once and
 * remembered (an empty answer is remembered as "none"). Never asked with --json or without a TTY.
 */
async function contactFor(home: string, only: string[], interactive: boolean): Promise<Contact> {
  const known = resolveContact(home);
  const wantsBls = officialSources.some((s) => s.host === 'bls' && (only.length === 0 || only.includes(s.id)));
  if (known.from !== 'unknown' || !wantsBls || !interactive || !process.stdin.isTTY || !process.stderr.isTTY) return known;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    process.stderr.write(
      `BLS refuses scripted downloads that do not say who is asking. jobshift sends your e-mail address in the User-Agent of its downloads (and nowhere else).\n`,
    );
    const answer = (await rl.question(`E-mail address to send (Enter for none; remembered in ${contactPath(home)}, or set ${CONTACT_VARIABLE}): `)).trim();
    if (!answer) {
      rememberContact(home, null);
      return { from: 'declined' };
    }
    const contact = checkContact(answer, 'the address given');
    rememberContact(home, contact);
    return { contact, from: 'remembered' };
  } finally {
    rl.close();
  }
}

function listSources(json?: boolean): void {
  const rows = officialSources.map((s) => ({ id: s.id, title: s.title, license: s.license, provides: s.provides, urls: sourceAddresses(s) }));
  if (json) return printJson(rows);
  for (const r of rows) {
    print(`${r.id.padEnd(17)} ${r.title}\n${''.padEnd(17)} for: ${r.provides}\n${''.padEnd(17)} license: ${r.license}`);
    for (const u of r.urls) print(`${''.padEnd(17)} ${u}`);
  }
}

/** One line per source: fetched / failed (why) / skipped (why), then notes and hints. */
export function formatFetchSummary(summary: FetchSummary): string {
  const lines: string[] = [`Sources (cache ${summary.dir}; lock ${summary.lock}):`];
  for (const s of summary.sources) {
    const imported = s.imported ? `; imported ${s.imported.files} files, ${s.imported.rows.toLocaleString('en-US')} rows` : '';
    const release = s.release ? ` ${s.release.length === 40 ? s.release.slice(0, 7) : s.release}` : '';
    const detail = s.status === 'fetched' ? `${s.title}${release}${imported}` : `${s.reason ?? ''}${imported}`;
    lines.push(`  ${s.status.padEnd(8)} ${s.id.padEnd(17)} ${detail}`);
    for (const n of [...s.notes, ...(s.imported?.warnings ?? [])]) lines.push(`  ${''.padEnd(8)} ${''.padEnd(17)} note: ${n}`);
  }
  for (const h of summary.hints) lines.push('', `hint: ${h}`);
  return lines.join('\n');
}
