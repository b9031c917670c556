/**
 * `jobshift report`: facts -> narrative -> document -> Markdown, HTML, PDF and chart files.
 *
 * Output is atomic: everything is written into a temporary folder beside the target and moved
 * into place at the end, so a failure (an unreachable model server, a PDF that cannot print, a
 * full disk) leaves no half-written report behind.
 */
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { basename, dirname, join, resolve } from 'node:path';
import type { Store } from '../data/store.js';
import { storeGenerationCache } from '../llm/cache.js';
import { createProvider, type ProviderOptions, type TextProvider } from '../llm/provider.js';
import type { GapFiller } from '../scoring/taskScores.js';
import { resolveScenario } from '../simulate/index.js';
import { InputError } from '../util/errors.js';
import { type Progress, silentProgress } from '../util/progress.js';
import type { ReportDocument } from './document.js';
import { gatherFacts, type ReportFacts } from './facts.js';
import { CHART_WIDTH, renderCharts, renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { modelNarrative, NARRATIVE_KINDS, type NarrativeKind, type SamplingOptions, type SectionNarrative, templateNarratives } from './narrative.js';
import { htmlToPdf } from './pdf.js';
import { buildDocument } from './sections.js';

export type ReportFormat = 'md' | 'html' | 'pdf';
export const REPORT_FORMATS: ReportFormat[] = ['md', 'html', 'pdf'];

export function parseFormats(value: string | string[] | undefined): ReportFormat[] {
  if (value === undefined) return [...REPORT_FORMATS];
  const list = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase()).filter(Boolean);
  if (list.length === 0) throw new InputError('no format given (available: md, html, pdf)', { field: 'format' });
  const out: ReportFormat[] = [];
  for (const f of list) {
    const norm = f === 'markdown' ? 'md' : f;
    if (!(REPORT_FORMATS as string[]).includes(norm)) throw new InputError(`unknown format "${f}" (available: md, html, pdf)`, { field: 'format' });
    if (!out.includes(norm as ReportFormat)) out.push(norm as ReportFormat);
  }
  return out;
}

export function parseNarrative(value: string | undefined): NarrativeKind {
  const v = value ?? 'template';
  if ((NARRATIVE_KINDS as string[]).includes(v)) return v as NarrativeKind;
  throw new InputError(`unknown narrative "${v}" (available: ${NARRATIVE_KINDS.join(', ')})`, { field: 'narrative' });
}

export interface ReportRequest {
  outDir: string;
  formats?: ReportFormat[];
  narrative?: NarrativeKind;
  sampling?: SamplingOptions;
  scenario?: string;
  /** Scenario years [first, last] and Monte Carlo draws (default: the scenario engine's). */
  years?: [number, number];
  draws?: number;
  scorer?: string;
  measure?: string;
  seed?: number;
  resamples?: number;
  filler?: GapFiller;
  /** Load the gap filler after the settings are checked (the CLI: it may train a model first). */
  loadFiller?: () => Promise<GapFiller | undefined>;
  /** Fixed date for reproducible output. */
  date?: string;
  /** Provider settings (base URL, model path) when not read from the environment. */
  providerOptions?: ProviderOptions;
  /** An already open provider (tests, the API); closed by the caller. */
  provider?: TextProvider;
  chromiumPath?: string;
  progress?: Progress;
}

export interface ReportResult {
  outDir: string;
  files: string[];
  sections: { id: string; title: string }[];
  charts: number;
  narrative: { kind: NarrativeKind; author: string; grounded: number; removed: { section: string; text: string; sentence: string }[] };
  scenario: { available: boolean; reason?: string };
  /** The headline numbers, each with its unit, source and method. */
  headline: ReportFacts['headline'];
  seconds: { facts: number; narrative: number; render: number; pdf: number; total: number };
}

/**
 * Is anything listening at the model server's address? Checked before the report's work starts,
 * so an unreachable server costs a second, not the whole run.
 */
export async function probeServer(baseUrl: string, timeoutMs = 5000): Promise<void> {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InputError(`not a URL: "${baseUrl}"`, { field: 'JOBSHIFT_LLM_BASE_URL' });
  }
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  await new Promise<void>((ok, fail) => {
    const socket = connect({ host, port });
    const done = (err?: Error) => {
      socket.destroy();
      if (err) fail(new InputError(`cannot reach the LLM server at ${baseUrl} (${(err as { code?: string }).code ?? err.message}): is it running, and is JOBSHIFT_LLM_BASE_URL right?`, { field: 'narrative' }));
      else ok();
    };
    socket.setTimeout(timeoutMs, () => done(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    socket.once('connect', () => done());
    socket.once('error', (err) => done(err));
  });
}

/** A writable temporary folder beside the target (same file system, so the final move is a rename). */
function prepareOutput(outDir: string): string {
  const target = resolve(outDir);
  if (existsSync(target) && !statSync(target).isDirectory()) throw new InputError(`${outDir} exists and is not a directory`, { field: 'out' });
  const parent = dirname(target);
  try {
    mkdirSync(parent, { recursive: true });
    return mkdtempSync(join(parent, `.${basename(target)}.tmp-`));
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new InputError(`cannot write the report to ${outDir}: ${code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission denied' : code === 'ENOTDIR' ? 'a parent is not a directory' : (err as Error).message.split('\n')[0]}`, { field: 'out' });
  }
}

/** Move the finished files from the temporary folder into the target. */
function publish(tmp: string, target: string, files: string[]): void {
  if (!existsSync(target)) {
    renameSync(tmp, target);
    return;
  }
  // An existing folder (a previous report, perhaps other files): replace our files only.
  for (const f of files) {
    const top = f.split('/')[0]!;
    const dest = join(target, top);
    if (top === 'charts') continue;
    rmSync(dest, { force: true });
    renameSync(join(tmp, top), dest);
  }
  if (files.some((f) => f.startsWith('charts/'))) {
    rmSync(join(target, 'charts'), { recursive: true, force: true });
    renameSync(join(tmp, 'charts'), join(target, 'charts'));
  }
  rmSync(tmp, { recursive: true, force: true });
}

export async function makeReport(store: Store, req: ReportRequest): Promise<ReportResult> {
  const t0 = performance.now();
  const formats = req.formats ?? [...REPORT_FORMATS];
  const kind = req.narrative ?? 'template';
  const progress = req.progress ?? silentProgress;
  const steps = 5;
  const target = resolve(req.outDir);
  // Fail fast on bad settings, before any work: the scenario, the model provider, the output folder.
  await resolveScenario(req.scenario ?? 'central');
  let provider = req.provider;
  let ownProvider = false;
  if (kind !== 'template' && !provider) {
    provider = await createProvider(kind, req.providerOptions);
    ownProvider = true;
    if (kind === 'llm') {
      const baseUrl = req.providerOptions?.baseUrl ?? (req.providerOptions?.env ?? process.env).JOBSHIFT_LLM_BASE_URL;
      if (baseUrl) await probeServer(baseUrl).catch(async (err) => {
        await provider!.close().catch(() => undefined);
        throw err;
      });
    }
  }
  const tmp = prepareOutput(req.outDir);
  try {
    const filler = req.filler ?? (await req.loadFiller?.());
    progress.update(0, steps, 'facts');
    const facts = await gatherFacts(store, { scorer: req.scorer, measure: req.measure, scenario: req.scenario, years: req.years, draws: req.draws, seed: req.seed, resamples: req.resamples, filler, date: req.date });
    const t1 = performance.now();
    progress.update(1, steps, 'narrative');
    const narratives: SectionNarrative[] = kind === 'template' ? templateNarratives(facts) : await modelNarrative(provider!, facts, req.sampling, { cache: storeGenerationCache(store), onSection: (i, n, id) => progress.update(1 + i / n, steps, `narrative: ${id}`) });
    const t2 = performance.now();
    progress.update(2, steps, 'charts');
    const doc = buildDocument(facts, narratives);
    await renderCharts(doc, CHART_WIDTH);
    const files = writeDocument(doc, tmp, formats);
    const t3 = performance.now();
    if (formats.includes('pdf')) {
      progress.update(3, steps, 'pdf');
      await htmlToPdf(renderHtml(doc), join(tmp, 'report.pdf'), { executablePath: req.chromiumPath, title: doc.title });
      files.push('report.pdf');
    }
    const t4 = performance.now();
    progress.update(4, steps, 'writing');
    publish(tmp, target, files);
    progress.done();
    return summarise(doc, facts, narratives, kind, target, files, { facts: t1 - t0, narrative: t2 - t1, render: t3 - t2, pdf: t4 - t3, total: performance.now() - t0 });
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    progress.done();
    throw err;
  } finally {
    if (ownProvider) await provider!.close().catch(() => undefined);
  }
}

/** Markdown, HTML and chart files into `dir`; returns the relative paths written. */
export function writeDocument(doc: ReportDocument, dir: string, formats: ReportFormat[]): string[] {
  const files: string[] = [];
  mkdirSync(join(dir, 'charts'), { recursive: true });
  for (const s of doc.sections) {
    for (const b of s.blocks) {
      if (b.kind === 'chart' || b.kind === 'mermaid') {
        if (!b.svg) throw new Error(`chart ${b.id} was not rendered`);
        writeFileSync(join(dir, 'charts', `${b.id}.svg`), b.svg);
        files.push(`charts/${b.id}.svg`);
        if (b.kind === 'mermaid') {
          writeFileSync(join(dir, 'charts', `${b.id}.mmd`), `${b.source}\n`);
          files.push(`charts/${b.id}.mmd`);
        }
      }
    }
  }
  if (formats.includes('md')) {
    writeFileSync(join(dir, 'report.md'), renderMarkdown(doc));
    files.push('report.md');
  }
  if (formats.includes('html')) {
    writeFileSync(join(dir, 'report.html'), renderHtml(doc));
    files.push('report.html');
  }
  return files;
}

function summarise(doc: ReportDocument, facts: ReportFacts, narratives: SectionNarrative[], kind: NarrativeKind, outDir: string, files: string[], ms: Record<'facts' | 'narrative' | 'render' | 'pdf' | 'total', number>): ReportResult {
  const s = (x: number) => Math.round(x) / 1000;
  return {
    outDir,
    files: files.filter((f) => !f.startsWith('charts/')).concat(files.filter((f) => f.startsWith('charts/'))),
    sections: doc.sections.map((x) => ({ id: x.id, title: x.title })),
    charts: doc.sections.flatMap((x) => x.blocks).filter((b) => b.kind === 'chart' || b.kind === 'mermaid').length,
    narrative: {
      kind,
      author: narratives[0]?.author ?? kind,
      grounded: narratives.reduce((n, x) => n + x.grounded, 0),
      removed: narratives.flatMap((x) => x.removed.map((r) => ({ section: x.section, ...r }))),
    },
    scenario: facts.simulation.available ? { available: true } : { available: false, reason: facts.simulation.reason },
    headline: facts.headline,
    seconds: { facts: s(ms.facts), narrative: s(ms.narrative), render: s(ms.render), pdf: s(ms.pdf), total: s(ms.total) },
  };
}
