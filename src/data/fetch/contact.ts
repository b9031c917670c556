/**
 * The contact sent in the User-Agent of downloads. BLS answers scripted downloads with 403 unless
 * the User-Agent says who is asking and how to reach them (its robots guidance asks for an
 * e-mail address). The address comes from JOBSHIFT_CONTACT, else from what the user answered
 * once on a terminal, remembered in $JOBSHIFT_HOME/contact.json (an answer of "none" is
 * remembered too, so nobody is asked twice).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { InputError } from '../../util/errors.js';
import { writeFileAtomic } from '../../util/files.js';

export const CONTACT_VARIABLE = 'JOBSHIFT_CONTACT';
const CONTACT_FILE = 'contact.json';

export interface Contact {
  /** The address, or undefined when none is known. */
  contact?: string;
  /** Where it came from; 'declined' = the user chose to send none; 'unknown' = never asked. */
  from: 'env' | 'remembered' | 'declined' | 'unknown';
}

/** An address as it may travel in an HTTP header: printable ASCII with an @. */
export function checkContact(value: string, where: string): string {
  const v = value.trim();
  if (!/^[\x21-\x7e]+@[\x21-\x7e]+$/.test(v)) throw new InputError(`${where}: expected an e-mail address such as you@example.org, got "${value}"`);
  return v;
}

export function contactPath(home: string): string {
  return join(home, CONTACT_FILE);
}

export function resolveContact(home: string, env: NodeJS.ProcessEnv = process.env): Contact {
  const fromEnv = env[CONTACT_VARIABLE];
  if (fromEnv && fromEnv.trim()) return { contact: checkContact(fromEnv, CONTACT_VARIABLE), from: 'env' };
  let saved: { contact?: unknown };
  try {
    saved = JSON.parse(readFileSync(contactPath(home), 'utf8')) as { contact?: unknown };
  } catch {
    return { from: 'unknown' };
  }
  if (typeof saved.contact === 'string' && saved.contact) return { contact: checkContact(saved.contact, contactPath(home)), from: 'remembered' };
  return saved.contact === null ? { from: 'declined' } : { from: 'unknown' };
}

/** Remember the user's answer (an address, or null for "send none"). */
export function rememberContact(home: string, contact: string | null): void {
  writeFileAtomic(contactPath(home), `${JSON.stringify({ contact, saved_at: new Date().toISOString() }, null, 2)}\n`);
}

const version = (() => {
  try {
    // src/data/fetch and dist/data/fetch are both three levels below the package root.
    return (createRequire(import.meta.url)('../../../package.json') as { version?: string }).version ?? '';
  } catch {
    return '';
  }
})();

export function userAgent(contact?: string): string {
  return `jobshift${version ? `/${version}` : ''} (open labour-data tool${contact ? `; contact: ${contact}` : ''})`;
}
