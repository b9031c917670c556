import type { Command } from 'commander';
import { withStore } from '../data/store.js';
import { makeReport, parseFormats, parseNarrative } from '../report/report.js';
import { terminalProgress } from '../util/progress.js';
import { gapFiller } from './models.js';
import { parseSampling } from './generate.js';
import { print, printJson, runCommand, wholeNumber } from './output.js';

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('write the report: Markdown, standalone HTML and PDF with charts, sources and a grounded narrative')
    .option('--out <dir>', 'output folder', 'jobshift-report')
    .option('--format <list>', 'comma-separated: md, html, pdf', 'md,html,pdf')
    .option('--scenario <name>', 'scenario for the projections', 'central')
    .option('--narrative <kind>', 'template (default, no model) | llm (OpenAI-compatible server) | llama (local GGUF)', 'template')
    .option('--scorer <name>', 'task ratings: human | gpt4 | local | llm', 'human')
    .option('--measure <m>', 'alpha | beta | gamma', 'beta')
    .option('--temperature <t>', 'sampling temperature (llm, llama)')
    .option('--top-k <k>', 'top-k sampling (llm, llama)')
    .option('--top-p <p>', 'nucleus sampling (llm, llama)')
    .option('--max-tokens <n>', 'most tokens per section (llm, llama)')
    .option('--seed <s>', 'random seed for bootstrap, scenario and sampling', '1')
    .option('--json', 'print a summary as JSON')
    .action((opts) =>
      runCommand(async () => {
        const formats = parseFormats(opts.format);
        const narrative = parseNarrative(opts.narrative);
        // The seed also drives the bootstrap and the scenario draws: a whole number >= 0.
        const sampling = { ...parseSampling(opts), seed: wholeNumber(opts.seed, 'seed', 0) };
        const result = await withStore(async (store) =>
          makeReport(store, {
            outDir: opts.out,
            formats,
            narrative,
            sampling,
            scenario: opts.scenario,
            scorer: opts.scorer,
            measure: opts.measure,
            seed: sampling.seed,
            loadFiller: () => gapFiller(store),
            progress: opts.json ? undefined : terminalProgress('report'),
          }),
        );
        if (opts.json) return printJson(result);
        const lines = [`Report written to ${result.outDir} in ${result.seconds.total.toFixed(1)} s:`, ...result.files.filter((f) => !f.startsWith('charts/')).map((f) => `  ${f}`), `  charts/ (${result.charts} charts)`];
        if (!result.scenario.available) lines.push(`Scenario sections: not available (${result.scenario.reason}).`);
        if (result.narrative.kind !== 'template') lines.push(`Narrative by ${result.narrative.author}: ${result.narrative.grounded} numbers grounded, ${result.narrative.removed.length} removed.`);
        print(lines.join('\n'));
      }),
    );
}
