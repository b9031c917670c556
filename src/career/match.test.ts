import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agentNouns, analyzeQuery, buildTitleIndex, learnAbbreviations, matchTitle } from './match.js';
import type { Calibration } from './matchCalibration.js';
import { rawTokens } from './matchText.js';
import { descriptionCorpus } from './fixtures/descriptionCorpus.js';
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

// ---------------------------------------------------------------------------------------------
// Descriptions typed in the first person.

const described = buildTitleIndex(descriptionCorpus);

test('a short first-person description is read as a description and found through task text', () => {
  // Five content words: a title-length query, but written in the first person.
  const q = 'I mark homework and talk to the parents';
  assert.equal(analyzeQuery(described, q).mode, 'text');
  const m = matchTitle(described, q);
  assert.equal(m[0]?.code, '25-2031.00');
  assert.equal(m[0]?.matchedOn.field, 'text');
  // None of these words is in the right occupation's titles.
  assert.equal(best2('I feed the toddlers, read them stories and play games'), '39-9011.00');
  assert.equal(best2('I write code for web services and review changes from my team'), '15-1252.00');
  // Titles stay titles: a roman numeral or "I&C" is not a first-person sentence.
  assert.equal(analyzeQuery(index, 'Accountant I').mode, 'title');
  assert.equal(analyzeQuery(index, 'I&C Technician').mode, 'title');
  assert.equal(analyzeQuery(index, 'I & E Technician Level II').mode, 'title');
  assert.equal(analyzeQuery(index, 'I/O Psychologist Consultant').mode, 'title');
  assert.equal(analyzeQuery(index, 'IM Resident Physician').mode, 'title');
  assert.equal(analyzeQuery(index, "I'm a registered nurse on a ward").mode, 'text');
  assert.equal(analyzeQuery(index, 'senior accounts payable clerk').mode, 'title');
});

function best2(q: string): string | undefined {
  return matchTitle(described, q)[0]?.code;
}

test('a description drops filler and numbers, joins word families, and names the agent of "I <verb>"', () => {
  const q = analyzeQuery(described, 'I teach maths to 14 year olds and mark their homework');
  const terms = new Set(q.terms.map((t) => t.term));
  for (const filler of ['14', 'year', 'old']) assert.ok(!terms.has(filler), filler);
  // "teach" meets "teacher" and "teaching" on its coarse stem; "maths" is read as "math".
  assert.ok(terms.has('~teach') && terms.has('math'));
  // "I teach" → "teacher", a word that heads titles of the corpus.
  assert.ok(q.terms.some((t) => t.term === 'teacher' && t.from === 'agent'));
  assert.deepEqual(agentNouns(rawTokens('I teach maths and we bake bread'), new Map([['teacher', 9], ['baker', 9]])), ['teacher', 'baker']);
  assert.deepEqual(agentNouns(rawTokens('I teach maths'), new Map([['teacher', 1]])), []);
  assert.equal(matchTitle(described, 'I teach maths to 14 year olds and mark their homework')[0]?.code, '25-2031.00');
});

test('a word a description repeats weighs more', () => {
  const once = analyzeQuery(described, 'I review letters, answer complaints and file requests');
  const twice = analyzeQuery(described, 'I review letters, review complaints and review requests');
  const w = (q: typeof once) => q.terms.find((t) => t.term === 'review')?.weight ?? 0;
  assert.ok(w(twice) > w(once), `${w(twice)} > ${w(once)}`);
});

test('descriptions take their confidence from the description model, titles from the title model', () => {
  const sure: Calibration = { top: [0, 0, 5], rest: { temperature: 1, topBonus: 0, nullBias: 0, nullSlope: 0 } };
  const unsure: Calibration = { top: [0, 0, -5], rest: { temperature: 1, topBonus: 0, nullBias: 0, nullSlope: 0 } };
  const ix = buildTitleIndex(descriptionCorpus, {}, unsure, sure);
  assert.ok((matchTitle(ix, 'I mark homework and talk to the parents')[0]?.confidence ?? 0) > 0.99);
  assert.ok((matchTitle(ix, 'High School Teacher')[0]?.confidence ?? 1) < 0.01);
});
