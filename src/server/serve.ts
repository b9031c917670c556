/**
 * The app on a real socket. Binds 127.0.0.1 unless told otherwise: exposing the server to a
 * network is a deliberate `--host`.
 */
import type { AddressInfo } from 'node:net';
import { serve as nodeServe } from '@hono/node-server';
import { type AppOptions, createApp, type JobshiftApp } from './app.js';

export interface ServeOptions extends AppOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface RunningServer {
  app: JobshiftApp;
  data: JobshiftApp['data'];
  jobs: JobshiftApp['jobs'];
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

export async function serve(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const app = createApp(options);
  const server = nodeServe({ fetch: app.fetch, hostname: host, port: options.port ?? 8080 });
  await new Promise<void>((resolve, reject) => {
    if (server.listening) return resolve();
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  // Compute the default views now, so the first page is served from memory.
  void app.data.warm().catch(() => undefined);
  return {
    app,
    data: app.data,
    jobs: app.jobs,
    url: `http://${shown}:${port}`,
    host,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
