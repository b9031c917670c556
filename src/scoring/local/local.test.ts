import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importData } from '../../data/import.js';
import { Store } from '../../data/store.js';
import { agreement } from '../agreement.js';
import { loadPublishedLabels, publishedScorer } from '../published.js';
import { isFailure, isUnreadable, type RatingResult, type TaskRating } from '../scorer.js';
import { emptyContext } from './context.js';
import { emptyKnowledge } from './corpus.js';
import { occupationExposure } from '../../analysis/exposure.js';
import { fixtureTasks, writeFixtureData } from '../../data/testFixtures.js';
import { NOT_A_TASK_STATEMENT } from '../display.js';
import { localGapFiller } from '../scorers.js';
import { loadTaskScores } from '../taskScores.js';
import { defaultFeatureConfig, FeatureExtractor, SparseVector } from './features.js';
import { ensureLocalModel } from './index.js';
import { LocalModel } from './model.js';
import { loadLocalModel, saveLocalModel } from './persist.js';
import { predictInto, trainSoftmax } from './softmax.js';
import { crossValidate, loadTrainingData, trainLocalModel } from './train.js';
import { isReadable, MIN_KNOWN_SHARE, Vocabulary } from './vocabulary.js';

/** The rating, failing the test when there is none. */
const rated = (r: RatingResult | undefined): TaskRating => {
  assert.ok(r && !isFailure(r), `expected a rating, got ${JSON.stringify(r)}`);
  return r;
};

describe('agreement', () => {
  test("accuracy, Cohen's kappa and macro-F1 by hand", () => {
    // Confusion (rows reference A,B; columns predicted A,B): [[20, 5], [10, 15]].
    const ref = [...Array(25).fill('A'), ...Array(25).fill('B')];
    const pred = [...Array(20).fill('A'), ...Array(5).fill('B'), ...Array(10).fill('A'), ...Array(15).fill('B')];
    const a = agreement(ref, pred, ['A', 'B']);
    assert.deepEqual(a.confusion, [[20, 5], [10, 15]]);
    assert.equal(a.accuracy, 0.7);
    // p_e = 0.5*0.6 + 0.5*0.4 = 0.5, kappa = (0.7-0.5)/0.5 = 0.4
    assert.ok(Math.abs(a.kappa - 0.4) < 1e-12);
    const f1A = (2 * (20 / 30) * (20 / 25)) / (20 / 30 + 20 / 25);
    const f1B = (2 * (15 / 20) * (15 / 25)) / (15 / 20 + 15 / 25);
    assert.ok(Math.abs(a.macroF1 - (f1A + f1B) / 2) < 1e-12);
  });
});

describe('features', () => {
  const fx = new FeatureExtractor({ ...defaultFeatureConfig, bits: 16 });
  const v = new SparseVector(4);
  const extract = (text: string, title?: string) => {
    fx.extract({ text, title }, v);
    return v.freeze();
  };
  test('the same text gives the same features; case and punctuation do not matter', () => {
    const a = extract('Prepare tax returns.');
    const b = extract('prepare   TAX returns');
    assert.deepEqual([...a.indices], [...b.indices]);
    assert.deepEqual([...a.values], [...b.values]);
  });
  test('different words give different features, and a title adds its own', () => {
    const a = extract('Prepare tax returns');
    const b = extract('Dig trenches');
    assert.notDeepEqual([...a.indices].sort(), [...b.indices].sort());
    const withTitle = extract('Prepare tax returns', 'Accountants');
    assert.ok(withTitle.indices.length > a.indices.length);
  });
  test('an occupation adds word crosses shared within its SOC major and minor groups', () => {
    const at = (occupation?: string) => {
      fx.extract({ text: 'Prepare tax returns', occupation }, v);
      return new Set(v.freeze().indices);
    };
    const plain = at();
    const accountant = at('13-2011.00');
    const auditor = at('13-2011.01'); // same minor group 13-2000
    const planner = at('13-1121.00'); // same major group 13, minor group 13-1000
    const nurse = at('29-1141.00');
    // Three words and the lead word, crossed with two groups.
    assert.equal(accountant.size, plain.size + 8);
    assert.deepEqual([...auditor].sort(), [...accountant].sort());
    const shared = (a: Set<number>, b: Set<number>) => [...a].filter((i) => b.has(i) && !plain.has(i)).length;
    assert.equal(shared(accountant, planner), 4, 'major-group crosses only');
    assert.equal(shared(accountant, nurse), 0);
  });
  test('the lead word (the action verb) is a feature of its own', () => {
    const a = new Set(extract('Prepare reports').indices);
    const b = new Set(extract('Reports prepare').indices);
    assert.notDeepEqual([...a].sort(), [...b].sort());
  });
  test('the vector grows past its initial capacity and every group is normalised', () => {
    const long = extract('analyse '.repeat(200));
    assert.ok(long.indices.length > 4);
    for (const x of long.values) assert.ok(x > 0 && x <= 1);
  });
});

describe('vocabulary: what the model can read', () => {
  test(`readable: at least one known word and at least ${MIN_KNOWN_SHARE * 100}% of the words known`, () => {
    assert.equal(isReadable(0, 0), false, 'no words ("!!!", "1234")');
    assert.equal(isReadable(2, 0), false, 'no known word ("asdf qwer")');
    assert.equal(isReadable(3, 1), false, 'one in three ("asdf the qwer")');
    assert.equal(isReadable(5, 2), true, 'two in five');
    assert.equal(isReadable(1, 1), true);
  });

  test('words are counted as the word features see them; numbers are neither known nor unknown', () => {
    const config = { ...defaultFeatureConfig, bits: 12 };
    const vocabulary = Vocabulary.fromTexts(['Prepare tax returns.', 'Inspect welds'], config);
    assert.equal(vocabulary.size, 5);
    const fx = new FeatureExtractor(config);
    const v = new SparseVector();
    fx.extract({ text: 'PREPARE the tax forms 1040', vocabulary }, v);
    assert.deepEqual([fx.letterWords, fx.knownWords], [4, 2]);
    fx.extract({ text: '1234 !!!', vocabulary }, v);
    assert.deepEqual([fx.letterWords, fx.knownWords], [0, 0]);
    // Without a vocabulary nothing is counted, and the features are the same either way.
    fx.extract({ text: 'Prepare tax returns', vocabulary }, v);
    const withCount = v.freeze();
    fx.extract({ text: 'Prepare tax returns' }, v);
    assert.deepEqual(v.freeze(), withCount);
    assert.deepEqual([fx.letterWords, fx.knownWords], [0, 0]);
  });

  test('the hash set finds every member and nothing else (0 included)', () => {
    const members = Uint32Array.from({ length: 5000 }, (_, i) => (i * 2654435761) >>> 0).sort();
    const set = new Vocabulary(members);
    assert.ok(members.every((h) => set.has(h)));
    assert.ok(set.has(0), 'hash 0 is a member here');
    let found = 0;
    for (let i = 0; i < 5000; i++) if (set.has(((i * 2654435761) >>> 0) + 1)) found++;
    assert.ok(found <= 2, `${found} non-members found`);
  });
});

describe('softmax regression', () => {
  test('learns a separable problem and is deterministic for a seed', () => {
    const fx = new FeatureExtractor({ ...defaultFeatureConfig, bits: 14 });
    const v = new SparseVector();
    const words = [['dig', 'lift', 'carry'], ['write', 'draft', 'summarise'], ['code', 'program', 'debug']];
    const examples = [];
    for (let k = 0; k < 3; k++) for (const w of words[k]!) for (const obj of ['reports', 'materials', 'files']) {
      fx.extract({ text: `${w} the ${obj}` }, v);
      examples.push({ x: v.freeze(), y: k });
    }
    const opts = { classes: 3, dims: 1 << 14, epochs: 20, learningRate: 0.3, l2: 0, seed: 3 };
    const m1 = trainSoftmax(examples, opts);
    const m2 = trainSoftmax(examples, opts);
    assert.deepEqual(m1.weights, m2.weights);
    const p = new Float64Array(3);
    let right = 0;
    for (const e of examples) {
      predictInto(m1, e.x, p);
      if (p.indexOf(Math.max(...p)) === e.y) right++;
      assert.ok(Math.abs(p[0]! + p[1]! + p[2]! - 1) < 1e-9);
    }
    assert.equal(right, examples.length);
    const m3 = trainSoftmax(examples, { ...opts, seed: 4 });
    assert.notDeepEqual(m1.weights, m3.weights);
  });
});

describe('local model on the fixture store', () => {
  let home: string;
  let store: Store;
  before(async () => {
    home = mkdtempSync(join(tmpdir(), 'jobshift-local-'));
    const data = join(home, 'data');
    writeFixtureData(data);
    store = await Store.open(join(home, 'store.duckdb'));
    await importData(store, [data]);
  });
  after(() => store?.close());

  test('trains from the human labels, saves atomically, loads back identical and is deterministic', async () => {
    const data = await loadTrainingData(store);
    assert.equal(data.rows.length, 7);
    assert.ok(data.rows.every((r) => r.automation), 'automation from GPT-4 T-levels');
    const options = { features: { bits: 14 }, training: { seed: 5, epochs: 10 } };
    const a = trainLocalModel(data, options);
    const b = trainLocalModel(data, options);
    assert.deepEqual(a.heads.textE.weights, b.heads.textE.weights);
    const dir = join(home, 'models');
    saveLocalModel(a, dir);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
    const loaded = loadLocalModel(data.knowledge, data.context, dir)!;
    assert.ok(loaded);
    assert.deepEqual(loaded.heads.knownE.weights, a.heads.knownE.weights);
    const task = { text: 'Dig trenches and backfill excavations.' };
    assert.deepEqual(loaded.rateOne(task), a.rateOne(task));
    // The vocabulary is saved with the weights.
    assert.deepEqual(loaded.vocabulary.hashes, a.vocabulary.hashes);
    assert.ok(isUnreadable(loaded.rateOne({ text: 'asdf qwer' })));
  });

  test('text it cannot read gets no label, only the note "not a task statement"', async () => {
    const data = await loadTrainingData(store);
    const m = trainLocalModel(data, { features: { bits: 14 }, training: { epochs: 10 } });
    for (const text of ['asdf qwer', 'xkcd zzzz 1234', '!!!', 'lorem ipsum dolor', '1234', 'asdf the qwer']) {
      for (const task of [{ text }, { text, title: 'Accountants and Auditors' }, { text, onetCode: '13-2011.00' }]) {
        assert.deepEqual(m.rateOne(task), { error: NOT_A_TASK_STATEMENT, unreadable: true }, JSON.stringify(task));
      }
      assert.equal(m.canRead(text), false, text);
    }
    // O*NET's own statements, and any task O*NET knows by its Task ID, are read.
    for (const t of fixtureTasks) assert.equal(m.canRead(t[2]), true, t[2]);
    assert.equal(rated(m.rateOne({ text: 'asdf qwer', taskId: 1001 })).exposure.length, 2, 'a known Task ID is rated whatever the text');
    // One unknown word in a readable statement is no reason to refuse it.
    assert.ok(!isFailure(m.rateOne({ text: 'Prepare detailed xyzzy reports' })));
    // Published labels cannot help either: no label, the same note.
    const human = publishedScorer('human', await loadPublishedLabels(store, 'human'), m);
    const [gibberish] = await human.rate([{ text: 'asdf qwer' }]);
    assert.ok(isUnreadable(gibberish) && gibberish.error === NOT_A_TASK_STATEMENT);
    // As the gap filler of analysis: no rating (null), and occupation exposure skips the task.
    const filler = localGapFiller(m);
    const toRate = (text: string, taskId: number) => ({ onetCode: '13-2011.00', taskId, text, title: 'Accountants and Auditors' });
    assert.deepEqual(await filler([toRate('asdf qwer', 9)]), [null]);
    const set = await loadTaskScores(store, 'local', {
      filler: async (tasks) => {
        const ratings = await filler(tasks);
        return ratings.map((r, i) => (tasks[i]!.taskId === 1003 ? null : r)); // as if task 1003 were unreadable
      },
    });
    assert.equal(set.tasks.length, fixtureTasks.length - 1);
    assert.ok(!set.tasks.some((t) => t.taskId === 1003));
    const accountants = occupationExposure(set.tasks).find((o) => o.onetCode === '13-2011.00')!;
    assert.equal(accountants.tasks, 2);
  });

  test('knows O*NET tasks by Task ID or exact text, and rates other text from the text alone', async () => {
    const data = await loadTrainingData(store);
    const m = trainLocalModel(data, { features: { bits: 14 }, training: { epochs: 10 } });
    assert.equal(m.resolve({ text: 'anything', taskId: 1001 }).view, 'known');
    assert.equal(m.resolve({ text: '  prepare DETAILED reports on audit findings. ' }).view, 'known');
    const r = m.resolve({ text: 'Plan the company picnic', title: 'Certified Public Accountant' });
    assert.equal(r.view, 'text');
    assert.equal(r.onetCode, '13-2011.00', 'an alternate title names the occupation');
    // Words the fixture model knows, in a statement O*NET does not have.
    const rating = rated(m.rateOne({ text: 'Prepare tax reports for clients' }));
    assert.match(rating.note ?? '', /rated from text/);
    assert.ok(Math.abs(rating.p.reduce((s, x) => s + x, 0) - 1) < 1e-6);
    // It learnt the training set: physical labour is E0.
    assert.equal(rated(m.rateOne({ text: 'Load and unload building materials.', title: 'Construction Laborers' })).exposure, 'E0');
  });

  test('a model without O*NET knowledge still rates text', () => {
    const m = new LocalModel(
      { format: 'jobshift-local-model', version: 1, features: { ...defaultFeatureConfig, bits: 10 }, training: { seed: 1, epochs: 1, learningRate: 0.1, l2: 0 }, trainedAt: '', dataFingerprint: '', rows: 0, occupations: 0, seconds: 0 },
      {
        knownE: { classes: 3, dims: 1024, weights: new Float32Array(3072) },
        knownT: { classes: 5, dims: 1024, weights: new Float32Array(5120) },
        textE: { classes: 3, dims: 1024, weights: new Float32Array(3072) },
        textT: { classes: 5, dims: 1024, weights: new Float32Array(5120) },
      },
      emptyKnowledge,
      emptyContext,
      Vocabulary.fromTexts(['anything at all'], { ...defaultFeatureConfig, bits: 10 }),
    );
    const r = rated(m.rateOne({ text: 'anything at all' }));
    assert.deepEqual(r.p.map((x) => Math.round(x * 1000) / 1000), [0.333, 0.333, 0.333]);
    // A 33/33/33 split is no label to trust: the note says so.
    assert.match(r.note ?? '', /uncertain \(E0 33%, E1 33%, E2 33%\)/);
  });

  test('ensureLocalModel trains on first use, then loads; published scorer flags gaps', async () => {
    const dir = join(home, 'models-ensure');
    const first = await ensureLocalModel(store, { dir });
    assert.equal(first.trained, true);
    const second = await ensureLocalModel(store, { dir });
    assert.equal(second.trained, false);
    assert.deepEqual(second.model.heads.textE.weights, first.model.heads.textE.weights);
    const scorer = publishedScorer('human', await loadPublishedLabels(store, 'human'), second.model);
    const [byId, byText, gap] = await scorer.rate([
      { text: 'ignored', taskId: 1002 },
      { text: 'Meet with clients to discuss tax planning.' },
      { text: 'Prepare tax statements for clients' },
    ]);
    assert.ok(byId && !isFailure(byId) && byId.exposure === 'E2' && byId.p[2] === 1 && !byId.note);
    assert.ok(byText && !isFailure(byText) && byText.exposure === 'E0' && byText.automation === 'T1');
    assert.ok(gap && !isFailure(gap) && /gap/.test(gap.note ?? ''));
  });
});

describe('local model on the published labels', { timeout: 900_000 }, () => {
  const data = process.env.JOBSHIFT_DATA;
  let store: Store | undefined;
  before(async () => {
    if (!data) return;
    const home = mkdtempSync(join(tmpdir(), 'jobshift-local-real-'));
    store = await Store.open(join(home, 'store.duckdb'));
    await importData(store, [data]);
  });
  after(() => store?.close());

  test('held-out occupations: O*NET tasks reach accuracy >= 0.82, kappa >= 0.70; text and title alone 0.76, 0.58', async (t) => {
    if (!store) return t.skip('JOBSHIFT_DATA not set');
    const training = await loadTrainingData(store);
    const gpt4 = await store.all<{ task_id: number; exposure: string }>(`SELECT task_id, exposure FROM task_labels WHERE source = 'gpt4'`);
    const cv = crossValidate(training, { folds: 5, gpt4: new Map(gpt4.map((r) => [Number(r.task_id), r.exposure])) });
    t.diagnostic(`known ${cv.known.exposure.accuracy.toFixed(3)}/${cv.known.exposure.kappa.toFixed(3)}, text ${cv.text.exposure.accuracy.toFixed(3)}/${cv.text.exposure.kappa.toFixed(3)}`);
    assert.ok(cv.known.exposure.accuracy >= 0.82, `accuracy ${cv.known.exposure.accuracy}`);
    assert.ok(cv.known.exposure.kappa >= 0.7, `kappa ${cv.known.exposure.kappa}`);
    // Text the store has never seen, scored from the statement and title alone.
    assert.ok(cv.text.exposure.accuracy >= 0.76, `text accuracy ${cv.text.exposure.accuracy}`);
    assert.ok(cv.text.exposure.kappa >= 0.58, `text kappa ${cv.text.exposure.kappa}`);
    // The probabilities are honest: the top class's probability matches how often it is right.
    t.diagnostic(`ECE known ${cv.known.calibration.ece.toFixed(3)}, text ${cv.text.calibration.ece.toFixed(3)}`);
    assert.ok(cv.known.calibration.ece < 0.03 && cv.text.calibration.ece < 0.05, JSON.stringify([cv.known.calibration, cv.text.calibration]));
    // Both beat GPT-4's agreement with the humans on the same rows.
    assert.ok(cv.text.exposure.kappa > cv.gpt4.kappa + 0.1, `gpt4 kappa ${cv.gpt4.kappa}`);
  });

  test('every O*NET and GPTs-are-GPTs statement is readable; gibberish is not', async (t) => {
    if (!store) return t.skip('JOBSHIFT_DATA not set');
    const training = await loadTrainingData(store);
    const m = trainLocalModel(training);
    const tasks = await store.all<{ task_id: number; onet_code: string; text: string; title: string }>(
      `SELECT t.task_id, t.onet_code, t.text, o.title FROM tasks t JOIN occupations o USING (onet_code)`,
    );
    const labelled = await store.all<{ text: string }>(`SELECT DISTINCT text FROM task_labels`);
    assert.ok(tasks.length > 10_000 && labelled.length > 10_000);
    // As analysis rates them (Task ID and occupation), and as free text (statement alone).
    const flagged = [
      ...tasks.filter((r) => isUnreadable(m.rateOne({ text: r.text, taskId: Number(r.task_id), onetCode: r.onet_code, title: r.title }))),
      ...tasks.filter((r) => !m.canRead(r.text) || isUnreadable(m.rateOne({ text: r.text }))),
      ...labelled.filter((r) => !m.canRead(r.text)),
    ];
    t.diagnostic(`${tasks.length} O*NET statements, ${labelled.length} labelled statements: ${flagged.length} flagged`);
    assert.deepEqual(flagged.map((r) => r.text), []);
    // The threshold holds for statements outside the vocabulary: built from the labelled statements
    // alone, it still reads every O*NET statement the labels do not cover.
    const fromLabels = Vocabulary.fromTexts(training.rows.map((r) => r.text), m.meta.features);
    const seen = new Set(training.rows.map((r) => r.text));
    const fx = new FeatureExtractor(m.meta.features);
    const v = new SparseVector();
    const unseen = [...new Set(tasks.map((r) => r.text))].filter((x) => !seen.has(x));
    let lowest = 1;
    const unread = unseen.filter((text) => {
      fx.extract({ text, vocabulary: fromLabels }, v);
      lowest = Math.min(lowest, fx.knownWords / Math.max(1, fx.letterWords));
      return !isReadable(fx.letterWords, fx.knownWords);
    });
    t.diagnostic(`${unseen.length} statements outside the labelled vocabulary: lowest known share ${lowest.toFixed(2)} (threshold ${MIN_KNOWN_SHARE})`);
    assert.ok(unseen.length > 1000);
    assert.deepEqual(unread, []);
    for (const text of ['asdf qwer', 'xkcd zzzz 1234', '!!!', 'lorem ipsum dolor', 'lorem ipsum dolor sit amet']) {
      assert.ok(isUnreadable(m.rateOne({ text })), text);
      assert.ok(isUnreadable(m.rateOne({ text, title: 'Accountants and Auditors' })), `${text} with a title`);
    }
  });
});
