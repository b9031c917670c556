/**
 * The jobshift CLI as a user runs it, for tests: a real process from the sources (tsx), in a
 * clean environment — no data folder and no model servers unless the test gives them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..', '..');
const main = join(root, 'src', 'cli', 'main.ts');

const clean = { JOBSHIFT_DATA: '', JOBSHIFT_LLM_BASE_URL: '', JOBSHIFT_LLM_MODEL: '', JOBSHIFT_LLM_API_KEY: '', OPENAI_API_KEY: '', JOBSHIFT_LLAMA_MODEL: '' };

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Standard input. */
  input?: string | Buffer;
  /** Modules to load before the CLI (`node --import`), e.g. a network blocker. */
  preload?: string[];
  timeout?: number;
}

/** Runs the CLI to its end (this process waits: no server of this process can answer it). */
export function jobshift(args: string[], env: Record<string, string> = {}, options: CliOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [...(options.preload ?? []).flatMap((p) => ['--import', p]), '--import', 'tsx', main, ...args], {
    cwd: root,
    env: { ...process.env, ...clean, ...env },
    encoding: 'utf8',
    input: options.input,
    timeout: options.timeout ?? 180_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI without blocking this process (for tests that serve it, e.g. a loopback LLM). */
export function jobshiftAsync(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], { cwd: root, env: { ...process.env, ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
