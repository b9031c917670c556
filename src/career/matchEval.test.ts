import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateMatcher, evaluateParagraphs, firstPersonParagraph, holdOutTitles } from './matchEval.js';
import { buildNgramIndex, matchNgram } from './matchBaseline.js';
import { candidateConfidences, fitLogistic, fitSoftmax, reliability, softmaxConfidences, type SoftmaxCalibration } from './matchCalibration.js';
import { matchCorpus } from './fixtures/matchCorpus.js';
import type { OccupationCorpus, OccupationText } from './onetCorpus.js';
import { mulberry32 } from '../util/rng.js';

// Two occupations share "Controller"; the hold-out must take it from both and accept either.
const shared: OccupationCorpus = {
  occupations: [
    ...matchCorpus.occupations,
    {
      code: '53-2021.00',
      title: 'Air Traffic Controllers',
      description: 'Control air traffic.',
      alternateTitles: [{ title: 'Controller' }, { title: 'Tower Controller' }],
      reportedTitles: ['Controller'],
      tasks: [],
    },
  ],
};

test('hold-out removes a title from every occupation and from the reported titles, keeping all its codes', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const split = holdOutTitles(shared, 0.25, seed);
    const h = split.heldOut.find((x) => x.title === 'Controller');
    if (!h) continue;
    assert.deepEqual([...h.codes].sort(), ['11-3031.01', '53-2021.00']);
    for (const o of split.corpus.occupations) {
      assert.ok(!o.alternateTitles.some((a) => a.title === 'Controller'));
      assert.ok(!o.reportedTitles.includes('Controller'));
    }
    return;
  }
  assert.fail('no seed held out "Controller"');
});

test('hold-out takes the requested share of distinct titles, reproducibly', () => {
  const distinct = new Set(shared.occupations.flatMap((o) => o.alternateTitles.map((a) => a.title.toLowerCase()))).size;
  const a = holdOutTitles(shared, 0.2, 3);
  assert.equal(a.heldOut.length, Math.round(distinct * 0.2));
  assert.deepEqual(holdOutTitles(shared, 0.2, 3).heldOut, a.heldOut);
  const before = shared.occupations.reduce((s, o) => s + o.alternateTitles.length, 0);
  const after = a.corpus.occupations.reduce((s, o) => s + o.alternateTitles.length, 0);
  assert.ok(after < before);
});

test('evaluation reports accuracy for the matcher and the baseline on the small corpus', () => {
  const r = evaluateMatcher(matchCorpus, { holdOut: 0.3, seed: 2, baseline: true });
  assert.ok(r.heldOutTitles > 5);
  assert.ok(r.matcher.top1 <= r.matcher.top5);
  assert.ok(r.matcher.top5 > 0.4, `top5 ${r.matcher.top5}`);
  assert.ok(r.baseline && r.baseline.top1 <= r.baseline.top5);
  // Cross-fitted: every query with a candidate is scored out of sample.
  assert.ok(r.reliability.count <= r.heldOutTitles && r.reliability.count >= r.heldOutTitles - 3);
});

test('paragraph evaluation finds occupations from their own task statements', () => {
  const tasks = (...t: string[]) => t;
  const corpus: OccupationCorpus = {
    occupations: [
      {
        code: '35-2014.00',
        title: 'Cooks, Restaurant',
        description: 'Prepare, season, and cook dishes in restaurants.',
        alternateTitles: [{ title: 'Line Cook' }],
        reportedTitles: [],
        tasks: tasks('Season and cook food according to recipes.', 'Grill, broil, or fry meats and vegetables.', 'Clean food preparation areas and cooking surfaces.', 'Order food supplies and kitchen equipment.', 'Plan menus and cook soups and sauces.'),
      },
      {
        code: '47-2031.01',
        title: 'Carpenters',
        description: 'Construct and repair building frameworks and structures of wood.',
        alternateTitles: [{ title: 'Framer' }],
        reportedTitles: [],
        tasks: tasks('Measure and cut wood and lumber with saws.', 'Build wood frameworks, stairways and doors.', 'Install wood structures and fixtures.', 'Assemble and fasten wood materials with nails.', 'Follow blueprints for wood construction.'),
      },
      {
        code: '25-2021.00',
        title: 'Elementary School Teachers',
        description: 'Teach students basic academic subjects in elementary schools.',
        alternateTitles: [{ title: 'Teacher' }],
        reportedTitles: [],
        tasks: tasks('Teach students reading and mathematics lessons.', 'Grade students homework and tests.', 'Meet parents to discuss students progress.', 'Prepare lesson plans for students in the classroom.', 'Supervise students in the classroom and on trips.'),
      },
    ],
  };
  const r = evaluateParagraphs(corpus, { seed: 1, tasksPerQuery: 2, occupations: 3 });
  assert.equal(r.queries, 3);
  assert.equal(r.top1, 1);
  // The same tasks written as one first-person sentence are found too.
  const fp = evaluateParagraphs(corpus, { seed: 1, tasksPerQuery: 2, occupations: 3, style: 'firstPerson' });
  assert.equal(fp.top1, 1);
  // One calibration example per query: its top scores, and which of them is right.
  assert.equal(r.examples.length, 3);
  for (const e of r.examples) assert.equal(e.correct.filter(Boolean).length, 1);
});

test('first-person paragraphs: "I" and the tasks as one sentence, acronyms kept in capitals', () => {
  assert.equal(
    firstPersonParagraph(['Grade homework and tests.', 'Meet parents to discuss progress.', 'Program CNC machines.']),
    'I grade homework and tests, meet parents to discuss progress and program CNC machines.',
  );
  assert.equal(firstPersonParagraph(['CNC machines: set them up.']), 'I CNC machines: set them up.');
  assert.equal(firstPersonParagraph([]), '');
});

test('held-out paragraphs take their tasks\' work activities out of the index too', () => {
  // Two mirror-image occupations; each task has a word of its own, repeated only in the work
  // activity of that task (the second occupation has none). On a tie the lower code comes first.
  const occ = (code: string, title: string, words: string[], activities: boolean): OccupationText => ({
    code,
    title,
    description: '',
    alternateTitles: [],
    reportedTitles: [],
    tasks: words.map((w) => `Check ${w} units.`),
    ...(activities ? { taskActivities: words.map((w) => [`Inspect ${w}.`]) } : {}),
  });
  const corpus: OccupationCorpus = {
    occupations: [occ('11-1111.00', 'Stone Checkers', ['slate', 'shale', 'chalk', 'flint'], false), occ('22-2222.00', 'Rock Checkers', ['quartz', 'basalt', 'granite', 'marble'], true)],
  };
  // "I check quartz units." could only find the rock checkers through the held-out task's own
  // activity; without it the tie goes to the stone checkers. So one hit in two.
  const r = evaluateParagraphs(corpus, { seed: 1, tasksPerQuery: 1, occupations: 2, style: 'firstPerson' });
  assert.equal(r.queries, 2);
  assert.equal(r.top1, 0.5);
});

test('baseline: an exact title is its own nearest neighbour', () => {
  const b = buildNgramIndex(matchCorpus);
  assert.equal(matchNgram(b, 'Tractor Trailer Driver')[0]?.code, '53-3032.00');
  assert.equal(matchNgram(b, 'Dental Assistant')[0]?.code, '31-9091.00');
  assert.deepEqual(matchNgram(b, '!!'), []);
});

test('logistic fit recovers a known relationship', () => {
  const rng = mulberry32(11);
  const xs: number[][] = [];
  const ys: number[] = [];
  for (let i = 0; i < 4000; i++) {
    const x = rng() * 4 - 2;
    xs.push([x]);
    ys.push(rng() < 1 / (1 + Math.exp(-(2 * x - 0.5))) ? 1 : 0);
  }
  const [slope, intercept] = fitLogistic(xs, ys) as [number, number];
  assert.ok(Math.abs(slope - 2) < 0.25, `slope ${slope}`);
  assert.ok(Math.abs(intercept + 0.5) < 0.2, `intercept ${intercept}`);
});

test('softmax fit recovers the parameters that generated the data', () => {
  const truth: SoftmaxCalibration = { temperature: 3, topBonus: 0.5, nullBias: 1.5, nullSlope: -1 };
  const rng = mulberry32(12);
  const examples = [];
  for (let i = 0; i < 6000; i++) {
    // Five candidate scores, best first; the right answer is drawn from the model itself.
    const scores = Array.from({ length: 5 }, () => rng() * 3).sort((a, b) => b - a);
    const p = softmaxConfidences(truth, scores);
    let u = rng();
    let pick = -1;
    for (let k = 0; k < p.length && pick < 0; k++) {
      u -= p[k] as number;
      if (u < 0) pick = k;
    }
    examples.push({ scores, correct: scores.map((_, k) => k === pick) });
  }
  const fit = fitSoftmax(examples, 3000);
  assert.ok(Math.abs(fit.temperature - 3) < 0.4, `temperature ${fit.temperature}`);
  assert.ok(Math.abs(fit.topBonus - 0.5) < 0.3, `topBonus ${fit.topBonus}`);
  assert.ok(Math.abs(fit.nullBias - 1.5) < 0.4, `nullBias ${fit.nullBias}`);
  assert.ok(Math.abs(fit.nullSlope + 1) < 0.3, `nullSlope ${fit.nullSlope}`);
  const top = examples.map((e) => softmaxConfidences(fit, e.scores)[0] as number);
  const rel = reliability(top, examples.map((e) => e.correct[0] as boolean));
  assert.equal(rel.bins.reduce((s, b) => s + b.count, 0), 6000);
  assert.ok(rel.ece < 0.04, `ece ${rel.ece}`);
});

test('confidences of one query sum to at most one and follow the scores', () => {
  const c = { top: [0.5, 2, -2] as [number, number, number], rest: { temperature: 3, topBonus: 0, nullBias: 1, nullSlope: -0.5 } };
  const p = candidateConfidences(c, [2.5, 1.2, 1.2, 0.3]);
  assert.ok(p.reduce((s, x) => s + x, 0) <= 1);
  assert.ok((p[0] as number) > (p[1] as number));
  assert.equal(p[1], p[2]);
  assert.ok((p[2] as number) > (p[3] as number));
  // A bigger lead means more confidence in the top candidate.
  assert.ok((candidateConfidences(c, [2.5, 0.5])[0] as number) > (candidateConfidences(c, [2.5, 2.0])[0] as number));
  assert.deepEqual(candidateConfidences(c, []), []);
});

test('reliability of perfectly wrong confidence shows in the bins', () => {
  const rel = reliability([0.95, 0.95, 0.05, 0.05], [false, false, true, true]);
  assert.equal(rel.bins[9]?.count, 2);
  assert.equal(rel.bins[9]?.accuracy, 0);
  assert.equal(rel.bins[0]?.accuracy, 1);
  assert.ok(Math.abs(rel.ece - 0.95) < 1e-9);
  assert.ok(Math.abs(rel.brier - 0.9025) < 1e-9);
});
