/**
 * A real OpenAI chat-completions server on a random loopback port, for tests and benchmarks:
 * configurable latency, canned or garbage answers, 429 with Retry-After, 500s, an API key it
 * checks, dying mid-run (after N requests it destroys every socket and stops listening),
 * a record of every request (with the most requests ever in flight; also at GET /_stats), and
 * SSE streaming.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ChatMessage {
  role: string;
  content: string;
}

export interface ChatRequest {
  model?: string;
  messages: ChatMessage[];
  stream?: boolean;
  seed?: number;
  temperature?: number;
  top_p?: number;
  top_k?: number;
  max_tokens?: number;
  response_format?: { type: string; json_schema?: { name: string; schema: unknown; strict?: boolean } };
  [key: string]: unknown;
}

/** What the server does with one request. */
export type Reply =
  | { content: string; usage?: { prompt_tokens: number; completion_tokens: number } | null }
  | { status: number; body?: string; headers?: Record<string, string> }
  /** Close the connection without answering (a crash as the client sees it). */
  | { destroy: true };

export interface RecordedRequest {
  /** 1-based, in arrival order. */
  n: number;
  at: number;
  path: string;
  authorization?: string;
  body: ChatRequest;
}

export interface TestServerOptions {
  /** Delay before each answer, in ms. */
  latencyMs?: number;
  /** The answer for a request (default: content "ok"). `n` counts requests from 1. */
  reply?: (req: ChatRequest, n: number) => Reply | Promise<Reply>;
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401. */
  apiKey?: string;
  /** After this many requests have been answered, destroy every socket and stop listening. */
  dieAfter?: number;
  /** Characters per SSE chunk when streaming (default 4). */
  chunkSize?: number;
  /** Port to listen on (default 0: a free one); e.g. to bring a dead server back on its port. */
  port?: number;
}

export interface TestServer {
  url: string;
  /** The base URL a client is given: `${url}/v1`. */
  baseUrl: string;
  port: number;
  requests: RecordedRequest[];
  inFlight(): number;
  maxInFlight(): number;
  /** True once the server has died (dieAfter) or been closed. */
  dead(): boolean;
  close(): Promise<void>;
}

/** The user message of a request (the last one). */
export const userMessage = (req: ChatRequest): string => req.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
export const systemMessage = (req: ChatRequest): string => req.messages.find((m) => m.role === 'system')?.content ?? '';

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let inFlight = 0;
  let maxInFlight = 0;
  let answered = 0;
  let dead = false;
  const reply: (req: ChatRequest, n: number) => Reply | Promise<Reply> = options.reply ?? (() => ({ content: 'ok' }));
  const chunkSize = options.chunkSize ?? 4;

  const die = () => {
    if (dead) return;
    dead = true;
    server.close();
    for (const s of sockets) s.destroy();
  };

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      let s = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (s += c));
      req.on('end', () => resolve(s));
      req.on('error', reject);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (dead) return void req.socket.destroy();
    const path = (req.url ?? '').split('?')[0]!;
    const raw = await readBody(req);
    if (req.method === 'GET' && path === '/_stats') {
      // For a client in another process (bench/llm.bench.ts runs the server in a child).
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ requests: requests.length, maxInFlight }));
      return;
    }
    if (req.method !== 'POST' || !path.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no route ${req.method} ${path}` } }));
      return;
    }
    let body: ChatRequest;
    try {
      body = JSON.parse(raw) as ChatRequest;
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'body is not JSON' } }));
      return;
    }
    const n = requests.length + 1;
    requests.push({ n, at: Date.now(), path, authorization: req.headers.authorization, body });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
      if (dead) return void req.socket.destroy();
      if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } }));
        return;
      }
      const r = await reply(body, n);
      if ('destroy' in r) return void req.socket.destroy();
      if ('status' in r) {
        res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers }).end(r.body ?? JSON.stringify({ error: { message: `HTTP ${r.status}` } }));
        return;
      }
      const promptChars = body.messages.reduce((s, m) => s + m.content.length, 0);
      const usage = r.usage === null ? undefined : (r.usage ?? { prompt_tokens: Math.ceil(promptChars / 4), completion_tokens: Math.ceil(r.content.length / 4) });
      const id = `chatcmpl-test-${n}`;
      if (body.stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        const send = (obj: unknown) => res.write(`data: ${JSON.stringify(obj)}\n\n`);
        send({ id, object: 'chat.completion.chunk', model: body.model, choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] });
        for (let i = 0; i < r.content.length; i += chunkSize) {
          send({ id, object: 'chat.completion.chunk', model: body.model, choices: [{ index: 0, delta: { content: r.content.slice(i, i + chunkSize) } }] });
          await new Promise((resolve) => setImmediate(resolve));
        }
        send({ id, object: 'chat.completion.chunk', model: body.model, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
        if (usage && (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage) send({ id, object: 'chat.completion.chunk', model: body.model, choices: [], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } });
        res.end('data: [DONE]\n\n');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: body.model,
          choices: [{ index: 0, message: { role: 'assistant', content: r.content }, finish_reason: 'stop' }],
          ...(usage ? { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } } : {}),
        }),
      );
    } finally {
      inFlight--;
      answered++;
      if (options.dieAfter !== undefined && answered >= options.dieAfter) die();
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: String((err as Error).message) } }));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    if (dead) s.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    baseUrl: `${url}/v1`,
    port,
    requests,
    inFlight: () => inFlight,
    maxInFlight: () => maxInFlight,
    dead: () => dead,
    close: () =>
      new Promise<void>((resolve) => {
        dead = true;
        for (const s of sockets) s.destroy();
        if (!server.listening) return resolve();
        server.close(() => resolve());
      }),
  };
}

/** A port with nothing listening on it (bound, then released), for "unreachable" tests. */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
