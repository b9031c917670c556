/**
 * Career tools speed on the real data: loading what `jobshift career`/`workforce` need (title
 * index, scores, wages, projections, skills, transition model), one profile (1,000 bootstrap
 * resamples), and a 500-row roster (title matching, bootstrap, redeployment, reskilling).
 * Data from JOBSHIFT_DATA (default ../shared/data). Uses the published human labels only
 * (no gap filler), so occupations they do not cover show as unrated.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCareerData } from '../src/career/careerData.js';
import { profileFromData } from '../src/career/profile.js';
import { analyzeRoster, parseRosterCsv } from '../src/career/roster.js';
import { importData } from '../src/data/import.js';
import { Store } from '../src/data/store.js';

const data = process.env.JOBSHIFT_DATA ?? '../shared/data';
const dir = mkdtempSync(join(tmpdir(), 'jobshift-bench-'));
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
try {
  const store = await Store.open(join(dir, 'store.duckdb'));
  await importData(store, [data]);
  let t = performance.now();
  const cd = await loadCareerData(store);
  console.log(`load career data (index, scores, wages, projections, skills, transitions): ${s(performance.now() - t)}`);
  const queries = ['senior accounts payable clerk', 'registered nurse', 'software engineer', 'truck driver', 'I answer customer calls, process returns and update accounts in our CRM'];
  t = performance.now();
  for (const q of queries) profileFromData(cd, q, { resamples: 1000 });
  console.log(`profile (match + 1,000 resamples + skills + pathways): ${((performance.now() - t) / queries.length).toFixed(0)} ms each (${queries.length} queries)`);

  // A 500-row roster built from O*NET alternate titles (every 60th), headcounts 1-50.
  const titles = cd.index.titleText.filter((_, i) => i % 60 === 0).slice(0, 500);
  const csv = ['job_title,headcount,department', ...titles.map((x, i) => `"${x.replace(/"/g, '""')}",${1 + (i % 50)},D${i % 7}`)].join('\n');
  t = performance.now();
  const parsed = parseRosterCsv(csv);
  const a = analyzeRoster(cd, parsed, { resamples: 1000 });
  const ms = performance.now() - t;
  const review = a.rows.filter((r) => r.status === 'review').length;
  const unscored = a.rows.filter((r) => r.status === 'unscored').length;
  console.log(`roster of ${parsed.rows.length} rows: ${s(ms)}; ${review} to review (confidence < 50%), ${unscored} without human labels; headcount-weighted beta ${((a.totals.beta ?? 0) * 100).toFixed(1)}%`);
  store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
