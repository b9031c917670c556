/**
 * An employer's roster analysed at task level: every row mapped to an O*NET occupation with a
 * confidence (a given SOC code is validated and used; low-confidence title matches are set
 * aside for review, never guessed), headcount-weighted exposure with a 90% bootstrap interval,
 * hours of work exposed, roles at substitution risk vs roles to augment, redeployment options
 * inside the roster and a reskilling plan.
 *
 * Privacy: everything here runs on this machine with the local title matcher and the local
 * store. Nothing in this module (or anything it imports) opens a network connection; there is
 * no remote matching path (sending roster rows to an external LLM would need an explicit
 * `--allow-remote` and a configured LLM, and does not exist today).
 */
import { classify, CLASS_LABELS, type ExposureClass } from '../analysis/classes.js';
import type { EmploymentUnit } from '../analysis/frame.js';
import { skillGaps } from '../analysis/similarity.js';
import { bootstrapExposure, type Interval, taskValue } from '../analysis/uncertainty.js';
import { typeWeight } from '../analysis/exposure.js';
import type { ScoredTask } from '../scoring/taskScores.js';
import { decodeUtf8, parseDelimited } from '../data/tabular.js';
import type { CareerData } from './careerData.js';
import { matchTitle } from './match.js';
import { PATHWAY_METHOD, rankPathways } from './pathways.js';
import { exposureByElement, normaliseOnetCode, skillsToStrengthen } from './profile.js';

/** Hours of one full-time equivalent a year: 52 weeks x 40 hours (the usual FTE convention). */
export const HOURS_PER_FTE = 2080;
/** Title matches below this calibrated confidence go to review instead of into the figures. */
export const REVIEW_CONFIDENCE = 0.5;
/** Redeployment targets must be at least this similar in skills and knowledge (cosine, standardised profiles). */
export const REDEPLOY_SIMILARITY = 0.25;

/**
 * Share of task weight that is exposed (E1 counts 1, E2 half, as in beta) and rated T3-T4: the
 * automation-prone part of beta, so it never exceeds beta.
 */
export function automationBeta(tasks: ScoredTask[]): number | null {
  let w = 0;
  let auto = 0;
  let rated = 0;
  for (const t of tasks) {
    const wi = typeWeight(t.taskType);
    w += wi;
    if (!t.automation) continue;
    rated += wi;
    if (t.automation === 'T3' || t.automation === 'T4') auto += wi * taskValue(t.exposure, 'beta');
  }
  return w && rated ? auto / w : null;
}

export interface RosterRow {
  /** 1-based line in the file (header = 1), or 1-based position in a JSON array + 1. */
  row: number;
  jobTitle: string;
  headcount: number;
  department: string | null;
  socCode: string | null;
}

export interface RosterError {
  row: number;
  field?: string;
  message: string;
}

export interface ParsedRoster {
  rows: RosterRow[];
  errors: RosterError[];
}

export const ROSTER_COLUMNS = ['job_title', 'headcount', 'department', 'soc_code'] as const;

const norm = (h: string) => h.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** Read roster CSV text. File-level faults (not CSV, no header) come back as errors on row 1. */
export function parseRosterCsv(input: string | Uint8Array, file = 'roster'): ParsedRoster {
  let text: string;
  if (typeof input === 'string') text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  else {
    try {
      text = decodeUtf8(input, file);
    } catch (err) {
      return { rows: [], errors: [{ row: 1, message: `not a CSV text file: ${(err as Error).message}` }] };
    }
  }
  if (text.includes('\u0000')) return { rows: [], errors: [{ row: 1, message: 'not a CSV text file (binary content; save the roster as CSV)' }] };
  if (text.trim() === '') return { rows: [], errors: [{ row: 1, message: 'the file is empty' }] };
  const records = parseDelimited(text, ',');
  const header = records[0]!.cells.map(norm);
  const missing = ['job_title', 'headcount'].filter((c) => !header.includes(c));
  if (missing.length) {
    const hint = header.length === 1 && /[\t;]/.test(records[0]!.cells[0] ?? '') ? ' (the file is not comma-separated)' : '';
    return {
      rows: [],
      errors: [{ row: records[0]!.line, message: `not a roster CSV: missing column ${missing.join(', ')}${hint}; expected columns ${ROSTER_COLUMNS.join(', ')} (department and soc_code optional)` }],
    };
  }
  const objects = records.slice(1).map((r) => ({
    row: r.line,
    cells: Object.fromEntries(header.map((h, i) => [h, r.cells[i]])) as Record<string, string | undefined>,
    short: r.cells.length < header.length,
  }));
  return validateRoster(objects.map((o) => ({ row: o.row, values: o.cells, short: o.short })));
}

/** Rows given as JSON objects (the API): row numbers are 1-based positions + 1, as if row 1 were a header. */
export function parseRosterObjects(rows: Record<string, unknown>[]): ParsedRoster {
  return validateRoster(
    rows.map((r, i) => ({
      row: i + 2,
      values: Object.fromEntries(Object.entries(r).map(([k, v]) => [norm(k), v === null || v === undefined ? undefined : String(v)])),
      short: false,
    })),
  );
}

function validateRoster(input: { row: number; values: Record<string, string | undefined>; short: boolean }[]): ParsedRoster {
  const rows: RosterRow[] = [];
  const errors: RosterError[] = [];
  const seen = new Map<string, number>();
  for (const { row, values, short } of input) {
    if (short) {
      errors.push({ row, message: 'row has fewer columns than the header' });
      continue;
    }
    const title = (values.job_title ?? '').trim().replace(/\s+/g, ' ');
    const hc = (values.headcount ?? '').trim();
    const department = (values.department ?? '').trim() || null;
    const soc = (values.soc_code ?? '').trim() || null;
    if (!title) {
      errors.push({ row, field: 'job_title', message: 'empty job title' });
      continue;
    }
    if (!/^\d+$/.test(hc.replace(/,/g, '')) || Number(hc.replace(/,/g, '')) < 1) {
      errors.push({ row, field: 'headcount', message: `headcount must be a positive whole number, got "${hc.slice(0, 20)}"` });
      continue;
    }
    const key = `${(department ?? '').toLowerCase()}|${title.toLowerCase()}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ row, field: 'job_title', message: `duplicate of row ${first} ("${title}"${department ? ` in ${department}` : ''}): merge the headcounts into one row` });
      continue;
    }
    if (soc !== null && !/^\d{2}-?\d{4}(\.\d{2})?$/.test(soc)) {
      errors.push({ row, field: 'soc_code', message: `not a SOC code: "${soc.slice(0, 20)}" (expected e.g. 43-3031 or 43-3031.00)` });
      continue;
    }
    seen.set(key, row);
    rows.push({ row, jobTitle: title, headcount: Number(hc.replace(/,/g, '')), department, socCode: soc });
  }
  return { rows, errors };
}

export interface RosterOptions {
  minConfidence?: number;
  hoursPerFte?: number;
  resamples?: number;
  seed?: number;
}

export interface MappedRow extends RosterRow {
  /** mapped: in the figures; review: low-confidence title match, left out; unscored: mapped but no exposure ratings. */
  status: 'mapped' | 'review' | 'unscored';
  via: 'soc_code' | 'title';
  code: string;
  title: string;
  confidence: number;
  candidates: { code: string; title: string; confidence: number }[];
  beta: number | null;
  betaInterval: Interval | null;
  automation: number | null;
  augmentation: number | null;
  class: ExposureClass | null;
  hours: number;
  hoursExposed: number | null;
  /** The part of the exposed hours in tasks rated T3-T4 (automation-prone). */
  hoursAutomationExposed: number | null;
  /** Share of the occupation's task weight rated by the local model rather than published labels. */
  filledShare: number | null;
}

export interface Redeployment {
  from: { row: number; jobTitle: string; code: string; beta: number; headcount: number };
  options: { row: number; jobTitle: string; code: string; title: string; beta: number | null; score: number; similarity: number | null; gaps: string[] }[];
}

export interface ReskillingStep {
  row: number;
  jobTitle: string;
  headcount: number;
  class: ExposureClass;
  target: { code: string; title: string; inRoster: boolean; jobTitle: string | null; beta: number | null };
  learn: { name: string; domain: string; gap: number }[];
  strengthen: string[];
}

export interface RosterAnalysis {
  scorer: string;
  rows: MappedRow[];
  errors: RosterError[];
  totals: {
    rows: number;
    headcount: number;
    /** Headcount in the figures (mapped with exposure ratings). */
    analysedHeadcount: number;
    reviewHeadcount: number;
    unscoredHeadcount: number;
    /** Headcount-weighted beta of analysed rows, with its 90% bootstrap interval. */
    beta: number | null;
    betaInterval: Interval | null;
    hours: number;
    hoursExposed: number;
    hoursAutomationExposed: number;
  };
  byClass: { class: ExposureClass; label: string; headcount: number; roles: string[] }[];
  departments: { department: string; headcount: number; beta: number | null }[];
  substitutionRisk: MappedRow[];
  augment: MappedRow[];
  redeployment: Redeployment[];
  reskilling: ReskillingStep[];
  skillDemand: { name: string; domain: string; headcount: number; roles: number }[];
  assumptions: string[];
  method: string[];
  sources: string[];
}

/** Map each row to an occupation: a given SOC code (validated) or the local title matcher. */
function mapRow(data: CareerData, r: RosterRow, minConfidence: number): { mapped?: Omit<MappedRow, keyof RosterRow | 'beta' | 'betaInterval' | 'automation' | 'augmentation' | 'class' | 'hours' | 'hoursExposed' | 'hoursAutomationExposed' | 'filledShare'>; error?: RosterError } {
  const matches = matchTitle(data.index, r.jobTitle, { top: 50 });
  const candidates = matches.slice(0, 3).map((m) => ({ code: m.code, title: m.title, confidence: m.confidence }));
  if (r.socCode) {
    const given = normaliseOnetCode(r.socCode);
    let codes: string[];
    if (/\.\d{2}$/.test(r.socCode.trim())) codes = data.titles.has(given) ? [given] : [];
    else codes = [...data.titles.keys()].filter((c) => (data.socOf.get(c) ?? c.slice(0, 7)) === given.slice(0, 7)).sort();
    if (codes.length === 0) {
      const known = data.socCodes.has(given.slice(0, 7));
      return { error: { row: r.row, field: 'soc_code', message: known ? `SOC code ${r.socCode} has no O*NET occupation to analyse` : `unknown SOC code ${r.socCode}` } };
    }
    // Several O*NET occupations under one SOC code: the one the title matches best, else the ".00" one.
    const byTitle = matches.find((m) => codes.includes(m.code));
    const code = byTitle?.code ?? codes.find((c) => c.endsWith('.00')) ?? codes[0]!;
    return { mapped: { status: 'mapped', via: 'soc_code', code, title: data.titles.get(code) ?? code, confidence: 1, candidates } };
  }
  const top = matches[0];
  if (!top) return { mapped: { status: 'review', via: 'title', code: '', title: '', confidence: 0, candidates } };
  return {
    mapped: { status: top.confidence >= minConfidence ? 'mapped' : 'review', via: 'title', code: top.code, title: top.title, confidence: top.confidence, candidates },
  };
}

export function analyzeRoster(data: CareerData, parsed: ParsedRoster, options: RosterOptions = {}): RosterAnalysis {
  const minConfidence = options.minConfidence ?? REVIEW_CONFIDENCE;
  const hpf = options.hoursPerFte ?? HOURS_PER_FTE;
  const errors = [...parsed.errors];
  const rows: MappedRow[] = [];
  for (const r of parsed.rows) {
    const { mapped, error } = mapRow(data, r, minConfidence);
    if (error) {
      errors.push(error);
      continue;
    }
    const m = mapped!;
    const e = m.status === 'mapped' ? data.exposure.get(m.code) : undefined;
    const status = m.status === 'mapped' && !e ? 'unscored' : m.status;
    const hours = r.headcount * hpf;
    const autoBeta = e ? automationBeta(data.tasksByCode.get(m.code) ?? []) : null;
    rows.push({
      ...r,
      ...m,
      status,
      beta: e?.beta ?? null,
      betaInterval: null,
      automation: e?.automation ?? null,
      augmentation: e?.augmentation ?? null,
      class: e ? classify(e.beta, e.automation) : null,
      hours,
      hoursExposed: e ? hours * e.beta : null,
      hoursAutomationExposed: autoBeta === null ? null : hours * autoBeta,
      filledShare: e?.filledShare ?? null,
    });
  }
  errors.sort((a, b) => a.row - b.row);

  const analysed = rows.filter((r) => r.status === 'mapped');
  const codes = [...new Set(analysed.map((r) => r.code))];
  const sum = (xs: MappedRow[], f: (r: MappedRow) => number) => xs.reduce((s, r) => s + f(r), 0);
  const analysedHc = sum(analysed, (r) => r.headcount);

  // Bootstrap over the roster's occupations, each row a unit weighted by its headcount.
  let betaInterval: Interval | null = null;
  if (analysed.length) {
    const codeSet = new Set(codes);
    const tasks = codes.flatMap((c) => data.tasksByCode.get(c) ?? []);
    const units: EmploymentUnit[] = analysed.map((r) => ({
      socCode: r.code, title: r.jobTitle, majorGroup: r.code.slice(0, 2), employment: r.headcount, annualMean: null, annualMedian: null,
      onetCodes: [r.code], jobZone: null, education: null, demographics: null, ages: null,
    }));
    const boot = bootstrapExposure(tasks.filter((t) => codeSet.has(t.onetCode)), units, { resamples: options.resamples ?? 1000, seed: options.seed ?? 1, measure: 'beta' });
    betaInterval = boot.national.mean;
    for (const r of analysed) r.betaInterval = boot.occupations.get(r.code) ?? null;
  }

  const order: ExposureClass[] = ['automation', 'augmentation', 'moderate', 'low'];
  const byClass = order.map((c) => {
    const xs = analysed.filter((r) => r.class === c);
    return { class: c, label: CLASS_LABELS[c], headcount: sum(xs, (r) => r.headcount), roles: xs.map((r) => r.jobTitle) };
  });

  const depts = new Map<string, MappedRow[]>();
  for (const r of rows) {
    const d = r.department ?? '(none)';
    depts.set(d, [...(depts.get(d) ?? []), r]);
  }
  const departments = [...depts].map(([department, xs]) => {
    const a = xs.filter((r) => r.status === 'mapped');
    const hc = sum(a, (r) => r.headcount);
    return { department, headcount: sum(xs, (r) => r.headcount), beta: hc ? sum(a, (r) => r.headcount * r.beta!) / hc : null };
  }).sort((a, b) => a.department.localeCompare(b.department));

  const byHeadcount = (a: MappedRow, b: MappedRow) => b.headcount - a.headcount || a.row - b.row;
  const substitutionRisk = analysed.filter((r) => r.class === 'automation').sort(byHeadcount);
  const augment = analysed.filter((r) => r.class === 'augmentation').sort(byHeadcount);

  // Redeployment inside the roster: from highly exposed roles to less exposed roles, by pathway score.
  const rowOfCode = new Map<string, MappedRow>();
  for (const r of [...analysed].sort(byHeadcount)) if (!rowOfCode.has(r.code)) rowOfCode.set(r.code, r);
  const atRisk = analysed.filter((r) => r.class === 'automation' || r.class === 'augmentation').sort(byHeadcount);
  const redeployment: Redeployment[] = atRisk.map((r) => ({
    from: { row: r.row, jobTitle: r.jobTitle, code: r.code, beta: r.beta!, headcount: r.headcount },
    options: rankPathways(data, r.code, { among: codes, top: codes.length })
      .filter((p) => p.beta !== null && p.beta < r.beta! && (p.similarity ?? 0) >= REDEPLOY_SIMILARITY)
      .slice(0, 3)
      .map((p) => {
        const target = rowOfCode.get(p.code)!;
        return { row: target.row, jobTitle: target.jobTitle, code: p.code, title: p.title, beta: p.beta, score: p.score, similarity: p.similarity, gaps: p.gaps.map((g) => g.name) };
      }),
  }));

  // Reskilling: for roles at substitution risk (and exposed roles), the best move — inside the
  // roster when one exists, else the best pathway overall — and the skills it asks for.
  const byElement = data.skills ? exposureByElement(data, data.skills) : undefined;
  const reskilling: ReskillingStep[] = [];
  for (const red of redeployment) {
    const r = analysed.find((x) => x.row === red.from.row);
    if (!r) continue;
    const inside = red.options[0];
    const outside = inside ? undefined : rankPathways(data, r.code, { top: 5 }).find((p) => p.beta !== null && p.beta < r.beta!);
    const targetCode = inside?.code ?? outside?.code;
    if (!targetCode) continue;
    reskilling.push({
      row: r.row,
      jobTitle: r.jobTitle,
      headcount: r.headcount,
      class: r.class!,
      target: {
        code: targetCode,
        title: data.titles.get(targetCode) ?? targetCode,
        inRoster: Boolean(inside),
        jobTitle: inside?.jobTitle ?? null,
        beta: data.exposure.get(targetCode)?.beta ?? null,
      },
      learn: data.skills ? skillGaps(data.skills, r.code, targetCode, 3) : [],
      strengthen: skillsToStrengthen(data, r.code, 3, byElement).map((s) => s.name),
    });
  }
  const demand = new Map<string, { name: string; domain: string; headcount: number; roles: number }>();
  for (const s of reskilling) {
    for (const g of s.learn) {
      const d = demand.get(g.name) ?? { name: g.name, domain: g.domain, headcount: 0, roles: 0 };
      d.headcount += s.headcount;
      d.roles += 1;
      demand.set(g.name, d);
    }
  }

  return {
    scorer: data.scorer,
    rows,
    errors,
    totals: {
      rows: rows.length,
      headcount: sum(rows, (r) => r.headcount),
      analysedHeadcount: analysedHc,
      reviewHeadcount: sum(rows.filter((r) => r.status === 'review'), (r) => r.headcount),
      unscoredHeadcount: sum(rows.filter((r) => r.status === 'unscored'), (r) => r.headcount),
      beta: analysedHc ? sum(analysed, (r) => r.headcount * r.beta!) / analysedHc : null,
      betaInterval,
      hours: sum(analysed, (r) => r.hours),
      hoursExposed: sum(analysed, (r) => r.hoursExposed ?? 0),
      hoursAutomationExposed: sum(analysed, (r) => r.hoursAutomationExposed ?? 0),
    },
    byClass,
    departments,
    substitutionRisk,
    augment,
    redeployment,
    reskilling,
    skillDemand: [...demand.values()].sort((a, b) => b.headcount - a.headcount || a.name.localeCompare(b.name)),
    assumptions: [
      `Hours: ${hpf.toLocaleString('en-US')} hours per head a year (52 weeks x 40 hours, one FTE per head); exposed hours = hours x beta, i.e. the task-weight share is used as the time share (O*NET does not give time per task; core tasks weigh 2, supplemental 1). Automation-prone hours: the part of the exposed hours in tasks rated T3-T4.`,
      `Rows matched by title with confidence below ${Math.round(minConfidence * 100)}% are listed for review and left out of every figure; give a soc_code to map them.`,
      'A given soc_code is used as is (validated against the SOC 2018 list and O*NET); when it covers several O*NET occupations, the one the title matches best is taken.',
      'Roster data stays on this machine: titles are matched by the local matcher and no network connection is made.',
    ],
    method: [
      data.scores.method,
      'Exposure (Eloundou et al. 2024): beta = share of task weight rated E1 plus half the share rated E2. Roster exposure: headcount-weighted mean of role betas; 90% interval by bootstrap over each occupation\'s tasks.',
      'Classes (after Gmyrek et al. 2025): substitution risk = beta >= 0.4 with >= 35% of task weight rated T3-T4; augment = beta >= 0.4 otherwise; moderate 0.2-0.4; low < 0.2.',
      `Redeployment: other roster roles with lower exposure and skill similarity >= ${REDEPLOY_SIMILARITY}, ranked by the pathway score. ` + PATHWAY_METHOD,
      'Reskilling: O*NET skills and knowledge where the target role asks at least 0.25 more importance (1-5) than the current one; skills to strengthen as in `jobshift career`.',
    ],
    sources: data.sources,
  };
}
