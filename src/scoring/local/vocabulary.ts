/**
 * What the built-in model can read: the words of the task statements it was built from.
 *
 * A linear model over hashed features gives every input a confident-looking answer, "asdf
 * qwer" included (it used to come out E1, T4): its bias and a few character 3-grams decide.
 * So before it labels text O*NET does not know, the model checks that it knows the words: the
 * words (with at least one letter; numbers are neither known nor unknown) of every statement it
 * was trained on and of every O*NET task statement in the store when it was trained, kept as a
 * set of the same 32-bit word hashes the word features use and saved with the model.
 *
 * Readable: at least one known word, and known words at least MIN_KNOWN_SHARE of the words.
 * Measured on the real data with the GPTs-are-GPTs labelled statements alone as the vocabulary,
 * so that the rest is text it has not seen: the 3,476 O*NET statements the labels do not cover
 * have a known share of at least 0.61 (1 % below 0.79), O*NET's Emerging Tasks at least 0.5
 * ("Hang wallpaper."); "asdf qwer", "xkcd zzzz 1234", "lorem ipsum dolor (sit amet)" and "qwerty
 * uiop" have none, "!!!" and "1234" no words. 0.4 leaves a margin under the unseen statements;
 * statements given two random typos each fall under it 0.6 % of the time (short ones: "Hnag
 * wallpapr"). With every statement in the vocabulary, none of O*NET's is flagged (local.test.ts).
 */
import { FeatureExtractor, type FeatureConfig, type WordSet } from './features.js';

/** Share of a statement's words the model must know to read it. */
export const MIN_KNOWN_SHARE = 0.4;

/** Can the model read a statement with `words` words (with a letter), `known` of them known? */
export function isReadable(words: number, known: number): boolean {
  return known >= 1 && known >= MIN_KNOWN_SHARE * words;
}

/** A set of 32-bit word hashes: open addressing, linear probing, 0 marks an empty slot. */
export class Vocabulary implements WordSet {
  private readonly table: Uint32Array;
  private readonly mask: number;

  /** `hashes`: sorted, distinct (as `fromTexts` and the saved model give them). */
  constructor(readonly hashes: Uint32Array) {
    let capacity = 16;
    while (capacity < hashes.length * 2) capacity *= 2;
    this.table = new Uint32Array(capacity);
    this.mask = capacity - 1;
    for (const h of hashes) {
      const key = h || 1;
      let i = slot(key) & this.mask;
      while (this.table[i] !== 0 && this.table[i] !== key) i = (i + 1) & this.mask;
      this.table[i] = key;
    }
  }

  get size(): number {
    return this.hashes.length;
  }

  has(hash: number): boolean {
    const key = hash || 1;
    let i = slot(key) & this.mask;
    for (;;) {
      const v = this.table[i]!;
      if (v === key) return true;
      if (v === 0) return false;
      i = (i + 1) & this.mask;
    }
  }

  /** The vocabulary of some texts, hashed as `config`'s word features hash words. */
  static fromTexts(texts: Iterable<string>, config: FeatureConfig): Vocabulary {
    const fx = new FeatureExtractor(config);
    const seen = new Set<number>();
    for (const t of texts) fx.letterWordHashes(t, (h) => seen.add(h));
    return new Vocabulary(Uint32Array.from([...seen].sort((a, b) => a - b)));
  }
}

/** Word hashes are FNV-1a: spread them once more before masking. */
function slot(h: number): number {
  return Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
}
