import assert from 'node:assert/strict';
import { test } from 'node:test';
import { automationAbsentText, isUncertain, joinNotes, shownAutomation, UNCERTAIN_BELOW, uncertaintyNote } from './display.js';

test('a rating whose top probability is below one half is flagged uncertain, with its probabilities', () => {
  assert.equal(UNCERTAIN_BELOW, 0.5);
  // The split of the issue: shown as a confident E2 before.
  assert.equal(isUncertain([0.32, 0.34, 0.34]), true);
  assert.equal(uncertaintyNote([0.32, 0.34, 0.34]), 'uncertain (E0 32%, E1 34%, E2 34%)');
  assert.equal(isUncertain([0.3, 0.2, 0.4999]), true);
  // At one half or above, and one-hot published labels, it is not.
  for (const p of [[0.5, 0.3, 0.2], [0.1, 0.8, 0.1], [0, 0, 1]]) {
    assert.equal(isUncertain(p), false, p.join());
    assert.equal(uncertaintyNote(p), undefined);
  }
  assert.equal(isUncertain(undefined), false);
  assert.equal(uncertaintyNote(null), undefined);
});

test('notes are joined with existing ones, empty ones dropped', () => {
  assert.equal(joinNotes('rated from text (not an O*NET task)', uncertaintyNote([0.4, 0.35, 0.25])), 'rated from text (not an O*NET task); uncertain (E0 40%, E1 35%, E2 25%)');
  assert.equal(joinNotes(undefined, ''), undefined);
});

test('an unexposed task never shows an automation level, however high its raw level', () => {
  for (const level of ['T0', 'T1', 'T2', 'T3', 'T4'] as const) {
    assert.equal(shownAutomation('E0', level), null);
    assert.equal(shownAutomation('E1', level), level);
    assert.equal(shownAutomation('E2', level), level);
  }
  assert.equal(automationAbsentText('E0'), '— (not exposed)');
  // No label (not a task statement) or no level: a dash.
  assert.equal(shownAutomation(null, 'T4'), null);
  assert.equal(shownAutomation('E1', null), null);
  assert.equal(automationAbsentText(null), '—');
  assert.equal(automationAbsentText('E1'), '—');
});
