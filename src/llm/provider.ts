/**
 * Text-generation providers shared by scoring (the llm and llama scorers) and reports
 * (narrative, `jobshift generate`). Two adapters behind one interface:
 *
 * - `llm`: any OpenAI-compatible chat-completions server (OpenAI, vLLM, Ollama, llama.cpp's
 *   server), spoken to with plain `fetch` — see ./openai.ts.
 * - `llama`: a local GGUF model through node-llama-cpp (an optional dependency) — see ./llama.ts.
 */
import { InputError } from '../util/errors.js';

export type ProviderKind = 'llm' | 'llama';

export const PROVIDER_KINDS: readonly ProviderKind[] = ['llm', 'llama'];

export interface GenerateRequest {
  system?: string;
  prompt: string;
  temperature?: number;
  topK?: number;
  topP?: number;
  maxTokens?: number;
  seed?: number;
  /** Constrain the answer: json_schema response_format on servers, a JSON grammar on llama. */
  jsonSchema?: { name: string; schema: Record<string, unknown> };
  signal?: AbortSignal;
}

export interface GenerateResult {
  text: string;
  promptTokens: number;
  completionTokens: number;
  cached: boolean;
}

export interface TextProvider {
  kind: ProviderKind;
  /** e.g. "llm:gpt-4o-mini@https://api.openai.com/v1" or "llama:tiny.gguf" — used in cache keys and method notes. */
  id: string;
  model: string;
  generate(req: GenerateRequest): Promise<GenerateResult>;
  stream(req: GenerateRequest, onText: (chunk: string) => void): Promise<GenerateResult>;
  close(): Promise<void>;
}

export interface ProviderOptions {
  baseUrl?: string;
  model?: string;
  apiKey?: string;
  modelPath?: string;
  /** Per-request timeout (llm), default 60 s. */
  timeoutMs?: number;
  /** Retries on 429, 5xx, timeouts and connection resets (llm), default 5. */
  maxRetries?: number;
  /** First backoff step in ms (llm), default 500; doubled per retry, with full jitter. */
  retryBaseMs?: number;
  /** Environment to read settings from (default process.env). */
  env?: NodeJS.ProcessEnv;
}

export function parseProviderKind(name: string): ProviderKind {
  if ((PROVIDER_KINDS as readonly string[]).includes(name)) return name as ProviderKind;
  throw new InputError(`unknown provider "${name}" (available: ${PROVIDER_KINDS.join(', ')})`, { field: 'provider' });
}

/**
 * Reads JOBSHIFT_LLM_BASE_URL, JOBSHIFT_LLM_MODEL, JOBSHIFT_LLM_API_KEY or OPENAI_API_KEY (llm)
 * and JOBSHIFT_LLAMA_MODEL, JOBSHIFT_LLAMA_THREADS (llama) unless given. Throws InputError with one clear line when
 * misconfigured.
 */
export async function createProvider(kind: ProviderKind, options: ProviderOptions = {}): Promise<TextProvider> {
  const env = options.env ?? process.env;
  if (kind === 'llm') {
    const { createOpenAIProvider } = await import('./openai.js');
    const baseUrl = options.baseUrl ?? env.JOBSHIFT_LLM_BASE_URL;
    const model = options.model ?? env.JOBSHIFT_LLM_MODEL;
    if (!baseUrl) throw new InputError('no LLM server configured: set JOBSHIFT_LLM_BASE_URL (e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1)');
    if (!model) throw new InputError('no LLM model configured: set JOBSHIFT_LLM_MODEL (e.g. gpt-4o-mini)');
    const apiKey = options.apiKey ?? (env.JOBSHIFT_LLM_API_KEY || env.OPENAI_API_KEY || undefined);
    return createOpenAIProvider({ baseUrl, model, apiKey, timeoutMs: options.timeoutMs, maxRetries: options.maxRetries, retryBaseMs: options.retryBaseMs });
  }
  if (kind === 'llama') {
    const { createLlamaProvider } = await import('./llama.js');
    const modelPath = options.modelPath ?? options.model ?? env.JOBSHIFT_LLAMA_MODEL;
    if (!modelPath) throw new InputError('no local model configured: set JOBSHIFT_LLAMA_MODEL to a .gguf file');
    const threads = Number(env.JOBSHIFT_LLAMA_THREADS ?? 1);
    if (!Number.isInteger(threads) || threads < 1) throw new InputError(`must be a whole number >= 1, got "${env.JOBSHIFT_LLAMA_THREADS}"`, { field: 'JOBSHIFT_LLAMA_THREADS' });
    return createLlamaProvider({ modelPath, threads });
  }
  throw new InputError(`unknown provider "${String(kind)}" (available: ${PROVIDER_KINDS.join(', ')})`, { field: 'provider' });
}

/** Rough token count when a server gives no usage: about 4 characters a token for English text (OpenAI's rule of thumb). */
export const estimateTokens = (text: string): number => (text.length === 0 ? 0 : Math.ceil(text.length / 4));
