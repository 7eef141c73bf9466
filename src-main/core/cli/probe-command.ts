import type { Command } from 'commander';
import { formatDiagnostic } from '../config/diagnostics';
import { loadProbesFile } from '../probes/load-probes';
import { runProbes } from '../probes/run-probes';
import type { VariantResult } from '../probes/run-probes';
import type { CliIo } from './io';
import { CliExit, loadRouter, routerOptions } from './load-router';

export interface ProbeOptions {
  config: string;
  probes: string;
  json?: boolean;
  dataDir?: string;
  lite?: boolean;
}

function describe(result: VariantResult): string {
  if (result.passed) return `PASS ${result.id} → ${result.decision} (${result.model})`;
  const waiting =
    result.waiting_on_models.length > 0
      ? ` [waiting on model signals: ${result.waiting_on_models.join(', ')}]`
      : '';
  return `FAIL ${result.id}: ${result.failures.join('; ')}${waiting}`;
}

/** Runs a probe file the way upstream's harness does; exits 1 when any variant fails. */
export async function runProbeCommand(options: ProbeOptions, io: CliIo): Promise<void> {
  const router = await loadRouter(options.config, io, routerOptions(options));
  const loaded = await loadProbesFile(options.probes);
  for (const diagnostic of loaded.diagnostics) io.err(`${formatDiagnostic(diagnostic)}\n`);
  if (!loaded.probes) throw new CliExit(1);
  const report = await runProbes(router, loaded.probes);
  if (options.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
  else for (const result of report.results) io.out(`${describe(result)}\n`);
  io.out(`${report.passed} passed, ${report.failed} failed\n`);
  if (report.failed > 0) throw new CliExit(1);
}

export function addProbeCommand(program: Command, io: CliIo): void {
  program
    .command('probe')
    .description("Run a recipe's probe file against its config and report each variant.")
    .requiredOption('-c, --config <file>', 'v0.3 config.yaml')
    .requiredOption('-p, --probes <file>', 'probes.yaml (schema v1)')
    .option('--json', 'print the full report as JSON')
    .option(
      '--data-dir <dir>',
      'where installed routing models live (default: the app data folder)',
    )
    .option('--lite', 'run without routing models even if some are installed')
    .action((options: ProbeOptions) => runProbeCommand(options, io));
}
