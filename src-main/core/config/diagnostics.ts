// Located problems found while loading a config (or, later, a DSL file).
// Every loader returns all of them; none throws on the first.

export type Severity = 'error' | 'warning';

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
}

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
  return `${where}: ${d.severity} [${d.code}] ${d.path}: ${d.message}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
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
