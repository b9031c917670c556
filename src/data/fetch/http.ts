/**
 * Downloads for `data fetch`: streamed to a temporary file and renamed into place (never a
 * half-written file under its real name), hashed (SHA-256) while streaming, with a timeout on
 * connecting and on each wait for bytes — the first byte, and any later stall — never on the
 * whole body, so a large file on a slow line finishes. Failures are told apart, because the
 * user's remedy differs: offline (no route, no DNS) / refused (HTTP 403) / not found / other HTTP
 * status / no answer / stalled / cut short.
 */
import { createHash } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export type FailureKind = 'offline' | 'refused' | 'not-found' | 'http' | 'no-answer' | 'stalled' | 'truncated' | 'network';

/** A download that did not succeed, with what kind of failure it was and where. */
export class FetchFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly url: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FetchFailure';
  }
}

export interface HttpOptions {
  userAgent: string;
  /** Bound on connecting, on the wait for the first byte and on any later stall; not on the whole body. */
  timeoutMs: number;
  /** Bytes received so far and the total when the server said it. */
  onProgress?: (received: number, total: number | undefined) => void;
}

export interface Downloaded {
  sha256: string;
  bytes: number;
  /** The URL that answered (after redirects). */
  url: string;
}

/** Network error codes that mean "this machine cannot reach the host at all". */
const OFFLINE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'UND_ERR_CONNECT_TIMEOUT']);

const host = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * Open a response: headers received, status 2xx. Returns the response and a watchdog the caller
 * re-arms while reading the body and must disarm when done.
 */
async function respond(url: string, options: HttpOptions): Promise<{ res: Response; watchdog: Watchdog }> {
  const watchdog = new Watchdog(options.timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, { signal: watchdog.signal, redirect: 'follow', headers: { 'user-agent': options.userAgent, accept: '*/*' } });
  } catch (err) {
    watchdog.disarm();
    if (watchdog.fired) {
      throw new FetchFailure('no-answer', `${host(url)} did not answer within ${seconds(options.timeoutMs)} (offline, or the server is slow: try --timeout with more seconds)`, url);
    }
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const code = e.cause?.code ?? '';
    if (OFFLINE.has(code)) {
      throw new FetchFailure('offline', `cannot reach ${host(url)} (${code}): no internet connection, or the host name does not resolve`, url);
    }
    throw new FetchFailure('network', `connection to ${host(url)} failed (${code || e.cause?.message || e.message})`, url);
  }
  if (!res.ok) {
    watchdog.disarm();
    await res.body?.cancel().catch(() => undefined);
    const kind: FailureKind = res.status === 403 ? 'refused' : res.status === 404 || res.status === 410 ? 'not-found' : 'http';
    const what = kind === 'refused' ? 'refused the download' : kind === 'not-found' ? 'has no such file' : 'answered with an error';
    throw new FetchFailure(kind, `${host(url)} ${what} (HTTP ${res.status}): ${url}`, url, res.status);
  }
  return { res, watchdog };
}

/** Read a whole (small) text resource, e.g. a page to discover the current release from. */
export async function fetchText(url: string, options: HttpOptions): Promise<string> {
  const chunks: Uint8Array[] = [];
  await stream(url, options, (chunk) => {
    chunks.push(chunk);
  });
  return Buffer.concat(chunks).toString('utf8');
}

/** Download url into path: a temporary file beside it, renamed into place once whole. */
export async function downloadTo(url: string, path: string, options: HttpOptions): Promise<Downloaded> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.part`);
  const hash = createHash('sha256');
  const file = await open(tmp, 'w');
  let result: { bytes: number; url: string };
  try {
    result = await stream(url, options, async (chunk) => {
      hash.update(chunk);
      await file.write(chunk);
    });
    await file.close();
  } catch (err) {
    await file.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
  await rename(tmp, path);
  return { sha256: hash.digest('hex'), bytes: result.bytes, url: result.url };
}

async function stream(url: string, options: HttpOptions, onChunk: (chunk: Uint8Array) => void | Promise<void>): Promise<{ bytes: number; url: string }> {
  const { res, watchdog } = await respond(url, options);
  const length = Number(res.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 && !res.headers.get('content-encoding') ? length : undefined;
  let received = 0;
  try {
    if (!res.body) throw new FetchFailure('truncated', `${host(url)} sent no body: ${url}`, url);
    const reader = res.body.getReader();
    for (;;) {
      watchdog.arm();
      let step: Awaited<ReturnType<typeof reader.read>>;
      try {
        step = await reader.read();
      } catch (err) {
        if (watchdog.fired) {
          throw received === 0
            ? new FetchFailure('no-answer', `${host(url)} sent headers but no data within ${seconds(options.timeoutMs)}: ${url}`, url)
            : new FetchFailure('stalled', `the download stalled: no data for ${seconds(options.timeoutMs)} after ${received.toLocaleString('en-US')}${total ? ` of ${total.toLocaleString('en-US')}` : ''} bytes: ${url}`, url);
        }
        throw new FetchFailure('truncated', `the connection closed after ${received.toLocaleString('en-US')}${total ? ` of ${total.toLocaleString('en-US')}` : ''} bytes (${(err as Error).message}): ${url}`, url);
      }
      if (step.done) break;
      received += step.value.byteLength;
      await onChunk(step.value);
      options.onProgress?.(received, total);
    }
  } finally {
    watchdog.disarm();
  }
  if (total !== undefined && received !== total) {
    throw new FetchFailure('truncated', `the download was cut short: ${received.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} bytes: ${url}`, url);
  }
  return { bytes: received, url: res.url || url };
}

/** Aborts the request when no progress is made for timeoutMs; re-armed at every wait. */
class Watchdog {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  fired = false;

  constructor(private readonly timeoutMs: number) {
    this.arm();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  arm(): void {
    this.disarm();
    this.timer = setTimeout(() => {
      this.fired = true;
      this.controller.abort();
    }, this.timeoutMs);
  }

  disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
