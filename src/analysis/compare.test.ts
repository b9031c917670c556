import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareSeries, scorerSeries, TRAINED_ON_LABELS_NOTE } from './compare.js';
import type { OccupationExposure } from './exposure.js';

const occupation = (onetCode: string, beta: number) => ({ onetCode, alpha: beta, beta, gamma: beta }) as OccupationExposure;
const occupations = [occupation('11-1011.00', 0.1), occupation('13-2011.00', 0.5), occupation('43-9021.00', 0.8), occupation('47-2061.00', 0)];

test('the built-in model is marked not independent, and so is every pair it is in', () => {
  const human = scorerSeries('human', 'jobshift human beta', 'labels', occupations);
  const local = scorerSeries('local', 'jobshift local-model beta', 'model', occupations);
  const gpt4 = scorerSeries('gpt4', 'jobshift GPT-4 beta', 'labels', occupations.map((o) => ({ ...o, beta: 1 - o.beta })));
  assert.equal(human.independent, true);
  assert.equal(local.independent, false);
  assert.equal(local.note, TRAINED_ON_LABELS_NOTE);
  assert.equal(TRAINED_ON_LABELS_NOTE, 'trained on these labels — not independent');
  const pairs = compareSeries([human, local, gpt4]);
  const of = (a: string, b: string) => pairs.find((p) => p.a === a && p.b === b)!;
  assert.equal(of('human', 'local').independent, false);
  assert.equal(of('human', 'local').pearson, 1, 'the correlation is still there to see, labelled');
  assert.equal(of('local', 'gpt4').independent, false);
  assert.equal(of('human', 'gpt4').independent, true);
});
