import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logLoss, reliability } from './calibration.js';

test('reliability: calibrated confidences give ECE 0; overconfident ones their gap', () => {
  // 10 predictions at 0.8, 8 right: calibrated. 10 at 0.95, 5 right: off by 0.45.
  const conf = [...Array(10).fill(0.8), ...Array(10).fill(0.95)];
  const right = [...Array(8).fill(true), ...Array(2).fill(false), ...Array(5).fill(true), ...Array(5).fill(false)];
  const r = reliability(conf, right);
  assert.ok(Math.abs(r.ece - 0.5 * 0 - 0.5 * 0.45) < 1e-12);
  assert.equal(r.bins[8]!.count, 10);
  assert.ok(Math.abs(r.bins[9]!.accuracy - 0.5) < 1e-12);
  assert.ok(Math.abs(r.brier - (8 * 0.04 + 2 * 0.64 + 5 * 0.0025 + 5 * 0.9025) / 20) < 1e-12);
});

test('logLoss: mean negative log probability of the truth, floored', () => {
  assert.ok(Math.abs(logLoss([0.5, 0.25]) - (Math.log(2) + Math.log(4)) / 2) < 1e-12);
  assert.ok(Number.isFinite(logLoss([0])));
  assert.equal(logLoss([]), 0);
});
