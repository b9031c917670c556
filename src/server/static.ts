/**
 * The built dashboard (dist/web, from `npm run build`) served from memory: files are read once
 * at start-up (a few hundred kB), gzipped once, and any other GET outside /api gets
 * index.html so client-side routes (/occupations/13-2011.00) load on refresh. Only files found
 * under the root at start-up are served: no path from a request ever reaches the file system.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

interface StaticFile {
  body: Uint8Array;
  gzip?: Uint8Array;
  type: string;
  immutable: boolean;
}

/** Where the dashboard build lives: dist/web beside dist/server (built) or at the repository root (from source). */
export function defaultWebRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // dist/server/static.js -> dist/web; src/server/static.ts -> dist/web (never src/web: that is the unbuilt source).
  return basename(dirname(here)) === 'dist' ? resolve(here, '..', 'web') : resolve(here, '..', '..', 'dist', 'web');
}

export function loadStaticFiles(root: string): Map<string, StaticFile> | undefined {
  if (!existsSync(join(root, 'index.html'))) return undefined;
  const files = new Map<string, StaticFile>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const body = new Uint8Array(readFileSync(path));
        const type = TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';
        const compressible = /^(text\/|application\/json|image\/svg)/.test(type) && body.length > 1024;
        const urlPath = `/${relative(root, path).split(sep).join('/')}`;
        files.set(urlPath, {
          body,
          gzip: compressible ? new Uint8Array(gzipSync(body, { level: 9 })) : undefined,
          type,
          // Vite puts content-hashed bundles under /assets/.
          immutable: urlPath.startsWith('/assets/'),
        });
      }
    }
  };
  walk(root);
  return files;
}

/** True when a source file under `sources` is newer than the build's index.html (or there is no build). */
export function webBuildIsStale(root: string, sources: string[]): boolean {
  const index = join(root, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const newest = (p: string): number => {
    if (!existsSync(p)) return 0;
    const s = statSync(p);
    if (!s.isDirectory()) return s.mtimeMs;
    return Math.max(0, ...readdirSync(p).map((n) => newest(join(p, n))));
  };
  return sources.some((s) => newest(s) > built);
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>jobshift</title>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>jobshift</h1><p>The dashboard is not built. Run <code>npm run build</code> and restart <code>jobshift serve</code>.</p>
<p>The API is running: <a href="/api/summary">/api/summary</a>, <a href="/api/openapi.json">/api/openapi.json</a>.</p></body>`;

export function staticFiles(files: Map<string, StaticFile> | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const path = c.req.path;
    if (path === '/api' || path.startsWith('/api/')) return next();
    if (!files) return c.html(NOT_BUILT, 200);
    // A path ending in a file type is a file: a miss is a 404, not the app shell. Others
    // (/occupations/13-2011.00) are pages of the app.
    const file = files.get(path) ?? (TYPES[extname(path).toLowerCase()] ? undefined : files.get('/index.html'));
    if (!file) return next();
    const gzip = file.gzip && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    const headers: Record<string, string> = {
      'content-type': file.type,
      'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'accept-encoding',
    };
    if (gzip) headers['content-encoding'] = 'gzip';
    const body = gzip ? file.gzip! : file.body;
    return new Response(c.req.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers });
  };
}
