/**
 * Training and evaluation of the local model.
 *
 * Evaluation is k-fold cross-validation grouped by occupation (no occupation's labels in both
 * training and test), in two views of the same held-out rows:
 *  - known: the task as O*NET knows it (Task ID: its DWAs, IWAs, GWAs) with its occupation;
 *  - text: the statement and occupation title alone, as for text the store has never seen.
 * GPT-4's published labels on the same rows are the reference line (Eloundou et al. 2024 report
 * about 66% agreement between GPT-4 and the human annotators).
 */
import type { Store } from '../../data/store.js';
import { logLoss, reliability } from '../../util/calibration.js';
import { mulberry32, shuffle } from '../../util/rng.js';
import { type Agreement, agreement } from '../agreement.js';
import { AUTOMATION_LABELS, EXPOSURE_LABELS } from '../scorer.js';
import { loadOccupationContext, type OccupationContext } from './context.js';
import { loadOnetKnowledge, loadTaskStatements, loadTrainingRows, type OnetKnowledge, type TrainingRow, trainingFingerprint } from './corpus.js';
import { defaultFeatureConfig, type FeatureConfig, FeatureExtractor, type FrozenVector, SparseVector } from './features.js';
import { argmax, defaultTrainingSettings, LOCAL_MODEL_VERSION, type LocalHeads, LocalModel, type LocalModelMeta, type TrainingSettings } from './model.js';
import { type Example, predictInto, trainSoftmax } from './softmax.js';
import { Vocabulary } from './vocabulary.js';

export interface TrainingData {
  rows: TrainingRow[];
  knowledge: OnetKnowledge;
  context: OccupationContext;
  fingerprint: string;
  /** Every O*NET task statement in the store: with the training rows, the model's vocabulary. */
  statements: readonly string[];
}

export async function loadTrainingData(store: Store): Promise<TrainingData> {
  const [rows, knowledge, context, fingerprint, statements] = await Promise.all([
    loadTrainingRows(store),
    loadOnetKnowledge(store),
    loadOccupationContext(store),
    trainingFingerprint(store),
    loadTaskStatements(store),
  ]);
  return { rows, knowledge, context, fingerprint, statements };
}

interface Views {
  known: FrozenVector[];
  text: FrozenVector[];
}

/** Feature vectors of every training row in both views. */
export function buildViews(data: TrainingData, config: FeatureConfig): Views {
  const fx = new FeatureExtractor(config);
  const v = new SparseVector();
  const known: FrozenVector[] = [];
  const text: FrozenVector[] = [];
  const contextCache = new Map<string, FrozenVector | undefined>();
  for (const r of data.rows) {
    let context = contextCache.get(r.onetCode);
    if (!contextCache.has(r.onetCode)) {
      const f = data.context.features(r.onetCode);
      context = f && f.length ? fx.hashContext(f) : undefined;
      contextCache.set(r.onetCode, context);
    }
    fx.extract({ text: r.text, title: r.title, occupation: r.onetCode, context }, v);
    const textView = v.freeze();
    text.push(textView);
    // As the model scores it (LocalModel.predict): a task with work activities without the
    // occupation crosses; one without is the text view.
    const k = data.knowledge.features(r.taskId);
    if (k && k.length) {
      fx.extract({ text: r.text, title: r.title, known: fx.hashKnown(k), context }, v);
      known.push(v.freeze());
    } else known.push(textView);
  }
  return { known, text };
}

function fitHeads(data: TrainingData, views: Views, indices: number[], config: FeatureConfig, settings: TrainingSettings): LocalHeads {
  const dims = 1 << config.bits;
  const base = { dims, epochs: settings.epochs, learningRate: settings.learningRate, l2: settings.l2, seed: settings.seed };
  const exposureExamples = (xs: FrozenVector[]): Example[] =>
    indices.map((i) => ({ x: xs[i]!, y: EXPOSURE_LABELS.indexOf(data.rows[i]!.exposure) }));
  const automationExamples = (xs: FrozenVector[]): Example[] =>
    indices.filter((i) => data.rows[i]!.automation).map((i) => ({ x: xs[i]!, y: AUTOMATION_LABELS.indexOf(data.rows[i]!.automation!) }));
  return {
    knownE: trainSoftmax(exposureExamples(views.known), { ...base, classes: 3 }),
    knownT: trainSoftmax(automationExamples(views.known), { ...base, classes: 5 }),
    textE: trainSoftmax(exposureExamples(views.text), { ...base, classes: 3 }),
    textT: trainSoftmax(automationExamples(views.text), { ...base, classes: 5 }),
  };
}

export interface TrainOptions {
  features?: Partial<FeatureConfig>;
  training?: Partial<TrainingSettings>;
}

/** Trains on every labelled row. Deterministic for a seed. */
export function trainLocalModel(data: TrainingData, options: TrainOptions = {}): LocalModel {
  const started = performance.now();
  const config: FeatureConfig = { ...defaultFeatureConfig, ...options.features };
  const settings: TrainingSettings = { ...defaultTrainingSettings, ...options.training };
  const views = buildViews(data, config);
  const heads = fitHeads(data, views, data.rows.map((_, i) => i), config, settings);
  const vocabulary = Vocabulary.fromTexts([...data.rows.map((r) => r.text), ...data.statements], config);
  const meta: LocalModelMeta = {
    format: 'jobshift-local-model',
    version: LOCAL_MODEL_VERSION,
    features: config,
    training: settings,
    trainedAt: new Date().toISOString(),
    dataFingerprint: data.fingerprint,
    rows: data.rows.length,
    occupations: new Set(data.rows.map((r) => r.onetCode)).size,
    vocabulary: vocabulary.size,
    seconds: (performance.now() - started) / 1000,
  };
  return new LocalModel(meta, heads, data.knowledge, data.context, vocabulary);
}

export interface ViewEvaluation {
  exposure: Agreement;
  /** Are the exposure probabilities honest? The top class's probability against being right. */
  calibration: Calibration;
  automation: Agreement;
}

export interface Calibration {
  /** Expected calibration error of the top class's probability (10 bins). */
  ece: number;
  /** Brier score of the top class's probability against being right. */
  brier: number;
  /** Mean negative log-likelihood of the human label under the three probabilities. */
  logLoss: number;
  /** Mean top-class probability (compare with the accuracy). */
  meanConfidence: number;
}

function calibrationOf(ps: Float64Array[], truth: number[]): Calibration {
  const conf = ps.map((p) => p[argmax(p)]!);
  const r = reliability(conf, ps.map((p, i) => argmax(p) === truth[i]));
  return { ece: r.ece, brier: r.brier, logLoss: logLoss(ps.map((p, i) => p[truth[i]!]!)), meanConfidence: conf.reduce((a, b) => a + b, 0) / Math.max(1, conf.length) };
}

export interface CrossValidation {
  folds: number;
  seed: number;
  rows: number;
  occupations: number;
  /** Rows O*NET links to work activities (the known view applies to these). */
  knownRows: number;
  known: ViewEvaluation;
  text: ViewEvaluation;
  /** GPT-4's published exposure labels on the same rows, against the human labels. */
  gpt4: Agreement;
  seconds: number;
  method: string;
}

/** Occupation-grouped k-fold cross-validation. */
export function crossValidate(
  data: TrainingData,
  options: TrainOptions & { folds?: number; gpt4?: Map<number, string>; progress?: (fold: number, folds: number) => void } = {},
): CrossValidation {
  const started = performance.now();
  const folds = options.folds ?? 5;
  const config: FeatureConfig = { ...defaultFeatureConfig, ...options.features };
  const settings: TrainingSettings = { ...defaultTrainingSettings, ...options.training };
  const occupations = shuffle([...new Set(data.rows.map((r) => r.onetCode))].sort(), mulberry32(settings.seed + 7919));
  const foldOf = new Map(occupations.map((o, i) => [o, i % folds]));
  const views = buildViews(data, config);
  const ref: string[] = [];
  const refT: string[] = [];
  const out = { knownE: [] as string[], textE: [] as string[], knownT: [] as string[], textT: [] as string[], gpt4: [] as string[], gpt4Ref: [] as string[] };
  const probs = { known: [] as Float64Array[], text: [] as Float64Array[], truth: [] as number[] };
  const pE = new Float64Array(3);
  const pT = new Float64Array(5);
  let knownRows = 0;
  for (let f = 0; f < folds; f++) {
    const train: number[] = [];
    const test: number[] = [];
    data.rows.forEach((r, i) => (foldOf.get(r.onetCode) === f ? test : train).push(i));
    const heads = fitHeads(data, views, train, config, settings);
    for (const i of test) {
      const row = data.rows[i]!;
      const isKnown = !!data.knowledge.features(row.taskId)?.length;
      if (isKnown) knownRows++;
      ref.push(row.exposure);
      probs.truth.push(EXPOSURE_LABELS.indexOf(row.exposure));
      // A task without O*NET work activities is scored by the text head, as in use.
      predictInto(isKnown ? heads.knownE : heads.textE, views.known[i]!, pE);
      out.knownE.push(EXPOSURE_LABELS[argmax(pE)]!);
      probs.known.push(pE.slice());
      predictInto(heads.textE, views.text[i]!, pE);
      out.textE.push(EXPOSURE_LABELS[argmax(pE)]!);
      probs.text.push(pE.slice());
      if (row.automation) {
        refT.push(row.automation);
        predictInto(isKnown ? heads.knownT : heads.textT, views.known[i]!, pT);
        out.knownT.push(AUTOMATION_LABELS[argmax(pT)]!);
        predictInto(heads.textT, views.text[i]!, pT);
        out.textT.push(AUTOMATION_LABELS[argmax(pT)]!);
      }
      const g = options.gpt4?.get(row.taskId);
      if (g) {
        out.gpt4.push(g);
        out.gpt4Ref.push(row.exposure);
      }
    }
    options.progress?.(f + 1, folds);
  }
  return {
    folds,
    seed: settings.seed,
    rows: data.rows.length,
    occupations: occupations.length,
    knownRows,
    known: { exposure: agreement(ref, out.knownE, EXPOSURE_LABELS), calibration: calibrationOf(probs.known, probs.truth), automation: agreement(refT, out.knownT, AUTOMATION_LABELS) },
    text: { exposure: agreement(ref, out.textE, EXPOSURE_LABELS), calibration: calibrationOf(probs.text, probs.truth), automation: agreement(refT, out.textT, AUTOMATION_LABELS) },
    gpt4: agreement(out.gpt4Ref, out.gpt4, EXPOSURE_LABELS),
    seconds: (performance.now() - started) / 1000,
    method:
      `${folds}-fold cross-validation grouped by occupation (seed ${settings.seed}): each fold's occupations are held out whole. ` +
      'Exposure is compared with the GPTs-are-GPTs human labels; automation with GPT-4\'s T-levels (the only ones published at scale). ' +
      '"known": tasks as O*NET knows them (work activities, occupation); "text": the statement and occupation title alone.',
  };
}
