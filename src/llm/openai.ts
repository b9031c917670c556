/**
 * The OpenAI-compatible chat-completions client: plain `fetch`, POST {baseUrl}/chat/completions.
 *
 * Failure policy (why each): 429, 5xx, timeouts and connection resets are transient — retried
 * with exponential backoff and full jitter (AWS Architecture Blog, "Exponential Backoff and
 * Jitter", 2015), honouring Retry-After (seconds or an HTTP date, RFC 9110 §10.2.3). A 401/403 is
 * the user's key: an InputError at once, never retried. A refused connection or an unknown host
 * means nothing is listening: an InputError at once naming the URL.
 */
import { InputError } from '../util/errors.js';
import { estimateTokens, type GenerateRequest, type GenerateResult, type TextProvider } from './provider.js';

export interface OpenAIProviderOptions {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
  maxRetries?: number;
  retryBaseMs?: number;
  /** Longest wait between tries, whatever Retry-After says (default 60 s). */
  maxDelayMs?: number;
}

/** A request the server would not complete (after retries, or a 4xx that is not the key): one task fails, the run goes on. */
export class LlmRequestError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'LlmRequestError';
  }
}

/** Nothing to retry: no server there (a connect timeout is a host that drops packets). */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT']);
const isTlsFailure = (code: string) => code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'EPROTO';

/** Seconds or an HTTP date -> milliseconds to wait; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Full jitter: a uniform wait in [0, base * 2^attempt], capped. */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(capMs, baseMs * 2 ** attempt));
}

const retryable = (status: number) => status === 429 || status === 408 || status >= 500;

function errorCode(err: unknown): string | undefined {
  let e = err as { code?: string; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'string') return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The message a server put in its error body ({error: {message}} in OpenAI's shape), shortened. */
function serverMessage(body: string): string {
  try {
    const j = JSON.parse(body) as { error?: { message?: string } | string; message?: string };
    const m = typeof j.error === 'string' ? j.error : (j.error?.message ?? j.message);
    if (m) return String(m).slice(0, 200);
  } catch {
    // not JSON
  }
  return body.replace(/\s+/g, ' ').trim().slice(0, 200);
}

export function createOpenAIProvider(options: OpenAIProviderOptions): TextProvider {
  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch {
    throw new InputError(`not a URL: "${options.baseUrl}"`, { field: 'JOBSHIFT_LLM_BASE_URL' });
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new InputError(`the LLM base URL must be http(s), got "${options.baseUrl}"`, { field: 'JOBSHIFT_LLM_BASE_URL' });
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const url = `${baseUrl}/chat/completions`;
  const model = options.model;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxRetries = options.maxRetries ?? 5;
  const retryBaseMs = options.retryBaseMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 60_000;

  const body = (req: GenerateRequest, stream: boolean) => {
    const messages = [...(req.system ? [{ role: 'system', content: req.system }] : []), { role: 'user', content: req.prompt }];
    const b: Record<string, unknown> = { model, messages };
    if (req.temperature !== undefined) b.temperature = req.temperature;
    if (req.topP !== undefined) b.top_p = req.topP;
    // top_k is not in OpenAI's API, but vLLM, llama.cpp's server and Ollama's OpenAI endpoint accept it.
    if (req.topK !== undefined) b.top_k = req.topK;
    if (req.maxTokens !== undefined) b.max_tokens = req.maxTokens;
    if (req.seed !== undefined) b.seed = req.seed;
    if (req.jsonSchema) b.response_format = { type: 'json_schema', json_schema: { name: req.jsonSchema.name, schema: req.jsonSchema.schema, strict: true } };
    if (stream) {
      b.stream = true;
      b.stream_options = { include_usage: true };
    }
    return JSON.stringify(b);
  };

  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;

  /**
   * POST with retries; `consume` reads a successful response. A failure inside `consume`
   * (connection reset mid-body) is retried only while `canRetry()` says nothing reached the caller.
   */
  async function withRetries<T>(req: GenerateRequest, stream: boolean, consume: (res: Response) => Promise<T>, canRetry: () => boolean): Promise<T> {
    const payload = body(req, stream);
    let lastProblem = '';
    for (let attempt = 0; ; attempt++) {
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
      let wait: number | undefined;
      try {
        const res = await fetch(url, { method: 'POST', headers, body: payload, signal });
        if (res.ok) return await consume(res);
        const text = await res.text().catch(() => '');
        if (res.status === 401 || res.status === 403) {
          throw new InputError(`the LLM server refused the API key (HTTP ${res.status} from ${url}): set JOBSHIFT_LLM_API_KEY or OPENAI_API_KEY`);
        }
        if (res.status === 404) throw new InputError(`the LLM server at ${baseUrl} has no chat-completions endpoint or no model "${model}" (HTTP 404: ${serverMessage(text)})`);
        if (!retryable(res.status)) throw new LlmRequestError(`the LLM server rejected the request (HTTP ${res.status}: ${serverMessage(text)})`, res.status);
        lastProblem = `HTTP ${res.status}${text ? `: ${serverMessage(text)}` : ''}`;
        wait = parseRetryAfter(res.headers.get('retry-after'));
      } catch (err) {
        if (err instanceof InputError || err instanceof LlmRequestError) throw err;
        if (req.signal?.aborted) throw req.signal.reason ?? err;
        const code = errorCode(err);
        if (code && UNREACHABLE.has(code)) throw new InputError(`cannot reach the LLM server at ${baseUrl} (${code}): is it running, and is JOBSHIFT_LLM_BASE_URL right?`);
        if (code && isTlsFailure(code)) throw new InputError(`cannot open a secure connection to the LLM server at ${baseUrl} (${code})`);
        if (!canRetry()) throw new LlmRequestError(`the LLM server broke off its answer (${code ?? (err as Error).message})`);
        lastProblem = timeout.aborted ? `no answer within ${timeoutMs} ms` : `connection lost (${code ?? (err as Error).message})`;
      }
      if (attempt >= maxRetries) throw new LlmRequestError(`the LLM server failed ${attempt + 1} times: ${lastProblem}`);
      await sleep(Math.min(maxDelayMs, wait ?? backoffDelay(attempt, retryBaseMs, maxDelayMs)), req.signal);
    }
  }

  async function generate(req: GenerateRequest): Promise<GenerateResult> {
    return withRetries(
      req,
      false,
      async (res) => {
        const raw = await res.text();
        let j: { choices?: { message?: { content?: string | null } }[]; usage?: { prompt_tokens?: number; completion_tokens?: number } };
        try {
          j = JSON.parse(raw);
        } catch {
          throw new LlmRequestError(`the LLM server answered with something that is not JSON: ${raw.slice(0, 80)}`);
        }
        const text = j.choices?.[0]?.message?.content;
        if (typeof text !== 'string') throw new LlmRequestError('the LLM server answered without a message (no choices[0].message.content)');
        return {
          text,
          promptTokens: j.usage?.prompt_tokens ?? estimateTokens((req.system ?? '') + req.prompt),
          completionTokens: j.usage?.completion_tokens ?? estimateTokens(text),
          cached: false,
        };
      },
      () => true,
    );
  }

  async function stream(req: GenerateRequest, onText: (chunk: string) => void): Promise<GenerateResult> {
    let emitted = false;
    return withRetries(
      req,
      true,
      async (res) => {
        const type = res.headers.get('content-type') ?? '';
        if (!type.includes('text/event-stream')) {
          // A server that ignores `stream: true` answers one JSON document.
          const j = (await res.json().catch(() => ({}))) as { choices?: { message?: { content?: string } }[]; usage?: { prompt_tokens?: number; completion_tokens?: number } };
          const text = j.choices?.[0]?.message?.content;
          if (typeof text !== 'string') throw new LlmRequestError('the LLM server answered without a message');
          emitted = true;
          onText(text);
          return { text, promptTokens: j.usage?.prompt_tokens ?? estimateTokens((req.system ?? '') + req.prompt), completionTokens: j.usage?.completion_tokens ?? estimateTokens(text), cached: false };
        }
        let text = '';
        let usage: { prompt_tokens?: number; completion_tokens?: number } | undefined;
        for await (const data of sseData(res)) {
          if (data === '[DONE]') break;
          let j: { choices?: { delta?: { content?: string | null } }[]; usage?: typeof usage; error?: unknown };
          try {
            j = JSON.parse(data);
          } catch {
            continue; // not ours to interpret (keep-alive noise)
          }
          if (j.error) throw new LlmRequestError(`the LLM server reported an error mid-stream: ${serverMessage(JSON.stringify(j))}`);
          const chunk = j.choices?.[0]?.delta?.content;
          if (chunk) {
            emitted = true;
            text += chunk;
            onText(chunk);
          }
          if (j.usage) usage = j.usage;
        }
        return {
          text,
          promptTokens: usage?.prompt_tokens ?? estimateTokens((req.system ?? '') + req.prompt),
          completionTokens: usage?.completion_tokens ?? estimateTokens(text),
          cached: false,
        };
      },
      () => !emitted,
    );
  }

  return {
    kind: 'llm',
    id: `llm:${model}@${baseUrl}`,
    model,
    generate,
    stream,
    close: async () => undefined,
  };
}

/** The `data:` payloads of a server-sent-events body (WHATWG HTML §9.2), one per event. */
export async function* sseData(res: Response): AsyncGenerator<string> {
  if (!res.body) return;
  const decoder = new TextDecoder();
  let buf = '';
  let data: string[] = [];
  for await (const part of res.body as unknown as AsyncIterable<Uint8Array>) {
    buf += decoder.decode(part, { stream: true });
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl).replace(/\r$/, '');
      buf = buf.slice(nl + 1);
      if (line === '') {
        if (data.length) yield data.join('\n');
        data = [];
      } else if (line.startsWith('data:')) {
        data.push(line.slice(5).replace(/^ /, ''));
      }
    }
  }
  if (data.length) yield data.join('\n');
}
