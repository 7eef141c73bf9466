import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Diagnostic } from '../config/diagnostics';
import { formatDiagnostic } from '../config/diagnostics';
import { compileDsl } from '../dsl/compile-dsl';
import { decompileConfig } from '../dsl/decompile/decompile';
import { emitSectionsYaml, mergeIntoBase } from '../dsl/emit-yaml';
import { readPolicyText, readRawConfig } from '../dsl/policy-source';
import type { CliIo } from './io';
import { CliExit } from './load-router';

// `homelane compile FILE.dsl [-o config.yaml] [--base config.yaml]` and
// `homelane decompile config.yaml [-o FILE.dsl]`.

export function printDiagnostics(diagnostics: readonly Diagnostic[], io: CliIo): void {
  for (const d of diagnostics) io.err(`${formatDiagnostic(d)}\n`);
}

export function countSummary(file: string, diagnostics: readonly Diagnostic[]): string {
  const count = (severity: Diagnostic['severity']) =>
    diagnostics.filter((d) => d.severity === severity).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${file}: ${plural(count('error'), 'error')}, ${plural(count('constraint'), 'constraint')}, ${plural(count('warning'), 'warning')}`;
}

/** The text of a policy file; a file that cannot be read ends the command, located. */
export async function readTextOrExit(file: string, io: CliIo): Promise<string> {
  const read = await readPolicyText(file);
  if (read.text === undefined) {
    printDiagnostics(read.diagnostics, io);
    throw new CliExit(1);
  }
  return read.text;
}

async function output(text: string, out: string | undefined, io: CliIo): Promise<void> {
  if (out === undefined || out === '-') io.out(text);
  else await writeFile(out, text, 'utf8');
}

export async function runCompile(
  file: string,
  options: { output?: string; base?: string },
  io: CliIo,
): Promise<void> {
  const result = compileDsl(await readTextOrExit(file, io), file);
  printDiagnostics(result.diagnostics, io);
  if (!result.sections) {
    io.err(`${countSummary(file, result.diagnostics)}; nothing written\n`);
    throw new CliExit(1);
  }
  let yaml = emitSectionsYaml(result.sections);
  if (options.base !== undefined) {
    const base = await readPolicyText(options.base);
    const merged =
      base.text === undefined ? base : mergeIntoBase(result.sections, base.text, options.base);
    if (merged.diagnostics.length > 0 || !('yaml' in merged) || merged.yaml === undefined) {
      printDiagnostics(merged.diagnostics, io);
      throw new CliExit(1);
    }
    yaml = merged.yaml;
  }
  await output(yaml, options.output, io);
  if (options.output !== undefined && options.output !== '-')
    io.err(
      `${file}: compiled to ${options.output}${options.base ? ` (merged into ${options.base})` : ''}\n`,
    );
}

export async function runDecompile(
  file: string,
  options: { output?: string },
  io: CliIo,
): Promise<void> {
  const read = await readPolicyText(file);
  const loaded = read.text === undefined ? read : readRawConfig(read.text, file);
  printDiagnostics(loaded.diagnostics, io);
  if (!('raw' in loaded) || loaded.raw === undefined) {
    io.err(`${countSummary(file, loaded.diagnostics)}; nothing written\n`);
    throw new CliExit(1);
  }
  await output(decompileConfig(loaded.raw), options.output, io);
}

export function addDslCommands(program: Command, io: CliIo): void {
  program
    .command('compile')
    .description('Compile a routing DSL file to v0.3 YAML (routing, entrypoints, recipes).')
    .argument('<file>', 'policy.dsl')
    .option('-o, --output <file>', 'write the YAML here (default: stdout)')
    .option(
      '--base <config>',
      'merge into this config, keeping its providers, listeners and global',
    )
    .action((file: string, options: { output?: string; base?: string }) =>
      runCompile(file, options, io),
    );
  program
    .command('decompile')
    .description("Print a v0.3 config's routing as DSL (the canonical form).")
    .argument('<file>', 'config.yaml')
    .option('-o, --output <file>', 'write the DSL here (default: stdout)')
    .action((file: string, options: { output?: string }) => runDecompile(file, options, io));
}
