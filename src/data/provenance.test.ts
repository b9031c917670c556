import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { importData } from './import.js';
import { anthropicLabel, loadProvenance, onetCredit, onetLabel, provenanceOf } from './provenance.js';
import { dataStatus } from './status.js';
import { Store } from './store.js';
import { writeFixtureData } from './testFixtures.js';

test('release labels come from the import records, never from code', () => {
  const p = provenanceOf([
    { dataset: 'onet', file: '/d/db_30_1_excel/Skills.xlsx', release: '30.1' },
    { dataset: 'onet', file: '/d/db_29_1_text/Task Statements.txt', release: '29.1' },
    { dataset: 'onet', file: '/d/db_29_1_text/Job Zones.txt', release: '29.1' },
    { dataset: 'measures', file: '/d/anthropic-aei-2026-01-15/job_exposure.csv', release: '1' },
  ]);
  assert.equal(onetLabel(p), 'O*NET 29.1 and 30.1');
  assert.equal(anthropicLabel(p), 'Anthropic Economic Index, 2026-01-15 release');
  assert.equal(onetLabel(provenanceOf([{ dataset: 'onet', file: 'x', release: '31.0' }])), 'O*NET 31.0');
  assert.equal(anthropicLabel(provenanceOf([{ dataset: 'measures', file: '/c/anthropic/release_2025_02_10/onet_task_mappings.csv', release: '2025-02-10' }])), 'Anthropic Economic Index, 2025-02-10 release');
  assert.equal(onetLabel(provenanceOf([])), 'O*NET');
});

test("O*NET's licence credit line names the releases and carries the modification notice", () => {
  const credit = onetCredit(provenanceOf([{ dataset: 'onet', file: 'x', release: '31.0' }]));
  assert.match(credit, /information from the O\*NET 31\.0 Database by the U\.S\. Department of Labor, Employment and Training Administration \(USDOL\/ETA\)\. Used under the CC BY 4\.0 license\. O\*NET® is a trademark of USDOL\/ETA\./);
  assert.match(credit, /jobshift has modified all or some of this information\. USDOL\/ETA has not approved, endorsed, or tested these modifications\./);
});

test('data status carries the credit for what the store holds', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobshift-provenance-'));
  try {
    writeFixtureData(join(dir, 'data'));
    const store = await Store.open(join(dir, 'store.duckdb'));
    try {
      await importData(store, [join(dir, 'data')]);
      const p = await loadProvenance(store);
      assert.deepEqual(p.onetReleases, ['29.1']);
      assert.match((await dataStatus(store)).onet_credit, /O\*NET 29\.1 Database/);
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
