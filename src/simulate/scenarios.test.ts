/**
 * Scenarios as data: the built-ins validate and cite a source for every parameter; --set
 * overrides work and bad ones are named; files that do not match the schema are rejected
 * with the file and field.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { InputError } from '../util/errors.js';
import { paramEntries } from './params.js';
import { applyOverrides, BUILTIN_SCENARIOS, parseScenario, resolveScenario, SCENARIO_NAMES } from './scenarios.js';

const dir = mkdtempSync(join(tmpdir(), 'jobshift-scenario-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the built-in scenarios validate and every parameter has a source', () => {
  assert.deepEqual([...SCENARIO_NAMES].sort(), ['central', 'fast', 'slow']);
  for (const name of SCENARIO_NAMES) {
    const s = parseScenario(BUILTIN_SCENARIOS[name]);
    for (const { path, param } of paramEntries(s)) assert.ok(param.source.length > 10, `${name} ${path}`);
  }
  const slow = parseScenario(BUILTIN_SCENARIOS.slow);
  const fast = parseScenario(BUILTIN_SCENARIOS.fast);
  assert.ok(slow.displacement.substitutionRate.value < fast.displacement.substitutionRate.value);
});

test('--set fixes a parameter (dropping its distribution) and creates group overrides', async () => {
  const s = await resolveScenario('central', ['adoption.ceiling=0', 'adoption.byGroup.15.ceiling=0.95', 'redistribution.destinations=5', 'adoption.rate.dist.max=0.7']);
  assert.equal(s.adoption.ceiling.value, 0);
  assert.equal(s.adoption.ceiling.dist, undefined);
  assert.match(s.adoption.ceiling.source, /overridden/);
  assert.equal(s.adoption.byGroup['15']!.ceiling!.value, 0.95);
  assert.equal(s.redistribution.destinations, 5);
  assert.equal(s.adoption.rate.dist?.type === 'uniform' && s.adoption.rate.dist.max, 0.7);
});

const fails = async (p: Promise<unknown> | (() => unknown), pattern: RegExp) => {
  await assert.rejects(async () => (typeof p === 'function' ? p() : p), (err: unknown) => {
    assert.ok(err instanceof InputError, String(err));
    assert.match(err.message, pattern);
    assert.equal(err.message.split('\n').length, 1);
    return true;
  });
};

test('bad overrides name the parameter', async () => {
  await fails(resolveScenario('central', ['adoption.nonsense=1']), /"adoption\.nonsense": unknown parameter path/);
  await fails(resolveScenario('central', ['adoption.ceiling=1.5']), /"adoption\.ceiling": value 1\.5 is out of range \[0, 1\]/);
  await fails(resolveScenario('central', ['augmentation.elasticity=-1']), /"augmentation\.elasticity": value -1 is out of range/);
  await fails(resolveScenario('central', ['adoption.ceiling=high']), /"adoption\.ceiling": must be a number/);
  await fails(resolveScenario('central', ['adoption.ceiling']), /--set needs PATH=VALUE/);
  await fails(resolveScenario('medium'), /unknown scenario "medium"/);
});

test('scenario files: valid JSON runs through, schema faults name the file and field', async () => {
  const good = join(dir, 'mine.json');
  writeFileSync(good, JSON.stringify({ ...applyOverrides(BUILTIN_SCENARIOS.central, []), name: 'mine' }));
  assert.equal((await resolveScenario(good)).name, 'mine');

  const missing = join(dir, 'missing.json');
  const { displacement: _d, ...rest } = BUILTIN_SCENARIOS.central;
  writeFileSync(missing, JSON.stringify(rest));
  await fails(resolveScenario(missing), /missing\.json, field "displacement"/);

  const range = join(dir, 'range.json');
  writeFileSync(range, JSON.stringify(applyOverrides(BUILTIN_SCENARIOS.central, ['adoption.ceiling={"value":1.2,"source":"mine"}'])));
  await fails(resolveScenario(range), /range\.json, field "adoption\.ceiling": value 1\.2 is out of range/);

  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '{"name": ');
  await fails(resolveScenario(broken), /broken\.json: not valid JSON/);
  await fails(resolveScenario(join(dir, 'nope.json')), /nope\.json: scenario file not found/);
});
