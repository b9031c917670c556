/**
 * The embedded DuckDB store: one database file under JOBSHIFT_HOME.
 */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { InputError } from '../util/errors.js';
import { migrations, SCHEMA_VERSION, type TableSpec } from './schema.js';

export type Row = Record<string, unknown>;

/** Where jobshift keeps its store, trained models and caches. */
export function jobshiftHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.JOBSHIFT_HOME) return resolve(env.JOBSHIFT_HOME);
  const xdg = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(xdg, 'jobshift');
}

export function storePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(jobshiftHome(env), 'jobshift.duckdb');
}

export class Store {
  /** Statements run one at a time on the one connection, whoever issues them (the server's
   * routes run concurrently; a DuckDB connection must not run two statements at once). */
  private queue: Promise<unknown> = Promise.resolve();

  private pending = 0;
  private closed = false;

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`the store ${this.path} is closed`));
    this.pending++;
    const run = () => fn().finally(() => this.pending--);
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
  ) {}

  static async open(path: string = storePath()): Promise<Store> {
    mkdirSync(dirname(path), { recursive: true });
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path);
    } catch (err) {
      const msg = (err as Error).message;
      if (/lock/i.test(msg)) {
        throw new InputError(`the store ${path} is in use by another jobshift process (close it, or set JOBSHIFT_HOME)`);
      }
      throw new InputError(`cannot open the store ${path}: ${msg.split('\n')[0]}`);
    }
    const conn = await instance.connect();
    const store = new Store(path, instance, conn);
    await store.migrate();
    return store;
  }

  /** Apply missing migrations, each in its own transaction. */
  private async migrate(): Promise<void> {
    await this.conn.run(`CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)`);
    const rows = await this.all<{ value: string }>(`SELECT value FROM meta WHERE key = 'schema_version'`);
    const current = rows.length ? Number(rows[0]!.value) : 0;
    if (current > SCHEMA_VERSION) {
      throw new InputError(`the store ${this.path} has schema version ${current}, newer than this jobshift (${SCHEMA_VERSION}); upgrade jobshift`);
    }
    for (const m of migrations) {
      if (m.version <= current) continue;
      await this.transaction(async () => {
        for (const sql of m.statements) await this.conn.run(sql);
        await this.conn.run(`INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)`, [String(m.version)]);
      });
    }
  }

  async schemaVersion(): Promise<number> {
    const rows = await this.all<{ value: string }>(`SELECT value FROM meta WHERE key = 'schema_version'`);
    return rows.length ? Number(rows[0]!.value) : 0;
  }

  async run(sql: string, params: DuckDBValue[] = []): Promise<void> {
    await this.serial(() => this.conn.run(sql, params));
  }

  /** Rows as plain objects; BIGINT and HUGEINT come back as numbers. */
  async all<T = Row>(sql: string, params: DuckDBValue[] = []): Promise<T[]> {
    const reader = await this.serial(() => this.conn.runAndReadAll(sql, params));
    const rows = reader.getRowObjectsJS() as Row[];
    for (const row of rows) {
      for (const k in row) {
        const val = row[k];
        if (typeof val === 'bigint') row[k] = Number(val);
      }
    }
    return rows as T[];
  }

  async one<T = Row>(sql: string, params: DuckDBValue[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  /** Run fn inside BEGIN/COMMIT; any error rolls everything back. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.run('BEGIN TRANSACTION');
    try {
      const out = await fn();
      await this.run('COMMIT');
      return out;
    } catch (err) {
      await this.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  /** Append rows (arrays in the spec's column order) with DuckDB's appender. */
  async append(spec: TableSpec, rows: unknown[][]): Promise<void> {
    if (rows.length === 0) return;
    const appender = await this.serial(() => this.conn.createAppender(spec.name));
    const types = spec.columns.map((c) => c.type);
    try {
      for (const row of rows) {
        for (let c = 0; c < types.length; c++) {
          const val = row[c];
          if (val === null || val === undefined) {
            appender.appendNull();
            continue;
          }
          switch (types[c]) {
            case 'VARCHAR':
              appender.appendVarchar(String(val));
              break;
            case 'DOUBLE':
              appender.appendDouble(Number(val));
              break;
            case 'INTEGER':
              appender.appendInteger(Number(val));
              break;
            case 'BOOLEAN':
              appender.appendBoolean(Boolean(val));
              break;
          }
        }
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  async tableExists(name: string): Promise<boolean> {
    const r = await this.all(`SELECT 1 FROM information_schema.tables WHERE table_name = ?`, [name]);
    return r.length > 0;
  }

  /** Closes now, or — when statements are still queued or running (closing under a running
   * DuckDB statement crashes the process) — as soon as they finish. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const closeNow = () => {
      this.conn.closeSync();
      this.instance.closeSync();
    };
    if (this.pending === 0) closeNow();
    else void this.queue.then(closeNow);
  }
}

/** Open the store, run fn, always close it. */
export async function withStore<T>(fn: (store: Store) => Promise<T>, path?: string): Promise<T> {
  const store = await Store.open(path);
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}
