/**
 * Reports over HTTP. POST /api/reports starts `makeReport` (src/report, the same function as
 * `jobshift report`) as a job and answers 202 {job}; GET /api/jobs/{id} reports its progress
 * (five steps: facts, narrative, charts, pdf, writing) and, once done, the files with their
 * download URLs; GET /api/reports/{id}/{file} and /api/reports/{id}/charts/{file} send them.
 *
 * Where files go: $JOBSHIFT_HOME/reports/<job id>/ (AppOptions.reportsDir), a folder named by
 * the job id the registry made. No request names a path: the body has no output option (it is
 * strict), the scenario is a built-in name (a name that is a file would be read on the
 * server), and a download is served only when its name is one the finished job listed, read
 * from the path the job wrote. Folders of jobs the registry has forgotten (an hour after they
 * finish, or from an earlier run of the server) are removed when the next report starts.
 *
 * Model-written narratives use the provider this server is configured with (its environment),
 * never a server a request names; without one the route answers 503, as POST /api/generate.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { createRoute, z } from '@hono/zod-openapi';
import type { TextProvider } from '../../llm/provider.js';
import { makeReport, parseFormats, type ReportResult } from '../../report/report.js';
import { parseYears } from '../../simulate/index.js';
import { isInputError } from '../../util/errors.js';
import type { Api, AppContext } from '../context.js';
import { TooManyJobsError } from '../jobs.js';
import { ErrorSchema, JobAcceptedSchema, ReportFileParams, type ReportFileOut, type ReportJobResult, ReportJobResultSchema, ReportRequestSchema } from '../schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

/** Steps makeReport reports progress in (facts, narrative, charts, pdf, writing). */
const REPORT_STEPS = 5;

/** Content types of the files a report writes, by extension. */
export const REPORT_FILE_TYPES: Record<string, string> = {
  '.md': 'text/markdown; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.pdf': 'application/pdf',
  '.svg': 'image/svg+xml',
  '.mmd': 'text/plain; charset=utf-8',
};

/** A job folder, or makeReport's temporary folder beside it (`.<id>.tmp-XXXXXX`). */
const JOB_FOLDER = /^\.?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\.tmp-[A-Za-z0-9]+)?$/;

export const reportRoute = createRoute({
  method: 'post',
  path: '/api/reports',
  tags: ['reports'],
  summary: 'Write the report (Markdown, standalone HTML, PDF, with charts) as a job; download its files when done',
  security: [{ bearer: [] }],
  request: { body: { content: { 'application/json': { schema: ReportRequestSchema } }, required: true } },
  responses: {
    202: json(JobAcceptedSchema, 'Started: poll GET /api/jobs/{id} (Location); once done its result is a ReportJobResult listing the files and their URLs'),
    400: json(ErrorSchema, 'Invalid request: the message names the field'),
    401: json(ErrorSchema, 'Missing or wrong API token'),
    429: json(ErrorSchema, 'Too many requests'),
    503: json(ErrorSchema, 'Not available here: no data, no Chromium for pdf, no model configured for the narrative, or too many jobs running'),
  },
});

const fileResponses = {
  200: {
    description: 'The file, as an attachment (Content-Disposition names it, e.g. jobshift-report-2026-01-01.html)',
    headers: z.object({ 'content-disposition': z.string().openapi({ example: 'attachment; filename="jobshift-report-2026-01-01.html"' }) }),
    content: {
      'text/markdown': { schema: z.string() },
      'text/html': { schema: z.string() },
      'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
      'image/svg+xml': { schema: z.string() },
      'text/plain': { schema: z.string() },
    },
  },
  400: json(ErrorSchema, 'Not a file name (a path, "..")'),
  404: json(ErrorSchema, 'No such report job (kept for an hour after it finishes), it failed, or it wrote no such file'),
  409: json(ErrorSchema, 'The report is still being written'),
};

export const reportFileRoute = createRoute({
  method: 'get',
  path: '/api/reports/{id}/{file}',
  tags: ['reports'],
  summary: 'Download a file of a finished report: report.md, report.html or report.pdf',
  request: { params: ReportFileParams },
  responses: fileResponses,
});

export const reportChartRoute = createRoute({
  method: 'get',
  path: '/api/reports/{id}/charts/{file}',
  tags: ['reports'],
  summary: "Download a chart of a finished report (the Markdown's charts/ links resolve here)",
  request: { params: ReportFileParams },
  responses: fileResponses,
});

export function registerReportRoutes(app: Api, ctx: AppContext): void {
  // The job's result travels through GET /api/jobs/{id} (typed there as unknown): named here so the document describes it.
  app.openAPIRegistry.register('ReportJobResult', ReportJobResultSchema);
  app.openapi(reportRoute, async (c) => {
    const body = c.req.valid('json');
    const store = ctx.store;
    if (!store) return c.json({ error: 'reports are not available on this server (no store)' }, 503);
    const formats = parseFormats(body.formats);
    // Settings checked now, so a fault is a 4xx/503 answer rather than a failed job.
    const scorers = await ctx.data.analysisScorers();
    if (scorers.length === 0) return c.json({ error: 'no task ratings are imported (see /api/data)' }, 503);
    if (!scorers.includes(body.scorer)) return c.json({ error: `no ratings by the ${body.scorer} scorer here (available: ${scorers.join(', ')})`, field: 'scorer' }, 400);
    try {
      parseYears(body.years);
    } catch (err) {
      if (isInputError(err)) return c.json({ error: err.message, field: 'years' }, 400);
      throw err;
    }
    if (formats.includes('pdf') && !existsSync(ctx.chromiumPath)) {
      return c.json({ error: 'pdf is not available on this server (it needs Chromium); ask for md or html', field: 'formats' }, 503);
    }
    let provider: TextProvider | undefined;
    if (body.narrative !== 'template') {
      try {
        provider = await ctx.textProvider(body.narrative);
      } catch (err) {
        if (isInputError(err)) return c.json({ error: `a ${body.narrative} narrative is not available: ${err.message}`, field: 'narrative' }, 503);
        throw err;
      }
    }
    const date = new Date().toISOString().slice(0, 10);
    try {
      const job = ctx.jobs.start('report', REPORT_STEPS, async (jc) => {
        const result = await makeReport(store, {
          outDir: join(ctx.reportsDir, jc.id),
          formats,
          narrative: body.narrative,
          sampling: { temperature: body.temperature, topK: body.topK, topP: body.topP, maxTokens: body.maxTokens, seed: body.seed },
          scenario: body.scenario,
          years: body.years as [number, number] | undefined,
          draws: body.draws,
          scorer: body.scorer,
          measure: body.measure,
          seed: body.seed,
          resamples: ctx.resamples,
          filler: ctx.filler,
          provider,
          chromiumPath: ctx.chromiumPath,
          date,
          progress: { update: (done, total) => jc.progress(done, total), done: () => undefined },
        });
        return reportJobResult(jc.id, date, result);
      });
      pruneReports(ctx.reportsDir, (id) => ctx.jobs.get(id) !== undefined, ctx.log);
      c.header('location', `/api/jobs/${job.id}`);
      return c.json({ job: job.id }, 202);
    } catch (err) {
      if (err instanceof TooManyJobsError) return c.json({ error: err.message }, 503);
      throw err;
    }
  });

  const download = async (id: string, name: string) => {
    const job = ctx.jobs.get(id);
    if (!job || job.kind !== 'report') return { status: 404 as const, error: { error: `no report ${id} (reports are kept for an hour after they finish)`, field: 'id' } };
    if (job.status === 'running') return { status: 409 as const, error: { error: `report ${id} is still being written: poll /api/jobs/${id}`, field: 'id' } };
    if (job.status === 'failed') return { status: 404 as const, error: { error: `report ${id} failed, so it has no files: ${job.error ?? 'unknown error'}`, field: 'id' } };
    const result = job.result as ReportJobResult;
    // The name is looked up among the files the job listed; the path read is the job's own.
    const entry = [...result.files, ...result.charts].find((f) => f.name === name);
    if (!entry) return { status: 404 as const, error: { error: `report ${id} has no file ${name} (it has ${result.files.map((f) => f.name).join(', ')} and ${result.charts.length} charts)`, field: 'file' } };
    try {
      const body = await readFile(join(ctx.reportsDir, id, entry.name));
      return { status: 200 as const, body, entry, filename: downloadName(entry.name, result.date) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      return { status: 404 as const, error: { error: `report ${id}: ${name} is no longer on disk`, field: 'file' } };
    }
  };

  for (const [route, prefix] of [
    [reportFileRoute, ''],
    [reportChartRoute, 'charts/'],
  ] as const) {
    app.openapi(route, async (c) => {
      const { id, file } = c.req.valid('param');
      const r = await download(id, `${prefix}${file}`);
      if (r.status !== 200) return c.json(r.error, r.status);
      return c.body(new Uint8Array(r.body), 200, {
        'content-type': r.entry.contentType,
        'content-disposition': `attachment; filename="${r.filename}"`,
      });
    });
  }
}

/** The job's result: what makeReport returns, with download URLs in place of server paths. */
export function reportJobResult(id: string, date: string, r: ReportResult): ReportJobResult {
  const dir = r.outDir;
  const file = (name: string): ReportFileOut => ({
    name,
    url: `/api/reports/${id}/${name}`,
    contentType: REPORT_FILE_TYPES[extname(name)] ?? 'application/octet-stream',
    bytes: statSync(join(dir, name)).size,
  });
  return {
    date,
    files: r.files.filter((f) => !f.startsWith('charts/')).map(file),
    charts: r.files.filter((f) => f.startsWith('charts/')).map(file),
    sections: r.sections,
    narrative: r.narrative,
    scenario: r.scenario,
    headline: r.headline,
    seconds: r.seconds,
  };
}

/** report.html of a report dated 2026-01-01 downloads as jobshift-report-2026-01-01.html; charts keep their names. */
function downloadName(name: string, date: string): string {
  return name.startsWith('report.') ? `jobshift-report-${date}${extname(name)}` : basename(name);
}

/** Remove the folders of report jobs the registry no longer knows (their files can no longer be downloaded). */
export function pruneReports(dir: string, known: (id: string) => boolean, log: (m: string) => void): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const id = JOB_FOLDER.exec(name)?.[1];
    if (!id || known(id)) continue;
    try {
      rmSync(join(dir, name), { recursive: true, force: true });
    } catch (err) {
      log(`could not remove the old report folder ${join(dir, name)}: ${(err as Error).message}`);
    }
  }
}
