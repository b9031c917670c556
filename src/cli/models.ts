import type { Store } from '../data/store.js';
import type { GapFiller } from '../scoring/taskScores.js';

/** The local model as a gap filler, when it is available. */
export async function gapFiller(_store: Store): Promise<GapFiller | undefined> {
  return undefined;
}
