import type { Command } from 'commander';
import { formatDiagnostic } from '../config/diagnostics';
import { loadConfigFile } from '../config/load';
import type { CliIo } from './io';
import { CliExit } from './load-router';

export async function runValidate(file: string, io: CliIo): Promise<void> {
  const result = await loadConfigFile(file);
  for (const diagnostic of result.diagnostics) io.err(`${formatDiagnostic(diagnostic)}\n`);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  if (!result.config) {
    io.err(
      `${file}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`,
    );
    throw new CliExit(1);
  }
  const profiles = [...result.config.profiles.values()];
  const decisions = profiles.reduce((n, p) => n + p.decisions.length, 0);
  const signals = profiles.reduce((n, p) => {
    const lists: unknown[] = Object.values(p.signals);
    return n + lists.reduce<number>((m, rules) => m + (Array.isArray(rules) ? rules.length : 0), 0);
  }, 0);
  io.out(
    `${file}: valid ${result.config.version || 'v0.3'} config — ${profiles.length} profile${profiles.length === 1 ? '' : 's'}, ` +
      `${decisions} decisions, ${signals} signal rules, ${result.config.models.size} models` +
      (warnings > 0 ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : '') +
      '\n',
  );
}

export function addValidateCommand(program: Command, io: CliIo): void {
  program
    .command('validate')
    .description('Check a v0.3 routing config and print every problem with its file:line:col.')
    .argument('<file>', 'config.yaml')
    .action((file: string) => runValidate(file, io));
}
