/**
 * Every published measure side by side, on one key: the SOC 2018 6-digit code.
 *
 * - O*NET-SOC measures (jobshift scorers, Anthropic) are averaged (shares: summed) over the
 *   O*NET occupations under each SOC code.
 * - SOC 2010 measures (AIOE, LM-AIOE, IG-AIOE: Felten, Raj & Seamans 2021, 2023; Frey &
 *   Osborne 2017) go through the BLS SOC 2010 -> 2018 crosswalk; a 2018 code takes the mean
 *   of the 2010 codes that map to it.
 * - ISCO-08 measures (ILO: Gmyrek et al. 2025) go ISCO-08 -> SOC 2010 (BLS crosswalk; a SOC
 *   code takes the mean of the ISCO groups mapped to it) -> SOC 2018.
 * Each pair is compared on the SOC codes both cover, with n reported. For scale, published
 * recomputations give r ≈ 0.86 between human beta and LM-AIOE at the 6-digit SOC level.
 *
 * Not every series is an independent measure: the built-in model (scorer `local`) is trained on
 * the GPTs-are-GPTs human labels, so its r ≈ 0.99 with them is the fit of a model to its own
 * training data, not agreement between methods. Such a series is marked `independent: false`
 * with its note, and so is every pair it is in; readers list those pairs apart.
 */
import type { Store } from '../data/store.js';
import type { OccupationExposure } from './exposure.js';
import { pearson, spearman, topDecileOverlap } from './stats.js';

export interface MeasureSeries {
  id: string;
  label: string;
  source: string;
  codeSystem: string;
  values: Map<string, number>;
  /** False for a series derived from another one here (trained on its labels): see `note`. Default true. */
  independent?: boolean;
  note?: string;
}

/** The note of the built-in model's series, wherever it is listed beside the published measures. */
export const TRAINED_ON_LABELS_NOTE = 'trained on these labels — not independent';

/** jobshift scorers that are not independent measures, and why (the local model learns the human labels: scoring/local/train.ts). */
const NOT_INDEPENDENT: Readonly<Record<string, string>> = { local: TRAINED_ON_LABELS_NOTE };

export const PUBLISHED_MEASURES: { id: string; label: string; source: string }[] = [
  { id: 'aioe', label: 'AIOE', source: 'Felten, Raj & Seamans (2021), AI Occupational Exposure' },
  { id: 'lm_aioe', label: 'LM-AIOE', source: 'Felten, Raj & Seamans (2023), Language-Modeling AIOE' },
  { id: 'ig_aioe', label: 'IG-AIOE', source: 'Felten, Raj & Seamans (2023), Image-Generation AIOE' },
  { id: 'microsoft_ai_applicability', label: 'Microsoft AI applicability', source: 'Tomlinson et al. (2025), Working with AI' },
  { id: 'ilo_2025', label: 'ILO 2025', source: 'Gmyrek et al. (2025), ILO generative-AI exposure' },
  { id: 'ilo_2023', label: 'ILO 2023', source: 'Gmyrek, Berg & Bescond (2023), ILO generative-AI exposure' },
  { id: 'frey_osborne', label: 'Frey–Osborne', source: 'Frey & Osborne (2017), probability of computerisation' },
  { id: 'anthropic_conversation_share', label: 'Anthropic conversation share', source: 'Handa et al. (2025), Anthropic Economic Index' },
];

interface Crosswalks {
  soc2010to2018: Map<string, string[]>;
  iscoToSoc2010: Map<string, string[]>;
}

async function crosswalks(store: Store): Promise<Crosswalks> {
  const a = await store.all<{ soc2010: string; soc2018: string }>(`SELECT soc2010, soc2018 FROM crosswalk_soc2010_soc2018`);
  const b = await store.all<{ isco08: string; soc2010: string }>(`SELECT isco08, soc2010 FROM crosswalk_isco08_soc2010`);
  const group = (rows: [string, string][]) => {
    const m = new Map<string, string[]>();
    for (const [k, v] of rows) {
      const l = m.get(k) ?? [];
      if (!l.includes(v)) l.push(v);
      m.set(k, l);
    }
    return m;
  };
  return { soc2010to2018: group(a.map((r) => [r.soc2010, r.soc2018])), iscoToSoc2010: group(b.map((r) => [r.isco08, r.soc2010])) };
}

/** Mean of values landing on each target code. */
function spread(values: Map<string, number>, mapping: (code: string) => string[]): Map<string, number> {
  const acc = new Map<string, { s: number; n: number }>();
  for (const [code, v] of values) {
    for (const t of mapping(code)) {
      const a = acc.get(t) ?? { s: 0, n: 0 };
      a.s += v;
      a.n++;
      acc.set(t, a);
    }
  }
  return new Map([...acc].map(([k, a]) => [k, a.s / a.n]));
}

/** O*NET-SOC values onto SOC 2018 6-digit codes: mean (or sum for shares). */
export function onetToSoc(values: Iterable<[string, number]>, how: 'mean' | 'sum' = 'mean'): Map<string, number> {
  const acc = new Map<string, { s: number; n: number }>();
  for (const [code, v] of values) {
    const k = code.slice(0, 7);
    const a = acc.get(k) ?? { s: 0, n: 0 };
    a.s += v;
    a.n++;
    acc.set(k, a);
  }
  return new Map([...acc].map(([k, a]) => [k, how === 'sum' ? a.s : a.s / a.n]));
}

export async function publishedSeries(store: Store): Promise<MeasureSeries[]> {
  const cw = await crosswalks(store);
  const out: MeasureSeries[] = [];
  for (const m of PUBLISHED_MEASURES) {
    const rows = await store.all<{ code_system: string; code: string; value: number }>(
      `SELECT code_system, code, value FROM measures WHERE measure = ? AND value IS NOT NULL`,
      [m.id],
    );
    if (rows.length === 0) continue;
    const system = rows[0]!.code_system;
    const raw = new Map(rows.map((r) => [r.code, r.value]));
    let values: Map<string, number>;
    if (system === 'SOC2018') values = raw;
    else if (system === 'SOC2010') values = spread(raw, (c) => cw.soc2010to2018.get(c) ?? []);
    else if (system === 'ISCO-08') {
      const soc2010 = spread(raw, (c) => cw.iscoToSoc2010.get(c) ?? []);
      values = spread(soc2010, (c) => cw.soc2010to2018.get(c) ?? []);
    } else values = onetToSoc(raw, m.id === 'anthropic_conversation_share' ? 'sum' : 'mean');
    out.push({ ...m, codeSystem: system, values, independent: true });
  }
  return out;
}

export function scorerSeries(id: string, label: string, source: string, occupations: OccupationExposure[], measure: 'alpha' | 'beta' | 'gamma' = 'beta'): MeasureSeries {
  const note = NOT_INDEPENDENT[id];
  return { id, label, source, codeSystem: 'O*NET-SOC', values: onetToSoc(occupations.map((o) => [o.onetCode, o[measure]])), independent: !note, ...(note ? { note } : {}) };
}

export interface PairComparison {
  a: string;
  b: string;
  n: number;
  pearson: number;
  spearman: number;
  topDecileOverlap: number;
  /** False when either measure is not independent (MeasureSeries.independent): not evidence of agreement. */
  independent: boolean;
}

export function compareSeries(series: MeasureSeries[]): PairComparison[] {
  const out: PairComparison[] = [];
  for (let i = 0; i < series.length; i++) {
    for (let j = i + 1; j < series.length; j++) {
      const A = series[i]!;
      const B = series[j]!;
      const x: number[] = [];
      const y: number[] = [];
      for (const [code, v] of A.values) {
        const w = B.values.get(code);
        if (w !== undefined && Number.isFinite(v) && Number.isFinite(w)) {
          x.push(v);
          y.push(w);
        }
      }
      out.push({
        a: A.id,
        b: B.id,
        n: x.length,
        pearson: pearson(x, y),
        spearman: spearman(x, y),
        topDecileOverlap: x.length >= 10 ? topDecileOverlap(x, y) : NaN,
        independent: A.independent !== false && B.independent !== false,
      });
    }
  }
  return out;
}

export interface ComparisonResult {
  series: { id: string; label: string; source: string; codeSystem: string; n: number; independent: boolean; note?: string }[];
  pairs: PairComparison[];
  method: string[];
}

/** jobshift's scorers (beta) beside every published measure in the store. */
export async function compareMeasures(store: Store, scorers: { id: string; label: string; source: string; occupations: OccupationExposure[] }[]): Promise<ComparisonResult> {
  const series = [...scorers.map((s) => scorerSeries(s.id, s.label, s.source, s.occupations)), ...(await publishedSeries(store))];
  return {
    series: series.map((s) => ({ id: s.id, label: s.label, source: s.source, codeSystem: s.codeSystem, n: s.values.size, independent: s.independent !== false, ...(s.note ? { note: s.note } : {}) })),
    pairs: compareSeries(series),
    method: [
      ...(series.some((s) => s.independent === false)
        ? [`Not independent: ${series.filter((s) => s.independent === false).map((s) => s.label).join(', ')} — the built-in model is trained on the GPTs-are-GPTs human labels, so its agreement with them measures its fit, not the measures' agreement; its pairs are listed apart.`]
        : []),
      'All measures are put on SOC 2018 6-digit codes: O*NET-SOC scores averaged (Anthropic conversation shares summed) over the O*NET occupations under each code; SOC 2010 measures through the BLS SOC 2010-2018 crosswalk (mean of the 2010 codes mapping to a 2018 code); ISCO-08 measures through the BLS ISCO-08-SOC 2010 crosswalk, then to SOC 2018.',
      'Pearson and Spearman correlations and the top-decile overlap (share of the top 10% by one measure also in the top 10% by the other; 0.1 by chance) on the codes both measures cover; n per pair.',
    ],
  };
}
