import type { Diagnostic } from '../config/diagnostics';
import { byPosition, hasErrors } from '../config/diagnostics';
import { checkConfigValue } from '../config/load';
import type { RouterConfig } from '../config/router-config';
import { compileProgram } from './compile/compile-program';
import type { CompiledSections, DslTestCase } from './compile/compile-program';
import { CompileContext } from './compile/context';
import { withFixes } from './compile/fixes';
import type { Program } from './syntax/ast';
import { parseDsl } from './syntax/parser';

// DSL text → the routing sections of a v0.3 config, with every problem
// located in the DSL: syntax errors (all of them, after recovery), compile
// errors, and then every check the YAML loader runs, applied to the compiled
// result and placed back at the DSL line it came from.

export interface DslCompileResult {
  program: Program;
  /** The DSL-owned sections; present unless the file has errors. */
  sections?: CompiledSections;
  /** The whole config as the router reads it (routing-only: no providers). */
  config?: RouterConfig;
  tests: DslTestCase[];
  diagnostics: Diagnostic[];
}

export function compileDsl(source: string, file = '<dsl>'): DslCompileResult {
  const parsed = parseDsl(source, file);
  const ctx = new CompileContext(file);
  const { sections, tests } = compileProgram(parsed.program, ctx);
  const early = [...parsed.diagnostics, ...ctx.diagnostics];
  if (hasErrors(early)) return { program: parsed.program, tests, diagnostics: byPosition(early) };

  const document = { version: 'v0.3', ...sections };
  const checked = checkConfigValue(document, file, (path) => {
    const range = ctx.map.locate(path);
    return range
      ? {
          line: range.start.line,
          column: range.start.column,
          endLine: range.end.line,
          endColumn: range.end.column,
        }
      : undefined;
  });
  // What the config checks refuse in a policy that parsed and compiled is a
  // broken constraint (a range, a required field, a contract between blocks).
  const config = checked.diagnostics.map((d) =>
    withFixes(d.severity === 'error' ? { ...d, severity: 'constraint' } : d, source),
  );
  const diagnostics = byPosition([...early, ...config]);
  const ok = !hasErrors(diagnostics);
  return {
    program: parsed.program,
    tests,
    diagnostics,
    ...(ok ? { sections } : {}),
    ...(ok && checked.config ? { config: checked.config } : {}),
  };
}
