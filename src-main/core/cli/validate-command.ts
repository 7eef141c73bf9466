import type { Command } from 'commander';
import { loadPolicyFile } from '../dsl/policy-source';
import type { PolicyLoadResult } from '../dsl/policy-source';
import { runDslTests } from '../dsl/run-tests';
import { countSummary, printDiagnostics } from './dsl-command';
import type { CliIo } from './io';
import { CliExit, routerFor, routerOptions } from './load-router';

export interface ValidateOptions {
  runTests?: boolean;
  dataDir?: string;
  lite?: boolean;
}

export async function runValidate(
  file: string,
  io: CliIo,
  options: ValidateOptions = {},
): Promise<void> {
  const result = await loadPolicyFile(file);
  const format = result.format;
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
  if (options.runTests) await runTests(file, result, io, options);
}

/** `--run-tests`: every TEST block's query through the real router. */
async function runTests(
  file: string,
  result: PolicyLoadResult,
  io: CliIo,
  options: ValidateOptions,
): Promise<void> {
  const total = result.tests.reduce((n, t) => n + t.entries.length, 0);
  if (total === 0) {
    io.out(`${file}: no TEST blocks to run\n`);
    return;
  }
  const router = await routerFor(result.config!, io, routerOptions(options));
  const outcomes = await runDslTests(result.config!, router, result.tests);
  for (const o of outcomes) {
    const where = `${file}:${o.line}:${o.column}`;
    const got = o.status === 'not_run' ? 'not run' : `got ${o.actual ?? '(no decision)'}`;
    io.out(
      `${o.status === 'pass' ? 'PASS' : o.status === 'fail' ? 'FAIL' : 'SKIP'} ${where} TEST ${o.test}: ` +
        `${JSON.stringify(o.query)} -> ${o.expected}${o.status === 'pass' ? '' : `, ${got}`}` +
        `${o.note ? ` (${o.note})` : ''}\n`,
    );
  }
  const count = (status: string) => outcomes.filter((o) => o.status === status).length;
  io.out(`${count('pass')} passed, ${count('fail')} failed, ${count('not_run')} not run\n`);
  if (count('fail') > 0) throw new CliExit(1);
}

export function addValidateCommand(program: Command, io: CliIo): void {
  program
    .command('validate')
    .description(
      'Check a v0.3 config (YAML) or a routing DSL file and print every problem with its file:line:col.',
    )
    .argument('<file>', 'config.yaml or policy.dsl')
    .option('--run-tests', "route each query of the DSL's TEST blocks and compare the decision")
    .option('--data-dir <dir>', 'where installed routing models live (with --run-tests)')
    .option('--lite', 'run the tests without routing models')
    .action((file: string, options: ValidateOptions) => runValidate(file, io, options));
}
