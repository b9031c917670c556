import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOnetCorpus } from './onetCorpus.js';
import { InputError } from '../util/errors.js';

const tsv = (rows: string[][]) => rows.map((r) => r.join('\t')).join('\r\n') + '\r\n';

function withFolder(files: Record<string, string[][]>, fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'jobshift-corpus-'));
  try {
    const onet = join(dir, 'onet', 'db_29_1_text');
    mkdirSync(onet, { recursive: true });
    for (const [name, rows] of Object.entries(files)) writeFileSync(join(onet, name), tsv(rows));
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const occupations = [
  ['O*NET-SOC Code', 'Title', 'Description'],
  ['29-1141.00', 'Registered Nurses', 'Assess patient health problems.'],
  ['13-2011.00', 'Accountants and Auditors', 'Examine accounting records.'],
];

test('reads titles, short titles, reported titles and tasks per occupation, sorted by code', () => {
  withFolder(
    {
      'Occupation Data.txt': occupations,
      'Alternate Titles.txt': [
        ['O*NET-SOC Code', 'Alternate Title', 'Short Title', 'Source(s)'],
        ['29-1141.00', 'Registered Nurse (RN)', 'RN', '02,08'],
        ['13-2011.00', 'Accountant', 'n/a', '08'],
      ],
      'Sample of Reported Titles.txt': [
        ['O*NET-SOC Code', 'Reported Job Title', 'Shown in My Next Move'],
        ['29-1141.00', 'Staff Nurse', 'Y'],
      ],
      'Task Statements.txt': [
        ['O*NET-SOC Code', 'Task ID', 'Task', 'Task Type', 'Incumbents Responding', 'Date', 'Domain Source'],
        ['13-2011.00', '1', 'Prepare tax returns.', 'Core', '50', '08/2023', 'Incumbent'],
        ['13-2011.00', '2', 'Audit financial statements.', 'Core', '50', '08/2023', 'Incumbent'],
      ],
    },
    (dir) => {
      const c = readOnetCorpus(dir);
      assert.deepEqual(
        c.occupations.map((o) => o.code),
        ['13-2011.00', '29-1141.00'],
      );
      const [acc, rn] = c.occupations;
      assert.deepEqual(acc?.alternateTitles, [{ title: 'Accountant' }]);
      assert.deepEqual(acc?.tasks, ['Prepare tax returns.', 'Audit financial statements.']);
      assert.deepEqual(rn?.alternateTitles, [{ title: 'Registered Nurse (RN)', shortTitle: 'RN' }]);
      assert.deepEqual(rn?.reportedTitles, ['Staff Nurse']);
      assert.equal(rn?.description, 'Assess patient health problems.');
    },
  );
});

test('only Occupation Data is required', () => {
  withFolder({ 'Occupation Data.txt': occupations }, (dir) => {
    const c = readOnetCorpus(dir);
    assert.equal(c.occupations.length, 2);
    assert.deepEqual(c.occupations[0]?.tasks, []);
  });
});

test('faults name the file, row and column', () => {
  withFolder(
    {
      'Occupation Data.txt': occupations,
      'Alternate Titles.txt': [
        ['O*NET-SOC Code', 'Alternate Title', 'Short Title', 'Source(s)'],
        ['13-2011.00', 'Accountant', 'n/a', '08'],
        ['99-9999.00', 'Ghost', 'n/a', '08'],
      ],
    },
    (dir) => {
      assert.throws(
        () => readOnetCorpus(dir),
        (e: unknown) => e instanceof InputError && e.file === 'Alternate Titles.txt' && e.row === 3 && e.field === 'O*NET-SOC Code',
      );
    },
  );
  withFolder({ 'Occupation Data.txt': [['O*NET-SOC Code', 'Title'], ['13-2011.00', 'Accountants']] }, (dir) => {
    assert.throws(() => readOnetCorpus(dir), (e: unknown) => e instanceof InputError && e.field === 'Description');
  });
  withFolder({}, (dir) => {
    assert.throws(() => readOnetCorpus(dir), /Occupation Data\.txt/);
  });
  assert.throws(() => readOnetCorpus(join(tmpdir(), 'no-such-folder-jobshift')), /folder not found/);
});

test("reads each task's work activities (DWA titles) when Tasks to DWAs and DWA Reference are present", () => {
  withFolder(
    {
      'Occupation Data.txt': occupations,
      'Task Statements.txt': [
        ['O*NET-SOC Code', 'Task ID', 'Task', 'Task Type', 'Incumbents Responding', 'Date', 'Domain Source'],
        ['13-2011.00', '1', 'Prepare tax returns.', 'Core', '50', '08/2023', 'Incumbent'],
        ['13-2011.00', '2', 'Audit financial statements.', 'Core', '50', '08/2023', 'Incumbent'],
      ],
      'Tasks to DWAs.txt': [
        ['O*NET-SOC Code', 'Task ID', 'DWA ID', 'Date', 'Domain Source'],
        ['13-2011.00', '2', '4.A.2.a.1.I01.D01', '03/2014', 'Analyst'],
        ['13-2011.00', '2', '4.A.2.a.1.I01.D02', '03/2014', 'Analyst'],
        ['13-2011.00', '9', '4.A.2.a.1.I01.D01', '03/2014', 'Analyst'],
      ],
      'DWA Reference.txt': [
        ['Element ID', 'IWA ID', 'DWA ID', 'DWA Title'],
        ['4.A.2.a.1', '4.A.2.a.1.I01', '4.A.2.a.1.I01.D01', 'Examine financial records.'],
        ['4.A.2.a.1', '4.A.2.a.1.I01', '4.A.2.a.1.I01.D02', 'Prepare financial documents.'],
      ],
    },
    (dir) => {
      const [acc, rn] = readOnetCorpus(dir).occupations;
      // Parallel to tasks; a link to a task the file does not list is ignored.
      assert.deepEqual(acc?.taskActivities, [[], ['Examine financial records.', 'Prepare financial documents.']]);
      assert.deepEqual(rn?.taskActivities, []);
    },
  );
});
