import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractNumbers, factNumbers, groundPassage, matchNumber, sentences, writtenTolerance } from './grounding.js';

const facts = {
  meanExposure: 0.3127,
  workersCovered: 127_029_930,
  shareAtLeast50: 0.2251,
  wageBillTotal: 8.6e12,
  coefficient: 0.0732,
  oewsYear: 2024,
  byGroup: [{ group: 'Office and Administrative Support', meanExposure: 0.5251, workers: 16_959_710 }],
  interval: [0.294, 0.316],
  intervalLevel: 0.9,
};
const nums = factNumbers(facts);
const one = (text: string) => {
  const n = extractNumbers(text);
  assert.equal(n.length, 1, `one number in "${text}": ${JSON.stringify(n)}`);
  return n[0]!;
};

test('extracts numbers with their units and the precision they were written with', () => {
  const n = extractNumbers('About 31.3% of tasks, 127 million workers, $8.6 trillion, 1,540,000 jobs and 0.07 log points.');
  assert.deepEqual(
    n.map((x) => [x.text, x.value, x.scale, x.percent]),
    [['31.3%', 31.3, 1, true], ['127 million', 127, 1e6, false], ['$8.6 trillion', 8.6, 1e12, false], ['1,540,000', 1540000, 1, false], ['0.07', 0.07, 1, false]],
  );
  assert.equal(one('31 percent').percent, true);
  assert.equal(writtenTolerance('31', ''), 0.5);
  assert.equal(writtenTolerance('30', ''), 5);
  assert.equal(writtenTolerance('4', '.21'), 0.005);
  assert.equal(writtenTolerance('1540000', ''), 5000);
});

test('codes and labels are not prose numbers', () => {
  assert.deepEqual(extractNumbers('Tasks rated E1 or T3 in O*NET-SOC 43-9021.00 and the 1990s').map((n) => n.text), ['43', '9021.00']);
  // (the code's parts are numbers, and would be checked: prose should not quote codes)
  assert.deepEqual(extractNumbers('E2 and T4 levels, GPT-4 ratings').map((n) => n.text), []);
});

test('a range takes the unit of its second number', () => {
  const n = extractNumbers('between 29–32% of workers, 1.2 to 1.5 million jobs, 538,000 to 5.29 million');
  assert.deepEqual(n.map((x) => [x.text, x.percent, x.scale]), [['29', true, 1], ['32%', true, 1], ['1.2', false, 1e6], ['1.5 million', false, 1e6], ['538,000', false, 1], ['5.29 million', false, 1e6]]);
});

test('matching allows rounding, percent vs share, and scale words', () => {
  assert.equal(matchNumber(one('31.3%'), nums), 0.3127);
  assert.equal(matchNumber(one('31%'), nums), 0.3127);
  assert.equal(matchNumber(one('30%'), nums), 0.3127, 'a round 30% may stand for 31.3%');
  assert.equal(matchNumber(one('127 million'), nums), 127_029_930);
  assert.equal(matchNumber(one('127.0 million'), nums), 127_029_930);
  assert.equal(matchNumber(one('$8.6 trillion'), nums), 8.6e12);
  assert.equal(matchNumber(one('17.0 million'), nums), 16_959_710);
  assert.equal(matchNumber(one('0.073'), nums), 0.0732);
  assert.equal(matchNumber(one('2024'), nums), 2024);
  assert.equal(matchNumber(one('52.5 percent'), nums), 0.5251);
  assert.equal(matchNumber(one('3 groups'), nums), 3, 'small counting numbers pass');
});

test('numbers that are not in the facts do not match', () => {
  assert.equal(matchNumber(one('37.4%'), nums), null);
  assert.equal(matchNumber(one('31.9%'), nums), null, '31.9% is not 31.27% rounded');
  assert.equal(matchNumber(one('7.3 million'), nums), null);
  assert.equal(matchNumber(one('127 billion'), nums), null, 'the scale matters');
  assert.equal(matchNumber(one('2031'), nums), null);
  assert.equal(matchNumber(one('45,000'), nums), null);
});

test('sentences split at full stops but not inside decimals or "et al."', () => {
  assert.deepEqual(sentences('Eloundou et al. (2024) rate tasks. About 31.3% are exposed! Is that high? Yes.'), ['Eloundou et al. (2024) rate tasks.', 'About 31.3% are exposed!', 'Is that high?', 'Yes.']);
});

test('groundPassage removes each sentence with an invented number and reports it', () => {
  const prose = 'On average 31.3% of task weight is exposed, with a 90% interval of 29.4% to 31.6%. By 2030 about 7.3 million jobs will vanish. The wage bill is $8.6 trillion.\n\nOffice and Administrative Support is the most exposed group (52.5%).';
  const r = groundPassage(prose, facts);
  assert.deepEqual(r.removed.map((x) => x.text), ['2030', '7.3 million']);
  assert.doesNotMatch(r.text, /7\.3|2030|vanish/);
  assert.match(r.text, /31\.3% of task weight/);
  assert.match(r.text, /\$8\.6 trillion/);
  assert.match(r.text, /\n\nOffice and Administrative Support/, 'paragraphs kept');
  assert.ok(r.grounded.some((g) => g.fact === 0.5251));
  assert.match(r.text, /90% interval of 29\.4% to 31\.6%/, 'the interval level is a fact too');
});

test('groundPassage on prose with only grounded numbers changes nothing', () => {
  const prose = 'About 22.5% of workers hold jobs where half the tasks are exposed. That is 127 million workers covered.';
  const r = groundPassage(prose, facts);
  assert.equal(r.removed.length, 0);
  assert.equal(r.text, prose);
});
