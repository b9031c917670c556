/**
 * The HTTP contract: every request and response shape, declared once with zod. The routes
 * validate requests against these schemas, the OpenAPI document at /api/openapi.json is
 * generated from them, and the dashboard imports the inferred types (type-only) so a change
 * here is a compile error on both sides.
 *
 * Units as in the store: employment in workers, wages in US dollars a year, every share and
 * exposure in [0, 1].
 */
import { z } from '@hono/zod-openapi';
import { RATED_BY, TASK_RATED_BY } from '../scoring/ratedBy.js';

// ---------- shared pieces

export const ErrorSchema = z
  .object({
    error: z.string().openapi({ example: 'unknown scorer "oracle" (available: human, gpt4, local, llm, llama)' }),
    field: z.string().optional().openapi({ description: 'The request field at fault, when there is one', example: 'scorer' }),
  })
  .openapi('Error');
export type ApiError = z.infer<typeof ErrorSchema>;

export const MeasureSchema = z.enum(['alpha', 'beta', 'gamma']).openapi({
  description: 'alpha: share of task weight an LLM alone exposes (E1); beta: E1 + half of E2; gamma: E1 + E2 (Eloundou et al. 2024)',
});
export const ScorerNameSchema = z.enum(['human', 'gpt4', 'local', 'llm', 'llama']).openapi({
  description: 'Who rated the tasks: published human or GPT-4 labels (GPTs-are-GPTs), the built-in local model, or an LLM run',
});
export const ExposureLabelSchema = z.enum(['E0', 'E1', 'E2']).openapi({
  description: 'E0: no exposure; E1: an LLM alone cuts the time by half or more; E2: it would with software built on an LLM',
});
export const AutomationLabelSchema = z.enum(['T0', 'T1', 'T2', 'T3', 'T4']).openapi({
  description: 'Automation rubric T0 (none) .. T4 (full): T3-T4 mean the model does the task with at most occasional oversight',
});
export const ClassSchema = z.enum(['automation', 'augmentation', 'moderate', 'low']);
export const RatedBySchema = z.enum(RATED_BY).openapi({
  description:
    'Who rated it, for the scorer asked for. published: the published labels (human, gpt4) rate all of the task weight; published-occupation: the published occupation scores (occ_level.csv) give alpha/beta/gamma, the tasks are rated by the built-in model; model: the built-in model rated some or all of it (a model estimate); llm: the llm or llama scorer\'s own ratings',
});
const TaskRatedBySchema = z.enum(TASK_RATED_BY).openapi({ description: 'Who rated the task: the published labels, the built-in model (filling in, or the local scorer), or the llm/llama scorer' });
const IntervalSchema = z.object({ lo: z.number(), hi: z.number() }).openapi('Interval');
const ProbabilitiesSchema = z.tuple([z.number(), z.number(), z.number()]).openapi({ description: 'Probabilities of E0, E1, E2' });

/** Query strings arrive as text: an OEWS year must be a whole number. */
const YearQuery = z
  .string()
  .regex(/^\d{4}$/, 'must be a four-digit year')
  .transform(Number)
  .optional()
  .openapi({ param: { name: 'oews', in: 'query' }, description: 'OEWS year for employment weights (default: the latest imported)', example: '2024' });

export const AnalysisQuerySchema = z.object({
  scorer: ScorerNameSchema.optional().openapi({ param: { name: 'scorer', in: 'query' }, example: 'human' }),
  measure: MeasureSchema.optional().openapi({ param: { name: 'measure', in: 'query' }, example: 'beta' }),
  oews: YearQuery,
});

// ---------- GET /api/health

export const HealthSchema = z
  .object({
    ok: z.literal(true),
    ready: z.boolean().openapi({ description: 'False while the server is still computing the analysis it caches at start-up' }),
    version: z.string(),
  })
  .openapi('Health');

// ---------- GET /api/summary

const HeadlineSchema = z.object({
  mean: z.number().openapi({ description: 'Employment-weighted mean exposure' }),
  atLeast10: z.number().openapi({ description: 'Share of workers in occupations with at least 10% of task weight exposed' }),
  atLeast50: z.number().openapi({ description: 'Share of workers in occupations with at least 50% of task weight exposed' }),
});
const RangeSchema = z.tuple([z.number(), z.number()]);
export const GroupRowSchema = z.object({
  group: z.string(),
  label: z.string(),
  employment: z.number(),
  mean: z.number(),
  atLeast50: z.number(),
  automation: z.number().nullable(),
  augmentation: z.number(),
});
export const ClassRowSchema = z.object({ class: ClassSchema, label: z.string(), occupations: z.number(), employment: z.number(), share: z.number() });
export const DistributionBinSchema = z.object({ from: z.number(), to: z.number(), employment: z.number(), share: z.number() });

export const SummarySchema = z
  .object({
    scorer: ScorerNameSchema,
    measure: MeasureSchema,
    oewsYear: z.number(),
    aggregation: z.object({
      method: z.enum(['jobshift', 'eloundou2024']),
      note: z.string(),
      other: z.object({ method: z.enum(['jobshift', 'eloundou2024']), headline: HeadlineSchema }),
    }).openapi({ description: 'How O*NET occupations meet employment for the headline, the sentence that says how the methods differ, and the headline under the other method' }),
    cpsYears: z.object({ sexRace: z.number().nullable(), age: z.number().nullable() }).openapi({ description: 'CPS years behind the demographic (table 11) and age (table 11b) breakdowns; null when not imported' }),
    weighting: z.enum(['type', 'ratings']),
    coverage: z.object({
      occupations: z.number(),
      published: z.number(),
      filled: z.number(),
      missing: z.array(z.string()),
      tasks: z.number(),
      employmentCovered: z.number(),
      employmentTotal: z.number(),
      unscoredUnits: z.number(),
      publishedOccupation: z.number().openapi({ description: 'Occupations rated by published occupation scores over model-rated tasks' }),
      modelEstimateEmployment: z.number().openapi({ description: 'Employment of OEWS occupations whose exposure is at least partly a model estimate (any of their O*NET occupations model-rated)' }),
      modelEstimateShare: z.number().openapi({ description: 'modelEstimateEmployment / employmentCovered' }),
    }),
    headline: z.object({ alpha: HeadlineSchema, beta: HeadlineSchema, gamma: HeadlineSchema }),
    intervals: z.object({ measure: MeasureSchema, resamples: z.number(), seed: z.number(), mean: IntervalSchema, atLeast10: IntervalSchema, atLeast50: IntervalSchema }),
    scorerRange: z.object({ scorers: z.array(ScorerNameSchema), mean: RangeSchema, atLeast10: RangeSchema, atLeast50: RangeSchema }).nullable(),
    scorerHeadlines: z.record(z.string(), HeadlineSchema),
    distribution: z.array(DistributionBinSchema),
    breakdowns: z.object({
      major: z.array(GroupRowSchema).optional(),
      wage: z.array(GroupRowSchema).optional(),
      zone: z.array(GroupRowSchema).optional(),
      education: z.array(GroupRowSchema).optional(),
      demographic: z.array(GroupRowSchema).optional(),
      age: z.array(GroupRowSchema).optional(),
    }),
    classes: z.array(ClassRowSchema),
    classThresholds: z.object({ high: z.number(), low: z.number(), automation: z.number() }),
    wageBill: z.object({ total: z.number(), exposed: z.number(), share: z.number(), inHighlyExposed: z.number() }),
    automation: z.object({ automation: z.number(), augmentation: z.number() }),
    occupations: z.number().openapi({ description: 'Number of scored O*NET occupations (the rows are at /api/occupations)' }),
    method: z.array(z.string()),
    sources: z.array(z.string()),
  })
  .openapi('Summary');
export type Summary = z.infer<typeof SummarySchema>;

// ---------- GET /api/occupations

export const OCCUPATION_SORTS = ['relevance', 'code', 'title', 'alpha', 'beta', 'gamma', 'employment', 'wage'] as const;

export const OccupationListQuerySchema = AnalysisQuerySchema.extend({
  q: z.string().max(200).optional().openapi({ param: { name: 'q', in: 'query' }, description: 'Words from a job title (official, alternate or reported titles), or an O*NET-SOC code', example: 'accountant' }),
  sort: z
    .string()
    .regex(new RegExp(`^-?(${OCCUPATION_SORTS.join('|')})$`), `one of ${OCCUPATION_SORTS.join(', ')}, with a leading - for descending`)
    .optional()
    .openapi({ param: { name: 'sort', in: 'query' }, description: 'Sort key; a leading - sorts descending. Default: relevance when q is given, else -employment', example: '-beta' }),
  limit: z.coerce.number().int().min(1).max(2000).default(50).openapi({ param: { name: 'limit', in: 'query' }, example: 50 }),
  offset: z.coerce.number().int().min(0).default(0).openapi({ param: { name: 'offset', in: 'query' }, example: 0 }),
});

export const OccupationRowSchema = z
  .object({
    code: z.string().openapi({ example: '13-2011.00' }),
    title: z.string(),
    alpha: z.number().nullable(),
    beta: z.number().nullable(),
    gamma: z.number().nullable(),
    automation: z.number().nullable(),
    ratedBy: RatedBySchema.nullable().openapi({ description: 'Who rated this row\'s exposure (see RatedBy); null when not rated' }),
    employment: z.number().nullable().openapi({ description: 'OEWS employment of the SOC unit split equally among the O*NET occupations sharing it: the weight used in sums, not a published count' }),
    employmentSoc: z.number().nullable().openapi({ description: 'OEWS employment of the SOC code (or broad group) the occupation is counted in, as BLS publishes it; what sort=employment sorts by' }),
    employmentSplit: z.boolean().openapi({ description: 'True when employmentSoc is shared with other O*NET occupations (employment is then an equal split)' }),
    employmentNote: z.string().nullable().openapi({ description: 'What a shared employmentSoc covers', example: 'Registered Nurses and 4 related O*NET occupations' }),
    wage: z.number().nullable().openapi({ description: 'OEWS median annual wage, US dollars' }),
    class: ClassSchema.nullable(),
    majorGroup: z.string(),
    match: z.string().optional().openapi({ description: 'The title that matched the search, when it is not the official title' }),
  })
  .openapi('OccupationRow');
export type OccupationRowOut = z.infer<typeof OccupationRowSchema>;

export const OccupationListSchema = z
  .object({
    scorer: ScorerNameSchema,
    measure: MeasureSchema,
    oewsYear: z.number(),
    total: z.number(),
    offset: z.number(),
    limit: z.number(),
    rows: z.array(OccupationRowSchema),
    majorGroups: z.record(z.string(), z.string()).openapi({ description: 'SOC major group code -> title' }),
  })
  .openapi('OccupationList');
export type OccupationList = z.infer<typeof OccupationListSchema>;

// ---------- GET /api/occupations/{code}

export const OccupationCodeParam = z.object({
  code: z
    .string()
    .regex(/^\d{2}-\d{4}\.\d{2}$/, 'an O*NET-SOC code looks like 13-2011.00')
    .openapi({ param: { name: 'code', in: 'path' }, example: '13-2011.00' }),
});

const ScorerExposureSchema = z.object({
  scorer: ScorerNameSchema,
  alpha: z.number(),
  beta: z.number(),
  gamma: z.number(),
  automation: z.number().nullable(),
  augmentation: z.number(),
  class: ClassSchema,
  classLabel: z.string(),
  betaInterval: IntervalSchema.nullable().openapi({ description: '90% bootstrap interval of beta (resampling tasks)' }),
  filledShare: z.number().openapi({ description: 'Share of task weight rated by the local model rather than published labels' }),
  ratedBy: RatedBySchema,
  tasks: z.number(),
});

const TaskRatingSchema = z.object({
  exposure: ExposureLabelSchema,
  p: ProbabilitiesSchema.nullable(),
  automation: AutomationLabelSchema.nullable(),
  origin: TaskRatedBySchema.openapi({ description: 'The same as ratedBy (the older name)' }),
  ratedBy: TaskRatedBySchema,
});

export const OccupationTaskSchema = z.object({
  taskId: z.number(),
  text: z.string(),
  type: z.string().nullable().openapi({ description: 'O*NET task type: Core or Supplemental' }),
  ratings: z.record(z.string(), TaskRatingSchema).openapi({ description: 'Scorer -> rating; a scorer that did not rate the task is absent' }),
  disagree: z.boolean().openapi({ description: 'True when the scorers that rated the task gave different exposure labels' }),
});

const WageSchema = z.object({
  year: z.number(),
  socCode: z.string(),
  title: z.string(),
  employment: z.number().nullable(),
  annualMean: z.number().nullable(),
  annualP10: z.number().nullable(),
  annualP25: z.number().nullable(),
  annualMedian: z.number().nullable(),
  annualP75: z.number().nullable(),
  annualP90: z.number().nullable(),
});

export const OccupationDetailSchema = z
  .object({
    code: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    socCode: z.string(),
    majorGroup: z.string(),
    majorGroupTitle: z.string().nullable(),
    jobZone: z.number().nullable(),
    ratedBy: RatedBySchema.nullable().openapi({ description: 'ratedBy of the first exposure entry (the default scorer, human, when its labels are imported); each entry has its own' }),
    exposure: z.array(ScorerExposureSchema).openapi({ description: 'Occupation exposure by every scorer available here' }),
    tasks: z.array(OccupationTaskSchema),
    agreement: z.object({
      rated: z.number().openapi({ description: 'Tasks rated by at least two scorers, counting only their own ratings (not ratings the built-in model filled in)' }),
      disagree: z.number(),
    }),
    employment: z.object({
      oewsYear: z.number(),
      unitSocCode: z.string().nullable().openapi({ description: 'The OEWS occupation (detailed or broad) this O*NET occupation is counted in' }),
      unitTitle: z.string().nullable(),
      unitEmployment: z.number().nullable(),
      onetOccupationsInUnit: z.number(),
      employment: z.number().nullable().openapi({ description: 'Unit employment split equally among its O*NET occupations: the weight in sums, not a published count' }),
      employmentSoc: z.number().nullable().openapi({ description: 'OEWS employment of the unit, as BLS publishes it' }),
      employmentSplit: z.boolean(),
      employmentNote: z.string().nullable().openapi({ example: 'Registered Nurses and 4 related O*NET occupations' }),
      wages: WageSchema.nullable(),
      history: z.array(z.object({ year: z.number(), employment: z.number().nullable(), annualMedian: z.number().nullable() })),
    }),
    projection: z
      .object({
        vintage: z.string(),
        socCode: z.string(),
        baseYear: z.number(),
        targetYear: z.number(),
        baseEmployment: z.number().nullable(),
        targetEmployment: z.number().nullable(),
        changePct: z.number().nullable().openapi({ description: 'Percent (BLS publishes percent, e.g. 4.6)' }),
        openings: z.number().nullable().openapi({ description: 'Annual average openings' }),
        typicalEducation: z.string().nullable(),
      })
      .nullable(),
    related: z.array(z.object({ code: z.string(), title: z.string(), tier: z.string().nullable(), beta: z.number().nullable(), class: ClassSchema.nullable() })),
    sources: z.array(z.string()),
  })
  .openapi('OccupationDetail');
export type OccupationDetail = z.infer<typeof OccupationDetailSchema>;

// ---------- GET /api/compare

export const CompareSchema = z
  .object({
    series: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        source: z.string(),
        codeSystem: z.string(),
        n: z.number(),
        independent: z.boolean().openapi({ description: 'False for the built-in model (local): it is trained on the human labels, so its agreement with them is its fit, not evidence' }),
        note: z.string().optional().openapi({ example: 'trained on these labels — not independent' }),
      }),
    ),
    pairs: z.array(
      z.object({
        a: z.string(),
        b: z.string(),
        n: z.number(),
        pearson: z.number().nullable(),
        spearman: z.number().nullable(),
        topDecileOverlap: z.number().nullable().openapi({ description: 'null when fewer than 10 codes are shared' }),
        independent: z.boolean().openapi({ description: 'False when either measure is not independent (a series\'s note says why): list such pairs apart from the comparison' }),
      }),
    ),
    values: z
      .object({
        soc: z.array(z.string()),
        title: z.array(z.string()),
        measures: z.record(z.string(), z.array(z.number().nullable())),
      })
      .openapi({ description: 'Per SOC 2018 code, every measure (columnar: measures[id][i] belongs to soc[i]); null where a measure does not cover the code' }),
    method: z.array(z.string()),
  })
  .openapi('Compare');
export type Compare = z.infer<typeof CompareSchema>;

// ---------- GET /api/data

export const DataStatusSchema = z
  .object({
    schemaVersion: z.number(),
    empty: z.boolean(),
    tables: z.record(z.string(), z.number()),
    oewsYears: z.array(z.number()),
    epVintages: z.array(z.string()),
    cpsYears: z.array(z.number()),
    measures: z.array(z.string()),
    oewsMatch: z.array(z.object({ year: z.number(), share: z.number(), matchedEmployment: z.number(), totalEmployment: z.number() })),
    sources: z.array(z.object({ dataset: z.string(), file: z.string(), release: z.string(), rows: z.number(), importedAt: z.string() })),
    missing: z.array(z.object({ what: z.string(), disables: z.string() })),
    onetCredit: z.string().openapi({ description: 'The credit line the O*NET database licence asks for (onetcenter.org/license_db.html), naming the releases imported' }),
    scorers: z.object({
      analysis: z.array(ScorerNameSchema).openapi({ description: 'Scorers whose ratings of the O*NET tasks are available for analysis' }),
      score: z.array(z.object({ id: z.string(), label: z.string(), background: z.boolean() })).openapi({ description: 'Scorers POST /api/score accepts' }),
    }),
  })
  .openapi('DataStatus');
export type DataStatusOut = z.infer<typeof DataStatusSchema>;

// ---------- POST /api/score

export const MAX_SCORE_TASKS = 1000;
/** Same limit as `jobshift score` (a task statement, not a document). */
export const MAX_TASK_TEXT = 2000;

/** An O*NET-SOC code (13-2011.00); a SOC code (13-2011) reads as its .00 occupation. */
const OnetCodeSchema = z
  .string()
  .regex(/^\d{2}-\d{4}(\.\d{2})?$/, 'must be an O*NET-SOC code like 13-2011.00')
  .transform((c) => (c.length === 7 ? `${c}.00` : c));
const TaskTextSchema = z.string().trim().min(1, 'is empty').max(MAX_TASK_TEXT, `is longer than ${MAX_TASK_TEXT} characters`);
export const ScoreRequestSchema = z
  .object({
    tasks: z
      .array(
        // A bare string is shorthand for {text}; both are documented, the object is what is validated.
        z.preprocess(
          (t) => (typeof t === 'string' ? { text: t } : t),
          z.object(
            {
              text: TaskTextSchema,
              title: z.string().max(200).optional(),
              onetCode: OnetCodeSchema.optional().openapi({ description: 'The occupation, when the title is not an O*NET title (the local model then knows its context)' }),
            },
            { error: 'must be a task statement (text) or {"text": ..., "title": ..., "onetCode": ...}' },
          ),
        ),
      )
      .min(1, 'needs at least one task')
      .max(MAX_SCORE_TASKS, `at most ${MAX_SCORE_TASKS} tasks per request`)
      .openapi({
        description: 'Task statements as {text, title?, onetCode?}; a plain string is accepted as {text}',
        example: [{ text: 'Prepare detailed reports on audit findings.', title: 'Auditor' }, { text: 'Meet with clients to discuss tax planning.' }],
      }),
    scorer: z.string().min(1).default('local').openapi({ example: 'local' }),
    title: z.string().max(200).optional().openapi({ description: 'Job title applied to every task without its own' }),
    onetCode: OnetCodeSchema.optional().openapi({ description: 'O*NET-SOC code applied to every task without its own' }),
    rubric: z
      .string()
      .min(1)
      .optional()
      .openapi({ description: 'Exposure rubric for the llm and llama scorers: eloundou2023 (default; the published GPTs-are-GPTs text) or modern2025 (jobshift\'s rewording)', example: 'eloundou2023' }),
  })
  .openapi('ScoreRequest');

export const TaskScoreSchema = z.object({
  exposure: ExposureLabelSchema.nullable().openapi({ description: 'null when the scorer cannot read the text as a task statement: flag is then "not a task statement", and p is absent' }),
  p: ProbabilitiesSchema.optional().openapi({ description: 'Probabilities of E0, E1, E2; absent without a label. Below 0.5 at the top, flag says "uncertain"' }),
  automation: AutomationLabelSchema.nullable().openapi({ description: "The scorer's automation level as it gave it, E0 tasks included (see automationShown)" }),
  scorer: z.string(),
  flag: z.string().optional().openapi({ description: 'A note from the scorer (e.g. low confidence, out of domain; the rubric of an llm/llama rating)' }),
  rawExposure: z.string().optional().openapi({ description: 'The label as the model answered it, when the rubric maps it (eloundou2023: E3, counted as E2)' }),
});
export const ScoreRowSchema = z.union([
  TaskScoreSchema.extend({
    text: z.string(),
    automationShown: AutomationLabelSchema.nullable().openapi({
      description:
        'The automation level to show beside the exposure label: automation for exposed tasks (E1, E2); null for E0 tasks, where the GPTs-are-GPTs automation rubric says nothing a reader can use (an LLM would not cut the task\'s time by half), and without a label',
    }),
  }),
  z.object({ text: z.string(), error: z.string() }),
]);
/** The rubric an llm/llama scorer asked with (scoring/rubric.ts rubricSummary). */
export const RubricSummarySchema = z
  .object({
    id: z.string(),
    version: z.string(),
    title: z.string(),
    citation: z.string(),
    verbatim: z.boolean().openapi({ description: 'True when the rubric text is the published one, copied as is' }),
    sources: z.array(z.object({ repository: z.string(), path: z.string(), commit: z.string(), passage: z.string() })).openapi({ description: 'Where a verbatim text was copied from' }),
    changes: z.array(z.object({ change: z.string(), why: z.string() })).openapi({ description: 'What differs from the published rubric, and why' }),
    caveats: z.array(z.string()),
    labels: z.array(z.string()),
    mapping: z.string(),
    automation: z
      .object({ id: z.string(), version: z.string(), title: z.string(), verbatim: z.boolean(), caveat: z.string() })
      .optional()
      .openapi({ description: "The automation question (T0-T4), asked separately in jobshift's own wording" }),
  })
  .openapi('RubricSummary');
export const ScoreResultSchema = z
  .object({
    scorer: z.string(),
    rubric: RubricSummarySchema.optional().openapi({ description: 'The rubric, for the llm and llama scorers' }),
    results: z.array(ScoreRowSchema),
  })
  .openapi('ScoreResult');
export type ScoreResult = z.infer<typeof ScoreResultSchema>;

export const JobAcceptedSchema = z.object({ job: z.string() }).openapi('JobAccepted');

// ---------- GET /api/jobs/{id}

export const JobIdParam = z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) });
export const JobSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    status: z.enum(['running', 'done', 'failed']),
    progress: z.object({ done: z.number(), total: z.number() }),
    result: z.unknown().optional().openapi({ description: 'The route\'s own result body (e.g. ScoreResult) once done' }),
    error: z.string().optional(),
    createdAt: z.string(),
  })
  .openapi('Job');
export type JobOut = z.infer<typeof JobSchema>;

// ---------- POST /api/reports, GET /api/reports/{id}/{file}

/** As POST /api/simulate. */
export const MAX_REPORT_DRAWS = 5000;
/** The built-in scenarios (src/simulate/scenarios.ts SCENARIO_NAMES; a test keeps the two equal). Files are not accepted remotely. */
export const REPORT_SCENARIOS = ['central', 'slow', 'fast'] as const;
const ReportYear = z.number().int().min(2000).max(2100);

export const ReportRequestSchema = z
  .object({
    formats: z
      .array(z.enum(['md', 'html', 'pdf']))
      .min(1, 'needs at least one format')
      .max(3)
      .default(['md', 'html'])
      .openapi({ description: 'Files to write: md (Markdown with charts beside it), html (standalone, charts inline), pdf (needs Chromium on the server). Default md and html', example: ['md', 'html'] }),
    scenario: z.enum(REPORT_SCENARIOS).default('central').openapi({ description: 'Built-in scenario for the projection sections', example: 'central' }),
    years: z.tuple([ReportYear, ReportYear]).optional().openapi({ description: 'Scenario years [first, last] (default [2025, 2035])', example: [2025, 2035] }),
    draws: z.number().int().min(1).max(MAX_REPORT_DRAWS).optional().openapi({ description: `Scenario Monte Carlo draws (default 1000, at most ${MAX_REPORT_DRAWS})`, example: 1000 }),
    scorer: ScorerNameSchema.default('human'),
    measure: MeasureSchema.default('beta'),
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(1).openapi({ description: 'Seed for the bootstrap, the scenario draws and model sampling', example: 1 }),
    narrative: z
      .enum(['template', 'llm', 'llama'])
      .default('template')
      .openapi({ description: 'template: deterministic prose; llm, llama: written by the model this server is configured with (JOBSHIFT_LLM_BASE_URL, JOBSHIFT_LLAMA_MODEL), every number checked against the facts' }),
    temperature: z.number().min(0).max(2).optional().openapi({ description: 'Sampling, for narrative llm or llama' }),
    topK: z.number().int().min(1).optional(),
    topP: z.number().gt(0).max(1).optional(),
    maxTokens: z.number().int().min(1).max(8192).optional().openapi({ description: 'Most tokens per section (default 400)' }),
  })
  .strict()
  .openapi('ReportRequest');
/** What a client sends (fields with defaults may be left out). */
export type ReportRequestBody = z.input<typeof ReportRequestSchema>;

export const ReportFileSchema = z
  .object({
    name: z.string().openapi({ example: 'report.html' }),
    url: z.string().openapi({ description: 'Where to download it', example: '/api/reports/3f0c2a9e-8f7b-4c1d-9a51-0e2b7c6d5f10/report.html' }),
    contentType: z.string().openapi({ example: 'text/html; charset=utf-8' }),
    bytes: z.number().int(),
  })
  .openapi('ReportFile');
export type ReportFileOut = z.infer<typeof ReportFileSchema>;

const ReportFactSchema = z.object({ value: z.number(), unit: z.string(), label: z.string(), source: z.string(), method: z.string() });

export const ReportJobResultSchema = z
  .object({
    date: z.string().openapi({ description: 'The date the report states (YYYY-MM-DD)' }),
    files: z.array(ReportFileSchema).openapi({ description: 'The documents: report.md, report.html, report.pdf (those asked for)' }),
    charts: z.array(ReportFileSchema).openapi({ description: 'Chart files the Markdown links to (charts/*.svg, Mermaid sources)' }),
    sections: z.array(z.object({ id: z.string(), title: z.string() })),
    narrative: z.object({
      kind: z.enum(['template', 'llm', 'llama']),
      author: z.string(),
      grounded: z.number().openapi({ description: 'Numbers in model prose found in the facts' }),
      removed: z.array(z.object({ section: z.string(), text: z.string(), sentence: z.string() })).openapi({ description: 'Sentences removed because a number in them is not in the facts' }),
    }),
    scenario: z.object({ available: z.boolean(), reason: z.string().optional() }),
    headline: z.record(z.string(), ReportFactSchema).openapi({ description: 'The headline numbers, each with its unit (shares in 0-1, workers, US dollars), source and method' }),
    seconds: z.object({ facts: z.number(), narrative: z.number(), render: z.number(), pdf: z.number(), total: z.number() }),
  })
  .openapi('ReportJobResult');
export type ReportJobResult = z.infer<typeof ReportJobResultSchema>;

/** A report file name: letters, digits, '.', '_' and '-', no path (so no traversal can be written). */
const ReportFileName = z.string().max(100).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be the name of a file the report job wrote, like report.html');
export const ReportFileParams = z.object({
  id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' }, description: 'The report job id (from POST /api/reports)' }),
  file: ReportFileName.openapi({ param: { name: 'file', in: 'path' }, example: 'report.html' }),
});
