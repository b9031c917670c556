/**
 * `jobshift generate "PROMPT"`: plain text generation through the same providers as the llm and
 * llama scorers. Requests with --seed are cached in the store: the same request returns the
 * same text without calling the model again.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Store } from '../data/store.js';
import { generateCached, type GenerationCache, storeGenerationCache } from '../llm/cache.js';
import { createProvider, type GenerateRequest, parseProviderKind } from '../llm/provider.js';
import { InputError } from '../util/errors.js';
import { print, printJson, runCommand } from './output.js';

export interface GenerateCliOptions {
  provider: string;
  system?: string;
  temperature?: string;
  topK?: string;
  topP?: string;
  maxTokens?: string;
  seed?: string;
  stream?: boolean;
  json?: boolean;
}

const number = (raw: string | undefined, field: string, check: (x: number) => boolean, what: string): number | undefined => {
  if (raw === undefined) return undefined;
  const x = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(x) || !check(x)) throw new InputError(`must be ${what}, got "${raw}"`, { field });
  return x;
};

/** The sampling controls, checked: one clear message naming the option at fault. */
export function parseSampling(opts: Omit<GenerateCliOptions, 'provider'>): Omit<GenerateRequest, 'prompt' | 'system'> {
  return {
    temperature: number(opts.temperature, 'temperature', (x) => x >= 0 && x <= 2, 'a number from 0 to 2'),
    topK: number(opts.topK, 'top-k', (x) => Number.isInteger(x) && x >= 1, 'a whole number >= 1'),
    topP: number(opts.topP, 'top-p', (x) => x > 0 && x <= 1, 'a number in (0, 1]'),
    maxTokens: number(opts.maxTokens, 'max-tokens', (x) => Number.isInteger(x) && x >= 1, 'a whole number >= 1'),
    seed: number(opts.seed, 'seed', (x) => Number.isSafeInteger(x), 'a whole number'),
  };
}

export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description('generate text with an OpenAI-compatible server (llm) or a local GGUF model (llama); "-" reads the prompt from stdin')
    .argument('<prompt>', 'the prompt ("-" for stdin)')
    .option('--provider <p>', 'llm (JOBSHIFT_LLM_BASE_URL, JOBSHIFT_LLM_MODEL, JOBSHIFT_LLM_API_KEY) or llama (JOBSHIFT_LLAMA_MODEL)', 'llm')
    .option('--system <text>', 'system prompt')
    .option('--temperature <t>', 'sampling temperature, 0-2')
    .option('--top-k <k>', 'sample from the k most likely tokens')
    .option('--top-p <p>', 'nucleus sampling: the smallest set of tokens with probability >= p')
    .option('--max-tokens <n>', 'longest answer, in tokens')
    .option('--seed <s>', 'random seed; a seeded request is cached and answers the same text again')
    .option('--stream', 'print the text as it is generated')
    .option('--json', 'print {text, provider, cached, promptTokens, completionTokens}')
    .action((promptArg: string, opts: GenerateCliOptions) =>
      runCommand(async () => {
        const kind = parseProviderKind(opts.provider);
        const prompt = promptArg === '-' ? readFileSync(0, 'utf8') : promptArg;
        if (prompt.trim() === '') throw new InputError('the prompt is empty', { field: 'prompt' });
        const req: GenerateRequest = { system: opts.system, prompt, ...parseSampling(opts) };
        const provider = await createProvider(kind);
        let store: Store | undefined;
        try {
          let cache: GenerationCache | undefined;
          if (req.seed !== undefined) {
            try {
              store = await Store.open();
              cache = storeGenerationCache(store);
            } catch (err) {
              if (!(err instanceof InputError)) throw err;
              process.stderr.write(`jobshift: not caching this request: ${err.message}\n`);
            }
          }
          const streaming = Boolean(opts.stream) && !opts.json;
          let ended = true;
          const result = await generateCached(
            provider,
            req,
            cache,
            streaming
              ? (chunk) => {
                  process.stdout.write(chunk);
                  ended = chunk.endsWith('\n');
                }
              : undefined,
          );
          if (opts.json) {
            printJson({ text: result.text, provider: provider.id, cached: result.cached, promptTokens: result.promptTokens, completionTokens: result.completionTokens });
          } else if (streaming) {
            if (!ended) process.stdout.write('\n');
          } else {
            print(result.text);
          }
        } finally {
          store?.close();
          await provider.close();
        }
      }),
    );
}
