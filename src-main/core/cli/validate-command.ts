import type { Command } from 'commander';
import { loadConfigText } from '../config/load';
import { compileDsl } from '../dsl/compile-dsl';
import { policyFormat, readPolicyText } from '../dsl/policy-source';
import { countSummary, printDiagnostics } from './dsl-command';
import type { CliIo } from './io';
import { CliExit } from './load-router';

export async function runValidate(file: string, io: CliIo): Promise<void> {
  const read = await readPolicyText(file);
  const format = read.text === undefined ? 'yaml' : policyFormat(file, read.text);
  const result =
    read.text === undefined
      ? { diagnostics: read.diagnostics, config: undefined }
      : format === 'dsl'
        ? compileDsl(read.text, file)
        : loadConfigText(read.text, file);
  printDiagnostics(result.diagnostics, io);
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
  if (!result.config) {
    io.err(`${countSummary(file, result.diagnostics)}\n`);
    throw new CliExit(1);
  }
  const profiles = [...result.config.profiles.values()];
  const decisions = profiles.reduce((n, p) => n + p.decisions.length, 0);
  const signals = profiles.reduce((n, p) => {
    const lists: unknown[] = Object.values(p.signals);
    return n + lists.reduce<number>((m, rules) => m + (Array.isArray(rules) ? rules.length : 0), 0);
  }, 0);
  io.out(
    `${file}: valid ${result.config.version || 'v0.3'} ${format === 'dsl' ? 'DSL policy' : 'config'} — ${profiles.length} profile${profiles.length === 1 ? '' : 's'}, ` +
      `${decisions} decisions, ${signals} signal rules, ${result.config.models.size} models` +
      (warnings > 0 ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : '') +
      '\n',
  );
}

export function addValidateCommand(program: Command, io: CliIo): void {
  program
    .command('validate')
    .description(
      'Check a v0.3 config (YAML) or a routing DSL file and print every problem with its file:line:col.',
    )
    .argument('<file>', 'config.yaml or policy.dsl')
    .action((file: string) => runValidate(file, io));
}
