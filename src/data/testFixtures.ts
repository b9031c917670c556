/**
 * A miniature data set in the publishers' own formats (O*NET tab-delimited CRLF text and
 * Excel release, OEWS CSV and workbook, EP workbook, GPTs-are-GPTs TSV), written to a folder
 * for unit tests. Three occupations, a handful of tasks; every number is made up.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
