import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../util/errors.js';
import { createJobRegistry, TooManyJobsError } from './jobs.js';

test('a job reports progress, then its result', async () => {
  const jobs = createJobRegistry();
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const job = jobs.start('score', 4, async (ctx) => {
    ctx.progress(1);
    await gate;
    ctx.progress(3);
    return 'all done';
  });
  await new Promise((r) => setImmediate(r));
  assert.equal(jobs.get(job.id)!.status, 'running');
  assert.deepEqual(jobs.get(job.id)!.progress, { done: 1, total: 4 });
  release();
  await jobs.idle();
  const done = jobs.get(job.id)!;
  assert.equal(done.status, 'done');
  assert.equal(done.result, 'all done');
  assert.deepEqual(done.progress, { done: 4, total: 4 }, 'a finished job is complete');
  assert.ok(done.finishedAt);
});

test('failures: an InputError message is kept, anything else is logged and hidden', async () => {
  const logged: string[] = [];
  const jobs = createJobRegistry({ log: (m) => logged.push(m) });
  const a = jobs.start('x', 1, async () => {
    throw new InputError('no API key: set JOBSHIFT_LLM_KEY');
  });
  const b = jobs.start('x', 1, async () => {
    throw new Error('ECONNRESET');
  });
  await jobs.idle();
  assert.equal(jobs.get(a.id)!.error, 'no API key: set JOBSHIFT_LLM_KEY');
  assert.equal(jobs.get(b.id)!.error, 'internal error (see the server log)');
  assert.equal(logged.length, 1);
  assert.match(logged[0]!, /ECONNRESET/);
});

test('at most maxRunning jobs at once; finished jobs are forgotten after keepMs or beyond maxKept', async () => {
  const jobs = createJobRegistry({ maxRunning: 1, keepMs: 0, maxKept: 1 });
  let release!: () => void;
  const first = jobs.start('x', 1, () => new Promise<void>((r) => (release = r)));
  assert.throws(() => jobs.start('x', 1, async () => undefined), TooManyJobsError);
  await new Promise((r) => setImmediate(r));
  release();
  await jobs.idle();
  assert.ok(jobs.get(first.id), 'kept until the next start prunes');
  await new Promise((r) => setTimeout(r, 5));
  const second = jobs.start('x', 1, async () => undefined);
  assert.equal(jobs.get(first.id), undefined);
  await jobs.idle();
  assert.equal(jobs.get(second.id)!.status, 'done');
});
