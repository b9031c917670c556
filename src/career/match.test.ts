import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeQuery, buildTitleIndex, learnAbbreviations, matchTitle } from './match.js';
import { matchCorpus } from './fixtures/matchCorpus.js';

const index = buildTitleIndex(matchCorpus);
const top = (q: string, n = 5) => matchTitle(index, q, { top: n });
const best = (q: string) => top(q)[0]?.code;

test('an exact alternate title comes first and says which title matched', () => {
  const m = top('Accounts Payable Clerk');
  assert.equal(m[0]?.code, '43-3031.00');
  assert.deepEqual(m[0]?.matchedOn, { field: 'alternate', text: 'Accounts Payable Clerk' });
  assert.equal(m[0]?.title, 'Bookkeeping, Accounting, and Auditing Clerks');
});

test('seniority words do not change the occupation', () => {
  assert.equal(best('senior accounts payable clerk'), '43-3031.00');
  assert.equal(best('Senior Accountant'), '13-2011.00');
  assert.equal(best('junior software engineer II'), '15-1252.00');
  assert.equal(best('lead truck driver'), '53-3032.00');
  // ...and they weigh less than the words that say what the job is.
  const q = analyzeQuery(index, 'senior accountant');
  const w = Object.fromEntries(q.terms.map((t) => [t.term, t.weight]));
  assert.ok((w.senior as number) < (w.accountant as number));
});

test('a level word that is the head of the title keeps its meaning', () => {
  // "assistant" is what a dental assistant is; the dentist must not win.
  assert.equal(best('dental assistant'), '31-9091.00');
  assert.equal(best('dentist'), '29-1021.00');
  assert.equal(best('chief executive'), '11-1011.00');
});

test('abbreviations from the table and acronyms learnt from titles', () => {
  assert.equal(best('sr. acct pay clrk'), '43-3031.00');
  assert.equal(best('RN'), '29-1141.00');
  assert.equal(best('LPN'), '29-2061.00');
  assert.equal(best('CEO'), '11-1011.00');
  assert.equal(best('CPA'), '13-2011.00');
  // Learnt from "Over the Road Driver (OTR Driver)": no table entry for OTR.
  const learnt = learnAbbreviations(matchCorpus);
  assert.deepEqual(learnt.get('otr'), { expansion: ['over', 'road'], upperOnly: false });
  assert.equal(best('OTR'), '53-3032.00');
});

test('plurals and word order do not matter', () => {
  assert.equal(best('software engineers'), '15-1252.00');
  assert.equal(best('engineer software'), '15-1252.00');
  assert.equal(best('assembler engine'), '51-2031.00');
  assert.equal(best('electricians'), '47-2111.00');
});

test('a misspelt word is corrected against the corpus vocabulary', () => {
  assert.equal(best('acountant'), '13-2011.00');
  assert.equal(best('electrican'), '47-2111.00');
  assert.equal(best('softwear developer'), '15-1252.00');
  const q = analyzeQuery(index, 'acountant');
  assert.ok(q.terms.some((t) => t.term === 'accountant' && t.from === 'corrected'));
});

test('a pasted job description matches through descriptions and tasks', () => {
  const text =
    'In my job I prepare financial statements for clients, examine their accounting records, compute the taxes they owe and prepare their tax returns every spring.';
  const m = top(text);
  assert.equal(analyzeQuery(index, text).mode, 'text');
  assert.equal(m[0]?.code, '13-2011.00');
  const nurse = top('I monitor patients, record changes in their conditions and administer medications on a hospital ward every night.');
  assert.ok(nurse.slice(0, 2).some((x) => x.code === '29-1141.00'));
});

test('results are ranked, bounded, deterministic and respect top', () => {
  const a = top('financial records', 3);
  assert.equal(a.length, 3);
  assert.equal(top('nurse', 1).length, 1);
  for (let i = 1; i < a.length; i++) assert.ok((a[i - 1] as { score: number }).score >= (a[i] as { score: number }).score);
  for (const m of a) assert.ok(m.confidence >= 0 && m.confidence <= 1);
  assert.deepEqual(top('financial records', 3), a);
  assert.deepEqual(buildTitleIndex(matchCorpus).codes, index.codes);
  assert.deepEqual(top('zzzz qqqq'), []);
  assert.deepEqual(top(''), []);
});

test('confidence is higher for a clear match than for a vague one', () => {
  const clear = top('Registered Nurse')[0]?.confidence ?? 0;
  const vague = top('nurse')[0]?.confidence ?? 1;
  assert.ok(clear > vague, `${clear} > ${vague}`);
});
