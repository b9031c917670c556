/**
 * A local GGUF model through node-llama-cpp (an optional dependency, imported on first use).
 * The model is loaded once; each request gets a fresh context (no state leaks between
 * requests, so the same seed gives the same text), and requests run one at a time — a CPU
 * model gains nothing from parallel contexts on a small machine.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { InputError } from '../util/errors.js';
import type { GenerateRequest, GenerateResult, TextProvider } from './provider.js';

/** Checks the file exists and starts with the GGUF magic bytes ("GGUF", ggml's file format spec). */
export function checkGgufFile(path: string): void {
  if (!existsSync(path)) throw new InputError(`model file not found: ${path} (set JOBSHIFT_LLAMA_MODEL to a .gguf file)`, { field: 'JOBSHIFT_LLAMA_MODEL' });
  if (!statSync(path).isFile()) throw new InputError(`not a file: ${path} (JOBSHIFT_LLAMA_MODEL must name a .gguf file)`, { field: 'JOBSHIFT_LLAMA_MODEL' });
  const magic = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, magic, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  if (magic.toString('latin1') !== 'GGUF') throw new InputError(`not a GGUF model file: ${path} (it does not start with the bytes "GGUF")`, { field: 'JOBSHIFT_LLAMA_MODEL' });
}

type LlamaModule = typeof import('node-llama-cpp');


async function loadModule(): Promise<LlamaModule> {
  try {
    return await import('node-llama-cpp');
  } catch (err) {
    throw new InputError(`the llama provider needs node-llama-cpp, which is not installed (npm install node-llama-cpp): ${(err as Error).message.split('\n')[0]}`);
  }
}

/**
 * `threads`: evaluation threads (default 1). Measured on a busy 2-core machine: 12 tokens of the
 * tiny model took 25 ms with 1 thread and 3-12 s with llama.cpp's default (its spinning threads
 * collapse when the cores are shared).
 */
export async function createLlamaProvider(options: { modelPath: string; contextSize?: number; threads?: number }): Promise<TextProvider> {
  const threads = Math.max(1, Math.floor(options.threads ?? 1));
  const modelPath = resolve(options.modelPath);
  checkGgufFile(modelPath);
  const mod = await loadModule();
  const llama = await mod.getLlama({ gpu: false });
  let model: Awaited<ReturnType<typeof llama.loadModel>>;
  try {
    model = await llama.loadModel({ modelPath });
  } catch (err) {
    await llama.dispose().catch(() => undefined);
    throw new InputError(`cannot load the model ${modelPath}: ${(err as Error).message.split('\n')[0]}`, { field: 'JOBSHIFT_LLAMA_MODEL' });
  }
  const contextSize = Math.min(options.contextSize ?? 4096, model.trainContextSize);
  const grammars = new Map<string, Promise<InstanceType<LlamaModule['LlamaJsonSchemaGrammar']>>>();
  const grammarFor = (schema: Record<string, unknown>) => {
    const key = JSON.stringify(schema);
    let g = grammars.get(key);
    if (!g) {
      // The schema is the caller's (rubric.ts keeps to the subset GBNF supports).
      g = llama.createGrammarForJsonSchema(schema as never);
      grammars.set(key, g);
    }
    return g;
  };

  // One request at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const run = (req: GenerateRequest, onText?: (chunk: string) => void): Promise<GenerateResult> =>
    exclusive(async () => {
      const context = await model.createContext({ contextSize, threads });
      try {
        const session = new mod.LlamaChatSession({ contextSequence: context.getSequence(), systemPrompt: req.system });
        const grammar = req.jsonSchema ? await grammarFor(req.jsonSchema.schema) : undefined;
        const text = await session.prompt(req.prompt, {
          temperature: req.temperature,
          topK: req.topK,
          topP: req.topP,
          maxTokens: req.maxTokens,
          seed: req.seed,
          grammar,
          signal: req.signal,
          onTextChunk: onText,
        });
        return {
          text,
          promptTokens: model.tokenize((req.system ?? '') + req.prompt).length,
          completionTokens: model.tokenize(text).length,
          cached: false,
        };
      } finally {
        await context.dispose();
      }
    });

  return {
    kind: 'llama',
    id: `llama:${basename(modelPath)}`,
    model: basename(modelPath),
    generate: (req) => run(req),
    stream: (req, onText) => run(req, onText),
    close: async () => {
      await queue;
      await model.dispose();
      await llama.dispose();
    },
  };
}
