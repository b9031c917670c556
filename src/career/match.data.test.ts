/**
 * The matcher on the real O*NET 29.1 titles (JOBSHIFT_DATA). Floors sit well below the measured
 * figures (bench/match.bench.ts) so that the test fails on a real regression, not on noise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readOnetCorpus, type OccupationCorpus } from './onetCorpus.js';
import { buildTitleIndex, matchTitle, type TitleIndex } from './match.js';
import { evaluateMatcher } from './matchEval.js';

const data = process.env.JOBSHIFT_DATA;
let cached: { corpus: OccupationCorpus; index: TitleIndex } | undefined;
const load = () => {
  if (!cached) {
    const corpus = readOnetCorpus(data as string);
    cached = { corpus, index: buildTitleIndex(corpus) };
  }
  return cached;
};

test('well-known titles find their occupations', (t) => {
  if (!data) return t.skip('JOBSHIFT_DATA not set');
  const { index } = load();
  const codes = (q: string, n = 3) => matchTitle(index, q, { top: n }).map((m) => m.code);
  assert.ok(codes('accountant').includes('13-2011.00'), `accountant → ${codes('accountant')}`);
  assert.equal(codes('registered nurse')[0], '29-1141.00');
  assert.equal(codes('RN')[0], '29-1141.00');
  assert.ok(codes('acountant').includes('13-2011.00'));
  assert.ok(codes('senior accounts payable clerk').includes('43-3031.00'));
  assert.ok(codes('software engineers').includes('15-1252.00'));
});

test('held-out alternate titles: top-1 and top-5 above floors, better than the baseline', (t) => {
  if (!data) return t.skip('JOBSHIFT_DATA not set');
  const { corpus } = load();
  // 1,500 of the ~4,000 held-out titles keep the test quick; the index lacks all of them.
  const r = evaluateMatcher(corpus, { holdOut: 0.1, seed: 11, limit: 1500, baseline: true });
  assert.ok(r.matcher.top1 >= 0.47, `top-1 ${r.matcher.top1}`);
  assert.ok(r.matcher.top5 >= 0.73, `top-5 ${r.matcher.top5}`);
  assert.ok(r.baseline && r.matcher.top1 > r.baseline.top1 + 0.08, `baseline top-1 ${r.baseline?.top1}`);
  // The confidence is calibrated: on the test half it is within 5 points of the hit rate.
  assert.ok(r.reliability.ece < 0.06, `ECE ${r.reliability.ece}`);
});
