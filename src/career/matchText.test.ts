import { test } from 'node:test';
import assert from 'node:assert/strict';
import { abbreviationOf, coarseStem, editDistance, isAbbreviationOf, letterMask, lightStem, popcount, rawTokens } from './matchText.js';

test('tokens: lower case, capitals noted, apostrophes dropped, & read as and, parentheses marked', () => {
  const t = rawTokens("Sr. Driver's Aide & CEO (Chief Executive Officer) café");
  assert.deepEqual(
    t.map((x) => x.text),
    ['sr', 'drivers', 'aide', 'and', 'ceo', 'chief', 'executive', 'officer', 'cafe'],
  );
  assert.deepEqual(
    t.filter((x) => x.upper).map((x) => x.text),
    ['ceo'],
  );
  assert.deepEqual(
    t.filter((x) => x.paren).map((x) => x.text),
    ['chief', 'executive', 'officer'],
  );
  assert.deepEqual(rawTokens('  --  '), []);
});

test('light stemming folds plurals only', () => {
  assert.equal(lightStem('engineers'), 'engineer');
  assert.equal(lightStem('secretaries'), 'secretary');
  assert.equal(lightStem('coaches'), 'coach');
  assert.equal(lightStem('firemen'), 'fireman');
  assert.equal(lightStem('analysis'), 'analysis');
  assert.equal(lightStem('business'), 'business');
  assert.equal(lightStem('accounting'), 'accounting');
});

test('coarse stems join word families but keep engine and engineer apart', () => {
  assert.equal(coarseStem('accountant'), coarseStem('accounting'));
  assert.equal(coarseStem('administrator'), coarseStem('administration'));
  assert.equal(coarseStem('administrative'), coarseStem('administration'));
  assert.notEqual(coarseStem('engine'), coarseStem('engineer'));
});

test('edit distance counts an adjacent swap as one edit and stops past the bound', () => {
  assert.equal(editDistance('acountant', 'accountant', 2), 1);
  assert.equal(editDistance('nrse', 'nurse', 2), 1);
  assert.equal(editDistance('nusre', 'nurse', 2), 1);
  assert.equal(editDistance('kitten', 'sitting', 5), 3);
  assert.equal(editDistance('abc', 'xyzxyz', 1), 2);
  assert.equal(editDistance('', 'ab', 3), 2);
  assert.equal(editDistance('same', 'same', 0), 0);
});

test('letter masks bound the edit distance from below', () => {
  assert.equal(popcount(letterMask('abc') ^ letterMask('abd')), 2);
  assert.equal(popcount(letterMask('nurse') ^ letterMask('nusre')), 0);
  assert.equal(popcount(0xffffffff | 0), 32);
  // A substitution flips at most two letters' bits.
  for (const [a, b] of [['clerk', 'clerc'], ['driver', 'drover'], ['welder', 'welter']] as const) {
    assert.ok(popcount(letterMask(a) ^ letterMask(b)) <= 2 * editDistance(a, b, 3));
  }
});

test('abbreviation test: same first letter, letters in order', () => {
  assert.ok(isAbbreviationOf('clrk', 'clerk'));
  assert.ok(isAbbreviationOf('mgr', 'manager'));
  assert.ok(!isAbbreviationOf('mgr', 'engineer'));
  assert.ok(!isAbbreviationOf('clerk', 'clerk'));
});

test('abbreviation table ignores object prototype names', () => {
  assert.equal(abbreviationOf('sr')?.expansion, 'senior');
  assert.equal(abbreviationOf('constructor'), undefined);
  assert.equal(abbreviationOf('toString'), undefined);
});
