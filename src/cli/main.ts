#!/usr/bin/env node
/**
 * The jobshift command line: a thin shell over the library's stages.
 */
import { Command } from 'commander';
import { registerAnalyzeCommands } from './analyze.js';
import { registerCareerCommands } from './career.js';
import { registerDataCommands } from './data.js';
import { registerGenerateCommand } from './generate.js';
import { registerReportCommand } from './report.js';
import { registerScoreCommands } from './score.js';
import { registerServeCommand } from './serve.js';
import { registerSimulateCommand } from './simulate.js';
import { registerStartCommand } from './start.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('jobshift')
    .description('How large language models change work: task exposure, occupations, workforce and scenarios from public labour data.')
    .version('0.1.0')
    .showHelpAfterError()
    .configureOutput({ outputError: (str, write) => write(str) })
    .exitOverride((err) => {
      // Usage errors (unknown option, missing argument) are the user's to fix: exit 2.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') process.exit(0);
      process.exit(2);
    });
  registerDataCommands(program);
  registerAnalyzeCommands(program);
  registerCareerCommands(program);
  registerStartCommand(program);
  registerScoreCommands(program);
  registerServeCommand(program);
  registerReportCommand(program);
  registerGenerateCommand(program);
  registerSimulateCommand(program);
  return program;
}

await buildProgram().parseAsync(process.argv);
