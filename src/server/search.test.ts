import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseWords, searchOccupations, type TitleIndex } from './search.js';

/** An index built the way loadTitleIndex builds it, from a few titles. */
function index(rows: [string, string, 'official' | 'alternate' | 'reported'][]): TitleIndex {
  const entries = rows.map(([code, title, kind]) => {
    const words = normaliseWords(title);
    return { code, title, kind, words, text: words.join(' ') };
  });
  const postings = new Map<string, number[]>();
  entries.forEach((e, i) => e.words.forEach((w) => postings.set(w, [...(postings.get(w) ?? []), i])));
  return { entries, titles: new Map(rows.filter((r) => r[2] === 'official').map(([c, t]) => [c, t])), words: [...postings.keys()].sort(), postings };
}

const idx = index([
  ['13-2011.00', 'Accountants and Auditors', 'official'],
  ['13-2011.00', 'Certified Public Accountant', 'alternate'],
  ['43-3031.00', 'Bookkeeping, Accounting, and Auditing Clerks', 'official'],
  ['43-3031.00', 'Accountant Helper', 'alternate'],
  ['11-3031.00', 'Financial Managers', 'official'],
  ['11-3031.00', 'Accountant Supervisor', 'reported'],
  ['29-1141.00', 'Registered Nurses', 'official'],
]);

test('normaliseWords: lower case, punctuation and accents gone, plural -s dropped', () => {
  assert.deepEqual(normaliseWords('Accountants & Auditors'), ['accountant', 'auditor']);
  assert.deepEqual(normaliseWords('Café Managers, Class'), ['cafe', 'manager', 'class']);
  assert.deepEqual(normaliseWords('Bus'), ['bus']);
});

test('an official title matching every word ranks first; ties go to the larger occupation', () => {
  const hits = searchOccupations(idx, 'accountant', (c) => (c === '43-3031.00' ? 2e6 : 1e6));
  assert.equal(hits[0]!.code, '13-2011.00');
  assert.equal(hits[0]!.kind, 'official');
  assert.deepEqual(hits.map((h) => h.code).sort(), ['11-3031.00', '13-2011.00', '43-3031.00']);
});

test('words match as prefixes, in any order; every word must match', () => {
  assert.deepEqual(searchOccupations(idx, 'nurs regist').map((h) => h.code), ['29-1141.00']);
  assert.deepEqual(searchOccupations(idx, 'accountant nurse'), []);
  assert.equal(searchOccupations(idx, 'public accountant')[0]!.title, 'Certified Public Accountant');
});

test('codes match by prefix, with or without the dash', () => {
  assert.deepEqual(searchOccupations(idx, '13-2011').map((h) => h.code), ['13-2011.00']);
  assert.deepEqual(searchOccupations(idx, '291141').map((h) => h.code), ['29-1141.00']);
});
