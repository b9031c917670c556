/**
 * The local model on disk, under JOBSHIFT_HOME/models: a JSON header (settings, fingerprint,
 * evaluation) and the gzip-compressed weights of the four heads followed by its vocabulary (the
 * sorted 32-bit word hashes, vocabulary.ts). Written atomically (temporary
 * files renamed into place, weights first), so a crash never leaves a half-written model.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { jobshiftHome } from '../../data/store.js';
import { writeFileAtomic } from '../../util/files.js';
import type { OccupationContext } from './context.js';
import type { OnetKnowledge } from './corpus.js';
import { type LocalHeads, LocalModel, type LocalModelMeta, LOCAL_MODEL_VERSION } from './model.js';
import type { SoftmaxModel } from './softmax.js';
import { Vocabulary } from './vocabulary.js';

const HEADS = ['knownE', 'knownT', 'textE', 'textT'] as const;

type Layout = Record<string, { classes: number; dims: number; offset: number }>;

export function modelDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(jobshiftHome(env), 'models');
}

const headerPath = (dir: string) => join(dir, `local-v${LOCAL_MODEL_VERSION}.json`);
const weightsPath = (dir: string) => join(dir, `local-v${LOCAL_MODEL_VERSION}.weights.gz`);

export function saveLocalModel(model: LocalModel, dir = modelDir()): string {
  mkdirSync(dir, { recursive: true });
  const parts: Buffer[] = [];
  const layout: Layout = {};
  let offset = 0;
  for (const name of HEADS) {
    const head = model.heads[name];
    layout[name] = { classes: head.classes, dims: head.dims, offset };
    parts.push(Buffer.from(head.weights.buffer, head.weights.byteOffset, head.weights.byteLength));
    offset += head.weights.length;
  }
  // The vocabulary after the weights, in the same 4-byte units.
  const words = model.vocabulary.hashes;
  const vocabulary = { offset, words: words.length };
  parts.push(Buffer.from(words.buffer, words.byteOffset, words.byteLength));
  // Weights first: a header is only ever beside the weights it describes.
  writeFileAtomic(weightsPath(dir), gzipSync(Buffer.concat(parts), { level: 6 }));
  writeFileAtomic(headerPath(dir), JSON.stringify({ ...model.meta, layout, vocabularyLayout: vocabulary }, null, 2));
  // Models of earlier formats are never read again (a new version retrains): remove them.
  for (const f of readdirSync(dir)) {
    const m = /^local-v(\d+)\.(json|weights\.gz)$/.exec(f);
    if (m && Number(m[1]) !== LOCAL_MODEL_VERSION) rmSync(join(dir, f), { force: true });
  }
  return headerPath(dir);
}

export function readLocalModelMeta(dir = modelDir()): LocalModelMeta | undefined {
  const path = headerPath(dir);
  if (!existsSync(path) || !existsSync(weightsPath(dir))) return undefined;
  try {
    const meta = JSON.parse(readFileSync(path, 'utf8')) as LocalModelMeta;
    return meta.format === 'jobshift-local-model' && meta.version === LOCAL_MODEL_VERSION ? meta : undefined;
  } catch {
    return undefined;
  }
}

export function loadLocalModel(knowledge: OnetKnowledge, context: OccupationContext, dir = modelDir()): LocalModel | undefined {
  const meta = readLocalModelMeta(dir);
  if (!meta) return undefined;
  const { layout, vocabularyLayout } = meta as LocalModelMeta & { layout?: Layout; vocabularyLayout?: { offset: number; words: number } };
  if (!layout || !vocabularyLayout) return undefined;
  let raw: Buffer;
  try {
    raw = gunzipSync(readFileSync(weightsPath(dir)));
  } catch {
    return undefined; // unreadable weights: retrain rather than fail
  }
  const all = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const heads = {} as Record<(typeof HEADS)[number], SoftmaxModel>;
  for (const name of HEADS) {
    const l = layout[name];
    if (!l || l.offset + l.classes * l.dims > all.length) return undefined;
    heads[name] = { classes: l.classes, dims: l.dims, weights: all.subarray(l.offset, l.offset + l.classes * l.dims) };
  }
  const v = vocabularyLayout;
  if (v.offset + v.words > all.length) return undefined;
  const words = new Uint32Array(all.buffer, all.byteOffset + v.offset * 4, v.words);
  return new LocalModel(meta, heads as LocalHeads, knowledge, context, new Vocabulary(words));
}
