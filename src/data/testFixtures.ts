/**
 * A miniature data set in the publishers' own formats (O*NET tab-delimited CRLF text and
 * Excel release, OEWS CSV and workbook, EP workbook, GPTs-are-GPTs TSV), written to a folder
 * for unit tests. Three occupations, a handful of tasks; every number is made up.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GapFiller } from '../scoring/taskScores.js';
import XLSX from '@e965/xlsx';

export const tsv = (rows: (string | number)[][]): string => rows.map((r) => r.join('\t')).join('\r\n') + '\r\n';
const csvCell = (c: string | number) => (typeof c === 'string' && /[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : String(c));
export const csv = (rows: (string | number)[][]): string => rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';

export function writeWorkbook(path: string, sheets: Record<string, (string | number | null)[][]>): void {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), name);
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
}

export const fixtureOccupations = [
  ['13-2011.00', 'Accountants and Auditors', 'Examine, analyze, and interpret accounting records.'],
  ['43-9021.00', 'Data Entry Keyers', 'Operate data entry device to input lists and data.'],
  ['47-2061.00', 'Construction Laborers', 'Perform tasks involving physical labor at construction sites.'],
] as const;

/** Tasks: [code, id, text, type, human E, gpt4 E, gpt4 T]. */
export const fixtureTasks = [
  ['13-2011.00', 1001, 'Prepare detailed reports on audit findings.', 'Core', 'E1', 'E1', 'T2'],
  ['13-2011.00', 1002, 'Examine financial statements for accuracy and compliance.', 'Core', 'E2', 'E1', 'T2'],
  ['13-2011.00', 1003, 'Meet with clients to discuss tax planning.', 'Supplemental', 'E0', 'E0', 'T1'],
  ['43-9021.00', 2001, 'Type data from source documents into computer files.', 'Core', 'E1', 'E1', 'T3'],
  ['43-9021.00', 2002, 'Compare data with source documents to detect errors.', 'Core', 'E2', 'E2', 'T3'],
  ['47-2061.00', 3001, 'Dig trenches and backfill excavations.', 'Core', 'E0', 'E0', 'T0'],
  ['47-2061.00', 3002, 'Load and unload building materials.', 'Core', 'E0', 'E0', 'T0'],
] as const;

export interface FixtureOptions {
  /** Write Occupation Data and Task Statements as the Excel release instead of text. */
  excelRelease?: boolean;
}

export function writeFixtureData(dir: string, options: FixtureOptions = {}): void {
  const onet = join(dir, 'onet', 'db_29_1_text');
  mkdirSync(onet, { recursive: true });
  writeFileSync(join(onet, 'Read Me.txt'), 'O*NET 29.1 Database\r\nNovember 2024 Release\r\n');
  const occHeader = ['O*NET-SOC Code', 'Title', 'Description'];
  const taskHeader = ['O*NET-SOC Code', 'Task ID', 'Task', 'Task Type', 'Incumbents Responding', 'Date', 'Domain Source'];
  const taskRows = fixtureTasks.map(([code, id, text, type]) => [code, id, text, type, 50, '08/2023', 'Incumbent']);
  if (options.excelRelease) {
    const xl = join(dir, 'onet', 'db_30_1_excel');
    mkdirSync(xl, { recursive: true });
    writeFileSync(join(xl, 'Read Me.txt'), 'O*NET 30.1 Database\r\n');
    const title = (code: string) => fixtureOccupations.find((o) => o[0] === code)![1];
    writeWorkbook(join(xl, 'Occupation Data.xlsx'), { 'Occupation Data': [occHeader, ...fixtureOccupations.map((o) => [...o])] });
    writeWorkbook(join(xl, 'Task Statements.xlsx'), {
      'Task Statements': [
        ['O*NET-SOC Code', 'Title', ...taskHeader.slice(1)],
        ...taskRows.map((r) => [r[0], title(String(r[0])), ...r.slice(1)] as (string | number)[]),
      ],
    });
  } else {
    writeFileSync(join(onet, 'Occupation Data.txt'), tsv([occHeader, ...fixtureOccupations.map((o) => [...o])]));
    writeFileSync(join(onet, 'Task Statements.txt'), tsv([taskHeader, ...taskRows]));
  }
  writeFileSync(join(onet, 'Job Zones.txt'), tsv([['O*NET-SOC Code', 'Job Zone', 'Date', 'Domain Source'], ['13-2011.00', 4, '08/2023', 'Analyst'], ['43-9021.00', 2, '08/2023', 'Analyst'], ['47-2061.00', 2, '08/2023', 'Analyst']]));
  writeFileSync(join(onet, 'Tasks to DWAs.txt'), tsv([
    ['O*NET-SOC Code', 'Task ID', 'DWA ID', 'Date', 'Domain Source'],
    ['13-2011.00', 1001, '4.A.3.b.6.I01.D01', '07/2014', 'Analyst'],
    ['43-9021.00', 2001, '4.A.3.b.6.I01.D01', '07/2014', 'Analyst'],
  ]));
  writeFileSync(join(onet, 'Alternate Titles.txt'), tsv([
    ['O*NET-SOC Code', 'Alternate Title', 'Short Title', 'Source(s)'],
    ['13-2011.00', 'Certified Public Accountant', 'CPA', '08'],
    ['43-9021.00', 'Data Entry Clerk', 'n/a', '10'],
  ]));

  const labels = join(dir, 'labels');
  mkdirSync(labels, { recursive: true });
  writeFileSync(join(labels, 'full_labelset.tsv'), tsv([
    ['', 'O*NET-SOC Code', 'Task ID', 'Task', 'Task Type', 'Title', 'human_exposure_agg', 'gpt4_exposure', 'gpt4_exposure_alt_rubric', 'gpt_3_relevant', 'gpt4_automation', 'alpha', 'beta', 'gamma', 'automation', 'human_labels'],
    ...fixtureTasks.map(([code, id, text, type, h, g, t], i) => [i, code, `${id}.0`, text, type, fixtureOccupations.find((o) => o[0] === code)![1], h, g, g, 'False', t, 0, 0, 0, 0, h]),
  ]).replace(/\r\n/g, '\n'));

  const oews = join(dir, 'bls');
  mkdirSync(oews, { recursive: true });
  const oewsHeader = ['AREA', 'AREA_TITLE', 'OCC_CODE', 'OCC_TITLE', 'O_GROUP', 'TOT_EMP', 'EMP_PRSE', 'H_MEAN', 'A_MEAN', 'A_PCT10', 'A_PCT25', 'A_MEDIAN', 'A_PCT75', 'A_PCT90', 'H_MEDIAN'];
  const oewsRows = (scale: number): (string | number)[][] => [
    ['99', 'U.S.', '00-0000', 'All Occupations', 'total', `${Math.round(2000000 * scale).toLocaleString('en-US')}`, '0.1', '30.00', '62,400', '30,000', '40,000', '50,000', '70,000', '100,000', '24.00'],
    ['99', 'U.S.', '13-2011', 'Accountants and Auditors', 'detailed', `${Math.round(1400000 * scale).toLocaleString('en-US')}`, '0.5', '45.00', '93,600', '50,000', '60,000', '80,000', '100,000', '#', '38.46'],
    ['99', 'U.S.', '43-9021', 'Data Entry Keyers', 'detailed', `${Math.round(150000 * scale).toLocaleString('en-US')}`, '1.0', '19.00', '39,520', '28,000', '32,000', '38,000', '45,000', '52,000', '18.27'],
    ['99', 'U.S.', '47-2061', 'Construction Laborers', 'detailed', `${Math.round(450000 * scale).toLocaleString('en-US')}`, '0.8', '23.00', '47,840', '32,000', '36,000', '45,000', '55,000', '66,000', '21.63'],
  ];
  writeFileSync(join(oews, 'national_May2021_dl.csv'), csv([oewsHeader, ...oewsRows(1)]));
  writeWorkbook(join(oews, 'national_M2024_dl.xlsx'), { national_M2024_dl: [oewsHeader, ...oewsRows(1.1)], 'Field Descriptions': [['notes']] });

  const epTitle = (base: number, target: number) => [
    `${base} National Employment Matrix title`, `${base} National Employment Matrix code`, 'Occupation type', `Employment, ${base}`, `Employment, ${target}`,
    `Employment change, numeric, ${base}–${String(target).slice(2)}`, `Employment change, percent, ${base}–${String(target).slice(2)}`,
    `Occupational openings, ${base}–${String(target).slice(2)} annual average`, `Median annual wage, dollars, ${base}[1]`, 'Typical education needed for entry',
  ];
  writeWorkbook(join(oews, 'occupation_2024-34.xlsx'), {
    Index: [['contents']],
    'Table 1.2': [
      ['Table 1.2 Occupational projections (Employment in thousands)'],
      epTitle(2024, 2034),
      ['Total, all occupations', '00-0000', 'Summary', 2000, 2060, 60, 3, 200, 49500, '—'],
      ['  Accountants and auditors', '13-2011', 'Line item', 1400, 1480, 80, 5.7, 130, 81680, "Bachelor's degree"],
      ['  Data entry keyers', '43-9021', 'Line item', 150, 120, -30, -20, 15, 38000, 'High school diploma or equivalent'],
      ['  Construction laborers', '47-2061', 'Line item', 450, 460, 10, 2.2, 50, 45000, 'No formal educational credential'],
      ['Footnotes:'],
    ],
  });
}

/**
 * CPS annual averages in BLS's layouts: table 11 (sex, race, ethnicity; percent) and table 11b
 * (age groups; thousands), with the Census code list that places their titles on SOC codes.
 * Made-up numbers for the fixture occupations.
 */
export function writeCpsFixtures(dir: string, year = 2025): void {
  const cps = join(dir, 'bls', 'cps');
  mkdirSync(cps, { recursive: true });
  const title = (t: string) => [t, null, null, null, null, null, null, null, null, null];
  writeWorkbook(join(cps, 'cpsaat11.xlsx'), {
    cpsaat11: [
      title('HOUSEHOLD DATA\r\n ANNUAL AVERAGES\r\n 11. Employed persons by detailed occupation, sex, race, and Hispanic or Latino ethnicity'),
      ['[Numbers in thousands]'], [''],
      ['Occupation', String(year)],
      [null, 'Total employed', 'Percent of total employed'],
      [null, null, 'Women', 'White', 'Black or African American', 'Asian', 'Hispanic or Latino'],
      ['Total employed', 2000, 47, 76, 13, 7, 19],
      ['Accountants and auditors', 1400, 60, 72, 10, 14, 10],
      ['Data entry keyers', 150, 75, 60, 20, 8, 22],
      ['Construction laborers', 450, 4, 85, 8, 1, 48],
    ],
  });
  writeWorkbook(join(cps, 'cpsaat11b.xlsx'), {
    cpsaat11b: [
      title('HOUSEHOLD DATA\r\n ANNUAL AVERAGES\r\n 11b. Employed people by detailed occupation and age'),
      ['[Numbers in thousands]'], [''],
      ['Occupation', String(year)],
      [null, 'Total, 16 years and over', '16 to 19 years', '20 to 24 years', '25 to 34 years', '35 to 44 years', '45 to 54 years', '55 to 64 years', '65 years and over', 'Median age'],
      [''],
      ['Total employed', 2000, 100, 200, 400, 400, 400, 300, 200, 42.1],
      [null],
      ['Accountants and auditors', 1400, 0, 140, 420, 350, 280, 140, 70, 40.2],
      ['Data entry keyers', 150, 15, 45, 30, 20, 20, 15, 5, 31.5],
      ['Construction laborers', 450, 45, 45, 90, 90, 90, 60, 30, '–'],
    ],
  });
  const crosswalks = join(dir, 'crosswalks');
  mkdirSync(crosswalks, { recursive: true });
  writeWorkbook(join(crosswalks, '2018-occupation-code-list-and-crosswalk.xlsx'), {
    '2018 Census Occ Code List': [
      ['2018 Census Occupation Code List'],
      ['Occupation title', '2018 Census code', '2018 SOC code'],
      ['Accountants and auditors', '0800', '13-2011'],
      ['Data entry keyers', '5850', '43-9021'],
      ['Construction laborers', '6260', '47-2061'],
    ],
  });
}

/** Occupations writeUnlabelledFixtures adds: [code, title, description]. */
export const unlabelledOccupations = [
  ['29-1141.00', 'Registered Nurses', 'Assess patient health problems and needs, and administer nursing care.'],
  ['29-1141.01', 'Acute Care Nurses', 'Provide advanced nursing care for patients with acute conditions.'],
  ['43-9021.01', 'Data Capture Specialists', 'Capture and verify data from forms and documents.'],
] as const;

/** Published occupation scores (occ_level.csv) of 43-9021.01, which has no task labels: [gpt4 alpha, beta, gamma, human alpha, beta, gamma]. */
export const publishedOnlyScores = [0.5, 0.7, 0.9, 0.4, 0.6, 0.8] as const;

/**
 * Adds to a folder written by writeFixtureData (text release) what provenance needs: two O*NET
 * occupations sharing SOC 29-1141 with no published labels (rated by the model: "Registered
 * Nurses and 1 related O*NET occupation"), and 43-9021.01, which shares SOC 43-9021 with Data
 * Entry Keyers and has published occupation scores (occ_level.csv) but no task labels.
 */
export function writeUnlabelledFixtures(dir: string): void {
  const onet = join(dir, 'onet', 'db_29_1_text');
  appendFileSync(join(onet, 'Occupation Data.txt'), tsv(unlabelledOccupations.map((o) => [...o])));
  appendFileSync(join(onet, 'Task Statements.txt'), tsv([
    ['29-1141.00', 4001, 'Record patient medical information and vital signs.', 'Core', 50, '08/2023', 'Incumbent'],
    ['29-1141.00', 4002, 'Administer medications and treatments to patients.', 'Core', 50, '08/2023', 'Incumbent'],
    ['29-1141.01', 4101, 'Document data related to patients’ care.', 'Core', 50, '08/2023', 'Incumbent'],
    ['29-1141.01', 4102, 'Perform emergency medical procedures.', 'Core', 50, '08/2023', 'Incumbent'],
    ['43-9021.01', 2101, 'Verify data entered into the records system.', 'Core', 50, '08/2023', 'Incumbent'],
    ['43-9021.01', 2102, 'Lift boxes of paper forms onto carts.', 'Supplemental', 50, '08/2023', 'Incumbent'],
  ]));
  const [g1, g2, g3, h1, h2, h3] = publishedOnlyScores;
  writeFileSync(join(dir, 'labels', 'occ_level.csv'), csv([
    ['O*NET-SOC Code', 'Title', 'dv_rating_alpha', 'dv_rating_beta', 'dv_rating_gamma', 'human_rating_alpha', 'human_rating_beta', 'human_rating_gamma'],
    // The labelled occupations' rows are placeholders (analysis recomputes them from the task labels).
    ...fixtureOccupations.map(([code, title]) => [code, title, 0.1, 0.2, 0.3, 0.1, 0.2, 0.3]),
    ['43-9021.01', 'Data Capture Specialists', g1, g2, g3, h1, h2, h3],
  ]));
  // OEWS: Registered Nurses (300,000 in 2021, x1.1 in 2024), with the total raised to match.
  const bls = join(dir, 'bls');
  const csvFile = join(bls, 'national_May2021_dl.csv');
  writeFileSync(csvFile, readFileSync(csvFile, 'utf8').replace('"2,000,000"', '"2,300,000"') +
    csv([['99', 'U.S.', '29-1141', 'Registered Nurses', 'detailed', '300,000', '0.4', '45.00', '93,600', '60,000', '70,000', '86,000', '100,000', '120,000', '41.35']]));
  const xlsxFile = join(bls, 'national_M2024_dl.xlsx');
  const wb = XLSX.read(readFileSync(xlsxFile));
  const rows = XLSX.utils.sheet_to_json<(string | number)[]>(wb.Sheets.national_M2024_dl!, { header: 1, raw: true });
  const total = rows.find((r) => r[2] === '00-0000')!;
  total[5] = '2,530,000';
  rows.push(['99', 'U.S.', '29-1141', 'Registered Nurses', 'detailed', '330,000', '0.4', '47.00', '97,760', '62,000', '72,000', '88,000', '104,000', '125,000', '42.31']);
  writeWorkbook(xlsxFile, { national_M2024_dl: rows, 'Field Descriptions': [['notes']] });
}

/** A deterministic stand-in for the built-in model in tests: tasks about records, data or documents are E1 (T3), the rest E0 (T0). */
export const fixtureFiller: GapFiller = async (tasks) =>
  tasks.map((t) => (/record|data|document/i.test(t.text) ? { exposure: 'E1', automation: 'T3' } : { exposure: 'E0', automation: 'T0' }));

type OnetRecord = Record<string, string | number>;

export interface OnetLayoutFixtureOptions {
  /** 'legacy': the file names and columns to O*NET 30.2; '30.3': those of 30.3 and 31.0 (renamed and split files). */
  layout: 'legacy' | '30.3';
  format?: 'text' | 'excel';
  /** Release in Read Me.txt and the folder name (default 29.1 for legacy, 30.3 otherwise). */
  release?: string;
  /** Write Job Zone Reference beside Job Zones (default true): 5 zones for legacy, 4 (no zone 1) for 30.3. */
  jobZoneReference?: boolean;
  /** Write Read Me.txt (default true); without it, and with folder 'onet/unnamed', the release is unknown. */
  readMe?: boolean;
}

/**
 * One small O*NET database (the fixture occupations and tasks) in either layout, text or Excel:
 * the same content in both, so the two must import to the same store (job-zone framework aside).
 * DWA IDs use the 30.3 format in both layouts: the importer treats IDs as opaque strings, and the
 * comparison needs equal content. Returns the folder written.
 */
export function writeOnetLayoutFixture(dir: string, options: OnetLayoutFixtureOptions): string {
  const { layout, format = 'text', jobZoneReference = true, readMe = true } = options;
  const release = options.release ?? (layout === 'legacy' ? '29.1' : '30.3');
  const folder = join(dir, 'onet', readMe ? `db_${release.replace('.', '_')}_${format}` : 'unnamed');
  mkdirSync(folder, { recursive: true });
  if (readMe) writeFileSync(join(folder, 'Read Me.txt'), `O*NET ${release} Database\r\nFixture Release\r\n`);
  const code = 'O*NET-SOC Code';
  const titleOf = (c: string | number) => fixtureOccupations.find((o) => o[0] === c)?.[1] ?? '';
  const neu = layout === '30.3';
  const files: { name: string; text: string[]; excel?: string[]; rows: OnetRecord[] }[] = [];
  const file = (name: string, text: string[], rows: OnetRecord[], excel?: string[]) => files.push({ name, text, rows, excel });

  file('Occupation Data', [code, 'Title', 'Description'], fixtureOccupations.map(([c, t, d]) => ({ [code]: c, Title: t, Description: d })), [code, 'Title', 'Description']);
  file('Task Statements', [code, 'Task ID', 'Task', 'Task Type', 'Incumbents Responding', 'Date', 'Domain Source'],
    fixtureTasks.map(([c, id, task, type]) => ({ [code]: c, 'Task ID': id, Task: task, 'Task Type': type, 'Incumbents Responding': 50, Date: '08/2025', 'Domain Source': 'Incumbent' })));
  file('Job Zones', [code, 'Job Zone', 'Date', 'Domain Source'],
    [['13-2011.00', 4], ['43-9021.00', 2], ['47-2061.00', 2]].map(([c, z]) => ({ [code]: c!, 'Job Zone': z!, Date: '02/2026', 'Domain Source': 'Analyst' })));
  if (jobZoneReference) {
    const names = neu
      ? { 2: 'Job Zone 1-2: Very Little to Some Preparation Needed', 3: 'Job Zone Three: Medium Preparation Needed', 4: 'Job Zone Four: Considerable Preparation Needed', 5: 'Job Zone Five: Extensive Preparation Needed' }
      : { 1: 'Job Zone One: Little or No Preparation Needed', 2: 'Job Zone Two: Some Preparation Needed', 3: 'Job Zone Three: Medium Preparation Needed', 4: 'Job Zone Four: Considerable Preparation Needed', 5: 'Job Zone Five: Extensive Preparation Needed' };
    file('Job Zone Reference', ['Job Zone', 'Name', 'Experience', 'Education', 'Job Training', 'Examples', 'SVP Range'],
      Object.entries(names).map(([z, n]) => ({ 'Job Zone': Number(z), Name: n, Experience: '-', Education: '-', 'Job Training': '-', Examples: '-', 'SVP Range': '-' })));
  }
  // Work activities: GWA -> IWA -> DWA, and tasks linked to DWAs.
  const dwas = [
    { gwa: '4.A.3.b.6', gwaName: 'Documenting/Recording Information', iwa: '4.A.3.b.6.a', iwaName: 'Record information about business activities.', dwa: '4.A.3.b.6.a.1', dwaName: 'Enter information into databases or software programs.' },
    { gwa: '4.A.2.a.4', gwaName: 'Analyzing Data or Information', iwa: '4.A.2.a.4.b', iwaName: 'Analyze financial or business data.', dwa: '4.A.2.a.4.b.2', dwaName: 'Examine financial records.' },
  ];
  const links: [string, number, string][] = [['13-2011.00', 1002, '4.A.2.a.4.b.2'], ['43-9021.00', 2001, '4.A.3.b.6.a.1'], ['43-9021.00', 2002, '4.A.3.b.6.a.1']];
  const dwaName = (id: string) => dwas.find((d) => d.dwa === id)!.dwaName;
  const taskText = (id: number) => fixtureTasks.find((t) => t[1] === id)![2];
  const [dwaId, dwaTitle] = neu ? ['DWA Element ID', 'DWA Element Name'] : ['DWA ID', 'DWA Title'];
  file('Tasks to DWAs', [code, 'Task ID', dwaId, 'Date', 'Domain Source'],
    links.map(([c, t, d]) => ({ [code]: c, Title: titleOf(c), 'Task ID': t, Task: taskText(t), [dwaId]: d, [dwaTitle]: dwaName(d), Date: '03/2014', 'Domain Source': 'Analyst' })),
    [code, 'Title', 'Task ID', 'Task', dwaId, dwaTitle, 'Date', 'Domain Source']);
  const [g, gn, i, it, d, dt] = neu
    ? ['GWA Element ID', 'GWA Element Name', 'IWA Element ID', 'IWA Element Name', 'DWA Element ID', 'DWA Element Name']
    : ['Element ID', 'Element Name', 'IWA ID', 'IWA Title', 'DWA ID', 'DWA Title'];
  file(neu ? 'GWAs to IWAs to DWAs' : 'DWA Reference', [g, i, d, dt],
    dwas.map((x) => ({ [g]: x.gwa, [gn]: x.gwaName, [i]: x.iwa, [it]: x.iwaName, [d]: x.dwa, [dt]: x.dwaName })), [g, gn, i, it, d, dt]);
  file(neu ? 'GWAs to IWAs' : 'IWA Reference', [g, i, it], dwas.map((x) => ({ [g]: x.gwa, [gn]: x.gwaName, [i]: x.iwa, [it]: x.iwaName })), [g, gn, i, it]);
  file('Content Model Reference', ['Element ID', 'Element Name', 'Description'], [
    ['2.A.1.a', 'Reading Comprehension', 'Understanding written sentences.'], ['2.B.3.e', 'Programming', 'Writing computer programs.'],
    ['2.C.1.a', 'Administration and Management', 'Business and management principles.'], ['4.A.3.b.6', 'Documenting/Recording Information', 'Entering, transcribing, recording information.'],
  ].map(([id, n, desc]) => ({ 'Element ID': id!, 'Element Name': n!, Description: desc! })));
  file('Emerging Tasks', [code, 'Task', 'Category', 'Original Task ID', 'Original Task', 'Date', 'Domain Source'],
    [{ [code]: '13-2011.00', Task: 'Review outputs of automated reconciliation tools.', Category: 'New', 'Original Task ID': 'n/a', 'Original Task': 'n/a', Date: '08/2025', 'Domain Source': 'Incumbent' }]);
  const titleCol = neu ? 'Job Title' : 'Alternate Title';
  file(neu ? 'Job Titles' : 'Alternate Titles', [code, titleCol, 'Short Title', 'Source(s)'], [
    { [code]: '13-2011.00', [titleCol]: 'Certified Public Accountant', 'Short Title': 'CPA', 'Source(s)': '08' },
    { [code]: '43-9021.00', [titleCol]: 'Data Entry Clerk', 'Short Title': 'n/a', 'Source(s)': '10' },
  ]);
  file('Sample of Reported Titles', [code, 'Reported Job Title', 'Shown in My Next Move'], [
    { [code]: '13-2011.00', 'Reported Job Title': 'Staff Accountant', 'Shown in My Next Move': 'Y' },
    { [code]: '47-2061.00', 'Reported Job Title': 'Laborer', 'Shown in My Next Move': 'N' },
  ]);
  file('Related Occupations', [code, 'Related O*NET-SOC Code', 'Relatedness Tier', 'Index'],
    [{ [code]: '43-9021.00', 'Related O*NET-SOC Code': '13-2011.00', 'Relatedness Tier': 'Primary-Short', Index: 1 }]);
  // Skills: Essential (2.A, basic) and Transferable (2.B, cross-functional) from 30.3; one Skills file before.
  const ratingHeader = [code, 'Element ID', 'Element Name', 'Scale ID', 'Data Value', 'N', 'Date', 'Domain Source'];
  // Ratings depend on the occupation and the element, never on the file an element is in.
  const ratings = (elements: [string, string][]) => fixtureOccupations.slice(0, 2).flatMap(([c], k) =>
    elements.flatMap(([id, n]) => (['IM', 'LV'] as const).map((s) => ({
      [code]: c, Title: titleOf(c), 'Element ID': id, 'Element Name': n, 'Scale ID': s, 'Scale Name': s === 'IM' ? 'Importance' : 'Level',
      'Data Value': s === 'IM' ? 2 + k + (id.charCodeAt(id.length - 1) % 4) * 0.5 : 3 + k, N: 8, Date: '08/2025', 'Domain Source': 'Analyst',
    }))));
  const essential: [string, string][] = [['2.A.1.a', 'Reading Comprehension'], ['2.A.1.e', 'Mathematics']];
  const transferable: [string, string][] = [['2.B.3.e', 'Programming']];
  const excelRatings = [code, 'Title', 'Element ID', 'Element Name', 'Scale ID', 'Scale Name', 'Data Value', 'N', 'Date', 'Domain Source'];
  if (neu) {
    file('Essential Skills', ratingHeader, ratings(essential), excelRatings);
    file('Transferable Skills', ratingHeader, ratings(transferable), excelRatings);
  } else {
    file('Skills', ratingHeader, ratings([...essential, ...transferable]), excelRatings);
  }
  file('Knowledge', ratingHeader, ratings([['2.C.1.a', 'Administration and Management']]), excelRatings);
  // Education (2.D.1) and Training and Experience (3.A.*): one file before 30.3, two from 30.3.
  const eteHeader = [code, 'Element ID', 'Element Name', 'Scale ID', 'Category', 'Data Value', 'N', 'Date', 'Domain Source'];
  const ete = (elements: [string, string, string][]) => fixtureOccupations.flatMap(([c]) => elements.flatMap(([id, n, s]) => [1, 2, 'n/a'].map((cat, k) => ({
    [code]: c, Title: titleOf(c), 'Element ID': id, 'Element Name': n, 'Scale ID': s, Category: cat, 'Data Value': cat === 'n/a' ? 'n/a' : 40 + 20 * k, N: 20, Date: '08/2025', 'Domain Source': 'Incumbent',
  }))));
  const education: [string, string, string][] = [['2.D.1', 'Required Level of Education', 'RL']];
  const training: [string, string, string][] = [['3.A.1', 'Related Work Experience', 'RW'], ['3.A.3', 'On-the-Job Training', 'OJ']];
  const categories = (elements: [string, string, string][]) => elements.flatMap(([id, n, s]) => [1, 2].map((cat) => ({
    'Element ID': id, 'Element Name': n, 'Scale ID': s, Category: cat, 'Category Description': `${n} category ${cat}`,
  })));
  const categoryHeader = ['Element ID', 'Element Name', 'Scale ID', 'Category', 'Category Description'];
  if (neu) {
    file('Education', eteHeader, ete(education));
    file('Training and Experience', eteHeader, ete(training));
    file('Education Categories', categoryHeader, categories(education));
    file('Training and Experience Categories', categoryHeader, categories(training));
  } else {
    file('Education, Training, and Experience', eteHeader, ete([...education, ...training]));
    file('Education, Training, and Experience Categories', categoryHeader, categories([...education, ...training]));
  }
  // Software Skills names its example "Workplace Example" and its category "Element ID"/"Element Name".
  const [ex, cc, ct] = neu ? ['Workplace Example', 'Element ID', 'Element Name'] : ['Example', 'Commodity Code', 'Commodity Title'];
  file(neu ? 'Software Skills' : 'Technology Skills', [code, ex, cc, ct, 'Hot Technology', 'In Demand'], [
    { [code]: '13-2011.00', [ex]: 'Intuit QuickBooks', [cc]: '43231601', [ct]: 'Accounting software', 'Hot Technology': 'Y', 'In Demand': 'Y' },
    { [code]: '43-9021.00', [ex]: 'Microsoft Excel', [cc]: '43232110', [ct]: 'Spreadsheet software', 'Hot Technology': 'Y', 'In Demand': 'N' },
  ]);

  for (const f of files) {
    if (format === 'text') {
      writeFileSync(join(folder, `${f.name}.txt`), tsv([f.text, ...f.rows.map((r) => f.text.map((h) => r[h] ?? ''))]));
    } else {
      // The Excel release: the text columns plus Title after the code (and names beside IDs where O*NET adds them).
      const header = f.excel ?? (f.text[0] === code ? [code, 'Title', ...f.text.slice(1)] : f.text);
      const rows = f.rows.map((r) => header.map((h) => (h === 'Title' && !(h in r) ? titleOf(r[code] ?? '') : r[h] ?? '')));
      writeWorkbook(join(folder, `${f.name}.xlsx`), { [f.name.slice(0, 31)]: [header, ...rows] });
    }
  }
  return folder;
}
