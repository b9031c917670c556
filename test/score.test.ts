/**
 * `jobshift score`, `eval` and `model` as a user runs them: real processes over a fixture store.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { writeFixtureData } from '../src/data/testFixtures.js';
import { startTestServer, userMessage } from '../src/llm/testServer.js';
import { jobshift, jobshiftAsync } from './support/cli.js';
import { tempDirs } from './support/temp.js';

const tempDir = tempDirs('jobshift-score-');

let home: string;
/** The CLI over this suite's store. */
const cli = (args: string[], input?: string | Buffer, env: Record<string, string> = {}) => jobshift(args, { JOBSHIFT_HOME: home, ...env }, { input });
const cliAsync = (args: string[], env: Record<string, string>) => jobshiftAsync(args, { JOBSHIFT_HOME: home, ...env });
describe('jobshift score', () => {
  let dir: string;
  before(() => {
    home = tempDir();
    dir = tempDir();
    const data = join(dir, 'data');
    writeFixtureData(data);
    const imp = cli(['data', 'import', data]);
    assert.equal(imp.code, 0, imp.stderr);
  });

  test('model train is deterministic for a seed and model info reports it', () => {
    const a = cli(['model', 'train', '--seed', '7', '--json']);
    assert.equal(a.code, 0, a.stderr);
    const meta = JSON.parse(a.stdout);
    assert.equal(meta.rows, 7);
    assert.equal(meta.training.seed, 7);
    const weightsFile = () => {
      const files = readdirSync(join(home, 'models')).filter((f) => f.endsWith('.weights.gz'));
      assert.equal(files.length, 1, `one saved model: ${files.join(', ')}`);
      return readFileSync(join(home, 'models', files[0]!));
    };
    const weights1 = weightsFile();
    assert.equal(cli(['model', 'train', '--seed', '7']).code, 0);
    assert.deepEqual(weightsFile(), weights1);
    const info = JSON.parse(cli(['model', 'info', '--json']).stdout);
    assert.equal(info.training.seed, 7);
  });

  test('CSV in, CSV out: columns pass through in order, scores appended, rows in order, bad rows reported', () => {
    const input = join(dir, 'tasks.csv');
    const long = 'x'.repeat(2001);
    writeFileSync(
      input,
      'ref,Task,Title,extra\n' +
        'a,Type data from source documents into computer files.,Data Entry Keyers,1\n' +
        'b,"Plan staff schedules, and approve leave",,2\n' +
        'c,   ,,3\n' +
        `d,${long},,4\n` +
        'e,Dig trenches and backfill excavations.,,5\n',
    );
    const out = join(dir, 'scored.csv');
    const r = cli(['score', '--in', input, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /tasks\.csv, row 4, field Task: empty task text/);
    assert.match(r.stderr, /row 5, field Task: task text is 2001 characters/);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    assert.equal(lines[0], 'ref,Task,Title,extra,exposure,p_E0,p_E1,p_E2,automation,scorer,note');
    assert.deepEqual(lines.slice(1).map((l) => l[0]), ['a', 'b', 'c', 'd', 'e']);
    const cells = lines[1]!.split(',');
    assert.match(cells[4]!, /^E[012]$/);
    const p = cells.slice(5, 8).map(Number);
    assert.ok(Math.abs(p[0]! + p[1]! + p[2]! - 1) < 1e-4);
    assert.match(cells[8]!, /^T[0-4]$/);
    assert.equal(cells[9], 'local');
    assert.match(lines[3]!, /^c,\s*,,3,,,,,,,Task: empty task text$/);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
  });

  // Free text below is made of words the fixture's seven statements use: the fixture model reads
  // nothing else (text it cannot read is "not a task statement", test/confidence.test.ts).
  test('an O*NET-SOC Code column names the occupation of free text; a malformed code is reported by row and field', () => {
    const input = 'Task,O*NET-SOC Code\nPrepare tax reports for clients,13-2011\nPrepare tax reports for clients,\nPrepare tax reports for clients,accountant\n';
    const r = cli(['score', '--in', '-', '--out', '-', '--format', 'csv'], input);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /row 4, field O\*NET-SOC Code: not an O\*NET-SOC code \(like 13-2011\.00\): "accountant"/);
    const rows = r.stdout.trim().split('\n').map((l) => l.split(','));
    assert.equal(rows[1]![1], '13-2011', 'passed through unchanged');
    assert.notDeepEqual(rows[1]!.slice(3, 6), rows[2]!.slice(3, 6), "the occupation's context and word crosses change the probabilities");
    assert.equal(rows[3]![2], '');
  });

  test('a free job title gets the occupation the title matcher is confident of, and says so', () => {
    const rows = [
      { Task: 'Prepare tax reports for clients', Title: 'Senior Certified Public Accountant (Contract)' },
      { Task: 'Prepare tax reports for clients', Title: '' },
      { Task: 'Prepare tax reports for clients', Title: 'Xqzv' },
    ];
    const r = cli(['score', '--in', '-', '--out', '-', '--format', 'jsonl'], rows.map((x) => JSON.stringify(x)).join('\n') + '\n');
    assert.equal(r.code, 0, r.stderr);
    const [matched, none, unknown] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.match(matched.note, /occupation from the title: 13-2011\.00 Accountants and Auditors \(match confidence \d+%\)/);
    assert.doesNotMatch(none.note, /occupation from the title/);
    assert.doesNotMatch(unknown.note, /occupation from the title/, 'no confident match, no occupation');
    assert.notDeepEqual([matched.p_E0, matched.p_E1], [none.p_E0, none.p_E1], "the occupation's context changes the rating");
  });

  test('stdin to stdout as TSV and JSONL; published labels with gaps flagged', () => {
    const tsvIn = 'Task ID\tTask\n1002\tanything\n\tMeet with clients to discuss tax planning.\n\tPrepare tax statements for clients\n';
    const r = cli(['score', '--in', '-', '--out', '-', '--format', 'tsv', '--scorer', 'human'], tsvIn);
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout.trim().split('\n').map((l) => l.split('\t'));
    assert.deepEqual(rows[0], ['Task ID', 'Task', 'exposure', 'p_E0', 'p_E1', 'p_E2', 'automation', 'scorer', 'note']);
    assert.equal(rows[1]![2], 'E2', 'by Task ID');
    assert.equal(rows[2]![2], 'E0', 'by exact text');
    assert.equal(rows[2]![6], 'T1', "GPT-4's T-level");
    assert.match(rows[3]![8]!, /gap: no published human label/);
    const j = cli(['score', '--in', '-', '--out', '-', '--format', 'jsonl'], '{"Task": "Load and unload building materials.", "id": 7}\n');
    assert.equal(j.code, 0, j.stderr);
    const obj = JSON.parse(j.stdout.trim());
    assert.equal(obj.id, '7');
    assert.match(obj.exposure, /^E[012]$/);
  });

  test('bad input: missing Task column, non-UTF-8 rows, nothing scorable, unknown scorer', () => {
    const noTask = join(dir, 'no-task.csv');
    writeFileSync(noTask, 'Title,Description\nA,B\n');
    const a = cli(['score', '--in', noTask, '--out', join(dir, 'x.csv')]);
    assert.equal(a.code, 2);
    assert.match(a.stderr, /no-task\.csv, row 1, field "?Task"?: missing column/);
    assert.doesNotMatch(a.stderr, /\.ts:\d+/);

    const latin1 = join(dir, 'latin1.csv');
    writeFileSync(latin1, Buffer.concat([Buffer.from('Task\nPrepare reports\nCaf'), Buffer.from([0xe9]), Buffer.from(' menus\n')]));
    const b = cli(['score', '--in', latin1, '--out', join(dir, 'latin1.out.csv')]);
    assert.equal(b.code, 0, b.stderr);
    assert.match(b.stderr, /row 3, field Task: the row is not valid UTF-8 text/);

    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, 'Task\n \n\n""\n');
    const c = cli(['score', '--in', empty, '--out', join(dir, 'empty.out.csv')]);
    assert.equal(c.code, 2);
    assert.match(c.stderr, /nothing could be scored/);

    const d = cli(['score', '--in', noTask, '--out', join(dir, 'y.csv'), '--scorer', 'oracle']);
    assert.equal(d.code, 2);
    assert.match(d.stderr, /unknown scorer "oracle"/);
  });

  test('--scorer llm against a loopback chat-completions server: scored, failures named per row, a rerun asks nothing', async () => {
    const server = await startTestServer({
      reply: (req) =>
        /Dig/.test(userMessage(req))
          ? { content: 'not json at all' }
          : { content: JSON.stringify({ exposure: 'E1', automation: 'T2', rationale: 'drafting text' }), usage: { prompt_tokens: 900, completion_tokens: 20 } },
    });
    try {
      const input = join(dir, 'llm.csv');
      writeFileSync(input, 'Task\nDraft replies to customer emails\nDig trenches\nSummarise meeting notes\n');
      const env = { JOBSHIFT_LLM_BASE_URL: server.baseUrl, JOBSHIFT_LLM_MODEL: 'test-model', JOBSHIFT_LLM_API_KEY: 'k' };
      const first = await cliAsync(['score', '--in', input, '--out', join(dir, 'llm.out.csv'), '--scorer', 'llm', '--json'], env);
      assert.equal(first.code, 0, first.stderr);
      const summary = JSON.parse(first.stdout);
      assert.equal(summary.scored, 2);
      assert.equal(summary.failed, 1);
      assert.match(first.stderr, /row 3, field Task: not scored/);
      // The summary names the rubric (the published one, by default), its source and the T-rubric caveat.
      assert.equal(summary.rubric.id, 'eloundou2023');
      assert.equal(summary.rubric.verbatim, true);
      assert.deepEqual(summary.rubric.sources.map((x: { repository: string }) => x.repository), ['fmegahed/ai_msa', 'danparshall/reproduction-task-exposure']);
      assert.equal(summary.rubric.automation.caveat, 'unverified: no public source for the T-rubric wording');
      assert.match(summary.model, /exposure rubric eloundou2023: the published GPTs-are-GPTs rubric .*unverified: no public source for the T-rubric wording/);
      const rows = readFileSync(join(dir, 'llm.out.csv'), 'utf8').trim().split('\n');
      assert.match(rows[1]!, /^Draft replies to customer emails,E1,0,1,0,T2,llm,rubric eloundou2023$/);
      assert.match(rows[2]!, /not scored/);
      const asked = server.requests.length;
      assert.equal(asked, 6, 'two questions for each good row, and the garbage one asked twice (one repair), never the automation question');
      const plain = await cliAsync(['score', '--in', input, '--out', join(dir, 'llm.out1.csv'), '--scorer', 'llm'], env);
      assert.match(plain.stderr, /with llm:test-model@.*exposure rubric eloundou2023.*automation T0–T4 asked in a separate request .*unverified: no public source for the T-rubric wording/);
      assert.equal(server.requests.length - asked, 2);
      const again = await cliAsync(['score', '--in', input, '--out', join(dir, 'llm.out2.csv'), '--scorer', 'llm'], env);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(server.requests.length - asked, 4, 'each run asks only the failed row again (once plus its repair)');
      // Another rubric: asked again, named in the output with what it changes.
      const modern = await cliAsync(['score', '--in', input, '--out', join(dir, 'llm.modern.csv'), '--scorer', 'llm', '--rubric', 'modern2025', '--json'], env);
      assert.equal(modern.code, 0, modern.stderr);
      const m = JSON.parse(modern.stdout);
      assert.equal(m.rubric.id, 'modern2025');
      assert.equal(m.rubric.verbatim, false);
      assert.ok(m.rubric.changes.length >= 4);
      assert.match(readFileSync(join(dir, 'llm.modern.csv'), 'utf8'), /,llm,rubric modern2025\n/);
      // Unknown rubric ids, and a rubric for a scorer that asks no model, are clear errors.
      const unknown = await cliAsync(['score', '--in', input, '--out', join(dir, 'z.csv'), '--scorer', 'llm', '--rubric', 'gpt5'], env);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /unknown rubric "gpt5" \(available: eloundou2023, modern2025\)/);
      const local = cli(['score', '--in', input, '--out', join(dir, 'z.csv'), '--rubric', 'modern2025']);
      assert.equal(local.code, 2);
      assert.match(local.stderr, /--rubric applies to --scorer llm and llama only/);
      const offline = await cliAsync(['score', '--in', input, '--out', join(dir, 'x.csv'), '--scorer', 'llm'], { ...env, JOBSHIFT_LLM_BASE_URL: 'http://127.0.0.1:9/v1' });
      assert.equal(offline.code, 2);
      assert.equal(offline.stderr.trim().split('\n').filter((l) => !/row \d/.test(l)).length <= 2, true, offline.stderr);
    } finally {
      await server.close();
    }
  });

  test('score --onet --scorer llm: run ids record the rubric, the analysis method names it; another rubric rescores', async () => {
    const server = await startTestServer({
      reply: (req) =>
        req.response_format?.json_schema?.name === 'task_automation'
          ? { content: JSON.stringify({ automation: 'T1', rationale: 'test' }) }
          : { content: JSON.stringify({ exposure: /report|data|statements/i.test(userMessage(req)) ? 'E1' : 'E3', rationale: 'test' }) },
    });
    try {
      const env = { JOBSHIFT_LLM_BASE_URL: server.baseUrl, JOBSHIFT_LLM_MODEL: 'onet-model' };
      const first = await cliAsync(['score', '--onet', '--scorer', 'llm', '--json'], env);
      assert.equal(first.code, 0, first.stderr);
      const s1 = JSON.parse(first.stdout);
      assert.equal(s1.rubric.id, 'eloundou2023');
      assert.ok(s1.newlyScored > 0);
      assert.equal(server.requests.length, 2 * s1.newlyScored, 'two questions per task');
      const a = await cliAsync(['analyze', '--scorer', 'llm', '--json'], env);
      assert.equal(a.code, 0, a.stderr);
      const method: string[] = JSON.parse(a.stdout).method;
      assert.match(method[0]!, /exposure rubric eloundou2023: the published GPTs-are-GPTs rubric .*E3 .* counts as E2.*unverified: no public source for the T-rubric wording/);
      // Same rubric: nothing to do. Another rubric: every task is asked again and replaced.
      const again = JSON.parse((await cliAsync(['score', '--onet', '--scorer', 'llm', '--json'], env)).stdout);
      assert.equal(again.newlyScored, 0);
      // (modern2025 has no E3: the tasks this server answers E3 fail, and keep their eloundou2023 scores.)
      const modern = JSON.parse((await cliAsync(['score', '--onet', '--scorer', 'llm', '--rubric', 'modern2025', '--json'], env)).stdout);
      assert.equal(modern.newlyScored + modern.failed, s1.newlyScored);
      assert.ok(modern.newlyScored > 0 && modern.failed > 0);
      const m = await cliAsync(['analyze', '--scorer', 'llm', '--json'], env);
      assert.match(JSON.parse(m.stdout).method[0], /mixed rubrics: exposure rubric eloundou2023: .* \| exposure rubric modern2025: .*changes from the published rubric/);
    } finally {
      await server.close();
    }
  });

  test('eval --scorer llm: a seeded sample of labelled tasks sent to the server, agreement computed', async () => {
    // The server answers E1 for report writing and E0 for everything else.
    const server = await startTestServer({
      reply: (req) => ({ content: JSON.stringify({ exposure: /report|data|statements/i.test(userMessage(req)) ? 'E1' : 'E0', automation: 'T1', rationale: 'test' }) }),
    });
    try {
      const env = { JOBSHIFT_LLM_BASE_URL: server.baseUrl, JOBSHIFT_LLM_MODEL: 'eval-model' };
      const r = await cliAsync(['eval', '--scorer', 'llm', '--sample', '7', '--json'], env);
      assert.equal(r.code, 0, r.stderr);
      const e = JSON.parse(r.stdout);
      assert.equal(e.scorer, 'llm');
      assert.equal(e.rows, 7);
      const a = e.views[0].exposure;
      // Fixture human labels: 1001 E1, 1002 E2, 1003 E0, 2001 E1, 2002 E2, 3001 E0, 3002 E0.
      // Answers: E1 for 1001, 1002, 2001 (reports, statements, data), 2002 (data); E0 for the rest.
      assert.deepEqual(a.confusion, [[3, 0, 0], [0, 2, 0], [0, 2, 0]]);
      assert.ok(Math.abs(a.accuracy - 5 / 7) < 1e-9);
      assert.equal(server.requests.length, 7);
    } finally {
      await server.close();
    }
  });

  test('eval --json: accuracy, kappa, macro-F1 and the confusion matrix per view, with GPT-4 as reference', () => {
    const r = cli(['eval', '--folds', '3', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const e = JSON.parse(r.stdout);
    assert.equal(e.rows, 7);
    for (const v of e.views) {
      assert.equal(v.exposure.confusion.flat().reduce((s: number, x: number) => s + x, 0), 7);
      assert.ok(v.exposure.accuracy >= 0 && v.exposure.accuracy <= 1);
      assert.ok(v.calibration.ece >= 0 && v.calibration.ece <= 1 && v.calibration.logLoss > 0, JSON.stringify(v.calibration));
    }
    // Fixture GPT-4 labels agree with the human ones on 6 of 7 tasks.
    assert.ok(Math.abs(e.gpt4.accuracy - 6 / 7) < 1e-9);
    const g = JSON.parse(cli(['eval', '--scorer', 'gpt4', '--json']).stdout);
    assert.equal(g.views[0].exposure.n, 7);
  });
});
