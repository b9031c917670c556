/**
 * The local model: four softmax heads over one hashed feature space.
 *
 *  - known heads (exposure E0-E2, automation T0-T4): for tasks O*NET knows (by Task ID or exact
 *    text), with the task's DWA/IWA/GWA identifiers among the features;
 *  - text heads: for any other statement, from its words, character n-grams, the title and,
 *    when the title names an O*NET occupation, that occupation's context.
 *
 * Two heads rather than one with missing features, because measurement said so: a single model
 * trained on both views scored 0.80 on known tasks against 0.82 for a dedicated pair of heads
 * (grouped 5-fold cross-validation, same features). With the current features `jobshift eval`
 * gives, on occupations held out whole: O*NET tasks accuracy 0.861, kappa 0.762; text and title
 * alone 0.763, kappa 0.588 (GPT-4's labels on the same rows: 0.659, kappa 0.439).
 *
 * Exposure is learnt from the GPTs-are-GPTs human labels, automation from GPT-4's T-levels (the
 * only T-levels published at scale) — Eloundou, Manning, Mishkin & Rock (2024), Science 384.
 */
import type { AutomationLabel, ExposureLabel } from '../taskScores.js';
import { joinNotes, NOT_A_TASK_STATEMENT, uncertaintyNote } from '../display.js';
import type { RatingFailure, RatingResult, TaskInput, TaskRating } from '../scorer.js';
import { AUTOMATION_LABELS, EXPOSURE_LABELS } from '../scorer.js';
import type { OccupationContext } from './context.js';
import type { OnetKnowledge } from './corpus.js';
import { type FeatureConfig, FeatureExtractor, type FrozenVector, SparseVector } from './features.js';
import { type SoftmaxModel, softmaxInPlace } from './softmax.js';
import { isReadable, type Vocabulary } from './vocabulary.js';

/** 3: the vocabulary is saved with the weights (a model of an earlier version is retrained). */
export const LOCAL_MODEL_VERSION = 3;

export interface TrainingSettings {
  seed: number;
  epochs: number;
  learningRate: number;
  l2: number;
}

export const defaultTrainingSettings: TrainingSettings = { seed: 1, epochs: 6, learningRate: 0.1, l2: 1e-6 };

export interface LocalModelMeta {
  format: 'jobshift-local-model';
  version: number;
  features: FeatureConfig;
  training: TrainingSettings;
  trainedAt: string;
  /** Fingerprint of the training data (labels and O*NET release), to retrain when it changes. */
  dataFingerprint: string;
  rows: number;
  occupations: number;
  /** Distinct words the model can read (vocabulary.ts). */
  vocabulary?: number;
  seconds: number;
  /** Cross-validated agreement measured at training time, when it was run. */
  evaluation?: unknown;
}

export interface LocalHeads {
  knownE: SoftmaxModel;
  knownT: SoftmaxModel;
  textE: SoftmaxModel;
  textT: SoftmaxModel;
}

/** How a task was seen: which head rated it and what it knew; 'unreadable' when the model does
 * not know enough of the words of text O*NET does not know (vocabulary.ts): it gives no label. */
export type View = Head | 'unreadable';
/** The pair of heads that rates a task. */
export type Head = 'known' | 'text';

export class LocalModel {
  private readonly extractor: FeatureExtractor;
  private readonly vector = new SparseVector();
  private readonly pE = new Float64Array(3);
  private readonly pT = new Float64Array(5);
  private readonly knownCache = new Map<number, FrozenVector | null>();
  private readonly titleCache = new Map<string, string | undefined>();
  /** Each view's exposure and automation weights interleaved, 8 floats per feature, so one
   * feature costs one cache line rather than two (measured: about twice the throughput). */
  private readonly knownWeights: Float32Array;
  private readonly textWeights: Float32Array;
  private readonly knownContext = new Map<string, Float64Array>();
  private readonly textContext = new Map<string, Float64Array>();
  private readonly knownTitles = new Map<string, Float64Array>();
  private readonly textTitles = new Map<string, Float64Array>();
  private readonly titleVector = new SparseVector(64);

  constructor(
    readonly meta: LocalModelMeta,
    readonly heads: LocalHeads,
    private readonly knowledge: OnetKnowledge,
    private readonly context: OccupationContext,
    /** The words it can read (saved with the weights). */
    readonly vocabulary: Vocabulary,
  ) {
    this.extractor = new FeatureExtractor(meta.features);
    this.knownWeights = interleave(heads.knownE, heads.knownT);
    this.textWeights = interleave(heads.textE, heads.textT);
  }

  describe(): string {
    return `local model v${this.meta.version} (seed ${this.meta.training.seed}, trained ${this.meta.trainedAt.slice(0, 10)} on ${this.meta.rows} human-labelled tasks)`;
  }

  /** Resolves what is known about a task: its Task ID in O*NET, its occupation, its title. */
  resolve(task: TaskInput): { taskId?: number; onetCode?: string; title?: string; view: Head } {
    let taskId = task.taskId !== undefined && this.knowledge.features(task.taskId) ? task.taskId : undefined;
    if (taskId === undefined) {
      const byText = this.knowledge.taskIdOf(task.text);
      if (byText !== undefined && this.knowledge.features(byText)) taskId = byText;
    }
    let onetCode = task.onetCode || undefined;
    if (!onetCode && task.title) {
      if (this.titleCache.has(task.title)) onetCode = this.titleCache.get(task.title);
      else {
        onetCode = this.context.codeOfTitle(task.title);
        if (this.titleCache.size < 100_000) this.titleCache.set(task.title, onetCode);
      }
    }
    if (!onetCode && taskId !== undefined) onetCode = this.knowledge.occupationOf(taskId);
    const title = task.title || (onetCode ? this.context.titleOf(onetCode) : undefined) || (taskId !== undefined ? this.knowledge.titleOf(taskId) : undefined);
    return { taskId, onetCode, title, view: taskId !== undefined ? 'known' : 'text' };
  }

  /** Does the model know enough of the words of this text to read it (vocabulary.ts)? */
  canRead(text: string): boolean {
    this.extractor.extract({ text, vocabulary: this.vocabulary }, this.vector);
    return isReadable(this.extractor.letterWords, this.extractor.knownWords);
  }

  /** Fills `pE` and `pT`; returns the view used. */
  private predict(task: TaskInput): View {
    const r = this.resolve(task);
    const known = r.taskId !== undefined ? this.knownOf(r.taskId) : undefined;
    const head: Head = known ? 'known' : 'text';
    const w = head === 'known' ? this.knownWeights : this.textWeights;
    // The word × group crosses serve the text head only: with a task's work activities known they
    // add nothing and cost accuracy (grouped CV on O*NET tasks: 0.860 without, 0.852 with).
    // The occupation context (a hundred-odd features, the same for every task of an occupation)
    // and the title's words enter as their scores, computed once per occupation (title) and view.
    // Text O*NET does not know has its words counted against the vocabulary on the way.
    this.extractor.extract({ text: task.text, occupation: known ? undefined : r.onetCode, known, vocabulary: known ? undefined : this.vocabulary }, this.vector);
    const view: View = known || isReadable(this.extractor.letterWords, this.extractor.knownWords) ? head : 'unreadable';
    const c = r.onetCode ? this.contextScores(r.onetCode, head) : ZERO_SCORES;
    const t = r.title ? this.titleScores(r.title, head) : ZERO_SCORES;
    // Eight accumulators in registers: [E0 E1 E2 T0 T1 T2 T3 T4].
    let s0 = c[0]! + t[0]!, s1 = c[1]! + t[1]!, s2 = c[2]! + t[2]!, s3 = c[3]! + t[3]!, s4 = c[4]! + t[4]!, s5 = c[5]! + t[5]!, s6 = c[6]! + t[6]!, s7 = c[7]! + t[7]!;
    const { indices, values, length } = this.vector;
    for (let j = 0; j < length; j++) {
      const b = indices[j]! << 3;
      const v = values[j]!;
      s0 += v * w[b]!;
      s1 += v * w[b + 1]!;
      s2 += v * w[b + 2]!;
      s3 += v * w[b + 3]!;
      s4 += v * w[b + 4]!;
      s5 += v * w[b + 5]!;
      s6 += v * w[b + 6]!;
      s7 += v * w[b + 7]!;
    }
    const pE = this.pE;
    const pT = this.pT;
    pE[0] = s0;
    pE[1] = s1;
    pE[2] = s2;
    pT[0] = s3;
    pT[1] = s4;
    pT[2] = s5;
    pT[3] = s6;
    pT[4] = s7;
    softmaxInPlace(this.pE);
    softmaxInPlace(this.pT);
    return view;
  }

  /** A rating, or for text the model cannot read, no label and the note "not a task statement". */
  rateOne(task: TaskInput): TaskRating | RatingFailure {
    const view = this.predict(task);
    if (view === 'unreadable') return { error: NOT_A_TASK_STATEMENT, unreadable: true };
    const p: [number, number, number] = [this.pE[0]!, this.pE[1]!, this.pE[2]!];
    const note = joinNotes(view === 'known' ? undefined : 'rated from text (not an O*NET task)', uncertaintyNote(p));
    return {
      exposure: EXPOSURE_LABELS[argmax(this.pE)] as ExposureLabel,
      p,
      automation: AUTOMATION_LABELS[argmax(this.pT)] as AutomationLabel,
      ...(note ? { note } : {}),
    };
  }

  rate(tasks: readonly TaskInput[]): RatingResult[] {
    return tasks.map((t) => this.rateOne(t));
  }

  /** Exposure probabilities only, into `out` (for benchmarks and evaluation without allocation);
   * for an 'unreadable' view they are what the text head would say, and mean nothing. */
  probabilities(task: TaskInput, out: Float64Array): View {
    const view = this.predict(task);
    out[0] = this.pE[0]!;
    out[1] = this.pE[1]!;
    out[2] = this.pE[2]!;
    return view;
  }

  private knownOf(taskId: number): FrozenVector | undefined {
    let v = this.knownCache.get(taskId);
    if (v === undefined) {
      const f = this.knowledge.features(taskId);
      v = f && f.length ? this.extractor.hashKnown(f) : null;
      this.knownCache.set(taskId, v);
    }
    return v ?? undefined;
  }

  /** A title's contribution to the eight class scores of a view (the cache is bounded: titles in a file can be many). */
  private titleScores(title: string, view: Head): Float64Array {
    const cache = view === 'known' ? this.knownTitles : this.textTitles;
    let s = cache.get(title);
    if (!s) {
      this.extractor.titleFeatures(title, this.titleVector);
      s = this.dot(this.titleVector.indices, this.titleVector.values, this.titleVector.length, 1, view);
      if (cache.size < 100_000) cache.set(title, s);
    }
    return s;
  }

  /** Scores of a few features with the given weight, for a view. */
  private dot(indices: Int32Array, values: Float32Array, n: number, weight: number, view: Head): Float64Array {
    const s = new Float64Array(8);
    const w = view === 'known' ? this.knownWeights : this.textWeights;
    for (let j = 0; j < n; j++) {
      const b = indices[j]! << 3;
      const x = weight * values[j]!;
      for (let k = 0; k < 8; k++) s[k] = s[k]! + x * w[b + k]!;
    }
    return s;
  }

  /** The occupation context's contribution to the eight class scores of a view (extract() weights it the same way). */
  private contextScores(code: string, view: Head): Float64Array {
    const cache = view === 'known' ? this.knownContext : this.textContext;
    let s = cache.get(code);
    if (!s) {
      const f = this.context.features(code);
      const weight = this.meta.features.context;
      const v = f && f.length && weight > 0 ? this.extractor.hashContext(f) : undefined;
      s = v ? this.dot(v.indices, v.values, v.indices.length, weight, view) : ZERO_SCORES;
      cache.set(code, s);
    }
    return s;
  }
}

const ZERO_SCORES = new Float64Array(8);

/** One matrix of [exposure (3), automation (5)] weights per feature. */
function interleave(e: SoftmaxModel, t: SoftmaxModel): Float32Array {
  if (e.classes !== 3 || t.classes !== 5 || e.dims !== t.dims) throw new Error('local model: unexpected head shapes');
  const out = new Float32Array(e.dims * 8);
  for (let f = 0; f < e.dims; f++) {
    for (let k = 0; k < 3; k++) out[f * 8 + k] = e.weights[f * 3 + k]!;
    for (let k = 0; k < 5; k++) out[f * 8 + 3 + k] = t.weights[f * 5 + k]!;
  }
  return out;
}

export function argmax(p: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
  return best;
}
