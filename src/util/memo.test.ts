import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoAsync } from './memo.js';

test('memoAsync: one promise per key; a failure is retried unless kept', async () => {
  let calls = 0;
  const f = memoAsync(async (k: string) => {
    calls++;
    if (k === 'bad' && calls < 3) throw new Error('transient');
    if (k === 'fatal') throw new TypeError('for good');
    return k.length;
  }, { keepFailure: (e) => e instanceof TypeError });
  assert.equal(f('abc'), f('abc'), 'the same promise');
  assert.equal(await f('abc'), 3);
  await assert.rejects(f('bad'), /transient/);
  await new Promise((r) => setImmediate(r));
  assert.equal(await f('bad'), 3, 'retried after the failure');
  const fatal = f('fatal');
  await assert.rejects(fatal, TypeError);
  await new Promise((r) => setImmediate(r));
  assert.equal(f('fatal'), fatal, 'a kept failure is not retried');
});

test('memoAsync: a WeakMap cache keys by object', async () => {
  const key = {};
  let made = 0;
  const f = memoAsync(async (_k: object) => ++made, { cache: new WeakMap<object, Promise<number>>() });
  assert.equal(await f(key), 1);
  assert.equal(await f(key), 1);
  assert.equal(await f({}), 2);
});
