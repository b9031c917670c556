import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { InputError } from '../util/errors.js';
import { fetchSources, type OfficialSource } from './fetch.js';

const temp: string[] = [];
after(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'jobshift-fetch-'));
  temp.push(d);
  return d;
};

async function serve(routes: Record<string, Uint8Array | number>): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const body = routes[req.url ?? ''];
    if (body === undefined) return res.writeHead(404).end();
    if (typeof body === 'number') return res.writeHead(body).end();
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.from(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

test('downloads a zip and a file into the cache and checks the zip holds what we expect', async () => {
  const zip = zipSync({ 'db_x/Occupation Data.txt': strToU8('O*NET-SOC Code\tTitle\tDescription\r\n'), 'db_x/Other.pdf': strToU8('%PDF') });
  const { server, base } = await serve({ '/onet.zip': zip, '/labels.tsv': strToU8('a\tb\n') });
  try {
    const sources: OfficialSource[] = [
      { name: 'onet', url: `${base}/onet.zip`, kind: 'zip', keep: /\.txt$/, expect: ['Occupation Data.txt'], license: 'test' },
      { name: 'labels', url: `${base}/labels.tsv`, kind: 'file', saveAs: 'full_labelset.tsv', license: 'test' },
    ];
    const dir = tempDir();
    const result = await fetchSources({ sources, cacheDir: dir });
    assert.deepEqual(readdirSync(dir).sort(), ['Occupation Data.txt', 'full_labelset.tsv']);
    assert.equal(readFileSync(join(dir, 'full_labelset.tsv'), 'utf8'), 'a\tb\n');
    assert.equal(result.files[0]!.sha256.length, 64);
  } finally {
    server.close();
  }
});

test('a zip missing an expected file, or not a zip at all, is rejected', async () => {
  const { server, base } = await serve({ '/a.zip': zipSync({ 'x.txt': strToU8('x') }), '/b.zip': strToU8('<html>moved</html>'), '/gone': 404 });
  try {
    const one = (url: string): OfficialSource[] => [{ name: 'onet', url, kind: 'zip', expect: ['Task Statements.txt'], license: 't' }];
    await assert.rejects(fetchSources({ sources: one(`${base}/a.zip`), cacheDir: tempDir() }), /has no "Task Statements.txt"/);
    await assert.rejects(fetchSources({ sources: one(`${base}/b.zip`), cacheDir: tempDir() }), /not return a valid zip/);
    await assert.rejects(fetchSources({ sources: one(`${base}/gone`), cacheDir: tempDir() }), /HTTP 404/);
  } finally {
    server.close();
  }
});

test('offline: fails within seconds and says to import a local copy', async () => {
  // A port nobody listens on: connection refused, as with no network.
  const { server, base } = await serve({});
  server.close();
  await new Promise((r) => setTimeout(r, 50));
  const started = Date.now();
  await assert.rejects(
    fetchSources({ sources: [{ name: 'O*NET', url: `${base}/db.zip`, kind: 'zip', license: 't' }], cacheDir: tempDir(), timeoutMs: 3000 }),
    (err: unknown) => err instanceof InputError && /jobshift data import DIR/.test(err.message) && /ECONNREFUSED/.test(err.message),
  );
  assert.ok(Date.now() - started < 5000);
});
