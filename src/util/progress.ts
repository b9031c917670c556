/**
 * Progress on a terminal: a one-line bar on stderr when it is a TTY, nothing otherwise
 * (so `--json` output and pipes stay clean).
 */
export interface Progress {
  update(done: number, total: number, label?: string): void;
  done(message?: string): void;
}

export function terminalProgress(title: string, stream: NodeJS.WriteStream = process.stderr, enabled = Boolean(stream.isTTY)): Progress {
  let last = 0;
  const start = Date.now();
  return {
    update(done, total, label) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 80 && done < total) return;
      last = now;
      const width = 24;
      const frac = total > 0 ? Math.min(1, done / total) : 0;
      const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
      const secs = ((now - start) / 1000).toFixed(1);
      stream.write(`\r${title} ${bar} ${done}/${total} ${label ?? ''} ${secs}s\x1b[K`);
    },
    done(message) {
      if (!enabled) return;
      stream.write(`\r\x1b[K${message ? `${message}\n` : ''}`);
    },
  };
}

export const silentProgress: Progress = { update() {}, done() {} };
