/**
 * What stands between the network and the routes: security headers, bearer-token checks on
 * POST, a body size limit, a per-client rate limit, and error answers that never carry a
 * stack trace. Each is a small Hono middleware; app.ts puts them in order.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { isInputError } from '../util/errors.js';

/** JSON error answers, one shape everywhere: {error, field?}. */
export function errorResponse(status: number, error: string, field?: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(field ? { error, field } : { error }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/**
 * Content-Security-Policy for the dashboard: scripts only from this origin (no eval: the
 * charts use Vega's expression interpreter), styles from this origin plus inline style
 * attributes (Vega and React set them on SVG and elements), images from this origin and data:
 * URLs, no framing, no plugins.
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    referrerPolicy: 'no-referrer',
    crossOriginOpenerPolicy: 'same-origin',
    crossOriginResourcePolicy: 'same-origin',
    // Loopback by default; HSTS would pin browsers to https for localhost.
    strictTransportSecurity: false,
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });
}

/** Every POST needs `Authorization: Bearer <token>` when a token is configured. */
export function requireToken(token: string | undefined): MiddlewareHandler {
  const expected = token ? Buffer.from(token) : undefined;
  return async (c, next) => {
    if (!expected || c.req.method !== 'POST') return next();
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(.+)$/i.exec(header);
    const given = m ? Buffer.from(m[1]!.trim()) : Buffer.alloc(0);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return errorResponse(401, m ? 'the API token is not valid' : 'this server needs an API token: send Authorization: Bearer <token>', 'authorization', {
        'www-authenticate': 'Bearer',
      });
    }
    return next();
  };
}

export function bodyLimit(maxBytes: number): MiddlewareHandler {
  return honoBodyLimit({
    maxSize: maxBytes,
    // The unread rest of the body makes the connection unusable: close it after answering.
    onError: () => errorResponse(413, `the request body is larger than ${formatBytes(maxBytes)}`, 'body', { connection: 'close' }),
  });
}

const formatBytes = (n: number) => (n >= 1 << 20 ? `${+(n / (1 << 20)).toFixed(1)} MB` : n >= 1024 ? `${+(n / 1024).toFixed(1)} kB` : `${n} bytes`);

export interface RateLimitOptions {
  /** Length of the fixed window, in milliseconds. */
  windowMs: number;
  /** Requests allowed per client per window. */
  max: number;
}

/**
 * A fixed-window limit per client address (the socket's remote address: behind a reverse
 * proxy every client shares the proxy's address, so put the limit in the proxy instead).
 * The counters are cleared when a window ends, so memory stays bounded by one window's clients.
 */
export function rateLimit(options: RateLimitOptions, clientOf: (c: Context) => string, now: () => number = Date.now): MiddlewareHandler {
  let windowStart = now();
  let counts = new Map<string, number>();
  return async (c, next) => {
    const t = now();
    if (t - windowStart >= options.windowMs) {
      windowStart = t - ((t - windowStart) % options.windowMs);
      counts = new Map();
    }
    const key = clientOf(c);
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    if (n > options.max) {
      const retry = Math.max(1, Math.ceil((windowStart + options.windowMs - t) / 1000));
      return errorResponse(429, `too many requests: at most ${options.max} per ${options.windowMs / 1000} s from one client; retry in ${retry} s`, undefined, {
        'retry-after': String(retry),
      });
    }
    return next();
  };
}

/** The client's address from the Node adapter's socket; 'local' for in-process requests (app.request()). */
export function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}

/**
 * The last word on errors: an InputError is the client's to fix (its status, its message, its
 * field); Hono's own HTTP errors keep their status with a JSON body; anything else is logged
 * here with its stack and answered 500 with no detail.
 */
export function errorHandler(log: (message: string) => void) {
  return (err: Error, c: Context): Response => {
    if (isInputError(err)) return errorResponse(err.status, err.message, err.field);
    if (err instanceof HTTPException) {
      const status = err.status;
      if (status === 400 && /JSON/i.test(err.message)) return errorResponse(400, 'the request body is not valid JSON', 'body');
      if (status === 413) return errorResponse(413, 'the request body is too large', 'body');
      if (status === 415) return errorResponse(415, 'send the body as JSON with Content-Type: application/json', 'content-type');
      return errorResponse(status, err.message || 'request refused');
    }
    log(`${c.req.method} ${new URL(c.req.url).pathname}: ${err?.stack ?? String(err)}`);
    return errorResponse(500, 'internal error (logged on the server)');
  };
}
