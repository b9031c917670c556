import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { Store } from '../data/store.js';
import { serve } from '../server/serve.js';
import { InputError } from '../util/errors.js';
import { apiScorers, apiScoreTasks, gapFiller } from './models.js';
import { print, runCommand, wholeNumber } from './output.js';

/**
 * `jobshift serve`: the JSON API and the dashboard on one port, bound to 127.0.0.1 unless
 * --host says otherwise. JOBSHIFT_API_TOKEN, when set, is required on every POST.
 */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('the HTTP API and web dashboard (http://127.0.0.1:8080 by default)')
    .option('--host <host>', 'address to bind (127.0.0.1: this machine only; 0.0.0.0: every interface)', '127.0.0.1')
    .option('--port <port>', 'port (0 picks a free one)', '8080')
    .option('--open', 'open the dashboard in the default browser')
    .option('--rate-limit <n>', 'requests per minute per client on /api (0: no limit)', '600')
    .action((opts: ServeOptions) => runCommand(() => runServer(opts)));
}

export interface ServeOptions {
  host: string;
  port: string;
  open?: boolean;
  rateLimit: string;
}

export const defaultServeOptions: ServeOptions = { host: '127.0.0.1', port: '8080', rateLimit: '600' };

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`not a port: "${value}"`, { field: 'port' });
  return port;
}

/** Serves the API and dashboard over the store (opened here unless given) until SIGINT/SIGTERM. */
export async function runServer(opts: ServeOptions, openStore?: Store): Promise<never> {
  const port = parsePort(opts.port);
  const perMinute = wholeNumber(opts.rateLimit, 'rate-limit', 0);
  const token = process.env.JOBSHIFT_API_TOKEN || undefined;
  const store = openStore ?? (await Store.open());
  const filler = await gapFiller(store);
  let server;
  try {
    server = await serve({
      store,
      filler,
      scoreTasks: filler ? apiScoreTasks(store) : undefined,
      scorers: filler ? apiScorers() : [],
      token,
      rateLimit: perMinute === 0 ? false : { windowMs: 60_000, max: perMinute },
      host: opts.host,
      port,
    });
  } catch (err) {
    store.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new InputError(`port ${port} on ${opts.host} is in use: choose another with --port`, { field: 'port' });
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new InputError(`cannot bind ${opts.host}: not an address of this machine`, { field: 'host' });
    throw err;
  }
  print(`jobshift: dashboard and API at ${server.url}  (API description: ${server.url}/api/openapi.json)`);
  if (!isLoopback(opts.host)) {
    print(
      token
        ? 'jobshift: listening beyond this machine; POST routes need the token in JOBSHIFT_API_TOKEN.'
        : 'jobshift: warning: listening beyond this machine without JOBSHIFT_API_TOKEN: anyone who can reach it can run scoring.',
    );
  }
  if (opts.open) openBrowser(server.url);
  const stop = () => {
    // A store query still running (the background warm-up) can hold close() up; never hang.
    setTimeout(() => process.exit(0), 2000).unref();
    void server.close().finally(() => {
      store.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<never>(() => undefined);
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.');

function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => print(`jobshift: could not open a browser; visit ${url}`));
    child.unref();
  } catch {
    print(`jobshift: could not open a browser; visit ${url}`);
  }
}
