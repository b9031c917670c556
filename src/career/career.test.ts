/**
 * Career profile, pathways and roster analysis on a real DuckDB store imported from the small
 * fixture folder (three occupations, hand-computable exposure).
 *
 * Exposure by hand (core tasks weigh 2, supplemental 1; beta = E1 + 0.5 E2):
 *   Data Entry Keyers 43-9021.00: E1 core, E2 core             -> beta (2 + 1) / 4 = 0.75, both T3
 *   Accountants 13-2011.00:       E1 core, E2 core, E0 supp.   -> beta (2 + 1) / 5 = 0.6, all T1-T2
 *   Construction Laborers:        E0, E0                       -> beta 0
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { importData } from '../data/import.js';
import { Store } from '../data/store.js';
import { InputError } from '../util/errors.js';
import { type CareerData, loadCareerData } from './careerData.js';
import { writeCareerFixture } from './fixtures/careerFixture.js';
import { rosterCsv, rosterHtml } from './format.js';
import { PATHWAY_WEIGHTS, rankPathways } from './pathways.js';
import { careerProfile, normaliseOnetCode, profileFromData } from './profile.js';
import { analyzeRoster, automationBeta, HOURS_PER_FTE, parseRosterCsv, parseRosterObjects } from './roster.js';

let dir: string;
let store: Store;
let data: CareerData;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jobshift-career-'));
  writeCareerFixture(join(dir, 'data'));
  store = await Store.open(join(dir, 'store.duckdb'));
  await importData(store, [join(dir, 'data')]);
  data = await loadCareerData(store);
});

after(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const near = (a: number | null | undefined, b: number, eps = 1e-9) => assert.ok(a !== null && a !== undefined && Math.abs(a - b) < eps, `${a} != ${b}`);

test('profile: matched occupation, exposure with an interval around it, tasks by exposure', async () => {
  const p = await careerProfile(store, 'data entry clerk', { resamples: 300 });
  assert.equal(p.occupation.code, '43-9021.00');
  assert.equal(p.occupation.chosen, 'match');
  assert.ok(p.occupation.confidence! > 0.5 && !p.lowConfidence);
  near(p.exposure?.beta, 0.75);
  near(p.exposure?.alpha, 0.5);
  near(p.exposure?.gamma, 1);
  assert.ok(p.exposure!.betaInterval.lo <= 0.75 && p.exposure!.betaInterval.hi >= 0.75);
  assert.ok(p.exposure!.betaInterval.lo < p.exposure!.betaInterval.hi, 'two tasks of different value: the bootstrap spreads');
  assert.equal(p.exposure?.class, 'automation');
  // Most exposed first; T3 tasks lean to automation.
  assert.deepEqual(p.mostExposed.map((t) => t.taskId), [2001, 2002]);
  assert.ok(p.mostExposed.every((t) => t.likely === 'automation'));
  assert.equal(p.employment.medianWage, 38000);
  assert.equal(p.employment.growthPct, -20);
});

test('profile: augmentation for exposed T0-T2 tasks, least exposed tasks listed', () => {
  const p = profileFromData(data, 'certified public accountant', { resamples: 100 });
  assert.equal(p.occupation.code, '13-2011.00');
  near(p.exposure?.beta, 0.6);
  assert.ok(p.mostExposed.length === 2 && p.mostExposed.every((t) => t.likely === 'augmentation'));
  assert.deepEqual(p.leastExposed.map((t) => [t.taskId, t.likely]), [[1003, null]], 'least exposed: tasks below half exposure');
});

test('pathways: transparent score — contributions sum to the score, weights sum to 1, best first', () => {
  assert.ok(Math.abs(Object.values(PATHWAY_WEIGHTS).reduce((a, b) => a + b, 0) - 1) < 1e-12);
  const ps = rankPathways(data, '43-9021.00', { top: 5 });
  assert.equal(ps.length, 2, 'the two other occupations');
  for (const p of ps) {
    near(p.reasons.reduce((s, r) => s + r.contribution, 0), p.score, 1e-12);
    for (const r of p.reasons) {
      assert.equal(r.weight, PATHWAY_WEIGHTS[r.component]);
      assert.ok(r.value >= 0 && r.value <= 1, `${r.component} ${r.value}`);
      near(r.contribution, r.value * r.weight, 1e-12);
    }
  }
  assert.ok(ps[0]!.score >= ps[1]!.score);
  const acct = ps.find((p) => p.code === '13-2011.00')!;
  // Wage: 80,000 vs 38,000 (EP medians are not used; OEWS 2024 medians): more than double -> 1.
  assert.equal(acct.reasons.find((r) => r.component === 'wage')!.value, 1);
  // Exposure: 0.5 + (0.75 - 0.6) = 0.65.
  near(acct.reasons.find((r) => r.component === 'exposure')!.value, 0.65);
  // Growth: 0.5 + 5.7 / 20.
  near(acct.reasons.find((r) => r.component === 'growth')!.value, 0.5 + 5.7 / 20);
  assert.equal(acct.related, true);
  assert.ok(acct.similarity! > 0.25, 'accountants and keyers share clerical and numeric work');
  assert.ok(acct.gaps.some((g) => g.name === 'Economics and Accounting'));
  const labor = ps.find((p) => p.code === '47-2061.00')!;
  assert.ok(labor.similarity! < 0, 'nothing in common');
  assert.equal(labor.reasons.find((r) => r.component === 'similarity')!.value, 0, 'clipped at 0');
});

test('profile: a given code wins over the match; unknown code and empty query are input errors', () => {
  const p = profileFromData(data, 'data entry clerk', { code: '47-2061', resamples: 50 });
  assert.equal(p.occupation.code, '47-2061.00');
  assert.equal(p.occupation.chosen, 'code');
  assert.equal(p.mostExposed.length, 0);
  assert.throws(() => profileFromData(data, 'x', { code: '99-9999.00' }), InputError);
  assert.throws(() => profileFromData(data, '   '), InputError);
  assert.equal(normaliseOnetCode('132011'), '13-2011.00');
  assert.equal(normaliseOnetCode('13-2011.01'), '13-2011.01');
});

test('roster CSV: row-level errors with row numbers, valid rows kept', () => {
  const text = [
    'Job Title,Headcount,Department,SOC Code',
    'Data Entry Clerk,10,Ops,',
    ',3,Ops,',
    'Data entry clerk,2,Ops,',
    'Data entry clerk,2,Finance,',
    'Accountant,0,Finance,',
    'Accountant,2.5,Finance,',
    'Accountant,-1,Finance,',
    'Accountant,"1,200",Finance,13-2011',
    'Laborer,4,Site,not-a-code',
    'Short row',
  ].join('\n');
  const r = parseRosterCsv(text, 'r.csv');
  assert.deepEqual(r.rows.map((x) => [x.row, x.jobTitle, x.headcount, x.department, x.socCode]), [
    [2, 'Data Entry Clerk', 10, 'Ops', null],
    [5, 'Data entry clerk', 2, 'Finance', null],
    [9, 'Accountant', 1200, 'Finance', '13-2011'],
  ]);
  assert.deepEqual(r.errors.map((e) => [e.row, e.field]), [
    [3, 'job_title'], [4, 'job_title'], [6, 'headcount'], [7, 'headcount'], [8, 'headcount'], [10, 'soc_code'], [11, undefined],
  ]);
  assert.match(r.errors[1]!.message, /duplicate of row 2/);
});

test('roster CSV: not a CSV file, wrong columns, wrong delimiter, empty', () => {
  const bin = parseRosterCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff, 0xfe]), 'x.xlsx');
  assert.equal(bin.rows.length, 0);
  assert.equal(bin.errors[0]!.row, 1);
  assert.match(bin.errors[0]!.message, /not a CSV/);
  assert.match(parseRosterCsv('name,count\nA,1\n').errors[0]!.message, /missing column job_title, headcount/);
  assert.match(parseRosterCsv('job_title;headcount\nA;1\n').errors[0]!.message, /not comma-separated/);
  assert.match(parseRosterCsv('').errors[0]!.message, /empty/);
  const j = parseRosterObjects([{ job_title: 'A', headcount: 3 }, { job_title: 'B', headcount: 'x' }]);
  assert.deepEqual(j.rows.map((x) => x.row), [2]);
  assert.deepEqual(j.errors.map((e) => e.row), [3]);
});

test('roster analysis: hand-computed weighted exposure and hours; review and unknown SOC rows left out', () => {
  const parsed = parseRosterCsv(
    [
      'job_title,headcount,department,soc_code',
      'Data Entry Clerk,10,Ops,',
      'Senior Accountant,5,Finance,13-2011',
      'Site hand,5,Site,47-2061.00',
      'Zyxw qvvk,7,Ops,',
      'Analyst,3,Finance,99-9999',
    ].join('\n'),
  );
  const a = analyzeRoster(data, parsed, { resamples: 300 });
  const by = (row: number) => a.rows.find((r) => r.row === row)!;
  assert.equal(by(2).code, '43-9021.00');
  assert.equal(by(2).via, 'title');
  assert.equal(by(3).via, 'soc_code');
  assert.equal(by(3).confidence, 1);
  assert.equal(by(4).code, '47-2061.00');
  assert.equal(by(5).status, 'review', 'no confident match: flagged, not guessed');
  assert.deepEqual(a.errors.map((e) => [e.row, e.field]), [[6, 'soc_code']]);
  assert.equal(a.totals.headcount, 27);
  assert.equal(a.totals.analysedHeadcount, 20);
  assert.equal(a.totals.reviewHeadcount, 7);
  near(a.totals.beta, (10 * 0.75 + 5 * 0.6 + 5 * 0) / 20);
  assert.ok(a.totals.betaInterval!.lo <= a.totals.beta! && a.totals.betaInterval!.hi >= a.totals.beta!);
  near(a.totals.hours, 20 * HOURS_PER_FTE);
  near(a.totals.hoursExposed, HOURS_PER_FTE * (10 * 0.75 + 5 * 0.6));
  // Only the keyers' tasks are T3-T4: all of their exposed hours are automation-prone.
  near(a.totals.hoursAutomationExposed, HOURS_PER_FTE * 10 * 0.75);
  assert.ok(a.totals.hoursAutomationExposed <= a.totals.hoursExposed);
  assert.deepEqual(a.substitutionRisk.map((r) => r.row), [2]);
  assert.deepEqual(a.augment.map((r) => r.row), [3]);
  // Keyers can move to the accountants in the roster (less exposed, similar skills), not to the laborers.
  const red = a.redeployment.find((r) => r.from.row === 2)!;
  assert.deepEqual(red.options.map((o) => o.row), [3]);
  const plan = a.reskilling.find((s) => s.row === 2)!;
  assert.equal(plan.target.code, '13-2011.00');
  assert.equal(plan.target.inRoster, true);
  assert.ok(plan.learn.some((g) => g.name === 'Economics and Accounting'));
  assert.ok(a.skillDemand.some((d) => d.name === 'Economics and Accounting' && d.headcount === 10));
  assert.ok(a.assumptions.some((x) => /2,080 hours/.test(x)));
});

test('automation-prone share counts E2 at half, like beta', () => {
  const t = (exposure: 'E0' | 'E1' | 'E2', automation: 'T1' | 'T3' | null) => ({ onetCode: 'x', taskId: 0, text: '', taskType: 'Core', exposure, automation, origin: 'published' as const });
  near(automationBeta([t('E1', 'T3'), t('E2', 'T3'), t('E2', 'T1'), t('E0', 'T3')]), (1 + 0.5) / 4);
  assert.equal(automationBeta([t('E1', null)]), null);
});

test('roster outputs: CSV one line per row; HTML standalone (no scripts, no external resources)', () => {
  const a = analyzeRoster(data, parseRosterCsv('job_title,headcount\nData Entry Clerk,10\nCertified Public Accountant,4\n'), { resamples: 50 });
  const csv = rosterCsv(a).trim().split('\n');
  assert.equal(csv.length, 3);
  assert.match(csv[0]!, /^row,job_title,department,headcount,status/);
  const html = rosterHtml(a);
  assert.match(html, /^<!doctype html>/);
  assert.ok(html.includes('Data Entry Clerk'));
  assert.ok(!/<script|<link|src=|https?:\/\//i.test(html), 'nothing to fetch');
  const evil = analyzeRoster(data, parseRosterCsv('job_title,headcount\n<script>alert(1)</script> data entry,1\n'), { resamples: 10, minConfidence: 0 });
  assert.ok(!rosterHtml(evil).includes('<script>alert'), 'titles are escaped');
});
