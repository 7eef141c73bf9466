import type { Diagnostic, Severity } from '../../config/diagnostics';
import { DSL_PATH } from '../../config/diagnostics';
import type { Range } from '../syntax/tokens';
import { SourceMap } from './source-map';

/** What the compiler's stages share: the file name, the source map and the diagnostics. */
export class CompileContext {
  readonly map = new SourceMap();
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly file: string) {}

  add(
    severity: Severity,
    code: string,
    range: Range,
    message: string,
    fix?: Diagnostic['fix'],
  ): void {
    this.diagnostics.push({
      severity,
      code,
      message,
      file: this.file,
      line: range.start.line,
      column: range.start.column,
      endLine: range.end.line,
      endColumn: range.end.column,
      path: DSL_PATH,
      ...(fix ? { fix } : {}),
    });
  }

  error(code: string, range: Range, message: string, fix?: Diagnostic['fix']): void {
    this.add('error', code, range, message, fix);
  }

  warn(code: string, range: Range, message: string, fix?: Diagnostic['fix']): void {
    this.add('warning', code, range, message, fix);
  }
}
