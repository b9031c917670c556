/**
 * Scenario parameters as plain data: each is a central value, an optional distribution for the
 * Monte Carlo draws, and the source or reasoning it comes from (ids such as "D8" refer to
 * /work/shared/METHODS.md tables; "[S]" marks values only a secondary source stated, not
 * verified). The zod schema checks scenario files and inline scenarios at the boundary; the
 * bounds table says which values make sense (a share is in [0, 1], an elasticity is >= 0).
 */
import { z } from 'zod';
import { InputError } from '../util/errors.js';
import { normal, type Rng } from '../util/rng.js';

export const DistSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('uniform'), min: z.number(), max: z.number() }).strict(),
  z.object({ type: z.literal('triangular'), min: z.number(), mode: z.number(), max: z.number() }).strict(),
  /** Normal, truncated to the parameter's bounds (and to min/max when given). */
  z.object({ type: z.literal('normal'), mean: z.number(), sd: z.number().nonnegative(), min: z.number().optional(), max: z.number().optional() }).strict(),
]);
export type Dist = z.infer<typeof DistSchema>;

export const ParamSchema = z
  .object({
    value: z.number(),
    dist: DistSchema.optional(),
    source: z.string().min(1),
    /** True when the value rests on a secondary source or on reasoning only. */
    unverified: z.boolean().optional(),
  })
  .strict();
export type Param = z.infer<typeof ParamSchema>;

const AdoptionGroupSchema = z.object({ ceiling: ParamSchema.optional(), midpoint: ParamSchema.optional(), rate: ParamSchema.optional() }).strict();

export const ScenarioSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().default(''),
    adoption: z
      .object({
        /** Logistic diffusion p(t) = K / (1 + exp(-r (t - t0))) (METHODS D8). */
        ceiling: ParamSchema,
        midpoint: ParamSchema,
        rate: ParamSchema,
        /** Effects count adoption beyond its level in this year (the BLS projections' base year). */
        baseYear: z.number().int().default(2024),
        /** Optional overrides by SOC major group ("15": computer and mathematical). */
        byGroup: z.record(z.string().regex(/^\d{2}$/, 'a two-digit SOC major group'), AdoptionGroupSchema).default({}),
      })
      .strict(),
    displacement: z.object({ substitutionRate: ParamSchema }).strict(),
    augmentation: z
      .object({
        costSaving: ParamSchema,
        labourShare: ParamSchema,
        elasticity: ParamSchema,
        elasticityByGroup: z.record(z.string().regex(/^\d{2}$/, 'a two-digit SOC major group'), ParamSchema).default({}),
      })
      .strict(),
    newWork: z.object({ complementaryGrowth: ParamSchema, reinstatement: ParamSchema }).strict(),
    redistribution: z
      .object({
        reemployment: ParamSchema,
        openingsShare: ParamSchema,
        weights: z
          .object({ skill: z.number(), related: z.number(), wage: z.number(), exposure: z.number() })
          .strict()
          .default({ skill: 4, related: 1.5, wage: 2, exposure: 2 }),
        destinations: z.number().int().min(1).max(200).default(20),
      })
      .strict(),
    macro: z.object({ capitalShare: ParamSchema }).strict(),
  })
  .strict();
export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;

/** Allowed range of each parameter, by its path with group keys replaced by "*". */
export const BOUNDS: Record<string, [number, number]> = {
  'adoption.ceiling': [0, 1],
  'adoption.midpoint': [1990, 2100],
  'adoption.rate': [0, 5],
  'adoption.byGroup.*.ceiling': [0, 1],
  'adoption.byGroup.*.midpoint': [1990, 2100],
  'adoption.byGroup.*.rate': [0, 5],
  'displacement.substitutionRate': [0, 1],
  'augmentation.costSaving': [0, 0.99],
  'augmentation.labourShare': [0, 1],
  'augmentation.elasticity': [0, 20],
  'augmentation.elasticityByGroup.*': [0, 20],
  'newWork.complementaryGrowth': [0, 1],
  'newWork.reinstatement': [0, 10],
  'redistribution.reemployment': [0, 1],
  'redistribution.openingsShare': [0, 1],
  'macro.capitalShare': [0, 0.95],
};

/** Every parameter in a scenario with its path ("adoption.ceiling", "augmentation.elasticityByGroup.29"). */
export function paramEntries(s: Scenario): { path: string; boundsKey: string; param: Param }[] {
  const out: { path: string; boundsKey: string; param: Param }[] = [];
  const add = (path: string, boundsKey: string, p: Param | undefined) => p && out.push({ path, boundsKey, param: p });
  add('adoption.ceiling', 'adoption.ceiling', s.adoption.ceiling);
  add('adoption.midpoint', 'adoption.midpoint', s.adoption.midpoint);
  add('adoption.rate', 'adoption.rate', s.adoption.rate);
  for (const [g, o] of Object.entries(s.adoption.byGroup)) {
    for (const k of ['ceiling', 'midpoint', 'rate'] as const) add(`adoption.byGroup.${g}.${k}`, `adoption.byGroup.*.${k}`, o[k]);
  }
  add('displacement.substitutionRate', 'displacement.substitutionRate', s.displacement.substitutionRate);
  add('augmentation.costSaving', 'augmentation.costSaving', s.augmentation.costSaving);
  add('augmentation.labourShare', 'augmentation.labourShare', s.augmentation.labourShare);
  add('augmentation.elasticity', 'augmentation.elasticity', s.augmentation.elasticity);
  for (const [g, p] of Object.entries(s.augmentation.elasticityByGroup)) add(`augmentation.elasticityByGroup.${g}`, 'augmentation.elasticityByGroup.*', p);
  add('newWork.complementaryGrowth', 'newWork.complementaryGrowth', s.newWork.complementaryGrowth);
  add('newWork.reinstatement', 'newWork.reinstatement', s.newWork.reinstatement);
  add('redistribution.reemployment', 'redistribution.reemployment', s.redistribution.reemployment);
  add('redistribution.openingsShare', 'redistribution.openingsShare', s.redistribution.openingsShare);
  add('macro.capitalShare', 'macro.capitalShare', s.macro.capitalShare);
  return out;
}

const fmt = (x: number) => String(+x.toPrecision(6));

/** Check every value and distribution against the parameter's bounds; one message naming the parameter. */
export function checkBounds(s: Scenario, where: { file?: string } = {}): void {
  for (const { path, boundsKey, param } of paramEntries(s)) {
    const [lo, hi] = BOUNDS[boundsKey]!;
    const check = (x: number, what: string) => {
      if (!(x >= lo && x <= hi)) throw new InputError(`${what} ${fmt(x)} is out of range [${fmt(lo)}, ${fmt(hi)}]`, { ...where, field: path });
    };
    check(param.value, 'value');
    const d = param.dist;
    if (!d) continue;
    if (d.type === 'uniform' || d.type === 'triangular') {
      check(d.min, 'dist.min');
      check(d.max, 'dist.max');
      if (d.min > d.max) throw new InputError(`dist.min ${fmt(d.min)} is above dist.max ${fmt(d.max)}`, { ...where, field: path });
      if (d.type === 'triangular' && !(d.mode >= d.min && d.mode <= d.max)) throw new InputError(`dist.mode ${fmt(d.mode)} is outside [min, max]`, { ...where, field: path });
    } else {
      check(d.mean, 'dist.mean');
      if (d.min !== undefined) check(d.min, 'dist.min');
      if (d.max !== undefined) check(d.max, 'dist.max');
    }
  }
}

/** One draw of a parameter (its value when it has no distribution). Normal draws are truncated by rejection, then clamped. */
export function sampleParam(p: Param, rng: Rng, bounds: [number, number]): number {
  const d = p.dist;
  if (!d) return p.value;
  switch (d.type) {
    case 'uniform':
      return d.min + (d.max - d.min) * rng();
    case 'triangular': {
      const u = rng();
      const { min: a, mode: c, max: b } = d;
      if (b === a) return a;
      const f = (c - a) / (b - a);
      return u < f ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
    }
    case 'normal': {
      const lo = Math.max(bounds[0], d.min ?? -Infinity);
      const hi = Math.min(bounds[1], d.max ?? Infinity);
      for (let i = 0; i < 20; i++) {
        const x = d.mean + d.sd * normal(rng);
        if (x >= lo && x <= hi) return x;
      }
      return Math.min(hi, Math.max(lo, d.mean));
    }
  }
}
