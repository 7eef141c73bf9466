import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { exportForUpstream } from '../config/export-upstream';
import { loadConfigText } from '../config/load';
import { printDsl } from '../services/policy-edit/edited-diagnostics';
import { countSummary, printDiagnostics, readTextOrExit } from './dsl-command';
import type { CliIo } from './io';
import { CliExit } from './load-router';

// `homelane export config.yaml -o DIR`: the policy as vLLM Semantic Router
// reads it, for a deployment beyond this machine. DIR gets `config.yaml` (the
// same YAML, comments and order kept, without Homelane's extension keys) and
// `recipe.dsl` (its routing in the canonical DSL). The same transformation as
// the Policy page's Export. A config with errors exports nothing.

export interface ExportOptions {
  outDir: string;
}

/** Writes `file` whole or not at all (a temporary file renamed over it). */
async function writeWhole(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, file);
}

export async function runExport(file: string, options: ExportOptions, io: CliIo): Promise<void> {
  const text = await readTextOrExit(file, io);
  if (file.endsWith('.dsl')) {
    io.err(
      `homelane export: ${file} is DSL, which holds only the routing; export a whole config: ` +
        `homelane compile ${file} --base config.yaml -o config.yaml first\n`,
    );
    throw new CliExit(1);
  }
  const loaded = loadConfigText(text, file);
  printDiagnostics(loaded.diagnostics, io);
  if (!loaded.config) {
    io.err(`${countSummary(file, loaded.diagnostics)}; nothing exported\n`);
    throw new CliExit(1);
  }
  const clean = exportForUpstream(text);
  // The DSL holds no providers, so the config as loaded prints the same DSL as its clean copy.
  const printed = printDsl(loaded.raw);
  if (printed.dsl === null) {
    io.err(`homelane export: ${printed.problems.join('; ')}; nothing exported\n`);
    throw new CliExit(1);
  }
  await mkdir(options.outDir, { recursive: true });
  const yamlFile = join(options.outDir, 'config.yaml');
  const dslFile = join(options.outDir, 'recipe.dsl');
  await writeWhole(yamlFile, clean.text);
  await writeWhole(dslFile, printed.dsl);
  const removed =
    clean.removed.length === 0
      ? 'nothing Homelane-only to remove'
      : `removed ${clean.removed.join(', ')}`;
  io.out(`${yamlFile}: the config for upstream (${removed})\n${dslFile}: its routing as DSL\n`);
}

export function addExportCommand(program: Command, io: CliIo): void {
  program
    .command('export')
    .description(
      "Export a config for vLLM Semantic Router: config.yaml without Homelane's keys, and recipe.dsl.",
    )
    .argument('<config>', 'config.yaml')
    .requiredOption('-o, --out-dir <dir>', 'the folder to write config.yaml and recipe.dsl into')
    .action((file: string, options: ExportOptions) => runExport(file, options, io));
}
