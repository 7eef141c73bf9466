// Located problems found while loading a config (or, later, a DSL file).
// Every loader returns all of them; none throws on the first.

/**
 * `constraint` is a DSL policy's semantic rule broken (a range, a required
 * field, a contract between blocks) as opposed to a syntax `error`; it
 * blocks compiling just the same.
 */
export type Severity = 'error' | 'constraint' | 'warning';

/** A key path into the document, e.g. ['routing', 'decisions', 3, 'rules']. */
export type KeyPath = readonly (string | number)[];

export interface Diagnostic {
  severity: Severity;
  /** Stable, e.g. `yaml_syntax`, `schema`, `unknown_key`, `unknown_model`. */
  code: string;
  message: string;
  file: string;
  /** 1-based; absent only when the document has no position for it. */
  line?: number;
  column?: number;
  /** Dotted key path: `routing.decisions[3].rules`. */
  path: string;
  /** Where the problem ends, when known (editors underline start to end). */
  endLine?: number;
  endColumn?: number;
  /** A replacement for the range that fixes the problem ("did you mean"). */
  fix?: { description: string; newText: string };
}

/** The `path` of a diagnostic located in DSL text rather than at a config key. */
export const DSL_PATH = '(dsl)';

export function formatPath(path: KeyPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out || '(root)';
}

/** `file:line:col: error [code] path: message` — the form editors and terminals link. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line === undefined ? d.file : `${d.file}:${d.line}:${d.column ?? 1}`;
  // DSL diagnostics have no key path: their line and column say it all.
  const path = d.path === DSL_PATH ? '' : `${d.path}: `;
  const fix = d.fix ? ` (fix: ${d.fix.description})` : '';
  return `${where}: ${d.severity} [${d.code}] ${path}${d.message}${fix}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity !== 'warning');
}

/** Collects diagnostics for one document, placing each by its key path. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];

  constructor(
    readonly file: string,
    private readonly locate: (path: KeyPath) => { line: number; column: number } | undefined,
  ) {}

  add(severity: Severity, code: string, path: KeyPath, message: string): void {
    const position = this.locate(path);
    this.items.push({
      severity,
      code,
      message,
      file: this.file,
      path: formatPath(path),
      ...position,
    });
  }

  error(code: string, path: KeyPath, message: string): void {
    this.add('error', code, path, message);
  }

  warn(code: string, path: KeyPath, message: string): void {
    this.add('warning', code, path, message);
  }
}

/** Diagnostics in document order (unplaced ones last), as an editor lists them. */
export function byPosition(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const rank = (d: Diagnostic) =>
    d.line === undefined ? Number.MAX_SAFE_INTEGER : d.line * 100_000 + (d.column ?? 0);
  return [...diagnostics].sort((a, b) => rank(a) - rank(b));
}
