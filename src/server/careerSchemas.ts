/**
 * The people tools at the HTTP boundary: requests and responses of GET /api/match,
 * POST /api/career and POST /api/workforce, declared once. The routes check requests with them,
 * the OpenAPI document is generated from them, the tests check responses against them (strict:
 * a field the server adds or drops fails the test), and the dashboard takes its types from them
 * (type-only imports), so the pages never redeclare what the server sends.
 */
import { z } from '@hono/zod-openapi';
import { AutomationLabelSchema, ClassSchema, ExposureLabelSchema, RatedBySchema } from './schemas.js';

const IntervalSchema = z.strictObject({ lo: z.number(), hi: z.number() });
const RowErrorSchema = z.strictObject({ row: z.number().int(), field: z.string().optional(), message: z.string() });

export const CareerScorerSchema = z.enum(['human', 'gpt4', 'local', 'llm']).default('human').openapi({ description: 'Exposure scorer (default: the published human labels)' });

export const MatchQuerySchema = z.object({
  q: z.string().trim().min(1, 'is empty').max(2000, 'is longer than 2,000 characters').openapi({ param: { name: 'q', in: 'query' }, example: 'senior accounts payable clerk' }),
  top: z
    .string()
    .regex(/^\d{1,2}$/, 'must be a whole number from 1 to 50')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 50, 'must be a whole number from 1 to 50')
    .optional()
    .openapi({ param: { name: 'top', in: 'query' }, example: '5' }),
});

const TitleMatchSchema = z
  .strictObject({
    code: z.string(),
    title: z.string(),
    score: z.number().openapi({ description: 'Combined evidence; comparable between candidates of one query only' }),
    confidence: z.number().openapi({ description: 'Calibrated probability that this candidate is right (held-out O*NET alternate titles)' }),
    matchedOn: z.strictObject({ field: z.enum(['title', 'alternate', 'short', 'reported', 'text']), text: z.string() }),
  })
  .openapi('TitleMatch');

export const MatchResultSchema = z.strictObject({ query: z.string(), matches: z.array(TitleMatchSchema) }).openapi('MatchResult');

export const CareerRequestSchema = z
  .object({
    query: z.string().trim().max(5000, 'is longer than 5,000 characters').default('').openapi({ example: 'payroll clerk', description: 'A job title or a paragraph describing the job' }),
    code: z.string().regex(/^\d{2}-?\d{4}(\.\d{2})?$/, 'must be an O*NET-SOC code like 43-3051.00').optional().openapi({ description: 'Use this occupation instead of the best match' }),
    scorer: CareerScorerSchema,
  })
  .refine((b) => b.query !== '' || b.code !== undefined, { message: 'give a query or a code', path: ['query'] })
  .openapi('CareerRequest');

const ProfileTaskSchema = z.strictObject({
  taskId: z.number().int(),
  text: z.string(),
  type: z.string().nullable(),
  exposure: ExposureLabelSchema,
  value: z.number().openapi({ description: 'Contribution to beta: E1 1, E2 0.5, E0 0 (expected value under probabilities)' }),
  automation: AutomationLabelSchema.nullable(),
  likely: z.enum(['automation', 'augmentation']).nullable().openapi({ description: 'Exposed tasks: automation when rated T3-T4, augmentation when T0-T2' }),
  origin: z.enum(['published', 'model', 'llm']),
});

const PathwaySchema = z.strictObject({
  code: z.string(),
  title: z.string(),
  score: z.number(),
  similarity: z.number().nullable(),
  beta: z.number().nullable(),
  automation: z.number().nullable(),
  medianWage: z.number().nullable(),
  wageChange: z.number().nullable(),
  growthPct: z.number().nullable(),
  openings: z.number().nullable(),
  related: z.boolean(),
  transitionShare: z.number().nullable(),
  reasons: z.array(
    z.strictObject({
      component: z.enum(['similarity', 'exposure', 'wage', 'growth', 'openings', 'related']),
      value: z.number(),
      weight: z.number(),
      contribution: z.number(),
      text: z.string(),
    }),
  ),
  gaps: z.array(z.strictObject({ name: z.string(), domain: z.string(), gap: z.number() })),
});

export const CareerProfileSchema = z
  .strictObject({
    query: z.string(),
    matches: z.array(TitleMatchSchema),
    lowConfidence: z.boolean(),
    occupation: z.strictObject({ code: z.string(), title: z.string(), chosen: z.enum(['match', 'code']), confidence: z.number().nullable() }),
    exposure: z
      .strictObject({
        scorer: z.string(),
        alpha: z.number(),
        beta: z.number(),
        gamma: z.number(),
        betaInterval: IntervalSchema,
        automation: z.number().nullable(),
        augmentation: z.number(),
        class: ClassSchema,
        classLabel: z.string(),
        tasks: z.number().int(),
        filledShare: z.number(),
        ratedBy: RatedBySchema,
      })
      .nullable(),
    employment: z.strictObject({
      oewsYear: z.number().int(),
      socCode: z.string().nullable(),
      employment: z.number().nullable().openapi({ description: 'The OEWS figure split equally among the O*NET occupations sharing it: the weight in sums, not a published count' }),
      employmentSoc: z.number().nullable().openapi({ description: 'OEWS employment of the SOC code (or broad group), as BLS publishes it' }),
      employmentSplit: z.boolean(),
      employmentNote: z.string().nullable().openapi({ example: 'Registered Nurses and 4 related O*NET occupations' }),
      medianWage: z.number().nullable(),
      growthPct: z.number().nullable(),
      openings: z.number().nullable(),
    }),
    mostExposed: z.array(ProfileTaskSchema),
    leastExposed: z.array(ProfileTaskSchema),
    skills: z.array(z.strictObject({ name: z.string(), domain: z.string(), importance: z.number(), reliantExposure: z.number(), reason: z.string() })),
    pathways: z.array(PathwaySchema),
    pathwayWeights: z.strictObject({ similarity: z.number(), exposure: z.number(), wage: z.number(), growth: z.number(), openings: z.number(), related: z.number() }),
    notes: z.array(z.string()),
    method: z.array(z.string()),
    sources: z.array(z.string()),
  })
  .openapi('CareerProfile', { description: 'See `jobshift career --json`: tasks, skills to strengthen and pathways with their reasons' });
export type CareerProfileOut = z.infer<typeof CareerProfileSchema>;

const RosterRowInSchema = z.looseObject({
  job_title: z.string().optional(),
  headcount: z.union([z.number(), z.string()]).optional(),
  department: z.string().nullable().optional(),
  soc_code: z.string().nullable().optional(),
});

export const WorkforceRequestSchema = z
  .object({
    rows: z.array(RosterRowInSchema).max(5000, 'at most 5,000 rows').optional().openapi({ description: 'Roster rows: job_title, headcount, optional department and soc_code' }),
    csv: z.string().max(900_000).optional().openapi({ description: 'Or the roster as CSV text with a header row' }),
    scorer: CareerScorerSchema,
    minConfidence: z.number().min(0).max(1).default(0.5).openapi({ description: 'Title matches below this confidence are set aside for review' }),
  })
  .refine((b) => (b.rows === undefined) !== (b.csv === undefined), { message: 'give either rows or csv', path: ['rows'] })
  .openapi('WorkforceRequest');

const MappedRowSchema = z.strictObject({
  row: z.number().int(),
  jobTitle: z.string(),
  headcount: z.number().int(),
  department: z.string().nullable(),
  socCode: z.string().nullable(),
  status: z.enum(['mapped', 'review', 'unscored']).openapi({ description: 'mapped: in the figures; review: low-confidence title match, left out; unscored: no exposure ratings' }),
  via: z.enum(['soc_code', 'title']),
  code: z.string(),
  title: z.string(),
  confidence: z.number(),
  candidates: z.array(z.strictObject({ code: z.string(), title: z.string(), confidence: z.number() })),
  beta: z.number().nullable(),
  betaInterval: IntervalSchema.nullable(),
  automation: z.number().nullable(),
  augmentation: z.number().nullable(),
  class: ClassSchema.nullable(),
  hours: z.number(),
  hoursExposed: z.number().nullable(),
  hoursAutomationExposed: z.number().nullable(),
  filledShare: z.number().nullable(),
});

export const RosterAnalysisSchema = z
  .strictObject({
    scorer: z.string(),
    rows: z.array(MappedRowSchema),
    errors: z.array(RowErrorSchema),
    totals: z.strictObject({
      rows: z.number().int(),
      headcount: z.number(),
      analysedHeadcount: z.number(),
      reviewHeadcount: z.number(),
      unscoredHeadcount: z.number(),
      beta: z.number().nullable(),
      betaInterval: IntervalSchema.nullable(),
      hours: z.number(),
      hoursExposed: z.number(),
      hoursAutomationExposed: z.number(),
    }),
    byClass: z.array(z.strictObject({ class: ClassSchema, label: z.string(), headcount: z.number(), roles: z.array(z.string()) })),
    departments: z.array(z.strictObject({ department: z.string(), headcount: z.number(), beta: z.number().nullable() })),
    substitutionRisk: z.array(MappedRowSchema),
    augment: z.array(MappedRowSchema),
    redeployment: z.array(
      z.strictObject({
        from: z.strictObject({ row: z.number().int(), jobTitle: z.string(), code: z.string(), beta: z.number(), headcount: z.number() }),
        options: z.array(
          z.strictObject({ row: z.number().int(), jobTitle: z.string(), code: z.string(), title: z.string(), beta: z.number().nullable(), score: z.number(), similarity: z.number().nullable(), gaps: z.array(z.string()) }),
        ),
      }),
    ),
    reskilling: z.array(
      z.strictObject({
        row: z.number().int(),
        jobTitle: z.string(),
        headcount: z.number(),
        class: ClassSchema,
        target: z.strictObject({ code: z.string(), title: z.string(), inRoster: z.boolean(), jobTitle: z.string().nullable(), beta: z.number().nullable() }),
        learn: z.array(z.strictObject({ name: z.string(), domain: z.string(), gap: z.number() })),
        strengthen: z.array(z.string()),
      }),
    ),
    skillDemand: z.array(z.strictObject({ name: z.string(), domain: z.string(), headcount: z.number(), roles: z.number() })),
    assumptions: z.array(z.string()),
    method: z.array(z.string()),
    sources: z.array(z.string()),
  })
  .openapi('RosterAnalysis', { description: 'See `jobshift workforce --json`' });
export type RosterAnalysisOut = z.infer<typeof RosterAnalysisSchema>;

export const RosterRejectedSchema = z.object({ error: z.string(), errors: z.array(RowErrorSchema) }).openapi('RosterRejected');
